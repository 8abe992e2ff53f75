"""SourcesListModel and SourceItemDelegate: sidebar rows, their texts and roles, and their painting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem

from homelog_desktop.domain.entities import Category, Source, SourceSummary
from homelog_desktop.views.models.sources import SourcesListModel, last_reading_text
from homelog_desktop.views.source_delegate import ITEM_HEIGHT, SourceItemDelegate, badge_colors
from tests.conftest import T0

NOW = T0


def _summaries():
    return [
        SourceSummary(Source(1, "House meter", Category.ELECTRICITY, interval_days=7), NOW - timedelta(days=3)),
        SourceSummary(
            Source(2, "Water", Category.WATER, description="Cold water, basement", interval_days=30),
            NOW - timedelta(days=45),
        ),
        SourceSummary(Source(3, "Gas boiler", Category.GAS, interval_days=7), None),
        SourceSummary(Source(4, "Old meter", Category.ELECTRICITY, interval_days=7, archived=True), None),
        SourceSummary(Source(5, "A very long name " * 8, Category.OIL), NOW - timedelta(days=400)),
    ]


def _model(summaries=None):
    model = SourcesListModel()
    model.set_summaries(_summaries() if summaries is None else summaries, NOW)
    return model


def _role(model, row, role):
    return model.data(model.index(row, 0), role)


def _dark_palette():
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2d2d30"),
        (QPalette.ColorRole.WindowText, "#dcdcdc"),
        (QPalette.ColorRole.Base, "#1e1e20"),
        (QPalette.ColorRole.AlternateBase, "#28282b"),
        (QPalette.ColorRole.Text, "#dcdcdc"),
        (QPalette.ColorRole.Button, "#323235"),
        (QPalette.ColorRole.ButtonText, "#dcdcdc"),
        (QPalette.ColorRole.Highlight, "#2a82da"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#8c8c8c"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def test_sources_model_passes_modeltester_empty_loaded_and_reset(qtmodeltester):
    """The model is valid empty, with rows, after an update of the same rows and after a reset."""
    model = SourcesListModel()
    qtmodeltester.check(model)
    model.set_summaries(_summaries(), NOW)
    assert model.rowCount() == 5
    model.set_summaries(_summaries(), NOW + timedelta(days=1))
    model.set_summaries(_summaries()[:2], NOW)
    assert model.rowCount() == 2
    model.set_summaries([], NOW)
    assert model.rowCount() == 0


def test_sources_model_shows_names_icons_and_archived_grey():
    """Names are displayed with their category icon; archived sources say so and are greyed."""
    model = _model()
    assert [_role(model, r, Qt.ItemDataRole.DisplayRole) for r in range(4)] == [
        "House meter",
        "Water",
        "Gas boiler",
        "Old meter (archived)",
    ]
    assert isinstance(_role(model, 0, Qt.ItemDataRole.DecorationRole), QIcon)
    assert _role(model, 3, Qt.ItemDataRole.ForegroundRole) is not None
    assert _role(model, 0, Qt.ItemDataRole.ForegroundRole) is None
    assert _role(model, 3, SourcesListModel.ArchivedRole) is True


def test_sources_model_last_reading_text_and_overdue():
    """Each row says how long ago it was read; overdue follows the source's interval."""
    model = _model()
    assert _role(model, 0, SourcesListModel.LastReadingTextRole).startswith("3 days ago · ")
    assert _role(model, 1, SourcesListModel.LastReadingTextRole).startswith("6 weeks ago · ")
    assert _role(model, 2, SourcesListModel.LastReadingTextRole) == "No readings yet"
    assert [_role(model, r, SourcesListModel.OverdueRole) for r in range(5)] == [
        False,
        True,
        True,
        False,
        False,
    ]
    assert _role(model, 1, SourcesListModel.SummaryRole) == _summaries()[1]


def test_sources_model_tooltip_has_description_last_reading_and_interval():
    """The tooltip explains the source: description, when it was last read, how often it should be."""
    tip = _role(_model(), 1, Qt.ItemDataRole.ToolTipRole)
    assert "Cold water, basement" in tip
    assert "Last reading:" in tip and "6 weeks ago" in tip
    assert "every 30 days" in tip and "due" in tip


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (timedelta(hours=1), "Today · "),
        (timedelta(days=1), "Yesterday · "),
        (timedelta(days=9), "9 days ago · "),
        (timedelta(days=90), "3 months ago · "),
        (timedelta(days=800), "2 years ago · "),
    ],
)
def test_last_reading_text_says_how_long_ago(ago, expected):
    """The age is given in the largest unit that reads naturally, followed by the date."""
    now = T0.replace(hour=23)
    assert last_reading_text(now - ago, now, QLocale.c()).startswith(expected)


def test_sources_model_updates_same_rows_without_reset(qtbot):
    """New summaries for the same sources change the rows in place, keeping the selection."""
    model = _model()
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setCurrentIndex(model.index(1, 0))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    fresh = _summaries()
    fresh[1] = SourceSummary(fresh[1].source, NOW)
    with qtbot.waitSignal(model.dataChanged):
        model.set_summaries(fresh, NOW)
    assert resets == []
    assert view.currentIndex().row() == 1
    assert _role(model, 1, SourcesListModel.OverdueRole) is False


def test_sources_model_row_of_finds_a_source():
    """row_of maps a source id to its row, or None when it is not listed."""
    model = _model()
    assert model.row_of(3) == 2
    assert model.row_of(99) is None
    assert model.summary_at(0).source.name == "House meter"
    assert model.summary_at(7) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.rowCount(QModelIndex()) == 5


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_source_delegate_paints_every_kind_of_row(qtbot, dark):
    """Normal, selected, overdue, archived and very long names paint into a 48 px row."""
    model = _model()
    view = QListView()
    qtbot.addWidget(view)
    if dark:
        view.setPalette(_dark_palette())
    view.setModel(model)
    delegate = SourceItemDelegate(view)
    view.setItemDelegate(delegate)
    view.resize(240, 320)
    view.show()
    view.setCurrentIndex(model.index(1, 0))  # an overdue row, selected
    image = view.viewport().grab().toImage()
    assert view.sizeHintForRow(0) >= ITEM_HEIGHT
    assert view.visualRect(model.index(4, 0)).height() == view.sizeHintForRow(0)
    selected_row = view.visualRect(model.index(1, 0))
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    assert _has_color(image, selected_row.adjusted(0, 2, 0, -2), highlight)
    fill = badge_colors(view.palette())[0]
    assert _has_color(image, view.visualRect(model.index(2, 0)), fill)  # Gas boiler: never read, overdue
    assert not _has_color(image, view.visualRect(model.index(0, 0)), fill)


def test_source_delegate_size_hint_is_about_48px(qtbot):
    """The sidebar row is 48 px high with the default font."""
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(_model())
    view.setItemDelegate(SourceItemDelegate(view))
    hint = view.itemDelegate().sizeHint(_option(view), view.model().index(0, 0))
    assert isinstance(hint, QSize)
    assert ITEM_HEIGHT <= hint.height() <= ITEM_HEIGHT + 12


def _option(view):
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = QApplication.font()
    return option


def _has_color(image: QImage, rect, color: QColor) -> bool:
    for y in range(max(rect.top(), 0), min(rect.bottom(), image.height() - 1) + 1, 2):
        for x in range(max(rect.left(), 0), min(rect.right(), image.width() - 1) + 1, 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - color.red()) + abs(pixel.green() - color.green()) + abs(pixel.blue() - color.blue())
                < 12
            ):
                return True
    return False
