"""Repositories: one per aggregate, on an AsyncSession, returning domain objects, never committing."""

from ..domain.queries import ReadingFilter, ReadingOrder
from .members import MemberRepository
from .meter_changes import MeterEventRepository, TariffRepository
from .readings import ReadingRepository
from .sources import SourceRepository

__all__ = [
    "MemberRepository",
    "MeterEventRepository",
    "ReadingFilter",
    "ReadingOrder",
    "ReadingRepository",
    "SourceRepository",
    "TariffRepository",
]
