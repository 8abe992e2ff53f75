"""The first rows of a file as they will be stored, with every problem on its cell."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from ...i18n import translate
from .chunks import ChunkConverter
from .model import DuplicatePolicy, ImportPlan, PreviewRow, RowStatus, no_value
from .rows import data_records, open_stream


def preview(plan: ImportPlan, limit: int = 50) -> list[PreviewRow]:
    """Read the first ``limit`` data rows (sync: run it in a thread from the GUI).

    Each row says how it will be stored: its UTC timestamp, the value of each mapped column (None for
    an empty cell), its note, and its status: ok, empty (no value: skipped), invalid (``problems``
    maps the column to the message), or a duplicate of an earlier row's time. Stored readings are
    not consulted: duplicates of them show up in the summary. Raises ImportFileError when the
    settings themselves cannot work (no date column, no metric mapped, unreadable file).
    """
    converter = ChunkConverter(plan)
    lines: list[int] = []
    records: list[list[str]] = []
    with open_stream(plan) as stream:
        for line, cells in data_records(stream, plan.settings.data_row):
            lines.append(line)
            records.append(cells)
            if len(records) >= limit:
                break
    chunk = converter.convert(lines, records)
    empty = set(chunk.empty)
    seen: dict[int, int] = {}
    # A long file or a file of blocks: rows of one time merge into one reading; only a value for a
    # column that an earlier row of that time filled already is a duplicate.
    merging = plan.settings.register_column is not None or bool(plan.settings.blocks)
    filled: dict[int, dict[int, int]] = {}
    result: list[PreviewRow] = []
    for i, (line, cells) in enumerate(zip(lines, records, strict=True)):
        ts = chunk.ts[i]
        problems = chunk.problems.get(i, {})
        status = RowStatus.OK
        row_problem = ""
        if i in chunk.not_readings:
            status = RowStatus.NOT_READING
            row_problem = translate(
                "ImportPreview", "Not a reading (a total, a title or a note among the data): it is skipped."
            )
        elif problems:
            status = RowStatus.INVALID
            row_problem = "; ".join(problems.values())
        elif i in empty:
            status = RowStatus.EMPTY
            row_problem = translate("ImportPreview", "No value in this row: it is skipped.")
        elif merging and ts is not None:
            columns = [c for c, values in chunk.values.items() if values[i] is not None]
            earlier = filled.setdefault(ts, {})
            clash = next((earlier[c] for c in columns if c in earlier), None)
            if clash is not None:
                status = RowStatus.DUPLICATE
                row_problem = translate(
                    "ImportPreview", "Same time and register as line {line}: this row is skipped."
                ).format(line=clash)
                if plan.duplicates == DuplicatePolicy.REPLACE:
                    row_problem = translate(
                        "ImportPreview", "Same time and register as line {line}: this row replaces its value."
                    ).format(line=clash)
            else:
                for c in columns:  # stored with the earlier rows of that time, as one reading
                    earlier[c] = line
        elif ts is not None and ts in seen:
            status = RowStatus.DUPLICATE
            if plan.duplicates == DuplicatePolicy.REPLACE:
                row_problem = translate("ImportPreview", "Same time as line {line}: this row replaces it.").format(
                    line=seen[ts]
                )
            else:
                row_problem = translate("ImportPreview", "Same time as line {line}: this row is skipped.").format(
                    line=seen[ts]
                )
        if ts is not None and status in (RowStatus.OK, RowStatus.DUPLICATE):
            seen.setdefault(ts, line)
        result.append(
            PreviewRow(
                line=line,
                cells=list(cells),
                timestamp=datetime.fromtimestamp(ts, UTC) if ts is not None else None,
                values={column: _decimal(values[i]) for column, values in chunk.values.items()},
                note=chunk.notes[i] if chunk.notes is not None else "",
                status=status,
                problems=dict(problems),
                row_problem=row_problem,
                period_start=_moment(chunk.starts[i] if chunk.starts is not None else None),
                missing={c: no_value(text) for c, text in chunk.missing.get(i, {}).items()},
            )
        )
    return result


def _moment(epoch: int | None) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if epoch is not None else None


def _decimal(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
