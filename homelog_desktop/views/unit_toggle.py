"""The Reports page's unit switch for a metric with conversion factors: "kWh | m³"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from ..i18n import translate

if TYPE_CHECKING:
    from ..services.reports import Report


class UnitToggle(QWidget):
    """Two buttons, the converted unit and the metered one; hidden for a metric without factors.

    ``converted_changed(True)``: show kWh (the default); ``False``: show the amount as metered.
    """

    converted_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportUnit")
        caption = QLabel(translate("UnitToggle", "Unit"))
        self.converted_button = QToolButton()
        self.converted_button.setObjectName("reportUnitConverted")
        self.metered_button = QToolButton()
        self.metered_button.setObjectName("reportUnitMetered")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(caption)
        layout.addSpacing(6)
        for button in (self.converted_button, self.metered_button):
            button.setCheckable(True)
            button.setAutoRaise(False)
            self._group.addButton(button)
            layout.addWidget(button)
        caption.setBuddy(self.converted_button)
        self.converted_button.setChecked(True)
        self.converted_button.toggled.connect(self.converted_changed)
        self.hide()

    @property
    def converted(self) -> bool:
        return self.converted_button.isChecked()

    def show_for(self, report: Report) -> None:
        """Offer the two units of ``report``'s metric (hidden when it has no conversion factors)."""
        if not report.convertible or report.converted_unit is None:
            self.hide()
            return
        metered = report.original_metric.unit if report.original_metric is not None else report.metric.unit
        self.converted_button.setText(report.converted_unit)
        self.metered_button.setText(metered or translate("UnitToggle", "as metered"))
        self.converted_button.setToolTip(
            translate("UnitToggle", "Consumption and averages in {unit} (what the bill uses)").format(
                unit=report.converted_unit
            )
        )
        self.metered_button.setToolTip(
            translate(
                "UnitToggle", "Consumption as the meter counts it ({metered}); costs stay priced per {unit}"
            ).format(metered=metered, unit=report.converted_unit)
        )
        self.show()
