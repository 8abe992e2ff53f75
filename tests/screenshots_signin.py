"""Screenshots of signing in, the Members dialog and the connect dialog, at their preferred size and on
an 800×600 screen, with what is cut off listed.

Run: QT_QPA_PLATFORM=offscreen python -m tests.screenshots_signin [--out DIR]   (default /tmp/signin/shots)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QCoreApplication, QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget

from tests.layout_support import Screen, cut_off, fit
from tests.screenshots_sizes import until

SCREENS = (Screen("normal", QSize(1366, 768), 9.0), Screen("800x600", QSize(800, 600), 9.0))
ANN_PW, BOB_PW = "ann's long passphrase", "bob-Secret-2026"


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.problems: list[str] = []
        self.taken: list[Path] = []

    async def shoot(self, widget: QWidget, name: str) -> None:
        for screen in SCREENS:
            fit(widget, screen, widget.sizeHint() if screen.name == "normal" else None)
            await asyncio.sleep(0.08)
            path = self.out / f"{name}-{screen.name}.png"
            widget.grab().save(str(path))
            self.taken.append(path)
            self.problems.extend(f"{path.name}: {p}" for p in cut_off(widget))


async def shoot_all(out: Path) -> Shooter:
    from argon2 import PasswordHasher

    from homelog_desktop.db import Database, sqlite_url
    from homelog_desktop.db.migrate import migrate
    from homelog_desktop.db.server import ServerAddress
    from homelog_desktop.domain.access import Actor, Role
    from homelog_desktop.services.auth import AuthService, PasswordHashing, SignInThrottle
    from homelog_desktop.services.members import MemberService
    from homelog_desktop.viewmodels.connect import ConnectViewModel
    from homelog_desktop.viewmodels.members import MembersViewModel
    from homelog_desktop.viewmodels.sign_in import SignInViewModel
    from homelog_desktop.views.connect_dialog import ConnectDialog
    from homelog_desktop.views.members_dialog import MembersDialog
    from homelog_desktop.views.sign_in_dialog import SignInDialog, remember_login

    shots = Shooter(out)
    tmp = Path(tempfile.mkdtemp(prefix="homelog-signin-shots-"))
    db = Database(sqlite_url(tmp / "homelog.db"))
    cheap = PasswordHashing(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    try:
        await migrate(db)
        service = MemberService(db)
        ann, _ = await service.add("Ann Example", "ann@example.org")
        bob, _ = await service.add("Bob", None)
        await service.add("Cat with a rather long name, Esq.", "cat.with.a.long.address@example.household.org")
        auth = AuthService(db, hashing=cheap, throttle=SignInThrottle())
        await auth.reset_password(None, ann.id, ANN_PW)
        await auth.reset_password(None, bob.id, BOB_PW)
        where = str(tmp / "Home Log" / "homelog.db")

        # -- sign-in ------------------------------------------------------------------------------
        remember_login(where, "Ann Example")
        vm = SignInViewModel(auth.sign_in)
        dialog = SignInDialog(vm, where)
        dialog.show()
        await shots.shoot(dialog, "sign-in")
        dialog.password_edit.setText("not the password")
        await vm.sign_in("Ann Example", "not the password")
        await shots.shoot(dialog, "sign-in-refused")
        for attempt in range(3):
            await vm.sign_in("Ann Example", f"wrong {attempt}")
        await shots.shoot(dialog, "sign-in-wait")
        dialog.done(0)
        # On a server Cancel goes back to the local file; at the first start with only a server it quits.
        for name, cancel, hint in (
            ("sign-in-server", "Open My &Local File", "Open My Local File goes back to the data on this PC."),
            ("sign-in-server-first", "&Quit", "Quit closes Home Log: nobody is signed in."),
        ):
            server_dialog = SignInDialog(
                SignInViewModel(auth.sign_in),
                "nas.local:5432/homelog",
                server=True,
                cancel_text=cancel,
                cancel_hint=hint,
            )
            server_dialog.show()
            await shots.shoot(server_dialog, name)
            server_dialog.done(0)

        # -- members ------------------------------------------------------------------------------
        for who, actor in (("admin", Actor(ann.id, Role.ADMIN)), ("member", Actor(bob.id, Role.MEMBER))):
            db.sign_in_as(actor)
            members_vm = MembersViewModel(db, auth=auth)
            members = MembersDialog(members_vm)
            members.show()
            await until(lambda members=members: members.member_list.topLevelItemCount() == 3, "members")
            members.member_list.setCurrentItem(members.member_list.topLevelItem(0))
            await shots.shoot(members, f"members-{who}")
            if who == "member":
                members.member_list.setCurrentItem(members.member_list.topLevelItem(1))
                members.password_button.click()
                members.password_new.setText("short")
                members.password_again.setText("shirt")
                members.password_save_button.click()
                await shots.shoot(members, "members-member-own-password")
            else:
                members.member_list.setCurrentItem(members.member_list.topLevelItem(2))
                members.password_button.click()
                await shots.shoot(members, "members-admin-set-password")
            members.done(0)

        # -- connect ------------------------------------------------------------------------------
        connect_vm = ConnectViewModel()
        connect = ConnectDialog(connect_vm)
        connect.show()
        await until(
            lambda: connect.remember_box.toolTip() != "Checking whether this computer has a password store…", "keyring"
        )
        await shots.shoot(connect, "connect-empty")
        connect.host_edit.setText("127.0.0.1")
        connect.port_spin.setValue(1)
        connect.database_edit.setText("homelog")
        connect.login_edit.setText("Ann Example")
        connect.password_edit.setText(ANN_PW)
        await connect_vm.test(ServerAddress("127.0.0.1", "homelog", 1), "Ann Example", ANN_PW)
        await shots.shoot(connect, "connect-error")
        connect.done(0)

        # -- the window, signed in ----------------------------------------------------------------
        from homelog_desktop.viewmodels.workspace import make_workspace
        from homelog_desktop.views.main import MainWindow

        db.sign_in_as(Actor(ann.id, Role.ADMIN))
        window = MainWindow()
        window.show()
        workspace = make_workspace(db, where)
        window.bind(workspace)
        window.set_identity("Ann Example", admin=True, server="nas.local:5432/homelog")
        await until(lambda: window.welcome.isVisible(), "the welcome page")
        for screen in SCREENS:
            window.resize(screen.room)
            await asyncio.sleep(0.1)
            path = out / f"window-signed-in-{screen.name}.png"
            window.grab().save(str(path))
            shots.taken.append(path)
        print("title:", window.windowTitle())
        window.unbind()
        await workspace.close()
        window.close()
    finally:
        await db.dispose()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/signin/shots")
    args = parser.parse_args()
    QCoreApplication.setOrganizationName("HomeLogScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings_dir = tempfile.mkdtemp(prefix="homelog-settings-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    shots = asyncio.run(shoot_all(Path(args.out)), loop_factory=qasync.QEventLoop)
    for path in shots.taken:
        print(path)
    for problem in shots.problems:
        print("CUT OFF:", problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
