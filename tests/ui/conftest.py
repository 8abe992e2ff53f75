"""UI tests run in a known locale, whatever the machine's; ``isolated_settings`` for tests of the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings


@pytest.fixture(autouse=True)
def british_locale() -> Iterator[None]:
    """Numbers and dates as in en_GB (dot decimal point, comma grouping) unless a test chooses otherwise."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def isolated_settings(tmp_path: Path) -> Iterator[None]:
    """QSettings in a throw-away INI file, so remembered folders and selections never leak between tests."""
    organization = QCoreApplication.organizationName()
    default_format = QSettings.defaultFormat()
    QCoreApplication.setOrganizationName("HomeLogTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()
    QSettings.setDefaultFormat(default_format)
    QCoreApplication.setOrganizationName(organization)
