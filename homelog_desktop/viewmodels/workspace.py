"""What the main window works with for one open database, assembled by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .readings import ReadingsViewModel
from .sources import SourcesViewModel

if TYPE_CHECKING:
    from ..domain.entities import Reading, Source
    from .members import MembersViewModel
    from .reading_editor import ReadingEditorViewModel
    from .source_editor import SourceEditorViewModel


@dataclass(eq=False)
class Workspace:
    """View models bound to one database plus factories for the per-dialog ones.

    The window never sees the Database itself: it asks these factories for view models.
    """

    #: Where the data lives (a file path or a server URL without password).
    location: str
    #: True for the sample household, which lives in its own file.
    is_sample: bool
    sources: SourcesViewModel
    readings: ReadingsViewModel
    reading_editor: Callable[[Source, Reading | None, int | None], ReadingEditorViewModel]
    source_editor: Callable[[Source | None], SourceEditorViewModel]
    members: Callable[[], MembersViewModel]
    close: Callable[[], Awaitable[None]]
