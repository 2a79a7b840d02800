"""The reviewer's library of published case reviews (kept in the learning library file).

Importing reads each PDF or Word file on its own (any failure refuses that file with a plain
reason), recognises a report already held by its text, records a scan as needing a text
version, and suggests themes with the evidence for each. Search runs in SQLite (FTS5); the
reviewer edits what was detected and confirms or rejects each theme.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.published.report import PublishedReport, ReadStatus
from reviewer_app.published.repository import PublishedStore, SearchHit, SearchQuery, StoredTheme
from reviewer_app.published.search import fts_query
from reviewer_app.published.themes import suggest, theme_named, themes_of_passage
from reviewer_app.review import ReviewType

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".docx")
Progress = Callable[[int, int, str], None]  # done, of, file name


@dataclass(frozen=True, slots=True)
class PublishedImport:
    added: tuple[str, ...] = ()  # titles
    duplicates: tuple[str, ...] = ()  # file names of reports already held
    needs_text: tuple[str, ...] = ()  # file names of scans (kept, listed, not searchable)
    refused: tuple[tuple[str, str], ...] = ()  # (file name, reason)
    cancelled: bool = False

    @property
    def summary(self) -> str:
        parts = [f"{len(self.added)} published review{'s' if len(self.added) != 1 else ''} added"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the library")
        if self.needs_text:
            parts.append(f"{len(self.needs_text)} need a text version (scanned, no text)")
        if self.refused:
            parts.append(f"{len(self.refused)} could not be read")
        if self.cancelled:
            parts.append("stopped before the end")
        return ", ".join(parts) + "."


def files_in(folder: Path) -> list[Path]:
    """The PDF and Word files in a folder and its subfolders, in name order."""
    if not folder.is_dir():
        raise InvalidInputError(f"'{folder}' is not a folder.")
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


class PublishedLibrary:
    def __init__(self, store: PublishedStore) -> None:
        self.store = store

    # -- importing -------------------------------------------------------------------------
    def import_files(
        self,
        paths: Sequence[Path],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> PublishedImport:
        added: list[str] = []
        duplicates: list[str] = []
        needs_text: list[str] = []
        refused: list[tuple[str, str]] = []
        stopped = False
        # Loaded here, not with this module: the reader brings the import parsers, and opening
        # a review builds this service without reading any report.
        from reviewer_app.published.reading import describe, read_pages

        for n, path in enumerate(paths):
            if cancelled():
                stopped = True
                break
            if progress is not None:
                progress(n, len(paths), path.name)
            try:
                report = describe(path, read_pages(path))
            except UserFacingError as exc:
                refused.append((path.name, str(exc)))
                continue
            except OSError as exc:
                refused.append((path.name, f"'{path.name}' could not be read ({exc.strerror})."))
                continue
            except Exception as exc:  # any other failure refuses this file only
                log.info("a published review could not be read: %s", type(exc).__name__)
                refused.append((path.name, f"'{path.name}' could not be read."))
                continue
            if self.store.has(report.content_hash) is not None:
                duplicates.append(path.name)
                continue
            self._keep(report)
            if report.status is ReadStatus.NEEDS_TEXT:
                needs_text.append(path.name)
            else:
                added.append(report.title)
        if progress is not None and not stopped:
            progress(len(paths), len(paths), "")
        return PublishedImport(
            tuple(added), tuple(duplicates), tuple(needs_text), tuple(refused), stopped
        )

    def import_folder(
        self,
        folder: Path,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> PublishedImport:
        return self.import_files(files_in(folder), progress=progress, cancelled=cancelled)

    def _keep(self, report: PublishedReport) -> int:
        counted = [themes_of_passage(p.text) for p in report.passages]
        tags = [sorted(themes) for themes in counted]
        return self.store.add(report, suggest(report.passages, counted), tags)

    # -- what is held ----------------------------------------------------------------------
    def reports(self) -> list[PublishedReport]:
        return self.store.reports()

    def report(self, report_id: int, *, with_passages: bool = False) -> PublishedReport:
        return self.store.report(report_id, with_passages=with_passages)

    def correct(
        self, report_id: int, *, title: str, year: int | None, partnership: str, review_type: str
    ) -> None:
        """The reviewer's corrections to what was detected."""
        if not title.strip():
            raise InvalidInputError("A published review needs a title.")
        if review_type and review_type not in {t.value for t in ReviewType}:
            raise InvalidInputError(f"'{review_type}' is not a kind of review this app knows.")
        self.store.describe(
            report_id,
            title=" ".join(title.split()),
            year=year,
            partnership=" ".join(partnership.split()),
            review_type=review_type,
        )

    def remove(self, report_id: int) -> None:
        self.store.remove(report_id)

    # -- search ----------------------------------------------------------------------------
    def search(
        self,
        words: str,
        *,
        theme: str = "",
        year_from: int | None = None,
        year_to: int | None = None,
        review_type: str = "",
        limit: int = 100,
    ) -> list[SearchHit]:
        """Passages matching `words`; `theme` is a theme's label or another of its wordings (a
        name the library does not know is refused, never an empty answer)."""
        if theme:
            named = theme_named(theme)
            if named is None:
                raise InvalidInputError(
                    f"'{theme}' is not a theme the library suggests. Use one of the recurring "
                    "practice issues or a stage of the child's journey, for example "
                    "'Neglect' or 'Information sharing'."
                )
            theme = named
        return self.store.search(
            SearchQuery(fts_query(words), theme, year_from, year_to, review_type, limit)
        )

    # -- themes ----------------------------------------------------------------------------
    def themes(self, report_id: int | None = None) -> list[StoredTheme]:
        return self.store.themes(report_id)

    def confirm(self, report_id: int, theme: str) -> None:
        self.store.set_theme_state(report_id, theme, "confirmed")

    def reject(self, report_id: int, theme: str) -> None:
        self.store.set_theme_state(report_id, theme, "rejected")

    def theme_counts(
        self,
        *,
        confirmed_only: bool = False,
        year_from: int | None = None,
        year_to: int | None = None,
        review_types: frozenset[str] = frozenset(),
    ) -> Counter[str]:
        """How many published reviews have each theme (confirmed, or also suggested and not
        rejected), of those published within the years and of the types given (a review with
        no year is left out once years are chosen)."""
        chosen = {
            r.id
            for r in self.store.reports()
            if (not review_types or r.review_type in review_types)
            and (year_from is None or (r.year is not None and r.year >= year_from))
            and (year_to is None or (r.year is not None and r.year <= year_to))
        }
        wanted: Iterable[StoredTheme] = (
            t
            for t in self.store.themes()
            if t.report_id in chosen
            and (t.state == "confirmed" or (not confirmed_only and t.state == "suggested"))
        )
        return Counter(t.theme for t in wanted)
