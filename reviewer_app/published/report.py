"""A published review as the library holds it: what it is, and its text in passages.

A passage is a paragraph (or a piece of a long one) of one page, with the section of the report
it falls in, so a search result can say "page 14, Findings".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Section(StrEnum):
    SUMMARY = "summary"
    INTRODUCTION = "introduction"
    CASE = "case"
    ANALYSIS = "analysis"
    FINDINGS = "findings"
    RECOMMENDATIONS = "recommendations"
    LEARNING = "learning"
    CONCLUSIONS = "conclusions"
    APPENDIX = "appendix"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "summary": "Summary",
            "introduction": "Introduction",
            "case": "The case",
            "analysis": "Analysis",
            "findings": "Findings",
            "recommendations": "Recommendations",
            "learning": "Learning",
            "conclusions": "Conclusions",
            "appendix": "Appendix",
            "other": "",
        }[self.value]


class ReadStatus(StrEnum):
    READ = "read"
    NEEDS_TEXT = "needs-text"  # a scanned PDF: no text to read; a text version is needed


@dataclass(frozen=True, slots=True)
class Passage:
    page: int  # 1-based; a Word document's "pages" are its page-length runs of paragraphs
    section: Section
    text: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class PublishedReport:
    file_name: str
    title: str
    year: int | None
    partnership: str
    review_type: str  # a ReviewType key, or "" when it could not be told
    pages: int
    status: ReadStatus
    content_hash: str  # of the normalised text: the same report twice is recognised
    passages: tuple[Passage, ...] = ()
    id: int | None = None
    imported_at: str = ""
