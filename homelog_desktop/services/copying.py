"""Copying a household between databases: a local file to a PostgreSQL server, and a server to a local file.

Used by File → Move to a Shared Server…, ``homelog copy`` and ``homelog backup`` on a server. Each
copy is one transaction on the target: the target is migrated to the current schema first, must
hold no data, gets every table with its ids (parents first), its id sequences moved past the
copied ids, and is checked table by table (rows and checksum, both sides) before it commits. A
failure, a mismatch or a cancel rolls the target back: it holds all of the household or none of
it. The source is only read (a SQLite file through a read-only connection: not one byte changes).

On a server the copy also switches row-level security on (``db/rls.py``) and gives every member
their PostgreSQL role (``<database>_m<id>``). A member whose password is given signs in with it
at once; the others get a role without a password, which cannot sign in until the administrator
sets one in Household Members.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from ..db import Database, rls, sqlite_url
from ..db import copying as sql
from ..db.backup_files import MANUAL, BackupFile, backup_name, partial_name, remove_partial
from ..db.migrate import HEAD_REVISION, current_revision, migrate
from ..domain.errors import HomeLogError, ValidationError
from ..domain.passwords import check_password
from ..i18n import local_number, translate
from .backups import rotate

__all__ = [
    "ChecksumMismatchError",
    "CopyCancelledError",
    "CopyResult",
    "MemberRole",
    "TargetNotEmptyError",
    "back_up_server",
    "back_up_server_to",
    "copy_from_server",
    "copy_to_server",
    "local_members",
    "server_backup_dir",
]

TargetNotEmptyError = sql.TargetNotEmptyError
ChecksumMismatchError = sql.ChecksumMismatchError
#: progress(rows copied, rows in all, table being copied)
Progress = Callable[[int, int, str], None]

#: The tables in the order summaries name them ("3 members, 4 sources, ...": ``counted``).
TABLE_ORDER = (
    "members",
    "member_passwords",
    "sources",
    "metrics",
    "readings",
    "reading_values",
    "meter_events",
    "tariffs",
    "virtual_terms",
)


def counted(table: str, n: int) -> str:
    """``n`` rows of ``table`` in words: "1 reading", "1,000 readings" ("1.000 Ablesungen" in German)."""
    match table:
        case "members":
            return translate("Copying", "%Ln member(s)", None, n)
        case "member_passwords":
            return translate("Copying", "%Ln member password(s)", None, n)
        case "sources":
            return translate("Copying", "%Ln source(s)", None, n)
        case "metrics":
            return translate("Copying", "%Ln metric(s)", None, n)
        case "readings":
            return translate("Copying", "%Ln reading(s)", None, n)
        case "reading_values":
            return translate("Copying", "%Ln value(s)", None, n)
        case "meter_events":
            return translate("Copying", "%Ln meter change(s)", None, n)
        case "tariffs":
            return translate("Copying", "%Ln tariff(s)", None, n)
        case "virtual_terms":
            return translate("Copying", "%Ln virtual meter input(s)", None, n)
    return f"{local_number(n, grouped=True)} {table}"


class Cancel(Protocol):
    @property
    def cancelled(self) -> bool: ...


class CopyCancelledError(HomeLogError):
    """The user cancelled the copy; the target was rolled back."""


@dataclass(frozen=True, slots=True)
class MemberRole:
    """A member's PostgreSQL role after a copy to a server."""

    member: str
    role: str
    has_password: bool
    admin: bool


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What a copy did."""

    source: str
    target: str
    #: table -> rows copied (every table, parents first).
    counts: dict[str, int]
    #: The members' roles (a copy to a server only).
    roles: tuple[MemberRole, ...] = ()
    #: table -> the next id it gives (after the copy).
    next_ids: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """``3 members, 4 sources, 9 metrics, 1,000 readings, ...`` (every table, zeros too)."""
        parts = []
        order = list(TABLE_ORDER)
        for table, count in sorted(self.counts.items(), key=lambda i: order.index(i[0]) if i[0] in order else 99):
            parts.append(counted(table, count))
        return ", ".join(parts)


@dataclass(slots=True)
class _Counter:
    progress: Progress | None
    cancel: Cancel | None
    total: int = 0
    done: int = 0

    def step(self, rows: int, table: str) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total, table)
        if self.cancel is not None and self.cancel.cancelled:
            raise CopyCancelledError(_cancelled())


def _cancelled() -> str:
    return translate("Copying", "The copy was cancelled; nothing was copied.")


async def _thread[R](fn: Callable[..., R], *args: Any) -> R:
    return await asyncio.get_running_loop().run_in_executor(None, fn, *args)


def _server_name(db: Database) -> str:
    url = db.url
    port = f":{url.port}" if url.port else ""
    return f"{url.host or 'localhost'}{port}/{url.database}"


def _schema_problem(where: str, revision: str | None) -> HomeLogError:
    """``where``: a file's path, or a server's database (``_the_database``)."""
    if revision is None:
        return HomeLogError(translate("Copying", "{where} holds no Home Log household to copy.").format(where=where))
    return HomeLogError(
        translate(
            "Copying",
            "{where} has schema {revision}, this Home Log writes {head}: open it with this version of Home Log once"
            " (it upgrades it), then copy it.",
        ).format(where=where, revision=revision, head=HEAD_REVISION)
    )


def _the_database(where: str) -> str:
    """A server's database in a message's subject ("The database host/name")."""
    return translate("Copying", "The database {name}").format(name=where)


def _not_empty(where: str, found: dict[str, int]) -> TargetNotEmptyError:
    held = ", ".join(counted(t, n) for t, n in found.items() if n)
    return TargetNotEmptyError(
        translate(
            "Copying",
            "{where} already holds data ({held}): Home Log copies a household only into an empty database. Nothing"
            " was copied. Use a new database (createdb NAME) or another file.",
        ).format(where=where, held=held or translate("Copying", "rows"))
    )


def _mismatch(table: str, source: tuple[int, int], target: tuple[int, int]) -> ChecksumMismatchError:
    there, here = local_number(source[0], grouped=True), local_number(target[0], grouped=True)
    if source[0] == target[0]:
        message = translate(
            "Copying",
            "The copy of the table {table} does not match its source ({there} rows there, {here} here, and different"
            " contents): the copy was undone, nothing was copied.",
        )
    else:
        message = translate(
            "Copying",
            "The copy of the table {table} does not match its source ({there} rows there, {here} here): the copy was"
            " undone, nothing was copied.",
        )
    return ChecksumMismatchError(message.format(table=table, there=there, here=here))


async def local_members(path: Path) -> list[sql.HouseholdMember]:
    """The members of a local household file (read only), for naming whose password to set."""

    def read() -> list[sql.HouseholdMember]:
        side = sql.SqliteSide(path, readonly=True)
        try:
            return sql.sqlite_members(side)
        finally:
            side.close()

    return await _thread(read)


async def copy_to_server(
    local: Path,
    url: str,
    *,
    passwords: Mapping[int, str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> CopyResult:
    """Copy the household in the SQLite file ``local`` into the empty PostgreSQL database at ``url``.

    ``passwords``: member id -> the password their role signs in with (the others get none yet).
    Raises TargetNotEmptyError, ChecksumMismatchError, CopyCancelledError, or the server's error
    (see ``problems.explain``); in every case the server database holds none of the household.
    """
    passwords = dict(passwords or {})
    if not await _thread(local.is_file):
        raise HomeLogError(translate("Copying", "There is no database at {path} to copy.").format(path=local))
    specs = sql.table_specs()
    counter = _Counter(progress, cancel)
    source = await _thread(lambda: sql.SqliteSide(local, readonly=True))
    target = Database(url)
    where = _server_name(target)
    try:
        await _thread(source.begin)
        revision = await _thread(source.revision)
        if revision != HEAD_REVISION:
            raise _schema_problem(str(local), revision)
        members = await _thread(sql.sqlite_members, source)
        unknown = set(passwords) - {m.id for m in members}
        if unknown:
            raise HomeLogError(
                translate("Copying", "No member with the id {id} in {path}.").format(id=min(unknown), path=local)
            )
        for member in members:
            if member.id in passwords:
                problems = check_password(passwords[member.id], email=member.email, name=member.name)
                if problems:
                    raise ValidationError(
                        translate("Copying", "{name}'s password").format(name=member.name), problems[0].message
                    )
        counts = {spec.name: await _thread(source.count, spec) for spec in specs}
        counter.total = sum(counts.values())
        await migrate(target)
        database = target.url.database or ""
        roles: list[MemberRole] = []
        async with sql.pg_transaction(target.engine) as driver:
            await sql.pg_lock_all(driver, specs)
            held = {spec.name: await sql.pg_count(driver, spec) for spec in specs}
            if any(held.values()) or (
                "member_roles" in await sql.pg_tables(driver) and await sql.pg_has_rows(driver, "member_roles")
            ):
                raise _not_empty(_the_database(where), held)
            sums: dict[str, int] = {}
            for spec in specs:
                sums[spec.name] = 0
                rows = source.rows(spec)
                while (item := await _thread(next, rows, None)) is not None:
                    chunk, part = item
                    await sql.pg_copy_in(driver, spec, chunk)
                    sums[spec.name] += part
                    counter.step(len(chunk), spec.name)
            next_ids = await sql.pg_set_sequences(driver, specs, await _thread(source.sequences))
            for spec in specs:
                found = await sql.pg_checksum(driver, spec)
                if found != (counts[spec.name], sums[spec.name]):
                    raise _mismatch(spec.name, (counts[spec.name], sums[spec.name]), found)
            for statement in rls.install_sql(database):
                await driver.execute(statement)
            group = rls.household_role(database)
            for member in members:
                role = rls.member_role_name(database, member.id)
                password = passwords.get(member.id)
                verifier = None if password is None else rls.scram_verifier(password)
                for statement in sql.member_role_sql(role, group, member.id, verifier):
                    await driver.execute(statement)
                roles.append(MemberRole(member.name, role, password is not None, member.role == "admin"))
            if cancel is not None and cancel.cancelled:
                raise CopyCancelledError(_cancelled())
        return CopyResult(str(local), where, counts, tuple(roles), next_ids)
    finally:
        await _thread(source.close)
        await target.dispose()


async def copy_from_server(
    url: str,
    local: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> CopyResult:
    """Copy the household on the PostgreSQL server at ``url`` into the SQLite file ``local``.

    ``local`` is created, or must hold no data. The server is only read (one snapshot: every table
    as of one moment). A failure or a cancel leaves ``local`` as it was (a new file is removed).
    """
    specs = sql.table_specs()
    counter = _Counter(progress, cancel)
    source = Database(url)
    where = _server_name(source)
    created = not await _thread(local.exists)
    target: sql.SqliteSide | None = None
    try:
        if not created:
            await _check_empty_file(local, specs)
        revision = await current_revision(source)
        if revision != HEAD_REVISION:
            raise _schema_problem(_the_database(where), revision)
        local.parent.mkdir(parents=True, exist_ok=True)
        new = Database(sqlite_url(local))
        try:
            await migrate(new, local.parent / "backups")
        finally:
            await new.dispose()
        target = await _thread(lambda: sql.SqliteSide(local, readonly=False))
        await _thread(target.begin)
        held = {spec.name: await _thread(target.count, spec) for spec in specs}
        if any(held.values()):
            raise _not_empty(str(local), held)
        async with sql.pg_transaction(source.engine, readonly=True) as driver:
            counts = {spec.name: await sql.pg_count(driver, spec) for spec in specs}
            counter.total = sum(counts.values())
            for spec in specs:
                async for chunk in sql.pg_rows(driver, spec):
                    await _thread(target.insert, spec, chunk)
                    counter.step(len(chunk), spec.name)
            highest = await sql.pg_sequences(driver, specs)
            await _thread(target.set_sequences, highest)
            for spec in specs:
                theirs = await sql.pg_checksum(driver, spec)
                ours = await _thread(target.checksum, spec)
                if ours != theirs:
                    raise _mismatch(spec.name, theirs, ours)
        broken = await _thread(target.foreign_key_problems)
        if broken:
            raise HomeLogError(
                translate(
                    "Copying", "The copy in {path} would break %Ln reference(s); it was undone.", None, broken
                ).format(path=local)
            )
        if cancel is not None and cancel.cancelled:
            raise CopyCancelledError(_cancelled())
        await _thread(target.commit)
        next_ids = {name: value + 1 for name, value in highest.items()}
        return CopyResult(where, str(local), counts, (), next_ids)
    except BaseException:
        if target is not None:
            await _thread(target.close)
            target = None
        if created:
            _remove_file(local)
        raise
    finally:
        if target is not None:
            await _thread(target.close)
        await source.dispose()


async def _check_empty_file(path: Path, specs: tuple[sql.TableSpec, ...]) -> None:
    def check() -> dict[str, int]:
        side = sql.SqliteSide(path, readonly=True)
        try:
            tables = side.tables()
            return {spec.name: side.count(spec) for spec in specs if spec.name in tables}
        finally:
            side.close()

    held = await _thread(check)
    if any(held.values()):
        raise _not_empty(str(path), held)


def _remove_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def server_backup_dir(backup_dir: Path, url: str) -> Path:
    """The folder of a server's backups: ``backups/server-<host>-<database>`` (rotated on its own)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"server-{parsed.host or 'localhost'}-{parsed.port or 5432}-{parsed.database or ''}"
    return backup_dir / re.sub(r"[^A-Za-z0-9._-]+", "_", name)


async def back_up_server(
    url: str,
    backup_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    now: datetime | None = None,
) -> tuple[BackupFile, CopyResult]:
    """Back the household on a server up as a local SQLite file in ``server_backup_dir``, then rotate.

    The copy is written under a temporary name and renamed when complete and checked, so a
    backup's name never holds half a copy. No pg_dump needed.
    """
    folder = server_backup_dir(backup_dir, url)
    await _thread(lambda: folder.mkdir(mode=0o700, parents=True, exist_ok=True))
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    n = 1
    final = folder / backup_name("homelog", created, MANUAL)
    while final.exists():
        n += 1
        final = folder / backup_name("homelog", created, MANUAL, n)
    temp = partial_name(final)
    try:
        result = await copy_from_server(url, temp, progress=progress, cancel=cancel)
        await _thread(os.replace, temp, final)
    finally:
        await _thread(remove_partial, temp)
    await _thread(rotate, folder, now)
    return BackupFile(final, created, MANUAL, final.stat().st_size), result


async def back_up_server_to(url: str, target: Path, *, progress: Progress | None = None) -> CopyResult:
    """Back the household on a server up into the file ``target`` (replacing it once the copy is complete)."""
    if await _thread(target.is_dir):
        raise HomeLogError(
            translate("Copying", "{path} is a folder; give the name of the backup file.").format(path=target)
        )
    await _thread(lambda: target.parent.mkdir(parents=True, exist_ok=True))
    temp = partial_name(target)
    try:
        result = await copy_from_server(url, temp, progress=progress)
        await _thread(os.replace, temp, target)
    finally:
        await _thread(remove_partial, temp)
    return CopyResult(result.source, str(target), result.counts, (), result.next_ids)
