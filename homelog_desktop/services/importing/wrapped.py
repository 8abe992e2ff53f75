"""A record stream that reshapes another one's records (a long file's registers, a day row's amounts,
a file's later blocks): everything but the records themselves is the inner stream's."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from .rows import RecordStream


class WrappedStream:
    """Delegates opening, closing, progress, the line number and the sheet names to ``inner``;
    subclasses give ``__iter__`` (and ``batch``) of the reshaped records."""

    inner: RecordStream

    def __enter__(self) -> Self:
        self.inner.__enter__()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.inner.close()

    def close(self) -> None:
        self.inner.close()

    @property
    def bytes_total(self) -> int:
        return self.inner.bytes_total

    @property
    def bytes_done(self) -> int:
        return self.inner.bytes_done

    @property
    def line(self) -> int:
        return self.inner.line

    def sheet_names(self) -> list[str]:
        return self.inner.sheet_names()
