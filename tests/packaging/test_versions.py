"""One version everywhere: the package, the AppStream metainfo, the Inno Setup script, and (once
built) the .deb and the bundle; the desktop entry and metainfo name the app id."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from homelog_desktop import APP_ID, HOMEPAGE, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ISS = ROOT / "packaging" / "windows" / "homelog.iss"


def newest_metainfo_release(path: Path) -> str:
    releases = ET.parse(path).getroot().findall("./releases/release")
    assert releases, f"{path} lists no <release>"
    return releases[0].attrib["version"]


def iss_default_version(path: Path) -> str:
    match = re.search(r'#define\s+AppVersion\s+"([^"]+)"', path.read_text(encoding="utf-8"))
    assert match, f"{path} has no default AppVersion"
    return match.group(1)


def built_deb() -> Path | None:
    folder = os.environ.get("HOMELOG_PACKAGES")
    if not folder:
        return None
    debs = sorted(Path(folder).glob(f"homelog_{__version__}_*.deb"))
    return debs[-1] if debs else None


def test_versions_metainfo_names_this_version_as_its_newest_release():
    """The software centre's newest release is the version in homelog_desktop.__version__."""
    assert newest_metainfo_release(LINUX / f"{APP_ID}.metainfo.xml") == __version__


def test_versions_inno_setup_default_is_this_version():
    """The Inno Setup script's default AppVersion (used without /DAppVersion) is this version."""
    assert iss_default_version(ISS) == __version__


def test_versions_readers_see_a_changed_version(tmp_path):
    """The readers above read the files (a different version is seen as different)."""
    meta = tmp_path / "m.xml"
    meta.write_text('<component><releases><release version="9.8.7"/><release version="1.0"/></releases></component>')
    iss = tmp_path / "h.iss"
    iss.write_text('#ifndef AppVersion\n  #define AppVersion "4.5.6"\n#endif\n')
    assert newest_metainfo_release(meta) == "9.8.7"
    assert iss_default_version(iss) == "4.5.6"


def test_versions_desktop_entry_and_metainfo_name_the_app():
    """The menu entry starts `homelog` (with the files it is asked to open: the import wizard) and
    the app id's icon, and opens CSV and .xlsx files; the metainfo launches that entry."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "homelog %F"
    assert {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= set(
        desktop["MimeType"].strip(";").split(";")
    )
    assert desktop["Icon"] == APP_ID
    assert desktop["Name"] == "Home Log"
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("./url[@type='homepage']") == HOMEPAGE
    assert root.findtext("project_license") == "MIT"


def test_versions_inno_setup_has_a_fixed_app_id_and_keeps_data_by_default():
    """AppId is a fixed GUID; the uninstaller deletes %APPDATA%\\HomeLog only after a Yes (No is the default)."""
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$", text, re.MULTILINE)
    assert "{userappdata}\\HomeLog" in text
    assert "MB_DEFBUTTON2) = IDYES" in text


@pytest.mark.skipif(built_deb() is None, reason="no .deb built: run `make package-check`")
def test_versions_deb_and_bundle_are_this_version():
    """The built .deb's control file and the bundled program report this version."""
    deb = built_deb()
    assert deb is not None
    control = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True)
    assert control.stdout.strip() == __version__
    program = Path(os.environ["HOMELOG_PACKAGES"]).parent / "dist" / "homelog" / "homelog"
    shown = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=True, timeout=60)
    assert shown.stdout.split() == ["homelog", __version__]
