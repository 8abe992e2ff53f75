"""MembersViewModel against a real SQLite file: listing, adding, editing and removing members."""

from __future__ import annotations

import pytest

from homelog_desktop.domain.entities import Member
from homelog_desktop.domain.issues import MemberField
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from homelog_desktop.viewmodels.members import MembersViewModel, check_member
from tests.conftest import T0, make_reading


class Recorder:
    """Everything the view model emitted, by signal."""

    def __init__(self, vm: MembersViewModel) -> None:
        self.busy: list[bool] = []
        self.errors: list[str] = []
        self.lists: list[list[Member]] = []
        self.saved: list[Member] = []
        vm.busy_changed.connect(self.busy.append)
        vm.error_occurred.connect(self.errors.append)
        vm.members_loaded.connect(self.lists.append)
        vm.saved.connect(self.saved.append)


def names(members: list[Member]) -> list[str]:
    return [m.name for m in members]


def test_members_load_lists_members_by_name(qtbot, run, db, add_member):
    """load() sends every member sorted by name, case-insensitively."""
    add_member("bob")
    add_member("Ann", "ann@example.org")
    add_member("Chris")
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.load())

    assert [names(x) for x in rec.lists] == [["Ann", "bob", "Chris"]]
    assert rec.lists[0][0].email == "ann@example.org"
    assert vm.members == rec.lists[0]
    assert rec.busy == [True, False] and rec.errors == []


def test_members_add_stores_member_and_sends_new_list(qtbot, run, db, stored_members):
    """add() stores the member (e-mail optional), emits saved and the new list."""
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.add("  Ann  ", "ann@example.org"))
    run(vm.add("Bob", None))

    assert rec.errors == []
    assert rec.busy == [True, False, True, False]
    assert [(m.name, m.email) for m in rec.saved] == [("Ann", "ann@example.org"), ("Bob", None)]
    assert [names(x) for x in rec.lists] == [["Ann"], ["Ann", "Bob"]]
    assert stored_members() == rec.lists[-1]


def test_members_add_duplicate_email_reports_error_and_stores_nothing(qtbot, run, db, add_member, stored_members):
    """An e-mail that belongs to another member (any case) is refused and placed at the e-mail field."""
    add_member("Ann", "ann@example.org")
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.add("Annie", "ANN@example.org"))

    assert rec.busy == [True, False]
    assert len(rec.errors) == 1 and "already belongs to another member" in rec.errors[0]
    assert vm.last_error_field is MemberField.EMAIL
    assert rec.saved == [] and rec.lists == []
    assert names(stored_members()) == ["Ann"]


def test_members_add_empty_name_reports_error_at_name(qtbot, run, db, stored_members):
    """A blank name is refused by the repository and placed at the name field."""
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.add("   ", None))

    assert rec.busy == [True, False]
    assert rec.errors == ["Name is required."]
    assert vm.last_error_field is MemberField.NAME
    assert stored_members() == []


def test_members_update_changes_name_and_email(qtbot, run, db, add_member, stored_members):
    """update() stores the new name and e-mail of an existing member."""
    ann = add_member("Ann", "ann@example.org")
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.update(Member(ann.id, "Anne", None)))

    assert rec.errors == [] and rec.busy == [True, False]
    assert rec.saved == [Member(ann.id, "Anne", None)]
    assert stored_members() == [Member(ann.id, "Anne", None)]


def test_members_update_to_taken_email_keeps_stored_member(qtbot, run, db, add_member, stored_members):
    """Changing an e-mail to one another member has is refused; both members stay as they were."""
    ann = add_member("Ann", "ann@example.org")
    bob = add_member("Bob", "bob@example.org")
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.update(Member(bob.id, "Bob", "ann@example.org")))

    assert rec.busy == [True, False] and len(rec.errors) == 1
    assert vm.last_error_field is MemberField.EMAIL
    assert stored_members() == [ann, bob]


def test_members_delete_keeps_their_readings(qtbot, run, db, add_member, add_source, stored_members):
    """Removing a member keeps the readings they entered and the sources they own, unlinked."""
    ann = add_member("Ann")
    bob = add_member("Bob")
    source = add_source(owner_id=ann.id)

    async def store():
        async with db.session() as s:
            return await ReadingRepository(s).add(source, make_reading(source, T0, "1", "2", entered_by=ann.id))

    reading = run(store())
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.delete(ann.id))

    assert rec.errors == [] and rec.busy == [True, False]
    assert [names(x) for x in rec.lists] == [["Bob"]]
    assert stored_members() == [bob]

    async def fetch():
        async with db.session(readonly=True) as s:
            stored_source = await SourceRepository(s).get(source.id)
            return stored_source, await ReadingRepository(s).get(stored_source, reading.id)

    stored_source, stored_reading = run(fetch())
    assert stored_source.owner_id is None
    assert stored_reading.entered_by is None
    assert stored_reading.values == reading.values


def test_members_delete_missing_member_reports_error(qtbot, run, db):
    """Removing a member that no longer exists says so instead of failing silently."""
    vm = MembersViewModel(db)
    rec = Recorder(vm)

    run(vm.delete(12345))

    assert rec.busy == [True, False]
    assert rec.errors == ["That member no longer exists."]
    assert rec.lists == []


@pytest.mark.parametrize(
    ("name", "email", "expected"),
    [
        ("Ann", None, set()),
        ("Ann", "  ", set()),
        ("", "ann@example.org", {MemberField.NAME}),
        ("Ann", "not an address", {MemberField.EMAIL}),
        (" ", "nope", {MemberField.NAME, MemberField.EMAIL}),
    ],
)
def test_check_member_points_at_fields(name: str, email: str | None, expected: set[MemberField]) -> None:
    """check_member finds a missing name and an e-mail that is no address, by field."""
    assert set(check_member(name, email)) == expected
