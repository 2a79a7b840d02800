"""Finding the header row of an agency's table and what each column holds.

Agencies head their columns in many ways ("Date of contact", "Details", "Action / Outcome",
"Record ref"). Headings are compared case- and punctuation-insensitively, first against the
names agencies are known to use, then by the words they contain. The header is the row,
among the first rows of the table, whose cells name the most chronology fields; title rows
and blank rows above it are passed over. Columns that match nothing are not imported (their
text is still kept with each row's original).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer_app.chronology.importing import Field
from reviewer_app.importers.tables import Row, cell_text

#: How far down a table the header is looked for.
HEADER_SCAN_ROWS = 30
#: Longer cells are text, not headings.
_MAX_HEADING_CHARS = 60

KNOWN_HEADINGS: dict[Field, tuple[str, ...]] = {
    Field.DATE: (
        "date", "dates", "date of contact", "date time", "date and time", "when",
        "date of event", "event date", "contact date", "date of incident", "incident date",
        "date of entry", "entry date", "date seen", "date of visit", "visit date",
    ),
    Field.TIME: ("time", "times", "time of contact", "time of event", "time of incident"),
    Field.EVENT: (
        "details of contact", "summary", "what happened", "event", "events", "details",
        "description", "contact details", "narrative", "event details", "details of event",
        "summary of contact", "summary of event", "description of event", "contact",
        "details of incident", "incident details", "information", "key events",
        "nature of contact", "type of contact and details", "event summary",
        "incident contact", "contact incident", "incident", "incidents", "contact summary",
        "details of contact event", "what happened and who was involved", "presenting issue",
    ),
    Field.OUTCOME: (
        "action outcome", "outcome plan", "action taken", "outcome", "action", "plan",
        "actions", "actions taken", "action and outcome", "outcome action", "outcomes",
        "decision", "decisions", "outcome of contact", "next steps", "action plan",
        "outcome and action", "actions outcome", "action outcome plan",
    ),
    Field.SOURCE: (
        "source", "record", "source document", "record reference", "ref", "reference",
        "source of information", "source record", "source ref", "source reference",
        "document", "record type", "records", "ref no", "reference number",
        "source of record", "document reference", "record ref", "system",
    ),
    Field.PRACTITIONER: (
        "practitioner", "worker", "staff member", "role", "practitioner role",
        "professional", "completed by", "staff", "author", "officer", "practitioners",
        "practitioner name", "name of practitioner", "professional involved",
        "professionals involved", "practitioner involved", "by whom", "recorded by",
        "worker role", "staff role", "name and role", "practitioner team", "who",
        "professional role", "practitioner job title", "job title",
        "setting", "service", "team", "service team", "setting service",
    ),
    Field.AGENCY_COMMENT: (
        "comment", "comments", "agency comment", "agency comments", "analysis",
        "agency analysis", "comment analysis", "analysis comment", "comments analysis",
        "reflection", "reflections", "agency reflection", "agency reflections",
        "analysis of practice", "comment on practice", "management comment",
    ),
}  # fmt: skip

# Words that point to a field when a heading is not one of the known names; the first field
# in this order whose word appears wins ("Practitioner comments" is a comment).
_KEYWORDS: tuple[tuple[Field, frozenset[str]], ...] = (
    (Field.DATE, frozenset({"date", "dates", "dated", "when"})),
    (Field.TIME, frozenset({"time", "times"})),
    (Field.AGENCY_COMMENT, frozenset({"comment", "comments", "analysis", "reflection"})),
    (Field.OUTCOME, frozenset({"action", "actions", "outcome", "outcomes", "plan", "decision"})),
    (
        Field.SOURCE,
        frozenset({"source", "record", "records", "ref", "reference", "document", "number"}),
    ),
    (
        Field.PRACTITIONER,
        frozenset({"practitioner", "worker", "staff", "role", "professional", "officer"}),
    ),
    (
        Field.EVENT,
        frozenset(
            {"event", "events", "details", "summary", "description", "narrative", "happened"}
            | {"incident", "contact"}
        ),
    ),
)
_NOT_HEADINGS = frozenset({"date of birth", "dob", "updated", "date updated"})

_EXACT: dict[str, Field] = {
    name: field for field, names in KNOWN_HEADINGS.items() for name in names
}
_PUNCTUATION = re.compile(r"[^\w]+")
_KEYS_KEPT = 20_000  # texts whose heading key `is_repeated_header` remembers at most


def heading_key(text: str) -> str:
    """'Action / Outcome:' and 'ACTION-OUTCOME' both become 'action outcome'."""
    text = text.casefold().replace("&", " and ").replace("_", " ")
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def field_for_heading(text: str) -> tuple[Field, int] | None:
    """The field a heading names and how sure that is (2 a known name, 1 a telling word)."""
    if not text or len(text) > _MAX_HEADING_CHARS:
        return None
    key = heading_key(text)
    if not key or key in _NOT_HEADINGS:
        return None
    if key in _EXACT:
        return _EXACT[key], 2
    words = set(key.split())
    for field, keywords in _KEYWORDS:
        if words & keywords:
            return field, 1
    return None


def auto_mapping(headers: Sequence[str]) -> dict[int, Field]:
    """Every column mapped; each field goes to its surest, then leftmost, column."""
    matches = [(index, field_for_heading(heading)) for index, heading in enumerate(headers)]
    mapping = dict.fromkeys(range(len(headers)), Field.IGNORE)
    taken: set[Field] = set()
    for strength in (2, 1):
        for index, match in matches:
            if match is not None and match[1] == strength and match[0] not in taken:
                mapping[index] = match[0]
                taken.add(match[0])
    return mapping


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    position: int  # index into the table's rows
    row_number: int
    headings: tuple[str, ...]
    fields: frozenset[Field]


def find_header(rows: Sequence[Row], scan: int = HEADER_SCAN_ROWS) -> HeaderGuess | None:
    """The row among the first `scan` that names the most fields (at least two), or None.

    A row naming the date scores higher than one that does not, because a chronology
    without dates is no chronology; ties go to the earlier row.
    """
    best: HeaderGuess | None = None
    best_score = 0
    for position, (row_number, cells) in enumerate(rows[:scan]):
        headings = tuple(cell_text(cell) for cell in cells)
        fields: dict[Field, int] = {}
        for heading in headings:
            match = field_for_heading(heading)
            if match is not None:
                fields[match[0]] = max(fields.get(match[0], 0), match[1])
        if len(fields) < 2:
            continue
        score = sum(fields.values()) + (3 if Field.DATE in fields else 0)
        if score > best_score:
            best_score = score
            best = HeaderGuess(position, row_number, headings, frozenset(fields))
    return best


def is_repeated_header(
    texts: Sequence[str], header_keys: Sequence[str], keys: dict[str, str] | None = None
) -> bool:
    """A row that repeats the header, as Word and Excel do when a table runs over pages.
    `keys` (kept by the caller across rows) remembers each text's `heading_key`, since most
    rows of a long table begin with a date some row above began with."""
    matched = 0
    for index, text in enumerate(texts):
        if not text:
            continue
        if index >= len(header_keys):
            return False
        known = keys.get(text) if keys is not None else None
        if known is not None:
            key = known
        else:
            key = heading_key(text)
            if keys is not None:
                if len(keys) >= _KEYS_KEPT:
                    keys.clear()
                keys[text] = key
        if key != header_keys[index]:
            return False
        matched += 1
    return matched >= 2
