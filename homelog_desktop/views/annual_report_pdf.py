"""The annual report as a PDF: a cover with the household's totals, then a page per source.

Built with Qt's own ``QPdfWriter`` and ``QTextDocument`` (HTML tables), the charts drawn by the
app's chart widgets (``ConsumptionChart``, ``YearOverYearChart``) offscreen at print resolution.
The figures come from ``services.annual_report`` (``build_report``'s, as on the Reports page) and
are written with its text helpers, so the PDF shows the same numbers as the page and the CSV.

``write_pdf`` is a coroutine that yields to the event loop between sources and between pages, so
the window stays responsive and the task can be cancelled; the PDF is made in memory and written
to its file at the end in one go (a temporary file renamed over it): a cancelled or failed export
leaves no half-written file.
"""

from __future__ import annotations

import asyncio
import html
import importlib
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QCoreApplication, QEvent, QIODevice, QLineF, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ..domain.energy import ConversionFactor
from ..domain.entities import MeterEvent, MeterEventKind, Metric, Tariff
from ..domain.projection import ProjectionMethod
from ..domain.settlement import Settlement
from ..i18n import QT_TRANSLATE_NOOP, local_number, translate
from ..services.annual_report import AnnualReport, MetricSection, SourceSection, UnitTotal, YearKind
from ..services.reports import Report, ReportRow
from .figures import money, number
from .warm import run_in_worker

__all__ = ["PAGE_SIZES", "default_page_size", "render_pdf", "write_pdf"]

#: Page sizes offered (name → Qt's id).
PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: The resolution of the PDF's coordinates and of the chart images (dots per inch).
PRINT_DPI = 300
#: The document is laid out in CSS pixels (96 per inch) and scaled to the page.
LAYOUT_DPI = 96
#: Page margins in millimetres: left/right, top (below the header), bottom (above the footer).
MARGIN_SIDE_MM, MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 18.0, 22.0, 20.0
#: The charts' size on the page, in layout pixels (two side by side), and the widget's own size.
CHART_WIDGET_SIZE = (560, 330)
#: Layout pixels between the two charts.
CHART_GAP = 12
#: Colours of the statement (ink, muted, lines, the header row, zebra rows, accent).
INK, MUTED, RULE, HEAD_BG, ZEBRA, ACCENT = "#1d232a", "#5f6b76", "#c9d1d9", "#e8eef5", "#f6f8fa", "#1f5fa8"
UP, DOWN = "#b3261e", "#2b7a3d"

#: A table cell starting with this and "N>" spans N columns.
SPAN = "\x00span"
ProgressCallback = Callable[[int, int, str], None]

MONTHS = (
    QT_TRANSLATE_NOOP("AnnualReportPdf", "January"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "February"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "March"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "April"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "May"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "June"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "July"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "August"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "September"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "October"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "November"),
    QT_TRANSLATE_NOOP("AnnualReportPdf", "December"),
)


def default_page_size(territory: Any = None) -> str:
    """Letter in the United States and Canada (the locale's territory), A4 elsewhere."""
    from PySide6.QtCore import QLocale

    where = territory if territory is not None else QLocale().territory()
    return "letter" if where in (QLocale.Country.UnitedStates, QLocale.Country.Canada) else "a4"


# -- the whole document ---------------------------------------------------------------------------


async def write_pdf(
    report: AnnualReport,
    path: Path,
    page_size: str = "a4",
    progress: ProgressCallback | None = None,
) -> int:
    """Render ``report`` and write it to ``path`` (replacing it); returns the number of pages.

    Raises OSError when the file cannot be written (the message names the path).
    """
    data, pages = await render_pdf(report, page_size, progress)
    await asyncio.to_thread(_write_file, path, data)
    return pages


async def render_pdf(
    report: AnnualReport, page_size: str = "a4", progress: ProgressCallback | None = None
) -> tuple[bytes, int]:
    """The PDF's bytes and page count. Needs a QApplication (the charts are widgets)."""
    # The charts' modules and pyqtgraph are big: imported in a worker thread, not on the loop.
    await run_in_worker(_import_charts)
    layout = _Layout(page_size)
    total_steps = len(report.sections) * 2 + 2
    step = 0

    def advance(what: str) -> None:
        nonlocal step
        step += 1
        if progress is not None:
            progress(min(step, total_steps), total_steps, what)

    # The charts are widgets: drawn here, on the GUI thread, one per step of the event loop.
    charts = _ChartPainter()
    parts: list[tuple[str, str, dict[str, QImage]]] = []
    try:
        for section in report.sections:
            images = await _chart_images(section, charts)
            parts.append((section.source.name, _source_html(section, layout, report.tz), images))
            advance(translate("AnnualReportPdf", "Charts of {name}").format(name=section.source.name))
            await asyncio.sleep(0)
    finally:
        charts.close()
    # The documents are laid out and painted in a worker thread (QTextDocument and QPainter on a
    # PDF need no GUI thread); Cancel stops it between pages.
    loop = asyncio.get_running_loop()
    stop = threading.Event()

    def step_done(what: str) -> None:
        loop.call_soon_threadsafe(advance, what)

    try:
        data, total_pages = await asyncio.to_thread(_paint_pdf, report, layout, parts, stop, step_done)
    except asyncio.CancelledError:
        stop.set()
        raise
    advance(translate("AnnualReportPdf", "Done"))
    return data, total_pages


def _import_charts() -> None:
    charts = importlib.import_module("homelog_desktop.views.charts")
    preload = getattr(charts, "preload", None)
    if preload is not None:
        preload()  # pyqtgraph itself


class _StoppedError(Exception):
    """The export was cancelled while the worker painted."""


def _paint_pdf(
    report: AnnualReport,
    layout: _Layout,
    parts: list[tuple[str, str, dict[str, QImage]]],
    stop: threading.Event,
    step_done: Callable[[str], None],
) -> tuple[bytes, int]:
    """Lay out the cover and the sources' documents and paint every page into a PDF (worker thread)."""
    documents = [(name, layout.document(html_text, images)) for name, html_text, images in parts]
    # The cover names the page each source starts on: lay it out once to count its own pages.
    starts: list[int] = []
    cover = _cover_document(report, layout, starts)
    for _ in range(2):
        first = cover.pageCount() + 1
        starts = []
        for _name, doc in documents:
            starts.append(first)
            first += doc.pageCount()
        cover = _cover_document(report, layout, starts)
    step_done(translate("AnnualReportPdf", "Cover"))
    total_pages = cover.pageCount() + sum(doc.pageCount() for _n, doc in documents)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PRINT_DPI)
    writer.setTitle(f"{report.title} – Home Log")
    writer.setCreator("Home Log")
    writer.setPageLayout(QPageLayout(layout.page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(translate("AnnualReportPdf", "the PDF could not be started"))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scale = writer.resolution() / LAYOUT_DPI
        number = 0
        for name, doc in [("", cover), *documents]:
            for index in range(doc.pageCount()):
                if stop.is_set():
                    raise _StoppedError
                number += 1
                if number > 1:
                    writer.newPage()
                painter.save()
                painter.scale(scale, scale)
                _paint_page(painter, layout, doc, index, name, report, number, total_pages)
                painter.restore()
            if name:
                step_done(f"Writing {name}")
    finally:
        painter.end()
    return bytes(buffer.data().data()), total_pages


def _write_file(path: Path, data: bytes) -> None:
    """``data`` to ``path`` through a temporary file in the same folder, renamed over it."""
    folder = path.parent if str(path.parent) else Path()
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# -- page geometry, header and footer -----------------------------------------------------------


@dataclass
class _Layout:
    """The page in layout pixels (96 per inch): its size, the body's rectangle."""

    page_size: QPageSize
    width: float
    height: float
    body: QRectF

    def __init__(self, name: str) -> None:
        if name not in PAGE_SIZES:
            raise ValueError(f"unknown page size {name!r} (a4 or letter)")
        self.page_size = QPageSize(PAGE_SIZES[name])
        size_mm = self.page_size.size(QPageSize.Unit.Millimeter)
        px = LAYOUT_DPI / 25.4
        self.width, self.height = size_mm.width() * px, size_mm.height() * px
        self.body = QRectF(
            MARGIN_SIDE_MM * px,
            MARGIN_TOP_MM * px,
            self.width - 2 * MARGIN_SIDE_MM * px,
            self.height - (MARGIN_TOP_MM + MARGIN_BOTTOM_MM) * px,
        )

    def document(self, html_text: str, images: dict[str, QImage] | None = None) -> QTextDocument:
        doc = QTextDocument()
        font = QFont()
        font.setFamilies(
            [
                "DejaVu Sans",
                "Segoe UI",
                "Helvetica Neue",
                "Arial",
                "sans-serif",
            ]
        )
        font.setPixelSize(12)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(STYLE)
        doc.setPageSize(QSizeF(self.body.width(), self.body.height()))
        for key, image in (images or {}).items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(key), image)
        doc.setHtml(html_text)
        return doc


def _paint_page(
    painter: QPainter,
    layout: _Layout,
    doc: QTextDocument,
    index: int,
    name: str,
    report: AnnualReport,
    number: int,
    total: int,
) -> None:
    """One page: the header (report and source), the body (page ``index`` of ``doc``), the footer."""
    body = layout.body
    painter.save()
    painter.translate(body.left(), body.top() - index * body.height())
    doc.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
    painter.restore()
    font = QFont(doc.defaultFont())
    font.setPixelSize(9)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    muted = QColor(MUTED)
    painter.setPen(QPen(QColor(RULE), 0.6))
    header_y = body.top() - 18
    footer_y = body.bottom() + 22
    if number > 1:
        painter.drawLine(QLineF(body.left(), header_y + 4, body.right(), header_y + 4))
    painter.drawLine(QLineF(body.left(), footer_y - 12, body.right(), footer_y - 12))
    painter.setPen(muted)
    if number > 1:
        painter.drawText(
            QRectF(body.left(), header_y - 12, body.width() * 0.45, 14),
            Qt.AlignmentFlag.AlignLeft,
            f"Home Log · {report.title}",
        )
        if name:
            room = body.width() * 0.53
            painter.drawText(
                QRectF(body.right() - room, header_y - 12, room, 14),
                Qt.AlignmentFlag.AlignRight,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, room),
            )
    painter.drawText(
        QRectF(body.left(), footer_y - 8, body.width() / 2, 14),
        Qt.AlignmentFlag.AlignLeft,
        translate("AnnualReportPdf", "Made by Home Log on {day}").format(day=_long_date(report.generated.date())),
    )
    painter.drawText(
        QRectF(body.center().x(), footer_y - 8, body.width() / 2, 14),
        Qt.AlignmentFlag.AlignRight,
        translate("AnnualReportPdf", "Page {number} of {total}").format(number=number, total=total),
    )


# -- texts ----------------------------------------------------------------------------------------

STYLE = f"""
body {{ color: {INK}; }}
h1 {{ font-size: 22px; font-weight: 600; color: {INK}; margin-top: 0px; margin-bottom: 2px; }}
h2 {{ font-size: 14px; font-weight: 600; color: {ACCENT}; margin-top: 14px; margin-bottom: 6px; }}
h3 {{ font-size: 12px; font-weight: 600; color: {INK}; margin-top: 12px; margin-bottom: 4px; }}
p {{ margin-top: 0px; margin-bottom: 4px; }}
.sub {{ color: {MUTED}; font-size: 12px; margin-bottom: 10px; }}
.muted {{ color: {MUTED}; }}
.small {{ font-size: 10px; }}
.figure {{ font-size: 17px; font-weight: 600; color: {INK}; }}
.label {{ font-size: 10px; color: {MUTED}; }}
th {{ background-color: {HEAD_BG}; color: {INK}; font-weight: 600; font-size: 11px; }}
td {{ font-size: 11px; }}
.num {{ text-align: right; }}
.total td {{ font-weight: 600; border-top: 1px solid {INK}; }}
.up {{ color: {UP}; }}
.down {{ color: {DOWN}; }}
.empty {{ color: {MUTED}; font-size: 13px; }}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _long_date(day: date) -> str:
    """ "3 March 2025" ("3. März 2025")."""
    month = translate("AnnualReportPdf", MONTHS[day.month - 1])
    return translate("AnnualReportPdf", "{day} {month} {year}").format(day=day.day, month=month, year=day.year)


def _span_text(start: date, end: date) -> str:
    """ "1 January – 31 December 2025" for [start, end)."""
    last = end - timedelta(days=1)
    month = translate("AnnualReportPdf", MONTHS[start.month - 1])
    first = (
        translate("AnnualReportPdf", "{day} {month}").format(day=start.day, month=month)
        if start.year == last.year
        else _long_date(start)
    )
    return f"{first} – {_long_date(last)}"


def _unit(metric: Metric) -> str:
    return f" {metric.unit}" if metric.unit else ""


# The figures are written as the window writes them (the locale's separators, "1.288,20 €" in German).


def _amount(value: Decimal | None, metric: Metric, unit: bool = False) -> str:
    if value is None:
        return "–"
    return number(value, metric.decimals) + (_unit(metric) if unit else "")


def _money(value: Decimal | None, currency: str | None) -> str:
    """An amount of money with its currency where the locale puts it ("€1,288.20", "1.288,20 €")."""
    if value is None:
        return "–"
    return money(value, currency) if currency else number(value, 2)


def money_text(value: Decimal) -> str:
    """Money to the cent, without its currency (a table's column names it): "1,288.20", "1.288,20"."""
    return number(value, 2)


def rate_text(value: Decimal, metric: Metric) -> str:
    """A daily average with two more decimals than the metric."""
    return number(value, metric.decimals + 2)


def days_text(value: Decimal) -> str:
    """Days to a hundredth, without trailing zeros: "31", "14.5" ("14,5" in German)."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return number(rounded, max(0, -int(rounded.as_tuple().exponent)))


def change_text(value: Decimal) -> str:
    """A change as a signed percentage with one decimal: "+12.5 %", "−3.0 %" ("+12,5 %" in German)."""
    percent = (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) + 0
    sign = "+" if percent > 0 else "−" if percent < 0 else ""
    return f"{sign}{number(abs(percent), 1)} %"


def _change(value: Decimal | None) -> str:
    if value is None:
        return "–"
    css = "up" if value > 0 else "down" if value < 0 else ""
    return f'<span class="{css}">{_e(change_text(value))}</span>'


def _month_rows(section: SourceSection, part: MetricSection) -> list[tuple[date, date, ReportRow | None]]:
    """Every month of the year, with its report row (None: no readings in that month)."""
    by_start = {row.start: row for row in part.months.rows}
    months = []
    day = section.start
    while day < section.end:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        months.append((day, following, by_start.get(day)))
        day = following
    return months


def _table(
    header: list[tuple[str, bool]],
    rows: list[list[str]],
    *,
    total: list[str] | None = None,
    widths: list[int] | None = None,
) -> str:
    """An HTML table: ``header`` is (text, numeric); zebra rows; a bold total line; column ``widths`` in %."""
    out = [
        '<table width="100%" cellspacing="0" cellpadding="4" style="border-collapse: collapse;">',
        "<tr>",
    ]
    for index, (text, numeric) in enumerate(header):
        align = ' align="right"' if numeric else ' align="left"'
        width = f' width="{widths[index]}%"' if widths else ""
        out.append(f"<th{align}{width}>{text}</th>")
    out.append("</tr>")
    for index, row in enumerate(rows):
        background = f' bgcolor="{ZEBRA}"' if index % 2 else ""
        out.append(f"<tr{background}>")
        column = 0
        for cell in row:
            numeric = header[column][1]
            if cell.startswith(SPAN):
                count, _, cell = cell.removeprefix(SPAN).partition(">")
                out.append(f'<td colspan="{count}" align="left">{cell}</td>')
                column += int(count)
                continue
            out.append(f'<td align="{"right" if numeric else "left"}">{cell}</td>')
            column += 1
        out.append("</tr>")
    if total is not None:
        out.append('<tr class="total">')
        for cell, (_text, numeric) in zip(total, header, strict=True):
            out.append(
                f'<td align="{"right" if numeric else "left"}" style="border-top: 1px solid {INK};"><b>{cell}</b></td>'
            )
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


# -- a source's pages -----------------------------------------------------------------------------


async def _chart_images(section: SourceSection, charts: _ChartPainter) -> dict[str, QImage]:
    """The section's charts as images, one at a time with the event loop running in between."""
    images: dict[str, QImage] = {}
    for part in section.metrics:
        if not part.has_data:
            continue
        for _widget in range(2):  # each chart widget built is a step of its own
            if charts.build(part.is_gauge):
                await asyncio.sleep(0)
        images[_chart_key(section, part, "months")] = charts.months(part, section)
        await asyncio.sleep(0)
        if not part.is_gauge:
            images[_chart_key(section, part, "years")] = charts.years(part, section)
            await asyncio.sleep(0)
    return images


def _chart_key(section: SourceSection, part: MetricSection, which: str) -> str:
    return f"chart:{section.source.id}-{part.metric.id}-{which}"


def _source_html(section: SourceSection, layout: _Layout, tz: tzinfo) -> str:
    source = section.source
    parts = [f"<h1>{_e(source.name)}</h1>"]
    kind = (
        translate("AnnualReportPdf", "Billing year")
        if section.kind is YearKind.BILLING
        else translate("AnnualReportPdf", "Year")
    )
    details = [f"{kind} {section.label}", _span_text(section.start, section.end)]
    if source.category.value.lower() != source.name.strip().lower():
        details.append(source.category.label)
    if source.archived:
        details.append(translate("AnnualReportPdf", "archived"))
    parts.append(f'<p class="sub">{_e(" · ".join(details))}</p>')
    if source.description.strip():
        parts.append(f'<p class="muted" style="margin-bottom: 10px;">{_e(source.description.strip())}</p>')
    if not section.has_data:
        parts.append(
            f'<p></p><table width="100%" cellspacing="0" cellpadding="14"><tr><td bgcolor="{ZEBRA}">'
            '<span class="figure">'
            + _e(translate("AnnualReportPdf", "No readings in {year}.").format(year=section.label))
            + '</span><br><span class="muted">'
            + _e(
                translate(
                    "AnnualReportPdf",
                    "Nothing was recorded for this source from {span}, so there is no consumption or cost to report.",
                ).format(span=_span_text(section.start, section.end))
            )
            + "</span></td></tr></table>"
        )
    for part in section.metrics:
        parts.append(_metric_html(section, part, layout))
    if section.settlement is not None:
        parts.append(_settlement_html(section.settlement, _covered_days(section)))
    parts.append(_events_html(section, tz))
    return "".join(parts)


def _covered_days(section: SourceSection) -> Decimal | None:
    """Days of the year the readings of the source's usage registers cover (the fewest of them)."""
    usage = [p for p in section.metrics if not p.is_gauge]
    if not usage:
        return None
    return min(sum((r.days for r in p.months.rows), Decimal(0)) for p in usage)


def _settlement_html(settlement: Settlement, covered: Decimal | None = None) -> str:
    """Advances paid, the cost of the year and the settlement: the year's own when it is over, the
    forecast of the current billing year when it is not. ``covered``: days of a closed year that its
    readings cover (a year read only in part has the cost of that part only, and says so)."""
    currency = settlement.currency
    first, last = settlement.year_start, settlement.year_end - timedelta(days=1)
    span = _span_text(first, settlement.year_end)
    if settlement.closed:
        cells = [(_money(settlement.paid, currency), translate("AnnualReportPdf", "Advances paid"), span)]
        days = (settlement.year_end - settlement.year_start).days
        part = covered is not None and covered < days
        hint = (
            translate("AnnualReportPdf", "readings cover {covered} of its {days} days").format(
                covered=days_text(covered), days=days
            )
            if part and covered is not None
            else ""
        )
        cells.append(
            (_money(settlement.forecast_cost, currency), translate("AnnualReportPdf", "Cost of the year"), hint)
        )
    else:
        cells = [
            (
                _money(settlement.paid, currency),
                translate("AnnualReportPdf", "Advances paid"),
                translate("AnnualReportPdf", "so far, of {due}").format(due=_money(settlement.due_for_year, currency)),
            )
        ]
        how = (
            translate("AnnualReportPdf", "forecast by last year's profile")
            if settlement.method is ProjectionMethod.SEASONAL
            else translate("AnnualReportPdf", "forecast by the recent rate")
        )
        cells.append(
            (_money(settlement.forecast_cost, currency), translate("AnnualReportPdf", "Cost of the year"), how)
        )
    balance = settlement.balance
    if balance is None:
        hint = (
            translate("AnnualReportPdf", "needs a tariff for the whole year")
            if settlement.closed
            else translate("AnnualReportPdf", "needs a tariff and readings this year")
        )
        cells.append(("–", translate("AnnualReportPdf", "Settlement"), hint))
    else:
        label = translate("AnnualReportPdf", "Refund") if balance >= 0 else translate("AnnualReportPdf", "Back payment")
        hint = (
            translate("AnnualReportPdf", "on {date}").format(date=_long_date(last))
            if settlement.closed
            else translate("AnnualReportPdf", "forecast for {date}").format(date=_long_date(last))
        )
        cells.append((_money(abs(balance), currency), label, hint))
    tds = [
        f'<td width="{100 // len(cells)}%" bgcolor="{ZEBRA}" style="padding: 8px;">'
        f'<span class="label">{_e(label.upper())}</span><br><span class="figure">{_e(figure)}</span>'
        f'<br><span class="label">{_e(hint)}</span></td>'
        for figure, label, hint in cells
    ]
    title = (
        translate("AnnualReportPdf", "Advance payments")
        if settlement.closed
        else translate("AnnualReportPdf", "Advance payments, billing year {span}").format(span=_e(span))
    )
    spacer = '<td width="8"></td>'
    return (
        f"<h3>{title}</h3>"
        f'<table width="100%" cellspacing="0" cellpadding="8"><tr>{spacer.join(tds)}</tr></table><p></p>'
    )


def _metric_html(section: SourceSection, part: MetricSection, layout: _Layout) -> str:
    metric = part.metric
    several = len(section.metrics) > 1
    out = []
    title = metric.name + (f" ({metric.unit})" if metric.unit else "")
    if several or not part.has_data:
        # Each metric of a source with several starts on a page of its own (the first under the name).
        brk = ' style="page-break-before: always;"' if several and part is not section.metrics[0] else ""
        out.append(f"<h2{brk}>{_e(title)}</h2>")
    if not part.has_data and not section.has_data:
        return ""  # the page says so once
    if not part.has_data:
        if section.has_data:
            none = translate("AnnualReportPdf", "No readings of {metric} in {year}.")
            out.append(f'<p class="muted">{_e(none.format(metric=metric.name, year=section.label))}</p>')
        return "".join(out)
    out.append(_key_figures(part))
    # The charts, side by side (a gauge's one chart across the page, as high).
    width = (layout.body.width() - CHART_GAP) / 2
    height = width * CHART_WIDGET_SIZE[1] / CHART_WIDGET_SIZE[0]
    size = f'width="{width:.0f}" height="{height:.0f}"'
    if part.is_gauge:
        wide = f'width="{layout.body.width():.0f}" height="{height:.0f}"'
        cells = [f'<td width="100%"><img src="{_chart_key(section, part, "months")}" {wide}></td>']
    else:
        cells = [f'<td width="50%"><img src="{_chart_key(section, part, "months")}" {size}></td>']
        cells.append(f'<td width="50%"><img src="{_chart_key(section, part, "years")}" {size}></td>')
    gap = f'<td width="{CHART_GAP}"></td>'
    out.append(f'<table width="100%" cellspacing="0" cellpadding="0"><tr>{gap.join(cells)}</tr></table>')
    out.append(translate("AnnualReportPdf", "<h3>By month</h3>"))
    out.append(_months_table(section, part))
    return "".join(out)


def _key_figures(part: MetricSection) -> str:
    """The year at a glance: consumption, cost, per day and the change against last year."""
    metric, report = part.metric, part.months
    cells: list[tuple[str, str, str]] = []
    if part.is_gauge:
        year = part.year
        if year is not None and year.mean is not None:
            cells.append(
                (number(year.mean, metric.decimals + 2) + _unit(metric), translate("AnnualReportPdf", "Mean"), "")
            )
            cells.append((_amount(year.minimum, metric, True), translate("AnnualReportPdf", "Lowest"), ""))
            cells.append((_amount(year.maximum, metric, True), translate("AnnualReportPdf", "Highest"), ""))
        cells.append(
            (
                days_text(sum((r.days for r in report.rows), Decimal(0))),
                translate("AnnualReportPdf", "Days covered"),
                "",
            )
        )
    else:
        covered = sum((r.days for r in report.rows), Decimal(0))
        metered = part.metered
        originals = [r.original for r in report.rows if r.original is not None]
        as_metered = (
            translate("AnnualReportPdf", "{amount} metered").format(
                amount=_amount(sum(originals, Decimal(0)), metered, True)
            )
            if metered and originals
            else ""
        )
        cells.append(
            (_amount(report.total_consumption, metric, True), translate("AnnualReportPdf", "Consumption"), as_metered)
        )
        cells.append(
            (
                _money(report.total_cost, report.currency),
                translate("AnnualReportPdf", "Cost"),
                "" if report.total_cost is not None else translate("AnnualReportPdf", "no tariff"),
            )
        )
        if report.total_consumption is not None and covered > 0:
            cells.append(
                (
                    rate_text(report.total_consumption / covered, metric) + _unit(metric),
                    translate("AnnualReportPdf", "Per day"),
                    translate("AnnualReportPdf", "over {days} days").format(days=days_text(covered)),
                )
            )
        year = part.year
        if year is not None and year.change is not None and year.last_year is not None:
            cells.append(
                (
                    _change(year.change),
                    translate("AnnualReportPdf", "On last year"),
                    translate("AnnualReportPdf", "then {amount}").format(amount=_amount(year.last_year, metric, True)),
                )
            )
        else:
            cells.append(
                (
                    "–",
                    translate("AnnualReportPdf", "On last year"),
                    translate("AnnualReportPdf", "no readings a year earlier"),
                )
            )
    tds = []
    for figure, label, hint in cells:
        hint_html = f'<br><span class="label">{_e(hint)}</span>' if hint else ""
        tds.append(
            f'<td width="{100 // len(cells)}%" bgcolor="{ZEBRA}" style="padding: 8px;">'
            f'<span class="label">{_e(label.upper())}</span><br><span class="figure">{figure}</span>{hint_html}</td>'
        )
    spacer = '<td width="8"></td>'
    return f'<table width="100%" cellspacing="0" cellpadding="8"><tr>{spacer.join(tds)}</tr></table><p></p>'


def _months_table(section: SourceSection, part: MetricSection) -> str:
    metric, report = part.metric, part.months
    unit = f" ({_e(metric.unit)})" if metric.unit else ""
    months = _month_rows(section, part)
    dash = '<span class="muted">–</span>'

    def month_name(start: date) -> str:
        return f"{translate('AnnualReportPdf', MONTHS[start.month - 1])} {start.year}"

    if part.is_gauge:
        header = [
            (translate("AnnualReportPdf", "Month"), False),
            (translate("AnnualReportPdf", "Days"), True),
            (translate("AnnualReportPdf", "Mean") + unit, True),
            (translate("AnnualReportPdf", "Lowest"), True),
            (translate("AnnualReportPdf", "Highest"), True),
        ]
        rows = []
        for start, _end, row in months:
            if row is None or row.mean is None:
                rows.append([month_name(start), dash, dash, dash, dash])
                continue
            rows.append(
                [
                    month_name(start),
                    days_text(row.days),
                    number(row.mean, metric.decimals + 2),
                    _amount(row.minimum, metric),
                    _amount(row.maximum, metric),
                ]
            )
        return _table(header, rows)
    currency = f" ({_e(report.currency)})" if report.currency else ""
    metered = part.metered
    header = [
        (translate("AnnualReportPdf", "Month"), False),
        (translate("AnnualReportPdf", "Consumption") + unit, True),
        *(
            [
                (
                    translate("AnnualReportPdf", "Metered ({unit})").format(unit=_e(metered.unit))
                    if metered.unit
                    else translate("AnnualReportPdf", "Metered"),
                    True,
                )
            ]
            if metered
            else []
        ),
        (translate("AnnualReportPdf", "Days"), True),
        (translate("AnnualReportPdf", "Per day"), True),
        (translate("AnnualReportPdf", "Cost") + currency, True),
        (translate("AnnualReportPdf", "Last year"), True),
        (translate("AnnualReportPdf", "Change"), True),
    ]
    rows = []
    for start, _end, row in months:
        if row is None:
            rows.append([month_name(start), *[dash] * (len(header) - 1)])
            continue
        rows.append(
            [
                month_name(start),
                _amount(row.consumption, metric),
                *([_amount(row.original, metered) if row.original is not None else dash] if metered else []),
                days_text(row.days),
                rate_text(row.avg_per_day, metric) if row.avg_per_day is not None else dash,
                money_text(row.cost) if row.cost is not None else dash,
                _amount(row.last_year, metric) if row.last_year is not None else dash,
                _change(row.change) if row.change is not None else dash,
            ]
        )
    covered = sum((r.days for r in report.rows), Decimal(0))
    originals = [r.original for r in report.rows if r.original is not None]
    total = [
        translate("AnnualReportPdf", "Total"),
        _amount(report.total_consumption, metric),
        *([_amount(sum(originals, Decimal(0)), metered) if originals else "–"] if metered else []),
        days_text(covered),
        "",
        money_text(report.total_cost) if report.total_cost is not None else "–",
        "",
        "",
    ]
    return _table(header, rows, total=total)


def _event_text(event: MeterEvent, metric: Metric) -> str:
    if event.kind is MeterEventKind.ROLLOVER:
        what = translate("AnnualReportPdf", "Rollover")
    elif event.kind is MeterEventKind.RESET:
        what = translate("AnnualReportPdf", "Reset (old meter's last value {old})").format(
            old=_amount(event.old_value, metric, True)
        )
    else:
        what = translate(
            "AnnualReportPdf", "Meter replaced: old meter's last value {old}, new meter's first {new}"
        ).format(old=_amount(event.old_value, metric, True), new=_amount(event.new_value, metric, True))
    return what + (f" – {event.note}" if event.note.strip() else "")


def _tariff_text(tariff: Tariff, metric: Metric, section: SourceSection) -> str:
    since = (
        translate("AnnualReportPdf", "In force at the start")
        if tariff.valid_from <= section.start
        else translate("AnnualReportPdf", "From {day}").format(day=_long_date(tariff.valid_from))
    )
    unit = metric.unit or translate("AnnualReportPdf", "unit")
    standing = (
        translate("AnnualReportPdf", ", standing charge {amount} {currency} a day").format(
            amount=local_number(tariff.standing_charge), currency=tariff.currency
        )
        if tariff.standing_charge
        else ""
    )
    price = translate("AnnualReportPdf", "{since}: {price} {currency} per {unit}").format(
        since=since, price=local_number(tariff.unit_price), currency=tariff.currency, unit=unit
    )
    return price + standing


def _factor_text(factor: ConversionFactor, part: MetricSection, section: SourceSection) -> str:
    """ "From 1 July 2025: 11.4 × Z-number 0.95 = 10.83 kWh per m³" (without the Z-number when it is 1)."""
    since = (
        translate("AnnualReportPdf", "In force at the start")
        if factor.valid_from <= section.start
        else translate("AnnualReportPdf", "From {date}").format(date=_long_date(factor.valid_from))
    )
    per = translate("AnnualReportPdf", "{unit} per {metered}").format(
        unit=factor.unit.strip(),
        metered=part.metered.unit if part.metered is not None else translate("AnnualReportPdf", "unit"),
    )
    plain = [local_number(f"{value.normalize():f}") for value in (factor.factor, factor.z_number, factor.multiplier)]
    if factor.z_number == 1:
        return f"{since}: {plain[0]} {per}"
    return translate("AnnualReportPdf", "{since}: {factor} × Z-number {z} = {product} {per}").format(
        since=since, factor=plain[0], z=plain[1], product=plain[2], per=per
    )


def _events_html(section: SourceSection, tz: tzinfo) -> str:
    """Prices, conversion factors, meter changes and the readings' notes of the year."""
    out = []
    several = len(section.metrics) > 1
    prices = []
    conversions = []
    changes = []
    for part in section.metrics:
        prefix = f"{part.metric.name}: " if several else ""
        prices += [prefix + _tariff_text(t, part.metric, section) for t in part.tariffs]
        conversions += [prefix + _factor_text(f, part, section) for f in part.factors]
        for event in part.meter_changes:
            when = event.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            changes.append(f"{when} – {prefix}{_event_text(event, part.metered or part.metric)}")
    if not section.has_data and not prices and not changes and not section.notes:
        return ""
    rows: list[list[str]] = []
    if prices:
        rows.append([translate("AnnualReportPdf", "Prices"), "<br>".join(_e(p) for p in prices)])
    if conversions:
        rows.append([translate("AnnualReportPdf", "Conversion"), "<br>".join(_e(c) for c in conversions)])
    rows.append(
        [
            translate("AnnualReportPdf", "Meter changes"),
            "<br>".join(_e(c) for c in changes)
            if changes
            else translate("AnnualReportPdf", '<span class="muted">none</span>'),
        ]
    )
    if section.notes:
        notes = [
            f'<span class="muted">{note.at.astimezone(tz).strftime("%Y-%m-%d")}</span>&nbsp;&nbsp;{_e(note.text)}'
            for note in section.notes
        ]
        if section.more_notes:
            notes.append(f'<span class="muted">and {section.more_notes} more</span>')
        rows.append([translate("AnnualReportPdf", "Notes"), "<br>".join(notes)])
    out.append(translate("AnnualReportPdf", "<h3>In the year</h3>"))
    out.append('<table width="100%" cellspacing="0" cellpadding="4">')
    for label, text in rows:
        out.append(f'<tr><td width="18%" class="muted" valign="top">{label}</td><td valign="top">{text}</td></tr>')
    out.append("</table>")
    return "".join(out)


# -- the cover ------------------------------------------------------------------------------------


def _total_text(total: UnitTotal) -> str:
    amount = number(total.amount, total.decimals)
    return f"{amount} {_e(total.unit)}" if total.unit else amount


def _cover_document(report: AnnualReport, layout: _Layout, starts: list[int]) -> QTextDocument:
    parts = [
        '<p class="label">' + translate("AnnualReportPdf", "HOME LOG · ANNUAL STATEMENT") + "</p>",
        f'<h1 style="font-size: 30px;">{_e(report.title)}</h1>',
    ]
    if report.kind is YearKind.CALENDAR:
        parts.append(f'<p class="sub">{_e(_span_text(date(report.year, 1, 1), date(report.year + 1, 1, 1)))}</p>')
    else:
        spans = sorted({(s.start, s.end) for s in report.sections})
        text = "; ".join(_span_text(a, b) for a, b in spans) if spans else ""
        sub = (
            translate("AnnualReportPdf", "Each source's billing year that starts in {year}: {spans}").format(
                year=report.year, spans=text
            )
            if text
            else translate("AnnualReportPdf", "Each source's billing year that starts in {year}").format(
                year=report.year
            )
        )
        parts.append(f'<p class="sub">{_e(sub)}</p>')
    parts.append(translate("AnnualReportPdf", "<h2>Household totals</h2>"))
    if report.totals or report.costs:
        cells = [
            (_total_text(t), translate("AnnualReportPdf", "Consumption"), ", ".join(t.sources)) for t in report.totals
        ]
        cells += [
            (_money(amount, currency), translate("AnnualReportPdf", "Total cost"), "")
            for currency, amount in report.costs
        ]
        tds = []
        for figure, label, hint in cells:
            hint_html = f'<br><span class="label">{_e(hint)}</span>' if hint else ""
            tds.append(
                f'<td bgcolor="{ZEBRA}" style="padding: 10px;"><span class="label">{_e(label.upper())}</span><br>'
                f'<span class="figure" style="font-size: 20px;">{figure}</span>{hint_html}</td>'
            )
        rows = [tds[i : i + 3] for i in range(0, len(tds), 3)]
        parts.append('<table width="100%" cellspacing="8" cellpadding="10" style="margin-left: -8px;">')
        for row in rows:
            parts.append("<tr>" + "".join(row) + "</tr>")
        parts.append("</table>")
    else:
        none = translate("AnnualReportPdf", "No consumption recorded in {year}.").format(year=report.year)
        parts.append(f'<p class="empty">{_e(none)}</p>')
    parts.append(translate("AnnualReportPdf", "<h2>Sources</h2>"))
    header = [
        (translate("AnnualReportPdf", "Source"), False),
        (translate("AnnualReportPdf", "Metric"), False),
        (translate("AnnualReportPdf", "Consumption"), True),
        (translate("AnnualReportPdf", "Cost"), True),
        (translate("AnnualReportPdf", "On last year"), True),
        (translate("AnnualReportPdf", "Page"), True),
    ]
    rows_html: list[list[str]] = []
    for index, section in enumerate(report.sections):
        page = str(starts[index]) if index < len(starts) else ""
        name = _e(section.source.name)
        if not section.has_data:
            # One cell across metric to change (a cell of its own would wrap in a narrow column).
            none = translate("AnnualReportPdf", "no readings in {period}").format(period=section.label)
            note = f'<span class="muted">{_e(none)}</span>'
            rows_html.append([name, f"{SPAN}4>{note}", page])
            continue
        for index, part in enumerate(section.metrics):
            first = index == 0
            months, metric = part.months, part.metric
            if part.is_gauge:
                year = part.year
                mean = number(year.mean, metric.decimals + 2) + _unit(metric) if year and year.mean is not None else "–"
                figure = translate("AnnualReportPdf", '<span class="muted">mean</span> {value}').format(value=_e(mean))
                cost = change = ""
            else:
                figure = _e(_amount(months.total_consumption, metric, True))
                cost = _e(_money(months.total_cost, months.currency)) if months.total_cost is not None else "–"
                change = _change(part.year.change if part.year is not None else None)
            rows_html.append([name if first else "", _e(metric.name), figure, cost, change, page if first else ""])
    if rows_html:
        parts.append(_table(header, rows_html, widths=[28, 14, 19, 17, 14, 8]))
    else:
        parts.append(translate("AnnualReportPdf", '<p class="empty">No sources chosen.</p>'))
    parts.append(
        translate(
            "AnnualReportPdf",
            '<p class="small muted"><br>Consumption is spread evenly between readings and allocated to the months'
            " they cover; “on last year” compares the same days a year earlier. The figures are those of"
            " Home Log's Reports page.</p>",
        )
    )
    return layout.document("".join(parts))


# -- charts ---------------------------------------------------------------------------------------


class _ChartPainter:
    """The Reports page's charts, built once, fed each metric and drawn into images at print resolution."""

    def __init__(self) -> None:
        self._months: Any = None
        self._years: Any = None

    def build(self, gauge: bool) -> bool:
        """Build the chart widgets a metric needs that are not there yet; True if one was built."""
        from .charts import ConsumptionChart, YearOverYearChart

        if self._months is None:
            self._months = _offscreen(ConsumptionChart())
            return True
        if self._years is None and not gauge:
            self._years = _offscreen(YearOverYearChart())
            return True
        return False

    def months(self, part: MetricSection, section: SourceSection) -> QImage:
        while self.build(part.is_gauge):
            pass
        chart = self._months
        metric, report = part.metric, part.months
        title = (
            translate("AnnualReportPdf", "Mean, lowest and highest per month")
            if part.is_gauge
            else translate("AnnualReportPdf", "Consumption and cost per month")
        )
        chart.set_title(title)
        chart.set_rows(
            _full_year_rows(section, report),
            period="month",
            unit=metric.unit,
            currency=report.currency,
            metric_name=metric.name,
        )
        if part.is_gauge:  # across the page
            width, height = CHART_WIDGET_SIZE
            return _render(chart, (width * 2 + round(CHART_GAP * width / 320), height))
        return _render(chart)

    def years(self, part: MetricSection, section: SourceSection) -> QImage:
        while self.build(part.is_gauge):
            pass
        chart = self._years
        metric = part.metric
        chart.set_title(translate("AnnualReportPdf", "Year over year"))
        chart.set_rows(part.compared.rows, unit=metric.unit, metric_name=metric.name)
        return _render(chart)

    def close(self) -> None:
        for chart in (self._months, self._years):
            if chart is not None:
                chart.deleteLater()
        self._months = self._years = None


def _full_year_rows(section: SourceSection, report: Report) -> list[Any]:
    """The report's rows plus empty months, so that the chart's axis always shows the whole year."""
    by_start = {row.start: row for row in report.rows}
    rows: list[Any] = []
    day = section.start
    while day < section.end:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        rows.append(
            by_start.get(day)
            or ReportRow(
                start=day,
                end=following,
                consumption=None,
                days=Decimal(0),
                avg_per_day=None,
                cost=None,
                last_year=None,
                change=None,
            )
        )
        day = following
    return rows


def _print_palette() -> QPalette:
    """Dark ink on white, whatever the window's theme."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, ZEBRA),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Text, INK),
        (QPalette.ColorRole.ButtonText, INK),
        (QPalette.ColorRole.Button, "#ffffff"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def _offscreen(chart: Any) -> Any:
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.setPalette(_print_palette())
    chart.resize(*CHART_WIDGET_SIZE)
    return chart


def _render(chart: Any, size: tuple[int, int] = CHART_WIDGET_SIZE) -> QImage:
    """The chart drawn at print resolution (its layout settled first, as for a PNG export)."""
    chart.hide_hover()
    if (chart.width(), chart.height()) != size:
        chart.resize(*size)
    chart.grab()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    width, height = size
    # The image covers half the body's width at PRINT_DPI.
    body_width_in = (210 - 2 * MARGIN_SIDE_MM) / 25.4
    ratio = max(1.0, body_width_in / 2 * PRINT_DPI / CHART_WIDGET_SIZE[0])
    image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#ffffff"))
    chart.render(image)
    return image
