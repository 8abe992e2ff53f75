"""The household's members: list, add, edit and remove them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Member
from ..domain.errors import DuplicateNameError, HomeLogError
from ..domain.issues import MemberField, RuleError
from ..domain.rules import check_member as member_issues
from ..repositories import MemberRepository
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.handle import SessionProvider


def check_member(name: str, email: str | None) -> dict[MemberField, str]:
    """What the rules find in the member form (the repository refuses the same): field -> message."""
    problems: dict[MemberField, str] = {}
    for issue in member_issues(Member(None, name, email)):
        assert isinstance(issue.field, MemberField)
        problems.setdefault(issue.field, issue.text)
    return problems


class MembersViewModel(BaseViewModel):
    """Every member of the household, kept sorted by name.

    Each change runs in one write session that also reads the new list, then emits
    ``members_loaded`` and, for add and update, ``saved`` with the stored member. A refusal
    (empty name, e-mail taken) becomes ``error_occurred`` with ``last_error_field`` set to the
    field (None: not about one field) so the form can show it next to the field.
    """

    members_loaded = Signal(list)
    #: The member just added or updated.
    saved = Signal(object)
    #: A member was deleted (their id), once the deletion has committed.
    deleted = Signal(int)

    def __init__(
        self,
        db: SessionProvider,
        repo_factory: Callable[..., MemberRepository] = MemberRepository,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = repo_factory
        self.members: list[Member] = []
        self.last_error_field: MemberField | None = None

    def check(self, name: str, email: str | None) -> dict[MemberField, str]:
        """The problems of the member form as it is (empty: it can be saved)."""
        return check_member(name, email)

    async def load(self) -> None:
        async with self._action():
            async with self._db.session(readonly=True) as session:
                members = await self._repo(session).all()
            self._publish(members)

    async def add(self, name: str, email: str | None) -> None:
        await self._store(Member(None, name, email))

    async def update(self, member: Member) -> None:
        await self._store(member)

    async def delete(self, member_id: int) -> None:
        """Remove a member; readings they entered and sources they own stay (the link is cleared)."""
        self.last_error_field = None
        async with self._action():
            async with self._db.session() as session:
                repo = self._repo(session)
                await repo.delete(member_id)
                members = await repo.all()
            self._publish(members)
            self.deleted.emit(member_id)

    async def _store(self, member: Member) -> None:
        self.last_error_field = None
        async with self._action():
            try:
                async with self._db.session() as session:
                    repo = self._repo(session)
                    stored = await (repo.add(member) if member.id is None else repo.update(member))
                    members = await repo.all()
            except HomeLogError as exc:
                self.last_error_field = _field_of(exc)
                raise
            self._publish(members)
            self.saved.emit(stored)

    def _publish(self, members: list[Member]) -> None:
        self.members = members
        self.members_loaded.emit(members)


def _field_of(error: HomeLogError) -> MemberField | None:
    if isinstance(error, DuplicateNameError):
        return MemberField.EMAIL  # the only thing of a member that must be unique
    if isinstance(error, RuleError) and isinstance(error.issues[0].field, MemberField):
        return error.issues[0].field
    return None
