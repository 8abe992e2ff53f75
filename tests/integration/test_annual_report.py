"""The annual report's figures (services/annual_report.py): assembled from build_report and the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from homelog_desktop.domain.consumption import Period
from homelog_desktop.services.annual_report import YearKind, build_annual_report, period_of, visible_sources
from homelog_desktop.services.reports import build_report
from tests.annual_report_support import BERLIN, LONG_NAME, build_household


def test_annual_report_sections_are_build_report_figures(run, db):
    """Each metric's months are build_report's monthly report of the year; the year row has the change."""
    household = run(build_household(db))
    report = run(build_annual_report(db, YearKind.CALENDAR, 2025, tz=BERLIN))
    assert [s.source.name for s in report.sections] == ["Cellar", LONG_NAME, "Water"]
    water = report.sections[2]
    part = water.metrics[0]
    source = household["water"]
    expected = run(
        build_report(db, source.id, source.metrics[0].id, Period.MONTH, date(2025, 1, 1), date(2026, 1, 1), BERLIN)
    )
    assert part.months.rows == expected.rows
    assert part.months.total_consumption == expected.total_consumption == Decimal(365)
    assert part.months.total_cost == Decimal("812.50")
    assert part.year is not None and part.year.last_year == Decimal(366)
    assert part.previous_year is not None and part.previous_year.start == date(2024, 1, 1)
    assert {r.start.year for r in part.compared.rows} == {2024, 2025}  # 2023 compared too, but not read
    assert [t.valid_from for t in part.tariffs] == [date(2024, 1, 1), date(2025, 10, 1)]
    assert [e.note for e in part.meter_changes] == ["Calibration due"]
    assert [n.text for n in water.notes] == ["Read by the landlord"]
    assert not report.sections[1].has_data and report.sections[0].has_data


def test_annual_report_billing_year_follows_each_source(run, db):
    """A billing year from July: July 2025 to June 2026 for that source, calendar for the others."""
    household = run(build_household(db))
    water = replace(household["water"], billing_start_month=7)
    assert period_of(water, YearKind.BILLING, 2025) == (date(2025, 7, 1), date(2026, 7, 1))
    assert period_of(household["cellar"], YearKind.BILLING, 2025) == (date(2025, 1, 1), date(2026, 1, 1))
    report = run(build_annual_report(db, YearKind.BILLING, 2025, [water], tz=BERLIN))
    section = report.sections[0]
    assert section.label == "2025/26"
    assert [r.start for r in section.metrics[0].months.rows][:2] == [date(2025, 7, 1), date(2025, 8, 1)]
    # Readings end on 2026-01-01: six months of the billing year are covered.
    assert section.metrics[0].months.total_consumption == Decimal(184)


def test_annual_report_progress_and_visible_sources(run, db):
    """Progress names each source before its figures, and ends at the total."""
    run(build_household(db))
    sources = run(visible_sources(db))
    steps: list[tuple[int, int, str]] = []
    run(build_annual_report(db, YearKind.CALENDAR, 2025, sources, tz=BERLIN, progress=lambda *a: steps.append(a)))
    assert steps == [(0, 3, "Cellar"), (1, 3, LONG_NAME), (2, 3, "Water"), (3, 3, "")]
