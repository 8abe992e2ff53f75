"""Where a shared household lives on a PostgreSQL server, and the URL a member connects with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

#: PostgreSQL's usual port.
DEFAULT_PORT = 5432


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A household database on a server: host, port and database name (never a user or password)."""

    host: str
    database: str
    port: int = DEFAULT_PORT

    @property
    def display(self) -> str:
        """``host:port/database``, for titles and messages."""
        return f"{self.host}:{self.port}/{self.database}"

    def url(self, user: str | None = None, password: str | None = None) -> URL:
        """The asyncpg URL, as ``user`` with ``password`` (None: from PGPASSWORD / ~/.pgpass)."""
        return URL.create(
            "postgresql+asyncpg",
            username=user,
            password=password,
            host=self.host,
            port=self.port,
            database=self.database,
        )

    @classmethod
    def from_url(cls, url: str | URL) -> ServerAddress | None:
        """The address of a PostgreSQL URL (its user and password left out); None for another URL."""
        parsed = make_url(url)
        if parsed.get_backend_name() != "postgresql" or not parsed.database:
            return None
        return cls(parsed.host or "localhost", parsed.database, parsed.port or DEFAULT_PORT)
