"""What the published-review services need from storage (the learning library file)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.published.report import PublishedReport, Section
from reviewer_app.published.themes import ThemeSuggestion

#: A search result's highlighted words are between these two characters.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True, slots=True)
class SearchHit:
    report_id: int
    title: str
    year: int | None
    partnership: str
    review_type: str
    page: int
    section: Section
    snippet: str  # with MARK_START/MARK_END around each matched word
    passage_id: int

    def plain_snippet(self, start: str = "[", end: str = "]") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    fts: str  # an FTS5 query, made by `published.search.fts_query`
    theme: str = ""
    year_from: int | None = None
    year_to: int | None = None
    review_type: str = ""
    limit: int = 100


@dataclass(frozen=True, slots=True)
class StoredTheme:
    report_id: int
    theme: str
    kind: str
    score: int
    evidence: str
    state: str  # "suggested", "confirmed" or "rejected"


class PublishedStore(Protocol):
    def has(self, content_hash: str) -> int | None: ...
    def add(
        self,
        report: PublishedReport,
        themes: Sequence[ThemeSuggestion],
        passage_themes: Sequence[Sequence[str]],
    ) -> int: ...
    def reports(self) -> list[PublishedReport]: ...
    def report(self, report_id: int, *, with_passages: bool = False) -> PublishedReport: ...
    def describe(
        self, report_id: int, *, title: str, year: int | None, partnership: str, review_type: str
    ) -> None: ...
    def remove(self, report_id: int) -> None: ...
    def search(self, query: SearchQuery) -> list[SearchHit]: ...
    def themes(self, report_id: int | None = None) -> list[StoredTheme]: ...
    def set_theme_state(self, report_id: int, theme: str, state: str) -> None: ...
