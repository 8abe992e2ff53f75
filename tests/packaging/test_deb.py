"""The built .deb, installed as a user would get it: files in place, the program passes its
self-test, the menu entry and metainfo validate, and an upgrade keeps the user's data.

Runs only when $HOMELOG_PACKAGES names a folder holding the .deb (`make package-check` sets it).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop import APP_ID, __version__
from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.repositories import ReadingRepository, SourceRepository
from tests.conftest import T0, make_reading, make_source
from tests.packaging.test_versions import built_deb

DEB = built_deb()
pytestmark = pytest.mark.skipif(DEB is None, reason="no .deb built: run `make package-check`")

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "HOMELOG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), **extra)
    env.pop("PYTHONPATH", None)  # the installed program must not need the source tree
    return env


def _dpkg(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """dpkg on a scratch root of its own (a dpkg database there; the system's is untouched)."""
    command = ["dpkg", f"--root={root}", "--force-depends", "--force-script-chrootless", *args]
    if os.geteuid() != 0:
        if shutil.which("fakeroot") is None:
            pytest.skip("dpkg --root needs root or fakeroot")
        command = ["fakeroot", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Iterator[Path]:
    """The .deb unpacked into a scratch root with dpkg -x."""
    assert DEB is not None
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg", "-x", str(DEB), str(root)], check=True, timeout=300)
    yield root


def test_deb_installs_program_menu_entry_metainfo_and_icons(installed):
    """/opt/homelog holds the program, /usr/bin/homelog points at it, and the desktop files are in place."""
    assert os.access(installed / "opt/homelog/homelog", os.X_OK)
    assert os.readlink(installed / "usr/bin/homelog") == "/opt/homelog/homelog"
    assert (installed / f"usr/share/applications/{APP_ID}.desktop").is_file()
    assert (installed / f"usr/share/metainfo/{APP_ID}.metainfo.xml").is_file()
    for size in ICON_SIZES:
        assert (installed / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file(), size
    assert (installed / f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert (installed / "usr/share/doc/homelog/copyright").is_file()


def test_deb_holds_the_compiled_translations_and_qts_own(installed):
    """Every language of resources/translations compiled into the bundle, with Qt's own texts in it."""
    bundle = installed / "opt/homelog"
    for ts in (Path(__file__).resolve().parents[2] / "resources" / "translations").glob("homelog_*.ts"):
        language = ts.stem.removeprefix("homelog_")
        assert list(bundle.rglob(f"homelog_{language}.qm")), language
        assert list(bundle.rglob(f"qtbase_{language}.qm")), language


def test_deb_installed_program_passes_its_self_test(installed, tmp_path):
    """The installed program, run from the scratch root without the source tree, exits 0 after a real round trip."""
    done = subprocess.run(
        [str(installed / "opt/homelog/homelog"), "--self-test"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Home Log {__version__} self-test passed" in done.stdout
    assert "the main window shows the source and its reading" in done.stdout
    assert "pyqtgraph" in done.stdout and "openpyxl" in done.stdout


def test_deb_desktop_entry_and_metainfo_validate(installed):
    """desktop-file-validate and appstreamcli validate accept the installed files."""
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install desktop-file-utils appstream")
    desktop = subprocess.run(
        ["desktop-file-validate", str(installed / f"usr/share/applications/{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert desktop.returncode == 0 and not desktop.stdout.strip(), desktop.stdout
    meta = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(installed / f"usr/share/metainfo/{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert meta.returncode == 0, meta.stdout + meta.stderr


def test_deb_depends_on_the_system_qt_libraries_and_bundles_none_of_them(installed):
    """Depends names the X11/xcb, EGL/GL, fontconfig and D-Bus libraries; the bundle carries no copy of them."""
    assert DEB is not None
    depends = subprocess.run(["dpkg-deb", "-f", str(DEB), "Depends"], capture_output=True, text=True, check=True)
    names = {part.split()[0] for part in depends.stdout.replace("\n", " ").split(",")}
    wanted = {
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-image0",
        "libxcb-render-util0",
        "libxcb-shape0",
        "libxkbcommon-x11-0",
        "libegl1",
        "libfontconfig1",
        "libgl1",
        "libdbus-1-3",
    }
    assert wanted <= names, wanted - names
    bundled = {p.name for p in (installed / "opt/homelog").rglob("*.so*")}
    for system_lib in ("libfontconfig.so.1", "libX11.so.6", "libxcb.so.1", "libEGL.so.1", "libdbus-1.so.3"):
        assert system_lib not in bundled


def _probe(program: Path, home: Path) -> str:
    """Start the program as a user would (its probe quits after the first data); the 'shown' line."""
    done = subprocess.run(
        [str(program)],
        env=_env(home, HOMELOG_STARTUP_PROBE="1"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return next(line for line in done.stdout.splitlines() if line.startswith("shown "))


def _next_version(deb: Path, work: Path) -> Path:
    """The same package as a higher version (with a marker file), as the next release would be."""
    tree = work / "next"
    subprocess.run(["dpkg-deb", "-R", str(deb), str(tree)], check=True, timeout=300)
    control = tree / "DEBIAN" / "control"
    control.write_text(control.read_text().replace(f"Version: {__version__}\n", f"Version: {__version__}+next1\n"))
    (tree / "opt/homelog/NEXT-VERSION").write_text("installed by the upgrade\n")
    target = work / "homelog-next.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "-z1", "--build", str(tree), str(target)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shutil.rmtree(tree)
    return target


def test_deb_upgrade_to_the_next_version_keeps_the_users_data(tmp_path):
    """dpkg -i of this version, data entered, dpkg -i of a higher version: the data is untouched and shown;
    removing the package leaves it too."""
    assert DEB is not None
    root = tmp_path / "root"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        (root / folder).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    home = tmp_path / "home"
    program = root / "opt/homelog/homelog"

    first = _dpkg(root, "-i", str(DEB))
    assert first.returncode == 0, first.stderr
    assert _probe(program, home) == "shown sources=0 readings=0"
    db_file = home / ".local/share/HomeLog/homelog.db"
    assert db_file.is_file()  # in the user's folder, not under /opt

    async def add() -> None:
        db = Database(sqlite_url(db_file))
        async with db.session() as s:
            source = await SourceRepository(s).add(make_source("House meter"))
            for day, (a, b) in enumerate([("100.0", "50.0"), ("110.5", "55.0")]):
                await ReadingRepository(s).add(source, make_reading(source, T0.replace(day=1 + day), a, b))
        await db.dispose()

    asyncio.run(add())
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()

    upgrade = _dpkg(root, "-i", str(_next_version(DEB, tmp_path)))
    assert upgrade.returncode == 0, upgrade.stderr
    status = _dpkg(root, "-s", "homelog")
    assert f"Version: {__version__}+next1" in status.stdout
    assert (root / "opt/homelog/NEXT-VERSION").is_file()
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before
    assert _probe(program, home) == "shown sources=1 readings=2"

    removed = _dpkg(root, "--purge", "homelog")
    assert removed.returncode == 0, removed.stderr
    assert not (root / "opt/homelog").exists()
    assert db_file.is_file()
