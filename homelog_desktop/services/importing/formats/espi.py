"""Green Button (NAESB ESPI, REQ.21) XML: an Atom feed of usage points, meter readings, reading types and
interval blocks, or a .zip holding such feeds.

Each entry's ``<link rel="self">`` names it; a MeterReading's ``rel="related"`` links name its
ReadingType, and an IntervalBlock's ``rel="up"`` link is its MeterReading's ``…/IntervalBlock``
collection. A ReadingType gives ``uom`` (72 = Wh, 42 = m³, 169 = therm, 38 = W, …),
``powerOfTenMultiplier``, ``accumulationBehaviour`` (4 = delta data: amounts per period; 1 and 9 =
bulk and summation: counter readings; 6 and 12 = indicating and instantaneous: gauges) and
``intervalLength``. Each IntervalReading has ``timePeriod`` (``start``, seconds since 1970 UTC, and
``duration`` in seconds) and ``value`` (an integer in uom × 10^multiplier); ``ReadingQuality``
codes 8, 9 and 12 mean estimated.

The XML is read with expat and refuses document type declarations and entities, so a hostile file
cannot expand entities (the "billion laughs") or reach outside files.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from xml.parsers import expat

from ....domain.entities import MetricKind
from ....i18n import translate
from .model import MAX_BYTES, FormatError, FormatId, ParsedFile, Series, Skipped, Value
from .text import EMPTY_CELLS

#: ESPI UnitSymbolKind codes → (Home Log unit, whether amounts add up).
UOM_CODES: dict[int, tuple[str, bool]] = {
    72: ("Wh", True),
    73: ("varh", True),
    71: ("VAh", True),
    42: ("m³", True),
    119: ("ft³", True),
    169: ("therm", True),
    128: ("gal", True),
    38: ("W", False),
    63: ("var", False),
    61: ("VA", False),
    29: ("V", False),
    5: ("A", False),
    33: ("Hz", False),
    0: ("", True),
}
#: Multipliers folded into the unit (10^3 Wh is kWh) instead of into every value.
_PREFIXED = {("Wh", 3): "kWh", ("Wh", 6): "MWh", ("W", 3): "kW", ("varh", 3): "kvarh", ("VAh", 3): "kVAh"}
_COUNTER_BEHAVIOURS = frozenset({1, 3, 9})
_GAUGE_BEHAVIOURS = frozenset({6, 12})
_ESTIMATED_QUALITIES = frozenset({8, 9, 12})
_FLOW = {1: "delivered", 19: "received"}


class _UnsafeXmlError(Exception):
    pass


@dataclass
class _Node:
    tag: str
    line: int
    attrs: dict[str, str]
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def child(self, tag: str) -> _Node | None:
        for node in self.children:
            if node.tag == tag:
                return node
        return None

    def text_of(self, *path: str) -> str:
        node: _Node | None = self
        for tag in path:
            node = node.child(tag) if node is not None else None
        return node.text.strip() if node is not None else ""

    def all(self, tag: str) -> list[_Node]:
        return [node for node in self.children if node.tag == tag]


def parse_xml_safely(data: bytes, name: str) -> _Node:
    """The document's element tree (local names, line numbers); refuses DTDs and entities."""
    parser = expat.ParserCreate(namespace_separator=" ")
    root = _Node("", 0, {})
    stack = [root]
    texts: list[list[str]] = [[]]

    def refuse(*_args: object) -> None:
        raise _UnsafeXmlError(
            translate("ImportFormats", "document type declarations and entities are not allowed in ESPI files")
        )

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(tag.rpartition(" ")[2], parser.CurrentLineNumber, attrs)
        stack[-1].children.append(node)
        stack.append(node)
        texts.append([])

    def end(_tag: str) -> None:
        node = stack.pop()
        node.text = "".join(texts.pop())

    def chars(text: str) -> None:
        texts[-1].append(text)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except _UnsafeXmlError as exc:
        raise FormatError(f"{name}: {exc}", parser.CurrentLineNumber) from None
    except expat.ExpatError as exc:
        raise FormatError(
            translate("ImportFormats", "{name} is not well-formed XML ({reason})").format(
                name=name, reason=expat.ErrorString(exc.code)
            ),
            exc.lineno,
        ) from None
    if not root.children:
        raise FormatError(translate("ImportFormats", "{name} holds no XML element").format(name=name))
    return root.children[0]


@dataclass
class _ReadingType:
    unit: str
    additive: bool
    multiplier: int
    behaviour: int
    flow: str
    file_unit: str


def parse_espi(data: bytes, name: str) -> ParsedFile:
    """Every meter reading of a Green Button XML file (or of each .xml in a .zip) as series."""
    result = ParsedFile(FormatId.GREEN_BUTTON)
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if m.filename.lower().endswith(".xml") and not m.is_dir()]
                if not members:
                    raise FormatError(
                        translate("ImportFormats", "{name} is a .zip without an .xml file").format(name=name)
                    )
                for member in members:
                    if member.file_size > MAX_BYTES:
                        raise FormatError(
                            translate("ImportFormats", "{name}: {filename} is larger than {size} MiB").format(
                                name=name, filename=member.filename, size=MAX_BYTES // 2**20
                            )
                        )
                    _parse_feed(archive.read(member), f"{name}/{member.filename}", result, prefix=len(members) > 1)
        except zipfile.BadZipFile as exc:
            raise FormatError(
                translate("ImportFormats", "{name} is a damaged .zip archive ({exc})").format(name=name, exc=exc)
            ) from None
    else:
        _parse_feed(data, name, result, prefix=False)
    result.series = [s for s in result.series if s.values]
    return result


def _self_link(entry: _Node) -> str:
    for link in entry.all("link"):
        if link.attrs.get("rel") == "self":
            return link.attrs.get("href", "")
    return ""


def _links(entry: _Node, rel: str) -> list[str]:
    return [link.attrs.get("href", "") for link in entry.all("link") if link.attrs.get("rel") == rel]


def _parse_feed(data: bytes, name: str, result: ParsedFile, prefix: bool) -> None:
    root = parse_xml_safely(data, name)
    if root.tag == "feed":
        entries = root.all("entry")
    elif root.tag == "entry":
        entries = [root]
    else:
        raise FormatError(
            translate("ImportFormats", "{name}: the document is a <{tag}>, not an Atom feed of ESPI entries").format(
                name=name, tag=root.tag
            ),
            root.line,
        )
    reading_types: dict[str, _ReadingType] = {}
    meter_readings: dict[str, tuple[str, list[str]]] = {}  # self href → (title, related hrefs)
    usage_points: dict[str, str] = {}  # self href → title
    blocks: list[tuple[str, _Node, int]] = []  # (up href, IntervalBlock, line)
    for entry in entries:
        content = entry.child("content")
        if content is None or not content.children:
            continue
        self_href = _self_link(entry)
        title = entry.text_of("title")
        for body in content.children:
            if body.tag == "ReadingType":
                reading_types[self_href] = _reading_type(body)
            elif body.tag == "MeterReading":
                meter_readings[self_href] = (title, _links(entry, "related"))
            elif body.tag == "UsagePoint":
                usage_points[self_href] = title
            elif body.tag == "IntervalBlock":
                up = (_links(entry, "up") or [self_href.rpartition("/")[0]])[0]
                blocks.append((up, body, body.line))
    series_of: dict[str, Series] = {}
    for up, block, line in blocks:
        reading_href = up[: -len("/IntervalBlock")] if up.endswith("/IntervalBlock") else up
        series = series_of.get(reading_href)
        if series is None:
            series = _new_series(reading_href, meter_readings, reading_types, usage_points, result, line, name, prefix)
            if series is None:
                for reading in block.all("IntervalReading"):
                    result.skipped.append(
                        Skipped(
                            reading.line, translate("ImportFormats", "its meter reading has no reading type (unit)")
                        )
                    )
                continue
            series_of[reading_href] = series
        _read_block(block, series, reading_types[_type_href(reading_href, meter_readings, reading_types)], result)


def _reading_type(body: _Node) -> _ReadingType:
    def number(tag: str, default: int) -> int:
        text = body.text_of(tag)
        try:
            return int(text)
        except ValueError:
            return default

    code = number("uom", 0)
    multiplier = number("powerOfTenMultiplier", 0)
    unit, additive = UOM_CODES.get(code, ("", True))
    behaviour = number("accumulationBehaviour", 4)
    prefixed = _PREFIXED.get((unit, multiplier))
    file_unit = f"uom {code}" + (f" × 10^{multiplier}" if multiplier else "")
    if prefixed is not None:
        unit, multiplier = prefixed, 0
    flow = _FLOW.get(number("flowDirection", 0), "")
    return _ReadingType(unit, additive, multiplier, behaviour, flow, file_unit)


def _type_href(
    reading_href: str, meter_readings: dict[str, tuple[str, list[str]]], types: dict[str, _ReadingType]
) -> str:
    _title, related = meter_readings.get(reading_href, ("", []))
    for href in related:
        if href in types:
            return href
    if len(types) == 1:  # a feed with one reading type and loose links
        return next(iter(types))
    return ""


def _new_series(
    reading_href: str,
    meter_readings: dict[str, tuple[str, list[str]]],
    types: dict[str, _ReadingType],
    usage_points: dict[str, str],
    result: ParsedFile,
    line: int,
    name: str,
    prefix: bool,
) -> Series | None:
    type_href = _type_href(reading_href, meter_readings, types)
    if not type_href:
        return None
    reading_type = types[type_href]
    title = meter_readings.get(reading_href, ("", []))[0]
    point_href = reading_href.split("/MeterReading")[0]
    point = usage_points.get(point_href, "") or point_href.rpartition("/")[2]
    label = title or f"MeterReading {reading_href.rpartition('/')[2]}"
    if reading_type.flow:
        label = f"{label} ({reading_type.flow})"
    if prefix:
        label = f"{name.rpartition('/')[2]}: {label}"
    if reading_type.behaviour in _COUNTER_BEHAVIOURS:
        kind = MetricKind.COUNTER
    elif reading_type.behaviour in _GAUGE_BEHAVIOURS or not reading_type.additive:
        kind = MetricKind.GAUGE
    else:
        kind = MetricKind.INTERVAL
    if not reading_type.unit:
        result.notes.append(
            translate("ImportFormats", "{name} line {line}: {file_unit} is not a known unit").format(
                name=name, line=line, file_unit=reading_type.file_unit
            )
        )
    series = Series(label, reading_type.unit, kind, meter=point, file_unit=reading_type.file_unit)
    result.series.append(series)
    return series


def _read_block(block: _Node, series: Series, reading_type: _ReadingType, result: ParsedFile) -> None:
    scale = 10.0**reading_type.multiplier
    for reading in block.all("IntervalReading"):
        period = reading.child("timePeriod")
        text = reading.text_of("value")
        if period is None or not text:
            result.skipped.append(
                Skipped(reading.line, translate("ImportFormats", "an IntervalReading without timePeriod or value"))
            )
            continue
        try:
            start = datetime.fromtimestamp(int(period.text_of("start")), UTC)
            duration = int(period.text_of("duration") or 0)
        except (ValueError, OverflowError, OSError):
            result.skipped.append(
                Skipped(
                    reading.line,
                    translate("ImportFormats", "the period “{time}” is not a time in seconds").format(
                        time=period.text_of("start")
                    ),
                    "timePeriod",
                    invalid=True,
                )
            )
            continue
        try:
            raw = int(text)
        except ValueError:
            missing = text.strip().lower() in EMPTY_CELLS  # "n/a": no value, as in a table
            result.skipped.append(
                Skipped(
                    reading.line,
                    translate("ImportFormats", "the value “{text}” is not an integer").format(text=text),
                    "value",
                    invalid=not missing,
                )
            )
            continue
        value = raw * scale if reading_type.multiplier >= 0 else raw / 10.0**-reading_type.multiplier
        qualities = {q.text_of("quality") for q in reading.all("ReadingQuality")}
        estimated = any(q.isdigit() and int(q) in _ESTIMATED_QUALITIES for q in qualities)
        end = start + timedelta(seconds=duration)
        if series.kind == MetricKind.INTERVAL:
            if duration <= 0:
                result.skipped.append(
                    Skipped(reading.line, translate("ImportFormats", "an amount whose period has no duration"))
                )
                continue
            series.values.append(Value(start, end, value, estimated, reading.line))
        elif series.kind == MetricKind.COUNTER:
            series.values.append(Value(None, end, value, estimated, reading.line))
        else:
            series.values.append(Value(start if duration > 0 else None, end, value, estimated, reading.line))
