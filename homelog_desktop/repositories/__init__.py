"""Repositories: one per aggregate, on an AsyncSession, returning domain objects, never committing."""

from .members import MemberRepository
from .readings import ReadingFilter, ReadingOrder, ReadingRepository
from .sources import SourceRepository

__all__ = ["MemberRepository", "ReadingFilter", "ReadingOrder", "ReadingRepository", "SourceRepository"]
