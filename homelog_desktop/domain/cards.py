"""What a dashboard card can say about "this month" (pure: the dashboard view imports it at start-up)."""

from __future__ import annotations

import enum


class MonthStatus(enum.StrEnum):
    """Why "this month" or its comparison with a year ago has no figure (OK: both have one)."""

    OK = "ok"
    #: Readings cover the month so far, but not the same days a year ago.
    NO_LAST_YEAR = "no_last_year"
    #: No reading since the 1st of the month: nothing to show yet (a year ago may well have data).
    NO_READING_THIS_MONTH = "no_reading_this_month"
    #: Fewer than two readings: no consumption at all yet.
    TOO_FEW_READINGS = "too_few_readings"
    #: A gauge (temperature...): no consumption.
    NOT_APPLICABLE = "not_applicable"
