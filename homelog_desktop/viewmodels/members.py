"""The household's members: list, add, edit and remove them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.entities import Member
from ..domain.errors import DuplicateNameError, HomeLogError, ValidationError
from ..repositories import MemberRepository
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.handle import SessionProvider


def check_member(name: str, email: str | None) -> dict[str, str]:
    """Problems the member form can point out before saving: field ("name", "email") -> message."""
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Name is required."
    text = (email or "").strip()
    if text and ("@" not in text or " " in text):
        problems["email"] = f"E-mail: “{text}” is not an e-mail address (leave it empty if there is none)."
    return problems


class MembersViewModel(BaseViewModel):
    """Every member of the household, kept sorted by name.

    Each change runs in one write session that also reads the new list, then emits
    ``members_loaded`` and, for add and update, ``saved`` with the stored member. A refusal
    (empty name, e-mail taken) becomes ``error_occurred`` with ``last_error_field`` set to "name",
    "email" or "" so the form can show it next to the field.
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
        self.last_error_field = ""

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
        self.last_error_field = ""
        async with self._action():
            async with self._db.session() as session:
                repo = self._repo(session)
                await repo.delete(member_id)
                members = await repo.all()
            self._publish(members)
            self.deleted.emit(member_id)

    async def _store(self, member: Member) -> None:
        self.last_error_field = ""
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


def _field_of(error: HomeLogError) -> str:
    if isinstance(error, DuplicateNameError):
        return "email"  # the only thing of a member that must be unique
    if isinstance(error, ValidationError):
        return {"Name": "name", "E-mail": "email"}.get(error.field, "")
    return ""
