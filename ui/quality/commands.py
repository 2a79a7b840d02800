"""Undo commands for the self-assessment; each redo/undo is written to the file at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer_app.quality.assessment import EvidenceLink, MarkerAssessment, PromptAssessment
from reviewer_app.services.quality import QualityService

Changed = Callable[[], None]


class SaveMarkerCommand(QUndoCommand):
    def __init__(
        self,
        service: QualityService,
        before: MarkerAssessment,
        after: MarkerAssessment,
        on_change: Changed,
    ) -> None:
        what = "notes on" if before.status is after.status else f"'{after.status.label}' for"
        super().__init__(f"Record {what} marker {after.number}")
        self._service, self._before, self._after, self._on_change = (
            service,
            before,
            after,
            on_change,
        )

    def redo(self) -> None:
        self._service.save_marker(self._after)
        self._on_change()

    def undo(self) -> None:
        self._service.save_marker(self._before)
        self._on_change()


class SavePromptCommand(QUndoCommand):
    def __init__(
        self,
        service: QualityService,
        number: int,
        key: str,
        before: PromptAssessment,
        after: PromptAssessment,
        on_change: Changed,
    ) -> None:
        super().__init__(f"Record '{after.status.label}' for prompt {number}{key}")
        self._service = service
        self._where = (number, key)
        self._before, self._after, self._on_change = before, after, on_change

    def redo(self) -> None:
        self._service.save_prompt(*self._where, self._after)
        self._on_change()

    def undo(self) -> None:
        self._service.save_prompt(*self._where, self._before)
        self._on_change()


class LinkEvidenceCommand(QUndoCommand):
    """Link evidence; redo after undo restores the same link (with the same id)."""

    def __init__(self, service: QualityService, link: EvidenceLink, on_change: Changed) -> None:
        super().__init__(f"Link evidence to marker {link.marker}")
        self._service, self._link, self._on_change = service, link, on_change

    def redo(self) -> None:
        self._link = self._service.link_evidence(self._link)
        self._on_change()

    def undo(self) -> None:
        self._service.unlink_evidence(self._link)
        self._on_change()


class UnlinkEvidenceCommand(QUndoCommand):
    def __init__(self, service: QualityService, link: EvidenceLink, on_change: Changed) -> None:
        super().__init__(f"Remove evidence from marker {link.marker}")
        self._service, self._link, self._on_change = service, link, on_change

    def redo(self) -> None:
        self._service.unlink_evidence(self._link)
        self._on_change()

    def undo(self) -> None:
        self._link = self._service.link_evidence(self._link)
        self._on_change()
