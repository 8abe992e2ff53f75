"""Owns the open database(s) for the window: opening (snapshot first), migrating, switching to
the sample household and back, backing up, restoring, closing. Imported after the window has painted
(it needs asyncio).

It builds no widget: what it asks or tells the user goes through the view layer (the window's
``prompts``, views/main/prompts.py); background work starts the one way (background.start).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import APP_NAME
from .background import start, start_deferred
from .config import AppPaths, sqlite_file, sqlite_url
from .i18n import translate
from .instance_lock import try_lock
from .problems import describe
from .viewmodels.workspace import make_workspace
from .views.warm import run_in_worker

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

    from .db import Database
    from .db.backup_files import BackupFile
    from .db.handle import PendingDatabase
    from .db.integrity import CheckResult
    from .services.auth import AuthService, SignedIn
    from .startup import Prepared
    from .viewmodels.backups import BackupsViewModel
    from .viewmodels.workspace import Workspace
    from .views.main import MainWindow
    from .views.main.prompts import Prompts

log = logging.getLogger("homelog")


@dataclass(eq=False)
class _Opened:
    """An open (or opening) database with what belongs to it."""

    db: Database | PendingDatabase
    workspace: Workspace
    lock: QLockFile | None
    is_sample: bool


@dataclass(eq=False)
class AppController:
    """Owns the open database(s) and swaps the window between own data and the sample household."""

    app: Any
    window: MainWindow
    paths: AppPaths
    db_url: str | None
    errors: Any
    current: _Opened | None = None
    _own_lock: QLockFile | None = None
    _quit: asyncio.Event = field(default_factory=asyncio.Event)
    exit_code: int = 0
    _backups: BackupsViewModel | None = None
    #: True while a restore or a recovery runs (a second one is not started meanwhile).
    _restoring: bool = False
    #: True while the backups' errors are shown by a dialog rather than the window's banner.
    _quiet: bool = False
    #: The local data's URL given on the command line (None: the default file), for the way back from a server.
    _local_url: str | None = None
    #: Failed sign-ins to local files in this run (services/auth.SignInThrottle), kept across dialogs.
    _throttle: Any = None
    #: After Sign Out no remembered password signs anyone in by itself.
    _no_auto_sign_in: bool = False
    #: Some data was shown in this run: Cancel on a later sign-in dialog leaves the window open.
    _shown_data: bool = False
    #: How many openings of a database are under way, and set when there are none: closing the
    #: current database (a restore, a switch) waits for an opening to end first, so no connection
    #: is opened behind its back.
    _openings: int = 0
    _settled: asyncio.Event = field(default_factory=lambda: _set(asyncio.Event()))

    async def run(self, prepared: Prepared | None = None) -> int:
        loop = asyncio.get_running_loop()
        self.errors.install(loop)
        self._local_url = self.db_url if self.db_url and sqlite_file(self.db_url) is not None else None
        self.app.setQuitOnLastWindowClosed(False)
        self.app.lastWindowClosed.connect(self._quit.set)
        self.connect_window()
        if not self.window.isVisible():  # closed before the loop ran (the start-up probe does)
            self._quit.set()
        start_deferred()
        await self._start_own(prepared)
        await self._quit.wait()
        await self._close_current()
        if self._backups is not None:
            await self._backups.close()
        if self._own_lock is not None:
            self._own_lock.unlock()
        return self.exit_code

    @property
    def prompts(self) -> Prompts:
        """What is asked or told to the user (the view layer's)."""
        return self.window.prompts

    def connect_window(self) -> None:
        """Carry out what the window asks of the composition root."""
        self.window.sample_data_requested.connect(self._on_sample_requested)
        self.window.own_data_requested.connect(self._on_own_requested)
        self.window.backup_requested.connect(lambda: start(self.back_up_now()))
        self.window.restore_requested.connect(lambda: start(self.restore_from_backup()))
        self.window.connect_requested.connect(lambda: start(self.connect_to_server()))
        self.window.local_data_requested.connect(lambda: start(self.open_local_data()))
        self.window.switch_member_requested.connect(lambda: start(self.switch_member()))
        self.window.sign_out_requested.connect(lambda: start(self.sign_out()))
        self.window.move_requested.connect(self.move_to_server)

    # -- opening and closing -------------------------------------------------------------------

    async def _start_own(
        self, prepared: Prepared | None = None, *, signed_in: SignedIn | None = None, server_db: Database | None = None
    ) -> None:
        """Open the user's own data, and ask who is signing in when it needs that (signin.md).

        ``signed_in`` is a member who signed in already (Switch Member); ``server_db`` a server's
        database opened, and signed in, by the connect dialog or Switch Member.

        The window is bound at once to view models on a PendingDatabase: by app.run_gui with a
        start-up snapshot (``prepared``), or here. Meanwhile SQLAlchemy and the repositories are
        imported in a worker thread, and the Database is opened, migrated (after a backup) and
        handed to the view models. A damaged file is offered to be recovered, once the opening is over.
        """
        with self._opening():
            then = await self._open_own(prepared, signed_in, server_db)
        if then is not None:
            await then()

    @contextmanager
    def _opening(self) -> Iterator[None]:
        """Count an opening under way (see ``_openings``)."""
        self._openings += 1
        self._settled.clear()
        try:
            yield
        finally:
            self._openings -= 1
            if self._openings == 0:
                self._settled.set()

    async def _open_own(
        self, prepared: Prepared | None, signed_in: SignedIn | None, server_db: Database | None
    ) -> Callable[[], Awaitable[None]] | None:
        """``_start_own``'s opening; what to do once it is over, if anything (recover a damaged file,
        offer choices for an unreachable server: they close the database and open another)."""
        from .db.handle import PendingDatabase
        from .domain.errors import DatabaseOpenError, DatabaseTooNewError, HomeLogError

        loop = asyncio.get_running_loop()
        url, path, location = self._own_location()
        if path is not None:
            self._no_auto_sign_in = False
        if prepared is not None:
            # app.run_gui already shows a snapshot of this file, with its lock held.
            self._own_lock = prepared.lock
            pending = prepared.pending
            self._show(_Opened(pending, prepared.workspace, None, is_sample=False))
        else:
            if path is not None and self._own_lock is None:
                lock = try_lock(path)
                if lock is None:
                    problem = await loop.run_in_executor(None, _folder_problem, path.parent)
                    if problem is not None:
                        self._refuse(problem)
                        return None
                    self._refuse(
                        translate(
                            "Controller",
                            "{app} is already running with this data file:\n{path}\n\n"
                            "Switch to the window that is open already. If none is, the other window may still "
                            "be closing: try again in a moment.",
                        ).format(app=APP_NAME, path=path),
                    )
                    return None
                self._own_lock = lock
            # No snapshot here: this is a first start (no file yet), or the way back from the sample
            # household, when SQLAlchemy is loaded already and the database answers as fast.
            pending = PendingDatabase()
            workspace = make_workspace(pending, location)
            self._show(_Opened(pending, workspace, None, is_sample=False))
            self.window.bind(workspace)
        existed = path is not None and path.is_file()
        # The quick integrity check reads the whole file (0.4 s for 186 MB): in a worker thread, while
        # SQLAlchemy loads and the database opens; the start-up snapshot is on screen meanwhile.
        check = start(self._backups_vm().check()) if existed else None
        try:
            await run_in_worker(_import_data_stack)
            if path is None and (server_db is not None or _server_needs_sign_in(url)):
                if server_db is None:
                    cancel = self._cancel_choice(server=True)
                    opened = await self._sign_in_to_server(url, cancel)
                    if opened is None:
                        pending.fail(DatabaseOpenError(translate("Controller", "Nobody signed in.")))
                        return self._after_cancel(cancel, location)
                    server_db, signed_in = opened
                db = await self._check_schema(server_db)
            else:
                db = await self._open_database(url, path, is_sample=False, check=check)
        except HomeLogError as exc:
            pending.fail(exc)
            if check is not None:
                result = await check
                if result.broken:
                    return lambda: self._recover(result)
            problem = None
            if path is not None and not isinstance(exc, DatabaseTooNewError):
                problem = await loop.run_in_executor(None, _folder_problem, path.parent)
            self._refuse(problem or str(exc))
            return None
        except Exception as exc:  # e.g. sqlite3.OperationalError from a folder that cannot be written
            if check is not None:
                await asyncio.wait([check])  # (it reads the file: done before anything else is tried)
            if path is None:
                from .server_recovery import offer_server_choices, server_problem

                if server_problem(exc, self.db_url) is None:
                    raise

                async def offer(error: Exception = exc) -> None:
                    await offer_server_choices(self, pending, error)

                return offer
            problem = await loop.run_in_executor(None, _folder_problem, path.parent) or describe(exc, path)
            if problem is None:
                raise
            pending.fail(DatabaseOpenError(problem))
            self._refuse(problem)
            return None
        if check is not None:
            result = await check
            if result.broken:
                pending.fail(DatabaseOpenError(result.message))
                await db.close()
                broken = result
                return lambda: self._recover(broken)
        if signed_in is None and db.actor is None:
            cancel = self._cancel_choice(server=not db.is_sqlite)
            found = await self._identify(db, location, cancel)
            if isinstance(found, _GaveUp):
                pending.fail(DatabaseOpenError(translate("Controller", "Nobody signed in.")))
                await db.close()
                return self._after_cancel(cancel, location)
            signed_in = found
        if signed_in is not None:
            db.sign_in_as(signed_in.actor)  # every session from now on acts for this member
        pending.set(db)
        self._shown_data = True
        self._show_identity(db, signed_in)
        if existed:
            start(self._daily_backup())
        return None

    async def _open_database(
        self, url: str, path: Path | None, *, is_sample: bool, check: asyncio.Future[CheckResult] | None = None
    ) -> Database:
        """Open ``url`` and bring it to the current schema (backing an existing file up first).

        With ``check`` (the file's integrity check, running), an upgrade waits for it and a damaged
        file is not upgraded (DatabaseOpenError).
        """
        from .db import Database
        from .db.migrate import migrate
        from .domain.errors import DatabaseOpenError

        async def healthy() -> None:
            if check is not None and (await check).broken:
                raise DatabaseOpenError((await check).message)

        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(url)
        try:
            result = await migrate(db, self.paths.backup_dir if not is_sample else None, before_upgrade=healthy)
        except BaseException:
            await db.close()
            raise
        if result.backup is not None:
            log.info("Backed up %s to %s before migrating to %s", path, result.backup, result.current)
        return db

    def _show(self, opened: _Opened) -> None:
        self.current = opened

    # -- signing in ------------------------------------------------------------------------------

    async def _identify(self, db: Database, location: str, cancel: _Cancel) -> SignedIn | _GaveUp | None:
        """Who uses ``db``: a local file with passwords asks (sign-in dialog); a server URL that names
        its user is that member (the server checked the password) or the database's owner (None)."""
        if db.is_sqlite:
            auth = self._auth(db)
            if not await auth.sign_in_needed():
                return None  # one person's notebook: nobody signs in
            who = await self.prompts.sign_in(auth.sign_in, location, cancel_text=cancel.text, cancel_hint=cancel.hint)
            return who if who is not None else _GAVE_UP
        return await _member_of_connection(db)

    def _cancel_choice(self, *, server: bool) -> _Cancel:
        """What Cancel on the sign-in dialog does now: back to the local data file (from a server, when
        there is one), else keep the window open with nobody signed in; only at the first start with a
        server and no local file does it quit, and it says so."""
        if server and self._local_path().is_file():
            return _Cancel(
                translate("Controller", "Open My &Local File"),
                translate("Controller", "Open My Local File goes back to the data on this PC."),
                "local",
            )
        if server and not self._shown_data:
            return _Cancel(
                translate("Controller", "&Quit"),
                translate("Controller", "Quit closes Home Log: nobody is signed in."),
                "quit",
            )
        return _Cancel(translate("Controller", "Cancel"), "", "signed-out")

    def _after_cancel(self, cancel: _Cancel, location: str) -> Callable[[], Awaitable[None]] | None:
        """What follows a cancelled sign-in (once the opening is over)."""
        if cancel.then == "quit":
            self._give_up()
            return None
        if cancel.then == "local":
            return self.open_local_data

        async def signed_out() -> None:
            await self._close_current()
            self.window.show_signed_out(location)

        return signed_out

    def _local_path(self) -> Path:
        """The local data file (the one given on the command line, else the default one)."""
        path = sqlite_file(self._local_url) if self._local_url else None
        return path if path is not None else self.paths.db_path

    async def _sign_in_to_server(self, url: str, cancel: _Cancel) -> tuple[Database, SignedIn] | None:
        """Sign in to the server at ``url`` (no user in it): with the remembered member's password from
        the keyring if there is one, else through the sign-in dialog; None if the user gives up."""
        from .db.server import ServerAddress
        from .domain.errors import HomeLogError
        from .services.auth import sign_in_to_server
        from .services.saved_passwords import SavedPasswords
        from .views.sign_in_dialog import remembered_login

        address = ServerAddress.from_url(url)
        assert address is not None
        login = remembered_login(address.display)
        if login and not self._no_auto_sign_in:
            password = await SavedPasswords().get(address, login)
            if password:
                try:
                    return await sign_in_to_server(address, login, password)
                except HomeLogError as exc:  # changed meanwhile, or the server is away: ask
                    log.info("The remembered password did not sign in to %s: %s", address.display, exc)
        opened: list[tuple[Database, SignedIn]] = []

        async def attempt(login: str, password: str) -> SignedIn:
            database, who = await sign_in_to_server(address, login, password)
            opened.append((database, who))
            return who

        self.window.show_loading(
            translate("Controller", "Sign in to the household on {place}.").format(place=address.display)
        )
        who = await self.prompts.sign_in(
            attempt, address.display, server=True, cancel_text=cancel.text, cancel_hint=cancel.hint
        )
        return opened[-1] if who is not None and opened else None

    async def _check_schema(self, db: Database) -> Database:
        """A server's database signed in as a member: at the current schema (a member cannot migrate)."""
        from .db.migrate import migrate

        try:
            await migrate(db)  # at the head already: only checks the revision
        except BaseException:
            await db.close()
            raise
        return db

    def _show_identity(self, db: Database, who: SignedIn | None) -> None:
        from .db.server import ServerAddress

        address = None if db.is_sqlite else ServerAddress.from_url(db.url)
        server = address.display if address is not None else None
        self.window.set_identity(who.name if who else None, admin=bool(who and who.actor.is_admin), server=server)

    def _auth(self, db: Database) -> AuthService:
        from .services.auth import AuthService, SignInThrottle

        if self._throttle is None:
            self._throttle = SignInThrottle()
        return AuthService(db, throttle=self._throttle)

    def _give_up(self) -> None:
        """Nobody signed in: close the window, which ends the app (exit code 0: nothing went wrong)."""
        self.window.close()

    async def switch_member(self) -> None:
        """File → Switch Member…: someone else signs in; Cancel keeps the member signed in now."""
        from .db.server import ServerAddress
        from .services.auth import sign_in_to_server

        if self.window.signed_out:  # File → Sign In… after a cancelled sign-in: ask again
            await self._start_own()
            return
        db = self._current_database()
        if db is None or self.current is None or self.current.is_sample:
            return
        if db.is_sqlite:
            who = await self.prompts.sign_in(
                self._auth(db).sign_in, self.current.workspace.location, cancel_text=translate("Controller", "Cancel")
            )
            if who is None:
                return
            await self._close_current()
            await self._start_own(signed_in=who)
            return
        address = ServerAddress.from_url(db.url)
        assert address is not None
        opened: list[Database] = []

        async def attempt(login: str, password: str) -> SignedIn:
            database, who = await sign_in_to_server(address, login, password)
            opened.append(database)
            return who

        who = await self.prompts.sign_in(
            attempt, address.display, server=True, cancel_text=translate("Controller", "Cancel")
        )
        if who is None or not opened:
            return
        await self._close_current()
        self.db_url = address.url().render_as_string(hide_password=False)
        await self._start_own(signed_in=who, server_db=opened[-1])

    async def sign_out(self) -> None:
        """File → Sign Out: the data is hidden and the sign-in dialog asks who is next (Quit ends the app)."""
        from .db.server import ServerAddress

        db = self._current_database()
        if db is None or self.current is None or self.current.is_sample or self.window.identity is None:
            return
        address = None if db.is_sqlite else ServerAddress.from_url(db.url)
        await self._close_current()
        self.window.set_identity(None)
        self.window.show_loading(translate("Controller", "Signed out."))
        self._no_auto_sign_in = True
        if address is not None:
            self.db_url = address.url().render_as_string(hide_password=False)
        await self._start_own()

    async def connect_to_server(self) -> None:
        """File → Connect to a Shared Database…: leave the data open now for the household on a server."""
        result = await self.prompts.connect_to_server()
        if result is None:
            return
        db, who, address = result
        await self._close_current()
        await self._leave_local_file()
        self.db_url = address.url().render_as_string(hide_password=False)
        await self._start_own(signed_in=who, server_db=db)

    async def open_local_data(self) -> None:
        """File → Open My Local File: back from a server to the user's own data file."""
        db = self._current_database()
        if db is not None and db.is_sqlite and self.current is not None and not self.current.is_sample:
            return  # on the local file already
        await self._close_current()
        if self._backups is not None:  # the server's (none to make)
            await self._backups.close()
            self._backups = None
        self.db_url = self._local_url
        await self._start_own()

    async def _leave_local_file(self) -> None:
        """Let go of the local data file (its lock and its backups) while a server's data is open."""
        if self._own_lock is not None:
            self._own_lock.unlock()
            self._own_lock = None
        if self._backups is not None:
            await self._backups.close()
            self._backups = None

    def _current_database(self) -> Database | None:
        from .db.handle import PendingDatabase

        if self.current is None:
            return None
        db = self.current.db
        return db.database if isinstance(db, PendingDatabase) else db

    async def _close_current(self) -> None:
        """Close the database shown, for good: its view models' work is cancelled, new work refused,
        and once this returns no connection of this process has the file open (a restore may swap it)."""
        await self._settled.wait()  # an opening under way would open connections behind our back
        opened, self.current = self.current, None
        if opened is None:
            return
        from .db.handle import PendingDatabase

        self.window.unbind()
        await opened.workspace.close()
        db = opened.db.database if isinstance(opened.db, PendingDatabase) else opened.db
        if db is not None:
            await db.close()
        if opened.lock is not None:
            opened.lock.unlock()

    async def _switch_to_sample(self) -> None:
        from .domain.errors import HomeLogError
        from .services.sample_data import create_sample_household

        path = self.paths.sample_db_path
        if self.current is not None and self.current.is_sample:
            return
        lock = try_lock(path)
        if lock is None:
            self.prompts.say(
                translate("Controller", "The sample household is open in another Home Log window."), "error"
            )
            return
        self.window.show_loading(translate("Controller", "Preparing the sample household…"))
        fresh = not path.exists()
        try:
            await self._close_current()
            db = await self._open_database(sqlite_url(path), path, is_sample=True)
            if fresh:
                await create_sample_household(db)
        except HomeLogError as exc:
            lock.unlock()
            await self._start_own()
            self.prompts.say(str(exc), "error")  # after binding: a new workspace starts with no message
            return
        opened = _Opened(db, make_workspace(db, str(path), is_sample=True), lock, is_sample=True)
        self._show(opened)
        self.window.bind(opened.workspace)

    async def _switch_to_own(self) -> None:
        if self.current is not None and not self.current.is_sample:
            return
        await self._close_current()
        await self._start_own()

    # -- backups, restore and recovery -----------------------------------------------------------

    async def back_up_now(self) -> BackupFile | None:
        """File → Back Up Now: an online backup of the user's own data, with progress in the status bar."""
        from .services.backups import SERVER_BACKUP_TEXT

        if self.current is not None and self.current.is_sample:
            self.prompts.say(
                translate(
                    "Controller", "The sample household is not backed up: it is made up. File → Back to My Data first."
                )
            )
            return None
        vm = self._backups_vm()
        if not vm.can_back_up:
            self.prompts.say(SERVER_BACKUP_TEXT)
            return None
        self.prompts.status(translate("Controller", "Backing up…"))
        vm.progress_changed.connect(self.prompts.progress)
        try:
            made = await vm.back_up_now()
        finally:
            vm.progress_changed.disconnect(self.prompts.progress)
        if made is None:
            self.prompts.clear_status()
            return None
        self.prompts.backed_up(made)
        return made

    async def restore_from_backup(self) -> bool:
        """File → Restore from Backup…: choose, check, confirm, then replace the data and show it."""
        from .services.backups import SERVER_BACKUP_TEXT

        vm = self._backups_vm()
        if not vm.available:
            self.prompts.say(SERVER_BACKUP_TEXT)
            return False
        if self._restoring:
            return False
        backups = await vm.list_backups()
        picked = await self.prompts.choose_backup(backups, vm.backup_dir)
        if picked is None:
            return False
        check = await self._validate(picked)
        if check is None:
            return False
        backup = next((b for b in backups if b.path == picked), None)
        if not await self.prompts.confirm_restore(check, backup):
            return False
        return await self._restore(picked)

    async def _validate(self, path: Path) -> CheckResult | None:
        """The full check of a file to restore; a clear message (and None) if it cannot be restored."""
        vm = self._backups_vm()
        errors: list[str] = []
        vm.error_occurred.connect(errors.append)
        self.prompts.status(translate("Controller", "Checking {file}…").format(file=path.name))
        self._quiet = True
        try:
            check = await vm.validate(path)
        finally:
            self._quiet = False
            vm.error_occurred.disconnect(errors.append)
            self.prompts.clear_status()
        if check is None:
            await self.prompts.refuse_restore(errors[-1] if errors else "")
        return check

    async def _restore(self, path: Path) -> bool:
        """Close the database, replace it with ``path`` (service), reopen it and show what it holds."""
        vm = self._backups_vm()
        self._restoring = True
        errors: list[str] = []
        vm.error_occurred.connect(errors.append)
        vm.progress_changed.connect(self.prompts.progress)
        try:
            self.window.show_loading(translate("Controller", "Restoring {file}…").format(file=path.name))
            # Every connection of this window to the file is closed (and no new one opened) before the
            # swap; a backup under way (the daily one) ends first (the view model does one file job at
            # a time); other programs' writers are held off by the restore itself (db/writers.py).
            await self._close_current()
            result = await vm.restore(path)
        finally:
            vm.error_occurred.disconnect(errors.append)
            vm.progress_changed.disconnect(self.prompts.progress)
            self.prompts.clear_status()
            self._restoring = False
        await self._start_own()
        if result is None:
            reason = errors[-1] if errors else translate("Controller", "the restore failed.")
            self.prompts.say(translate("Controller", "Nothing was restored: {reason}").format(reason=reason), "error")
            return False
        kept = (
            translate("Controller", " Your data from before is kept in {place}.").format(place=result.kept)
            if result.kept is not None
            else ""
        )
        if result.moved_aside:
            kept = translate("Controller", " The damaged file was moved aside, unchanged, to {place}.").format(
                place=result.kept
            )
        self.prompts.say(translate("Controller", "Restored {file}.").format(file=path.name) + kept, "success")
        log.info("Restored %s (kept: %s)", path, result.kept)
        return True

    async def _recover(self, result: CheckResult) -> None:
        """The data file is damaged or not a database: offer a good backup, another file, or quitting."""
        from .views.main.prompts import Recovery

        log.error("Data file cannot be used: %s", result.message)
        await self._close_current()
        self.window.show_loading(translate("Controller", "Your data file cannot be opened."))
        vm = self._backups_vm()
        newest = await vm.newest_good_backup()
        choice = await self.prompts.recover(result.path, result.message, newest, str(result.health))
        if choice == Recovery.RESTORE and newest is not None:
            await self._restore(newest.path)
            return
        if choice == Recovery.OPEN_OTHER:
            chosen = await self.choose_database_file()
            if chosen is not None:
                await self._open_other(chosen)
                return
            await self._recover(result)
            return
        self.exit_code = 1
        self.window.show_fatal(f"{result.message} " + translate("Controller", "The file was left as it is."))
        self.window.close()

    def move_to_server(self) -> None:
        """File → Move to a Shared Server…: copy the user's file to a server, then offer to open it there."""
        _url, path, _location = self._own_location()
        if path is None:
            self.prompts.say(translate("Controller", "This household is on a database server already."))
            return
        from .viewmodels.moving import MoveViewModel
        from .views.move_dialog import open_move_dialog

        vm = MoveViewModel(path)
        dialog = open_move_dialog(vm, self.window, lambda url: start(self._open_server(url)))
        self.window.dialogs.keep(dialog)

    async def _open_server(self, url: str) -> None:
        """Use the server database (where the household was just copied) as the user's data for this session."""
        await self._close_current()
        if self._own_lock is not None:
            self._own_lock.unlock()
            self._own_lock = None
        if self._backups is not None:  # they belong to the file left behind
            await self._backups.close()
            self._backups = None
        self.db_url = url
        await self._start_own()

    async def choose_database_file(self) -> Path | None:
        """Ask for a database file to open instead (tests replace this)."""
        return await self.prompts.choose_database_file(self.paths.data_dir)

    async def _open_other(self, path: Path) -> None:
        """Use another database file as the user's data for this session."""
        if self._own_lock is not None:
            self._own_lock.unlock()
            self._own_lock = None
        if self._backups is not None:  # they belong to the file left behind
            await self._backups.close()
            self._backups = None
        self.db_url = sqlite_url(path)
        await self._start_own()

    async def _daily_backup(self) -> None:
        """A backup at start when the newest is older than a day, in the background (logged, not shown)."""
        vm = self._backups_vm()
        made = await vm.daily_backup_if_due()
        if made is not None:
            log.info("Daily backup: %s", made.path)

    def _backups_vm(self) -> BackupsViewModel:
        """The backups of the user's own data file (the server's job for a PostgreSQL URL)."""
        from .viewmodels.backups import BackupsViewModel

        if self._backups is None:
            url, path, _location = self._own_location()
            backup_dir = self.paths.backup_dir
            if self.db_url and path is not None:
                backup_dir = path.parent / "backups"
            # On a server, Back Up Now writes a local copy of the household (restore stays the server's job).
            self._backups = BackupsViewModel(path, backup_dir, server_url=url if path is None else None)
            self._backups.error_occurred.connect(self._on_backup_error)
        return self._backups

    def _on_backup_error(self, message: str) -> None:
        if not self._quiet:  # (while a dialog says it instead)
            self.prompts.say(message, "error")

    def _on_sample_requested(self) -> None:
        start(self._switch_to_sample())

    def _on_own_requested(self) -> None:
        start(self._switch_to_own())

    # -- helpers ---------------------------------------------------------------------------------

    def _own_location(self) -> tuple[str, Path | None, str]:
        """The URL of the user's data, its SQLite file if it is one, and where it is for display."""
        if self.db_url:
            path = sqlite_file(self.db_url)
            if path is not None:
                return self.db_url, path, str(path)
            from sqlalchemy.engine import make_url  # only for a server URL: shown without its password

            return self.db_url, None, make_url(self.db_url).render_as_string(hide_password=True)
        return sqlite_url(self.paths.db_path), self.paths.db_path, str(self.paths.db_path)

    def _refuse(self, message: str) -> None:
        """The data cannot be opened: tell the user in the window and a dialog, then quit when closed."""
        log.error("Cannot open data: %s", message)
        self.exit_code = 1
        self.prompts.refuse_open(message)


class _GaveUp:
    """Nobody signed in (Cancel or Quit on the sign-in dialog)."""


@dataclass(frozen=True)
class _Cancel:
    """The sign-in dialog's Cancel button: its text, a line saying what it does, and what follows."""

    text: str
    hint: str
    #: "quit" (first start with a server only), "local" (back to the local file), "signed-out" (the
    #: window stays, nobody signed in).
    then: str


_GAVE_UP = _GaveUp()


def _server_needs_sign_in(url: str) -> bool:
    """A server URL without a user: the member signs in as their own role (the dialog asks)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.get_backend_name() == "postgresql" and not parsed.username


async def _member_of_connection(db: Database) -> SignedIn | None:
    """The member whose role ``db`` is connected as (None: another role, e.g. the database's owner)."""
    from .repositories.member_passwords import MemberPasswordRepository
    from .repositories.member_roles import MemberRoleRepository
    from .repositories.members import MemberRepository
    from .services.auth import SignedIn

    async with db.session(readonly=True) as session:
        member_id = await MemberRoleRepository(session).signed_in_member()
        if member_id is None:
            return None
        member = await MemberRepository(session).get(member_id)
        role = await MemberPasswordRepository(session).role(member_id)
    return SignedIn(member_id, member.name, member.email, role)


def _set(event: asyncio.Event) -> asyncio.Event:
    event.set()
    return event


def _folder_problem(folder: Path) -> str | None:
    from .problems import folder_problem

    problem = folder_problem(folder)
    return problem.message if problem is not None else None


def _import_data_stack() -> None:
    """Import what opening a database needs (SQLAlchemy, repositories, view models), in a worker thread."""
    import homelog_desktop.db.migrate
    import homelog_desktop.repositories
    import homelog_desktop.viewmodels.members
    import homelog_desktop.viewmodels.reading_editor
    import homelog_desktop.viewmodels.source_editor
    import homelog_desktop.viewmodels.sources
    import homelog_desktop.viewmodels.workspace  # noqa: F401
