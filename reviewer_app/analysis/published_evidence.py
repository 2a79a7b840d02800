"""Published reviews linked to a finding as evidence that it is systemic.

A link is a *copy*: the report's title, year, partnership and review type, where the passage is
(page and section) and the passage's text, kept in the review file so the review stays complete
when it is handed on without the reviewer's library. The library's ids are kept for reference
only (to find the passage again, and to tell the same report linked twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from reviewer_app.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class PublishedEvidence:
    finding_id: int
    title: str
    passage: str
    year: int | None = None
    partnership: str = ""
    review_type: str = ""  # a ReviewType key, or "" when the library could not tell
    page: int = 0
    section: str = ""  # a published Section key ("findings", "learning", …)
    library_report_id: int | None = None
    library_passage_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidInputError("A linked published review needs its title.")
        if not self.passage.strip():
            raise InvalidInputError("A linked published review needs the passage's text.")

    def with_changes(self, **changes: object) -> PublishedEvidence:
        return replace(self, **changes)  # type: ignore[arg-type]  # dataclass fields by name

    def copied(self) -> dict[str, object]:
        """What was copied from the library, by field name (for the file and the interchange)."""
        return {
            "title": self.title,
            "year": self.year,
            "partnership": self.partnership,
            "review_type": self.review_type,
            "page": self.page,
            "section": self.section,
            "passage": self.passage,
            "library_report_id": self.library_report_id,
            "library_passage_id": self.library_passage_id,
        }

    @property
    def report_key(self) -> tuple[str, int | None, str]:
        """Tells one report from another: the same report linked for two passages counts once."""
        return (self.title.strip().casefold(), self.year, self.partnership.strip().casefold())

    @property
    def citation(self) -> str:
        """ "Title (Partnership, 2021)"."""
        about = ", ".join(p for p in (self.partnership.strip(), str(self.year or "")) if p)
        return f"{self.title.strip()} ({about})" if about else self.title.strip()


def distinct_reports(evidence: Iterable[PublishedEvidence]) -> list[PublishedEvidence]:
    """One link per report, in the order first linked (for counts and the references)."""
    seen: dict[tuple[str, int | None, str], PublishedEvidence] = {}
    for e in evidence:
        seen.setdefault(e.report_key, e)
    return list(seen.values())


class PublishedEvidenceRepository(Protocol):
    def evidence(self) -> list[PublishedEvidence]: ...
    def save(self, evidence: PublishedEvidence) -> PublishedEvidence:
        """Insert (no id, or an id no longer there: an unlink undone) or replace."""
        ...

    def remove(self, evidence_id: int) -> None: ...
