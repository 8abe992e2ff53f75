"""Database access: the Database unit-of-work owner, ORM tables, migrations and the start-up snapshot.

``Database`` and ``sqlite_url`` are loaded on first use, so that ``db.snapshot`` and ``db.handle``
can be imported at start-up without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .database import Database, sqlite_url

__all__ = ["Database", "sqlite_url"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import database

        return getattr(database, name)
    raise AttributeError(name)
