"""The dashboard: figures of a known household, cards that open their source, reflow, elision, empty state."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from homelog_desktop.config import system_zone
from homelog_desktop.domain.entities import Category, Metric, MetricKind, SourceSummary, Tariff
from homelog_desktop.repositories import TariffRepository
from homelog_desktop.viewmodels.dashboard import DashboardViewModel
from homelog_desktop.viewmodels.workspace import make_workspace
from homelog_desktop.views.dashboard import DashboardPage, SourceCardWidget
from homelog_desktop.views.main import MainWindow
from homelog_desktop.views.main.actions import Act
from tests.conftest import make_reading

CTRL = Qt.KeyboardModifier.ControlModifier


pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def open_window(qtbot, run, db, db_path):
    opened = []

    def opener():
        window = MainWindow()
        qtbot.addWidget(window, before_close_func=lambda w: w.unbind())
        workspace = make_workspace(db, str(db_path))
        opened.append(workspace)
        with qtbot.waitSignal(window.first_data_shown):
            window.bind(workspace)
            window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: _dashboard_idle(window))
        return window

    yield opener
    for workspace in opened:
        run(workspace.close())


def settle(qtbot, window):
    """Wait until no view model of the window works (a load cut off by the test's end can hang aiosqlite)."""

    def idle():
        workspace = window.workspace
        reports = window.findChild(QWidget, "reportsPage")
        model = window.readings_model
        return (
            not workspace.sources._tasks
            and not workspace.readings.busy
            and not workspace.readings._tasks
            and (model is None or model.is_idle())
            and (window._dashboard_vm is None or not window._dashboard_vm._tasks)
            and (reports is None or not reports.vm._tasks)
        )

    qtbot.waitUntil(idle)


def _dashboard_idle(window):
    vm = window._dashboard_vm
    page = window.findChild(QWidget, "dashboardPage")
    if page is None or not page.isVisible():
        return not window.workspace.sources.busy
    return vm is not None and vm.loaded and not vm.busy and not window.workspace.sources.busy


def zone():
    return system_zone()


def local(*args):
    return datetime(*args, tzinfo=zone())


#: "Now" of the known data set: the last reading is taken at this moment.
NOW = local(2025, 3, 16, 12, 0)


def meter_value(at: datetime) -> Decimal:
    """The known meter: 8 kWh a day, then 10 kWh a day from noon on 31 December 2024 (local time).

    The rate changes at a reading, so the stored readings describe exactly this line.
    """
    start = local(2023, 1, 1, 12)
    switch = local(2024, 12, 31, 12)
    if at <= switch:
        return Decimal(1000) + Decimal(8) * Decimal((at - start).total_seconds()) / 86400
    before = Decimal(1000) + Decimal(8) * Decimal((switch - start).total_seconds()) / 86400
    return before + Decimal(10) * Decimal((at - switch).total_seconds()) / 86400


@pytest.fixture
def known_meter(add_source, store, run, db):
    """An electricity meter read daily at noon from 2023 to NOW, with a tariff from 2024."""
    source = add_source(
        "House",
        category=Category.ELECTRICITY,
        interval_days=7,
        metrics=(Metric(None, "Import", "kWh", MetricKind.COUNTER, decimals=3),),
    )
    readings = []
    day = local(2023, 1, 1, 12)
    while day <= NOW:
        value = meter_value(day).quantize(Decimal("0.001"))
        readings.append(make_reading(source, day.astimezone(), str(value)))
        day = (day.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=zone())
    store(source, *readings)

    async def tariff():
        async with db.session() as session:
            await TariffRepository(session).add(
                Tariff(None, source.metrics[0].id, date(2024, 1, 1), Decimal("0.30"), Decimal("0.20"), "EUR")
            )

    run(tariff())
    return source


def test_dashboard_cards_show_figures_computed_independently(qtbot, run, db, known_meter):
    """This month so far, last year's same span, the cost since 1 January and the projection are right."""
    vm = DashboardViewModel(db)
    page = DashboardPage()
    qtbot.addWidget(page)
    vm.cards_loaded.connect(page.set_cards)
    page.resize(900, 600)
    page.show()

    run(vm.load(now=NOW))

    [card] = vm.cards
    month_start, year_start = local(2025, 3, 1), local(2025, 1, 1)
    expected_month = meter_value(NOW) - meter_value(month_start)  # 15.5 days x 10 kWh
    expected_last_year = meter_value(local(2024, 3, 16, 12)) - meter_value(local(2024, 3, 1))  # 15.5 days x 8
    ytd_days = Decimal((NOW - year_start).total_seconds()) / 86400
    expected_ytd = (meter_value(NOW) - meter_value(year_start)) * Decimal("0.30") + ytd_days * Decimal("0.20")
    assert card.month_so_far == pytest.approx(expected_month, abs=Decimal("0.01"))
    assert card.same_month_last_year == pytest.approx(expected_last_year, abs=Decimal("0.01"))
    assert card.ytd_cost == pytest.approx(expected_ytd, abs=Decimal("0.01"))
    # Two years of history: 2025 so far + the rest of 2024 scaled by the last 90 days against the
    # same 90 days a year earlier (this year is still younger than 90 days).
    so_far = meter_value(NOW) - meter_value(year_start)
    # Daily rates: 90 days now, 91 a year earlier (29 February 2024).
    scale = ((meter_value(NOW) - meter_value(NOW - timedelta(days=90))) / 90) / (
        (meter_value(local(2024, 3, 16, 12)) - meter_value(local(2023, 12, 16, 12))) / 91
    )
    expected_year = so_far + (meter_value(year_start) - meter_value(local(2024, 3, 16, 12))) * scale
    expected_year_cost = expected_year * Decimal("0.30") + 365 * Decimal("0.20")
    assert card.projected_annual == pytest.approx(expected_year, abs=Decimal("0.5"))
    assert card.projected_annual_cost == pytest.approx(expected_year_cost, abs=Decimal("0.2"))

    widget = page.card_for(known_meter.id)
    assert widget is not None
    assert widget.name_label.full_text() == "House"
    assert widget.month_label.text() == f"{expected_month:.1f} kWh"  # 155.0 kWh
    change = (expected_month / expected_last_year - 1) * 100
    assert widget.change_label.text() == f"▲ {change:.1f} % vs last year"  # ▲ 25.0 %
    assert widget.ytd_label.text() == f"€{expected_ytd:.2f}"
    assert widget.projection_label.text() == f"{expected_year:,.0f} kWh · €{expected_year_cost:,.2f}"
    assert card.projection_year == 2025 and card.projection_method == "seasonal"
    assert widget.basis_label.text() == f"2024’s seasons × {scale:.2f} (this year vs last)"
    assert widget.last_label.text() == f"{meter_value(NOW):,.3f} kWh"


def test_dashboard_card_values_line_up(qtbot, run, db, known_meter):
    """The last reading's value starts where the other rows' values do, although its row lives in a
    box of its own and "Projected 2025" (the widest caption) gets its year only at the end."""
    vm = DashboardViewModel(db)
    page = DashboardPage()
    qtbot.addWidget(page)
    vm.cards_loaded.connect(page.set_cards)
    page.resize(900, 600)
    page.show()
    run(vm.load(now=NOW))
    card = page.card_for(known_meter.id)
    assert card is not None
    labels = (card.last_label, card.age_label, card.month_label, card.ytd_label, card.projection_label)
    qtbot.waitUntil(lambda: len({label.mapTo(card, label.rect().topLeft()).x() for label in labels}) == 1)


def test_dashboard_is_the_home_page_and_a_card_opens_its_source(qtbot, open_window, add_source, store):
    """The window opens on the dashboard; clicking a card shows that source; Ctrl+1/2/3 switch pages."""
    gas = add_source("Gas", category=Category.GAS)
    water = add_source("Water", category=Category.WATER)
    now = datetime.now().astimezone()
    store(gas, make_reading(gas, now - timedelta(days=20), "100"), make_reading(gas, now - timedelta(days=10), "120"))
    store(water, make_reading(water, now - timedelta(days=1), "5"))
    window = open_window()
    page = window.findChild(QWidget, "dashboardPage")
    assert page.isVisible()
    assert window.findChild(QWidget, "dashboardButton").isChecked()
    assert not window.action(Act.ADD_READING).isEnabled()
    assert [c.name_label.full_text() for c in page.cards if c.isVisible()] == ["Gas", "Water"]
    gas_card = page.card_for(gas.id)
    assert "due" in gas_card.age_label.text()  # 10 days since the last reading, read every 7
    assert "due" not in page.card_for(water.id).age_label.text()

    qtbot.mouseClick(page.card_for(water.id), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QLabel, "sourceTitle").isVisible())
    assert window.findChild(QLabel, "sourceTitle").text() == "Water"
    assert (
        window.findChild(QWidget, "readingsTable").isVisible() or window.findChild(QWidget, "emptyReadings").isVisible()
    )
    assert not page.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(page.isVisible)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: _reports_visible(window))
    assert window.findChild(QLabel, "sourceTitle").text() == "Water"
    qtbot.waitUntil(lambda: window.findChild(QWidget, "reportsPage").vm.report is not None)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "readingsTable").isVisible())
    settle(qtbot, window)


def activate(qtbot, window):
    """Make ``window`` active again (offscreen, building the charts can leave it inactive)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def _reports_visible(window):
    page = window.findChild(QWidget, "reportsPage")
    return page is not None and page.isVisible()


def test_dashboard_keyboard_opens_a_card(qtbot, open_window, add_source):
    """A focused card opens its source with Enter."""
    source = add_source("Gas", category=Category.GAS)
    window = open_window()
    card = window.findChild(QWidget, "dashboardPage").card_for(source.id)
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    qtbot.keyClick(card, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_source() is not None and window.current_source().id == source.id)
    assert window.findChild(QLabel, "sourceTitle").text() == "Gas"
    settle(qtbot, window)


def _summaries(names, now):
    from homelog_desktop.domain.entities import Source

    return [
        SourceSummary(Source(i + 1, name, Category.WATER, interval_days=7), now - timedelta(days=2))
        for i, name in enumerate(names)
    ]


def test_dashboard_reflows_with_the_width(qtbot):
    """Cards fill as many columns as fit, one column on a narrow window."""
    page = DashboardPage()
    qtbot.addWidget(page)
    now = datetime.now().astimezone()
    page.show_summaries(_summaries(["A", "B", "C", "D", "E"], now), now)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: page.column_count == 4)  # (1300 - margins) // (280 + 12)
    qtbot.waitUntil(lambda: len({c.y() for c in page.cards}) == 2)
    page.resize(420, 700)
    qtbot.waitUntil(lambda: page.column_count == 1)
    qtbot.waitUntil(lambda: len({c.x() for c in page.cards}) == 1)
    page.resize(800, 700)
    qtbot.waitUntil(lambda: page.column_count == 2)
    qtbot.waitUntil(lambda: all(c.geometry().right() <= c.parentWidget().width() for c in page.cards))


def test_dashboard_long_name_is_elided_with_a_tooltip(qtbot):
    """A name longer than the card ends in "…" and the whole name is the tooltip."""
    page = DashboardPage()
    qtbot.addWidget(page)
    now = datetime.now().astimezone()
    name = "Heat pump of the garden house behind the old barn, second floor, east wing"
    page.show_summaries(_summaries([name], now), now)
    page.resize(500, 500)
    page.show()
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.name_label.text().endswith("…"))
    assert card.name_label.toolTip() == name
    assert card.name_label.full_text() == name
    assert isinstance(card, SourceCardWidget)


def test_dashboard_empty_state(qtbot):
    """No cards: the page says so instead of showing an empty grid."""
    page = DashboardPage()
    qtbot.addWidget(page)
    page.set_cards([], datetime.now().astimezone())
    page.show()
    assert page.findChild(QLabel, "dashboardEmpty").isVisible()


def test_dashboard_newer_request_supersedes_older(qtbot, run, loop, db):
    """A load still running when a newer one starts never shows its (older) cards."""
    import asyncio

    release = asyncio.Event()
    calls = []

    async def loader(_db, now):
        calls.append(now)
        if len(calls) == 1:
            await release.wait()
            return ["old"]
        return ["new"]

    vm = DashboardViewModel(db, loader=loader)
    seen = []
    vm.cards_loaded.connect(lambda cards, _now: seen.append(cards))
    vm.request()
    qtbot.waitUntil(lambda: len(calls) == 1)
    vm.request()
    qtbot.waitUntil(lambda: seen == [["new"]])
    release.set()
    qtbot.waitUntil(lambda: not vm.busy)
    assert seen == [["new"]]


def test_dashboard_ctrl_r_meter_round_saves_and_cards_follow(qtbot, open_window, add_source, store):
    """Ctrl+R opens the meter round; after saving, the dashboard shows the new last reading."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

    water = add_source("Water", category=Category.WATER, metrics=(Metric(None, "Water", "m³", MetricKind.COUNTER, 3),))
    now = datetime.now().astimezone()
    store(
        water, make_reading(water, now - timedelta(days=20), "10"), make_reading(water, now - timedelta(days=10), "12")
    )
    window = open_window()
    page = window.findChild(QWidget, "dashboardPage")
    card = page.card_for(water.id)
    assert card.last_label.text() == "12.000 m³"

    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "meterRoundDialog") is not None)
    sheet = window.findChild(QDialog, "meterRoundDialog")
    name = f"roundValue_{water.id}_{water.metrics[0].id}"
    qtbot.waitUntil(lambda: sheet.findChild(QLineEdit, name) is not None and not sheet._vm.busy)
    value = sheet.findChild(QLineEdit, name)
    qtbot.keyClicks(value, "13.25")
    with qtbot.waitSignal(sheet.finished):
        qtbot.mouseClick(sheet.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.card_for(water.id).last_label.text() == "13.250 m³")
    assert page.isVisible()
    assert "1 reading saved" in window.statusBar().currentMessage()
    settle(qtbot, window)


def test_dashboard_opening_another_source_first_then_the_remembered_one_shows_its_readings(
    qtbot, open_window, add_source, store
):
    """The readings loaded behind the dashboard are not mistaken for another source's after a detour."""
    gas = add_source("Gas", category=Category.GAS)
    water = add_source("Water", category=Category.WATER)
    now = datetime.now().astimezone()
    store(gas, make_reading(gas, now - timedelta(days=3), "100"))
    store(water, make_reading(water, now - timedelta(days=3), "5"), make_reading(water, now - timedelta(days=2), "6"))
    window = open_window()  # Gas (the first source) is loaded behind the dashboard
    page = window.findChild(QWidget, "dashboardPage")
    qtbot.mouseClick(page.card_for(water.id), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 2)
    settle(qtbot, window)
    window.show_dashboard()
    qtbot.mouseClick(page.card_for(gas.id), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_source() is not None and window.current_source().id == gas.id)
    qtbot.waitUntil(lambda: window.readings_model.rowCount() == 1)
    settle(qtbot, window)


def test_dashboard_virtual_meter_card_has_no_empty_age_line(qtbot):
    """A virtual meter's card has no reading age: "This month" follows "Virtual meter" directly,
    with no empty line between them (the age's row is hidden whole, its caption too)."""
    from homelog_desktop.domain.entities import Source, VirtualTerm

    page = DashboardPage()
    qtbot.addWidget(page)
    now = datetime.now().astimezone()
    rest = Source(7, "Rest", Category.ELECTRICITY, metrics=(Metric(9, "Consumption", "kWh"),), virtual=True,
                  terms=(VirtualTerm(1, 1), VirtualTerm(2, -1)))  # fmt: skip
    page.show_summaries([*_summaries(["Water"], now), SourceSummary(rest, None)], now)
    page.resize(900, 600)
    page.show()
    water, card = page.cards
    qtbot.waitUntil(lambda: card.isVisible() and card.month_label.isVisible())
    caption, value = card._register_rows[0]
    assert (caption.text(), value.text()) == ("Virtual meter", "computed from 2 inputs")
    assert not card.age_label.isVisible() and not card._age_caption.isVisible()
    assert water.age_label.isVisible()

    def top(widget: QWidget) -> int:
        return widget.mapTo(card, widget.rect().topLeft()).y()

    # One line below the "Virtual meter" row, not two.
    line = value.fontMetrics().height()
    # Laid out: the figures below the card's title, "This month" below the "Virtual meter" row.
    qtbot.waitUntil(lambda: top(value) > top(card.name_label) + line and top(card.month_label) > top(value))
    assert top(card.month_label) - top(value) < line * 1.8
