"""The import wizard on a Home Log JSON export: its own page, progress with Cancel, the summary, and a source
identical to the exported one (real widgets offscreen, real SQLite files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from homelog_desktop.db import Database, sqlite_url
from homelog_desktop.domain.entities import Member, Metric, MetricKind, Source
from homelog_desktop.repositories import MemberRepository, SourceRepository
from homelog_desktop.services.exporting import ExportFormat, export_sources, export_text
from homelog_desktop.viewmodels.importing import ImportViewModel
from homelog_desktop.views.import_wizard import PAGE_HOMELOG, PAGE_PROGRESS, PAGE_SUMMARY, ImportWizard
from tests.integration.test_roundtrip_sources import NAME, build_rich, fresh_database
from tests.roundtrip_support import differences, snapshot

SHOTS = os.environ.get("HOMELOG_SHOTS")


def _shot(widget, name: str) -> None:
    """Save a screenshot when HOMELOG_SHOTS names a folder (to look at, not kept in git)."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def exported(run, tmp_path) -> Path:
    """A JSON export of the rich source and a small one, made in a database of their own."""
    original = run(fresh_database(tmp_path / "original.db", members=()))
    try:
        run(build_rich(original))

        async def everything() -> list[Source]:
            async with original.session(readonly=True) as session:
                return await SourceRepository(session).all()

        path = tmp_path / "Haus export.json"
        run(export_sources(original, run(everything()), path))
    finally:
        run(original.dispose())
    return path


def _open(qtbot, db: Database, path: Path, tmp_path: Path) -> ImportWizard:
    vm = ImportViewModel(db, path, tmp_path / "profiles")
    wizard = ImportWizard(vm)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(
        lambda: vm.homelog is not None and wizard.currentId() == PAGE_HOMELOG, timeout=60_000
    )  # 150,000 rows read on a loaded machine
    return wizard


def _press_import(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10_000)
    button = wizard.button(QWizard.WizardButton.CommitButton)
    assert button.isVisible() and button.isEnabled() and button.text() == "Import"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_wizard_imports_a_home_log_export_identical(qtbot, run, db, db_path, exported, tmp_path) -> None:
    """No mapping pages: the export's page lists its sources, Import stores them, and the source is the same."""

    async def members() -> None:
        async with db.session() as session:
            for name in ("Ann", "Bjørn Ødegård"):
                await MemberRepository(session).add(Member(None, name))

    run(members())
    wizard = _open(qtbot, db, exported, tmp_path)
    page = wizard.homelog_page
    text = page.outline.text()
    assert "Électricité" in text and "40 readings" in text and "3 tariffs" in text and "2 meter changes" in text
    assert "new: created with all of it" in text
    assert page.skip.isChecked()
    _shot(wizard, "import-homelog-page")
    wizard.resize(800, 600)
    _shot(wizard, "import-homelog-page-800x600")
    _press_import(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    assert wizard.summary_page.headline.text() == "Imported 45 readings into 2 sources. All of them are new."
    assert "Tariffs: 3 added." in wizard.summary_page.text.toPlainText()
    _shot(wizard, "import-homelog-summary-800x600")
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert differences(snapshot(tmp_path / "original.db", NAME), snapshot(db_path, NAME)) == []


def test_wizard_names_what_is_there_already(qtbot, run, db, exported, tmp_path) -> None:
    """Imported twice: the page says the sources are there, and the summary what was skipped."""
    wizard = _open(qtbot, db, exported, tmp_path)
    _press_import(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY, timeout=20_000)
    assert "Not members here: “Ann”, “Bjørn Ødegård”" in wizard.summary_page.text.toPlainText()
    wizard.close()
    again = _open(qtbot, db, exported, tmp_path)
    assert "already here: only what it lacks is added" in again.homelog_page.outline.text()
    _press_import(qtbot, again)
    qtbot.waitUntil(lambda: again.currentId() == PAGE_SUMMARY, timeout=20_000)
    summary = again.summary_page.text.toPlainText()
    assert "Readings: 0 imported, 40 skipped" in summary and "3 already here" in summary


def test_wizard_cancel_of_a_home_log_import_stores_nothing(qtbot, run, db, tmp_path) -> None:
    """Cancel while a big export is stored: nothing is, and the summary says so."""
    source = Source(7, "Viertelstunden", metrics=(Metric(1, "Bezug", "kWh", MetricKind.INTERVAL, decimals=3),))
    start = 1_700_000_000
    rows = [(start + 900 * i, "", (i % 97) / 8, start + 900 * (i - 1), False, False, None) for i in range(150_000)]
    path = tmp_path / "big.json"
    path.write_text(export_text(source, [rows], ExportFormat.JSON), encoding="utf-8")
    wizard = _open(qtbot, db, path, tmp_path)
    pages: list[int] = []

    def cancel_at_first_progress(_progress: object) -> None:
        # Cancel pressed while the first progress is shown: the import cannot have finished
        # meanwhile (clicking once the signal has been waited for raced a fast import).
        wizard.vm.progress.disconnect(cancel_at_first_progress)
        pages.append(wizard.currentId())
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)

    wizard.vm.progress.connect(cancel_at_first_progress)
    with qtbot.waitSignal(wizard.vm.cancelled, timeout=30_000):
        _press_import(qtbot, wizard)
    assert pages == [PAGE_PROGRESS]
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SUMMARY)
    assert wizard.summary_page.headline.text() == "Import cancelled: nothing was changed."

    async def count() -> int:
        async with db.session(readonly=True) as session:
            return len(await SourceRepository(session).all())

    assert run(count()) == 0


def test_wizard_refuses_a_damaged_export_with_a_message(qtbot, db, tmp_path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "homelog-readings", "version": 7, "sources": []}', encoding="utf-8")
    vm = ImportViewModel(db, path, tmp_path / "profiles")
    messages: list[str] = []
    vm.error_occurred.connect(messages.append)
    wizard = ImportWizard(vm)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "version 7" in messages[0]
    assert vm.homelog is None


def test_wizard_on_a_home_log_csv_names_the_reading_columns(qtbot, run, db, exported, tmp_path) -> None:
    """Home Log's own CSV: the mapping page shows the period start, flag and author columns for what they are."""
    from homelog_desktop.services.exporting import export_readings
    from homelog_desktop.views.import_wizard import PAGE_MAPPING
    from homelog_desktop.views.models.importing import KIND_TEXTS, MappingColumn

    original = Database(sqlite_url(tmp_path / "original.db"))
    try:

        async def rich() -> Source:
            async with original.session(readonly=True) as session:
                return await SourceRepository(session).get_by_name(NAME)

        path = tmp_path / "haus.csv"
        run(export_readings(original, run(rich()), path, ExportFormat.CSV))
    finally:
        run(original.dispose())
    vm = ImportViewModel(db, path, tmp_path / "profiles")
    wizard = ImportWizard(vm)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: vm.detected is not None and not vm.busy, timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING)
    model = wizard.mapping_page.model
    targets = {
        model.index(row, MappingColumn.COLUMN).data(): model.index(row, MappingColumn.TARGET).data()
        for row in range(model.rowCount())
    }
    assert targets["Heizöl start"] == "Period start of “Heizöl”"
    assert targets["estimated"] == "Estimated (flag)" and targets["from bill"] == "From a bill (flag)"
    assert targets["entered by"] == "Entered by (member)"
    kinds = {
        model.index(row, MappingColumn.COLUMN).data(): model.index(row, MappingColumn.KIND).data()
        for row in range(model.rowCount())
    }
    assert kinds["Heizöl"] == KIND_TEXTS[MetricKind.INTERVAL]
    wizard.resize(800, 600)
    _shot(wizard, "import-homelog-csv-mapping-800x600")
