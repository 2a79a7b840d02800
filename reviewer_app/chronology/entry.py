"""Agencies and chronology entries: the evidence of a review.

The agency's own words (event, action/outcome, source, practitioner) are kept apart from the
reviewer's comment, and the agency's date text is kept verbatim beside the parsed date, because
differences between agencies' accounts are themselves evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from enum import StrEnum

from reviewer_app.chronology.dates import FuzzyDate, Precision
from reviewer_app.errors import InvalidInputError


class AgencyType(StrEnum):
    POLICE = "police"
    CHILDRENS_SOCIAL_CARE = "childrens-social-care"
    HEALTH_VISITING = "health-visiting"
    GP = "gp"
    HOSPITAL = "hospital"
    MIDWIFERY = "midwifery"
    MENTAL_HEALTH = "mental-health"
    SCHOOL = "school"
    EARLY_YEARS = "early-years"
    PROBATION = "probation"
    HOUSING = "housing"
    SUBSTANCE_MISUSE = "substance-misuse"
    VOLUNTARY = "voluntary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _AGENCY_LABELS[self]


_AGENCY_LABELS = {
    AgencyType.POLICE: "Police",
    AgencyType.CHILDRENS_SOCIAL_CARE: "Children's social care",
    AgencyType.HEALTH_VISITING: "Health visiting",
    AgencyType.GP: "General practice",
    AgencyType.HOSPITAL: "Hospital",
    AgencyType.MIDWIFERY: "Midwifery",
    AgencyType.MENTAL_HEALTH: "Mental health",
    AgencyType.SCHOOL: "School",
    AgencyType.EARLY_YEARS: "Nursery and early years",
    AgencyType.PROBATION: "Probation",
    AgencyType.HOUSING: "Housing",
    AgencyType.SUBSTANCE_MISUSE: "Substance misuse service",
    AgencyType.VOLUNTARY: "Voluntary sector",
    AgencyType.OTHER: "Other",
}


@dataclass(frozen=True, slots=True)
class Agency:
    name: str
    agency_type: AgencyType = AgencyType.OTHER
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidInputError("An agency needs a name, such as 'Northtown Police'.")


class Flag(StrEnum):
    """Markers the reviewer (or the agency's file) puts on an entry."""

    SIGNIFICANT = "significant"
    DISPUTED = "disputed"
    CHILD_SEEN = "child-seen"
    SEEN_ALONE = "seen-alone"
    CHILDS_WORDS = "childs-words"

    @property
    def label(self) -> str:
        return _FLAG_LABELS[self]

    @property
    def bit(self) -> int:
        return _FLAG_BITS[self]


_FLAG_LABELS = {
    Flag.SIGNIFICANT: "Significant",
    Flag.DISPUTED: "Disputed",
    Flag.CHILD_SEEN: "Child seen",
    Flag.SEEN_ALONE: "Seen alone",
    Flag.CHILDS_WORDS: "Child's words recorded",
}


_FLAG_BITS = {flag: 1 << n for n, flag in enumerate(Flag)}
# Every combination, built once: loading 50,000 entries must not rebuild flag sets each time.
_FLAG_SETS = tuple(
    frozenset(flag for flag, bit in _FLAG_BITS.items() if n & bit) for n in range(1 << len(Flag))
)


def flags_to_bits(flags: frozenset[Flag]) -> int:
    bits = 0
    for flag in flags:
        bits |= _FLAG_BITS[flag]
    return bits


def flags_from_bits(bits: int) -> frozenset[Flag]:
    return _FLAG_SETS[bits & (len(_FLAG_SETS) - 1)]


def _all_text_pairs(cells: object) -> bool:
    """True when `cells` is a tuple of (str, str) tuples, which can be kept as it is."""
    if type(cells) is not tuple:
        return False
    for pair in cells:
        if type(pair) is not tuple or len(pair) != 2:
            return False
        heading, text = pair
        if type(heading) is not str or type(text) is not str:
            return False
    return True


class Provenance:
    """Where an imported entry came from: batch, row number, the row as the agency wrote it.

    The row's cells may be handed over as stored JSON text and are then decoded on first use:
    loading 50,000 entries should not decode 50,000 rows nobody is looking at.
    """

    __slots__ = ("_cells", "_json", "batch_id", "row_number")

    def __init__(
        self,
        batch_id: int | None = None,
        row_number: int | None = None,
        original: tuple[tuple[str, str], ...] | str = (),
    ) -> None:
        self.batch_id = batch_id
        self.row_number = row_number
        self._cells: tuple[tuple[str, str], ...] | None = None
        self._json: str | None = None
        if isinstance(original, str):
            self._json = original
        elif _all_text_pairs(original):
            self._cells = original  # already immutable text: shared, not copied (imports)
        else:
            self._cells = tuple((str(h), str(v)) for h, v in original)

    @property
    def original(self) -> tuple[tuple[str, str], ...]:
        """(column heading, cell text) in file order."""
        if self._cells is None:
            self._cells = tuple((str(h), str(v)) for h, v in json.loads(self._json or "[]"))
        return self._cells

    def with_batch(self, batch_id: int | None) -> Provenance:
        return Provenance(batch_id, self.row_number, self.original)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Provenance):
            return NotImplemented
        return (self.batch_id, self.row_number, self.original) == (
            other.batch_id,
            other.row_number,
            other.original,
        )

    def __hash__(self) -> int:
        return hash((self.batch_id, self.row_number, self.original))

    def __repr__(self) -> str:
        return f"Provenance(batch_id={self.batch_id!r}, row_number={self.row_number!r})"


def check_entry_texts(source: str, event: str) -> None:
    """Raise `InvalidInputError` unless an entry with this source and event can be kept."""
    if not source.strip():
        raise InvalidInputError(
            "Every chronology entry needs a source (the record it comes from, such as "
            "'Case note' or 'Incident log 14/123')."
        )
    if not event.strip():
        raise InvalidInputError("Every chronology entry needs a description of the event.")


@dataclass(frozen=True, slots=True)
class ChronologyEntry:
    agency_id: int
    date: FuzzyDate
    source: str
    event: str
    outcome: str = ""
    practitioner: str = ""
    agency_comment: str = ""  # an agency's own comment/analysis column, still the agency's words
    comment: str = ""  # the reviewer's, never the agency's
    flags: frozenset[Flag] = frozenset()
    sequence: int = 0  # orders entries on the same day that have no time
    people: tuple[int, ...] = ()
    provenance: Provenance = field(default_factory=Provenance)
    id: int | None = None

    def __post_init__(self) -> None:
        check_entry_texts(self.source, self.event)

    def with_changes(self, **changes: object) -> ChronologyEntry:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Chronological, stable for overlapping dates: date span, time, sequence, then id."""
        return (*self.date.sort_key, self.sequence, self.id or 0)


def age_at(date_of_birth: dt.date, when: FuzzyDate) -> str:
    """The child's age at an entry, as a reviewer writes it ("2 years 3 months", "6 weeks").

    For an imprecise date the age at its start is given; before birth it says "before birth"
    (antenatal entries matter in many reviews); unknown dates give "".
    """
    if when.start is None or when.precision is Precision.UNKNOWN:
        return ""
    day = when.start
    if day < date_of_birth:
        return "before birth"
    days = (day - date_of_birth).days
    if days < 28:
        return f"{days} day{'s' if days != 1 else ''}"
    months = (day.year - date_of_birth.year) * 12 + (day.month - date_of_birth.month)
    if day.day < date_of_birth.day:
        months -= 1
    if months < 3:
        weeks = days // 7
        return f"{weeks} weeks"
    years, months = divmod(months, 12)
    if years == 0:
        return f"{months} months"
    year_text = f"{years} year{'s' if years != 1 else ''}"
    if months == 0 or years >= 5:
        return year_text
    return f"{year_text} {months} month{'s' if months != 1 else ''}"
