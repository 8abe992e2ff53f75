"""The dialog in which a reading of a source is entered or corrected, checked as the user types."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import QT_TRANSLATE_NOOP, translate

import qasync  # isort: skip  (after PySide6, so that qasync picks PySide6)

from ..domain.access import Action
from ..domain.entities import Member, MeterEvent, MeterEventKind, Metric, MetricKind, Reading
from ..domain.errors import ConflictError
from ..domain.issues import Issue, ReadingField, Severity
from ..domain.validation import ReadingContext, change_moment, continuous_use, default_period_start, rollover_moment
from ..viewmodels.reading_editor import ReadingEditorViewModel, unaccepted, warning_key
from .conflict_dialog import OVERWRITE, RELOAD, ConflictQuestion, ask
from .meter_changes import MeterEventDialog, open_item_dialog
from .waiting import WaitingBar
from .widgets import DiscardQuestion

#: Milliseconds the timestamp must stay unchanged before the readings around it are loaded.
CONTEXT_DELAY_MS = 300
#: Texts of the save button in its three states.
SAVE_TEXT, SAVE_ANYWAY_TEXT, SAVING_TEXT = (
    QT_TRANSLATE_NOOP("ReadingDialog", "Save"),
    QT_TRANSLATE_NOOP("ReadingDialog", "Save anyway"),
    QT_TRANSLATE_NOOP("ReadingDialog", "Saving…"),
)
#: Width the dialog opens with at least, so that it does not look cramped for a single metric.
MIN_WIDTH = 560
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
REPLACED_TIP = QT_TRANSLATE_NOOP(
    "ReadingDialog", "The meter was exchanged: enter the old meter's final value and the new meter's start value"
)
RESET_TIP = QT_TRANSLATE_NOOP(
    "ReadingDialog", "The register was set back: enter the value before the reset (and after it, if not zero)"
)
ROLLOVER_TIP = QT_TRANSLATE_NOOP("ReadingDialog", "The register passed its largest value and started again from zero")
#: The earliest period start the form offers; the field shows NO_START_TEXT there (no start).
_NO_START = QDateTime(QDate(1900, 1, 1), QDateTime.fromSecsSinceEpoch(0).time())
NO_START_TEXT = QT_TRANSLATE_NOOP("ReadingDialog", "not known")
PERIOD_TIP = QT_TRANSLATE_NOOP(
    "ReadingDialog",
    "The amount is what was used from this moment up to the reading's time. By default the period "
    "starts at the previous reading; change it for a bill or a delivery that covers another period.",
)


@dataclass(slots=True)
class _MetricRow:
    """The widgets of one metric of the form."""

    metric: Metric
    label: QLabel
    edit: QLineEdit
    consumption: QLabel
    previous: QLabel
    message: QLabel
    icon: QAction
    #: Under the message: what to do about a counter that went down, or the meter change recorded.
    changes: QWidget
    change_text: QLabel
    replaced_button: QPushButton
    reset_button: QPushButton
    rollover_button: QPushButton
    edit_change_button: QPushButton
    undo_change_button: QPushButton
    #: Interval metrics: where the amount's period starts (the reading's time is its end).
    period_start: QDateTimeEdit | None = None
    period_reset: QPushButton | None = None
    #: True once the user set the start; otherwise it follows the previous reading.
    period_custom: bool = False


class ReadingDialog(QDialog):
    """Add a reading to a source, or edit one.

    Values are checked as they are typed: errors (red) disable Save, warnings (amber) turn it into
    "Save anyway", which accepts the warnings shown. Pressing Enter in a value field moves to the
    next one; in the last it saves, or, while warnings are unaccepted, moves to "Save anyway" so
    that accepting them stays a deliberate second step. Ctrl+Enter saves from anywhere. Cancelling
    with typed values asks first. The dialog closes (``accept()``) once the view model has saved.
    """

    def __init__(self, vm: ReadingEditorViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._locale = QLocale()
        self._decimal_point = self._locale.decimalPoint()
        self._context: ReadingContext | None = None
        #: Keys (see warning_key) of the warnings the user accepted with "Save anyway".
        self._accepted: set[str] = set()
        #: Warnings the view model's save-time check found, shown until the form changes.
        self._raised: list[Issue] = []
        self._rows: list[_MetricRow] = []
        self._touched = False
        self._saving = False
        self._load_started = False
        self._closing = False
        self._discard = DiscardQuestion(self, "discardReadingBox")
        #: Meter changes recorded in this dialog, by metric id: saved with the reading.
        self._pending: dict[int, MeterEvent] = {}
        self._event_dialog: MeterEventDialog | None = None
        #: The question after a conflicting save, while it is open (tests answer it).
        self.conflict_question: ConflictQuestion | None = None
        #: The user kept editing after a conflict: the next Save overwrites the other change.
        self._overwrite_next = False
        #: True while the form itself sets a period start (not the user).
        self._filling_period = False
        self._context_timer = QTimer(self)
        self._context_timer.setSingleShot(True)
        self._context_timer.setInterval(CONTEXT_DELAY_MS)

        self.setObjectName("readingDialog")
        action = translate("ReadingDialog", "New reading") if vm.is_new else translate("ReadingDialog", "Edit reading")
        self.setWindowTitle(f"{action} — {vm.source.name}")
        self._setup_ui()
        self._fill_from_reading()
        self._pristine = self._snapshot()
        self._connect()
        self._apply_colors()
        self._refresh()

    # -- public ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel; when values were typed, ask before throwing them away."""
        if self._closing or not self._is_dirty():
            self._close_rejected()
            return
        self._discard.ask(
            translate("ReadingDialog", "Discard this reading?"),
            translate("ReadingDialog", "The values you typed have not been saved."),
            self._close_rejected,
        )

    # -- construction ------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        vm = self._vm
        outer = QVBoxLayout(self)
        outer.setSpacing(10)

        self._banner = _named(QFrame(), "errorBanner")
        self._banner.setFrameShape(QFrame.Shape.StyledPanel)
        self._banner.setAutoFillBackground(True)
        banner_layout = QHBoxLayout(self._banner)
        banner_layout.setContentsMargins(10, 6, 6, 6)
        self._banner_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        critical = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self._banner_icon.setPixmap(critical.pixmap(size, size))
        self._banner_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._banner_text = _named(QLabel(), "errorBannerText")
        self._banner_text.setWordWrap(True)
        self._banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._banner_close = _named(QToolButton(), "errorBannerClose")
        self._banner_close.setText("×")
        self._banner_close.setToolTip(translate("ReadingDialog", "Hide this message"))
        self._banner_close.setAutoRaise(True)
        self._banner_close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        banner_layout.addWidget(self._banner_icon)
        banner_layout.addWidget(self._banner_text, 1)
        banner_layout.addWidget(self._banner_close, 0, Qt.AlignmentFlag.AlignTop)
        self._banner.hide()
        outer.addWidget(self._banner)
        self._waiting = WaitingBar()
        outer.addWidget(self._waiting)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(3, 1)
        row = 0

        self._timestamp = _named(QDateTimeEdit(), "timestampEdit")
        self._timestamp.setCalendarPopup(True)
        self._timestamp.setDisplayFormat(_date_time_format(self._locale))
        self._timestamp.setAccessibleName(translate("ReadingDialog", "Time of the reading"))
        time_label = QLabel(translate("ReadingDialog", "&Time"))
        time_label.setBuddy(self._timestamp)
        grid.addWidget(time_label, row, 0)
        time_box = QHBoxLayout()
        time_box.addWidget(self._timestamp)
        time_box.addStretch(1)
        grid.addLayout(time_box, row, 1, 1, 3)
        row += 1
        self._timestamp_message = _message_label("timestampMessage")
        grid.addWidget(self._timestamp_message, row, 1, 1, 3)
        row += 1
        grid.addWidget(_separator(), row, 0, 1, 4)
        row += 1

        metrics_form = self.fontMetrics()
        for index, metric in enumerate(vm.source.metrics):
            label = QLabel(metric.label.replace("&", "&&"))
            label.setObjectName(f"valueLabel_{index}")
            edit = _named(QLineEdit(), f"valueEdit_{index}")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setPlaceholderText(translate("ReadingDialog", "not read"))
            edit.setAccessibleName(metric.label)
            edit.setMinimumWidth(metrics_form.horizontalAdvance(_sample(metric, self._locale) + "00") + 24)
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            label.setBuddy(edit)
            icon = QAction(edit)
            icon.setVisible(False)
            edit.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            consumption = _named(QLabel(), f"consumption_{index}")
            consumption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if metric.kind is MetricKind.COUNTER:
                consumption.setMinimumWidth(
                    metrics_form.horizontalAdvance(f"+ {_sample(metric, self._locale)} {metric.unit}")
                )
            previous = _named(QLabel(), f"previous_{index}")
            previous.setMinimumWidth(
                metrics_form.horizontalAdvance(
                    translate("ReadingDialog", "previous {value} on {day}").format(
                        value=_sample(metric, self._locale), day=_sample_date(self._locale)
                    )
                )
            )
            message = _message_label(f"valueMessage_{index}")
            changes = QWidget()
            changes.setObjectName(f"meterChange_{index}")
            changes_column = QVBoxLayout(changes)
            changes_column.setContentsMargins(0, 0, 0, 4)
            changes_column.setSpacing(2)
            change_text = _message_label(f"meterChangeText_{index}")
            change_text.setWordWrap(False)
            changes_box = QHBoxLayout()
            replaced = _change_button(
                translate("ReadingDialog", "Meter replaced…"),
                f"meterReplacedButton_{index}",
                translate("ReadingDialog", REPLACED_TIP),
            )
            reset = _change_button(
                translate("ReadingDialog", "Meter reset…"),
                f"meterResetButton_{index}",
                translate("ReadingDialog", RESET_TIP),
            )
            rollover = _change_button(
                translate("ReadingDialog", "Register rolled over"),
                f"rolloverButton_{index}",
                translate("ReadingDialog", ROLLOVER_TIP),
            )
            edit_change = _change_button(
                translate("ReadingDialog", "Change…"),
                f"editMeterChangeButton_{index}",
                translate("ReadingDialog", "Change the meter change"),
            )
            undo_change = _change_button(
                translate("ReadingDialog", "Remove"),
                f"removeMeterChangeButton_{index}",
                translate("ReadingDialog", "Do not record a meter change"),
            )
            changes_column.addWidget(change_text)
            changes_column.addLayout(changes_box)
            for button in (replaced, reset, rollover, edit_change, undo_change):
                changes_box.addWidget(button)
            changes_box.addStretch(1)
            changes.hide()
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(consumption, row, 2)
            grid.addWidget(previous, row, 3)
            period_start: QDateTimeEdit | None = None
            period_reset: QPushButton | None = None
            if metric.kind is MetricKind.INTERVAL:
                row += 1
                period_start, period_reset, period_box = self._period_widgets(index, metric)
                grid.addLayout(period_box, row, 1, 1, 3)
            grid.addWidget(message, row + 1, 1, 1, 3)
            grid.addWidget(changes, row + 2, 1, 1, 3)
            row += 3
            self._rows.append(
                _MetricRow(
                    metric,
                    label,
                    edit,
                    consumption,
                    previous,
                    message,
                    icon,
                    changes,
                    change_text,
                    replaced,
                    reset,
                    rollover,
                    edit_change,
                    undo_change,
                    period_start,
                    period_reset,
                )
            )

        grid.addWidget(_separator(), row, 0, 1, 4)
        row += 1
        self._note = _named(QPlainTextEdit(), "noteEdit")
        self._note.setTabChangesFocus(True)
        self._note.setPlaceholderText(translate("ReadingDialog", "Anything worth remembering about this reading"))
        lines = self._note.fontMetrics().lineSpacing() * 3
        self._note.setFixedHeight(lines + 2 * self._note.frameWidth() + 8)
        note_label = QLabel(translate("ReadingDialog", "N&ote"))
        note_label.setBuddy(self._note)
        grid.addWidget(note_label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._note, row, 1, 1, 3)
        row += 1

        self._estimated = _named(QCheckBox(translate("ReadingDialog", "&Estimated")), "estimatedCheck")
        self._estimated.setToolTip(translate("ReadingDialog", "The value was estimated, not read from the meter"))
        self._from_bill = _named(QCheckBox(translate("ReadingDialog", "From a &bill")), "fromBillCheck")
        self._from_bill.setToolTip(translate("ReadingDialog", "The value was copied from a bill or a statement"))
        flags = QHBoxLayout()
        flags.addWidget(self._estimated)
        flags.addSpacing(16)
        flags.addWidget(self._from_bill)
        flags.addStretch(1)
        grid.addLayout(flags, row, 1, 1, 3)
        row += 1

        self._member = _named(QComboBox(), "enteredByCombo")
        self._member.addItem("—", None)
        self._member.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._member.setMinimumContentsLength(14)
        member_label = QLabel(translate("ReadingDialog", "Entered &by"))
        member_label.setBuddy(self._member)
        member_box = QHBoxLayout()
        member_box.addWidget(self._member)
        member_box.addStretch(1)
        grid.addWidget(member_label, row, 0)
        grid.addLayout(member_box, row, 1, 1, 3)
        outer.addLayout(grid)

        outer.addStretch(1)
        self._footer = _named(QLabel(), "footerMessage")
        self._footer.setWordWrap(True)
        outer.addWidget(self._footer)

        self._buttons = QDialogButtonBox()
        self._save = _named(QPushButton(translate("ReadingDialog", SAVE_TEXT)), "saveButton")
        self._save.setMinimumWidth(
            max(
                self._save.fontMetrics().horizontalAdvance(t)
                for t in (translate("ReadingDialog", SAVE_ANYWAY_TEXT), translate("ReadingDialog", SAVING_TEXT))
            )
            + 32
        )
        self._buttons.addButton(self._save, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("cancelButton")
        outer.addWidget(self._buttons)

        chain: list[QWidget] = [self._timestamp]
        for metric_row in self._rows:
            chain.append(metric_row.edit)
            if metric_row.period_start is not None and metric_row.period_reset is not None:
                chain += [metric_row.period_start, metric_row.period_reset]
        chain += [self._note, self._estimated, self._from_bill, self._member, self._save, self._cancel]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        (self._rows[0].edit if self._rows else self._timestamp).setFocus()

        self.setSizeGripEnabled(True)
        hint = self.sizeHint()
        self.resize(max(hint.width(), MIN_WIDTH), hint.height())
        self._fitted_height = self.height()

    def _period_widgets(self, index: int, metric: Metric) -> tuple[QDateTimeEdit, QPushButton, QHBoxLayout]:
        """The start of an interval metric's period: a date and time, and a way back to the default."""
        start = _named(QDateTimeEdit(), f"periodStartEdit_{index}")
        start.setCalendarPopup(True)
        start.setDisplayFormat(_date_time_format(self._locale))
        start.setMinimumDateTime(_NO_START)
        start.setSpecialValueText(translate("ReadingDialog", NO_START_TEXT))
        start.setDateTime(_NO_START)
        start.setAccessibleName(translate("ReadingDialog", "{metric}: start of the period").format(metric=metric.label))
        start.setToolTip(translate("ReadingDialog", PERIOD_TIP))
        caption = QLabel(translate("ReadingDialog", "for the period from"))
        caption.setObjectName(f"periodStartLabel_{index}")
        caption.setBuddy(start)
        reset = _change_button(
            translate("ReadingDialog", "Since the previous reading"),
            f"periodStartResetButton_{index}",
            translate("ReadingDialog", "Start the period at the previous reading (the default)"),
        )
        box = QHBoxLayout()
        box.setSpacing(8)
        box.addWidget(caption)
        box.addWidget(start)
        box.addWidget(reset)
        box.addStretch(1)
        return start, reset, box

    def _connect(self) -> None:
        vm = self._vm
        vm.context_loaded.connect(self._on_vm_context_loaded)
        vm.members_loaded.connect(self._on_vm_members_loaded)
        vm.warnings_raised.connect(self._on_vm_warnings_raised)
        vm.saved.connect(self._on_vm_saved)
        vm.error_occurred.connect(self._on_vm_error_occurred)
        vm.busy_changed.connect(self._on_vm_busy_changed)
        vm.waiting_changed.connect(self._on_vm_waiting_changed)
        vm.save_cancelled.connect(self._on_vm_save_cancelled)
        vm.conflict_raised.connect(self._on_vm_conflict_raised)
        vm.reloaded.connect(self._on_vm_reloaded)
        self._waiting.cancel_requested.connect(vm.cancel_save)
        self._context_timer.timeout.connect(self._on_context_timer_timeout)
        self._timestamp.dateTimeChanged.connect(self._on_timestamp_changed)
        for row in self._rows:
            row.edit.textChanged.connect(self._on_value_text_changed)
            row.edit.installEventFilter(self)
            metric = row.metric
            row.replaced_button.clicked.connect(
                lambda _checked=False, m=metric: self._record_change(m, MeterEventKind.REPLACEMENT)
            )
            row.reset_button.clicked.connect(
                lambda _checked=False, m=metric: self._record_change(m, MeterEventKind.RESET)
            )
            row.rollover_button.clicked.connect(lambda _checked=False, m=metric: self._record_rollover(m))
            row.edit_change_button.clicked.connect(lambda _checked=False, m=metric: self._edit_change(m))
            row.undo_change_button.clicked.connect(lambda _checked=False, m=metric: self._undo_change(m))
            if row.period_start is not None and row.period_reset is not None:
                row.period_start.dateTimeChanged.connect(lambda _moment, r=row: self._on_period_start_changed(r))
                row.period_reset.clicked.connect(lambda _checked=False, r=row: self._on_period_reset_clicked(r))
        self._timestamp.installEventFilter(self)
        self._save.clicked.connect(self._on_save_clicked)
        self._buttons.rejected.connect(self.reject)
        self._banner_close.clicked.connect(self._banner.hide)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(self._on_save_shortcut_activated)

    def _fill_from_reading(self) -> None:
        vm = self._vm
        self._timestamp.setDateTime(_to_qdatetime(vm.initial_timestamp))
        reading = vm.reading
        if reading is None:
            return
        for row in self._rows:
            value = reading.values.get(row.metric.id) if row.metric.id is not None else None
            if value is not None:
                row.edit.setText(self._edit_text(value, row.metric))
        for row in self._rows:
            start = reading.starts.get(row.metric.id) if row.metric.id is not None else None
            if row.period_start is not None and start is not None:
                self._set_period_start(row, start)
                row.period_custom = True
        self._note.setPlainText(reading.note)
        self._estimated.setChecked(reading.estimated)
        self._from_bill.setChecked(reading.from_bill)

    # -- Qt overrides ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._load_started:
            self._load_started = True
            self._load()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if event.key() in _ENTER_KEYS and plain:
                self._on_enter_in(watched)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter on a check box or the member list: the same as in the last value field.
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if event.key() in _ENTER_KEYS and plain:
            self._submit_from_keyboard()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(self, "_rows"):
            self._apply_colors()
            self._refresh()

    def done(self, result: int) -> None:
        self._context_timer.stop()
        super().done(result)

    # -- view model slots --------------------------------------------------------------------

    @qasync.asyncSlot()
    async def _load(self) -> None:
        await self._vm.load()

    @qasync.asyncSlot()
    async def _on_context_timer_timeout(self) -> None:
        await self._vm.load_context(self._form_timestamp())

    @qasync.asyncSlot(object, object, object)
    async def _save_reading(self, reading: Reading, accepted: frozenset[str], events: tuple[MeterEvent, ...]) -> None:
        await self._vm.save(reading, accepted, events)

    @Slot(object)
    def _on_vm_context_loaded(self, context: ReadingContext) -> None:
        self._context = context
        self._follow_previous()
        self._refresh()

    @Slot(list)
    def _on_vm_members_loaded(self, members: list[Member]) -> None:
        chosen = self._member.currentData()
        if chosen is None:
            reading = self._vm.reading
            chosen = reading.entered_by if reading is not None else self._vm.default_member_id
            if reading is None and chosen is None and len(members) == 1:
                chosen = members[0].id  # a household of one: it can only be them
        author, may_choose = self._vm.permissions.author_choice(self._vm.reading)
        if not may_choose:  # a member enters readings in their own name: shown, with the policy's reason
            chosen = author
        self._member.setEnabled(bool(may_choose))
        self._member.setToolTip("" if may_choose else may_choose.reason)
        self._member.clear()
        self._member.addItem("—", None)
        for member in members:
            self._member.addItem(member.name, member.id)
        index = self._member.findData(chosen)
        self._member.setCurrentIndex(max(index, 0))

    @Slot(list)
    def _on_vm_warnings_raised(self, issues: list[Issue]) -> None:
        self._raised = list(issues)
        self._saving = False
        self._refresh()
        self._save.setFocus()

    @Slot(object)
    def _on_vm_saved(self, _reading: Reading) -> None:
        self._saving = False
        self._closing = True
        self.accept()

    @Slot(str)
    def _on_vm_error_occurred(self, message: str) -> None:
        self._saving = False
        self._banner_text.setText(message)
        self._banner.show()
        self._refresh()

    @Slot(object)
    def _on_vm_conflict_raised(self, conflict: ConflictError) -> None:
        """Someone else saved this reading meanwhile: nothing was stored; ask what to do."""
        self._saving = False
        self._refresh()
        self.conflict_question = ask(conflict, self, self._on_conflict_answered)

    def _on_conflict_answered(self, choice: str) -> None:
        self.conflict_question = None
        if choice == RELOAD:
            self._reload()
        elif choice == OVERWRITE:
            self._saving = True
            self._refresh()
            reading = self._vm.overwriting(self._form_reading())
            self._save_reading(reading, frozenset(self._accepted), tuple(self._pending.values()))
        else:
            self._overwrite_next = True
            self._banner_text.setText(
                (f"{self._vm.conflict or ''} " + translate("ReadingDialog", "Save again to overwrite it.")).strip()
            )
            self._banner.show()

    @qasync.asyncSlot()
    async def _reload(self) -> None:
        await self._vm.reload()

    @Slot(object)
    def _on_vm_reloaded(self, _reading: Reading) -> None:
        for row in self._rows:
            row.edit.clear()
        self._fill_from_reading()
        self._pristine = self._snapshot()
        self._touched = False
        self._raised = []
        self._accepted.clear()
        self._banner_text.setText(
            translate("ReadingDialog", "Reloaded: the form shows the reading as it is stored now.")
        )
        self._banner.show()
        self._refresh()

    @Slot(bool)
    def _on_vm_waiting_changed(self, waiting: bool) -> None:
        """Another program holds the write lock: say so, with Cancel; the save goes on when it is free."""
        self._waiting.setVisible(waiting)
        self._fit_height()

    @Slot()
    def _on_vm_save_cancelled(self) -> None:
        self._saving = False
        self._refresh()

    @Slot(bool)
    def _on_vm_busy_changed(self, busy: bool) -> None:
        if not busy and self._saving:
            self._saving = False
            self._refresh()

    # -- widget slots ------------------------------------------------------------------------

    @Slot()
    def _on_timestamp_changed(self) -> None:
        self._accepted.clear()
        self._raised = []
        self._context_timer.start()
        self._refresh()

    @Slot()
    def _on_value_text_changed(self) -> None:
        sender = self.sender()
        for row in self._rows:
            if row.edit is sender:
                self._touched = True
                self._accepted = {k for k in self._accepted if not k.endswith(f":{row.metric.id}")}
        self._raised = []
        self._refresh()

    def _on_period_start_changed(self, row: _MetricRow) -> None:
        if self._filling_period:
            return
        row.period_custom = True
        if row.period_reset is not None:
            row.period_reset.show()
        self._touched = True
        self._accepted = {k for k in self._accepted if not k.endswith(f":{row.metric.id}")}
        self._raised = []
        self._refresh()

    def _on_period_reset_clicked(self, row: _MetricRow) -> None:
        row.period_custom = False
        self._follow_previous()
        self._raised = []
        self._refresh()

    @Slot()
    def _on_save_clicked(self) -> None:
        issues = self._issues()
        if self._saving or any(i.severity is Severity.ERROR for i in issues):
            return
        # The button read "Save anyway" next to these warnings: clicking it accepts them.
        self._accepted.update(warning_key(i) for i in unaccepted(issues, self._accepted))
        self._banner.hide()
        self._saving = True
        self._refresh()
        reading = self._form_reading()
        if self._overwrite_next:  # after a conflict the user chose to keep editing: this save overwrites
            self._overwrite_next = False
            reading = self._vm.overwriting(reading)
        self._save_reading(reading, frozenset(self._accepted), tuple(self._pending.values()))

    @Slot()
    def _on_save_shortcut_activated(self) -> None:
        if self._save.isEnabled():
            self._save.click()

    # -- helpers -----------------------------------------------------------------------------

    def _on_enter_in(self, widget: QObject) -> None:
        edits = [r.edit for r in self._rows]
        if widget is self._timestamp and edits:
            edits[0].setFocus()
            edits[0].selectAll()
        elif isinstance(widget, QLineEdit) and widget in edits and widget is not edits[-1]:
            following = edits[edits.index(widget) + 1]
            following.setFocus()
            following.selectAll()
        else:
            self._submit_from_keyboard()

    def _submit_from_keyboard(self) -> None:
        """Save, unless warnings are waiting: then go to "Save anyway" so that accepting is deliberate."""
        issues = self._issues()
        if self._saving:
            return
        if any(i.severity is Severity.ERROR for i in issues):
            self._touched = True
            self._refresh()
            self._focus_first_problem(issues)
            return
        if unaccepted(issues, self._accepted) and not self._save.hasFocus():
            self._save.setFocus()
            return
        self._save.click()

    def _focus_first_problem(self, issues: list[Issue]) -> None:
        ids = {i.metric_id for i in issues if i.severity is Severity.ERROR}
        for row in self._rows:
            if row.metric.id in ids or not ids - {None}:
                row.edit.setFocus()
                row.edit.selectAll()
                return

    def _issues(self) -> list[Issue]:
        """Errors and warnings of the form as it is now, against the context last loaded."""
        texts = {r.metric.id: r.edit.text() for r in self._rows if r.metric.id is not None}
        values, found = self._vm.parse(texts, self._decimal_point)
        reading = self._form_reading(values)
        issues = self._vm.check(reading, found, list(self._pending.values()), self._date)
        keys = {warning_key(i) for i in issues}
        issues += [i for i in self._raised if warning_key(i) not in keys]
        return issues

    def _refresh(self) -> None:
        """Show the form's issues, the consumption per counter and the state of Save."""
        issues = self._issues()
        errors = [i for i in issues if i.severity is Severity.ERROR]
        pending = unaccepted(issues, self._accepted)
        values = self._parsed_values()
        for row in self._rows:
            mine = [i for i in issues if i.metric_id == row.metric.id]
            self._show_messages(row.message, mine)
            self._show_icon(row, mine)
            value = values.get(row.metric.id) if row.metric.id is not None else None
            self._show_context(row, value)
            self._show_changes(row, value, mine)
        self._show_messages(self._timestamp_message, [i for i in issues if i.field is ReadingField.TIMESTAMP])

        no_values = [i for i in errors if i.code == "no-values"]
        other_errors = [i for i in errors if i.code != "no-values"]
        if other_errors:
            self._set_footer(
                translate("ReadingDialog", "Correct the value marked in red to save.")
                if len(other_errors) == 1
                else translate("ReadingDialog", "Correct the values marked in red to save."),
                self._error_color,
            )
        elif no_values:
            if self._touched:
                self._set_footer(f"✕ {no_values[0].message}", self._error_color)
            else:
                self._set_footer(translate("ReadingDialog", "Enter at least one value to save."), self._muted_color)
        elif pending:
            count = translate("ReadingDialog", "%n warning(s)", None, len(pending))
            self._set_footer(
                translate(
                    "ReadingDialog", "⚠ Please check {count} above. If the values are right, choose “{save}”."
                ).format(count=count, save=translate("ReadingDialog", SAVE_ANYWAY_TEXT)),
                self._warning_color,
            )
        else:
            self._set_footer("", self._muted_color)

        if self._saving:
            self._save.setText(translate("ReadingDialog", SAVING_TEXT))
        elif pending:
            self._save.setText(translate("ReadingDialog", SAVE_ANYWAY_TEXT))
        else:
            self._save.setText(translate("ReadingDialog", SAVE_TEXT))
        self._save.setEnabled(not self._saving and not errors)
        self._save.setDefault(not pending)
        self._save.setToolTip(
            translate("ReadingDialog", "Accept the warnings shown and save")
            if pending and not self._saving
            else translate("ReadingDialog", "Save (Ctrl+Enter)")
        )
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow (or shrink back) with the messages shown, which the layout alone does not do for a window."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        if needed > self.height() or (self.height() == self._fitted_height and needed < self.height()):
            self.resize(self.width(), needed)
            self._fitted_height = needed

    def _show_messages(self, label: QLabel, issues: list[Issue]) -> None:
        if not issues:
            label.clear()
            label.hide()
            return
        is_error = any(i.severity is Severity.ERROR for i in issues)
        lines = [("✕ " if i.severity is Severity.ERROR else "⚠ ") + i.text for i in issues]
        label.setText("\n".join(lines))
        _set_text_color(label, self._error_color if is_error else self._warning_color)
        label.show()

    def _show_icon(self, row: _MetricRow, issues: list[Issue]) -> None:
        if not issues:
            row.icon.setVisible(False)
            return
        is_error = any(i.severity is Severity.ERROR for i in issues)
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical if is_error else QStyle.StandardPixmap.SP_MessageBoxWarning
        row.icon.setIcon(self.style().standardIcon(pixmap))
        row.icon.setToolTip("\n".join(i.text for i in issues))
        row.icon.setVisible(True)

    def _show_context(self, row: _MetricRow, value: Decimal | None) -> None:
        metric = row.metric
        context = self._context
        if context is None or metric.id is None:
            row.previous.setText("")
            row.consumption.setText("")
            return
        previous = context.previous.get(metric.id)
        following = context.next.get(metric.id)
        if previous is None:
            row.previous.setText(translate("ReadingDialog", "no earlier reading"))
        else:
            row.previous.setText(
                translate("ReadingDialog", "previous {value} on {day}").format(
                    value=self._display(previous.value, metric), day=self._date(previous.timestamp)
                )
            )
        row.previous.setToolTip(
            translate("ReadingDialog", "next {value} on {day}").format(
                value=self._display(following.value, metric), day=self._date(following.timestamp)
            )
            if following is not None
            else ""
        )
        if metric.kind is MetricKind.COUNTER and previous is not None and value is not None:
            between = self._full_context().events_between(metric.id, previous.timestamp, self._form_timestamp())
            used = continuous_use(previous.value, value, between, metric.digits)
            sign = "+" if used >= 0 else "−"
            unit = f" {metric.unit}" if metric.unit else ""
            row.consumption.setText(f"{sign} {self._display(abs(used), metric)}{unit}")
            across = translate("ReadingDialog", " (across the meter change)") if between else ""
            row.consumption.setToolTip(
                translate("ReadingDialog", "Used since {day}").format(day=self._date(previous.timestamp)) + across
            )
            _set_text_color(row.consumption, self._text_color if used >= 0 else self._warning_color)
        else:
            row.consumption.setText("")

    def _full_context(self) -> ReadingContext:
        """The context last loaded, with the meter changes recorded in this dialog."""
        return self._vm.full_context(self._pending.values())

    def _show_changes(self, row: _MetricRow, value: Decimal | None, issues: list[Issue]) -> None:
        """Offer to record a meter change at a counter that went down; show one that is recorded."""
        metric = row.metric
        pending = self._pending.get(metric.id) if metric.id is not None else None
        down = any(i.code == "counter-down" for i in issues) and pending is None
        row.replaced_button.setVisible(down)
        row.reset_button.setVisible(down)
        row.rollover_button.setVisible(down and self._rollover_plausible(metric, value))
        # Recording a meter change is the source's owner's (and the administrator's): shown, with why not.
        may_record = self._vm.permissions.can(Action.EDIT_METER_CHANGES, self._vm.source)
        for button in (row.replaced_button, row.reset_button, row.rollover_button):
            button.setEnabled(bool(may_record))
            if not may_record:
                button.setToolTip(may_record.reason)
        row.edit_change_button.setVisible(pending is not None)
        row.undo_change_button.setVisible(pending is not None)
        if pending is not None:
            row.change_text.setText(self._describe(pending, metric))
            row.change_text.setToolTip(translate("ReadingDialog", "Saved together with the reading"))
            _set_text_color(row.change_text, self._success_color)
            row.change_text.show()
        else:
            row.change_text.hide()
        row.changes.setVisible(down or pending is not None)

    def _describe(self, event: MeterEvent, metric: Metric) -> str:
        """One line about a meter change recorded in this dialog."""
        when = self._date_time(event.at)
        if event.kind is MeterEventKind.ROLLOVER:
            digits = event.digits or metric.digits or 1
            return translate("ReadingDialog", "✔ Register rolled over after {value} on {time}").format(
                value="9" * digits, time=when
            )
        old = self._display(event.old_value, metric) if event.old_value is not None else "?"
        new = self._display(event.new_value if event.new_value is not None else Decimal(0), metric)
        what = (
            translate("ReadingDialog", "Meter reset")
            if event.kind is MeterEventKind.RESET
            else translate("ReadingDialog", "Meter replaced")
        )
        return translate("ReadingDialog", "✔ {what} on {time}: old {old} → new {new}").format(
            what=what, time=when, old=old, new=new
        )

    def _rollover_plausible(self, metric: Metric, value: Decimal | None) -> bool:
        return self._vm.rollover_plausible(metric, value, self._form_timestamp())

    def _record_change(self, metric: Metric, kind: MeterEventKind, event: MeterEvent | None = None) -> None:
        """Ask for the old meter's final value and the new meter's start value (or edit ``event``)."""
        context = self._context
        if self._event_dialog is not None or context is None or metric.id is None:
            return
        previous = context.previous.get(metric.id)
        at = self._form_timestamp()
        default_at = change_moment(previous.timestamp if previous is not None else None, at)
        assert self._vm.source.id is not None
        dialog = MeterEventDialog(
            [metric],
            event,
            source_id=self._vm.source.id,
            kind=kind,
            at=default_at,
            after=previous.timestamp if previous is not None else None,
            before=at,
            previous_value=previous.value if previous is not None else None,
            reading_value=self._parsed_values().get(metric.id),
            parent=self,
        )
        if event is None:
            dialog.old_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._event_dialog = dialog

        def done(accepted: bool) -> None:
            self._event_dialog = None
            if accepted and dialog.result_event is not None and metric.id is not None:
                self._pending[metric.id] = dialog.result_event
                self._raised = []
                self._refresh()

        open_item_dialog(dialog, done)

    def _record_rollover(self, metric: Metric) -> None:
        """A register that wrapped needs no values: record it at the moment it passed 10**digits."""
        context = self._context
        value = self._parsed_values().get(metric.id) if metric.id is not None else None
        if context is None or metric.id is None or value is None or not metric.digits:
            return
        previous = context.previous.get(metric.id)
        if previous is None:
            return
        moment = rollover_moment(metric.digits, previous.value, previous.timestamp, value, self._form_timestamp())
        assert self._vm.source.id is not None
        self._pending[metric.id] = MeterEvent(
            None, self._vm.source.id, metric.id, moment, MeterEventKind.ROLLOVER, digits=None
        )
        self._raised = []
        self._refresh()

    def _edit_change(self, metric: Metric) -> None:
        event = self._pending.get(metric.id) if metric.id is not None else None
        if event is not None:
            self._record_change(metric, event.kind, event)

    def _undo_change(self, metric: Metric) -> None:
        if metric.id is not None and self._pending.pop(metric.id, None) is not None:
            self._raised = []
            self._refresh()

    def _set_footer(self, text: str, color: QColor) -> None:
        self._footer.setText(text)
        _set_text_color(self._footer, color)
        self._footer.setVisible(bool(text))

    def _apply_colors(self) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightness() < 128
        self._text_color = text
        self._muted_color = _mix(text, window, 0.6)
        self._error_color = QColor("#ff8a80" if dark else "#b3261e")
        self._warning_color = QColor("#ffc94d" if dark else "#8a5300")
        self._success_color = QColor("#8fd19e" if dark else "#1e6b34")
        for row in self._rows:
            _set_text_color(row.previous, self._muted_color)
        banner = self._banner.palette()
        banner.setColor(QPalette.ColorRole.Window, QColor("#4a1f1c" if dark else "#fdecea"))
        banner.setColor(QPalette.ColorRole.WindowText, QColor("#ffdad6" if dark else "#5f1410"))
        self._banner.setPalette(banner)

    def _follow_previous(self) -> None:
        """Periods the user has not set start at the previous reading (or are "not known" without one)."""
        context = self._context
        for row in self._rows:
            if row.period_reset is not None:
                # The way back to the default is offered once there is something to go back from.
                row.period_reset.setVisible(row.period_custom)
            if row.period_start is None or row.period_custom or row.metric.id is None:
                continue
            self._set_period_start(row, default_period_start(row.metric.id, context))

    def _set_period_start(self, row: _MetricRow, moment: datetime | None) -> None:
        assert row.period_start is not None
        self._filling_period = True
        try:
            row.period_start.setDateTime(_to_qdatetime(moment) if moment is not None else _NO_START)
            if moment is None:
                # "Not known": the calendar opens on the reading's month, not on the field's 1900.
                shown = self._timestamp.date()
                row.period_start.calendarWidget().setCurrentPage(shown.year(), shown.month())
        finally:
            self._filling_period = False

    def _period_starts(self) -> dict[int, datetime]:
        """The starts the user set (the others follow the previous reading: the repository's default)."""
        starts: dict[int, datetime] = {}
        for row in self._rows:
            if row.period_start is None or not row.period_custom or row.metric.id is None:
                continue
            moment = row.period_start.dateTime()
            if moment > _NO_START:
                starts[row.metric.id] = datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)
        return starts

    def _parsed_values(self) -> dict[int, Decimal]:
        texts = {r.metric.id: r.edit.text() for r in self._rows if r.metric.id is not None}
        values, _ = self._vm.parse(texts, self._decimal_point)
        return values

    def _form_timestamp(self) -> datetime:
        return datetime.fromtimestamp(self._timestamp.dateTime().toSecsSinceEpoch(), UTC)

    def _form_reading(self, values: dict[int, Decimal] | None = None) -> Reading:
        vm = self._vm
        assert vm.source.id is not None
        original = vm.reading
        return Reading(
            id=original.id if original is not None else None,
            source_id=vm.source.id,
            timestamp=self._form_timestamp(),
            values=self._parsed_values() if values is None else values,
            note=self._note.toPlainText().strip(),
            estimated=self._estimated.isChecked(),
            from_bill=self._from_bill.isChecked(),
            entered_by=self._member.currentData(),
            version=original.version if original is not None else 0,
            starts=self._period_starts(),
        )

    def _snapshot(self) -> tuple[object, ...]:
        """What the user may have typed, to tell whether cancelling throws something away."""
        return (
            tuple(r.edit.text().strip() for r in self._rows),
            self._note.toPlainText().strip(),
            self._estimated.isChecked(),
            self._from_bill.isChecked(),
            tuple(sorted(self._pending.items())),
            tuple(sorted(self._period_starts().items())),
        )

    def _is_dirty(self) -> bool:
        return self._snapshot() != self._pristine

    def _close_rejected(self) -> None:
        self._closing = True
        super().reject()

    def _edit_text(self, value: Decimal, metric: Metric) -> str:
        """A value as it is typed: the metric's decimals, the locale's separator, no grouping."""
        return f"{value:.{metric.decimals}f}".replace(".", self._decimal_point)

    def _display(self, value: Decimal, metric: Metric) -> str:
        return self._locale.toString(float(value), "f", metric.decimals)

    def _date(self, moment: datetime) -> str:
        return self._locale.toString(_to_qdatetime(moment).date(), _date_format(self._locale))

    def _date_time(self, moment: datetime) -> str:
        return self._locale.toString(_to_qdatetime(moment), _date_time_format(self._locale))


def _date_format(locale: QLocale) -> str:
    """The locale's short date, with a four-digit year."""
    date = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return date if "yyyy" in date else date.replace("yy", "yyyy")


def _date_time_format(locale: QLocale) -> str:
    """The locale's short date and time, with a four-digit year and without seconds."""
    date = _date_format(locale)
    time = locale.timeFormat(QLocale.FormatType.ShortFormat)
    for seconds in (":ss", ".ss", ":s"):
        time = time.replace(seconds, "")
    return f"{date} {time}"


def _to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _sample(metric: Metric, locale: QLocale) -> str:
    """A wide value of ``metric``, to size the columns before any value is known."""
    digits = min(metric.digits or 6, 9)
    return locale.toString(float("8" * digits), "f", metric.decimals)


def _sample_date(locale: QLocale) -> str:
    return locale.toString(QDate(2088, 12, 28), _date_format(locale))


def _change_button(text: str, name: str, tip: str) -> QPushButton:
    button = _named(QPushButton(text), name)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.hide()
    return button


def _named[W: QObject](widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _message_label(name: str) -> QLabel:
    label = _named(QLabel(), name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def _set_text_color(widget: QWidget, color: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    widget.setPalette(palette)


def _mix(a: QColor, b: QColor, share_a: float) -> QColor:
    share_b = 1 - share_a
    return QColor(
        round(a.red() * share_a + b.red() * share_b),
        round(a.green() * share_a + b.green() * share_b),
        round(a.blue() * share_a + b.blue() * share_b),
    )
