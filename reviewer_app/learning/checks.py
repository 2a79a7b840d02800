"""The gate a learning dataset passes before it is collated.

A dataset someone gives the collator is not trusted because it says it was anonymised. Every
value is checked before anything is kept:

- keyed values (review type, age band, region, category, stage, agency types) must be keys the
  app ships: a school's name typed as an "agency type" or a child's name as a "category" is
  caught here, and none of them is ever printed as a label;
- the free texts (themes, questions for the board) are read by the anonymisation gate's
  scanner with no register: the generic shapes (a "DOB …" phrase, postcodes, phone and NHS
  numbers, street addresses), possible names not in any register (a title before a capitalised
  word; a capitalised word from the name lists that is not an everyday word), and any exact
  date (a dataset holds a year, never a date);
- sizes and ranges: the year within 1990 and this year, sane counts and lengths.

A problem says where it is (the finding and the field) and what it is, never the text itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer_app.analysis.reference import journey_stages, typology
from reviewer_app.anonymisation.patterns import MONTH_PATTERN
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import LeakScanner, TextPiece
from reviewer_app.chronology.entry import AgencyType
from reviewer_app.learning.dataset import (
    AGE_BANDS,
    MAX_AGENCY_TYPES,
    MAX_FINDINGS,
    MAX_QUESTIONS,
    UNKNOWN_AGE,
    LearningDataset,
)
from reviewer_app.review import REGIONS, ReviewType

FIRST_YEAR = 1990
MAX_TEXT = 2_000
MAX_ID = 64
ID_FIELD = "dataset id"
#: What this app writes (20 hex digits of a hash) or another tool might (a UUID): hex digits
#: and hyphens only, so no name or word can be carried in an id, which is shown and exported.
_ID = re.compile(r"[0-9A-Fa-f](?:[0-9A-Fa-f\-]{6,62})[0-9A-Fa-f]")
_MONTH = MONTH_PATTERN
#: A day, month and year in any of the shapes people write (a year alone, or a month and a
#: year, is not a date of anything in particular).
EXACT_DATE = re.compile(
    rf"(?i)(?<![\w/.\-])(?:\d{{1,2}} ?[/.\-] ?\d{{1,2}} ?[/.\-] ?(?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? (?:\d{{4}}|'?\d{{2}})"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})(?![\w/])"
)


_GENERIC = (
    "The|A|An|Any|Every|Each|This|That|Their|His|Her|Its|Our|Local|Primary|Secondary|Infant|"
    "Junior|Special|Independent|Faith|Community|Village|Nursery|General|District|Children'?s|"
    "Childrens|Family|Health|Medical|Maternity|Mental|Acute|Teaching|Private|State|New|Other|"
    "Same|Different|Mainstream|Residential|Boarding|Alternative|Pupil|Referral|"
    # words that start a sentence or a question
    "Did|Was|Were|Why|How|What|When|Where|Which|Who|Is|Are|Does|Do|Has|Have|Had|Should|"
    "Could|Would|Can|Will|In|At|On|For|From|To|By|With|And|But|If|All|Both|No|Not"
)
_INSTITUTION = (
    r"(?:School|Academy|College|Nursery|Surgery|Medical Centre|Medical Practice|Health Centre|"
    r"Children'?s Centre|Family Centre|Hospital|Infirmary|Pre-?school)"
)
#: A proper name before a school, surgery or hospital: "Oakfield Primary School".
NAMED_INSTITUTION = re.compile(
    rf"(?<![\w'’\-])(?!(?:{_GENERIC})\b)[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*\s+{_INSTITUTION}\b"
)


@dataclass(frozen=True, slots=True)
class DatasetProblem:
    """One reason a dataset is not collated: where (the dataset or a finding), which field,
    and what is wrong, never the text found."""

    where: str
    field: str
    reason: str

    def describe(self) -> str:
        return f"{self.where} — {self.field}: {self.reason}"


def _keys() -> dict[str, frozenset[str]]:
    """The values each keyed field may hold, by the field's name in `LearningDataset.texts()`."""
    return {
        "review type": frozenset(t.value for t in ReviewType),
        "age band": frozenset((*AGE_BANDS, UNKNOWN_AGE)),
        "region": frozenset(("", *REGIONS)),
        "category": frozenset(("", *(c.key for c in typology()))),
        "stage of the child's journey": frozenset(("", *(s.key for s in journey_stages()))),
        "agency type": frozenset(t.value for t in AgencyType),
    }


def valid_id(dataset_id: str) -> bool:
    """Whether a dataset id has the shape of one this app (or a UUID) writes."""
    return len(dataset_id) <= MAX_ID and _ID.fullmatch(dataset_id) is not None


def _shape_problems(dataset: LearningDataset, this_year: int) -> list[DatasetProblem]:
    problems: list[DatasetProblem] = []
    top = "The dataset"
    if not dataset.dataset_id.strip():
        problems.append(DatasetProblem(top, ID_FIELD, "missing"))
    elif not valid_id(dataset.dataset_id):
        problems.append(
            DatasetProblem(
                top, ID_FIELD, "not an id SCR Reviewer writes (8 to 64 digits and letters a–f)"
            )
        )
    year = dataset.review_year
    if year is not None and not FIRST_YEAR <= year <= this_year:
        problems.append(
            DatasetProblem(top, "review year", f"not a year between {FIRST_YEAR} and {this_year}")
        )
    if len(dataset.findings) > MAX_FINDINGS:
        problems.append(DatasetProblem(top, "findings", f"more than {MAX_FINDINGS}"))
    if len(dataset.agency_types) > MAX_AGENCY_TYPES:
        problems.append(DatasetProblem(top, "agency types", f"more than {MAX_AGENCY_TYPES}"))
    numbers = [f.number for f in dataset.findings]
    if len(set(numbers)) != len(numbers):
        problems.append(DatasetProblem(top, "findings", "two findings have the same number"))
    for f in dataset.findings:
        if len(f.board_questions) > MAX_QUESTIONS:
            where = f"Finding {f.number}"
            problems.append(
                DatasetProblem(where, "questions for the board", f"more than {MAX_QUESTIONS}")
            )
        if len(f.agency_types) > MAX_AGENCY_TYPES:
            problems.append(
                DatasetProblem(
                    f"Finding {f.number}", "agency types", f"more than {MAX_AGENCY_TYPES}"
                )
            )
    return problems


def dataset_problems(
    dataset: LearningDataset, *, today: dt.date | None = None
) -> list[DatasetProblem]:
    """Everything that keeps this dataset out of a collation (empty: it may be collated)."""
    return problems_of([dataset], today=today)[0]


def problems_of(
    datasets: Sequence[LearningDataset], *, today: dt.date | None = None
) -> list[list[DatasetProblem]]:
    """The problems of each dataset, its free texts read by the gate in one pass for all (a
    theme many datasets share is read once)."""
    this_year = (today or dt.date.today()).year
    keys = _keys()
    found: list[list[DatasetProblem]] = []
    pieces: list[TextPiece] = []
    for n, dataset in enumerate(datasets):
        problems = _shape_problems(dataset, this_year)
        # Every string the dataset holds (`texts()`), so a field added later is checked too: a
        # keyed field against its keys, the id by its shape, and anything else as free text.
        for where, field, text in dataset.texts():
            if field == ID_FIELD:
                continue  # its shape is checked above
            if field in keys:
                if text not in keys[field]:
                    problems.append(
                        DatasetProblem(where, field, "not one of the values this app uses")
                    )
            elif len(text) > MAX_TEXT:
                problems.append(
                    DatasetProblem(where, field, f"longer than {MAX_TEXT:,} characters")
                )
            elif EXACT_DATE.search(text):
                problems.append(DatasetProblem(where, field, "an exact date"))
            elif NAMED_INSTITUTION.search(text):
                named = "a named school, surgery or hospital"
                problems.append(DatasetProblem(where, field, named))
            else:
                pieces.append(TextPiece(f"{n}{_SPLIT}{where}", field, text))
        found.append(problems)
    for hit in _scanner().scan_pieces(pieces):
        index, where = hit.section.split(_SPLIT, 1)
        found[int(index)].append(DatasetProblem(where, hit.block, hit.what or hit.kind.label))
    return [_distinct(problems) for problems in found]


_SPLIT = "\x1f"


def _distinct(problems: list[DatasetProblem]) -> list[DatasetProblem]:
    return list(dict.fromkeys(problems))


_SCANNER: LeakScanner | None = None


def _scanner() -> LeakScanner:
    global _SCANNER
    if _SCANNER is None:
        _SCANNER = LeakScanner(PseudonymRegister(), generic=True, unregistered=True)
    return _SCANNER


def identifying(text: str) -> bool:
    """Whether the gate would keep `text` out of a collation as free text (an exact date, a
    named school or surgery, a generic shape, a possible name); for texts that are not part of
    a dataset but travel with it, such as the name of the file it came from."""
    spaced = " ".join(text.replace("_", " ").split())
    return bool(
        len(spaced) > MAX_TEXT
        or EXACT_DATE.search(spaced)
        or NAMED_INSTITUTION.search(spaced)
        or _scanner().scan_text(spaced)
    )
