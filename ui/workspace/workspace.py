"""The workspace of one open review: a navigation pane of its parts and a page for each.

The workspace builds pages and wires them together; behaviour lives in the pages and the
services they are handed. It holds nothing of the case after `clear()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from exporters.learning_dataset import export_learning_dataset
from exporters.report.readiness import anonymisation_problems
from exporters.report.service import ReportService
from reviewer_app.repositories import OpenReview
from reviewer_app.services.analysis import AnalysisService
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.learning import (
    AttachedNotesService,
    LearningLibraryAccess,
    LibraryService,
    target_choices,
)
from reviewer_app.services.quality import QualityService
from reviewer_app.services.readiness import Guidance, ReadinessReport
from reviewer_app.services.report_inputs import pseudonym_register, report_inputs
from reviewer_app.services.review_details import ReviewDetailsService, ReviewFacts
from reviewer_app.services.review_parts import (
    analysis_service,
    people_service,
    quality_service,
    timetable_service,
)
from reviewer_app.services.review_readiness import review_next_steps, review_readiness
from reviewer_app.services.timetable import TimetableService
from ui.analysis.conversations_page import ConversationsPage
from ui.analysis.episodes_page import EpisodesPage
from ui.analysis.findings_page import FindingsPage
from ui.chronology.page import ChronologyPage
from ui.errors import show_error
from ui.importing.wizard import ImportWizard
from ui.learning.learning_page import LearningNotesPage
from ui.overview_page import OverviewPage
from ui.people.page import PeoplePage
from ui.quality.page import QualityPage
from ui.report.page import ReportPage
from ui.tasks import TaskRunner
from ui.timeline.page import TimelinePage
from ui.timetable.page import TimetablePage
from ui.workspace.agencies_page import AgenciesPage
from ui.workspace.commands import edit_details_command
from ui.workspace.details_dialog import DetailsDialog
from ui.workspace.placeholder_page import ComingPage
from ui.workspace.sections import SECTIONS

log = logging.getLogger(__name__)


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
        review: OpenReview,
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
        self.details = ReviewDetailsService(review)
        self.chronology = ChronologyService(review.chronology)
        self.facts = self.details.load()
        # The later parts of the review are reached lazily: their pages and services are made
        # when the reviewer first goes there (or asks what to do next).
        self._quality: QualityService | None = None
        self._timetable: TimetableService | None = None
        self._analysis: AnalysisService | None = None

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

        self.overview = self._make_overview()
        self.chronology_page = ChronologyPage(self.chronology, undo_stack, runner)
        self.chronology_page.evidence_use = self._evidence_use
        self.chronology_page.evidence_removed.connect(self._evidence_removed)
        self.timeline_page = TimelinePage(self.chronology, runner)
        self.timeline_page.entry_activated.connect(self._show_entry_in_table)
        self.agencies_page = AgenciesPage(self.chronology, runner)
        self.agencies_page.changed.connect(self._batches_changed)
        self.agencies_page.import_requested.connect(self.import_chronology)
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
        self.agencies_page.reload()
        self.refresh_guidance()

    # -- pages made on first use ---------------------------------------------------------------
    def _page_factories(self) -> dict[str, Callable[[], QWidget]]:
        sections = {s.key: s for s in SECTIONS}

        def coming(key: str) -> Callable[[], QWidget]:
            return lambda: ComingPage(sections[key].title, sections[key].purpose)

        factories = {key: coming(key) for key in sections}
        factories["people"] = lambda: self._part_page(
            PeoplePage(people_service(self.review), self.undo_stack, self.runner)
        )
        factories["conversations"] = lambda: self._part_page(
            ConversationsPage(self.analysis, self.undo_stack, self.runner)
        )
        factories["episodes"] = lambda: self._part_page(
            EpisodesPage(self.analysis, self.undo_stack, self.runner)
        )
        factories["findings"] = lambda: self._part_page(
            FindingsPage(self.analysis, self.undo_stack, self.runner)
        )
        factories["learning"] = lambda: self._part_page(
            LearningNotesPage(
                AttachedNotesService(self.review.learning_notes),
                self._library_service,
                lambda: target_choices(
                    self.analysis.findings(),
                    [(row.number, row.title) for row in self.quality.dashboard_rows()],
                    self.analysis.episodes(),
                ),
                self.undo_stack,
                self.runner,
                unlock_library=self.library_requested.emit,
                export_dataset=lambda path, fmt: export_learning_dataset(
                    self.review, path, "csv" if fmt == "csv" else "json"
                ),
            )
        )
        factories["markers"] = lambda: QualityPage(
            self.quality, self.undo_stack, self.runner, readiness=self.readiness
        )
        factories["timetable"] = lambda: TimetablePage(self.timetable, self.undo_stack, self.runner)
        factories["report"] = lambda: ReportPage(self.report_service(), self.runner)
        return factories

    def report_service(self) -> ReportService:
        return ReportService(
            lambda: report_inputs(self.review, self.quality),
            register=lambda: pseudonym_register(self.review),
            log=self.review.log,
        )

    def _library_service(self) -> LibraryService | None:
        repository = self.library.repository if self.library is not None else None
        return LibraryService(repository) if repository is not None else None

    def _part_page(self, page: QWidget) -> QWidget:
        """A page of the analysis or people part: loaded now, and its changes reach the rest."""
        reload = getattr(page, "reload", None)
        if callable(reload):
            reload()
        for signal_name in ("changed",):
            signal = getattr(page, signal_name, None)
            if signal is not None:
                signal.connect(self._part_changed)
        for inner in page.findChildren(QWidget):
            changed = getattr(inner, "changed", None)
            if changed is not None and hasattr(inner, "reload") and inner is not page:
                changed.connect(self._part_changed)
        return page

    def _part_changed(self) -> None:
        for key in ("conversations", "episodes", "findings", "people"):
            page = self.pages.get(key)
            reload = getattr(page, "reload", None)
            if callable(reload) and self.stack.currentWidget() is not page:
                reload()
        self.refresh_guidance()

    @property
    def analysis(self) -> AnalysisService:
        if self._analysis is None:
            self._analysis = analysis_service(self.review)
        return self._analysis

    @property
    def quality(self) -> QualityService:
        if self._quality is None:
            self._quality = quality_service(self.review)
        return self._quality

    @property
    def timetable(self) -> TimetableService:
        if self._timetable is None:
            self._timetable = timetable_service(self.review)
        return self._timetable

    def _evidence_use(self, entry_id: int) -> str:
        use = self.analysis.evidence_using_entry(entry_id)
        return "" if use.empty else use.describe()

    def readiness(self) -> ReadinessReport:
        """Everything to put right before a draft goes to the panel."""
        gate = anonymisation_problems(
            lambda: report_inputs(self.review, self.quality),
            lambda: pseudonym_register(self.review),
        )
        return review_readiness(self.review, self.quality, self.timetable, extra=[gate])

    def refresh_guidance(self) -> None:
        def work() -> Guidance:
            return review_next_steps(self.review, self.quality, self.timetable)

        self.runner.start(work, self._show_guidance, self._guidance_failed)

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
        if factory is not None and key not in ("overview", "chronology", "timeline", "agencies"):
            placeholder = self.pages[key]
            try:
                page = factory()
            except Exception as error:
                show_error(self, error)
                page = ComingPage(SECTIONS[row].title, SECTIONS[row].purpose)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = page
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
            try:
                self.undo_stack.push(
                    edit_details_command(self.details, self.facts, after, self._details_changed)
                )
            except Exception as error:
                show_error(self, error)

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
        self.chronology_page.reload()
        self.timeline_page.reload()

    def import_chronology(self) -> None:
        wizard = ImportWizard(self.chronology, self.runner, self)

        def imported(_batch_id: int) -> None:
            self._batches_changed()
            self.agencies_page.reload()

        wizard.imported.connect(imported)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()

    def _evidence_removed(self) -> None:
        # The analysis lost links with the deleted entries; undo cannot bring those back, so
        # the history starts again rather than offer a half-undo.
        self.undo_stack.clear()
        self._part_changed()

    def _batches_changed(self) -> None:
        # An import may have replaced a batch, or one was removed: earlier edit commands could
        # point at entries that went with it, so the undo history starts again here.
        self.undo_stack.clear()
        self.reload_chronology()

    def _show_entry_in_table(self, entry_id: int) -> None:
        self.show_section("chronology")
        self.chronology_page.select_entry(entry_id)

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

    def clear(self) -> None:
        """Blank everything that shows the case, before the workspace is thrown away."""
        self.overview.clear()
        self.agencies_page.clear()
        for page in self.pages.values():
            clear = getattr(page, "clear", None)
            if callable(clear) and page is not self.overview and page is not self.agencies_page:
                clear()
