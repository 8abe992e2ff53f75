"""Benchmark: read a 200,000-row .xlsx with SheetRowStream against python-calamine alone.

Run as ``python tests/benchmarks/bench_calamine.py [--rows N] [--rounds R] [--openpyxl]``. The workbook
(a date-time column, two numbers and a note, like a smart-meter export) is written once with
openpyxl. Each round reads it:

- baseline: ``CalamineWorkbook.from_path`` + ``get_sheet_by_index(0)`` + ``iter_rows()`` (Python objects,
  no text);
- ``SheetRowStream``: the same, plus every cell as the text the importer takes (ISO dates, numbers as
  written), in ``batch(5000)`` steps as the import run asks for them;
- with ``--openpyxl``: openpyxl's read-only mode (the reader before calamine), once, for the record.

Both sides run with the cyclic garbage collector paused, as ``run_import`` pauses it while rows
stream through. Each side keeps its best round, in CPU time of the process and in wall time (a shared machine makes
wall time swing). Prints both ratios (goal <= 1.5x); a missed goal prints MISSED, only a crash
makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common

_common.setup()

RATIO_GOAL = 1.5


def write_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    sheet.append(["Start", "Import kWh", "Export kWh", "Note"])
    start = datetime(2020, 1, 1)
    step = timedelta(minutes=15)
    for i in range(rows):
        sheet.append(
            [
                start + i * step,
                round(0.05 + (i % 97) * 0.013, 3),
                (i % 13) * 0.25,
                "estimated" if i % 500 == 0 else None,
            ]
        )
    book.save(path)


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    count = 0
    for _row in book.get_sheet_by_index(0).iter_rows():
        count += 1
    book.close()
    return count


def read_stream(path: Path) -> int:
    from homelog_desktop.services.importing.formats.spreadsheet import SheetRowStream

    count = 0
    with SheetRowStream(path) as stream:
        done = False
        while not done:
            _lines, records, done = stream.batch(5000, 1)
            count += len(records)
    return count + 1


def read_openpyxl(path: Path) -> int:
    """openpyxl's read-only mode with every cell as text (the reader Home Log used before calamine)."""
    from openpyxl import load_workbook

    from homelog_desktop.services.importing.reader import cell_text

    book = load_workbook(path, read_only=True, data_only=True)
    count = 0
    for values in book.worksheets[0].iter_rows(values_only=True):
        cells = [cell_text(v) for v in values]
        count += any(cells)
    book.close()
    return count


def timed(fn, path: Path, rows: int) -> tuple[float, float]:
    """One run's (wall, CPU) time in ms, with the cyclic GC paused as the import run pauses it."""
    gc.collect()
    gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        count = fn(path)
        times = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
    finally:
        gc.enable()
    assert count == rows + 1, (fn.__name__, count)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--openpyxl", action="store_true", help="also time the openpyxl reader once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        started = time.perf_counter()
        write_xlsx(path, args.rows)
        print(
            f"wrote {args.rows:,} rows ({path.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s"
        )
        baseline_runs, stream_runs = [], []
        for _ in range(args.rounds):  # alternate, so that a busy machine hurts both sides alike
            baseline_runs.append(timed(read_calamine, path, args.rows))
            stream_runs.append(timed(read_stream, path, args.rows))
        # Wall time on a shared machine swings with the other processes; CPU time of this process less.
        for which, label in ((1, "CPU"), (0, "wall")):
            baseline = min(run[which] for run in baseline_runs)
            stream = min(run[which] for run in stream_runs)
            _common.report(
                f"SheetRowStream, {args.rows:,} rows ({label})",
                stream,
                baseline * RATIO_GOAL,
                baseline,
                "python-calamine alone",
            )
            print(f"ratio ({label}): {stream / baseline:.2f}x (goal <= {RATIO_GOAL}x)")
        if args.openpyxl:
            slow = timed(read_openpyxl, path, args.rows)[0]
            fast = min(run[0] for run in stream_runs)
            print(f"openpyxl read-only (wall): {slow:.0f} ms ({slow / fast:.1f}x SheetRowStream)")


if __name__ == "__main__":
    main()
