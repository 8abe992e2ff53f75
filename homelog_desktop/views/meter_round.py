"""The meter round: one sheet to type the readings of every due meter, checked as typed, saved together."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..i18n import translate

import qasync  # isort: skip  (after PySide6, so that qasync picks PySide6)

from ..domain.entities import MetricKind
from ..domain.validation import Issue, Severity, warning_key
from ..viewmodels.meter_round import MeterRoundViewModel, RoundLine
from . import figures
from .dashboard import ElidedLabel
from .icons import category_icon
from .reading_dialog import NO_START_TEXT, PERIOD_TIP
from .waiting import WaitingBar
from .widgets import Banner, DiscardQuestion, is_dark, preferred_size

#: The earliest period start offered; the field shows NO_START_TEXT there (no earlier reading: not known).
_NO_START = QDateTime(QDate(1900, 1, 1), QDateTime.fromSecsSinceEpoch(0).time())
#: Milliseconds the round's time must stay unchanged before the values around it are loaded again.
RELOAD_DELAY_MS = 300
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Key = tuple[int, int]


@dataclass(slots=True)
class _Row:
    """The widgets of one input line: a metric of a source."""

    line: RoundLine
    widgets: list[QWidget]
    edit: QLineEdit
    message: QLabel
    #: An amount per period's start (editable; "since the previous reading" by default), and the way back to it.
    period: QDateTimeEdit | None = None
    period_reset: QPushButton | None = None


class MeterRoundDialog(QDialog):
    """A keyboard-driven sheet: Tab or Enter moves to the next value, empty lines are skipped, and
    Save stores every value typed in one transaction (all or nothing). On an error the sheet stays
    open with the message and everything typed."""

    _timestamp: QDateTimeEdit
    _show_all: QCheckBox
    _grid: QGridLayout
    _empty: QLabel
    _nothing_due: QLabel
    _save: QPushButton
    _cancel: QPushButton
    _count: QLabel
    _busy_label: QLabel
    _banner: Banner
    _waiting: WaitingBar

    def __init__(
        self, vm: MeterRoundViewModel, parent: QWidget | None = None, *, entered_by: int | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meterRoundDialog")
        self.setWindowTitle(translate("MeterRoundDialog", "Meter round"))
        self._vm = vm
        self._entered_by = entered_by
        self._locale = QLocale()
        self._decimal_point = self._locale.decimalPoint()
        self.rows: list[_Row] = []
        #: What was typed, by (source id, metric id): survives reloading the lines.
        self._texts: dict[Key, str] = {}
        self._saving = False
        self._closing = False
        self._started = False
        self._discard = DiscardQuestion(self, "discardRoundBox")
        self._headings: list[QLabel] = []
        self._started_show_all = False
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload)
        self._setup_ui()
        vm.lines_loaded.connect(self._on_lines_loaded)
        vm.saved.connect(self._on_saved)
        vm.error_occurred.connect(self._on_error)
        vm.warnings_raised.connect(self._on_warnings_raised)
        vm.waiting_changed.connect(self._on_waiting_changed)
        vm.save_cancelled.connect(self._on_save_cancelled)
        vm.busy_changed.connect(self._on_busy_changed)
        self.resize(preferred_size(self, 860, 560, chars=120, lines=30))

    # -- public ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the lines (once)."""
        if not self._started:
            self._started = True
            self._vm.spawn(self._vm.load())

    def edits(self) -> list[QLineEdit]:
        """The visible inputs the signed-in member may type in, in order."""
        return [r.edit for r in self.rows if not r.edit.isHidden() and not r.line.refusal]

    def row_for(self, source_id: int, metric_id: int) -> _Row | None:
        return next((r for r in self.rows if r.line.source.id == source_id and r.line.metric.id == metric_id), None)

    def entries(self) -> tuple[dict[int, dict[int, Decimal]], list[tuple[_Row, str]]]:
        """Values typed (source id -> metric id -> value) and the inputs that cannot be read."""
        rows = {
            (r.line.source.id, r.line.metric.id): r
            for r in self.rows
            if r.line.source.id is not None and r.line.metric.id is not None
        }
        values, bad = self._vm.parse({key: row.edit.text() for key, row in rows.items()}, self._decimal_point)
        return values, [(rows[key], issue.message) for key, issue in bad.items()]

    def reject(self) -> None:
        """Cancel; when values were typed, ask before throwing them away."""
        typed = sum(1 for text in self._texts.values() if text.strip())
        if self._closing or not typed:
            self._close()
            return
        self._discard.ask(
            translate("MeterRoundDialog", "Discard this meter round?"),
            translate("MeterRoundDialog", "The %n value(s) you typed have not been saved.", None, typed),
            self._close,
        )

    # -- Qt overrides ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if event.key() in _ENTER_KEYS and plain:
                self._on_enter_in(watched)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in _ENTER_KEYS and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            # Enter never closes the sheet by accident: in a box it moves on (see eventFilter); on
            # Save (where Enter on the last box goes when there are warnings) it saves.
            if self._save.hasFocus() and self._save.isEnabled():
                self._save.click()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self._reload_timer.stop()
        super().done(result)

    # -- view-model signals ----------------------------------------------------------------------

    def _on_lines_loaded(self, lines: list[RoundLine]) -> None:
        focused = self._focused_key()
        self._build_rows(lines)
        if not self._started_show_all:
            self._started_show_all = True
            with _blocked(self._show_all):
                self._show_all.setChecked(not any(line.overdue for line in lines))
        self._apply_filter()
        self._refresh()
        target = self.row_for(*focused) if focused is not None else None
        edits = self.edits()
        if target is not None and not target.edit.isHidden():
            target.edit.setFocus()
        elif edits and focused is None:
            edits[0].setFocus()
            edits[0].selectAll()

    def _on_saved(self, readings: list[object]) -> None:
        self._saving = False
        self._closing = True
        self.accept()

    def _on_error(self, message: str) -> None:
        self._saving = False
        self._banner.show_message(message, "error")
        self._refresh()

    def _on_warnings_raised(self, issues: list[Issue]) -> None:
        """The stored readings changed since the sheet was checked: show the new warnings, store nothing."""
        self._saving = False
        self._banner.show_message("\n".join(i.text for i in issues), "warning")
        self._refresh()

    def _on_waiting_changed(self, waiting: bool) -> None:
        """Another program holds the write lock: say so, with Cancel; the round is saved when it is free."""
        self._waiting.setVisible(waiting)

    def _on_save_cancelled(self) -> None:
        self._saving = False
        self._refresh()

    def _on_busy_changed(self, busy: bool) -> None:
        self._busy_label.setVisible(busy)

    # -- user actions ----------------------------------------------------------------------------

    def _on_enter_in(self, widget: QObject) -> None:
        edits = self.edits()
        if widget is self._timestamp and edits:
            edits[0].setFocus()
            edits[0].selectAll()
        elif isinstance(widget, QLineEdit) and widget in edits and widget is not edits[-1]:
            following = edits[edits.index(widget) + 1]
            following.setFocus()
            following.selectAll()
        elif self._save.isEnabled():
            if self._has_warnings() and not self._save.hasFocus():
                self._save.setFocus()  # warnings: saving anyway is a deliberate second Enter
            else:
                self._save.click()

    def _on_save_clicked(self) -> None:
        if self._saving:
            return
        values, bad = self.entries()
        if bad:
            self._banner.show_message(
                "\n".join(f"{r.line.source.name} · {r.line.metric.label}: {message}" for r, message in bad), "error"
            )
            bad[0][0].edit.setFocus()
            return
        self._banner.dismiss()
        self._saving = True
        self._refresh()
        # Save (or "Save anyway") accepts the warnings the sheet shows now, and only those.
        accepted = {sid: {warning_key(i) for i in self._vm.check(sid, by_metric)} for sid, by_metric in values.items()}
        self._vm.spawn(self._vm.save(values, self._entered_by, accepted))

    def _on_text_edited(self, row: _Row) -> None:
        key = (row.line.source.id or 0, row.line.metric.id or 0)
        self._texts[key] = row.edit.text()
        self._refresh()

    def _on_timestamp_changed(self) -> None:
        self._reload_timer.start()

    @qasync.asyncSlot()
    async def _reload(self) -> None:
        await self._vm.load(self._round_time())

    # -- helpers ---------------------------------------------------------------------------------

    def _round_time(self) -> datetime:
        moment = self._timestamp.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(moment, UTC)

    def _close(self) -> None:
        self._closing = True
        super().reject()

    def _focused_key(self) -> Key | None:
        focus = self.focusWidget()
        row = next((r for r in self.rows if r.edit is focus), None)
        if row is None:
            return None
        return (row.line.source.id or 0, row.line.metric.id or 0)

    def _has_warnings(self) -> bool:
        return any(i.severity is Severity.WARNING for i in self._all_issues())

    def _all_issues(self) -> list[Issue]:
        values, _bad = self.entries()
        found: list[Issue] = []
        for source_id, by_metric in values.items():
            found.extend(self._vm.check(source_id, by_metric))
        return found

    def _refresh(self) -> None:
        """Messages beside each input, the count and the Save button, from what is typed now."""
        values, bad = self.entries()
        bad_rows = {id(r): m for r, m in bad}
        issues_by_source = {sid: self._vm.check(sid, by_metric) for sid, by_metric in values.items()}
        warnings = 0
        first_of_source: set[int] = set()
        for row in self.rows:
            source_id = row.line.source.id or 0
            messages: list[tuple[str, str]] = []
            if id(row) in bad_rows:
                messages.append(("error", bad_rows[id(row)]))
            for issue in issues_by_source.get(source_id, []):
                mine = issue.metric_id == row.line.metric.id
                whole = issue.metric_id is None and source_id not in first_of_source and row.edit.text().strip()
                if mine or whole:
                    kind = "error" if issue.severity is Severity.ERROR else "warning"
                    messages.append((kind, issue.message if mine else issue.text))
                    warnings += kind == "warning"
            if row.edit.text().strip() and source_id in values:
                first_of_source.add(source_id)
            if messages:
                kind = "error" if any(k == "error" for k, _ in messages) else "warning"
                row.message.setText("  ".join(("✕ " if k == "error" else "⚠ ") + text for k, text in messages))
                row.message.setPalette(self._tone_palette(kind))
                row.message.show()
            else:
                row.message.clear()
                row.message.hide()
        count = sum(len(v) for v in values.values())
        sources = len(values)
        if count:
            self._count.setText(
                translate(
                    "MeterRoundDialog", "%n value(s) for {sources} — empty lines are skipped", None, count
                ).format(sources=translate("MeterRoundDialog", "%n source(s)", None, sources))
            )
        else:
            self._count.setText(translate("MeterRoundDialog", "Type the values you read; empty lines are skipped."))
        if self._saving:
            self._save.setText(translate("MeterRoundDialog", "Saving…"))
        elif warnings:
            self._save.setText(translate("MeterRoundDialog", "Save anyway"))
        else:
            self._save.setText(
                translate("MeterRoundDialog", "Save")
                if sources <= 1
                else translate("MeterRoundDialog", "Save %n readings", None, sources)
            )
        self._save.setEnabled(bool(count) and not self._saving and not bad)

    def _tone_palette(self, kind: str) -> QPalette:
        palette = self.palette()
        dark = is_dark(palette)
        colors = {"error": ("#b3261e", "#ffb4ab"), "warning": ("#8a5300", "#ffd08a")}
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colors[kind][1 if dark else 0]))
        return palette

    def _build_rows(self, lines: list[RoundLine]) -> None:
        for row in self.rows:
            for widget in row.widgets:
                widget.deleteLater()
        for heading in self._headings:
            heading.deleteLater()
        self.rows = []
        self._headings = []
        grid = self._grid
        self._empty.setVisible(not lines)
        r = 0
        group: bool | None = None
        previous_source: int | None = None
        small = self.fontMetrics().height()
        if lines:
            for column, text in (
                (1, translate("MeterRoundDialog", "Meter")),
                (2, translate("MeterRoundDialog", "Register")),
                (3, translate("MeterRoundDialog", "Previous reading")),
                (4, translate("MeterRoundDialog", "Reading now")),
            ):
                caption = QLabel(text)
                caption.setEnabled(False)
                grid.addWidget(caption, r, column)
                self._headings.append(caption)
            r += 1
        for line in lines:
            if line.overdue != group:
                group = line.overdue
                heading = QLabel(
                    translate("MeterRoundDialog", "Due now")
                    if line.overdue
                    else translate("MeterRoundDialog", "Not due yet")
                )
                heading.setObjectName("roundHeadingDue" if line.overdue else "roundHeadingLater")
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                heading.setContentsMargins(0, 8 if r else 0, 0, 2)
                grid.addWidget(heading, r, 0, 1, 5)
                self._headings.append(heading)
                r += 1
            source = line.source
            first = source.id != previous_source
            previous_source = source.id
            icon = QLabel()
            name = ElidedLabel(source.name if first else "")
            name.setMinimumWidth(80)
            if first:
                icon.setPixmap(category_icon(source.category).pixmap(small + 6, small + 6))
                name_font = name.font()
                name_font.setBold(True)
                name.setFont(name_font)
            metric = QLabel(line.metric.label)
            previous = QLabel(self._previous_text(line))
            previous.setEnabled(False)
            if line.period_start is not None:
                # An amount per period: the value typed covers the time since the previous reading.
                previous.setToolTip(
                    translate("MeterRound", "The amount you enter is for the period since this reading.")
                )
            edit = QLineEdit()
            edit.setObjectName(f"roundValue_{source.id}_{line.metric.id}")
            edit.setAccessibleName(f"{source.name}, {line.metric.label}")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setFixedWidth(160)
            edit.setTextMargins(0, 0, 6, 0)
            if line.expected is not None:
                edit.setPlaceholderText(f"≈ {figures.number(line.expected, line.metric.decimals, self._locale)}")
                edit.setToolTip(
                    translate("MeterRoundDialog", "Expected from the recent daily rate: ") + edit.placeholderText()
                )
            key = (source.id or 0, line.metric.id or 0)
            edit.setText(self._texts.get(key, ""))
            if line.refusal:  # the signed-in member may not add readings here: shown, not typed in
                edit.setEnabled(False)
                edit.setPlaceholderText("")
                edit.setToolTip(line.refusal)
                name.setToolTip(line.refusal)
            edit.installEventFilter(self)
            message = QLabel()
            message.setObjectName(f"roundMessage_{source.id}_{line.metric.id}")
            message.setWordWrap(True)
            message.hide()
            grid.addWidget(icon, r, 0)
            grid.addWidget(name, r, 1)
            grid.addWidget(metric, r, 2)
            grid.addWidget(previous, r, 3)
            grid.addWidget(edit, r, 4)
            row = _Row(line, [icon, name, metric, previous, edit, message], edit, message)
            if line.metric.kind is MetricKind.INTERVAL and not line.refusal:
                box = self._period_box(row)
                grid.addWidget(box, r + 1, 2, 1, 3)
                row.widgets.insert(-1, box)
                r += 1
            grid.addWidget(message, r + 1, 1, 1, 4)
            edit.textEdited.connect(lambda _t, row=row: self._on_text_edited(row))
            self.rows.append(row)
            r += 2
        editable: list[QWidget] = []
        for row in self.rows:
            if not row.line.refusal:
                editable.append(row.edit)
                if row.period is not None and row.period_reset is not None:
                    editable += [row.period, row.period_reset]
        chain: list[QWidget] = [self._timestamp, *editable, self._save, self._cancel]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _period_box(self, row: _Row) -> QWidget:
        """An amount per period's start: the previous reading's time unless the user sets another."""
        line = row.line
        key = f"{line.source.id}_{line.metric.id}"
        start = QDateTimeEdit()
        start.setObjectName(f"roundPeriodStart_{key}")
        start.setCalendarPopup(True)
        start.setDisplayFormat(self._timestamp.displayFormat())
        start.setMinimumDateTime(_NO_START)
        start.setSpecialValueText(translate("ReadingDialog", NO_START_TEXT))
        start.setAccessibleName(
            translate("MeterRoundDialog", "{source}, {metric}: start of the period").format(
                source=line.source.name, metric=line.metric.label
            )
        )
        start.setToolTip(translate("ReadingDialog", PERIOD_TIP))
        caption = QLabel(translate("ReadingDialog", "for the period from"))
        caption.setEnabled(False)
        caption.setBuddy(start)
        reset = QPushButton(translate("ReadingDialog", "Since the previous reading"))
        reset.setObjectName(f"roundPeriodReset_{key}")
        reset.setToolTip(translate("ReadingDialog", "Start the period at the previous reading (the default)"))
        reset.setAutoDefault(False)
        row.period, row.period_reset = start, reset
        self._show_period_start(row)
        start.dateTimeChanged.connect(lambda _moment, row=row: self._on_period_start_changed(row))
        reset.clicked.connect(lambda _checked=False, row=row: self._on_period_reset_clicked(row))
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addStretch(1)
        layout.addWidget(caption)
        layout.addWidget(start)
        layout.addWidget(reset)
        return box

    def _show_period_start(self, row: _Row) -> None:
        """The period start the round uses for ``row`` (the user's, else the previous reading's time)."""
        assert row.period is not None and row.period_reset is not None
        moment = self._vm.period_start(row.line)
        row.period.blockSignals(True)
        row.period.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())) if moment else _NO_START)
        row.period.blockSignals(False)
        key = (row.line.source.id or 0, row.line.metric.id or 0)
        row.period_reset.setVisible(key in self._vm.period_starts)

    def _on_period_start_changed(self, row: _Row) -> None:
        assert row.period is not None and row.period_reset is not None
        moment = row.period.dateTime()
        start = datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC) if moment > _NO_START else None
        self._vm.set_period_start(row.line.source.id or 0, row.line.metric.id or 0, start)
        row.period_reset.setVisible(start is not None)
        self._refresh()

    def _on_period_reset_clicked(self, row: _Row) -> None:
        self._vm.set_period_start(row.line.source.id or 0, row.line.metric.id or 0, None)
        self._show_period_start(row)
        if row.period is not None:
            row.period.setFocus()
        self._refresh()

    def _previous_text(self, line: RoundLine) -> str:
        previous = line.previous
        if previous is None:
            return translate("MeterRoundDialog", "no reading yet")
        local = previous.timestamp.astimezone()
        when = self._locale.toString(
            QDateTime.fromSecsSinceEpoch(int(previous.timestamp.timestamp())), QLocale.FormatType.ShortFormat
        )
        del local
        return translate("MeterRoundDialog", "{value} on {time}").format(
            value=figures.number(previous.value, line.metric.decimals, self._locale), time=when
        )

    def _apply_filter(self) -> None:
        show_all = self._show_all.isChecked()
        for row in self.rows:
            visible = show_all or row.line.overdue or bool(row.edit.text().strip())
            for widget in row.widgets:
                if widget is row.message:
                    continue
                widget.setVisible(visible)
            if not visible:
                row.message.hide()
        for heading in self._headings:
            if heading.objectName() == "roundHeadingLater":
                heading.setVisible(show_all)
        nothing_due = not any(r.line.overdue for r in self.rows)
        self._nothing_due.setVisible(bool(self.rows) and nothing_due and not show_all)
        self._refresh()

    def _setup_ui(self) -> None:
        intro = QLabel(
            translate(
                "MeterRoundDialog",
                "Type what each meter shows; Tab or Enter moves to the next one. Empty lines are skipped.",
            )
        )
        intro.setWordWrap(True)
        self._timestamp = QDateTimeEdit(QDateTime.currentDateTime())
        self._timestamp.setObjectName("roundTimestamp")
        self._timestamp.setCalendarPopup(True)
        self._timestamp.setDisplayFormat(self._locale.dateTimeFormat(QLocale.FormatType.ShortFormat))
        self._timestamp.setAccessibleName(translate("MeterRoundDialog", "Time of the round"))
        self._timestamp.dateTimeChanged.connect(self._on_timestamp_changed)
        self._timestamp.installEventFilter(self)
        moment = self._vm.timestamp
        self._timestamp.blockSignals(True)
        self._timestamp.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
        self._timestamp.blockSignals(False)
        time_label = QLabel(translate("MeterRoundDialog", "&Time of the round"))
        time_label.setBuddy(self._timestamp)
        self._show_all = QCheckBox(translate("MeterRoundDialog", "Show meters not due yet"))
        self._show_all.setObjectName("roundShowAll")
        self._show_all.toggled.connect(lambda _c: self._apply_filter())
        top = QHBoxLayout()
        top.addWidget(time_label)
        top.addWidget(self._timestamp)
        top.addStretch()
        top.addWidget(self._show_all)

        self._banner = Banner()
        self._banner.setObjectName("roundError")

        host = QWidget()
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 2)
        self._grid.setColumnStretch(3, 2)
        host_layout = QVBoxLayout(host)
        host_layout.setContentsMargins(8, 8, 8, 8)
        host_layout.addLayout(self._grid)
        self._nothing_due = QLabel(
            translate("MeterRoundDialog", "No meter is due. Tick “Show meters not due yet” to read them anyway.")
        )
        self._nothing_due.setObjectName("roundNothingDue")
        self._nothing_due.setEnabled(False)
        self._nothing_due.hide()
        self._empty = QLabel(
            translate("MeterRoundDialog", "There are no meters or sensors yet: add one with “New source…” first.")
        )
        self._empty.setObjectName("roundEmpty")
        self._empty.setEnabled(False)
        self._empty.hide()
        host_layout.addWidget(self._nothing_due)
        host_layout.addWidget(self._empty)
        host_layout.addStretch()
        scroll = QScrollArea()
        scroll.setObjectName("roundSheet")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(host)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._count = QLabel()
        self._count.setObjectName("roundCount")
        self._count.setEnabled(False)
        self._busy_label = QLabel(translate("MeterRoundDialog", "Working…"))
        self._busy_label.setEnabled(False)
        self._busy_label.hide()
        self._save = QPushButton(translate("MeterRoundDialog", "Save"))
        self._save.setObjectName("saveButton")
        self._save.setEnabled(False)
        self._save.setAutoDefault(False)
        self._save.clicked.connect(self._on_save_clicked)
        self._cancel = QPushButton(translate("MeterRoundDialog", "Cancel"))
        self._cancel.setObjectName("cancelButton")
        self._cancel.setAutoDefault(False)
        self._cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self._count, 1)
        bottom.addWidget(self._busy_label)
        bottom.addWidget(self._cancel)
        bottom.addWidget(self._save)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(lambda: self._save.click() if self._save.isEnabled() else None)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self._banner)
        self._waiting = WaitingBar()
        self._waiting.cancel_requested.connect(self._vm.cancel_save)
        layout.addWidget(self._waiting)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)


class _blocked:  # noqa: N801
    """``with _blocked(widget):`` — no signals from ``widget`` inside."""

    def __init__(self, widget: QObject) -> None:
        self._widget = widget

    def __enter__(self) -> None:
        self._widget.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        self._widget.blockSignals(False)
