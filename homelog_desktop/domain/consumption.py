"""Consumption per calendar period: counters allocated pro rata, intervals summed, gauges summarised.

Pure (numpy, no Qt, no SQLAlchemy). Work in progress: the API is published first.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


class Period(enum.StrEnum):
    """The calendar buckets a report groups by (local time)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    BILLING_YEAR = "billing_year"
    HEATING_SEASON = "heating_season"

    @property
    def label(self) -> str:
        return {
            "day": "Day",
            "week": "Week",
            "month": "Month",
            "quarter": "Quarter",
            "year": "Year",
            "billing_year": "Billing year",
            "heating_season": "Heating season",
        }[self.value]


@dataclass(frozen=True)
class Series:
    """One metric's readings: ``ts`` epoch seconds UTC (ascending), ``values`` as stored."""

    ts: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return int(self.ts.shape[0])
