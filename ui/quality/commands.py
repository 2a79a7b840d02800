"""Undo steps for the self-assessment, on the one operation path (`ui.operations`).

The page calls these with its `reload` as `on_change`: it runs after each step, and after a
step that failed, so the panel shows what the file holds again.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.quality.assessment import EvidenceLink, MarkerAssessment, PromptAssessment
from reviewer_app.services.quality import QualityService
from ui.operations import Add, Change, Remove, Replace, returning

Changed = Callable[[], None]


def _heard(on_change: Changed) -> Callable[[Change], None]:
    return lambda _change: on_change()


def save_marker_command(
    service: QualityService,
    before: MarkerAssessment,
    after: MarkerAssessment,
    on_change: Changed,
) -> Replace[MarkerAssessment]:
    what = "notes on" if before.status is after.status else f"'{after.status.label}' for"
    return Replace(
        f"Record {what} marker {after.number}",
        service.save_marker,
        before,
        after,
        changed=_heard(on_change),
        resync=on_change,
    )


def save_prompt_command(
    service: QualityService,
    number: int,
    key: str,
    before: PromptAssessment,
    after: PromptAssessment,
    on_change: Changed,
) -> Replace[PromptAssessment]:
    return Replace(
        f"Record '{after.status.label}' for prompt {number}{key}",
        lambda value: service.save_prompt(number, key, value),
        before,
        after,
        changed=_heard(on_change),
        resync=on_change,
    )


class LinkEvidenceCommand(Add[EvidenceLink, EvidenceLink]):
    """Link evidence; redo after undo restores the same link (with the same id)."""

    def __init__(self, service: QualityService, link: EvidenceLink, on_change: Changed) -> None:
        super().__init__(
            f"Link evidence to marker {link.marker}",
            service.link_evidence,
            returning(service.unlink_evidence),
            service.link_evidence,
            link,
            changed=_heard(on_change),
            resync=on_change,
        )


class UnlinkEvidenceCommand(Remove[EvidenceLink, EvidenceLink]):
    def __init__(self, service: QualityService, link: EvidenceLink, on_change: Changed) -> None:
        super().__init__(
            f"Remove evidence from marker {link.marker}",
            returning(service.unlink_evidence),
            service.link_evidence,
            link,
            changed=_heard(on_change),
            resync=on_change,
        )
