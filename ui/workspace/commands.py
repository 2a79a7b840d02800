"""Undo commands for the review's own details."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from reviewer_app.services.review_details import ReviewDetailsService, ReviewFacts


class EditDetailsCommand(QUndoCommand):
    """Change the review's details; each redo/undo is written to the file at once."""

    def __init__(
        self,
        service: ReviewDetailsService,
        before: ReviewFacts,
        after: ReviewFacts,
        on_change: object = None,
    ) -> None:
        super().__init__("Edit review details")
        self._service = service
        self._before = before
        self._after = after
        self._on_change = on_change

    def _apply(self, facts: ReviewFacts) -> None:
        self._service.save(facts)
        if callable(self._on_change):
            self._on_change(facts)

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
