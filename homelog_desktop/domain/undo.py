"""What undoing (and redoing) a change means: put back the rows it touched, unless someone changed them since.

Every edit is recorded as the rows it touched, as they were before (``before``) and after it
(``after``): images of the stored rows, keyed by table and primary key, taken in the edit's own
unit of work. Undoing the edit turns the stored rows from ``after`` back into ``before``; redoing
it turns them from ``before`` into ``after`` again. The inverse of an edit is therefore the same
operation with the two images swapped, whatever the edit was (a reading added, readings deleted, a
source and everything of it deleted, a member renamed, an import).

Before anything is written the rows stored now are compared with the image the step expects
(``find_conflict``): a versioned row whose version moved on, appeared or disappeared, or an
unversioned row whose contents differ, means that someone else changed it since (another member on
a shared server, another window): the step is refused (``UndoConflictError``) and nothing changes.
Rows that are rewritten count their version up (domain/conflicts.py), so a form opened on the
row before the undo cannot save over it unnoticed; rows put back after a delete return as they
were, with their ids.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import translate
from .errors import ConflictError, row_words
from .timeutil import from_epoch, to_local

#: A row's primary key: its id, or (reading_id, metric_id) for a reading's value.
Key = tuple[Any, ...]
#: A stored row as plain values, by column name.
Row = Mapping[str, Any]

#: The tables an edit may touch, parents before children (inserts in this order, deletes reversed).
TABLES: tuple[str, ...] = (
    "members",
    "member_passwords",
    "sources",
    "metrics",
    "readings",
    "reading_values",
    "meter_events",
    "tariffs",
    "conversion_factors",
    "advance_payments",
    "virtual_terms",
)
#: Most stored readings an import may replace and still be undone: the replaced rows are kept in
#: memory (with their values and meter changes) to be put back; an import replacing more is not
#: recorded, and its summary says so.
MAX_UNDO_REPLACED = 200_000
#: Primary-key columns of each table.
KEYS: dict[str, tuple[str, ...]] = {
    "member_passwords": ("member_id",),
    "reading_values": ("reading_id", "metric_id"),
}
#: Tables whose rows carry a version (migration 0008); the others are compared by their contents.
VERSIONED = frozenset(
    {"members", "sources", "metrics", "readings", "meter_events", "tariffs", "conversion_factors", "advance_payments"}
)
#: Columns that record a change rather than the row's contents.
BOOKKEEPING = frozenset({"version", "updated_at", "updated_by"})
#: What a row is called in a refusal.
LABELS: dict[str, str] = {
    "members": "member",
    "member_passwords": "member's password",
    "sources": "source",
    "metrics": "source's metric",
    "readings": "reading",
    "reading_values": "reading",
    "meter_events": "meter change",
    "tariffs": "tariff",
    "conversion_factors": "conversion factor",
    "advance_payments": "advance payment",
    "virtual_terms": "virtual meter's input",
}


def key_columns(table: str) -> tuple[str, ...]:
    return KEYS.get(table, ("id",))


def key_of(table: str, row: Row) -> Key:
    return tuple(row[c] for c in key_columns(table))


@dataclass(frozen=True)
class Scope:
    """Which stored rows an edit touches (taken again at each step: rows someone added count too)."""

    #: Members: their row and password.
    members: frozenset[int] = frozenset()
    #: Sources: their row, metrics, tariffs, meter changes, conversion factors, advance payments and
    #: a virtual meter's inputs.
    sources: frozenset[int] = frozenset()
    #: Sources whose row alone is touched (a removed member owned them).
    source_rows: frozenset[int] = frozenset()
    #: Readings: their row, values and the meter changes recorded with them.
    readings: frozenset[int] = frozenset()
    #: Every reading (with values) of these sources.
    source_readings: frozenset[int] = frozenset()
    #: Every value of these metrics (a metric removed, or made an interval metric).
    metric_values: frozenset[int] = frozenset()
    #: (source id, id runs) per source: the readings of an import, by the inclusive runs (lo, hi) of
    #: ids it gave them (never more: a reading another program added meanwhile keeps its own id
    #: outside them). A standard-format file may go into several sources.
    imported: tuple[tuple[int, tuple[tuple[int, int], ...]], ...] = ()
    #: Metrics: their row, tariffs, conversion factors and virtual meter inputs, and the inputs of
    #: virtual meters that name them (metrics an import added to a stored source).
    metrics: frozenset[int] = frozenset()
    #: Single rows by table and id (the tariffs, meter changes, conversion factors and advance
    #: payments an import added to a stored source).
    rows: tuple[tuple[str, frozenset[int]], ...] = ()

    def __or__(self, other: Scope) -> Scope:
        imported = self.imported + tuple(i for i in other.imported if i not in self.imported)
        rows: dict[str, frozenset[int]] = {}
        for table, ids in (*self.rows, *other.rows):
            rows[table] = rows.get(table, frozenset()) | ids
        return Scope(
            self.members | other.members,
            self.sources | other.sources,
            self.source_rows | other.source_rows,
            self.readings | other.readings,
            self.source_readings | other.source_readings,
            self.metric_values | other.metric_values,
            imported,
            self.metrics | other.metrics,
            tuple(sorted(rows.items())),
        )


@dataclass(frozen=True)
class Image:
    """Stored rows of a scope: table -> key -> row (plain values)."""

    rows: Mapping[str, Mapping[Key, Row]] = field(default_factory=dict)

    @classmethod
    def of(cls, tables: Mapping[str, Iterable[Row]]) -> Image:
        return cls({t: {key_of(t, r): dict(r) for r in rows} for t, rows in tables.items()})

    def table(self, name: str) -> Mapping[Key, Row]:
        return self.rows.get(name, {})

    def ids(self, table: str) -> set[int]:
        """The single-column keys stored in ``table``."""
        return {k[0] for k in self.table(table)}

    def count(self, table: str) -> int:
        return len(self.table(table))

    def contents(self) -> dict[str, dict[Key, dict[str, Any]]]:
        """Every row without its bookkeeping columns (version, who and when): what a user sees."""
        return {
            t: {k: {c: v for c, v in r.items() if c not in BOOKKEEPING} for k, r in rows.items()}
            for t, rows in self.rows.items()
            if rows
        }


@dataclass
class KeptRows:
    """Stored rows kept compact, as the driver fetched them (a tuple a row, the columns once per
    table): the readings an import replaced, put back by its undo. An ``Image`` holds a dict a row,
    more than twice the memory; the undo makes one of these only while it runs."""

    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, table: str, columns: Iterable[str], rows: Iterable[tuple[Any, ...]]) -> None:
        self.columns.setdefault(table, tuple(columns))
        self.rows.setdefault(table, []).extend(rows)

    def extend(self, other: KeptRows) -> None:
        for table, rows in other.rows.items():
            self.add(table, other.columns[table], rows)

    def ids(self, table: str) -> frozenset[int]:
        """The ids of ``table``'s rows."""
        columns = self.columns.get(table)
        if not columns:
            return frozenset()
        at = columns.index("id")
        return frozenset(row[at] for row in self.rows.get(table, []))


@dataclass(frozen=True)
class Plan:
    """The writes that turn the stored rows into the target image, per table."""

    #: The stored rows to delete.
    deletes: dict[str, list[Row]]
    updates: dict[str, list[Row]]
    inserts: dict[str, list[Row]]

    @property
    def empty(self) -> bool:
        return not any(self.deletes.values()) and not any(self.updates.values()) and not any(self.inserts.values())


@dataclass(frozen=True)
class Changed:
    """A row that is no longer as the step expects: what it is, and who changed it when (if known)."""

    table: str
    key: Key
    #: The stored row now (None: deleted since).
    stored: Row | None
    #: Whether the step expected the row (False: it was added since).
    expected: bool = True


def find_conflict(expected: Image, current: Image) -> Changed | None:
    """The first row stored now that differs from what the step expects (None: none differs)."""
    for table in TABLES:
        want, have = expected.table(table), current.table(table)
        for key in [*want, *(k for k in have if k not in want)]:
            e, c = want.get(key), have.get(key)
            if e is None or c is None:
                if e is not c:
                    return Changed(table, key, c, e is not None)
            elif table in VERSIONED:
                if e.get("version") != c.get("version"):
                    return Changed(table, key, c)
            elif dict(e) != dict(c):
                return Changed(table, key, c)
    return None


def plan(target: Image, current: Image) -> Plan:
    """The deletes, updates and inserts that make the stored rows ``current`` become ``target``."""
    deletes: dict[str, list[Row]] = {}
    updates: dict[str, list[Row]] = {}
    inserts: dict[str, list[Row]] = {}
    for table in TABLES:
        want, have = target.table(table), current.table(table)
        deletes[table] = [row for k, row in have.items() if k not in want]
        inserts[table] = [row for k, row in want.items() if k not in have]
        updates[table] = [row for k, row in want.items() if k in have and _contents(row) != _contents(have[k])]
    return Plan(deletes, updates, inserts)


#: The tables of what an import adds besides readings (sources, metrics and what hangs on them).
STRUCTURE: tuple[str, ...] = (
    "sources",
    "metrics",
    "meter_events",
    "tariffs",
    "conversion_factors",
    "advance_payments",
    "virtual_terms",
)
#: An import's readings per source: (source id, inclusive id runs (lo, hi)).
Runs = tuple[tuple[int, tuple[tuple[int, int], ...]], ...]


@dataclass(frozen=True)
class ImportUndo:
    """What undoing an import removes: the rows of ``scope`` (read again at each step), which must
    be exactly the import's own: its readings (``runs``, each still at its first version) and what
    it added besides (``added``: sources, metrics, tariffs... as the import left them)."""

    scope: Scope = field(default_factory=Scope)
    #: The rows the import added besides readings, as it left them (tables of STRUCTURE).
    added: Image = field(default_factory=Image)
    #: The ids of the readings it stored, per source.
    runs: Runs = ()

    def __or__(self, other: ImportUndo) -> ImportUndo:
        rows = {t: {**self.added.table(t), **other.added.table(t)} for t in STRUCTURE}
        return ImportUndo(self.scope | other.scope, Image(rows), self.runs + other.runs)


def import_conflict(undo: ImportUndo, current: Image, replaced: Image) -> Changed | None:
    """The first stored row that makes undoing an import refused (None: none): a row it added that
    was changed or deleted since, a row added since to what it created (a tariff on its metric, a
    reading in its source, a value of its metric), a reading of it changed since, or a reading it
    replaced that is back (``replaced``: the rows the undo puts back). Pure: run it in a worker."""
    structure = Image({t: {k: r for k, r in current.table(t).items() if k not in replaced.table(t)} for t in STRUCTURE})
    changed = find_conflict(undo.added, structure)
    if changed is not None:
        return changed
    runs = sorted(run for _source, runs in undo.runs for run in runs)
    starts = [lo for lo, _hi in runs]

    def imported(reading_id: int) -> bool:
        at = bisect_right(starts, reading_id) - 1
        return at >= 0 and runs[at][0] <= reading_id <= runs[at][1]

    stored_replaced = replaced.table("readings")
    for key, row in current.table("readings").items():
        if key in stored_replaced:  # a replaced reading is back (another program put it back)
            return Changed("readings", key, row, expected=False)
        if not imported(key[0]):  # added to a source the import created
            return Changed("readings", key, row, expected=False)
        if int(row.get("version", 1) or 1) != 1:
            return Changed("readings", key, row)
    for key, row in current.table("reading_values").items():
        if not imported(key[0]) and key not in replaced.table("reading_values"):
            return Changed("reading_values", key, row, expected=False)  # a value of a metric it created
    return None


class UndoConflictError(ConflictError):
    """Undoing (or redoing) would overwrite a change someone else made since: refused, nothing changed."""

    def __init__(self, message: str, what: str, changed_by: str | None, changed_at: str | None, version: int) -> None:
        super().__init__(what, changed_by, changed_at, version)
        self.args = (message,)


def refusal(step: str, changed: Changed, changed_by: str | None) -> UndoConflictError:
    """The refusal of ``step`` ("undo “Delete 3 Readings”") for the row ``changed``, naming who
    changed it and when where that is known."""
    what = LABELS[changed.table]
    _start, this, one = row_words(what)
    stored = changed.stored
    if stored is None:
        message = translate(
            "Undo",
            "Cannot {step}: {this} was deleted since (in another window, program or by another member). Nothing was"
            " changed.",
        )
        return UndoConflictError(message.format(step=step, this=this), what, None, None, 0)
    version = int(stored.get("version") or 0)
    at = stored.get("updated_at")
    when = to_local(from_epoch(int(at))).strftime("%Y-%m-%d %H:%M") if at else None
    if not changed.expected:
        if changed_by and when:
            message = translate("Undo", "Cannot {step}: {one} was added since by {who} at {when}. Nothing was changed.")
        elif changed_by:
            message = translate("Undo", "Cannot {step}: {one} was added since by {who}. Nothing was changed.")
        elif when:
            message = translate(
                "Undo",
                "Cannot {step}: {one} was added since by someone else (another window or program) at {when}. Nothing"
                " was changed.",
            )
        else:
            message = translate(
                "Undo",
                "Cannot {step}: {one} was added since by someone else (another window or program). Nothing was"
                " changed.",
            )
    elif changed_by and when:
        message = translate("Undo", "Cannot {step}: {this} was changed by {who} at {when}, since. Nothing was changed.")
    elif changed_by:
        message = translate("Undo", "Cannot {step}: {this} was changed by {who}, since. Nothing was changed.")
    elif when:
        message = translate(
            "Undo",
            "Cannot {step}: {this} was changed by someone else (another window or program) at {when}, since. Nothing"
            " was changed.",
        )
    else:
        message = translate(
            "Undo",
            "Cannot {step}: {this} was changed by someone else (another window or program), since. Nothing was"
            " changed.",
        )
    text = message.format(step=step, this=this, one=one, who=changed_by, when=when)
    return UndoConflictError(text, what, changed_by, when, version)


def _contents(row: Row) -> dict[str, Any]:
    return {c: v for c, v in row.items() if c not in BOOKKEEPING}
