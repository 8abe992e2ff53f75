"""Icons of the app and of source categories, loaded once."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon

from ..resources import resource_path

if TYPE_CHECKING:
    from ..domain.entities import Category


@cache
def category_icon(category: Category) -> QIcon:
    path = resource_path(f"icons/{category.value}.svg")
    if not path.exists():
        path = resource_path("icons/other.svg")
    return QIcon(str(path))


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons/homelog.svg")))
