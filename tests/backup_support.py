"""Helpers for the backup, restore and integrity tests: real files, damaged on purpose."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.processes import homelog_env

TABLES = ("members", "sources", "metrics", "readings", "reading_values", "meter_events", "tariffs", "alembic_version")


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of Home Log's tables, sorted: equal contents mean exactly the same data."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES if t in tables}
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def damage(path: Path) -> None:
    """Scribble over the middle of the file (not its header): SQLite's checks find it damaged."""
    size = path.stat().st_size
    page = 4096
    assert size >= 4 * page, "a file with a few pages of data is needed"
    with path.open("r+b") as f:
        for offset in range(2 * page, size - page, 3 * page):
            f.seek(offset + 16)
            f.write(b"\xde\xad\xbe\xef" * 256)


def copy_of(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


def revision(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@contextmanager
def small_filesystem(path: Path, size: str) -> Iterator[Path]:
    """A tiny tmpfs at ``path`` (a real full disk); skips where mounting is not allowed (not root)."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tiny filesystem needs mount (root); the injected ENOSPC test covers a full disk")
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextmanager
def readonly_folder(path: Path, fill: Callable[[Path], object]) -> Iterator[Path]:
    """A folder filled by ``fill`` and then made read-only for this process.

    Not root: chmod 0555 (the folder and its files). Root ignores permissions, so there the folder is
    a small tmpfs remounted read-only (skipped where mounting is not allowed).
    """
    if os.name == "posix" and os.geteuid() == 0:
        with small_filesystem(path, "8m"):
            fill(path)
            done = subprocess.run(["mount", "-o", "remount,ro", str(path)], capture_output=True, text=True, check=False)
            if done.returncode != 0:
                pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")
            yield path
        return
    path.mkdir(parents=True, exist_ok=True)
    fill(path)
    modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]}
    for p in sorted(modes, key=lambda p: len(p.parts), reverse=True):
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield path
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to show that nothing changed)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def lock_held(tmp_path: Path, db_path: Path) -> Iterator[None]:
    """Another process holds the instance lock of ``db_path``, as a running Home Log window does."""
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from PySide6.QtCore import QLockFile;"
            f"lock = QLockFile({str(db_path) + '.lock'!r}); assert lock.tryLock(0);"
            "print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=homelog_env(tmp_path),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.communicate("", timeout=30)
