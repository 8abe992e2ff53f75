"""Paints a sidebar source as two lines: icon and name, then its last reading; an "Overdue" badge."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..i18n import QT_TRANSLATE_NOOP, translate
from .models.sources import SourcesListModel

#: Side of the category icon, in device-independent pixels.
ICON_SIZE = 24
#: Height of an item (taller if the font needs it).
ITEM_HEIGHT = 48
#: Space around the content and between icon, texts and badge.
MARGIN = 8
#: Text of the badge of a source whose reading is due.
BADGE_TEXT = QT_TRANSLATE_NOOP("SourceDelegate", "Overdue")

_Index = QModelIndex | QPersistentModelIndex


class SourceItemDelegate(QStyledItemDelegate):
    """Draws the sidebar's rows of a SourcesListModel.

    First line: the category icon and the name (semi-bold, elided); second line, smaller and
    grey: the last reading and its age. An overdue source gets a rounded amber badge on the right.
    Colours come from the view's palette, so light and dark themes, selection and hover all work.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        name_font, detail_font = _fonts(option.font)
        text_height = QFontMetrics(name_font).height() + QFontMetrics(detail_font).height() + 2
        height = max(ITEM_HEIGHT, text_height + 2 * 6)
        return QSize(max(option.rect.width(), 160), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        icon = QIcon(opt.icon)
        name = opt.text
        # The style draws the background, selection and hover; the content is ours. (No focus
        # frame: the sidebar's selection follows the current item.)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)

        palette = opt.palette
        group = _color_group(opt)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        archived = bool(index.data(SourcesListModel.ArchivedRole))
        overdue = bool(index.data(SourcesListModel.OverdueRole))
        detail = str(index.data(SourcesListModel.LastReadingTextRole) or "")
        text_color = palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        detail_color = _muted(text_color, palette.color(group, QPalette.ColorRole.Base), selected)
        name_color = detail_color if archived else text_color

        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rect = opt.rect.adjusted(MARGIN, 0, -MARGIN, 0)
            icon_rect = QRect(rect.left(), rect.center().y() - ICON_SIZE // 2 + 1, ICON_SIZE, ICON_SIZE)
            _paint_icon(painter, icon, icon_rect, name, text_color, palette, group, archived)
            text_left = icon_rect.right() + 1 + MARGIN + 2
            name_font, detail_font = _fonts(opt.font)
            name_metrics, detail_metrics = QFontMetrics(name_font), QFontMetrics(detail_font)
            block = name_metrics.height() + 2 + detail_metrics.height()
            top = rect.center().y() - block // 2 + 1
            # The badge sits on the name's line, so the last-reading line below keeps the full width.
            name_right = rect.right()
            if overdue:
                badge = _badge_rect(opt.font, rect.right(), top + name_metrics.height() // 2)
                _paint_badge(painter, badge, opt.font, palette)
                name_right = badge.left() - MARGIN
            name_width = max(0, name_right - text_left)
            detail_width = max(0, rect.right() - text_left)
            painter.setFont(name_font)
            painter.setPen(name_color)
            painter.drawText(
                QRect(text_left, top, name_width, name_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width),
            )
            painter.setFont(detail_font)
            painter.setPen(detail_color)
            painter.drawText(
                QRect(text_left, top + name_metrics.height() + 2, detail_width, detail_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                detail_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_width),
            )
        finally:
            painter.restore()


def is_dark(palette: QPalette) -> bool:
    """True for a dark theme (light text on a dark window)."""
    return (
        palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def badge_colors(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """Fill, border and text of the "Overdue" badge for ``palette`` (amber, readable on both themes)."""
    if is_dark(palette):
        return QColor("#5a3b0a"), QColor("#b7791f"), QColor("#ffd58a")
    return QColor("#fff1d6"), QColor("#e0a030"), QColor("#7a4300")


# -- helpers --------------------------------------------------------------------------------


def _fonts(base: QFont) -> tuple[QFont, QFont]:
    name = QFont(base)
    name.setWeight(QFont.Weight.DemiBold)
    detail = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        detail.setPointSizeF(max(7.0, size * 0.88))
    else:
        detail.setPixelSize(max(9, round(base.pixelSize() * 0.88)))
    return name, detail


def _badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setWeight(QFont.Weight.DemiBold)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(7.0, size * 0.8))
    else:
        font.setPixelSize(max(9, round(base.pixelSize() * 0.8)))
    return font


def _badge_rect(base: QFont, right: int, center_y: int) -> QRect:
    metrics = QFontMetrics(_badge_font(base))
    width = metrics.horizontalAdvance(translate("SourceDelegate", BADGE_TEXT)) + 12
    height = metrics.height() + 4
    return QRect(right - width + 1, center_y - height // 2, width, height)


def _paint_badge(painter: QPainter, rect: QRect, base: QFont, palette: QPalette) -> None:
    fill, border, text = badge_colors(palette)
    painter.setPen(border)
    painter.setBrush(fill)
    radius = rect.height() / 2
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.setFont(_badge_font(base))
    painter.setPen(text)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), translate("SourceDelegate", BADGE_TEXT))


def _paint_icon(
    painter: QPainter,
    icon: QIcon,
    rect: QRect,
    name: str,
    text_color: QColor,
    palette: QPalette,
    group: QPalette.ColorGroup,
    archived: bool,
) -> None:
    mode = QIcon.Mode.Disabled if archived else QIcon.Mode.Normal
    if not icon.isNull():
        icon.paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode)
        return
    # No icon file: a round tile with the source's initial, so the row still has its anchor.
    tile = QColor(palette.color(group, QPalette.ColorRole.Mid))
    tile.setAlpha(90 if archived else 150)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(tile)
    painter.drawEllipse(QRectF(rect))
    font = QFont(painter.font())
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(text_color)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), (name[:1] or "?").upper())


def _muted(text: QColor, base: QColor, selected: bool) -> QColor:
    """A secondary text colour: the text colour blended toward the background."""
    if selected:
        color = QColor(text)
        color.setAlphaF(0.78)
        return color
    mix = 0.42
    return QColor.fromRgbF(
        text.redF() * (1 - mix) + base.redF() * mix,
        text.greenF() * (1 - mix) + base.greenF() * mix,
        text.blueF() * (1 - mix) + base.blueF() * mix,
    )


def _color_group(opt: QStyleOptionViewItem) -> QPalette.ColorGroup:
    if not opt.state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    if not opt.state & QStyle.StateFlag.State_Active:
        return QPalette.ColorGroup.Inactive
    return QPalette.ColorGroup.Normal
