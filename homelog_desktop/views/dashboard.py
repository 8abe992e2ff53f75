"""The dashboard (home page): a card per source with its last reading, this month, cost and projection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.cards import MonthStatus
from ..domain.entities import Category, MetricKind, SourceSummary
from ..domain.numbers import relative_change
from ..i18n import translate
from . import figures
from .icons import category_icon
from .models.sources import last_reading_text
from .settlement import SettlementRows
from .widgets import is_dark, tone

if TYPE_CHECKING:
    from ..services.dashboard import SourceCard

#: A card's width range at an ordinary font; the grid fits as many columns as the page is wide.
CARD_MIN_WIDTH = 280
CARD_MAX_WIDTH = 420
#: Characters a card's line needs ("Projected 2026  3,265 kWh · €1,105.67"): with a large font the
#: cards widen rather than wrapping every figure.
CARD_CHARACTERS = 38


def card_min_width(metrics: QFontMetrics) -> int:
    """The narrowest a card may be with this font."""
    return max(CARD_MIN_WIDTH, metrics.averageCharWidth() * CARD_CHARACTERS)


CARD_SPACING = 12
#: Shown in a figure still being computed.
PENDING = "…"


class ElidedLabel(QLabel):
    """A one-line label that elides its text with "…" when too narrow (the full text is its tooltip)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def _more_is_good(category: Category) -> bool:
    """For a solar source more is better; for everything else less is."""
    return category is Category.SOLAR


class SourceCardWidget(QFrame):
    """One source's card; a click (or Enter/Space when focused) emits ``activated(source id)``."""

    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(card_min_width(self.fontMetrics()))
        self.setMaximumWidth(max(CARD_MAX_WIDTH, card_min_width(self.fontMetrics()) * 3 // 2))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.source_id: int | None = None
        self._hover = False
        self._setup_ui()

    # -- filling ---------------------------------------------------------------------------------

    def set_card(self, summary: SourceSummary, card: SourceCard | None, now: datetime, locale: QLocale) -> None:
        """Show ``summary`` with the figures of ``card`` (None: still computing)."""
        self._fill(summary, card, now, locale)
        # Once every caption has its text ("Projected 2025", "Settlement 2025/26" come last): the
        # registers' values then start where the other rows' values do.
        self._caption_width()

    def _fill(self, summary: SourceSummary, card: SourceCard | None, now: datetime, locale: QLocale) -> None:
        source = summary.source
        self.source_id = source.id
        self.setAccessibleName(translate("SourceCardWidget", "{name}: open").format(name=source.name))
        self._icon.setPixmap(category_icon(source.category).pixmap(32, 32))
        self.name_label.set_full_text(source.name)
        metric = card.metric if card is not None else None
        if metric is None and card is None:
            metric = next((m for m in source.metrics if m.kind is MetricKind.COUNTER), None)
        shown = [m for m in source.metrics if m.id is not None] or ([metric] if metric is not None else [])
        if len(shown) > 1:
            self._metric_label.setText(source.category.label)  # the registers are listed below
        elif card is not None and card.metered is not None and metric is not None:
            # Counted in m³, shown in kWh: both units named (the last reading is the meter's own m³).
            self._metric_label.setText(f"{metric.name} ({card.metered.unit} → {metric.unit})")
        else:
            self._metric_label.setText(metric.label if metric is not None else source.category.label)
        self._set_register_rows(len(shown) or 1)
        overdue = summary.is_overdue(now)
        age = (
            last_reading_text(summary.last_reading_at, now, locale)
            .replace(" ", "\u00a0")
            .replace("\u00a0·\u00a0", " · ")
        )
        unit = metric.unit if metric is not None else ""
        metric_decimals = metric.decimals if metric is not None else 2
        values = {r.metric.id: r for r in card.registers} if card is not None else {}
        newest = summary.last_reading_at
        for (caption, label), register in zip(self._register_rows, shown, strict=False):
            caption.setText(register.name if len(shown) > 1 else translate("SourceCardWidget", "Last reading"))
            found = values.get(register.id)
            if found is not None and found.value is not None:
                text = figures.quantity(found.value, register.unit, register.decimals, locale)
                if found.at is not None and (newest is None or _local_day(found.at) != _local_day(newest)):
                    text += " · " + _day_text(found.at, now, locale)  # its own reading, not the newest
                    label.setToolTip(
                        translate("SourceCardWidget", "{register}: last read {day}").format(
                            register=register.name, day=_day_text(found.at, now, locale)
                        )
                    )
                else:
                    label.setToolTip("")
                label.setText(text)
            else:
                label.setText(PENDING if card is None and summary.last_reading_at is not None else figures.DASH)
        if source.virtual and self._register_rows:
            caption, label = self._register_rows[0]
            caption.setText(translate("SourceCardWidget", "Virtual meter"))
            inputs = len(source.terms)
            label.setText(card.hidden if card is not None and card.hidden else
                          translate("SourceCardWidget", "computed from %n input(s)", None, inputs))  # fmt: skip
            label.setToolTip(card.hidden if card is not None else "")
            age = ""
        self.age_label.setText(age + (translate("SourceCardWidget", " · a reading is due") if overdue else ""))
        # A virtual meter has no readings: no age, and no empty line for it (its caption goes too).
        self.age_label.setVisible(not source.virtual)
        self._age_caption.setVisible(not source.virtual)
        self._set_tone(self.age_label, "error" if overdue else None)
        self.age_label.setEnabled(overdue)
        self.age_label.setToolTip(
            translate("SourceCardWidget", "The source's reading interval has passed.") if overdue else ""
        )
        is_gauge = card is not None and card.month_status is MonthStatus.NOT_APPLICABLE
        is_gauge = is_gauge or (card is None and metric is not None and metric.kind is MetricKind.GAUGE)
        for row in self._figure_rows:
            for widget in row:
                widget.setVisible(not is_gauge)
        self.settlement.set_settlement(card.settlement if card is not None else None, locale, visible=not is_gauge)
        if is_gauge:
            return
        if card is None:
            for label in (self.month_label, self.ytd_label, self.projection_label):
                label.setText(PENDING)
                self._set_tone(label, None)
            self.change_label.setText("")
            self.basis_label.setText("")
            return
        self._show_month(card, unit, metric_decimals, source.category, locale)
        self._show_cost(card, locale)
        self._show_projection(card, unit, metric_decimals, locale)
        for row in self._figure_rows:  # no blank lines under a figure that has nothing more to say
            if len(row) == 2 and isinstance(row[1], QLabel) and row[1] in (self.change_label, self.basis_label):
                row[0].setVisible(bool(row[1].text()))
                row[1].setVisible(bool(row[1].text()))

    # -- figures ---------------------------------------------------------------------------------

    def _show_month(self, card: SourceCard, unit: str, decimals: int, category: Category, locale: QLocale) -> None:
        status = card.month_status
        self.month_label.setToolTip(
            translate("SourceCardWidget", "Registers summed: {names}").format(names=" + ".join(card.summed))
            if card.summed
            else ""
        )
        self.change_label.setToolTip("")
        if status is MonthStatus.NO_READING_THIS_MONTH:
            virtual = card.summary.source.virtual
            self.month_label.setText(
                translate("SourceCardWidget", "its inputs have no reading yet this month")
                if virtual
                else translate("SourceCardWidget", "no reading yet this month")
            )
            self.month_label.setEnabled(False)
            self.change_label.setText("")
            return
        if status is MonthStatus.TOO_FEW_READINGS:
            virtual = card.summary.source.virtual
            self.month_label.setText(
                translate("SourceCardWidget", "its inputs have no readings in common")
                if virtual
                else translate("SourceCardWidget", "needs two readings")
            )
            self.month_label.setEnabled(False)
            self.change_label.setText("")
            return
        self.month_label.setEnabled(True)
        self.month_label.setText(
            figures.quantity(card.month_so_far, unit, figures.decimals_for(card.month_so_far, decimals), locale)
            + _as_metered(card.month_metered, card, locale)
        )
        delta = relative_change(card.month_so_far, card.same_month_last_year)
        if delta is None:
            if card.same_month_last_year is None:
                if card.history_from is not None:
                    since = locale.toString(
                        QDate(card.history_from.year, card.history_from.month, card.history_from.day),
                        QLocale.FormatType.ShortFormat,
                    )
                    text = translate("SourceCardWidget", "readings a year ago start {day}").format(day=since)
                else:
                    text = translate("SourceCardWidget", "no readings a year ago")
            else:
                text = translate("SourceCardWidget", "nothing used a year ago")
            self.change_label.setText(text)
            self._set_tone(self.change_label, None)
            self.change_label.setEnabled(False)
            return
        last = figures.quantity(
            card.same_month_last_year,
            unit,
            figures.decimals_for(card.same_month_last_year, decimals),
            locale,
        )
        self.change_label.setEnabled(True)
        self.change_label.setText(
            translate("SourceCardWidget", "{change} vs last year").format(change=figures.change(delta, locale))
        )
        self.change_label.setToolTip(
            translate("SourceCardWidget", "Same days of the month a year ago: {amount}").format(amount=last)
        )
        if delta == 0:
            self._set_tone(self.change_label, None)
        else:
            good = (delta < 0) != _more_is_good(category)
            self._set_tone(self.change_label, "success" if good else "warning")

    def _show_cost(self, card: SourceCard, locale: QLocale) -> None:
        if card.ytd_cost is not None:
            self.ytd_label.setText(figures.money(card.ytd_cost, card.currency, locale))
            self.ytd_label.setEnabled(True)
            return
        usage = [r for r in card.registers if r.metric.kind is not MetricKind.GAUGE]
        if card.untariffed and len(card.untariffed) < len(usage):
            text = translate("SourceCardWidget", "no tariff for {names}").format(names=", ".join(card.untariffed))
        elif card.untariffed or card.currency is None:
            text = translate("SourceCardWidget", "no tariff")
        else:
            text = translate("SourceCardWidget", "no reading this year")
        self.ytd_label.setText(text)
        self.ytd_label.setEnabled(False)

    def _show_projection(self, card: SourceCard, unit: str, decimals: int, locale: QLocale) -> None:
        self._projection_caption.setText(
            translate("SourceCardWidget", "Projected {year}").format(year=card.projection_year)
            if card.projection_year is not None
            else translate("SourceCardWidget", "Projected year")
        )
        if card.projected_annual is None:
            self.projection_label.setText(translate("SourceCardWidget", "needs more readings"))
            self.projection_label.setEnabled(False)
            self.basis_label.setText("")
            return
        text = figures.quantity(
            card.projected_annual, unit, figures.decimals_for(card.projected_annual, decimals), locale
        )
        if card.projected_annual_cost is not None:
            text += " · " + figures.money(card.projected_annual_cost, card.currency, locale)
        self.projection_label.setText(text)
        self.projection_label.setEnabled(True)
        method = card.projection_method.value if card.projection_method is not None else ""
        self.basis_label.setText(figures.projection_basis(method, card.projection_scale, card.projection_year, locale))
        tip = figures.projection_basis_tip(method, card.projection_year)
        self.basis_label.setToolTip(tip)
        # A converted meter's year as metered: in the tip (the line would wrap on a narrow card).
        metered = _as_metered(card.projected_metered, card, locale).strip(" ()")
        self.projection_label.setToolTip(
            translate("SourceCardWidget", "{amount} as metered").format(amount=metered) + "\n" + tip if metered else tip
        )

    # -- Qt overrides ----------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._activate()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate()
            return
        super().keyPressEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._hover = False
        self.update()
        super().leaveEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Mid if not is_dark(palette) else QPalette.ColorRole.Light)
        if self._hover or self.hasFocus():
            border = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QColor(border))
        painter.setBrush(base)
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 8, 8)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for label, kind in list(self._tones.items()):
                self._set_tone(label, kind)

    # -- set-up ----------------------------------------------------------------------------------

    def _set_register_rows(self, count: int) -> None:
        """One caption and value per register (the first value label is ``last_label``)."""
        while len(self._register_rows) < count:
            index = len(self._register_rows)
            caption = QLabel(translate("SourceCardWidget", "Last reading"))
            caption.setEnabled(False)
            value = self.last_label if index == 0 else _wrapping_label(f"cardLast{index}")
            self._registers.addWidget(caption, index, 0, Qt.AlignmentFlag.AlignTop)
            self._registers.addWidget(value, index, 1)
            self._register_rows.append((caption, value))
        for index, (caption, value) in enumerate(self._register_rows):
            caption.setVisible(index < count)
            value.setVisible(index < count)
        self._caption_width()

    def _caption_width(self) -> None:
        """Captions of the registers' box as wide as the grid's, so the values line up."""
        if not hasattr(self, "_grid"):
            return
        captions = [c for c, _ in self._register_rows]
        for r in range(self._grid.rowCount()):
            item = self._grid.itemAtPosition(r, 0)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                captions.append(widget)
        # The width each caption asks its column for (its size hint, a few pixels more than the
        # text's advance), measured without the minimum set last time: the values' columns then
        # start at the same x in the registers' box and in the grid, in every language.
        for caption in captions:
            caption.setMinimumWidth(0)
        width = max(c.sizeHint().width() for c in captions) if captions else 0
        for caption in captions:
            caption.setMinimumWidth(width)

    def _activate(self) -> None:
        if self.source_id is not None:
            self.activated.emit(self.source_id)

    def _set_tone(self, label: QLabel, kind: str | None) -> None:
        self._tones[label] = kind
        palette = self.palette()
        if kind is not None:
            palette.setColor(
                QPalette.ColorRole.WindowText, tone(kind, palette)[1] if is_dark(palette) else _strong(kind)
            )
        label.setPalette(palette)

    def _setup_ui(self) -> None:
        self._tones: dict[QLabel, str | None] = {}
        self._icon = QLabel()
        self._icon.setFixedSize(34, 34)
        self.name_label = ElidedLabel()
        self.name_label.setObjectName("cardName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.name_label.setFont(font)
        self._metric_label = QLabel()
        self._metric_label.setEnabled(False)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.name_label)
        titles.addWidget(self._metric_label)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(titles, 1)

        self.last_label = _wrapping_label("cardLast")
        self.age_label = _wrapping_label("cardAge")
        self.month_label = _wrapping_label("cardMonth")
        self.change_label = _wrapping_label("cardChange")
        self.ytd_label = _wrapping_label("cardYtdCost")
        self.projection_label = _wrapping_label("cardProjection")
        self.basis_label = _wrapping_label("cardProjectionBasis")
        self.basis_label.setEnabled(False)
        self._grid = grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self._figure_rows: list[tuple[QWidget, ...]] = []
        self._register_rows: list[tuple[QLabel, QLabel]] = []

        def row(caption: str, widget: QWidget) -> tuple[QLabel, QWidget]:
            label = QLabel(caption)
            label.setEnabled(False)
            r = grid.rowCount()
            grid.addWidget(label, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, r, 1)
            return label, widget

        # Row 0 holds the registers' values (a box of its own: their number varies), then the age.
        self._registers = QGridLayout()
        self._registers.setContentsMargins(0, 0, 0, 0)
        self._registers.setHorizontalSpacing(12)
        self._registers.setVerticalSpacing(4)
        self._registers.setColumnStretch(1, 1)
        grid.addLayout(self._registers, 0, 0, 1, 2)
        self._set_register_rows(1)
        self._age_caption, _ = row("", self.age_label)
        self._figure_rows.append(row(translate("SourceCardWidget", "This month"), self.month_label))
        self._figure_rows.append(row("", self.change_label))
        self._figure_rows.append(row(translate("SourceCardWidget", "Cost this year"), self.ytd_label))
        self._projection_caption, _ = projection = row(
            translate("SourceCardWidget", "Projected year"), self.projection_label
        )
        self._figure_rows.append(projection)
        self._figure_rows.append(row("", self.basis_label))
        self.settlement = SettlementRows(row, self._set_tone)
        self._caption_width()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(grid)


def _wrapping_label(name: str) -> QLabel:
    """A figure's label: wraps rather than being cut off when the card is narrow or the font large."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _as_metered(amount: Decimal | None, card: SourceCard, locale: QLocale) -> str:
    """ " (110 m³)": a converted figure's amount as metered, whole units (empty without one)."""
    metered = card.metered
    if amount is None or metered is None:
        return ""
    return f" ({figures.quantity(amount, metered.unit, figures.decimals_for(amount, 0), locale)})"


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _day_text(moment: datetime, now: datetime, locale: QLocale) -> str:
    """The local day of ``moment``: "12 Nov" this year, the short date otherwise."""
    local = moment.astimezone()
    day = QDate(local.year, local.month, local.day)
    if local.year == now.astimezone().year:
        return figures.day_month(day, locale).replace(" ", "\u00a0")  # "28 Nov" never broken
    return locale.toString(day, QLocale.FormatType.ShortFormat)


def _strong(kind: str) -> QColor:
    """Text colours for figures on a light card (the banner's ones are too pale on white)."""
    return QColor({"error": "#b3261e", "warning": "#a8460c", "success": "#1e7b34", "info": "#0b57d0"}[kind])


class DashboardPage(QWidget):
    """The cards in a grid that reflows with the width; ``source_activated(id)`` opens a source."""

    source_activated = Signal(int)
    meter_round_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.cards: list[SourceCardWidget] = []
        self._summaries: list[SourceSummary] = []
        self._figures: dict[int, SourceCard] = {}
        self._now: datetime | None = None
        self._columns = 0
        self._setup_ui()

    def show_summaries(self, summaries: Sequence[SourceSummary], now: datetime) -> None:
        """Cards for ``summaries`` at once; figures already known stay, the others show "…"."""
        self._summaries = [s for s in summaries if not s.source.archived]
        self._now = now
        self._fill()

    def set_cards(self, cards: Sequence[SourceCard], now: datetime) -> None:
        """The computed cards (in sidebar order)."""
        self._figures = {c.summary.source.id: c for c in cards if c.summary.source.id is not None}
        self._summaries = [c.summary for c in cards if not c.summary.source.archived]
        self._now = now
        self._fill()

    def set_busy(self, busy: bool) -> None:
        """Show that the figures are being computed."""
        self._busy_label.setVisible(busy)

    def card_for(self, source_id: int) -> SourceCardWidget | None:
        return next((c for c in self.cards if c.source_id == source_id and c.isVisible()), None)

    @property
    def column_count(self) -> int:
        return self._columns

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow()
        return False

    # -- helpers ---------------------------------------------------------------------------------

    def _fill(self) -> None:
        locale = QLocale()
        now = self._now
        assert now is not None
        today = now.astimezone().date()
        self._date_label.setText(
            locale.toString(QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat)
        )
        while len(self.cards) < len(self._summaries):
            card = SourceCardWidget(self._grid_host)
            card.activated.connect(self.source_activated)
            self.cards.append(card)
        for card, summary in zip(self.cards, self._summaries, strict=False):
            figures_ = self._figures.get(summary.source.id) if summary.source.id is not None else None
            card.set_card(summary, figures_, now, locale)
        self._content.setCurrentIndex(0 if self._summaries else 1)
        self._columns = 0  # force a new layout
        self._reflow()

    def _reflow(self) -> None:
        shown = len(self._summaries)
        width = self._scroll.viewport().width() - 2 * CARD_SPACING
        least = card_min_width(self.fontMetrics())
        columns = max(1, min(max(shown, 1), (width + CARD_SPACING) // (least + CARD_SPACING)))
        if columns == self._columns and all(self._grid.indexOf(c) >= 0 for c in self.cards[:shown]):
            return
        self._columns = columns
        for card in self.cards:
            self._grid.removeWidget(card)
            card.hide()
        for i, card in enumerate(self.cards[:shown]):
            self._grid.addWidget(card, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
            card.show()
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)

    def _setup_ui(self) -> None:
        title = QLabel(translate("DashboardPage", "Dashboard"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self._date_label = QLabel()
        self._date_label.setEnabled(False)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(title)
        titles.addWidget(self._date_label)
        round_button = QPushButton(translate("DashboardPage", "Meter round…"))
        round_button.setObjectName("dashboardMeterRound")
        round_button.setToolTip(
            translate("DashboardPage", "Enter the readings of every due meter in one sheet (Ctrl+R)")
        )
        round_button.clicked.connect(self.meter_round_clicked)
        self._busy_label = QLabel(translate("DashboardPage", "Updating…"))
        self._busy_label.setObjectName("dashboardBusy")
        self._busy_label.setEnabled(False)
        self._busy_label.hide()
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self._busy_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(8)
        header.addWidget(round_button, 0, Qt.AlignmentFlag.AlignTop)

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(CARD_SPACING)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 4, 0, 4)
        holder_layout.addWidget(self._grid_host)
        holder_layout.addStretch()
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(holder)
        # A card narrower than its figures would cut them: scroll sideways rather (a tiny window).
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._scroll.viewport().setAutoFillBackground(False)
        self._scroll.viewport().installEventFilter(self)
        holder.setAutoFillBackground(False)

        self._empty = QLabel(
            translate(
                "DashboardPage",
                "No meters or sensors to show.\n\n“New source…” adds one; archived sources are not shown here.",
            )
        )
        self._empty.setObjectName("dashboardEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        self._content = QStackedWidget()
        self._content.addWidget(self._scroll)
        self._content.addWidget(self._empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addWidget(self._content, 1)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(card_min_width(self.fontMetrics()) * 2 + CARD_SPACING, 400)
