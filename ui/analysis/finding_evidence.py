"""The findings page's "Other reviews that found this": published reviews linked as evidence
that the finding is systemic, how many there are, and the search that links more.

Linking copies each passage into the review; linking and unlinking are undo steps like every
other analysis edit (`ui.operations`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.analysis.finding import Finding
from reviewer_app.analysis.published_evidence import PublishedEvidence
from reviewer_app.errors import UserFacingError
from reviewer_app.published.report import Section
from reviewer_app.published.repository import SearchHit
from reviewer_app.services.finding_evidence import FindingEvidenceService, evidence_from_hit
from reviewer_app.services.published import PublishedLibrary
from ui.analysis.evidence_dialog import PublishedEvidenceDialog
from ui.errors import show_error
from ui.operations import Add, Batch, Change, Remove, push
from ui.style import plain_label

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The library of published reviews, when the learning library is open (None: it is locked).
LibraryGetter = Callable[[], PublishedLibrary | None]
#: Asks which passages to link (the library, the finding, passages linked already); None: cancel.
Chooser = Callable[[PublishedLibrary, Finding, frozenset[int]], list[SearchHit] | None]


def section_label(key: str) -> str:
    """A published section's name ("Findings"); "" for none or one this app does not know."""
    try:
        return Section(key).label
    except ValueError:
        return ""


def evidence_line(e: PublishedEvidence) -> str:
    where = f"page {e.page}" if e.page else ""
    if section := section_label(e.section):
        where += f", {section}" if where else section
    passage = " ".join(e.passage.split())
    short = passage if len(passage) <= 220 else passage[:219].rstrip() + "…"
    return f"{e.citation}\n{where}: “{short}”" if where else f"{e.citation}\n“{short}”"


class FindingEvidencePanel(QWidget):
    def __init__(
        self,
        service: FindingEvidenceService,
        library: LibraryGetter,
        undo_stack: QUndoStack,
        *,
        unlock_library: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.library = library
        self.undo_stack = undo_stack
        self.unlock_library = unlock_library
        self.finding: Finding | None = None
        #: Chooses passages (tests put their own here); None: cancelled.
        self.choose: Callable[
            [PublishedLibrary, Finding, frozenset[int]], list[SearchHit] | None
        ] = self._ask
        self.count = plain_label()
        self.count.setAccessibleName("How many other reviews found the same")
        self.list = QListWidget()
        self.list.setAccessibleName("Published reviews linked as evidence that it is systemic")
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(190)
        self.list.setStyleSheet(
            "QListWidget::item { padding: 4px 4px; border-bottom: 1px solid palette(midlight); }"
        )
        self.find_button = QPushButton("&Find evidence in published reviews…")
        self.unlink_button = QPushButton("&Unlink")
        self.unlink_button.setAccessibleName("Unlink the selected published review")
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.find_button.clicked.connect(self.find_evidence)
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.show_finding(None)

    def show_finding(self, finding: Finding | None) -> None:
        self.finding = finding
        self.list.clear()
        if finding is None or finding.id is None:
            self.count.setText("Save the finding first, then link published reviews to it.")
            self._enable()
            return
        for e in self.service.evidence_for(finding.id):
            item = QListWidgetItem(evidence_line(e))
            item.setData(EVIDENCE_ROLE, e)
            self.list.addItem(item)
        self.count.setText(self.service.others_found(finding, self.library()).text)
        self._enable()

    def _enable(self) -> None:
        saved = self.finding is not None and self.finding.id is not None
        self.find_button.setEnabled(saved)
        self.unlink_button.setEnabled(saved and self.list.currentRow() >= 0)

    def _refresh(self, _change: Change | None = None) -> None:
        self.show_finding(self.finding)

    def find_evidence(self) -> None:
        finding = self.finding
        if finding is None or finding.id is None:
            return
        library = self.library()
        if library is None:
            QMessageBox.information(
                self,
                "Your learning library is locked",
                "The published reviews are kept in your learning library. Unlock it, then "
                "press Find evidence in published reviews… again.",
            )
            if self.unlock_library is not None:
                self.unlock_library()
            return
        linked = frozenset(
            e.library_passage_id
            for e in self.service.evidence_for(finding.id)
            if e.library_passage_id is not None
        )
        hits = self.choose(library, finding, linked)
        if not hits:
            return
        try:
            copies = [evidence_from_hit(library, finding.id, hit) for hit in hits]
        except UserFacingError as error:  # the library changed under the dialog: link none
            show_error(self, error)
            return
        noun = "passage" if len(copies) == 1 else "passages"
        steps = [
            Add("Link", self.service.link, self.service.unlink, self.service.put_back, e)
            for e in copies
        ]
        push(
            self.undo_stack,
            Batch(
                f"Link {len(copies)} published {noun} to the finding",
                steps,
                changed=self._refresh,
                report=lambda error: show_error(self, error),
                resync=self._refresh,
            ),
        )

    def unlink_selected(self) -> None:
        if self.list.currentRow() < 0:
            return
        evidence: PublishedEvidence = self.list.currentItem().data(EVIDENCE_ROLE)
        push(
            self.undo_stack,
            Remove(
                "Unlink a published review from the finding",
                self.service.unlink,
                self.service.put_back,
                evidence,
                changed=self._refresh,
                report=lambda error: show_error(self, error),
                resync=self._refresh,
            ),
        )

    def _ask(
        self, library: PublishedLibrary, finding: Finding, linked: frozenset[int]
    ) -> list[SearchHit] | None:
        dialog = PublishedEvidenceDialog(library, finding.statement, finding.theme, linked, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
