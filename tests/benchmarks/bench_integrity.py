"""Integrity check and backup of a large database, against reading / copying the file's bytes.

Decides where the quick check on open may run: the start-up budget for first data is ~250 ms, so
a check that takes longer runs in a worker thread while the database opens (controller.py).
Figures: PRAGMA quick_check and integrity_check (db.integrity.check_file), and an online
backup (db.backup_files.write_backup), each against a baseline measured in the same run: reading
every byte of the file (the floor for a check) and shutil.copyfile (the floor for a backup).

Run: python tests/benchmarks/bench_integrity.py [--readings N]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report, setup, time_ms

setup()


def build(path: Path, readings: int) -> None:
    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.repositories import SourceRepository
    from tests.conftest import make_source, seed_readings

    async def go():  # type: ignore[no-untyped-def]
        db = Database(sqlite_url(path))
        await migrate(db)
        async with db.session() as s:
            source = await SourceRepository(s).add(make_source("Big"))
        await db.dispose()
        return source

    seed_readings(path, asyncio.run(go()), readings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readings", type=int, default=1_000_000)
    args = parser.parse_args()
    from homelog_desktop.db.backup_files import write_backup
    from homelog_desktop.db.integrity import check_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "homelog.db"
        build(path, args.readings)
        size_mb = path.stat().st_size / 1e6
        print(f"database: {args.readings:,} readings, {size_mb:.0f} MB")

        def read_bytes() -> None:
            with path.open("rb") as f:
                while f.read(1 << 20):
                    pass

        read = median(time_ms(read_bytes))
        quick = median(time_ms(lambda: check_file(path, quick=True)))
        full = median(time_ms(lambda: check_file(path, quick=False), repeat=3))
        report("quick_check", quick, 250, read, "reading the file")
        report("integrity_check", full, 5000, read, "reading the file")

        def copy() -> None:
            shutil.copyfile(path, Path(tmp) / "copy.db")

        def backup() -> None:
            made = write_backup(path, Path(tmp) / "backups", "manual")
            made.path.unlink()

        copied = median(time_ms(copy))
        backed = median(time_ms(backup))
        report("online backup (temp file, fsync, rename)", backed, 3 * copied, copied, "shutil.copyfile")
        print(
            "quick_check over the start-up budget (250 ms): it runs in a worker thread while the database opens"
            if quick > 250
            else "quick_check fits in the start-up budget"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
