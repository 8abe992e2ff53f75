"""The computer's time zone with its DST rules, on Linux and on a simulated Windows registry."""

from __future__ import annotations

import sys
import types
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from homelog_desktop.config import system_zone

KEY = r"SYSTEM\CurrentControlSet\Control\TimeZoneInformation"


def fake_winreg(values: dict[str, object]) -> types.ModuleType:
    """The registry calls tzlocal makes (winreg), answering ``values`` for the time zone key."""
    module = types.ModuleType("winreg")

    class Key:
        def Close(self) -> None:
            pass

    def open_key(_handle: object, name: str) -> Key:
        assert name == KEY
        return Key()

    items = list(values.items())
    module.HKEY_LOCAL_MACHINE = object()  # type: ignore[attr-defined]
    module.ConnectRegistry = lambda _computer, _hive: object()  # type: ignore[attr-defined]
    module.OpenKey = open_key  # type: ignore[attr-defined]
    module.QueryInfoKey = lambda _key: (0, len(items), 0)  # type: ignore[attr-defined]
    module.EnumValue = lambda _key, i: (items[i][0], items[i][1], 1)  # type: ignore[attr-defined]
    return module


@pytest.fixture
def windows_registry(monkeypatch: pytest.MonkeyPatch):
    """windows_registry(values): Windows' time zone settings as the registry would hold them."""
    monkeypatch.delenv("TZ", raising=False)

    def install(values: dict[str, object]) -> None:
        monkeypatch.setitem(sys.modules, "winreg", fake_winreg(values))
        monkeypatch.delitem(sys.modules, "tzlocal.win32", raising=False)  # a fresh module: no cached zone

    yield install
    sys.modules.pop("tzlocal.win32", None)


def test_system_zone_windows_registry_gives_the_iana_zone(windows_registry) -> None:
    """Windows' "W. Europe Standard Time" is Europe/Berlin, with its DST change (not a fixed offset)."""
    windows_registry({"TimeZoneKeyName": "W. Europe Standard Time\x00\x00", "DynamicDaylightTimeDisabled": 0})
    zone = system_zone(platform="win32")
    assert zone == ZoneInfo("Europe/Berlin")
    assert datetime(2024, 3, 30, 12, tzinfo=zone).utcoffset() == timedelta(hours=1)
    assert datetime(2024, 3, 31, 12, tzinfo=zone).utcoffset() == timedelta(hours=2)


def test_system_zone_windows_other_zones(windows_registry) -> None:
    """Other registry names map too (US Eastern)."""
    windows_registry({"TimeZoneKeyName": "Eastern Standard Time"})
    assert system_zone(platform="win32") == ZoneInfo("America/New_York")


def test_system_zone_unknown_registry_value_falls_back(windows_registry) -> None:
    """A registry name no mapping knows: the current offset, not a crash."""
    windows_registry({"TimeZoneKeyName": "Nowhere Standard Time"})
    zone = system_zone(platform="win32")
    assert datetime.now(zone).utcoffset() == datetime.now().astimezone().utcoffset()


def test_system_zone_tz_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """$TZ naming a zone is used as it is."""
    monkeypatch.setenv("TZ", "Australia/Sydney")
    assert system_zone() == ZoneInfo("Australia/Sydney")
