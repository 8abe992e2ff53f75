"""``homelog report --format pdf`` as a user runs it: a real process writes the annual report."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.db.migrate import migrate
from tests.annual_report_support import LONG_NAME, build_household, pdf_info, pdf_text
from tests.processes import homelog

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")

    async def build() -> None:
        db = Database(sqlite_url(folder / "homelog.db"))
        try:
            await migrate(db)
            await build_household(db)
        finally:
            await db.dispose()

    asyncio.run(build())
    return folder


def _report(data_dir: Path, *args: str, locale: str = "C.UTF-8"):
    """``homelog report`` with its settings in ``data_dir/config`` (not the user's) and ``locale``."""
    return homelog(data_dir, "report", "--data-dir", str(data_dir), *args, TZ="Europe/Berlin", LC_ALL=locale)


def test_cli_pdf_of_every_source(data_dir, tmp_path):
    """--format pdf -o FILE --year 2025: cover + a page per source, the hand-checked figures, A4 by default."""
    out = tmp_path / "annual.pdf"
    done = _report(data_dir, "--format", "pdf", "-o", str(out), "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: the annual report of 3 sources, 4 pages"
    info = pdf_info(out)
    assert info["Pages"] == "4" and "A4" in info["Page size"]
    cover = pdf_text(out, 1)
    # No locale configured: British English conventions, as the window then writes them.
    assert "Annual report 2025" in cover and "365.000 m³" in cover and "€812.50" in cover
    water = pdf_text(out, 4)
    january = next(line for line in water.splitlines() if line.strip().startswith("January 2025"))
    assert january.split()[2:6] == ["31.000", "31", "1.00000", "65.10"]


def test_cli_pdf_is_in_the_systems_language(data_dir, tmp_path):
    """On a German system the PDF is the window's German report (texts, months, numbers and money),
    while the command line's own messages stay English."""
    out = tmp_path / "jahresbericht.pdf"
    done = _report(data_dir, "--format", "pdf", "-o", str(out), "--year", "2025", locale="de_DE.UTF-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: the annual report of 3 sources, 4 pages"
    cover = " ".join(pdf_text(out, 1).split())
    assert "Jahresbericht 2025" in cover and "1. Januar – 31. Dezember 2025" in cover
    assert "365,000 m³" in cover and "812,50 €" in cover
    assert "Mittel 12,000 °C" in cover and "keine Ablesungen in 2025" in cover
    assert "Annual report" not in cover and "no readings" not in cover and "mean" not in cover
    water = pdf_text(out, 4)
    january = next(line for line in water.splitlines() if line.strip().startswith("Januar 2025"))
    assert january.split()[2:6] == ["31,000", "31", "1,00000", "65,10"]


def test_cli_pdf_follows_the_language_chosen_in_the_settings(data_dir, tmp_path):
    """Deutsch chosen in File → Settings… on an English system: the PDF is German, as the window is."""
    settings = data_dir / "config" / "HomeLog" / "Home Log.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\nlanguage=de\n", encoding="utf-8")
    try:
        out = tmp_path / "jahresbericht.pdf"
        done = _report(data_dir, "--format", "pdf", "-o", str(out), "--year", "2025", locale="en_GB.UTF-8")
        assert done.returncode == 0, done.stderr
        cover = " ".join(pdf_text(out, 1).split())
        assert "Jahresbericht 2025" in cover and "Messstellen" in cover
    finally:
        settings.unlink()


def test_cli_pdf_of_chosen_sources_on_letter(data_dir, tmp_path):
    """--source (any case, repeatable), --billing-year, --page-size letter."""
    out = tmp_path / "water.pdf"
    done = _report(
        data_dir,
        "--format",
        "pdf",
        "-o",
        str(out),
        "--billing-year",
        "2025",
        "--source",
        "water",
        "--page-size",
        "letter",
    )
    assert done.returncode == 0, done.stderr
    info = pdf_info(out)
    assert info["Pages"] == "2" and "letter" in info["Page size"]
    assert "Billing year 2025" in pdf_text(out, 1)


def test_cli_pdf_of_a_year_without_readings(data_dir, tmp_path):
    """An empty year still makes a report that says so."""
    out = tmp_path / "2019.pdf"
    done = _report(data_dir, "--format", "pdf", "-o", str(out), "--year", "2019", "--source", LONG_NAME)
    assert done.returncode == 0, done.stderr
    assert "No readings in 2019." in pdf_text(out, 2)


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--format", "pdf", "--year", "2025"], "--format pdf needs -o FILE", 2),
        (
            ["--format", "pdf", "-o", "{tmp}/x.pdf", "--source", "Oil"],
            "no source named “Oil”; the sources are: Cellar",
            2,
        ),
        (["--format", "pdf", "-o", "{tmp}/missing/x.pdf"], "the folder {tmp}/missing does not exist", 1),
        (["--format", "pdf", "-o", "{tmp}/x.pdf", "--period", "month"], "--period is not used by --format pdf", 2),
        (["--format", "pdf", "-o", "{tmp}", "--year", "2025"], "is a folder", 2),
        (["--source", "Water", "--period", "month", "--year", "2025"], "--year is for --format pdf only", 2),
        (["--period", "month"], "--source NAME is required", 2),
        (["--source", "Water"], "--period is required", 2),
    ],
)
def test_cli_pdf_errors_are_one_line(data_dir, tmp_path, args, message, code):
    """Bad options and unwritable files: one line on stderr, no traceback, no file."""
    done = _report(data_dir, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert done.returncode == code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("homelog: error: ")
    assert message.replace("{tmp}", str(tmp_path)) in lines[0]
    assert not (tmp_path / "x.pdf").exists()


def test_cli_pdf_unwritable_file(data_dir, tmp_path):
    """A file the user may not write: one line naming it (exit 1)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = _report(data_dir, "--format", "pdf", "-o", str(folder / "x.pdf"), "--source", "Water")
    finally:
        folder.chmod(0o700)
    if done.returncode == 0:
        pytest.skip("running as a user who may write anywhere (root)")
    assert done.returncode == 1
    assert done.stderr.strip() == f"homelog: error: cannot write {folder / 'x.pdf'}: Permission denied"


def test_cli_report_help_has_examples(data_dir):
    """--help shows the PDF options and examples."""
    done = homelog(None, "report", "--help")
    assert done.returncode == 0
    assert "--format pdf -o report-2025.pdf --year 2025" in done.stdout
    assert "--billing-year YYYY" in done.stdout and "--page-size {a4,letter}" in done.stdout
