"""What the rapid review leads to, as buttons under its form: the Word document for the
national Panel, and the start of the LCSPR's terms of reference (one undoable step)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from exporters.api import export_rapid_review
from reviewer_app.errors import UserFacingError
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.timetable.rapid_review import terms_to_seed
from ui.errors import show_error
from ui.operations import Replace, push
from ui.tasks import TaskRunner


class RapidReviewActions(QWidget):
    def __init__(
        self,
        review: ReviewServices,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        flush: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.undo_stack = undo_stack
        self.runner = runner
        self._flush = flush
        self.export_button = QPushButton("E&xport for the Panel (Word)…")
        self.export_button.setAccessibleName("Export the rapid review for the national Panel")
        self.export_button.clicked.connect(self.choose_export)
        self.seed_button = QPushButton("Start the &terms of reference from it")
        self.seed_button.setAccessibleName(
            "Start the review's terms of reference from the rapid review"
        )
        self.seed_button.clicked.connect(self.seed_terms)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.export_button)
        row.addWidget(self.seed_button)

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the rapid review", "Rapid review.docx", "Word documents (*.docx)"
        )
        if name:
            self.write(Path(name))

    def write(self, path: Path) -> None:
        self._flush()
        review = self.review

        def work() -> object:
            return export_rapid_review(
                review.rapid_review.record(),
                review.snapshot(),
                path,
                register=review.pseudonym_register(),
                overwrite=path.exists(),  # the save dialog has asked already
            )

        def done(_written: object) -> None:
            QMessageBox.information(
                self,
                "Rapid review exported",
                f"The rapid review was written to {path.name}. It is not encrypted: keep it "
                "safe, and delete it when it is no longer needed.",
            )

        self.runner.start(work, done, lambda error: show_error(self, error))

    def seed_terms(self) -> None:
        """One undoable step: the terms of reference from the rapid review (refused, with the
        reason, when terms are written already or no LCSPR was decided)."""
        self._flush()
        details = self.review.details
        before = details.load()
        try:
            terms = terms_to_seed(
                self.review.rapid_review.record(), before.details.terms_of_reference
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        after = replace(before, details=replace(before.details, terms_of_reference=terms))
        push(
            self.undo_stack,
            Replace(
                "Start the terms of reference from the rapid review", details.save, before, after
            ),
        )
