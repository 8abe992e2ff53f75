"""Amounts per period spread over calendar buckets: each amount evenly over its own [start, end).

Pure (numpy). An interval value is an amount over its own period (15 minutes of a smart meter, a day
of a portal export, a year's bill). Spread evenly over that period, a bucket [a, b) gets the part
of each amount that falls inside it, so the buckets sum back to the amounts they cover, a period
that crosses a month's end is split pro rata, and overlapping periods add up. A bucket that no
period touches is a gap: its total is NaN (no value), never 0; ``covered`` says how many seconds of
each bucket have data, so a report can tell "partly covered" from "complete".

Each period is cut at the bucket edges it crosses and each piece gets amount × piece / period
(a quarter-hour is one piece; a year's bill one piece per bucket it covers), then the pieces are
summed per bucket: exact per amount, with no cancellation between large running sums, and
O(n log m + pieces) for n amounts and m buckets. An amount whose period has no length (start == end) is an amount at an
instant: it falls whole into the bucket that holds its instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Spread:
    """Per bucket [edges[i], edges[i + 1]): the amount in it (NaN for a gap) and the seconds covered."""

    totals: FloatArray
    covered: IntArray

    @property
    def gaps(self) -> npt.NDArray[np.bool_]:
        """True for each bucket that no period touches."""
        return np.isnan(self.totals)


def spread_amounts(
    starts: Sequence[int] | IntArray,
    ends: Sequence[int] | IntArray,
    amounts: Sequence[float] | FloatArray,
    edges: Sequence[int] | IntArray,
) -> Spread:
    """Spread each ``amounts[k]`` evenly over [``starts[k]``, ``ends[k]``) into the buckets between ``edges``.

    Times are integer seconds (UTC epoch); ``edges`` are increasing bucket boundaries (local midnights
    of days, months, billing years...). Raises ValueError for periods that end before they start,
    mismatched lengths, edges that do not increase, or amounts that are not finite.
    """
    s = np.asarray(starts, dtype=np.int64)
    e = np.asarray(ends, dtype=np.int64)
    a = np.asarray(amounts, dtype=np.float64)
    x = np.asarray(edges, dtype=np.int64)
    if not (s.shape == e.shape == a.shape) or s.ndim != 1:
        raise ValueError("starts, ends and amounts must be one-dimensional and of the same length")
    if x.ndim != 1 or len(x) < 2:
        empty = np.full(max(len(x) - 1, 0), np.nan)
        return Spread(empty, np.zeros(len(empty), dtype=np.int64))
    if np.any(np.diff(x) <= 0):
        raise ValueError("bucket edges must increase")
    if np.any(e < s):
        raise ValueError("a period ends before it starts")
    if not np.all(np.isfinite(a)):
        raise ValueError("amounts must be finite numbers")
    buckets = len(x) - 1
    totals = np.zeros(buckets, dtype=np.float64)
    covered = np.zeros(buckets, dtype=np.int64)

    long = e > s
    if np.any(long):
        sl, el, al = s[long], e[long], a[long]
        lo = np.searchsorted(x, sl, side="right") - 1
        hi = np.searchsorted(x, el, side="left") - 1
        whole = (lo == hi) & (lo >= 0) & (hi < buckets)  # the usual case: the period lies in one bucket
        totals += np.bincount(lo[whole], weights=al[whole], minlength=buckets)
        split = ~whole
        sl, el, al = sl[split], el[split], al[split]
        index, bucket, seconds = _pieces(sl, el, x)
        share = al[index] * (seconds / (el[index] - sl[index]))
        totals += np.bincount(bucket, weights=share, minlength=buckets)
        sl, el = s[long], e[long]
        merged_s, merged_e = union_of(sl, el)
        _index, bucket, seconds = _pieces(merged_s, merged_e, x)
        covered += np.rint(np.bincount(bucket, weights=seconds.astype(np.float64), minlength=buckets)).astype(np.int64)
    touched = covered > 0

    instant = ~long
    if np.any(instant):
        at, amount = s[instant], a[instant]
        which = np.searchsorted(x, at, side="right") - 1
        ok = (which >= 0) & (which < buckets)
        totals += np.bincount(which[ok], weights=amount[ok], minlength=buckets)
        touched[which[ok]] = True

    totals[~touched] = np.nan
    return Spread(totals, covered)


def _pieces(starts: IntArray, ends: IntArray, x: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Each period's overlap with each bucket it touches: (period index, bucket index, seconds).

    A quarter-hour lies in one bucket and gives one piece; a year's bill gives one piece per month
    (or day) it covers. Each piece is computed from its own period, so no cancellation between large
    running sums loses the small amounts (exact to the last bit of each share).
    """
    buckets = len(x) - 1
    keep = np.nonzero((ends > x[0]) & (starts < x[-1]))[0]
    s, e = starts[keep], ends[keep]
    lo = np.clip(np.searchsorted(x, s, side="right") - 1, 0, buckets - 1)
    hi = np.clip(np.searchsorted(x, e, side="left") - 1, 0, buckets - 1)
    counts = hi - lo + 1
    index = np.repeat(keep, counts)
    offsets = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    bucket = np.repeat(lo, counts) + offsets
    seconds = np.minimum(ends[index], x[bucket + 1]) - np.maximum(starts[index], x[bucket])
    return index, bucket, seconds


def union_of(starts: IntArray, ends: IntArray) -> tuple[IntArray, IntArray]:
    """The periods merged where they overlap or touch: disjoint [start, end) spans, in order."""
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], ends[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] > reach[:-1]
    first = np.nonzero(new)[0]
    last = np.append(first[1:] - 1, len(s) - 1)
    return s[first], reach[last]
