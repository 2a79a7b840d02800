"""Use cases of the report's narrative text: what the reviewer has written for each section
of the draft report, read and saved (each save announced as a change to the report)."""

from __future__ import annotations

from reviewer_app.reporting.sections import ReportTextRepository, SectionText, checked
from reviewer_app.services.changes import ChangeBus, Part, writes


class ReportTextService:
    def __init__(self, repository: ReportTextRepository, changes: ChangeBus | None = None) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository

    def texts(self) -> dict[str, str]:
        """Every section written so far, by its key."""
        return self._repository.texts()

    def section(self, key: str) -> SectionText:
        return SectionText(key, self._repository.texts().get(key, ""))

    @writes(Part.REPORT)
    def save(self, section: SectionText) -> SectionText:
        """Keep the section's text (an empty text: not written); returns it as stored.
        Raises `InvalidInputError` (nothing saved) for an unknown key or a text too long."""
        stored = checked(section)
        self._repository.save_text(stored.key, stored.text)
        return stored
