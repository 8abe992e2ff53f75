"""The first rows of a file as they will be stored, with every problem on its cell."""

from __future__ import annotations

from datetime import UTC, datetime

from .convert import as_decimal
from .model import ImportPlan, PreviewRow, RowStatus, TargetRole
from .rows import RowConverter, data_records, open_stream


def preview(plan: ImportPlan, limit: int = 50) -> list[PreviewRow]:
    """Read the first ``limit`` data rows (sync: run it in a thread from the GUI).

    Each row says how it will be stored: its UTC timestamp, the value of each mapped column (None for
    an empty cell), its note, and its status: ok, empty (no value: skipped), invalid (``problems``
    maps the column to the message), or a duplicate of an earlier row's time. Stored readings are
    not consulted: duplicates of them show up in the summary. Raises ImportFileError when the
    settings themselves cannot work (no date column, no metric mapped, unreadable file).
    """
    converter = RowConverter(plan)
    mapped = [c for c, t in plan.mapping.items() if t.role is TargetRole.METRIC]
    seen: dict[int, int] = {}
    result: list[PreviewRow] = []
    with open_stream(plan) as stream:
        for line, cells in data_records(stream, plan.settings.data_row):
            row = converter.convert(line, cells)
            values: dict[int, object] = dict.fromkeys(mapped)
            for (column, value), decimals in zip(row.values, row.decimals, strict=True):
                values[column] = as_decimal(value, decimals)
            status = RowStatus.OK
            row_problem = ""
            if row.problems:
                status = RowStatus.INVALID
                row_problem = "; ".join(row.problems.values())
            elif not row.values:
                status = RowStatus.EMPTY
                row_problem = "No value in this row: it is skipped."
            elif row.ts is not None and row.ts in seen:
                status = RowStatus.DUPLICATE
                verb = "replaces" if plan.duplicates == "replace" else "is skipped: same time as"
                row_problem = f"This row {verb} line {seen[row.ts]}."
            if row.ts is not None and status is not RowStatus.INVALID:
                seen.setdefault(row.ts, line)
            result.append(
                PreviewRow(
                    line=line,
                    cells=list(cells),
                    timestamp=datetime.fromtimestamp(row.ts, UTC) if row.ts is not None else None,
                    values=values,  # type: ignore[arg-type]
                    note=row.note,
                    status=status,
                    problems=dict(row.problems),
                    row_problem=row_problem,
                )
            )
            if len(result) >= limit:
                break
    return result
