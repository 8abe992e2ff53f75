"""Ctrl+C on a table: the selected rows, tab-separated, with the column headers first.

What a spreadsheet of the same locale reads back as numbers: decimal separator of the locale,
no group separators, dates as ``yyyy-MM-dd HH:mm``; tabs and line breaks inside a cell become
spaces, so one row stays one line.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

from ..background import start
from ..i18n import translate

#: What copying produces for a list of (sorted, distinct) row numbers.
RowsText = Callable[[list[int]], "str | Awaitable[str]"]


def clean_cell(text: str) -> str:
    """One cell on one line: tabs and line breaks become single spaces."""
    return " ".join(text.replace("\t", " ").splitlines()).strip() if text else ""


def plain_number(text: str, locale: QLocale | None = None) -> str:
    """A formatted number without the locale's group separators ("1,234.5" → "1234.5")."""
    locale = locale or QLocale()
    for separator in {locale.groupSeparator(), "\u00a0", "\u202f"}:
        if separator:
            text = text.replace(separator, "")
    return text


def as_tsv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Headers and rows as tab-separated lines, ending with a line break."""
    lines = ["\t".join(clean_cell(h) for h in headers)]
    lines.extend("\t".join(clean_cell(c) for c in row) for row in rows)
    return "\n".join(lines) + "\n"


def selected_rows(view: QAbstractItemView) -> list[int]:
    """The selected rows of ``view`` in order (the current row when nothing is selected)."""
    selection = view.selectionModel()
    if selection is None:
        return []
    rows = sorted({index.row() for index in selection.selectedIndexes()})
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    return rows


def install_copy(view: QAbstractItemView, rows_text: RowsText) -> QAction:
    """Give ``view`` a Copy action (Ctrl+C or the platform's key, and its context menu).

    ``rows_text(rows)`` returns the text for the selected rows, or an awaitable of it (a table that
    loads its rows a page at a time fetches the ones not in memory first).
    """
    action = QAction(translate("TableCopy", "&Copy"), view)
    action.setObjectName("copyRows")
    action.setShortcut(QKeySequence.StandardKey.Copy)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setStatusTip(translate("TableCopy", "Copy the selected rows (tab-separated, for a spreadsheet)"))

    def copy() -> None:
        rows = selected_rows(view)
        if not rows:
            return
        result = rows_text(rows)
        if isinstance(result, str):
            QGuiApplication.clipboard().setText(result)
            return

        async def finish(pending: Awaitable[str]) -> None:
            QGuiApplication.clipboard().setText(await pending)

        start(finish(result))

    action.triggered.connect(copy)
    view.addAction(action)
    if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action
