"""The translations of Home Log: refresh the .ts files from the code, compile them, count what is left.

    python packaging/translations.py update    # lupdate: every text of homelog_desktop/ into each .ts,
                                               # then what is still unfinished, per language
    python packaging/translations.py release   # lrelease: each .ts to its .qm beside it (build output)
    python packaging/translations.py check     # exit 1 if a .ts has unfinished or vanished entries

``make translations`` runs ``update`` and ``release``. A new language: copy homelog_de.ts to
homelog_<code>.ts, set its language attribute, clear the translations, run ``make translations``
(then add its name to ``homelog_desktop.i18n.LANGUAGE_NAMES``).

The .ts files keep no source locations (``-locations none``): line numbers would change with every
edit of the code and make each branch's .ts conflict with the others'.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
CODE = ROOT / "homelog_desktop"


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    #: "" (done), "unfinished" or "vanished"/"obsolete" (no longer in the code).
    state: str


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("homelog_*.ts"))


def sources() -> list[Path]:
    return sorted(path for path in CODE.rglob("*.py") if "migrations" not in path.parts)


def _tool(name: str) -> str:
    import PySide6

    here = Path(PySide6.__file__).resolve().parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    return f"pyside6-{name}"


def reads_plurals() -> bool:
    """Whether this PySide6's lupdate reads ``translate(ctx, text, None, n)`` as a plural. Older ones
    (6.9 and before) do not: an update with them would turn every plural into one unfinished form."""
    with tempfile.TemporaryDirectory() as folder:
        code, ts = Path(folder) / "probe.py", Path(folder) / "probe.ts"
        code.write_text("translate('Ctx', '%n counted', None, n)\n", encoding="utf-8")
        subprocess.run([_tool("lupdate"), "-silent", str(code), "-ts", str(ts)], check=True)
        return any(message.get("numerus") == "yes" for message in ET.parse(ts).getroot().iter("message"))


def update() -> None:
    """Every text of the code into each .ts (new ones unfinished; ones gone from the code dropped)."""
    if not reads_plurals():
        import PySide6

        raise SystemExit(
            f"translations.py: the lupdate of PySide6 {PySide6.__version__} does not read translate(…, None, n) as a "
            "plural; update the translations with the development environment's newer PySide6 (make translations)"
        )
    files = [str(path.relative_to(ROOT)) for path in sources()]
    for ts in ts_files():
        language = ts.stem.removeprefix("homelog_")
        subprocess.run(
            [_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-source-language", "en",
             "-target-language", language, *files, "-ts", str(ts.relative_to(ROOT))],
            check=True,
            cwd=ROOT,
        )  # fmt: skip


def release(folder: Path | None = None) -> list[Path]:
    """Each .ts compiled to homelog_<lang>.qm (beside it, or in ``folder``)."""
    made = []
    for ts in ts_files():
        qm = (folder or ts.parent) / f"{ts.stem}.qm"
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def entries(ts: Path) -> list[Entry]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            state = translation.get("type", "") if translation is not None else "unfinished"
            if not state and translation is not None:
                forms = [form.text or "" for form in translation.iter("numerusform")]
                if (forms and not all(forms)) or (not forms and not (translation.text or "")):
                    state = "unfinished"
            found.append(Entry(name, message.findtext("source") or "", state))
    return found


def unfinished(ts: Path) -> list[Entry]:
    return [entry for entry in entries(ts) if entry.state]


def report() -> int:
    """Print what is left per language; the number of entries left in all."""
    left = 0
    for ts in ts_files():
        todo = unfinished(ts)
        left += len(todo)
        print(f"{ts.name}: {len(entries(ts))} texts, {len(todo)} unfinished")
        for entry in todo[:50]:
            print(f"    [{entry.context}] {entry.source!r}")
        if len(todo) > 50:
            print(f"    … and {len(todo) - 50} more")
    return left


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
        report()
        return 0
    if command == "release":
        for qm in release():
            print(f"compiled {qm.relative_to(ROOT)}")
        return 0
    if command == "check":
        return 1 if report() else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
