"""ChartBase: what every Home Log chart shares (empty state, hover label, zoom reset, palette, PNG export).

pyqtgraph is imported by ``pyqtgraph()`` the first time a chart is created, never when this module is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import QT_TRANSLATE_NOOP, translate
from ..widgets import is_dark

if TYPE_CHECKING:
    from types import ModuleType

_configured = False


def pyqtgraph() -> ModuleType:
    """pyqtgraph, imported and configured on first use (plain Qt painting, no OpenGL).

    Anti-aliasing is off by default and switched on per item where it is cheap (few points).
    """
    global _configured
    import pyqtgraph as pg

    if not _configured:
        pg.setConfigOptions(antialias=False, useOpenGL=False, exitCleanup=False)
        _configured = True
    return cast("ModuleType", pg)


# Series colours: (light palette, dark palette). The dark ones are lighter and less saturated,
# so that they stand out on a dark background without glaring.
_SERIES = (
    ("#1f6fd1", "#6ea8fe"),  # blue: the main series
    ("#d9480f", "#ff9a6b"),  # orange
    ("#2b8a3e", "#69db7c"),  # green
    ("#7048e8", "#b197fc"),  # violet
    ("#c2255c", "#f783ac"),  # pink
    ("#0c8599", "#3bc9db"),  # teal
    ("#8d6e00", "#ffd43b"),  # ochre
    ("#495057", "#ced4da"),  # grey
)
_COST = ("#b35c00", "#ffb454")  # amber: money


@dataclass(frozen=True)
class ChartColors:
    """The colours of a chart in one palette (light or dark)."""

    dark: bool
    background: QColor
    text: QColor
    muted: QColor
    axis: QColor
    series: tuple[QColor, ...] = field(default_factory=tuple)
    cost: QColor = field(default_factory=QColor)

    @property
    def primary(self) -> QColor:
        return self.series[0]


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def chart_colors(palette: QPalette) -> ChartColors:
    dark = is_dark(palette)
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return ChartColors(
        dark=dark,
        background=background,
        text=text,
        muted=_mix(text, background, 0.35),
        axis=_mix(text, background, 0.55),
        series=tuple(QColor(pair[1] if dark else pair[0]) for pair in _SERIES),
        cost=QColor(_COST[1] if dark else _COST[0]),
    )


@dataclass(frozen=True)
class Hover:
    """What the hover label shows at the cursor: ``lines`` (the first in bold), the guide line's x and
    the data points to mark, each ``(x, y, colour)`` in data coordinates."""

    lines: list[str]
    x: float
    points: list[tuple[float, float, QColor]] = field(default_factory=list)
    #: Line index → the colour of its series: a dot in that colour leads the line.
    keys: dict[int, QColor] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


#: How much one "Zoom out" widens the visible range ("Zoom in" narrows it as much).
ZOOM_STEP = 1.5
#: Pixels between the cursor and the hover label.
HOVER_OFFSET = 14


#: The least height a chart still reads at (title, plot and axis): the Reports page at 800×600.
CHART_MIN_HEIGHT = 160


class ChartBase(QWidget):
    """A titled chart: a pyqtgraph plot, or a message when there is nothing to show.

    Subclasses build their items in ``_setup_plot()``, say what a point means in ``_hover_at()``,
    where "all of it" is in ``_home_range()``, and re-colour in ``_recolor()``.
    """

    #: The hover label's text (lines joined by newlines), "" when it hides.
    hovered = Signal(str)
    #: ``save_png_dialog`` wrote the chart to this path.
    png_saved = Signal(str)
    #: ``save_png_dialog`` could not write: the message for the user.
    png_failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "",
        empty_text: str = QT_TRANSLATE_NOOP("ChartBase", "Nothing to show"),
        empty_hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._pg = pyqtgraph()
        self._title_text = title
        self._left_label = ""
        self._left_unit = ""
        self._bottom_label = ""
        self._right_label = ""
        self._has_data = False
        self._hover: Hover | None = None
        self._painted = False  # painted since the data changed
        self._ready = False  # Qt sends change events while the widgets are being built
        self._colors = chart_colors(self.palette())
        self._base_setup_ui(translate("ChartBase", empty_text), empty_hint)
        self._setup_plot()
        self._ready = True
        self._apply_palette()
        self._show_empty(True)

    # ---- public API -------------------------------------------------------------------------

    @property
    def plot_widget(self) -> Any:
        """The pyqtgraph PlotWidget (for tests and special needs; prefer this class's methods)."""
        return self._plot

    @property
    def is_empty(self) -> bool:
        """True while the empty-state message is shown instead of the plot."""
        return self._stack.currentWidget() is self._empty_page

    @property
    def empty_text(self) -> str:
        return self._empty_label.text()

    @property
    def hover_text(self) -> str:
        """The hover label's text ("" when hidden): the date or period, then values with units."""
        return self._hover.text if self._hover is not None and self._hover_label.isVisible() else ""

    @property
    def title(self) -> str:
        return self._title_text

    def set_title(self, title: str) -> None:
        self._title_text = title
        self._title.setToolTip(title)
        self._elide_title()

    def set_empty_text(self, text: str, hint: str = "") -> None:
        """The message shown instead of an empty grid ("No readings in this period"), and a smaller hint."""
        self._empty_label.setText(text)
        self._empty_hint.setText(hint)
        self._empty_hint.setVisible(bool(hint))

    def view_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The visible ((x0, x1), (y0, y1)) in data coordinates."""
        (x0, x1), (y0, y1) = self._view.viewRange()
        return (float(x0), float(x1)), (float(y0), float(y1))

    def reset_zoom(self) -> None:
        """Show all the data again (also: double-click, the context menu's "Reset zoom")."""
        home = self._home_range()
        if home is None:
            return
        (x0, x1), y_range = home
        self._view.enableAutoRange(x=False)
        self._view.setXRange(x0, x1, padding=0)
        if y_range is None:
            self._view.enableAutoRange(y=True)
        else:
            self._view.setYRange(*y_range, padding=0)

    def zoom_by(self, factor: float) -> None:
        """Scale the visible time (or period) range by ``factor`` around its middle (< 1 zooms in)."""
        (x0, x1), _ = self.view_range()
        middle, half = (x0 + x1) / 2, (x1 - x0) / 2 * factor
        self._view.setXRange(middle - half, middle + half, padding=0)

    def show_hover_at(self, x: float, y: float | None = None) -> str:
        """Show the hover label for data coordinate ``x`` (as the mouse would); returns its text."""
        if y is None:
            y = sum(self.view_range()[1]) / 2
        scene = self._view.mapViewToScene(QPointF(x, y))
        self._on_mouse_moved(scene)
        return self.hover_text

    def hide_hover(self) -> None:
        if self._hover_label.isVisible():
            self._hover_label.hide()
            self._guide.hide()
            self._marker.setData([])
            self.hovered.emit("")

    def export_png(self, path: str | Path) -> bool:
        """Write the chart as shown (title, legend, axes; without the hover label) to a PNG file."""
        self.hide_hover()
        if not self._painted:
            # pyqtgraph sizes its axes to their tick labels while painting: settle that first.
            self.grab()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return bool(self.grab().save(str(path), "PNG"))

    def suggested_file_name(self) -> str:
        """A file name for the PNG, from the title ("Gas: 2024/25" → "Gas 2024 25.png")."""
        name = " ".join(re.sub(r'[\\/:*?"<>|]', " ", self._title_text).split()) or "chart"
        return f"{name[:80]}.png"

    def save_png_dialog(self, parent: QWidget | None = None) -> QFileDialog:
        """Ask where to save the chart as PNG (window-modal, not blocking) and write it there.

        Emits ``png_saved(path)`` or ``png_failed(message)``; returns the open dialog.
        """
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        dialog = QFileDialog(
            parent or self.window(),
            translate("ChartBase", "Save chart as PNG"),
            str(Path(folder) / self.suggested_file_name()),
        )
        dialog.setObjectName("saveChartDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(translate("ChartBase", "PNG images (*.png)"))
        dialog.setDefaultSuffix("png")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._on_png_file_selected)
        dialog.open()
        return dialog

    def context_menu(self) -> QMenu:
        """The chart's context menu (reset zoom, save as PNG, plus a subclass's own actions)."""
        menu = QMenu(self)
        menu.addAction(self.zoom_in_action)
        menu.addAction(self.zoom_out_action)
        menu.addAction(self.reset_zoom_action)
        menu.addSeparator()
        menu.addAction(self.save_png_action)
        return menu

    # ---- Qt overrides -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if not self._ready:
            return
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_fonts()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._ready:
            return
        self._elide_title()
        self._update_axis_labels()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.hide_hover()
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())  # not exec(): no nested event loop under qasync

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._ready:
            return False
        if event.type() == QEvent.Type.Paint and watched is not self._plot:
            self._painted = True
        elif event.type() == QEvent.Type.Leave:
            self.hide_hover()
        elif (
            event.type() == QEvent.Type.MouseButtonDblClick
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self._has_data
        ):
            self.reset_zoom()
        elif event.type() == QEvent.Type.Resize and watched is self._plot:
            self._update_axis_labels()
        return False

    # ---- for subclasses ---------------------------------------------------------------------

    def _setup_plot(self) -> None:
        """Add the chart's items to ``self._item`` (the PlotItem)."""

    def _hover_at(self, x: float, y: float) -> Hover | None:
        return None

    def _home_range(self) -> tuple[tuple[float, float], tuple[float, float] | None] | None:
        """The x range that shows all the data and the y range (None: fit the visible data)."""
        return None

    def _recolor(self, colors: ChartColors) -> None:
        """Re-colour the chart's own items."""

    def _set_has_data(self, has_data: bool) -> None:
        self._has_data = has_data
        self._painted = False
        self.hide_hover()
        self._show_empty(not has_data)
        if has_data:
            self.reset_zoom()

    def _set_axis_labels(self, name: str, unit: str, bottom: str = "", right: str | None = None) -> None:
        """The value axis says "name (unit)" (shortening the name first when it is long), the x axis ``bottom``."""
        self._left_label = name
        self._left_unit = unit
        self._bottom_label = bottom
        if right is not None:
            self._right_label = right
        self._update_axis_labels()

    def _set_legend(self, entries: list[tuple[str, QColor, str]]) -> None:
        """Legend beside the title: ``(text, colour, symbol)`` with symbol "■" (bars), "━" (line) or "●"."""
        if not entries:
            self._legend.clear()
            self._legend.hide()
            return
        text = self._colors.text.name()
        parts = [
            f'<span style="color:{_opaque(color, self._colors.background).name()}; font-size:large">{symbol}</span>'
            f'&nbsp;<span style="color:{text}">{_escape(label)}</span>'
            for label, color, symbol in entries
        ]
        self._legend.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self._legend.show()

    def _line(self, **options: Any) -> Any:
        """A PlotDataItem drawn segment by segment: anti-aliased wide lines through noisy data (a zigzag
        path) take Qt's path stroker ~1 s for 3,000 points; separate segments ~50 ms."""
        item = self._pg.PlotDataItem(**options)
        item.curve.setSegmentedLineMode("on")
        return item

    def _pen(self, color: QColor, width: float = 1.5, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> Any:
        return self._pg.mkPen(color=color, width=width, style=style)

    # ---- private ----------------------------------------------------------------------------

    def _base_setup_ui(self, empty_text: str, empty_hint: str) -> None:
        pg = self._pg
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setMinimumSize(280, CHART_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._title = QLabel()
        self._title.setObjectName("chartTitle")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._title.setMinimumWidth(60)
        self._legend = QLabel()
        self._legend.setObjectName("chartLegend")
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.hide()
        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 0)
        header.addWidget(self._title, 1)
        header.addWidget(self._legend, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self._axes = self._make_axes()
        self._plot = pg.PlotWidget(axisItems=self._axes)
        self._plot.setObjectName("chartPlot")
        self._plot.setFrameShape(QFrame.Shape.NoFrame)
        self._item = self._plot.getPlotItem()
        self._view = self._item.getViewBox()
        self._item.hideButtons()
        self._item.setMenuEnabled(False)  # pyqtgraph's own menu (transforms, mouse modes...) confuses users
        self._item.showGrid(x=False, y=True, alpha=0.35)
        self._item.layout.setContentsMargins(4, 6, 12, 4)
        self._view.setMouseEnabled(x=True, y=False)  # wheel and drag zoom and pan in time, not in values
        self._view.setAutoVisible(y=True)
        self._plot.installEventFilter(self)
        self._plot.viewport().installEventFilter(self)
        self._plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._view.sigResized.connect(self._update_axis_labels)
        # The scene ignores right clicks with the menus off, so Qt's context menu event reaches this widget.

        self._guide = pg.InfiniteLine(angle=90, movable=False)
        self._guide.setZValue(50)
        self._guide.hide()
        self._view.addItem(self._guide, ignoreBounds=True)  # not a data item of the PlotItem
        self._marker = pg.ScatterPlotItem(size=9, antialias=True)
        self._marker.setZValue(60)
        self._view.addItem(self._marker, ignoreBounds=True)

        self._hover_label = QLabel(self._plot)
        self._hover_label.setObjectName("chartHover")
        self._hover_label.setTextFormat(Qt.TextFormat.RichText)
        self._hover_label.setAutoFillBackground(True)
        self._hover_label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self._hover_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self._hover_label.setFrameShape(QFrame.Shape.Box)
        self._hover_label.setMargin(6)
        self._hover_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._hover_label.hide()

        self._empty_page = QWidget()
        self._empty_page.setObjectName("chartEmpty")
        self._empty_label = QLabel(empty_text)
        self._empty_label.setObjectName("chartEmptyText")
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_label.setWordWrap(True)
        big = self._empty_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self._empty_label.setFont(big)
        self._empty_hint = QLabel(empty_hint)
        self._empty_hint.setObjectName("chartEmptyHint")
        self._empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_hint.setWordWrap(True)
        self._empty_hint.setVisible(bool(empty_hint))
        empty_layout = QVBoxLayout(self._empty_page)
        empty_layout.setContentsMargins(24, 24, 24, 24)
        empty_layout.addStretch()
        empty_layout.addWidget(self._empty_label)
        empty_layout.addSpacing(4)
        empty_layout.addWidget(self._empty_hint)
        empty_layout.addStretch()

        self._stack = QStackedWidget()
        self._stack.addWidget(self._plot)
        self._stack.addWidget(self._empty_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self._stack, 1)

        # The keys work while the chart (or the plot in it) has the focus.
        self.zoom_in_action = self._action(
            translate("ChartBase", "Zoom in"), "zoomInAction", QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_in_action.triggered.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_out_action = self._action(
            translate("ChartBase", "Zoom out"), "zoomOutAction", QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_out_action.triggered.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.reset_zoom_action = self._action(
            translate("ChartBase", "Reset zoom"), "resetZoomAction", QKeySequence("Ctrl+0")
        )
        self.reset_zoom_action.setToolTip(translate("ChartBase", "Show all the data again (or double-click the chart)"))
        self.reset_zoom_action.triggered.connect(self.reset_zoom)
        self.save_png_action = self._action(translate("ChartBase", "Save as PNG…"), "savePngAction")
        self.save_png_action.triggered.connect(lambda: self.save_png_dialog())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_title(self._title_text)
        self._apply_fonts()

    def _action(self, text: str, name: str, keys: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys is not None:
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        return action

    def _make_axes(self) -> dict[str, Any]:
        from ._items import LabelAxis, NumberAxis

        return {"bottom": LabelAxis("bottom"), "left": NumberAxis("left")}

    def _show_empty(self, empty: bool) -> None:
        self._stack.setCurrentWidget(self._empty_page if empty else self._plot)
        for action in (self.zoom_in_action, self.zoom_out_action, self.reset_zoom_action):
            action.setEnabled(not empty)
        self.save_png_action.setEnabled(not empty)
        if empty:
            self._legend.hide()

    def _apply_fonts(self) -> None:
        font = QGuiApplication.font() if self.font() is None else self.font()
        for name in ("left", "bottom", "right"):
            axis = self._item.getAxis(name) if name in self._item.axes else None
            if axis is None:
                continue
            if hasattr(axis, "set_font"):
                axis.set_font(font)
            else:
                axis.setStyle(tickFont=font)
            axis.label.setFont(font)
        self._update_axis_labels()

    def _apply_palette(self) -> None:
        colors = chart_colors(self.palette())
        self._colors = colors
        self._plot.setBackground(colors.background)
        for name in ("left", "bottom", "right"):
            if name in self._item.axes:
                axis = self._item.getAxis(name)
                axis.setPen(self._pen(colors.axis, 1))
                axis.setTextPen(self._pen(colors.text, 1))
        self._guide.setPen(self._pen(colors.muted, 1, Qt.PenStyle.DashLine))
        for label, color in ((self._empty_label, colors.text), (self._empty_hint, colors.muted)):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, color)
            label.setPalette(palette)
        self._update_axis_labels()
        self._recolor(colors)

    def _update_axis_labels(self) -> None:
        if not self._ready:
            return
        color = self._colors.muted.name()
        height = max(40, int(self._view.height()) - 8)
        width = max(60, int(self._view.width()) - 8)
        metrics = QFontMetrics(self.font())
        for name, text, room in (
            ("left", self._left_label, height),
            ("bottom", self._bottom_label, width),
            ("right", self._right_label, height),
        ):
            if name not in self._item.axes:
                continue
            axis = self._item.getAxis(name)
            if name == "left":
                text = _name_and_unit(self._left_label, self._left_unit, metrics, room)
            if text:
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(room))
                axis.setLabel(shown, color=color)
                axis.showLabel(True)
            else:
                axis.showLabel(False)

    def _elide_title(self) -> None:
        metrics = QFontMetrics(self._title.font())
        room = max(40, self._title.width())
        self._title.setText(metrics.elidedText(self._title_text, Qt.TextElideMode.ElideRight, room))
        self._title.setVisible(bool(self._title_text))

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self._has_data or self.is_empty or not self._view.sceneBoundingRect().contains(scene_pos):
            self.hide_hover()
            return
        point = self._view.mapSceneToView(scene_pos)
        hover = self._hover_at(point.x(), point.y())
        if hover is None:
            self.hide_hover()
            return
        self._hover = hover
        self._guide.setPos(hover.x)
        self._guide.show()
        if hover.points:
            self._marker.setData(
                x=[p[0] for p in hover.points],
                y=[p[1] for p in hover.points],
                brush=[self._pg.mkBrush(p[2]) for p in hover.points],
                pen=self._pen(self._colors.background, 1.5),
            )
        else:
            self._marker.setData([])
        lines = [_escape(line) for line in hover.lines]
        for index, color in hover.keys.items():
            dot = _opaque(color, self._colors.background).name()
            lines[index] = f'<span style="color:{dot}">●</span>&nbsp;{lines[index]}'
        self._hover_label.setText("<br>".join([f"<b>{lines[0]}</b>", *lines[1:]]))
        self._hover_label.adjustSize()
        self._place_hover(self._plot.mapFromScene(scene_pos))
        self._hover_label.show()
        self._hover_label.raise_()
        self.hovered.emit(hover.text)

    def _place_hover(self, cursor: QPoint) -> None:
        size = self._hover_label.size()
        x = cursor.x() + HOVER_OFFSET
        y = cursor.y() + HOVER_OFFSET
        if x + size.width() > self._plot.width() - 4:
            x = cursor.x() - HOVER_OFFSET - size.width()
        if y + size.height() > self._plot.height() - 4:
            y = cursor.y() - HOVER_OFFSET - size.height()
        self._hover_label.move(max(2, x), max(2, y))

    def _on_png_file_selected(self, path: str) -> None:
        if self.export_png(path):
            self.png_saved.emit(path)
        else:
            self.png_failed.emit(
                translate(
                    "ChartBase", "Could not save the chart to {path}: check that the folder exists and is writable."
                ).format(path=path)
            )


def _name_and_unit(name: str, unit: str, metrics: QFontMetrics, room: int) -> str:
    """ "Day register (kWh)"; when too long, the name is shortened first: the unit says how to read the axis."""
    if not (name and unit):
        return name or unit
    text = f"{name} ({unit})"
    suffix = f" ({unit})"
    name_room = room - metrics.horizontalAdvance(suffix)
    if metrics.horizontalAdvance(text) <= room or name_room < metrics.horizontalAdvance(translate("Charts", "Wordy…")):
        return text
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_room) + suffix


def _opaque(color: QColor, background: QColor) -> QColor:
    """``color`` as it looks over ``background`` (rich text ignores alpha)."""
    return _mix(background, color, color.alphaF()) if color.alphaF() < 1 else color


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
