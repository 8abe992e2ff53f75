"""The annual report's PDF, rendered by poppler and checked page by page (figures checked by hand)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage

from homelog_desktop.domain.consumption import Period
from homelog_desktop.services.annual_report import YearKind, build_annual_report
from homelog_desktop.services.reports import build_report, consumption_text, money_text
from homelog_desktop.views.annual_report_pdf import default_page_size, write_pdf
from tests.annual_report_support import BERLIN, LONG_NAME, build_household, pdf_info, pdf_pages_to_png, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

#: Where the rendered pages are kept to be looked at (also by hand).
SHOTS = Path("/tmp/pdf/shots")


@pytest.fixture
def household(run, db):
    return run(build_household(db))


def _write(
    run,
    db,
    tmp_path: Path,
    name: str = "report.pdf",
    *,
    kind=YearKind.CALENDAR,
    year=2025,
    page_size="a4",
    sources=None,
):
    report = run(build_annual_report(db, kind, year, sources, tz=BERLIN))
    path = tmp_path / name
    steps: list[tuple[int, int, str]] = []
    pages = run(write_pdf(report, path, page_size, lambda done, total, text: steps.append((done, total, text))))
    return report, path, pages, steps


def test_pdf_has_a_cover_and_a_page_per_source_on_a4(run, db, household, tmp_path):
    """Cover + one page per source; A4; the progress reaches its end."""
    report, path, pages, steps = _write(run, db, tmp_path)
    assert [s.source.name for s in report.sections] == ["Cellar", LONG_NAME, "Water"]
    assert pages == 4
    info = pdf_info(path)
    assert info["Pages"] == "4"
    assert "595 x 842 pts (A4)" in info["Page size"]
    assert steps[-1][0] == steps[-1][1]
    assert [done for done, _t, _x in steps] == sorted(done for done, _t, _x in steps)


def test_pdf_on_letter(run, db, household, tmp_path):
    """--page-size letter: 8.5 × 11 in."""
    _report, path, _pages, _steps = _write(run, db, tmp_path, page_size="letter")
    assert "612 x 792 pts (letter)" in pdf_info(path)["Page size"]


def test_pdf_source_page_shows_the_hand_checked_figures(run, db, household, tmp_path):
    """The water page: months, total, cost, change, meter change, prices and notes, as computed by hand."""
    _report, path, _pages, _steps = _write(run, db, tmp_path)
    water = pdf_text(path, 4)
    assert "Water" in water and "1 January – 31 December 2025" in water
    assert "365.000 m³" in water  # the year's consumption (key figure)
    assert "€812.50" in water  # 273 × 2.10 + 92 × 2.60, as the window writes money (the locale's: en_GB)
    assert "−0.3 %" in water  # against 366 m³ over the same days of 2024
    january = next(line for line in water.splitlines() if line.strip().startswith("January 2025"))
    assert january.split()[2:] == ["31.000", "31", "1.00000", "65.10", "31.000", "0.0", "%"]
    total = next(line for line in water.splitlines() if line.strip().startswith("Total"))
    assert total.split() == ["Total", "365.000", "365", "812.50"]
    assert "From 1 October 2025: 2.50 EUR per m³, standing charge 0.10 EUR a day" in water
    flowing = " ".join(water.split())
    assert "2025-07-15 00:00 – Meter replaced: old meter's last value 561.000 m³, new meter's first 0.000 m³" in flowing
    assert "Calibration due" in flowing
    assert "Read by the landlord" in water
    assert "An old note" not in water  # 2024


def test_pdf_figures_equal_the_reports_page(run, db, household, tmp_path):
    """Every month's consumption and cost in the PDF is build_report's (the Reports page's)."""
    _report, path, _pages, _steps = _write(run, db, tmp_path)
    water = household["water"]
    metric = water.metrics[0]
    months = run(build_report(db, water.id, metric.id, Period.MONTH, _day(2025, 1), _day(2026, 1), BERLIN))
    text = pdf_text(path, 4)
    for row in months.rows:
        name = f"{row.start:%B} {row.start.year}"
        line = next(line for line in text.splitlines() if line.strip().startswith(name))
        cells = line.split()
        assert cells[2] == consumption_text(row.consumption, metric)
        assert cells[5] == money_text(row.cost)
    assert months.total_cost is not None and money_text(months.total_cost) == "812.50"
    assert consumption_text(months.total_consumption, metric) == "365.000"


def test_pdf_cover_has_the_household_totals(run, db, household, tmp_path):
    """The cover: per unit and the total cost; each source with the page it starts on."""
    _report, path, _pages, _steps = _write(run, db, tmp_path)
    cover = pdf_text(path, 1)
    assert "Annual report 2025" in cover and "1 January – 31 December 2025" in cover
    assert "365.000 m³" in cover and "€812.50" in cover
    assert "no readings in 2025" in cover
    water = [line.split() for line in cover.splitlines() if line.strip().startswith("Water")][-1]  # the table's
    assert water[-1] == "4"  # its page


def test_pdf_gauge_and_source_without_readings(run, db, household, tmp_path):
    """A gauge shows mean, lowest and highest; a source not read in the year gets a short page."""
    _report, path, _pages, _steps = _write(run, db, tmp_path)
    cellar = pdf_text(path, 2)
    january = next(line for line in cellar.splitlines() if line.strip().startswith("January 2025"))
    assert january.split()[2:] == ["20", "12.000", "10.0", "14.0"]  # covered from the 5th to the 25th
    garden = pdf_text(path, 3)
    assert "No readings in 2025." in garden
    assert "By month" not in garden


def test_pdf_of_a_year_without_any_reading(run, db, household, tmp_path):
    """2019: the cover says so; each source has its short page."""
    _report, path, pages, _steps = _write(run, db, tmp_path, year=2019)
    assert pages == 4
    assert "No consumption recorded in 2019." in pdf_text(path, 1)
    for page in (2, 3, 4):
        assert "No readings in 2019." in pdf_text(path, page)


def test_pdf_billing_year(run, db, household, tmp_path):
    """A billing year from July: July to June, named 2025/26."""
    from dataclasses import replace

    water = replace(household["water"], billing_start_month=7)
    _report, path, pages, _steps = _write(run, db, tmp_path, kind=YearKind.BILLING, sources=[water])
    assert pages == 2
    text = pdf_text(path, 2)
    assert "Billing year 2025/26" in text and "1 July 2025 – 30 June 2026" in text
    assert "July 2025" in text and "December 2025" in text


def test_pdf_pages_render_with_charts(run, db, household, tmp_path):
    """pdftoppm renders every page; the water page's charts are drawn (blue bars in the chart area)."""
    _report, path, _pages, _steps = _write(run, db, tmp_path)
    pngs = pdf_pages_to_png(path, tmp_path / "png", 50)
    assert len(pngs) == 4
    water = QImage(str(pngs[3]))
    blue = 0
    for y in range(water.height() // 4, water.height() // 2):
        for x in range(0, water.width() // 2, 2):
            color = QColor(water.pixel(x, y))
            if color.blue() > 150 and color.red() < 80:
                blue += 1
    assert blue > 200
    SHOTS.mkdir(parents=True, exist_ok=True)
    for png in pngs:
        shutil.copy(png, SHOTS / f"test-{png.name}")


def test_default_page_size_follows_the_locale():
    """Letter in the United States and Canada, A4 elsewhere."""
    assert default_page_size(QLocale("en_US").territory()) == "letter"
    assert default_page_size(QLocale("fr_CA").territory()) == "letter"
    assert default_page_size(QLocale("de_DE").territory()) == "a4"
    assert default_page_size(QLocale("en_GB").territory()) == "a4"


def _day(year: int, month: int):
    from datetime import date

    return date(year, month, 1)


def test_total_cost_is_decimal_exact(run, db, household):
    """The household's cost adds the per-source costs as printed (cents)."""
    report = run(build_annual_report(db, YearKind.CALENDAR, 2025, tz=BERLIN))
    assert report.costs == (("EUR", Decimal("812.50")),)
    assert [(t.unit, t.amount) for t in report.totals] == [("m³", Decimal("365.000"))]
