"""Icons of the app and of source categories, loaded once."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ..domain.entities import Category
from ..resources import resource_path


@cache
def category_icon(category: Category) -> QIcon:
    path = resource_path(f"icons/{category.value}.svg")
    if not path.exists():
        path = resource_path("icons/other.svg")
    return QIcon(str(path))


@cache
def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons/homelog.svg")))
