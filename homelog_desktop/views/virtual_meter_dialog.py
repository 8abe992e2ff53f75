"""The dialog that creates or edits a virtual meter: its name and its inputs, each added or subtracted."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.entities import Category, Metric, MetricKind, Source, Tariff, VirtualTerm
from ..domain.errors import ConflictError
from ..domain.issues import Issue, errors
from ..domain.virtual import InputFacts
from ..i18n import QT_TRANSLATE_NOOP, translate
from ..viewmodels.virtual_editor import VirtualMeterEditorViewModel
from .conflict_dialog import OVERWRITE, RELOAD, ConflictQuestion, ask
from .icons import category_icon
from .meter_changes import TariffColumn, TariffDialog, TariffsTableModel, open_tariff_dialog
from .models.virtual_inputs import VirtualInputsModel

#: The sign choices of a term: (text, sign).
SIGNS = (
    (QT_TRANSLATE_NOOP("VirtualMeterDialog", "+ add"), 1),
    (QT_TRANSLATE_NOOP("VirtualMeterDialog", "− subtract"), -1),
)
INTRO = QT_TRANSLATE_NOOP(
    "VirtualMeterDialog",
    "A virtual meter is computed from other meters: their consumption added or subtracted, per period"
    " (house − heat pump; solar production − feed-in). It has no readings of its own; reports, the"
    " dashboard, charts and exports show its figures like any meter's.",
)
#: The key of a new virtual meter's metric in the tariff list (a stored one's is its id).
NEW_METRIC_KEY = -1


class TermRow(QWidget):
    """One input: add or subtract, which metric, and a button that removes the row."""

    changed = Signal()
    remove_clicked = Signal(object)

    def __init__(self, model: VirtualInputsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # never squeezed
        self.sign_combo = QComboBox()
        for text, sign in SIGNS:
            self.sign_combo.addItem(translate("VirtualMeterDialog", text), sign)
        self.sign_combo.setAccessibleName(translate("VirtualMeterDialog", "Add or subtract"))
        self.input_combo = QComboBox()
        self.input_combo.setModel(model)
        self.input_combo.setAccessibleName(translate("VirtualMeterDialog", "Input"))
        self.input_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.input_combo.setMinimumContentsLength(24)
        self.input_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.remove_button = QPushButton(translate("VirtualMeterDialog", "Remove"))
        self.remove_button.setToolTip(translate("VirtualMeterDialog", "Remove this input"))
        layout.addWidget(self.sign_combo)
        layout.addWidget(self.input_combo, 1)
        layout.addWidget(self.remove_button)
        self.sign_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.input_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.remove_button.clicked.connect(lambda: self.remove_clicked.emit(self))

    def term(self) -> VirtualTerm | None:
        metric_id = self.input_combo.currentData(VirtualInputsModel.MetricIdRole)
        return None if metric_id is None else VirtualTerm(int(metric_id), int(self.sign_combo.currentData()))

    def set_term(self, term: VirtualTerm, model: VirtualInputsModel) -> None:
        self.sign_combo.setCurrentIndex(0 if term.sign > 0 else 1)
        self.input_combo.setCurrentIndex(model.row_of(term.metric_id))


class VirtualMeterDialog(QDialog):
    """New Virtual Meter… / editing one: every problem is explained under the inputs as it arises."""

    def __init__(self, vm: VirtualMeterEditorViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._model = VirtualInputsModel(self)
        self.rows: list[TermRow] = []
        self._tariffs = TariffsTableModel(parent=self)
        self._item_dialog: TariffDialog | None = None
        self.result_source: Source | None = None
        #: The choices of inputs have arrived (before, no problem is shown: the form is not filled yet).
        self.loaded = False
        #: The question after a conflicting save, while it is open.
        self.conflict_question: ConflictQuestion | None = None
        #: After a conflict the user chose to keep editing: the next save overwrites.
        self._overwrite_next = False
        self._setup_ui()
        vm.choices_loaded.connect(self._on_choices_loaded)
        vm.saved.connect(self._on_saved)
        vm.refused.connect(self._on_refused)
        vm.error_occurred.connect(self._on_error)
        vm.busy_changed.connect(self._on_busy)
        vm.conflict_raised.connect(self._on_conflict_raised)
        vm.reloaded.connect(self._on_reloaded)

    def start(self) -> None:
        """Load the choices of inputs (the form fills in when they arrive)."""
        self._vm.spawn(self._vm.load())

    # -- what the form holds ---------------------------------------------------------------------

    def current_source(self) -> Source:
        original = self._vm.source
        terms = tuple(t for t in (r.term() for r in self.rows) if t is not None)
        first = self._model.item(self.rows[0].input_combo.currentIndex()) if self.rows else None
        unit = first.metric.unit if first is not None else (original.metrics[0].unit if original else "")
        metric = Metric(
            original.metrics[0].id if original is not None and original.metrics else None,
            self.metric_edit.text().strip() or translate("VirtualMeterDialog", "Consumption"),
            unit,
            MetricKind.COUNTER,
            self.decimals_spin.value(),
        )
        base = original or Source(None, "", owner_id=self._common_owner())
        return replace(
            base,
            name=self.name_edit.text().strip(),
            category=Category(self.category_combo.currentData()),
            is_public=self.public_check.isChecked(),
            virtual=True,
            metrics=(metric,),
            terms=terms,
        )

    def current_tariffs(self) -> list[Tariff]:
        """The tariffs as the list shows them (their metric: the metric's id, or NEW_METRIC_KEY)."""
        return self._tariffs.items()

    def _keyed_metric(self) -> Metric:
        metric = self.current_source().metrics[0]
        return replace(metric, id=metric.id if metric.id is not None else NEW_METRIC_KEY)

    def _common_owner(self) -> int | None:
        """A new virtual meter belongs to whoever owns its private inputs, when one member does (a
        signed-in member's new source is theirs anyway: the repository decides)."""
        owners = set()
        for row in self.rows:
            item = self._model.item(row.input_combo.currentIndex())
            if item is not None and not item.source.is_public:
                owners.add(item.source.owner_id)
        return owners.pop() if len(owners) == 1 else None

    def problems(self) -> list[Issue]:
        source = self.current_source()
        issues = [] if source.name else [_name_missing()]
        return issues + self._vm.check(source)

    # -- building --------------------------------------------------------------------------------

    def _setup_ui(self) -> None:
        source = self._vm.source
        self.setWindowTitle(
            translate("VirtualMeterDialog", "Edit Virtual Meter “{name}”").format(name=source.name)
            if source
            else translate("VirtualMeterDialog", "New Virtual Meter")
        )
        self.setObjectName("virtualMeterDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(translate("VirtualMeterDialog", INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit(source.name if source else "")
        self.name_edit.setPlaceholderText(translate("VirtualMeterDialog", "e.g. House without heat pump"))
        self.name_edit.setMaxLength(200)
        form.addRow(translate("VirtualMeterDialog", "&Name:"), self.name_edit)
        self.category_combo = QComboBox()
        for category in Category:
            if category is not Category.TEMPERATURE:
                self.category_combo.addItem(category_icon(category), category.label, category.value)
        chosen = source.category if source else Category.ELECTRICITY
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(chosen.value)))
        form.addRow(translate("VirtualMeterDialog", "&Category:"), self.category_combo)
        metric = source.metrics[0] if source and source.metrics else None
        self.metric_edit = QLineEdit(metric.name if metric else translate("VirtualMeterDialog", "Consumption"))
        self.metric_edit.setMaxLength(100)
        form.addRow(translate("VirtualMeterDialog", "&Metric name:"), self.metric_edit)
        self.decimals_spin = QSpinBox()
        self.decimals_spin.setRange(0, 6)
        self.decimals_spin.setValue(metric.decimals if metric else 1)
        form.addRow(translate("VirtualMeterDialog", "&Decimals:"), self.decimals_spin)
        self.public_check = QCheckBox(translate("VirtualMeterDialog", "Public: every member of the household sees it"))
        self.public_check.setChecked(bool(source and source.is_public))
        form.addRow("", self.public_check)
        layout.addLayout(form)
        # Inputs and tariffs on tabs: one below the other, the form would not fit a small screen.
        self.tabs = QTabWidget()
        group = QWidget()
        group.setObjectName("inputsPage")
        self._terms_layout = QVBoxLayout(group)
        self.unit_label = QLabel()
        self.unit_label.setObjectName("unitLabel")
        self.add_button = QPushButton(translate("VirtualMeterDialog", "&Add Input"))
        self.add_button.clicked.connect(self._on_add_clicked)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        footer.addWidget(self.unit_label)
        self._rows_box = QVBoxLayout()
        self._terms_layout.addLayout(self._rows_box)
        self._terms_layout.addLayout(footer)
        self._terms_layout.addStretch(1)  # the rows at the top of their tab, however tall the tariffs
        self.tabs.addTab(group, translate("VirtualMeterDialog", "In&puts"))
        self.tabs.addTab(self._tariffs_group(), translate("VirtualMeterDialog", "&Tariffs"))
        layout.addWidget(self.tabs)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.setStyleSheet("color: palette(highlighted-text); background: #b3261e; padding: 6px;")
        self.problems_label.hide()
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(lambda _t: self._update())
        self.metric_edit.textChanged.connect(lambda _t: self._update())
        self.public_check.toggled.connect(lambda _on: self._update())
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()).width() + 80, 420)
        self._update()

    def _tariffs_group(self) -> QWidget:
        """The tariffs of its metric: the source form's list and tariff dialog (costs in reports and on
        the dashboard use the tariff in force at each moment)."""
        group = QWidget()
        group.setObjectName("tariffsPage")
        box = QVBoxLayout(group)
        intro = QLabel(
            translate(
                "VirtualMeterDialog", "Its price per unit from a day on: reports and the dashboard show its cost."
            )
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.tariffs_view = QTableView(group)
        self.tariffs_view.setObjectName("tariffsView")
        self.tariffs_view.setModel(self._tariffs)
        self.tariffs_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tariffs_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tariffs_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tariffs_view.setWordWrap(False)
        self.tariffs_view.verticalHeader().hide()
        self.tariffs_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.tariffs_view.setColumnHidden(TariffColumn.METRIC, True)  # one metric: its name says nothing
        header = self.tariffs_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, sample in (
            (TariffColumn.VALID_FROM, "28/12/2088 "),
            (TariffColumn.UNIT_PRICE, "0.888888 / kWh"),
            (TariffColumn.STANDING, "Standing charge / day"),
        ):
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(TariffColumn.CURRENCY, QHeaderView.ResizeMode.Stretch)
        shown = (TariffColumn.VALID_FROM, TariffColumn.UNIT_PRICE, TariffColumn.STANDING)
        currency = self.fontMetrics().horizontalAdvance("Currency") + 24
        self.tariffs_view.setMinimumWidth(sum(header.sectionSize(c) for c in shown) + currency + 4)  # never cut
        rows = 3  # a fixed height: a table's size hint would make the form taller than a small screen
        row_height = self.tariffs_view.verticalHeader().defaultSectionSize()
        self.tariffs_view.setFixedHeight(header.sizeHint().height() + rows * row_height + 4)
        box.addWidget(self.tariffs_view)
        buttons = QHBoxLayout()
        self.add_tariff_button = QPushButton(translate("VirtualMeterDialog", "Add Ta&riff…"))
        self.edit_tariff_button = QPushButton(translate("VirtualMeterDialog", "Ed&it…"))
        self.remove_tariff_button = QPushButton(translate("VirtualMeterDialog", "Remo&ve"))
        for button in (self.add_tariff_button, self.edit_tariff_button, self.remove_tariff_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.add_tariff_button.clicked.connect(lambda: self._edit_tariff(None))
        self.edit_tariff_button.clicked.connect(self._on_edit_tariff_clicked)
        self.tariffs_view.doubleClicked.connect(self._on_edit_tariff_clicked)
        self.remove_tariff_button.clicked.connect(self._on_remove_tariff_clicked)
        self.tariffs_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_tariff_buttons())
        self._update_tariff_buttons()
        return group

    def _selected_tariff(self) -> int | None:
        rows = self.tariffs_view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_tariff_buttons(self) -> None:
        chosen = self._selected_tariff() is not None
        self.add_tariff_button.setEnabled(self.loaded and not self._vm.busy)
        self.edit_tariff_button.setEnabled(self.loaded and chosen and not self._vm.busy)
        self.remove_tariff_button.setEnabled(self.loaded and chosen and not self._vm.busy)
        count = self._tariffs.rowCount()
        self.tabs.setTabText(
            1,
            translate("VirtualMeterDialog", "&Tariffs ({count})").format(count=count)
            if count
            else translate("VirtualMeterDialog", "&Tariffs"),
        )

    def _on_edit_tariff_clicked(self, *_args: object) -> None:
        row = self._selected_tariff()
        if row is not None:
            self._edit_tariff(row)

    def _on_remove_tariff_clicked(self) -> None:
        row = self._selected_tariff()
        if row is not None:
            self._tariffs.remove_item(row)
            self._update_tariff_buttons()

    def _edit_tariff(self, row: int | None) -> None:
        """The source form's tariff dialog, for this virtual meter's one metric."""
        if self._item_dialog is not None:
            return

        def stored(new_row: int) -> None:
            self._item_dialog = None
            if new_row >= 0:
                self.tariffs_view.selectRow(new_row)
                self._update_tariff_buttons()

        self._item_dialog = open_tariff_dialog(self._tariffs, [self._keyed_metric()], row, self, stored)

    def _add_row(self, term: VirtualTerm | None = None) -> TermRow:
        row = TermRow(self._model, self)
        if term is not None:
            row.set_term(term, self._model)
        else:
            row.input_combo.setCurrentIndex(-1 if self._model.rowCount() == 0 else self._next_choice())
            if self.rows:
                row.sign_combo.setCurrentIndex(1)  # the usual second input is subtracted
        row.changed.connect(self._update)
        row.remove_clicked.connect(self._on_remove_clicked)
        self.rows.append(row)
        self._rows_box.addWidget(row)
        row.show()  # now, not on the next pass of the loop: the size below counts it
        self._update()
        self._grow()
        return row

    def _grow(self) -> None:
        """Tall enough for every row and the wrapped texts at this width (a row more, a problem shown,
        a large font): a layout's size hints leave out height-for-width, so ask for it."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        need = self.sizeHint().height()
        if layout.hasHeightForWidth():
            need = max(need, layout.totalHeightForWidth(self.width()))
        if need > self.height():
            self.resize(self.width(), need)

    def _next_choice(self) -> int:
        """The first choice not used yet, in the unit of the first input when there is one."""
        used = {t.metric_id for t in (r.term() for r in self.rows) if t is not None}
        first = self._model.item(self.rows[0].input_combo.currentIndex()) if self.rows else None
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if (
                item is not None
                and item.metric.id not in used
                and (first is None or item.metric.unit == first.metric.unit)
            ):
                return row
        unused = [r for r in range(self._model.rowCount()) if (i := self._model.item(r)) and i.metric.id not in used]
        return unused[0] if unused else 0

    def _update(self) -> None:
        source = self.current_source()
        unit = source.metrics[0].unit
        self._tariffs.set_metrics([self._keyed_metric()])  # the unit of its prices follows the inputs'
        self.unit_label.setText(
            translate("VirtualMeterDialog", "Unit: {unit}").format(unit=unit) if self.rows and unit else ""
        )
        issues = errors(self.problems())
        shown = [i for i in issues if i.code != "name-missing" or self.name_edit.isModified()]
        if self.loaded and self._model.rowCount():
            self._show(shown)
        ready = self.loaded and not issues and not self._vm.busy
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ready)

    def _show(self, issues: list[Issue]) -> None:
        self.problems_label.setText("\n".join(i.text for i in issues))
        self.problems_label.setVisible(bool(issues))
        self._grow()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Never shorter than the wrapped texts need at this width (a layout's minimum size ignores
        height-for-width: narrower, the intro and the problems take more lines and squeeze the rows)."""
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(self.width())
            if need > self.height():
                self.setMinimumHeight(need)

    # -- slots -----------------------------------------------------------------------------------

    def _on_choices_loaded(self, choices: list[InputFacts]) -> None:
        self._model.set_rows(choices)
        self.loaded = True
        self._tariffs.set_items(self._vm.tariffs)
        self._update_tariff_buttons()
        source = self._vm.source
        if source is not None:
            for term in source.terms:
                self._add_row(term)
        elif not self.rows and choices:
            self._add_row()
            self._add_row()
        if not choices:
            self._show_text(
                translate(
                    "VirtualMeterDialog",
                    "No meter can be an input yet: add a meter with a counter or interval metric first.",
                )
            )
        self._update()

    def _show_text(self, text: str) -> None:
        self.problems_label.setText(text)
        self.problems_label.show()

    def _on_add_clicked(self) -> None:
        self._add_row()

    def _on_remove_clicked(self, row: TermRow) -> None:
        self.rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update()

    @asyncSlot()
    async def _on_save_clicked(self) -> None:
        overwrite, self._overwrite_next = self._overwrite_next, False
        await self._vm.save(self.current_source(), self.current_tariffs(), overwrite=overwrite)

    @asyncSlot()
    async def _overwrite(self) -> None:
        await self._vm.save(self.current_source(), self.current_tariffs(), overwrite=True)

    @asyncSlot()
    async def _reload(self) -> None:
        await self._vm.reload()

    def _on_conflict_raised(self, conflict: ConflictError) -> None:
        """Someone else saved this virtual meter (or one of its tariffs) meanwhile: nothing was
        stored; ask as the source form does."""
        self.conflict_question = ask(conflict, self, self._on_conflict_answered)

    def _on_conflict_answered(self, choice: str) -> None:
        self.conflict_question = None
        if choice == RELOAD:
            self._reload()
        elif choice == OVERWRITE:
            self._overwrite()
        else:
            self._overwrite_next = True
            self._show_text(
                (f"{self._vm.conflict or ''} " + translate("VirtualMeterDialog", "Save again to overwrite it.")).strip()
            )

    def _on_reloaded(self, source: Source) -> None:
        """The virtual meter and its tariffs as stored now (Reload after a conflict)."""
        self._overwrite_next = False
        self.name_edit.setText(source.name)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(source.category.value)))
        if source.metrics:
            self.metric_edit.setText(source.metrics[0].name)
            self.decimals_spin.setValue(source.metrics[0].decimals)
        self.public_check.setChecked(source.is_public)
        for row in list(self.rows):
            self._on_remove_clicked(row)
        for term in source.terms:
            self._add_row(term)
        self._tariffs.set_items(self._vm.tariffs)
        self._show([])
        self._update_tariff_buttons()
        self._update()

    def _on_saved(self, source: Source) -> None:
        self.result_source = source
        self.accept()

    def _on_refused(self, issues: list[Issue]) -> None:
        self._show(issues)

    def _on_error(self, message: str) -> None:
        self._show_text(message)

    def _on_busy(self, busy: bool) -> None:
        self.add_button.setEnabled(not busy)
        self._update_tariff_buttons()
        self._update()


def _name_missing() -> Issue:
    from ..domain.issues import SourceField, error

    return error(
        "name-missing",
        SourceField.NAME,
        translate("VirtualMeterDialog", "Name is required: enter what this virtual meter is called."),
    )
