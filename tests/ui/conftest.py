"""UI tests run in a known locale, whatever the machine's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale


@pytest.fixture(autouse=True)
def british_locale() -> Iterator[None]:
    """Numbers and dates as in en_GB (dot decimal point, comma grouping) unless a test chooses otherwise."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)
