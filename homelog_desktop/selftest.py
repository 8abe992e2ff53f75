"""``homelog --self-test``: prove that an installed Home Log works, end to end, in a few seconds.

Creates a temporary database, migrates it, creates a source and writes a reading through the same
view models the window uses, reads it back through the readings table's view model, then opens the
main window offscreen on it and checks that the source and the reading are shown.

With ``--db URL`` it first checks that database, changing nothing: it can be reached, holds a schema
this version knows, passes SQLite's quick check, and takes a write (rolled back). If not, one line
says why and the exit code is 1.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__

#: Longest any single step may take before the self-test gives up.
STEP_TIMEOUT_S = 30


class SelfTestError(Exception):
    pass


def run_self_test(data_dir: str | None = None, db_url: str | None = None) -> int:
    """Run the self-test; print what happened; 0 on success, 1 with the reason on failure.

    ``db_url``: the database the app would open (``--db``), checked first without changing it.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    started = time.perf_counter()
    given: list[str] = []
    if db_url:
        try:
            given.append(asyncio.run(_check_given(db_url)))
        except Exception as exc:  # anything at all: the database cannot be used, in one line
            print(f"Self-test FAILED: {_one_line(exc)}", file=sys.stderr)
            return 1
    parent = Path(data_dir).expanduser() if data_dir else None
    try:
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="homelog-selftest-", dir=parent))
    except OSError as exc:
        print(f"Self-test FAILED: cannot create a temporary folder: {exc}", file=sys.stderr)
        return 1
    try:
        import qasync
        from PySide6 import __version__ as qt_version
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        lines = asyncio.run(_check(folder, app), loop_factory=qasync.QEventLoop)
    except Exception as exc:  # anything at all is a failed self-test, with its reason
        from .problems import explain, redact_urls

        problem = explain(exc, folder)
        reason = problem.message if problem is not None else f"{type(exc).__name__}: {exc}"
        print(f"Self-test FAILED: {redact_urls(' '.join(reason.split()))}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"Home Log {__version__} self-test passed in {elapsed:.0f} ms "
        f"(Python {sys.version.split()[0]}, Qt for Python {qt_version}, SQLite {sqlite3.sqlite_version})"
    )
    for line in [*given, *lines]:
        print(f"  {line}")
    return 0


class _RollBackError(Exception):
    """Leaves the self-test's write session without committing."""


async def _check_given(url: str) -> str:
    """Reach the database at ``url`` and prove it can be read and written, changing nothing."""
    from sqlalchemy import text

    from .config import sqlite_file
    from .db import Database
    from .db.migrate import current_revision
    from .db.revisions import HEAD_REVISION, REVISIONS

    path = sqlite_file(url)
    if path is not None:
        from .db.integrity import check_file

        if not path.is_file():
            raise SelfTestError(f"there is no database at {path}")
        checked = await asyncio.to_thread(check_file, path)
        if not checked.ok:
            raise SelfTestError(checked.message)
    db = Database(url)
    where = db.display_name
    try:
        try:
            revision = await asyncio.wait_for(current_revision(db), STEP_TIMEOUT_S)
            if revision is None:
                raise SelfTestError(f"{where} holds no Home Log data (start Home Log once with this --db)")
            if revision not in REVISIONS:
                raise SelfTestError(f"{where} was written by a newer Home Log (schema {revision})")
            try:
                async with db.session() as session:
                    sources = (await session.execute(text("SELECT count(*) FROM sources"))).scalar_one()
                    readings = (await session.execute(text("SELECT count(*) FROM readings"))).scalar_one()
                    if db.is_sqlite:  # a write that changes nothing, rolled back: proves the file is writable
                        await session.execute(text("UPDATE alembic_version SET version_num = version_num"))
                    raise _RollBackError
            except _RollBackError:
                pass
        except SelfTestError:
            raise
        except Exception as exc:
            raise SelfTestError(f"cannot use the database {where}: {_one_line(exc)}") from exc
    finally:
        await db.dispose()
    state = "current" if revision == HEAD_REVISION else f"older, upgraded to {HEAD_REVISION} when opened"
    return (
        f"database {where}: reachable, schema {revision} ({state}), {sources} sources, {readings} readings, "
        "readable and writable (nothing was changed)"
    )


def _one_line(exc: BaseException) -> str:
    """The cause of ``exc`` in one line (a driver's own message rather than SQLAlchemy's wrapping)."""
    cause = getattr(exc, "orig", None) or exc
    text = " ".join(str(cause).split()) or type(cause).__name__
    if isinstance(cause, SelfTestError):
        return text
    return f"{type(cause).__name__}: {text}"[:300]


async def _check(folder: Path, app: Any) -> list[str]:
    from .db import Database, sqlite_url
    from .db.migrate import migrate
    from .db.revisions import HEAD_REVISION
    from .domain.entities import Category, Metric, MetricKind, Reading, Source
    from .viewmodels.reading_editor import ReadingEditorViewModel
    from .viewmodels.readings import ReadingsViewModel
    from .viewmodels.source_editor import SourceEditorViewModel
    from .views.main import MainWindow

    lines: list[str] = []
    path = folder / "selftest.db"
    db = Database(sqlite_url(path))
    try:
        result = await _step("migrate", migrate(db))
        if result.current != HEAD_REVISION:
            raise SelfTestError(f"schema is {result.current}, expected {HEAD_REVISION}")
        lines.append(f"database {path.name} created and migrated to schema {result.current}")

        source_vm = SourceEditorViewModel(db)
        draft = Source(
            None,
            "Self-test meter",
            Category.ELECTRICITY,
            metrics=(Metric(None, "Energy", "kWh", MetricKind.COUNTER, decimals=1),),
        )
        source: Source = await _step("save a source", _signal(source_vm, "saved", source_vm.save(draft)))
        metric_id = source.metrics[0].id
        assert metric_id is not None and source.id is not None
        value = Decimal("12345.6")
        when = datetime.now(UTC).replace(microsecond=0)
        reading_vm = ReadingEditorViewModel(db, source)
        reading = Reading(None, source.id, when, {metric_id: value}, note="self-test")
        stored: Reading = await _step(
            "save a reading", _signal(reading_vm, "saved", reading_vm.save(reading, frozenset()))
        )
        lines.append(f"wrote reading #{stored.id}: {value} kWh at {when:%Y-%m-%d %H:%M} UTC")

        readings_vm = ReadingsViewModel(db)
        await _step("load readings", readings_vm.load(source))
        _, rows = await _step("read a page", readings_vm.fetch_page(0, 10))
        if len(rows) != 1 or rows[0].reading.values.get(metric_id) != value:
            raise SelfTestError(f"read back {rows!r}, expected one reading of {value}")
        lines.append(f"read it back through the readings table: {rows[0].reading.values[metric_id]} kWh")

        from .viewmodels.workspace import make_workspace

        window = MainWindow()
        workspace = make_workspace(db, str(path))
        shown = asyncio.get_running_loop().create_future()
        window.first_data_shown.connect(lambda: _resolve(shown, True))
        window.bind(workspace)
        window.show()
        await _step("show the main window", shown)
        table_rows = window.readings_model.rowCount() if window.readings_model else 0
        list_rows = window.sources_model.rowCount() if window.sources_model else 0
        if table_rows != 1 or list_rows != 1:
            raise SelfTestError(f"the window shows {list_rows} sources and {table_rows} readings, expected 1 and 1")
        lines.append("the main window shows the source and its reading")
        lines.append(_check_libraries(folder))
        window.unbind()
        window.close()
        await workspace.close()
        await readings_vm.close()
        app.processEvents()
    finally:
        # As the app closes a database: wait for the work under way to end before the loop does, or
        # asyncio.run would cancel a session's clean-up midway (SQLAlchemy then logs a traceback).
        try:
            await asyncio.wait_for(db.close(), STEP_TIMEOUT_S)
        except TimeoutError:
            await db.dispose()
    return lines


def _check_libraries(folder: Path) -> str:
    """Charts (numpy, pyqtgraph) and spreadsheets (openpyxl writes, python-calamine reads) load lazily: prove that they
    load here, which matters most in an installed bundle, where a missing module shows only then."""
    import numpy as np
    import openpyxl
    import pyqtgraph as pg

    plot = pg.PlotWidget()
    curve = plot.plot(np.arange(10.0), np.arange(10.0) ** 2)
    x, y = curve.getData()
    if x is None or y is None or float(y[-1]) != 81.0:
        raise SelfTestError(f"pyqtgraph plotted {y!r}, expected the squares of 0..9")
    plot.deleteLater()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Energy", 12345.6])
    path = folder / "selftest.xlsx"
    book.save(path)
    # Imports read workbooks with python-calamine (a compiled extension): prove that it loads and reads.
    import python_calamine

    book_read = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        cell = book_read.get_sheet_by_index(0).to_python()[0][1]
    finally:
        book_read.close()
    if cell != 12345.6:
        raise SelfTestError(f"python-calamine read back {cell!r}, expected 12345.6")
    from importlib.metadata import PackageNotFoundError, version

    try:
        calamine_version = version("python-calamine")
    except PackageNotFoundError:  # a bundle without the distribution's metadata
        calamine_version = "(bundled)"
    versions = (
        f"numpy {np.__version__}, pyqtgraph {pg.__version__}, openpyxl {openpyxl.__version__}, "
        f"python-calamine {calamine_version}"
    )
    from .single_instance import InstanceServer, server_name

    server = InstanceServer(server_name(f"self-test {folder}"))  # QtNetwork: second starts find the window
    if not server.listen():
        raise SelfTestError("cannot listen for a second start (QLocalServer)")
    server.close()
    return f"charts, .xlsx files and the window's local socket work ({versions})"


async def _step[T](name: str, awaitable: Awaitable[T]) -> T:
    try:
        return await asyncio.wait_for(awaitable, STEP_TIMEOUT_S)
    except TimeoutError as exc:
        raise SelfTestError(f"step “{name}” did not finish within {STEP_TIMEOUT_S} s") from exc


async def _signal(vm: Any, signal_name: str, action: Awaitable[Any]) -> Any:
    """Run a view-model action; return what its ``signal_name`` signal carried (its errors fail the test)."""
    loop = asyncio.get_running_loop()
    result: asyncio.Future[Any] = loop.create_future()
    getattr(vm, signal_name).connect(lambda value: _resolve(result, value))
    vm.error_occurred.connect(lambda message: _resolve(result, error=SelfTestError(message)))
    if hasattr(vm, "warnings_raised"):
        vm.warnings_raised.connect(
            lambda issues: _resolve(result, error=SelfTestError("; ".join(i.text for i in issues)))
        )
    await action
    if not result.done():
        raise SelfTestError(f"{type(vm).__name__} finished without “{signal_name}”")
    return await result


def _resolve(future: asyncio.Future[Any], value: Any = None, error: BaseException | None = None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)
