"""Virtual meters: a source computed from other sources' metrics (pure: no Qt, no SQLAlchemy).

A virtual meter is a source with ``virtual`` set and one metric, whose consumption is a signed sum
of *terms*: metrics of other sources of the same unit (house − heat pump; solar self-consumption =
production − feed-in; a sub-meter's remainder). It has no readings of its own. Its figures come
from the existing engine: each input's consumption curve (its own readings, meter changes,
periods) is built as for any report, and the curves are combined (``combine_curves``), so every
bucket's amount is exactly the signed sum of the inputs' amounts over that bucket, however
irregular their readings.

The rules (``check_virtual``):

- at least one term; each input at most once; never the virtual meter's own metric;
- only counters and interval metrics (a gauge has no consumption), all in the virtual metric's unit;
- no cycles: a virtual meter may use another virtual meter's metric, unless that one (directly or
  not) uses this one;
- privacy (``access.can_use_as_input``): whoever can see the virtual meter must be able to see every
  input (an input is public, or both are private with the same owner), so its figures never reveal
  a private meter's consumption. When a source changes afterwards (an input is made private), the
  figures are not shown to a member who cannot see every input (``HiddenInputError``).

What happens to the inputs:

- an archived input keeps counting (its readings are history);
- deleting an input's source or metric, changing its unit or making it a gauge is refused with the
  virtual meters named (``in_use_issue``): remove it from them first.

Where the inputs' data overlap only partly, the virtual meter covers the time all of them cover
(from the latest first reading to the earliest last one): outside that a figure would be partial.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..i18n import translate
from .access import SourceFacts, can_use_as_input
from .consumption import Curve
from .entities import Metric, MetricKind, Source, VirtualTerm
from .errors import HomeLogError
from .issues import Issue, VirtualField, error

__all__ = [
    "HiddenInputError",
    "InputFacts",
    "check_virtual",
    "combine_curves",
    "in_use_issue",
    "term_label",
]


@dataclass(frozen=True, slots=True)
class InputFacts:
    """What the rules need to know about one input metric and its source."""

    metric: Metric
    source_id: int
    source_name: str
    source: SourceFacts
    #: The input's source is itself a virtual meter.
    virtual: bool = False

    @property
    def label(self) -> str:
        return term_label(self.source_name, self.metric)


class HiddenInputError(HomeLogError):
    """The reader cannot see every input of a virtual meter: its figures are not shown to them."""

    def __init__(self, name: str) -> None:
        super().__init__(
            translate(
                "Virtual",
                "“{name}” is computed from a meter you cannot see, so its figures are not shown to you."
                " Ask its owner to make its inputs public.",
            ).format(name=name)
        )


def term_label(source_name: str, metric: Metric) -> str:
    """How a term's input is named in forms and messages: ``Heat pump · Electricity (kWh)``."""
    return f"{source_name} · {metric.label}"


def check_virtual(
    source: Source, inputs: Mapping[int, InputFacts], dependencies: Mapping[int, Sequence[int]]
) -> list[Issue]:
    """The problems of a virtual meter's definition.

    ``inputs``: the facts of every input metric that exists (one missing from it no longer exists,
    or cannot be seen); ``dependencies``: each stored virtual metric's input metric ids (for cycles).
    """
    if not source.virtual:
        return []
    issues: list[Issue] = []
    if len(source.metrics) != 1:
        issues.append(
            error(
                "virtual-one-metric",
                VirtualField.TERMS,
                translate("Virtual", "A virtual meter has exactly one metric."),
            )
        )
        return issues
    own = source.metrics[0]
    if own.kind is not MetricKind.COUNTER:
        issues.append(
            error(
                "virtual-kind", VirtualField.TERMS, translate("Virtual", "A virtual meter's metric counts consumption.")
            )
        )
    if not source.terms:
        issues.append(
            error(
                "virtual-no-terms",
                VirtualField.TERMS,
                translate("Virtual", "Inputs: a virtual meter needs at least one input. Click “Add input”."),
            )
        )
    facts = SourceFacts(source.owner_id, source.is_public)
    seen: set[int] = set()
    for row, term in enumerate(source.terms):
        issue = _term_issue(term, row, own, inputs, facts, seen)
        if issue is not None:
            issues.append(issue)
        seen.add(term.metric_id)
    if own.id is not None and _reaches(
        own.id, [t.metric_id for t in source.terms if t.metric_id != own.id], dependencies
    ):
        issues.append(
            error(
                "virtual-cycle",
                VirtualField.TERMS,
                translate(
                    "Virtual",
                    "Inputs: a virtual meter cannot use itself, also not through another virtual meter that uses it.",
                ),
            )
        )
    return issues


def _term_issue(
    term: VirtualTerm, row: int, own: Metric, inputs: Mapping[int, InputFacts], facts: SourceFacts, seen: set[int]
) -> Issue | None:
    subject = translate("Virtual", "Input {row}").format(row=row + 1)
    if term.sign not in (1, -1):
        return error(
            "virtual-sign",
            VirtualField.TERMS,
            translate("Virtual", "must be added (+) or subtracted (−)"),
            row=row,
            subject=subject,
        )
    if own.id is not None and term.metric_id == own.id:
        return error(
            "virtual-self",
            VirtualField.TERMS,
            translate("Virtual", "is this virtual meter itself"),
            row=row,
            subject=subject,
        )
    found = inputs.get(term.metric_id)
    if found is None:
        return error(
            "virtual-missing",
            VirtualField.TERMS,
            translate("Virtual", "that metric no longer exists (or you cannot see it): choose another"),
            row=row,
            subject=subject,
        )
    subject = translate("Virtual", "Input {row} ({name})").format(row=row + 1, name=found.label)
    if term.metric_id in seen:
        return error(
            "virtual-twice", VirtualField.TERMS, translate("Virtual", "is already an input"), row=row, subject=subject
        )
    if found.metric.kind is MetricKind.GAUGE:
        return error(
            "virtual-gauge",
            VirtualField.TERMS,
            translate("Virtual", "is a gauge (an instantaneous value): it has no consumption to add or subtract"),
            row=row,
            subject=subject,
        )
    if found.metric.unit != own.unit:
        return error(
            "virtual-unit",
            VirtualField.UNIT,
            translate(
                "Virtual",
                "is in {unit}, this virtual meter in {own}: only metrics of the same unit can be added or subtracted",
            ).format(
                unit=found.metric.unit or translate("Virtual", "no unit"),
                own=own.unit or translate("Virtual", "no unit"),
            ),
            row=row,
            subject=subject,
        )
    decision = can_use_as_input(facts, found.source)
    if not decision:
        return error("virtual-private", VirtualField.TERMS, decision.reason, row=row, subject=subject)
    return None


def _reaches(target: int, starts: Sequence[int], dependencies: Mapping[int, Sequence[int]]) -> bool:
    """Whether ``target`` is among ``starts`` or what they use, following ``dependencies``."""
    stack, visited = list(starts), set()
    while stack:
        metric_id = stack.pop()
        if metric_id == target:
            return True
        if metric_id in visited:
            continue
        visited.add(metric_id)
        stack.extend(dependencies.get(metric_id, ()))
    return False


def in_use_issue(what: str, virtual_names: Sequence[str]) -> Issue:
    """The refusal of a change that would take an input away from virtual meters (named)."""
    names = ", ".join(f"“{n}”" for n in sorted(virtual_names))
    return error(
        "virtual-input-in-use",
        VirtualField.TERMS,
        translate(
            "Virtual",
            "{what} is an input of the virtual meter(s) {names}: remove it there first.",
            None,
            len(virtual_names),
        ).format(what=what, names=names),
    )


# -- figures ---------------------------------------------------------------------------------


def combine_curves(parts: Sequence[tuple[int, Curve]]) -> Curve:
    """The curve of Σ sign × input over the time all inputs cover (see the module's docstring).

    For every ``a <= b`` within that time, ``result.between(a, b)`` equals
    ``Σ sign × curve.between(a, b)``: the continuous parts are added at the union of the inputs'
    knots (a sum of piecewise linear functions is piecewise linear with those knots), the jumps at
    the union of their instants.
    """
    none = np.zeros(0, dtype=np.int64)
    if not parts or any(c.is_empty for _, c in parts):
        return Curve(none, np.zeros(0))
    lo = max(c.start for _, c in parts)
    hi = min(c.end for _, c in parts)
    if lo > hi:
        return Curve(none, np.zeros(0))
    knots = _sorted_unique(
        [np.array([lo], dtype=np.int64)] + [_inside(c.ts, lo, hi) for _, c in parts] + [np.array([hi], dtype=np.int64)]
    )
    x = knots.astype(np.float64)
    cum = np.zeros(knots.shape[0], dtype=np.float64)
    jump_at: list[npt.NDArray[np.int64]] = []
    jump_size: list[npt.NDArray[np.float64]] = []
    decreases: list[npt.NDArray[np.int64]] = []
    for sign, curve in parts:
        xs = curve.ts.astype(np.float64)
        continuous = _interp(x, xs, curve.cum)
        cum += sign * (continuous - continuous[0])
        if curve.jump_ts.shape[0]:
            sizes = np.diff(np.concatenate(([0.0], curve.jump_cum)))
            # A jump at ``lo`` belongs to the span only when ``lo`` is the input's first instant
            # (``Curve.at`` counts it just after); otherwise it happened before the span.
            after = curve.jump_ts > lo if lo > curve.start else curve.jump_ts >= lo
            keep = after & (curve.jump_ts <= hi)
            jump_at.append(curve.jump_ts[keep])
            jump_size.append(sign * sizes[keep])
        decreases.append(curve.decreases[(curve.decreases > lo) & (curve.decreases <= hi)])
    jump_ts, jump_cum = none, np.zeros(0)
    if jump_at and sum(a.shape[0] for a in jump_at):
        at = np.concatenate(jump_at)
        size = np.concatenate(jump_size)
        order = np.argsort(at, kind="stable")
        at, size = at[order], size[order]
        first = np.flatnonzero(np.concatenate(([True], at[1:] != at[:-1])))
        jump_ts = at[first]
        sums = np.add.reduceat(size, first)
        nonzero = sums != 0
        jump_ts, jump_cum = jump_ts[nonzero], np.cumsum(sums[nonzero])
    starts, ends = _coverage([c for _, c in parts], lo, hi)
    return Curve(
        knots,
        cum,
        jump_ts.astype(np.int64),
        jump_cum.astype(np.float64),
        decreases=_sorted_unique(decreases) if decreases else none,
        correction=float(sum(sign * c.correction for sign, c in parts)),
        covered_starts=starts,
        covered_ends=ends,
        unknown=sum(c.unknown for _, c in parts),
    )


#: Knots interpolated at a time: np.interp holds the GIL, so a worker thread lets the window's
#: thread run between slices (a few milliseconds each).
_SLICE = 1 << 17


def _interp(
    x: npt.NDArray[np.float64], xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    out = np.empty(x.shape[0], dtype=np.float64)
    for begin in range(0, x.shape[0], _SLICE):
        out[begin : begin + _SLICE] = np.interp(x[begin : begin + _SLICE], xs, ys)
        time.sleep(0)  # let the event loop's thread take the GIL
    return out


def _sorted_unique(runs: Sequence[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    """The distinct values of sorted arrays, in order: a stable sort of sorted runs is a merge
    (timsort), far faster than ``np.unique``'s hashing of millions of values."""
    merged = np.sort(np.concatenate(runs).astype(np.int64), kind="stable")
    if merged.shape[0] == 0:
        return merged
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))]


def _inside(ts: npt.NDArray[np.int64], lo: int, hi: int) -> npt.NDArray[np.int64]:
    return ts[(ts > lo) & (ts < hi)]


def _coverage(
    curves: Sequence[Curve], lo: int, hi: int
) -> tuple[npt.NDArray[np.int64] | None, npt.NDArray[np.int64] | None]:
    """The spans every input covers (None: all are counters, which cover their whole span)."""
    if all(c.covered_starts is None for c in curves):
        return None, None
    spans: list[tuple[int, int]] = [(lo, hi)]
    for curve in curves:
        if curve.covered_starts is None or curve.covered_ends is None:
            continue
        own = list(zip(curve.covered_starts.tolist(), curve.covered_ends.tolist(), strict=True))
        spans = _intersect(spans, own)
    return np.array([s for s, _ in spans], dtype=np.int64), np.array([e for _, e in spans], dtype=np.int64)


def _intersect(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The intersection of two ordered lists of disjoint spans."""
    result: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result
