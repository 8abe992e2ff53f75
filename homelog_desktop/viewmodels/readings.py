"""State of the readings table of one source: count, pages, order and filter; deleting readings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from ..domain.entities import MeterEvent, ReadingLine, Source
from ..domain.queries import ReadingFilter, ReadingOrder
from ..i18n import translate
from .base import BaseViewModel
from .changes import DataChanged, What

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from ..db.handle import SessionProvider
    from ..repositories import ReadingRepository
    from .undo import UndoHistory

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
#: Years the filter box understands as dates; other numbers are searched for in the notes.
_YEARS = (1900, 2200)


def parse_filter(text: str, locale: QLocale | None = None) -> ReadingFilter:
    """Turn what the user typed in the filter box into a filter.

    "2025", "2025-03" and "2025-03-14" select that year, month or day (local time, years 1900 to
    2200), and so does a day typed as the table shows it, in ``locale``'s short date format
    ("14/06/2025", "14.06.25"; default: the application's locale); anything else is searched for
    in the notes.
    """
    if m := _DAY.match(text):
        try:
            day = datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return ReadingFilter(text=text.strip())
        if _YEARS[0] <= day.year <= _YEARS[1]:
            return _local_range(day, day + timedelta(days=1))
    if (typed := local_date(text, locale or QLocale())) is not None:
        day = datetime(typed.year, typed.month, typed.day)
        if _YEARS[0] <= day.year <= _YEARS[1]:
            return _local_range(day, day + timedelta(days=1))
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12 and _YEARS[0] <= year <= _YEARS[1]:
            return _local_range(datetime(year, month, 1), datetime(year + month // 12, month % 12 + 1, 1))
    if m := _YEAR.match(text):
        year = int(m[1])
        if _YEARS[0] <= year <= _YEARS[1]:
            return _local_range(datetime(year, 1, 1), datetime(year + 1, 1, 1))
    return ReadingFilter(text=text.strip())


def local_date(text: str, locale: QLocale) -> date | None:
    """A day typed in the locale's short date format, with a two- or four-digit year and with or
    without leading zeros (a two-digit year is 2000-2099); None if the text is not one."""
    typed = text.strip()
    if not typed or not any(c.isdigit() for c in typed):
        return None
    shown = locale.dateFormat(QLocale.FormatType.ShortFormat)
    formats = [shown]
    if "ddd" not in shown and "MMM" not in shown:
        loose = shown.replace("dd", "d").replace("MM", "M")
        four = loose.replace("yyyy", "yy").replace("yy", "yyyy")
        formats += [four, four.replace("yyyy", "yy")]
    for fmt in dict.fromkeys(formats):
        found = locale.toDate(typed, fmt, 2000)
        if found.isValid():
            return date(found.year(), found.month(), found.day())
    return None


def delete_detail(events: Sequence[MeterEvent], source: Source) -> str:
    """The delete confirmation's words for the meter changes that go with the readings ("" if none)."""
    if not events:
        return ""
    named = []
    for event in events:
        metric = source.metric(event.metric_id)
        register = metric.name if metric is not None else translate("Readings", "a removed register")
        named.append(
            translate("Readings", "“{change}” on {register}").format(change=event.kind.label, register=register)
        )
    listed = ", ".join(named)
    if len(events) == 1:
        return translate("Readings", "The meter change recorded with it ({changes}) is deleted too.").format(
            changes=listed
        )
    return translate(
        "Readings", "The %n meter changes recorded with them ({changes}) are deleted too.", None, len(events)
    ).format(changes=listed)


def _local_range(start: datetime, end: datetime) -> ReadingFilter:
    # Naive local wall-clock times made aware one by one, so each gets the UTC offset in force on
    # its own date (a July filter typed in January must not start an hour off).
    return ReadingFilter(start=start.astimezone(), end=end.astimezone())


class ReadingsViewModel(BaseViewModel):
    """The readings of the selected source as the table shows them.

    ``reset(source, total)`` tells the table to start over with ``total`` rows; the table then asks
    for the pages it shows through ``fetch_page``. Loads are stale-proof: a result that arrives after
    the source, order or filter changed is dropped.
    """

    #: (Source | None, total rows)
    reset = Signal(object, int)
    #: Rows were deleted: (how many)
    deleted = Signal(int)

    def __init__(
        self,
        db: SessionProvider,
        repo_factory: Callable[..., ReadingRepository] | None = None,
        parent: QObject | None = None,
        changes: DataChanged | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        #: Told what changed after each committed write (without one, the table reloads itself).
        self._changes = changes
        self._repo_factory = repo_factory
        #: Where committed deletes are recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None
        self.source: Source | None = None
        self.total = 0
        self.order = ReadingOrder(descending=True)
        self.filter = ReadingFilter()
        #: Rows fetched together with the count (in parallel) so the table opens on them at once;
        #: 0 fetches none. A table model sets it to its page size.
        self.first_page_size = 0
        self._generation = 0
        self._first_page: tuple[int, list[ReadingLine]] | None = None

    def prime(self, source: Source, total: int, rows: list[ReadingLine]) -> None:
        """Show rows read elsewhere (the start-up snapshot) for ``source`` in the default order.

        The table opens on them at once; later pages and refreshes come from the database as usual.
        """
        self.source = source
        self.order = ReadingOrder(descending=True)
        self.filter = ReadingFilter()
        self._generation += 1
        self.total = total
        self._first_page = (self._generation, rows)
        self.reset.emit(source, total)

    @property
    def generation(self) -> int:
        """Changes whenever what the table shows changes; pages of an older generation are dropped."""
        return self._generation

    async def load(self, source: Source | None) -> None:
        """Show the readings of ``source`` (None: nothing)."""
        self.source = source
        await self.refresh()

    async def set_order(self, order: ReadingOrder) -> None:
        self.order = order
        await self.refresh()

    def clear_filter(self) -> None:
        """Forget the filter: the next load or refresh shows every reading."""
        self.filter = ReadingFilter()

    async def set_filter_text(self, text: str) -> None:
        self.filter = parse_filter(text)
        await self.refresh()

    async def refresh(self) -> None:
        """Count again and let the table reload what it shows."""
        self._generation += 1
        generation = self._generation
        source = self.source
        if source is None or source.id is None:
            self.total = 0
            self.reset.emit(None, 0)
            return
        async with self._action():
            if self.first_page_size > 0:
                import asyncio

                # Two sessions, two connections: the count of a big table and its first rows
                # take the same time instead of one after the other.
                total, first = await asyncio.gather(
                    self._count(source.id), self._first_rows(source, self.first_page_size)
                )
            else:
                total, first = await self._count(source.id), None
            if generation != self._generation:
                return
            self.total = total
            self._first_page = (generation, first) if first is not None else None
            self.reset.emit(source, total)

    def first_page(self) -> list[ReadingLine] | None:
        """The first ``first_page_size`` rows, fetched with the count, for a ``reset`` slot.

        None if they were not fetched or belong to an older generation.
        """
        first = self._first_page
        if first is None or first[0] != self._generation:
            return None
        return first[1]

    async def fetch_page(self, offset: int, limit: int) -> tuple[int, list[ReadingLine]]:
        """Rows ``offset`` .. ``offset + limit`` of the current view, tagged with their generation."""
        generation = self._generation
        source = self.source
        if source is None:
            return generation, []
        async with self._db.session(readonly=True) as session:
            rows = await self._repo(session).page(source, offset, limit, self.order, self.filter, self.total)
        return generation, rows

    async def row_of(self, reading_id: int) -> int | None:
        """Row where a reading appears now (to select it after saving), if the order makes that cheap."""
        source = self.source
        if source is None or source.id is None:
            return None
        async with self._db.session(readonly=True) as session:
            return await self._repo(session).row_of(source.id, reading_id, self.order, self.filter)

    async def meter_changes_of(self, reading_ids: Sequence[int]) -> list[MeterEvent]:
        """The meter changes recorded with these readings: deleting them deletes these too."""
        if not reading_ids:
            return []
        from ..repositories import MeterEventRepository

        async with self._db.session(readonly=True) as session:
            return await MeterEventRepository(session).for_readings(reading_ids)

    async def delete(self, reading_ids: Sequence[int]) -> None:
        source = self.source
        if source is None or source.id is None or not reading_ids:
            return
        async with self._action():
            from ..domain.undo import Scope
            from ..services.undo import Recording

            recording = Recording()
            async with self._db.session() as session:
                if self.history is not None:
                    await recording.start(session, Scope(readings=frozenset(reading_ids)))
                count = await self._repo(session).delete(source.id, reading_ids)
                if self.history is not None:
                    await recording.finish(session)
            if self.history is not None:
                from .undo import Change

                self.history.record(
                    Change(
                        translate("Undo", "Delete %Ln Reading(s)", None, count),
                        recording.scope,
                        recording.before,
                        recording.after,
                        What.READINGS | What.METER_CHANGES,
                        [source.id],
                    )
                )
            self.deleted.emit(count)
        if self._changes is not None:
            self._changes.notify(What.READINGS, [source.id])  # every page reloads, this one too
        else:
            await self.refresh()

    def _repo(self, session: AsyncSession) -> ReadingRepository:
        if self._repo_factory is None:
            from ..repositories import ReadingRepository  # SQLAlchemy: imported on first use

            self._repo_factory = ReadingRepository
        return self._repo_factory(session)

    async def _count(self, source_id: int) -> int:
        async with self._db.session(readonly=True) as session:
            return await self._repo(session).count(source_id, self.filter)

    async def _first_rows(self, source: Source, limit: int) -> list[ReadingLine]:
        async with self._db.session(readonly=True) as session:
            return await self._repo(session).page(source, 0, limit, self.order, self.filter)
