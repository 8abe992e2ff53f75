"""The household's members: list, add, edit and remove them, and set their passwords."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.access import (
    Actor,
    Decision,
    MemberFacts,
    can_add_member,
    can_edit_member,
    can_remove_member,
    can_reset_password,
)
from ..domain.entities import Member
from ..domain.errors import DuplicateNameError, HomeLogError
from ..domain.issues import MemberField, PasswordField, RuleError
from ..domain.passwords import check_password
from ..domain.rules import check_member as member_issues
from ..i18n import QT_TRANSLATE_NOOP, translate
from .base import BaseViewModel

if TYPE_CHECKING:
    from ..db.database import Database
    from ..db.handle import SessionProvider
    from ..domain.entities import MemberAccount
    from ..services.auth import AuthService
    from .undo import UndoHistory

#: Why everything is allowed on a local file nobody signs in to.
OPEN_FILE_REASON = QT_TRANSLATE_NOOP(
    "MembersDialog", "Nobody signs in to this file: everyone at this computer may change the members."
)
#: ``last_error_field`` of a wrong current password.
CURRENT_PASSWORD = "current-password"


def check_member(name: str, email: str | None) -> dict[MemberField, str]:
    """What the rules find in the member form (the repository refuses the same): field -> message."""
    problems: dict[MemberField, str] = {}
    for issue in member_issues(Member(None, name, email)):
        assert isinstance(issue.field, MemberField)
        problems.setdefault(issue.field, issue.text)
    return problems


class MembersViewModel(BaseViewModel):
    """Every member of the household with their role and whether they have a password, sorted by name.

    Each change runs in one unit of work (services/members.py, services/auth.py) that also reads
    the new list, then emits ``members_loaded`` (and ``accounts_loaded``) and, for add and update,
    ``saved`` with the stored member. A refusal (empty name, e-mail taken, a password the rules
    refuse, a wrong current password, an action the access policy forbids) becomes
    ``error_occurred`` with ``last_error_field`` set to where it belongs (a MemberField, a
    PasswordField, ``CURRENT_PASSWORD``, or None: not about one field).

    ``decide_*`` say what the signed-in member may do (domain/access.py), for the dialog's buttons
    and tooltips; with nobody signed in (a local file without passwords) everything is allowed.
    """

    members_loaded = Signal(list)
    #: The same list as MemberAccount objects (member, role, has_password).
    accounts_loaded = Signal(list)
    #: The member just added or updated.
    saved = Signal(object)
    #: A member was deleted (their id), once the deletion has committed.
    deleted = Signal(int)
    #: A member's password was stored (their id).
    password_saved = Signal(int)

    def __init__(self, db: SessionProvider, auth: AuthService | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._auth = auth
        self.members: list[Member] = []
        self.accounts: list[MemberAccount] = []
        self.last_error_field: MemberField | PasswordField | str | None = None
        #: Where committed changes are recorded for Edit → Undo (None: not recorded).
        self.history: UndoHistory | None = None

    # -- what the signed-in member may do -------------------------------------------------------

    @property
    def actor(self) -> Actor | None:
        """Who is signed in (None: nobody signs in to this file)."""
        database = self._database_now()
        return database.actor if database is not None else None

    def decide_add(self) -> Decision:
        actor = self.actor
        return can_add_member(actor) if actor is not None else Decision(True, OPEN_FILE_REASON)

    def decide_edit(self, member: Member) -> Decision:
        actor = self.actor
        if actor is None or member.id is None:
            return Decision(True, translate("MembersDialog", OPEN_FILE_REASON))
        return can_edit_member(actor, MemberFacts(member.id, member.name))

    def decide_remove(self, member: Member) -> Decision:
        actor = self.actor
        if actor is None or member.id is None:
            return Decision(True, translate("MembersDialog", OPEN_FILE_REASON))
        return can_remove_member(actor, MemberFacts(member.id, member.name))

    def decide_password(self, member: Member) -> Decision:
        """Set a member's password: one's own (knowing the current one), or anyone's as administrator."""
        actor = self.actor
        if actor is None or member.id is None:
            return Decision(True, translate("MembersDialog", OPEN_FILE_REASON))
        if actor.member_id == member.id:
            return Decision(
                True, translate("MembersDialog", "This is you: you need your current password to change it.")
            )
        return can_reset_password(actor, MemberFacts(member.id, member.name))

    def needs_current_password(self, account: MemberAccount) -> bool:
        """Whether setting this member's password asks for the current one (one's own, when set)."""
        actor = self.actor
        return actor is not None and account.member.id == actor.member_id and account.has_password

    # -- checks and actions ----------------------------------------------------------------------

    def check(self, name: str, email: str | None) -> dict[MemberField, str]:
        """The problems of the member form as it is (empty: it can be saved)."""
        return check_member(name, email)

    def check_password(self, member: Member, password: str, confirmation: str) -> dict[PasswordField, str]:
        """The problems of a new password for ``member`` (the service refuses the same)."""
        problems: dict[PasswordField, str] = {}
        for issue in check_password(password, email=member.email, name=member.name, confirmation=confirmation):
            assert isinstance(issue.field, PasswordField)
            problems.setdefault(issue.field, issue.text)
        return problems

    async def load(self) -> None:
        async with self._action():
            service = await self._service()
            self._publish(await service.accounts())

    async def add(self, name: str, email: str | None) -> None:
        await self._store(Member(None, name, email))

    async def update(self, member: Member) -> None:
        await self._store(member)

    async def delete(self, member_id: int) -> None:
        """Remove a member; readings they entered and sources they own stay (the link is cleared)."""
        self.last_error_field = None
        async with self._action():
            service = await self._service()
            recording = _recording(self.history)
            name = next((m.name for m in self.members if m.id == member_id), "")
            self._publish(await service.remove(member_id, recording=recording))
            _record(
                self.history,
                recording,
                translate("Undo", "Remove Member “{name}”").format(name=name)
                if name
                else translate("Undo", "Remove Member"),
            )
            self.deleted.emit(member_id)

    async def set_password(self, member_id: int, new: str, confirmation: str, current: str | None = None) -> None:
        """Store a member's password: with ``current`` it is the member's own change, else a reset."""
        from ..services.auth import PasswordRejectedError, SignInRefusedError

        self.last_error_field = None
        async with self._action():
            service = await self._service()
            auth = await self._auth_service()
            actor = self.actor
            try:
                if actor is not None and actor.member_id == member_id:
                    await auth.change_own_password(actor, current or "", new, confirmation)
                else:
                    await auth.reset_password(actor, member_id, new, confirmation)
            except PasswordRejectedError as exc:
                field = exc.problems[0].field
                self.last_error_field = field if isinstance(field, PasswordField) else None
                raise
            except SignInRefusedError:
                self.last_error_field = CURRENT_PASSWORD
                raise
            self._publish(await service.accounts())
            self.password_saved.emit(member_id)

    async def _store(self, member: Member) -> None:
        self.last_error_field = None
        async with self._action():
            service = await self._service()
            recording = _recording(self.history)
            try:
                stored, accounts = await (
                    service.add(member.name, member.email, recording=recording)
                    if member.id is None
                    else service.update(member, recording=recording)
                )
            except HomeLogError as exc:
                self.last_error_field = _field_of(exc)
                raise
            verb = (
                translate("Undo", "Add Member “{name}”")
                if member.id is None
                else translate("Undo", "Edit Member “{name}”")
            )
            _record(self.history, recording, verb.format(name=stored.name))
            self._publish(accounts)
            self.saved.emit(stored)

    def _publish(self, accounts: list[MemberAccount]) -> None:
        self.accounts = accounts
        self.members = [a.member for a in accounts]
        self.accounts_loaded.emit(accounts)
        self.members_loaded.emit(self.members)

    def _database_now(self) -> Database | None:
        from ..db.handle import PendingDatabase

        if isinstance(self._db, PendingDatabase):
            return self._db.database
        return self._db  # type: ignore[return-value]

    async def _database(self) -> Database:
        from ..db.handle import PendingDatabase

        if isinstance(self._db, PendingDatabase):
            return await self._db.wait()
        return self._db  # type: ignore[return-value]

    async def _service(self) -> MemberService:
        from ..services.members import MemberService

        return MemberService(await self._database())

    async def _auth_service(self) -> AuthService:
        if self._auth is None:
            from ..services.auth import AuthService

            self._auth = AuthService(await self._database())
        return self._auth


if TYPE_CHECKING:
    from ..services.members import MemberService
    from ..services.undo import Recording


def _recording(history: UndoHistory | None) -> Recording | None:
    if history is None:
        return None
    from ..services.undo import Recording

    return Recording()


def _record(history: UndoHistory | None, recording: Recording | None, name: str) -> None:
    """A committed change of the members becomes the next step of Edit → Undo."""
    if history is None or recording is None:
        return
    from .changes import What
    from .undo import Change

    history.record(Change(name, recording.scope, recording.before, recording.after, What.MEMBERS | What.READINGS))


def _field_of(error: HomeLogError) -> MemberField | None:
    if isinstance(error, DuplicateNameError):
        return MemberField.EMAIL  # the only thing of a member that must be unique
    if isinstance(error, RuleError) and isinstance(error.issues[0].field, MemberField):
        return error.issues[0].field
    return None
