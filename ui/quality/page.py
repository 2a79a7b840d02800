"""The Quality markers page: a running self-assessment, evidence, and the dashboard by stage.

Every change goes through an undo command that calls `QualityService`; the page then reloads
the dashboard through the task runner, so the window never waits on the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exporters.api import ExportBlockedError
from reviewer_app.quality.assessment import EvidenceLink, PromptAssessment, Status
from reviewer_app.services.quality import QualityDashboard, QualityService
from reviewer_app.services.readiness import ReadinessReport
from ui.errors import show_error
from ui.operations import Operation, push
from ui.quality.commands import (
    LinkEvidenceCommand,
    UnlinkEvidenceCommand,
    save_marker_command,
    save_prompt_command,
)
from ui.quality.dashboard_strip import DashboardStrip
from ui.quality.marker_panel import MarkerPanel
from ui.style import heading, plain_label
from ui.tasks import TaskRunner

CONVENTION = (
    "The markers prompt judgement and have no scoring scheme: the statuses here (not started, "
    "in progress, addressed, not applicable) are SCR Reviewer's own way of keeping track."
)
NUMBER_ROLE = Qt.ItemDataRole.UserRole
NO_MARKERS = "This review's marker set has no markers to assess."
NOT_READ = "The quality markers could not be read."
SELF_ASSESSMENT_NAME = "Quality Markers self-assessment.docx"
#: Writes the self-assessment DOCX at a path (through the anonymisation gate), in a worker.
SelfAssessmentExport = Callable[[Path], object]


def ask_for_docx(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export the self-assessment for the partnership", suggested,
        "Word document (*.docx)",
    )  # fmt: skip
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")


class QualityPage(QWidget):
    def __init__(
        self,
        service: QualityService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        readiness: Callable[[], ReadinessReport] | None = None,
        export_self_assessment: SelfAssessmentExport | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.export_self_assessment = export_self_assessment
        #: Replaced in tests; the real one asks with a save dialog (which confirms replacing).
        self.choose_path: Callable[[str], Path | None] = lambda name: ask_for_docx(self, name)
        self.undo_stack = undo_stack
        self.runner = runner
        self.readiness = readiness
        self.board: QualityDashboard | None = None
        self.current_number = 1

        self.credit = plain_label()
        self.credit.setAccessibleName("Source of the markers")
        self.credit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        convention = plain_label(CONVENTION)
        convention.setAccessibleName("About the statuses")
        self.strip = DashboardStrip()

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Quality markers by stage")
        self.tree.setHeaderLabels(["Marker", "Status", "Evidence"])
        self.tree.setRootIsDecorated(True)
        self.tree.setMinimumWidth(380)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._tree_selection)
        self.panel = MarkerPanel()
        self.panel.marker_status_chosen.connect(self.set_marker_status)
        self.panel.notes_finished.connect(self.set_marker_notes)
        self.panel.prompt_status_chosen.connect(self.set_prompt_status)
        self.panel.link_requested.connect(self.link_evidence)
        self.panel.unlink_requested.connect(self.unlink_evidence)
        scroll = QScrollArea()
        scroll.setAccessibleName("The marker: its prompts, notes and evidence")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 640])

        self.check_button = QPushButton("&Check readiness for the panel")
        self.check_button.setAccessibleName("Check whether the draft is ready for the panel")
        self.check_button.clicked.connect(self.check_readiness)
        self.check_button.setVisible(readiness is not None)
        self.export_button = QPushButton("&Export self-assessment…")
        self.export_button.setObjectName("exportSelfAssessment")
        self.export_button.setAccessibleName(
            "Export the self-assessment as a Word document for the partnership"
        )
        self.export_button.setToolTip(
            "A Word document of its own for the safeguarding partnership's quality assurance: "
            "it is not part of the draft report. It is checked for anything identifying first."
        )
        self.export_button.clicked.connect(self.begin_export)
        self.export_button.setVisible(export_self_assessment is not None)
        self.export_status = plain_label()
        self.export_status.setObjectName("selfAssessmentStatus")
        self.export_status.setAccessibleName("Self-assessment export")
        self.export_status.hide()
        self.problems = QListWidget()
        self.problems.setAccessibleName("Before the draft goes to the panel")
        self.problems.setMaximumHeight(120)
        self.problems.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(heading("Quality markers", 1.5), 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.export_status)
        layout.addWidget(self.credit)
        layout.addWidget(convention)
        layout.addWidget(self.strip)
        layout.addWidget(self.problems)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.export_button, self.check_button)
        self.setTabOrder(self.check_button, self.tree)
        self.setTabOrder(self.tree, self.panel.status)
        self._shown_before = False
        self.reload()  # made by whoever: the page loads what it shows, so none can forget

    # -- the self-assessment for the partnership -------------------------------------------------
    def begin_export(self) -> None:
        export = self.export_self_assessment
        if export is None or not self.export_button.isEnabled():
            return
        path = self.choose_path(SELF_ASSESSMENT_NAME)
        if path is None:
            return
        self.export_button.setEnabled(False)
        self._say("Exporting the self-assessment…")
        self.runner.start(lambda: export(path), self._exported, self._export_failed)

    def _say(self, text: str) -> None:
        self.export_status.setText(text)
        self.export_status.show()

    def _exported(self, result: object) -> None:
        self.export_button.setEnabled(True)
        path = getattr(result, "path", None)
        name = path.name if isinstance(path, Path) else "the file"
        self._say(
            f"Exported '{name}' for the partnership. It is not encrypted: keep it safe, and "
            "delete it when it is no longer needed."
        )

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        if isinstance(error, ExportBlockedError):
            count = len(error.hits)
            noun = "thing" if count == 1 else "things"
            self._say(
                f"Not exported: the anonymisation check found {count} {noun} that could "
                "identify the family in the notes. Apply pseudonyms or change the text (the "
                "Report page lists each), then export again."
            )
            return
        self._say("Not exported.")
        self._failed(error)

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the dashboard (and the evidence the current marker could link) off the GUI
        thread. The page calls this itself when it is made, so it is never shown empty."""
        number = self.current_number
        self.runner.start(
            lambda: (number, self.service.dashboard(), self.service.evidence_choices(number)),
            self._fill,
            self._failed,
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Read again whenever the reviewer comes back: other parts of the review (its details,
        the chronology, the analysis) may have changed what this page shows."""
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.reload()
        self._shown_before = True

    def _fill(self, loaded: tuple[int, QualityDashboard, list[EvidenceLink]]) -> None:
        number, board, choices = loaded
        self.board = board
        marker_set = board.assessment.marker_set
        self.credit.setText(f"{marker_set.credit}\nSource: {'  ·  '.join(marker_set.links)}")
        self.strip.show_stages(board.stages)
        numbers = [row.number for row in board.rows]
        if self.current_number not in numbers:
            # The first marker, where the one asked for is not in this set (or none was yet).
            self.current_number = numbers[0] if numbers else 0
        self._fill_tree(board)
        self._show_current()
        if not numbers:
            return
        if number == self.current_number:
            self.panel.show_choices(choices)
        else:
            self._load_choices(self.current_number)

    def _load_choices(self, number: int) -> None:
        def show(choices: list[EvidenceLink]) -> None:
            if number == self.current_number and self.panel.marker is not None:
                self.panel.show_choices(choices)

        self.runner.start(lambda: self.service.evidence_choices(number), show, self._failed)

    def _fill_tree(self, board: QualityDashboard) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        current: QTreeWidgetItem | None = None
        for progress in board.stages:
            stage_item = QTreeWidgetItem([f"{progress.stage.title}: {progress.summary}"])
            stage_item.setFlags(stage_item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(stage_item)
            stage_item.setFirstColumnSpanned(True)
            for row in board.rows:
                if row.stage != progress.stage.key:
                    continue
                flag = "  ⚠" if row.attention else ""
                item = QTreeWidgetItem(
                    [f"{row.number}. {row.title}", row.status.label + flag, str(row.evidence)]
                )
                item.setData(0, NUMBER_ROLE, row.number)
                if row.attention:
                    item.setToolTip(1, "\n".join(row.attention))
                stage_item.addChild(item)
                if row.number == self.current_number:
                    current = item
            stage_item.setExpanded(True)
        if current is not None:
            self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)

    def _show_current(self) -> None:
        if self.board is None:
            return
        assessment = self.board.assessment
        if not any(m.number == self.current_number for m in assessment.marker_set.markers):
            self.panel.show_nothing(NO_MARKERS)
            return
        marker = assessment.marker_set.marker(self.current_number)
        self.panel.show_marker(
            marker,
            assessment.marker_set.stage(marker.stage).title,
            assessment.of(marker.number),
            assessment.status(marker.number),
            self.board.suggestions_for(marker.number),
        )

    def _tree_selection(self, item: QTreeWidgetItem | None) -> None:
        number = item.data(0, NUMBER_ROLE) if item is not None else None
        if isinstance(number, int) and number != self.current_number:
            self.select_marker(number)

    def select_marker(self, number: int) -> None:
        if self.board is None or number not in (row.number for row in self.board.rows):
            return  # not loaded yet, or no such marker: nothing to show or save against
        self.panel.commit_notes()  # keep notes typed before moving on
        self.current_number = number
        self._select_in_tree(number)
        self._show_current()
        self._load_choices(number)

    def _select_in_tree(self, number: int) -> None:
        for top in range(self.tree.topLevelItemCount()):
            stage_item = self.tree.topLevelItem(top)
            if stage_item is None:
                continue
            for index in range(stage_item.childCount()):
                item = stage_item.child(index)
                if item is not None and item.data(0, NUMBER_ROLE) == number:
                    self.tree.blockSignals(True)
                    self.tree.setCurrentItem(item)
                    self.tree.blockSignals(False)
                    return

    # -- editing -------------------------------------------------------------------------------
    def _push(self, command: Operation) -> None:
        """Do the step through the one undo path; if it is refused, the reviewer is told and the
        page shows the file as it is."""
        if not push(self.undo_stack, command):
            self.reload()

    def set_marker_status(self, status: Status) -> None:
        before = self.panel.recorded
        if before is None or status is before.status:
            return
        self._push(
            save_marker_command(self.service, before, replace(before, status=status), self.reload)
        )

    def set_marker_notes(self, notes: str) -> None:
        before = self.panel.recorded
        if before is None:
            return
        self.panel.recorded = replace(before, notes=notes)  # focus may leave again before reload
        self._push(
            save_marker_command(self.service, before, replace(before, notes=notes), self.reload)
        )

    def set_prompt_status(self, key: str, status: Status) -> None:
        if self.panel.marker is None:
            return
        before = self.panel.prompt_assessment(key)
        if status is before.status:
            return
        self._push(
            save_prompt_command(
                self.service,
                self.current_number,
                key,
                before,
                PromptAssessment(status, before.notes),
                self.reload,
            )
        )

    def link_evidence(self, link: EvidenceLink) -> None:
        if self.panel.marker is None:
            return
        link = replace(link, marker=self.current_number, id=None)
        self._push(LinkEvidenceCommand(self.service, link, self.reload))

    def unlink_evidence(self, link: EvidenceLink) -> None:
        self._push(UnlinkEvidenceCommand(self.service, link, self.reload))

    # -- readiness -----------------------------------------------------------------------------
    def check_readiness(self) -> None:
        if self.readiness is None:
            return
        self.runner.start(self.readiness, self._show_readiness, self._failed)

    def _show_readiness(self, report: ReadinessReport) -> None:
        self.problems.clear()
        upcoming = f" ({report.next_step})" if report.next_step else ""
        if report.ready and not report.later:
            self.problems.addItem("Ready for the panel: nothing needs putting right.")
        elif report.ready:
            self.problems.addItem(f"Nothing stands in the way of the next milestone{upcoming}.")
        else:
            count = len(report.problems)
            self.problems.addItem(
                f"{count} {'thing' if count == 1 else 'things'} to put right before the next "
                f"milestone{upcoming}:"
            )
        for problem in report.problems:
            self.problems.addItem(problem.line())
        if report.later:
            self.problems.addItem(
                f"Later steps, for the milestones after it ({len(report.later)}):"
            )
            for problem in report.later:
                self.problems.addItem(f"Later: {problem.line()}")
        if report.to_write:
            count = len(report.to_write)
            self.problems.addItem(
                f"Still to write in the draft report ({count}; the exported draft shows a note "
                "in each place):"
            )
            for problem in report.to_write:
                self.problems.addItem(f"  {problem.message}")
        self.problems.show()

    def _failed(self, error: Exception) -> None:
        if self.board is None:
            self.panel.show_nothing(NOT_READ)
        show_error(self, error)

    def clear(self) -> None:
        self.board = None
        self.tree.clear()
        self.problems.clear()
        self.credit.clear()
        self.panel.show_nothing("")
