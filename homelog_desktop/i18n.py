"""Languages: the one helper every visible text goes through, and the translations loaded at start.

Every text a person sees is written in English in the code and goes through ``translate(context,
text)`` (or ``QT_TRANSLATE_NOOP`` in module-level tables, translated where shown), so that
``pyside6-lupdate`` finds it (``make translations``). Counts use ``%n`` with the count as the fourth,
positional argument (``translate("Ctx", "%n reading(s)", None, n)``; ``%Ln`` for a grouped number):
lupdate does not see a keyword ``n=``. In English "(s)", "is/are", "was/were" and "has/have" follow the count
(``english_plural``).

The translations live in resources/translations/homelog_<lang>.ts (Qt Linguist). Their compiled
.qm files are build output: ``make translations`` and the packages put them beside the .ts files;
a source or pip install compiles a missing or older one at start with PySide6's lrelease into the
cache folder (once per version of the .ts). Qt's own texts (standard buttons, context menus) come
from Qt's qtbase_<lang>.qm.

The language follows the system unless the settings (``LANGUAGE_KEY``) choose one; a change applies
at the next start.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale, QTranslator

log = logging.getLogger("homelog")

#: The settings key of the chosen language ("" or missing: the system's).
LANGUAGE_KEY = "language"
#: The language the texts are written in.
SOURCE_LANGUAGE = "en"
#: Each language's own name (shown in the settings as it is, in every language).
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}

#: The translators installed by ``install_translations`` (kept alive: Qt does not own them).
_installed: list[QTranslator] = []
#: Texts go through Qt (set by ``install_translations``, which the window calls at start, in any language).
_translating = False


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the user's language (``%n`` replaced by ``n``; pass ``n`` positionally).

    Before ``install_translations`` (the command line, the domain's rules used alone) the English
    text, its counts grouped as Python does ("1,234").
    """
    if not _translating:  # the command line, the domain used alone: English, counts as "1,234"
        result = text.replace("%Ln", f"{n:,}").replace("%n", str(n)) if n >= 0 else text
    else:
        from PySide6.QtCore import QCoreApplication

        result = str(QCoreApplication.translate(context, text, disambiguation, n))
    return english_plural(result, n) if n >= 0 else result


def local_number(value: object, *, grouped: bool = False) -> str:
    """A number in a message: with the locale's separators while a translation is shown (the window
    in German: "12.714,407"), else as Python writes it (the command line, English; ``grouped``: "1,234")."""
    text = str(value)
    if not _installed:
        return f"{value:,}" if grouped and isinstance(value, (int, Decimal, float)) else text
    from PySide6.QtCore import QLocale

    locale = QLocale()
    whole, _, decimals = text.lstrip("-").partition(".")
    if not whole.isdigit() or (decimals and not decimals.isdigit()):
        return text
    digits = locale.toString(int(whole)) if len(whole) < 16 else whole
    sign = locale.negativeSign() if text.startswith("-") else ""
    return f"{sign}{digits}{locale.decimalPoint() + decimals if decimals else ''}"


def english_plural(text: str, n: int) -> str:
    """The English forms of a count's text that no translation replaced: "%n reading(s)" is
    "1 reading", "2 readings"; "is/are", "was/were" and "has/have" agree with the count."""
    one = n == 1
    return (
        text.replace("(s)", "" if one else "s")
        .replace("is/are", "is" if one else "are")
        .replace("was/were", "was" if one else "were")
        .replace("has/have", "has" if one else "have")
    )


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks ``text`` of a table for lupdate; ``translate(context, text)`` where it is shown."""
    return text


def translations_dir() -> Path:
    return resource_path("translations")


def available_languages() -> list[str]:
    """The source language and every language with a translation file, e.g. ["en", "de"]."""
    found = sorted(path.stem.removeprefix("homelog_") for path in translations_dir().glob("homelog_*.ts"))
    return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]


def chosen_language() -> str:
    """The language chosen in the settings, or "" for the system's."""
    from PySide6.QtCore import QSettings

    value = QSettings().value(LANGUAGE_KEY, "")
    return value if isinstance(value, str) and value in available_languages() else ""


def choose_language(code: str) -> None:
    """Remember ``code`` ("" for the system's) for the next start."""
    from PySide6.QtCore import QSettings

    QSettings().setValue(LANGUAGE_KEY, code)


def ui_language(chosen: str | None = None, system: QLocale | None = None) -> str:
    """The language Home Log shows: the chosen one, else the system's if there is a translation, else English."""
    from PySide6.QtCore import QLocale

    chosen = chosen_language() if chosen is None else chosen
    if chosen:
        return chosen
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in available_languages():
            return code
    return SOURCE_LANGUAGE


def install_translations(chosen: str | None = None) -> str:
    """Load the translations of the language to show (see ``ui_language``) into the application,
    and make numbers and dates follow it when it was chosen rather than the system's. Returns its code.

    Never fails: a translation that cannot be loaded leaves the texts in English (logged).
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    global _translating
    _translating = True
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    chosen = chosen_language() if chosen is None else chosen
    language = ui_language(chosen)
    if chosen:
        system = QLocale.system()
        wanted = QLocale(language)
        # the chosen language with the system's country where that exists (English in Germany: en_DE)
        paired = QLocale(wanted.language(), system.territory())
        QLocale.setDefault(paired if paired.language() == wanted.language() else wanted)
    if language == SOURCE_LANGUAGE:
        return language
    qm = compiled_translation(language)
    own = QTranslator()
    if qm is not None and own.load(str(qm)):
        QCoreApplication.installTranslator(own)
        _installed.append(own)
    else:
        log.warning("No translation into %s could be loaded: the texts stay in English", language)
    qt = QTranslator()
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    return language


def compiled_translation(language: str) -> Path | None:
    """The .qm file of ``language``: the one built beside the .ts (packages, ``make translations``)
    when it is at least as new, else one compiled now into the cache folder; None if neither works."""
    from PySide6.QtCore import QStandardPaths

    ts = translations_dir() / f"homelog_{language}.ts"
    qm = ts.with_suffix(".qm")
    frozen = getattr(sys, "frozen", False)  # a bundle: its .qm was built with it (copied mtimes may differ)
    if qm.is_file() and (frozen or not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cache = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation) or tempfile.gettempdir()
    )
    target = cache / "translations" / f"homelog_{language}-{digest}.qm"
    if target.is_file():
        return target
    try:
        compile_translation(ts, target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("Could not compile %s: %s", ts, exc)
        return None
    return target


def lrelease() -> str | None:
    """PySide6's lrelease program (in the wheel), else one on the PATH."""
    import PySide6

    here = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        if (here / name).is_file():
            return str(here / name)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_translation(ts: Path, qm: Path) -> None:
    """``ts`` compiled to ``qm`` (written whole or not at all)."""
    program = lrelease()
    if program is None:
        raise OSError("lrelease was not found (it comes with PySide6)")
    qm.parent.mkdir(parents=True, exist_ok=True)
    partial = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
    try:
        subprocess.run([program, "-silent", str(ts), "-qm", str(partial)], check=True, capture_output=True, timeout=60)
        os.replace(partial, qm)
    finally:
        partial.unlink(missing_ok=True)
