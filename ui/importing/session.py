"""One import as the reviewer builds it up, and the slow work done for it off the GUI thread.

The pages of the wizard share an `ImportSession`: the chosen file, its current preview, the
agency and the earlier import it replaces. The functions at the bottom are what the worker
runs; they take and return plain data and never touch a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exporters.api import write_validation_report
from reviewer_app.chronology.entry import Agency, AgencyType
from reviewer_app.chronology.importing import Field, ImportPreview
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.errors import OperationCancelled
from reviewer_app.importers import preview_file
from reviewer_app.importers.pack_return import pack_reference, preview_pack_return
from reviewer_app.services.chronology import ChronologyService, ImportResult
from ui.tasks import Done, Failed, TaskRunner

CANCELLED_MESSAGE = (
    "The import was cancelled. Nothing from this file was imported, and any earlier import it "
    "was to replace is still there."
)


class ImportSession:
    """What the reviewer has chosen so far. Read and changed on the GUI thread only."""

    def __init__(self, service: ChronologyService) -> None:
        self.service = service
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.agency_name = ""
        self.agency_type = AgencyType.OTHER
        self.replaces: ImportBatch | None = None

    def existing_agency(self) -> Agency | None:
        """The agency already in the review with the typed name (ignoring case), if any."""
        wanted = self.agency_name.strip().casefold()
        if not wanted:
            return None
        for agency in self.service.agencies():
            if agency.name.strip().casefold() == wanted:
                return agency
        return None

    def batches_of(self, agency: Agency | None) -> list[ImportBatch]:
        """That agency's earlier imports, newest first."""
        if agency is None or agency.id is None:
            return []
        found = [batch for batch in self.service.batches() if batch.agency_id == agency.id]
        return sorted(found, key=lambda batch: batch.imported_at, reverse=True)


class LatestOnly:
    """Runs work through a `TaskRunner` and delivers only the newest request's outcome.

    A reviewer may change a column mapping twice before the first preview is ready; the
    answer to the first change must not overwrite the second.
    """

    def __init__(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._latest = 0
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        self._latest += 1
        token = self._latest
        self._running += 1

        def deliver(result: Any) -> None:
            self._running -= 1
            if token == self._latest:
                done(result)

        def deliver_error(error: Exception) -> None:
            self._running -= 1
            if token == self._latest:
                failed(error)

        self._runner.start(work, deliver, deliver_error)


class ImportProgress:
    """Carries the commit's progress to the GUI thread, and the reviewer's Cancel to the worker.

    The worker calls it as `commit_import`'s `progress`; the GUI thread polls `seen()` from a
    timer and calls `cancel()`. Only a lock and an event are shared, never a widget.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = 0
        self._total = 0
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise OperationCancelled(CANCELLED_MESSAGE)  # the batch's transaction rolls back
        with self._lock:
            self._done, self._total = done, total

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def seen(self) -> tuple[int, int]:
        with self._lock:
            return self._done, self._total


# -- work for the worker thread -----------------------------------------------------------


def read_preview(
    path: Path, sheet: str | None = None, mapping: dict[int, Field] | None = None
) -> ImportPreview:
    if sheet is None and mapping is None and pack_reference(path) is not None:
        # A request pack's completed template: read with its own columns, examples left out.
        return preview_pack_return(path)
    return preview_file(path, sheet=sheet, mapping=mapping)


def write_report(preview: ImportPreview, path: Path, agency_name: str) -> Path:
    """The validation report as CSV or Word, by the file name's suffix."""
    if path.suffix.lower() not in (".csv", ".docx"):
        path = path.with_suffix(".docx")
    return write_validation_report(preview, path, agency_name)


def commit(
    service: ChronologyService,
    preview: ImportPreview,
    agency_name: str,
    agency_type: AgencyType,
    replaces: int | None,
    progress: ImportProgress,
) -> tuple[Agency, ImportResult]:
    progress(0, len(preview.importable))  # a Cancel pressed already stops here
    return service.import_for_agency(
        preview, agency_name.strip(), agency_type, replaces=replaces, progress=progress
    )
