"""Another program holding a SQLite database's write lock, for tests of waiting writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Another program: takes the write lock, says "locked", holds it until a line arrives on stdin.
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO members (name, created_at) VALUES ('Importer', 0)")
print("locked", flush=True)
sys.stdin.readline()
conn.execute(sys.argv[2])
print("released", flush=True)
"""


class WriteLockHolder:
    """A real process holding the database's write lock until ``release()``."""

    def __init__(self, db_path: Path, finish: str = "COMMIT") -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path), finish],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        assert self._process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write("\n")
        self._process.stdin.flush()
        assert self._process.stdout.readline().strip() == "released"
        assert self._process.wait(timeout=60) == 0

    def kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
