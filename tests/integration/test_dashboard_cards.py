"""Dashboard cards of a day/night meter: every register, each with its own date, summed figures,
and "this month" saying what is really missing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from homelog_desktop.domain.cards import MonthStatus
from homelog_desktop.domain.entities import Tariff
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.services.dashboard import dashboard_cards
from homelog_desktop.views.dashboard import SourceCardWidget
from tests.conftest import make_reading


def utc(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


@pytest.fixture
def day_night(run, db, add_source, store):
    """Day 10 kWh a day at 0.30 (+0.10 a day standing), night 5 a day at 0.20; the newest reading
    (10 February) holds the night register only."""
    source = add_source("House")
    day, night = source.metrics
    store(
        source,
        make_reading(source, utc(2025, 1, 1), "1000", "500"),
        make_reading(source, utc(2025, 2, 5), "1350", "675"),
        make_reading(source, utc(2025, 2, 10), None, "700"),
    )

    async def tariffs() -> None:
        async with db.session() as s:
            await TariffRepository(s).add(
                Tariff(None, day.id, date(2024, 1, 1), Decimal("0.30"), Decimal("0.10"), "EUR")
            )
            await TariffRepository(s).add(Tariff(None, night.id, date(2024, 1, 1), Decimal("0.20"), Decimal(0), "EUR"))

    run(tariffs())
    return source


def test_dashboard_card_shows_every_register_with_its_own_date(run, db, day_night):
    """Both registers' last values, each with the moment of the reading that holds it."""
    (card,) = run(dashboard_cards(db, now=utc(2025, 2, 12), tz=UTC))
    assert [(r.metric.name, r.value, r.at) for r in card.registers] == [
        ("Day", Decimal("1350.0"), utc(2025, 2, 5)),
        ("Night", Decimal("700.0"), utc(2025, 2, 10)),
    ]
    assert card.summary.last_reading_at == utc(2025, 2, 10)


def test_dashboard_card_sums_consumption_cost_and_projection_over_registers(run, db, day_night):
    """This month, cost this year and the projection add up day and night (one unit, one currency)."""
    (card,) = run(dashboard_cards(db, now=utc(2025, 2, 12), tz=UTC))
    # Day 1–5 February 4 × 10, night 1–10 February 9 × 5.
    assert card.month_so_far == Decimal(40 + 45)
    assert card.summed == ("Day", "Night") and card.month_status is MonthStatus.NO_LAST_YEAR
    # Day: 350 × 0.30 + 35 days × 0.10; night: 200 × 0.20 (was 105 + 3.5 alone: the night left out).
    assert card.ytd_cost == Decimal("148.5") and card.currency == "EUR"
    # Under a year of history: the recent rates × 365, day 10 and night 5 a day.
    assert card.projected_annual == Decimal(3650 + 1825)
    assert card.projected_annual_cost == Decimal(3650) * Decimal("0.30") + Decimal("36.5") + Decimal(1825) * Decimal(
        "0.20"
    )
    assert card.projection_method == "recent_rate"


def test_dashboard_card_widget_pairs_each_value_with_its_date(qtbot, run, db, day_night):
    """The day value, older than the newest reading, carries its own date; the night value is the newest."""
    (card,) = run(dashboard_cards(db, now=utc(2025, 2, 12), tz=UTC))
    widget = SourceCardWidget()
    qtbot.addWidget(widget)
    widget.set_card(
        card.summary, card, utc(2025, 2, 12), QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    day_text = widget.last_label.text()
    night_text = widget._register_rows[1][1].text()
    assert day_text.startswith("1,350.0 kWh · ") and day_text.endswith("Feb")
    assert night_text == "700.0 kWh"
    assert [c.text() for c, v in widget._register_rows[:2]] == ["Day", "Night"]
    assert widget.ytd_label.text() == "€148.50"


def test_dashboard_card_says_no_reading_this_month_when_a_year_ago_has_data(qtbot, run, db, add_source, store):
    """In March with no March reading yet: "no reading yet this month", not "no data a year ago"."""
    source = add_source("Water")
    store(source, *[make_reading(source, utc(2024, m, 1), str(100 * m), str(50 * m)) for m in range(1, 13)])
    store(
        source,
        make_reading(source, utc(2025, 1, 1), "1300", "650"),
        make_reading(source, utc(2025, 2, 20), "1500", "750"),
    )
    (card,) = run(dashboard_cards(db, now=utc(2025, 3, 5), tz=UTC))
    assert card.month_status is MonthStatus.NO_READING_THIS_MONTH and card.month_so_far is None
    widget = SourceCardWidget()
    qtbot.addWidget(widget)
    widget.set_card(card.summary, card, utc(2025, 3, 5), QLocale.c())
    assert widget.month_label.text() == "no reading yet this month"
    assert "a year ago" not in widget.change_label.text()


def test_dashboard_card_says_when_readings_a_year_ago_start(qtbot, run, db, add_source, store):
    """Readings that begin mid-month a year ago: the card says from when, not "no data"."""
    source = add_source("Gas")
    store(
        source,
        make_reading(source, utc(2024, 2, 5), "0", "0"),
        make_reading(source, utc(2025, 2, 1), "3500", "0"),
        make_reading(source, utc(2025, 2, 10), "3600", "0"),
    )
    (card,) = run(dashboard_cards(db, now=utc(2025, 2, 10), tz=UTC))
    assert card.month_status is MonthStatus.NO_LAST_YEAR and card.history_from == date(2024, 2, 5)
    widget = SourceCardWidget()
    qtbot.addWidget(widget)
    widget.set_card(card.summary, card, utc(2025, 2, 10), QLocale.c())
    assert widget.change_label.text().startswith("readings a year ago start ")


def test_dashboard_card_with_a_large_font_cuts_no_figure_off(qtbot, run, db, day_night):
    """At 14 pt the card widens and wraps: every figure's whole text fits in its label."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from homelog_desktop.views.dashboard import DashboardPage

    cards = run(dashboard_cards(db, now=utc(2025, 2, 12), tz=UTC))
    page = DashboardPage()
    qtbot.addWidget(page)
    font = QFont(page.font())
    font.setPointSize(14)
    page.setFont(font)
    page.resize(560, 600)  # what the window's 800 × 600 leaves the dashboard
    page.show()
    page.set_cards(cards, utc(2025, 2, 12))
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.isVisible() and card.width() >= card.minimumWidth() > 280)
    for label in card.findChildren(QLabel):
        if label.isVisible() and label.text() and label.wordWrap():
            assert label.heightForWidth(label.width()) <= label.height(), label.text()
        elif label.isVisible() and label.text() and label.pixmap().isNull():
            assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width() + 1, label.text()
    assert card.geometry().right() <= page.width()
