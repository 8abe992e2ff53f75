"""ORM tables; rows never leave repositories/ (they map to domain dataclasses there).

Timestamps are stored as whole seconds since the epoch in UTC (an INTEGER sorts, indexes and
bulk-loads far faster than text, and means the same on SQLite and PostgreSQL). Values are stored as
doubles: every value is checked to have at most 15 significant digits, which a double keeps exactly,
and is rounded to its metric's decimals when read back. Ids are never reused (AUTOINCREMENT on
SQLite), so a dialog left open on a deleted reading can never overwrite a newer one.
"""

from __future__ import annotations

import time

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _epoch_now() -> int:
    return int(time.time())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class MemberRow(Base):
    __tablename__ = "members"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    created_at: Mapped[int] = mapped_column(BigInteger)
    #: "admin" (the household's administrator, the first member) or "member" (domain.access.Role).
    role: Mapped[str] = mapped_column(String(10), default="member", server_default="member")
    updated_at: Mapped[int] = mapped_column(BigInteger, default=_epoch_now, onupdate=_epoch_now, server_default="0")
    #: Counts the row's changes (a save that started from an older one is a conflict); who and when.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class MemberPasswordRow(Base):
    """A member's password as an Argon2 hash (no row: the member has no password)."""

    __tablename__ = "member_passwords"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    hash: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[int] = mapped_column(BigInteger)


class SourceRow(Base):
    __tablename__ = "sources"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), default="other", server_default="other")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    #: On a public source, every member may add readings (domain.access.can_add_reading).
    members_may_add_readings: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    interval_days: Mapped[int | None] = mapped_column(Integer)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    billing_start_month: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    #: Counts the row's changes (a save that started from an older one is a conflict); who and when.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class MetricRow(Base):
    __tablename__ = "metrics"
    __table_args__ = (UniqueConstraint("source_id", "name"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(30), default="")
    kind: Mapped[str] = mapped_column(String(10), default="counter")
    decimals: Mapped[int] = mapped_column(Integer, default=2)
    digits: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(BigInteger, default=_epoch_now, server_default="0")
    #: Counts the row's changes (a save that started from an older one is a conflict); who and when.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class ReadingRow(Base):
    __tablename__ = "readings"
    __table_args__ = (
        # One reading per source and time (migration 0004); the id rides along for index-only scans.
        Index("uq_readings_source_id_ts", "source_id", "ts", unique=True, postgresql_include=["id"]),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    ts: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    estimated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    from_bill: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    #: Counts the row's changes (a save that started from an older one is a conflict); who and when.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class ReadingValueRow(Base):
    """One metric's value of a reading; ``ts`` repeats the reading's so scans need no join.

    ``start_ts`` is the start of an interval metric's period [start_ts, ts) (migration 0007); NULL for
    counters and gauges, and for an interval value whose period is unknown (the first value of a
    metric stored before 0007, which meant "since the previous reading" and had none).
    """

    __tablename__ = "reading_values"
    __table_args__ = (Index("ix_reading_values_metric_ts_value", "metric_id", "ts", "value"),)

    reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id", ondelete="CASCADE"), primary_key=True)
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id", ondelete="CASCADE"), primary_key=True)
    ts: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[float] = mapped_column(Float(precision=53))
    start_ts: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class MeterEventRow(Base):
    """A meter replacement, reset or rollover of one metric (values as exact decimal text)."""

    __tablename__ = "meter_events"
    __table_args__ = (Index("ix_meter_events_metric_ts", "metric_id", "ts"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id", ondelete="CASCADE"))
    ts: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(String(40))
    new_value: Mapped[str | None] = mapped_column(String(40))
    digits: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    #: The reading the change was recorded with (deleting the reading deletes the change).
    reading_id: Mapped[int | None] = mapped_column(ForeignKey("readings.id", ondelete="CASCADE"), index=True)
    updated_at: Mapped[int] = mapped_column(BigInteger, default=_epoch_now, server_default="0")
    #: Counts the row's changes (a save that started from an older one is a conflict); who and when.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class TariffRow(Base):
    """A metric's price from a local date on (decimal text, so money stays exact)."""

    __tablename__ = "tariffs"
    __table_args__ = (UniqueConstraint("metric_id", "valid_from"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id", ondelete="CASCADE"))
    #: ISO date (YYYY-MM-DD), local calendar.
    valid_from: Mapped[str] = mapped_column(String(10))
    unit_price: Mapped[str] = mapped_column(String(40))
    standing_charge: Mapped[str] = mapped_column(String(40), default="0")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    updated_at: Mapped[int] = mapped_column(BigInteger, default=_epoch_now, server_default="0")
    #: Counts the row's changes (a save that started from an older one is a conflict); who and when.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class ConversionFactorRow(Base):
    """How a metric's unit converts into energy (kWh) from a local date on (decimal text, exact)."""

    __tablename__ = "conversion_factors"
    __table_args__ = (UniqueConstraint("metric_id", "valid_from"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id", ondelete="CASCADE"))
    #: ISO date (YYYY-MM-DD), local calendar.
    valid_from: Mapped[str] = mapped_column(String(10))
    #: Calorific value (or kWh per litre, 1000 for MWh) and the gas Z-number: their product converts.
    factor: Mapped[str] = mapped_column(String(40))
    z_number: Mapped[str] = mapped_column(String(40), default="1")
    unit: Mapped[str] = mapped_column(String(20), default="kWh")
    updated_at: Mapped[int] = mapped_column(BigInteger, default=_epoch_now, server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)


class AdvancePaymentRow(Base):
    """A source's advance payment per month from a local date on (decimal text, so money stays exact)."""

    __tablename__ = "advance_payments"
    __table_args__ = (UniqueConstraint("source_id", "valid_from"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    valid_from: Mapped[str] = mapped_column(String(10))
    amount: Mapped[str] = mapped_column(String(40))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    updated_at: Mapped[int] = mapped_column(BigInteger, default=_epoch_now, server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[int | None] = mapped_column(Integer)
