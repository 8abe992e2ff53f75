"""Qt list model exposing the metrics a virtual meter may use to the input pickers of VirtualMeterDialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.virtual import InputFacts
from ...i18n import translate

_Index = QModelIndex | QPersistentModelIndex


class VirtualInputsModel(QAbstractListModel):
    """One row per metric (``Heat pump · Electricity (kWh)``); ``MetricIdRole`` holds its id."""

    MetricIdRole = Qt.ItemDataRole.UserRole
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InputFacts] = []
        self._labels: list[str] = []
        self._tips: list[str] = []

    def set_rows(self, rows: list[InputFacts]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        virtual = translate("VirtualInputs", " (virtual)")
        self._labels = [r.label + (virtual if r.virtual else "") for r in self._rows]
        self._tips = [
            translate("VirtualInputs", "{kind} in {unit}; {visibility}").format(
                kind=r.metric.kind.label,
                unit=r.metric.unit or translate("VirtualInputs", "no unit"),
                visibility=translate("VirtualInputs", "public")
                if r.source.is_public
                else translate("VirtualInputs", "private"),
            )
            for r in self._rows
        ]
        self.endResetModel()

    def row_of(self, metric_id: int) -> int:
        """The row of ``metric_id`` (-1 when it is not a choice)."""
        return next((i for i, r in enumerate(self._rows) if r.metric.id == metric_id), -1)

    def item(self, row: int) -> InputFacts | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row]
        if role == self.MetricIdRole:
            return self._rows[row].metric.id
        if role == self.ItemRole:
            return self._rows[row]
        return None
