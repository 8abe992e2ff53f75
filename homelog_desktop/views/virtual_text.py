"""How a virtual meter's definition reads in the window: ``House · Energy − Heat pump · Energy``."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.entities import Source
from ..i18n import QT_TRANSLATE_NOOP, translate

#: What the readings tab of a virtual meter says instead of an empty table.
NO_READINGS = QT_TRANSLATE_NOOP(
    "VirtualText",
    "“{name}” is a virtual meter, computed from its inputs:\n{formula}\n\n"
    "It has no readings of its own. Its consumption per period is on the Reports and Charts tab (Ctrl+3).",
)


def formula(source: Source, sources: Sequence[Source]) -> str:
    """The signed inputs of virtual meter ``source`` by name (an input not among ``sources``: "a hidden meter")."""
    labels: dict[int, str] = {}
    for other in sources:
        for metric in other.metrics:
            if metric.id is not None:
                labels[metric.id] = other.name if len(other.metrics) == 1 else f"{other.name} · {metric.name}"
    parts = []
    for index, term in enumerate(source.terms):
        label = labels.get(term.metric_id, translate("VirtualText", "a meter you cannot see"))
        if index == 0:
            parts.append(label if term.sign > 0 else f"− {label}")
        else:
            parts.append(f"{'+' if term.sign > 0 else '−'} {label}")
    return " ".join(parts)
