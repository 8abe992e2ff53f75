"""Qt list model exposing the sources (with their last reading and reminders) to the sidebar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QGuiApplication, QPalette

from ...domain.entities import SourceSummary
from ...i18n import translate
from ..figures import day_month
from ..icons import category_icon

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class _Item:
    """A summary with the texts the sidebar shows, formatted once in ``set_summaries``."""

    summary: SourceSummary
    name: str
    last_text: str
    tooltip: str
    overdue: bool


class SourcesListModel(QAbstractListModel):
    """The sources of the sidebar, one row per SourceSummary, in the order given.

    Archived sources are shown greyed with "(archived)". Setting summaries for the same sources in
    the same order only updates the rows (the selection survives); anything else resets the model.
    """

    #: The source's name, lower-cased, for sorting.
    SortRole = Qt.ItemDataRole.UserRole
    #: The SourceSummary of the row.
    SummaryRole = Qt.ItemDataRole.UserRole + 1
    #: "3 days ago · 12 Nov" or "No readings yet".
    LastReadingTextRole = Qt.ItemDataRole.UserRole + 2
    #: True when a reading is due (the source's interval has passed).
    OverdueRole = Qt.ItemDataRole.UserRole + 3
    #: True for an archived source.
    ArchivedRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[_Item] = []

    def set_summaries(self, summaries: Sequence[SourceSummary], now: datetime) -> None:
        """Show ``summaries``; ``now`` (tz-aware) is what "3 days ago" and "overdue" refer to."""
        locale = QLocale()
        items = [_item(summary, now, locale) for summary in summaries]
        same_rows = [i.summary.source.id for i in items] == [i.summary.source.id for i in self._items]
        if same_rows and items:
            self._items = items
            self.dataChanged.emit(self.index(0), self.index(len(items) - 1))
            return
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def summary_at(self, row: int) -> SourceSummary | None:
        return self._items[row].summary if 0 <= row < len(self._items) else None

    def summaries(self) -> list[SourceSummary]:
        return [item.summary for item in self._items]

    def row_of(self, source_id: int | None) -> int | None:
        """The row of the source with ``source_id``, if listed."""
        return next((i for i, item in enumerate(self._items) if item.summary.source.id == source_id), None)

    # -- QAbstractListModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        source = item.summary.source
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == Qt.ItemDataRole.DecorationRole:
            return category_icon(source.category)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip
        if role == Qt.ItemDataRole.ForegroundRole:
            if source.archived:
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
            return None
        if role == self.SortRole:
            return source.name.lower()
        if role == self.SummaryRole:
            return item.summary
        if role == self.LastReadingTextRole:
            return item.last_text
        if role == self.OverdueRole:
            return item.overdue
        if role == self.ArchivedRole:
            return source.archived
        return None


def last_reading_text(last: datetime | None, now: datetime, locale: QLocale | None = None) -> str:
    """How long ago the last reading was, and its date: "3 days ago · 12 Nov", "No readings yet"."""
    if last is None:
        return translate("Sources", "No readings yet")
    locale = locale or QLocale()
    local, today = last.astimezone(), now.astimezone()
    days = (today.date() - local.date()).days
    if days == 0:
        when = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    else:
        date = QDate(local.year, local.month, local.day)
        when = (
            day_month(date, locale)
            if local.year == today.year
            else locale.toString(date, QLocale.FormatType.ShortFormat)
        )
    return f"{_age(days)} · {when}"


def _item(summary: SourceSummary, now: datetime, locale: QLocale) -> _Item:
    source = summary.source
    name = translate("Sources", "%1 (archived)").replace("%1", source.name) if source.archived else source.name
    overdue = summary.is_overdue(now)
    last_text = (
        translate("Sources", "Virtual meter")
        if source.virtual
        else last_reading_text(summary.last_reading_at, now, locale)
    )
    lines = [f"<b>{_escape(source.name)}</b>"]
    if source.description.strip():
        lines.append(_escape(source.description.strip()))
    if summary.last_reading_at is not None:
        local = summary.last_reading_at.astimezone()
        moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        when = locale.toString(moment, QLocale.FormatType.ShortFormat)
        age = _age((now.astimezone().date() - local.date()).days)
        age = age[:1].lower() + age[1:]  # "Vor 3 Tagen" → "vor 3 Tagen": only the first letter
        lines.append(translate("Sources", "Last reading: %1 (%2)").replace("%1", _escape(when)).replace("%2", age))
    elif source.virtual:
        lines.append(translate("Sources", "Virtual meter: computed from other meters, no readings of its own"))
    else:
        lines.append(translate("Sources", "No readings yet"))
    if source.interval_days:
        every = translate("Sources", "Read every %n day(s)", None, source.interval_days)
        lines.append(every + (translate("Sources", " — <b>a reading is due</b>") if overdue else ""))
    if source.archived:
        lines.append(translate("Sources", "Archived: kept for history, no reminders"))
    return _Item(summary, name, last_text, "<br>".join(lines), overdue)


def _age(days: int) -> str:
    if days < 0:
        return translate("Sources", "Upcoming")
    if days == 0:
        return translate("Sources", "Today")
    if days == 1:
        return translate("Sources", "Yesterday")
    if days < 14:
        return translate("Sources", "%n day(s) ago", None, days)
    if days < 60:
        return translate("Sources", "%n week(s) ago", None, days // 7)
    if days < 730:
        return translate("Sources", "%n month(s) ago", None, days // 30)
    return translate("Sources", "%n year(s) ago", None, days // 365)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
