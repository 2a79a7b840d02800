"""What the quality services need from storage (`storage.quality_repository`)."""

from __future__ import annotations

from typing import Protocol

from reviewer_app.quality.assessment import EvidenceLink, MarkerAssessment, PromptAssessment


class QualityRepository(Protocol):
    def marker_set_key(self) -> str | None:
        """The set this review uses, or None if none was chosen yet."""

    def choose_marker_set(self, key: str) -> None: ...

    def assessments(self, set_key: str) -> list[MarkerAssessment]:
        """What was recorded for each marker in the set (with prompts, without evidence)."""

    def save_marker(self, set_key: str, value: MarkerAssessment) -> None:
        """Store the marker's own status and notes (prompts and evidence are stored apart)."""

    def save_prompt(self, set_key: str, number: int, key: str, value: PromptAssessment) -> None: ...

    def evidence(self, set_key: str) -> list[EvidenceLink]: ...

    def add_evidence(self, set_key: str, link: EvidenceLink) -> EvidenceLink: ...

    def remove_evidence(self, evidence_id: int) -> None: ...
