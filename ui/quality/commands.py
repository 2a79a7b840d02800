"""Undo commands for the self-assessment; each redo/undo is written to the file at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer_app.quality.assessment import EvidenceLink, MarkerAssessment, PromptAssessment
from reviewer_app.services.quality import QualityService
from ui.undo import ReplaceCommand

Changed = Callable[[], None]


def save_marker_command(
    service: QualityService,
    before: MarkerAssessment,
    after: MarkerAssessment,
    on_change: Changed,
) -> ReplaceCommand[MarkerAssessment]:
    what = "notes on" if before.status is after.status else f"'{after.status.label}' for"
    return ReplaceCommand(
        f"Record {what} marker {after.number}", service.save_marker, before, after, on_change
    )


def save_prompt_command(
    service: QualityService,
    number: int,
    key: str,
    before: PromptAssessment,
    after: PromptAssessment,
    on_change: Changed,
) -> ReplaceCommand[PromptAssessment]:
    return ReplaceCommand(
        f"Record '{after.status.label}' for prompt {number}{key}",
        lambda value: service.save_prompt(number, key, value),
        before,
        after,
        on_change,
    )


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
