"""The import in a real worker thread, and Cancel: the batch rolls back and the reviewer is told.

The repository reports progress after every 1,000 rows; the tests watch those reports by
wrapping the service's `commit_import`, the way a reviewer's click would arrive between them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.chronology.entry import Agency
from reviewer_app.chronology.importing import ImportPreview
from reviewer_app.services.chronology import ChronologyService, ImportResult
from tests.ui.importing.agency_files import long_csv, multi_sheet_xlsx
from tests.ui.importing.conftest import MakeWizard
from tests.ui.importing.steps import (
    BACK,
    CANCEL,
    FINISH,
    NEXT,
    can_press,
    choose_file,
    name_agency,
    press,
    to_import_page,
)
from tests.ui.support import Shown
from ui.importing.widgets import Tone
from ui.tasks import ThreadTaskRunner

Watcher = Callable[[int, int], None]


def watch_progress(
    monkeypatch: pytest.MonkeyPatch, service: ChronologyService, watcher: Watcher
) -> None:
    """Call `watcher(done, total)` after each of the repository's progress reports."""
    real = service.commit_import

    def commit(
        preview: ImportPreview, agency: Agency, *, replaces: int | None = None, progress: Any = None
    ) -> ImportResult:
        def watched(done: int, total: int) -> None:
            progress(done, total)
            watcher(done, total)

        return real(preview, agency, replaces=replaces, progress=watched)

    monkeypatch.setattr(service, "commit_import", commit)


def test_cancel_during_the_import_rolls_everything_back(
    make_wizard: MakeWizard,
    service: ChronologyService,
    agency_files: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[Shown],
) -> None:
    wizard = make_wizard()
    emitted: list[int] = []
    wizard.imported.connect(emitted.append)
    choose_file(wizard, long_csv(agency_files, 1_500))
    name_agency(wizard, "Northtown Health Visiting")
    to_import_page(wizard)
    page = wizard.import_page
    reports: list[tuple[int, int]] = []

    def press_cancel_once(done: int, total: int) -> None:
        reports.append((done, total))
        if len(reports) == 1:
            assert page.cancel.isVisible() and page.cancel.isEnabled()
            page.cancel.click()  # the reviewer presses Cancel while rows are being written

    watch_progress(monkeypatch, service, press_cancel_once)
    page.start.click()

    assert reports == [(1_000, 1_500)], "the next progress report stopped the import"
    assert service.entries() == [] and service.batches() == []
    assert page.outcome.tone is Tone.INFORMATION
    assert page.outcome.message().startswith("Nothing was imported. The import was cancelled.")
    assert emitted == [] and not can_press(wizard, FINISH)
    assert can_press(wizard, BACK) and page.start.isVisible()
    assert message_boxes == []

    page.start.click()  # trying again brings the whole file in
    assert len(service.entries()) == 1_500 and len(emitted) == 1
    assert (
        page.outcome.message()
        == "Imported 1,500 entries for Northtown Health Visiting; 0 rows left out."
    )


def test_the_wizard_works_in_a_worker_thread_and_its_cancel_button_stops_the_import(
    qtbot: QtBot,
    make_wizard: MakeWizard,
    service: ChronologyService,
    agency_files: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner = ThreadTaskRunner()
    wizard = make_wizard(runner)
    gui = threading.get_ident()

    # Reading the file happens in the worker, behind a busy indicator.
    choose_file(wizard, long_csv(agency_files, 2_500))
    page1 = wizard.file_page
    assert page1.busy.isVisible() and not page1.choose.isEnabled()
    name_agency(wizard, "Northtown Health Visiting")
    assert not can_press(wizard, NEXT)
    qtbot.waitUntil(lambda: wizard.session.preview is not None, timeout=10_000)
    assert not page1.busy.isVisible() and can_press(wizard, NEXT)
    to_import_page(wizard)

    page = wizard.import_page
    worker_threads: list[int] = []
    paused = threading.Event()
    carry_on = threading.Event()

    def pause_after_first_report(done: int, total: int) -> None:
        worker_threads.append(threading.get_ident())
        if len(worker_threads) == 1:
            paused.set()
            carry_on.wait(10)

    watch_progress(monkeypatch, service, pause_after_first_report)
    page.start.click()
    qtbot.waitUntil(paused.is_set, timeout=10_000)
    qtbot.waitUntil(lambda: page.bar.value() == 1_000, timeout=5_000)  # polled from the worker
    assert page.bar.maximum() == 2_500
    assert not can_press(wizard, BACK) and not can_press(wizard, FINISH)

    press(wizard, CANCEL)  # the wizard's own Cancel button cancels the import...
    assert wizard.isVisible(), "...and does not close the wizard while the import runs"
    assert "Cancelling" in page.status.text()
    carry_on.set()
    qtbot.waitUntil(lambda: not page.running, timeout=10_000)

    assert worker_threads and all(thread != gui for thread in worker_threads)
    assert page.outcome.message().startswith("Nothing was imported.")
    assert service.entries() == [] and service.batches() == []
    assert can_press(wizard, BACK)
    runner.wait_for_done()


def test_a_whole_import_in_a_worker_thread(
    qtbot: QtBot,
    make_wizard: MakeWizard,
    service: ChronologyService,
    agency_files: Path,
    tmp_path: Path,
) -> None:
    runner = ThreadTaskRunner()
    wizard = make_wizard(runner)
    emitted: list[int] = []
    wizard.imported.connect(emitted.append)
    choose_file(wizard, multi_sheet_xlsx(agency_files))
    name_agency(wizard, "Northtown Police")
    qtbot.waitUntil(lambda: can_press(wizard, NEXT), timeout=10_000)
    press(wizard, NEXT)

    page2 = wizard.preview_page
    page2.sheet.setCurrentText("Chronology 2016")
    assert page2.busy.isVisible() and not can_press(wizard, NEXT)
    qtbot.waitUntil(lambda: page2.model.rowCount() == 5, timeout=10_000)
    qtbot.waitUntil(lambda: can_press(wizard, NEXT), timeout=5_000)
    press(wizard, NEXT)

    report = tmp_path / "report.csv"
    wizard.choose_report_path = lambda name: report
    wizard.problems_page.save.click()
    qtbot.waitUntil(lambda: wizard.problems_page.saved.isVisible(), timeout=10_000)
    assert report.read_text(encoding="utf-8-sig").startswith("Chronology validation report")
    press(wizard, NEXT)

    wizard.import_page.start.click()
    qtbot.waitUntil(lambda: bool(emitted), timeout=10_000)
    assert len(service.entries()) == 4
    assert wizard.import_page.outcome.message().startswith("Imported 4 entries")
    runner.wait_for_done()
