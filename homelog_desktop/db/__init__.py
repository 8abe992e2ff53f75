"""Database access: the Database unit-of-work owner, ORM tables and migrations."""

from .database import Database, sqlite_url

__all__ = ["Database", "sqlite_url"]
