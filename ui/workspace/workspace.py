"""The workspace of one open review: a navigation pane of its parts and a page for each.

The workspace builds pages and wires them together; behaviour lives in the pages and the
services they are handed. It holds nothing of the case after `clear()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from reviewer_app.actions.model import Action
from reviewer_app.learning.repository import LearningLibraryAccess
from reviewer_app.services.changes import Part
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.readiness import Guidance, ReadinessReport
from reviewer_app.services.review_details import ReviewFacts
from ui.chronology.page import ChronologyPage
from ui.errors import show_error
from ui.kept_typing import Kept, KeptForm
from ui.operations import push
from ui.overview_page import OverviewPage
from ui.tasks import TaskRunner
from ui.timeline.page import TimelinePage
from ui.workspace.agencies_page import AgenciesPage
from ui.workspace.broken_page import BrokenPage
from ui.workspace.commands import edit_details_command
from ui.workspace.details_dialog import DetailsDialog
from ui.workspace.sections import SECTIONS

if TYPE_CHECKING:
    from reviewer_app.chronology.repository import ImportBatch
    from reviewer_app.services.learning import LibraryService
    from reviewer_app.services.published import PublishedLibrary
    from ui.importing.wizard import ImportWizard
    from ui.report.page import ReportActions

log = logging.getLogger(__name__)
#: How long after the chronology is first on screen what waited for it starts (its paint done).
_CATCH_UP_MS = 250


#: The parts of the review each page shows: a change to any of them makes the page re-read.
_SHOWS: dict[str, frozenset[Part]] = {
    "chronology": frozenset({Part.CHRONOLOGY, Part.PEOPLE, Part.ANALYSIS, Part.DETAILS}),
    "timeline": frozenset({Part.CHRONOLOGY, Part.DETAILS}),
    "agencies": frozenset({Part.CHRONOLOGY, Part.PEOPLE}),
    "people": frozenset({Part.PEOPLE, Part.CHRONOLOGY}),
    "conversations": frozenset({Part.ANALYSIS, Part.PEOPLE, Part.CHRONOLOGY}),
    "episodes": frozenset({Part.ANALYSIS, Part.PEOPLE, Part.CHRONOLOGY}),
    "findings": frozenset({Part.ANALYSIS, Part.PEOPLE, Part.CHRONOLOGY}),
    "learning": frozenset({Part.LEARNING, Part.ANALYSIS, Part.QUALITY}),
    "markers": frozenset(Part),
    "timetable": frozenset(
        {Part.TIMETABLE, Part.DETAILS, Part.DRAFTS, Part.LOG, Part.ACTIONS, Part.ANALYSIS}
    ),
}
#: The part each page itself writes: its own changes it has shown already.
_OWN: dict[str, Part] = {
    "chronology": Part.CHRONOLOGY,
    "agencies": Part.CHRONOLOGY,
    "people": Part.PEOPLE,
    "conversations": Part.ANALYSIS,
    "episodes": Part.ANALYSIS,
    "findings": Part.ANALYSIS,
    "learning": Part.LEARNING,
    "markers": Part.QUALITY,
    "timetable": Part.TIMETABLE,
}


class _ChangeRelay(QObject):
    """Brings the change bus's notices (which may come from a worker) to the window's thread."""

    heard = Signal(object)

    def relay(self, part: Part) -> None:
        self.heard.emit(part)


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reviewer was: the part of the review and the selected entry."""

    section: str = "overview"
    entry_id: int | None = None


class Workspace(QWidget):
    lock_requested = Signal()
    change_passphrase_requested = Signal()
    close_requested = Signal()
    title_changed = Signal(str)
    library_requested = Signal()  # the reviewer wants to unlock the learning library

    def __init__(
        self,
        review: ReviewServices,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        library: LearningLibraryAccess | None = None,
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.library = library
        self.undo_stack = undo_stack
        self.runner = runner
        self.details = review.details
        self.chronology = review.chronology
        self.facts = self.details.load()
        # A change made anywhere (a page, an undo, an import in a worker) reaches the other
        # pages through the review's one change bus, relayed to this thread.
        self._relay = _ChangeRelay(self)
        self._relay.heard.connect(self._heard)
        self._stop_listening = review.changes.subscribe(self._relay.relay)
        self._stale: set[str] = set()
        self._guidance_timer = QTimer(self)
        self._guidance_timer.setSingleShot(True)
        self._guidance_timer.setInterval(250)
        self._guidance_timer.timeout.connect(self.refresh_guidance)
        self._guidance_waits = False  # the next steps wait for the chronology (see below)
        self._agencies_wait = False  # and so does the Agencies page

        self.navigation = QListWidget()
        self.navigation.setAccessibleName("Parts of the review")
        self.navigation.setMaximumWidth(240)
        self.navigation.setMinimumWidth(190)
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setStyleSheet(
            "QListWidget { background: palette(base); border-right: 1px solid palette(mid); }"
            "QListWidget::item { padding: 7px 12px; }"
        )
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        #: Typing kept across a lock for a page not built yet (ui.kept_typing), memory only.
        self._kept_for_later: Kept = {}

        self.overview = self._make_overview()
        self.chronology_page = ChronologyPage(self.chronology, undo_stack, runner)
        self.chronology_page.evidence_use = self._evidence_use
        self.chronology_page.evidence_removed.connect(self._evidence_removed)
        self.timeline_page = TimelinePage(self.chronology, runner)
        self.timeline_page.entry_activated.connect(self._show_entry_in_table)
        self._timeline_waits = False  # the timeline is laid out when the table has loaded
        self.chronology_page.loaded.connect(self._table_loaded)
        self.timeline_page.loaded.connect(self._timeline_loaded)
        self._shown_said = False  # whether the review has been told it is on screen
        self.agencies_page = AgenciesPage(self.chronology, runner, requests=review.requests)
        self.agencies_page.changed.connect(self._batches_changed)
        self.agencies_page.import_requested.connect(self.import_chronology)
        self.agencies_page.replace_requested.connect(self.replace_import)
        built: dict[str, QWidget] = {
            "overview": self.overview,
            "chronology": self.chronology_page,
            "timeline": self.timeline_page,
            "agencies": self.agencies_page,
        }
        # Pages for the other parts are made when first shown: opening a review stays quick,
        # and each reads its part of the file only when the reviewer goes there.
        self._factories: dict[str, Callable[[], QWidget]] = self._page_factories()
        for section in SECTIONS:
            page = built.get(section.key) or QWidget()
            self.pages[section.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.navigation.setCurrentRow(0)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.reload_chronology()
        # The Overview's next steps (which load the bank holidays and read the timetable and
        # markers) and the Agencies page are worked out at once when the table and the timeline
        # are already there, or when their page is what the reviewer is looking at; otherwise
        # once the chronology is first on screen, so that work never competes with reading and
        # laying out a big chronology (issue 16).
        waits = not self.first_screen_ready()
        self._guidance_waits = self._agencies_wait = waits
        if waits:
            QTimer.singleShot(0, self, self._guidance_if_overview)
        else:
            self.agencies_page.reload()
            self.refresh_guidance()

    # -- pages made on first use ---------------------------------------------------------------
    def _page_factories(self) -> dict[str, Callable[[], QWidget]]:
        # Each page's module is imported by its factory when the page is first shown: starting
        # the app and opening a review do not load pages nobody has looked at.
        review = self.review

        def people() -> QWidget:
            from ui.people.page import PeoplePage

            return PeoplePage(review.people, self.undo_stack, self.runner)

        def conversations() -> QWidget:
            from ui.analysis.conversations_page import ConversationsPage

            return ConversationsPage(review.analysis, self.undo_stack, self.runner)

        def episodes() -> QWidget:
            from ui.analysis.episodes_page import EpisodesPage

            return EpisodesPage(review.analysis, self.undo_stack, self.runner)

        def findings() -> QWidget:
            from ui.analysis.findings_page import FindingsPage

            return FindingsPage(
                review.analysis,
                self.undo_stack,
                self.runner,
                evidence=review.finding_evidence,
                published=self._published_library,
                unlock_library=self.library_requested.emit,
            )

        def learning() -> QWidget:
            from reviewer_app.services.learning import target_choices
            from ui.learning.learning_page import LearningNotesPage

            return LearningNotesPage(
                review.learning_notes,
                self._library_service,
                lambda: target_choices(
                    review.analysis.findings(),
                    [(row.number, row.title) for row in review.quality.dashboard_rows()],
                    review.analysis.episodes(),
                ),
                self.undo_stack,
                self.runner,
                unlock_library=self.library_requested.emit,
                export_dataset=self._write_learning_dataset,
            )

        def markers() -> QWidget:
            from ui.quality.page import QualityPage

            return QualityPage(
                review.quality,
                self.undo_stack,
                self.runner,
                readiness=self.readiness,
                export_self_assessment=self._write_self_assessment,
            )

        def timetable() -> QWidget:
            from ui.timetable.page import TimetablePage

            return TimetablePage(
                review.timetable,
                self.undo_stack,
                self.runner,
                rapid_review=review.rapid_review,
                drafts=review.drafts,
                action_plan=review,
            )

        return {
            "people": people,
            "conversations": conversations,
            "episodes": episodes,
            "findings": findings,
            "learning": learning,
            "markers": markers,
            "timetable": timetable,
            "report": self._report_page,
        }

    def _report_page(self) -> QWidget:
        exports = self.review.exports
        if exports is None:
            raise RuntimeError("this review was opened without its exporters")
        # The composition root gives `exporters.report.service.ReportService`, which is the
        # page's `ReportActions`; the service set names it loosely to stay free of exporters.
        from ui.report.page import ReportPage

        return ReportPage(
            cast("ReportActions", exports.report),
            self.runner,
            self.review.gate_decisions,
            writing=self.review.report_text,
            undo_stack=self.undo_stack,
        )

    def _write_learning_dataset(self, path: Path, file_format: str) -> object:
        exports = self.review.exports
        if exports is None:
            raise RuntimeError("this review was opened without its exporters")
        return exports.write_learning_dataset(path, "csv" if file_format == "csv" else "json")

    def _write_self_assessment(self, path: Path) -> object:
        exports = self.review.exports
        if exports is None:
            raise RuntimeError("this review was opened without its exporters")
        return exports.write_self_assessment(path, overwrite=True)  # the dialog has asked

    def _library_service(self) -> LibraryService | None:
        from reviewer_app.services.learning import LibraryService

        repository = self.library.repository if self.library is not None else None
        return LibraryService(repository) if repository is not None else None

    def _published_library(self) -> PublishedLibrary | None:
        """The library of published reviews, when the learning library is open."""
        from reviewer_app.services.published import PublishedLibrary

        store = self.library.published if self.library is not None else None
        return PublishedLibrary(store) if store is not None else None

    # -- changes made anywhere -----------------------------------------------------------------
    def _heard(self, part: Part) -> None:
        """Another page's data may have changed: pages that show it re-read it when next seen
        (the one in view, at once, unless it is the page that made the change)."""
        current = self.current_section()
        for key, parts in _SHOWS.items():
            if part not in parts:
                continue
            if key == current and _OWN.get(key) != part:
                self._reload_page(key)
            elif key != current:
                self._stale.add(key)
        self._guidance_timer.start()

    def _reload_page(self, key: str) -> None:
        self._stale.discard(key)
        if key in ("chronology", "timeline"):
            self.reload_chronology()
            return
        reload = getattr(self.pages.get(key), "reload", None)
        if callable(reload) and key not in self._factories:
            reload()

    def _evidence_use(self, entry_id: int) -> str:
        use = self.review.analysis.evidence_using_entry(entry_id)
        return "" if use.empty else use.describe()

    def readiness(self) -> ReadinessReport:
        """Everything to put right before a draft goes to the panel."""
        return self.review.readiness()

    def _catch_up(self) -> None:
        """What waited for the chronology to be on screen."""
        if self._agencies_wait:
            self._reload_agencies()
        if self._guidance_waits:
            self.refresh_guidance()

    def _reload_agencies(self) -> None:
        self._agencies_wait = False
        self.agencies_page.reload()

    def _guidance_if_overview(self) -> None:
        if self._guidance_waits and self.current_section() == "overview":
            self.refresh_guidance()

    def refresh_guidance(self) -> None:
        self._guidance_waits = False
        self.runner.start(self.review.next_steps, self._show_guidance, self._guidance_failed)
        self.runner.start(
            self.review.action_plan.overdue, self._show_overdue_actions, self._guidance_failed
        )

    def _show_overdue_actions(self, overdue: list[Action]) -> None:
        self.overview.set_overdue_actions(
            [
                f"{a.owner_agency}: {' '.join(a.action.split())} "
                f"(due {a.due.strftime('%d/%m/%Y') if a.due else ''})"
                for a in overdue
            ]
        )

    def _show_guidance(self, guidance: Guidance) -> None:
        steps = [(step.text, step.where, step.urgent) for step in guidance.steps]
        self.overview.set_guidance(guidance.stage, guidance.next_milestone, steps)

    def _guidance_failed(self, error: Exception) -> None:
        log.warning("the next steps could not be worked out (%s)", type(error).__name__)

    def _go_to(self, where: str) -> None:
        if where in self.pages:
            self.show_section(where)

    def _show_row(self, row: int) -> None:
        key = SECTIONS[row].key
        factory = self._factories.pop(key, None)
        if factory is not None:
            placeholder = self.pages[key]
            try:
                page = factory()
            except Exception as error:
                # A page that cannot be built is a fault in the app: the reviewer is told so
                # (the crash notice), and the page says so rather than stand empty.
                show_error(self, error)
                page = BrokenPage(SECTIONS[row].title)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = page
            self._stale.discard(key)
            kept = self._kept_for_later.pop(key, None)
            put_back = getattr(page, "put_back", None)
            if kept is not None and callable(put_back):
                put_back(kept)
        elif key in self._stale:
            self._reload_page(key)
        if key == "overview" and self._guidance_waits:
            self.refresh_guidance()
        if key == "agencies" and self._agencies_wait:
            self._reload_agencies()
        self.stack.setCurrentIndex(row)

    # -- overview ------------------------------------------------------------------------------
    def _make_overview(self) -> OverviewPage:
        page = OverviewPage(
            self.facts.details, self.review.path, child_date_of_birth=self.facts.child_date_of_birth
        )
        page.lock_requested.connect(self.lock_requested)
        page.change_passphrase_requested.connect(self.change_passphrase_requested)
        page.close_requested.connect(self.close_requested)
        page.edit_requested.connect(self.edit_details)
        page.go_to.connect(self._go_to)
        return page

    def edit_details(self) -> None:
        dialog = DetailsDialog(self.facts, self)

        def accepted() -> None:
            after = dialog.result_facts
            if after is None or after == self.facts:
                return
            push(
                self.undo_stack,
                edit_details_command(self.details, self.facts, after, self._details_changed),
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _details_changed(self, facts: ReviewFacts) -> None:
        self.facts = facts
        showing_overview = self.stack.currentWidget() is self.overview
        old = self.overview
        self.overview = self._make_overview()
        index = self.stack.indexOf(old)
        self.stack.insertWidget(index, self.overview)
        self.stack.removeWidget(old)
        old.clear()
        old.deleteLater()
        self.pages["overview"] = self.overview
        if showing_overview:
            self.stack.setCurrentWidget(self.overview)
        self.refresh_guidance()
        self.title_changed.emit(facts.details.title)
        self.reload_chronology()  # ages follow the date of birth; silences follow the scope

    # -- chronology ----------------------------------------------------------------------------
    def reload_chronology(self) -> None:
        scope = self.facts.details.scope
        self.timeline_page.set_review_period(
            scope.start if scope else None, scope.end if scope else None
        )
        if self.current_section() == "timeline":
            self._timeline_waits = False
            self.chronology_page.reload()
            self.timeline_page.reload()
        else:
            # The table is painted first; the timeline is laid out once it is (its worker
            # would otherwise compete with the table's for the interpreter). Set before the
            # table's reload, which may finish at once.
            self._timeline_waits = True
            self.timeline_page.show_loading()
            self.chronology_page.reload()

    def _table_loaded(self) -> None:
        if self._timeline_waits:
            self._timeline_waits = False
            self.timeline_page.reload()

    def _timeline_loaded(self) -> None:
        """Once the table and the timeline are first laid out, and the paint they asked for is
        done, the review may start what it held back so as not to slow them (the automatic
        backup due at open)."""
        if not self._shown_said:
            self._shown_said = True
            QTimer.singleShot(0, self.review.shown)
        if self._guidance_waits or self._agencies_wait:  # once what was laid out is painted
            QTimer.singleShot(_CATCH_UP_MS, self, self._catch_up)

    def import_chronology(self) -> ImportWizard:
        from ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.chronology, self.runner, self)
        requests = self.review.requests

        def imported(batch_id: int) -> None:
            path = wizard.session.path
            if path is not None:  # the completed template of a request pack: now received
                self.runner.start(
                    lambda: requests.received_from_file(path, batch_id),
                    lambda _found: self.agencies_page.reload(),
                    lambda error: show_error(self, error),
                )
            self._batches_changed()
            self.agencies_page.reload()

        wizard.imported.connect(imported)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def replace_import(self, batch: ImportBatch, path: Path | None = None) -> ImportWizard | None:
        """Replace an import with the agency's corrected file: the wizard opens on that file,
        for the same agency, set to replace this import (comments and links on unchanged rows
        are kept, as on the command line)."""
        names = {a.id: a.name for a in self.chronology.agencies()}
        wizard = self.import_chronology()
        wizard.file_page.agency.setEditText(names.get(batch.agency_id, ""))
        wizard.session.replaces = batch
        wizard.file_page.initializePage()
        chosen = path if path is not None else wizard.choose_file()
        if chosen is None:
            return wizard  # the reviewer can still choose the file in the wizard
        wizard.file_page.read(chosen)
        return wizard

    def _evidence_removed(self) -> None:
        # The analysis lost links with the deleted entries; undo cannot bring those back, so
        # the history starts again rather than offer a half-undo.
        self.undo_stack.clear()

    def _batches_changed(self) -> None:
        # An import may have replaced a batch, or one was removed: earlier edit commands could
        # point at entries that went with it, so the undo history starts again here.
        self.undo_stack.clear()
        self.reload_chronology()

    def _show_entry_in_table(self, entry_id: int) -> None:
        self.show_section("chronology")
        self.chronology_page.select_entry(entry_id)

    def first_screen_ready(self) -> bool:
        """The chronology table and the timeline both hold the review's entries."""
        return self.chronology_page.is_loaded and self.timeline_page.view.timeline is not None

    # -- navigation ----------------------------------------------------------------------------
    def show_section(self, key: str) -> None:
        keys = [s.key for s in SECTIONS]
        self.navigation.setCurrentRow(keys.index(key))

    def current_section(self) -> str:
        return SECTIONS[max(0, self.navigation.currentRow())].key

    def place(self) -> Place:
        return Place(self.current_section(), self.chronology_page.current_entry_id())

    def restore(self, place: Place) -> None:
        self.show_section(place.section)
        if place.entry_id is not None:
            self.chronology_page.select_entry(place.entry_id)

    def flush(self) -> None:
        """Write anything typed but not yet saved on any page (before locking or closing)."""
        for page in self.pages.values():
            flush = getattr(page, "flush", None)
            if callable(flush):
                try:
                    flush()
                except Exception as error:
                    show_error(self, error)

    def unsaved(self) -> Kept:
        """After `flush`: each page's typing that cannot be saved (kept in memory across a lock;
        a reviewer closing the review is asked first)."""
        kept: Kept = dict(self._kept_for_later)  # for pages not built since the unlock
        for key, page in self.pages.items():
            unsaved = getattr(page, "unsaved", None)
            found = unsaved() if callable(unsaved) else None
            if isinstance(found, KeptForm):
                kept[key] = found
        return kept

    def put_back(self, kept: Kept) -> None:
        """Give each page back the typing it could not save before the review locked."""
        for key, form in kept.items():
            if key in self._factories:
                self._kept_for_later[key] = form  # given when the page is first shown
                continue
            put_back = getattr(self.pages.get(key), "put_back", None)
            if callable(put_back):
                put_back(form)

    def section_titles(self) -> dict[str, str]:
        return {s.key: s.title for s in SECTIONS}

    def clear(self) -> None:
        """Blank everything that shows the case, before the workspace is thrown away."""
        self.flush()
        self._kept_for_later = {}
        self._stop_listening()
        self._guidance_timer.stop()
        self.overview.clear()
        self.agencies_page.clear()
        for page in self.pages.values():
            clear = getattr(page, "clear", None)
            if callable(clear) and page is not self.overview and page is not self.agencies_page:
                clear()
