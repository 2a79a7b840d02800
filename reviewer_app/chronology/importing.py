"""What an import produces before anything is saved: mapped rows and every row-level problem.

The importers (`reviewer_app.importers`) read an agency's file into an `ImportPreview`; the
reviewer sees it, can change the column mapping, and only then commits it as one batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from reviewer_app.chronology.dates import FuzzyDate
from reviewer_app.chronology.entry import Flag


class Field(StrEnum):
    """The chronology fields a column of an agency's file can be mapped to."""

    DATE = "date"
    TIME = "time"
    SOURCE = "source"
    PRACTITIONER = "practitioner"
    EVENT = "event"
    OUTCOME = "outcome"
    AGENCY_COMMENT = "agency-comment"  # the agency's own comment column, kept as agency text
    IGNORE = "ignore"

    @property
    def label(self) -> str:
        return _FIELD_LABELS[self]


_FIELD_LABELS = {
    Field.DATE: "Date",
    Field.TIME: "Time",
    Field.SOURCE: "Source",
    Field.PRACTITIONER: "Practitioner / role",
    Field.EVENT: "Event",
    Field.OUTCOME: "Action / outcome",
    Field.AGENCY_COMMENT: "Agency comment",
    Field.IGNORE: "(not imported)",
}


class ProblemKind(StrEnum):
    UNREADABLE_DATE = "unreadable-date"
    IMPOSSIBLE_DATE = "impossible-date"
    MISSING_DATE = "missing-date"  # imported with the date unknown
    MISSING_SOURCE = "missing-source"  # imported with the batch's source instead
    MISSING_EVENT = "missing-event"  # a dated row with no description: left out
    NO_DATE_OR_EVENT = "no-date-or-event"
    SPLIT_ROW = "split-row"
    OUT_OF_ORDER = "out-of-order"
    BAD_TIME = "bad-time"


#: Problems that stop a row being imported; the others are warnings shown to the reviewer.
#: A row is only left out when nothing usable can be made of it: a date that cannot be read
#: (never guessed), no date and no event, a date with no description of what happened (every
#: entry needs one), or the rest of the row above.
BLOCKING = frozenset(
    {
        ProblemKind.UNREADABLE_DATE,
        ProblemKind.IMPOSSIBLE_DATE,
        ProblemKind.NO_DATE_OR_EVENT,
        ProblemKind.MISSING_EVENT,
        ProblemKind.SPLIT_ROW,
    }
)

#: The heading put before a field's name in an entry's provenance when the reviewer corrected
#: that field in the import wizard; the agency's own cells stay beside it, unchanged.
CORRECTED_PREFIX = "Corrected at import: "
#: The heading of the cell a PDF's rows carry: the page of the PDF the row is on.
PAGE_HEADING = "PDF page"


@dataclass(frozen=True, slots=True)
class RowProblem:
    row_number: int  # as the agency sees it: spreadsheet row, CSV line, or table row in Word
    kind: ProblemKind
    message: str  # plain English, e.g. "row 14: date '31/02/2015' does not exist"

    @property
    def blocking(self) -> bool:
        return self.kind in BLOCKING


@dataclass(frozen=True, slots=True)
class DraftEntry:
    """One mapped row, ready to become a `ChronologyEntry` once its agency and batch are known."""

    row_number: int
    date: FuzzyDate | None
    source: str
    event: str
    outcome: str = ""
    practitioner: str = ""
    agency_comment: str = ""
    flags: frozenset[Flag] = frozenset()
    original: tuple[tuple[str, str], ...] = ()
    # True when the agency gave no source for the row and `source` was made for it (the
    # reviewer's source for the batch, or the file name and row number).
    source_made: bool = False


class ImportedRow(NamedTuple):
    """An importable row as its batch stores it: what the `ChronologyEntry` made from it would
    hold, without making one (so a 200,000-row import makes none). `headings` and `cells` are
    its provenance's `original`, one cell per heading."""

    date: FuzzyDate
    sequence: int
    source: str
    event: str
    outcome: str
    practitioner: str
    agency_comment: str
    flags: frozenset[Flag]
    row_number: int
    headings: tuple[str, ...]
    cells: Sequence[str]


@dataclass(frozen=True, slots=True)
class ImportPreview:
    file_name: str
    file_format: str  # "csv", "xlsx", "docx"
    sheet: str | None
    sheets: tuple[str, ...]  # every sheet (xlsx) or table (docx) the file has, for choosing
    header_row: int
    headers: tuple[str, ...]
    mapping: dict[int, Field]  # column index -> field
    rows: Sequence[DraftEntry]  # a tuple, or the importers' compact `DraftRows`
    problems: tuple[RowProblem, ...] = ()
    skipped_rows: int = 0  # title, blank and repeated-header rows passed over
    notes: tuple[str, ...] = field(default=())
    source_default: str = ""  # the reviewer's source for rows the agency gave none for
    # row number -> field -> the reviewer's text, typed in the wizard (see `corrections`)
    corrections: dict[int, dict[Field, str]] = field(default_factory=dict)

    @property
    def source_column(self) -> bool:
        """Whether a column of the file is read as the source."""
        return Field.SOURCE in self.mapping.values()

    @property
    def importable(self) -> Sequence[DraftEntry]:
        """The rows without a blocking problem: a view of `rows`, not a copy."""
        from reviewer_app.chronology.draft_rows import RowsWithout  # it builds on this module

        blocked = frozenset(p.row_number for p in self.problems if p.blocking)
        return RowsWithout(self.rows, blocked) if blocked else self.rows

    @property
    def blocking_problems(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.problems if p.blocking)
