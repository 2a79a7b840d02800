"""The learning dataset: what one review can share about its findings, with nothing identifying.

Schema `scr-reviewer/learning-dataset`, version 2 (documented in docs/learning-dataset.md;
version 1, the same without `region`, is still read). A dataset holds the review's type and
year, the child's age band, the types of agency involved, optionally a coarse region (one of
England's nine regions, or Wales), and per finding its category, practice-issue theme, stage
of the child's journey, the types of agency whose records evidence it, and the questions for
the board. No names, no exact dates, no
narrative: the free texts (themes and questions) still pass through the anonymisation gate.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reviewer_app.errors import InvalidInputError

SCHEMA = "scr-reviewer/learning-dataset"
SCHEMA_VERSION = 2
UNKNOWN_AGE = "unknown"
AGE_BANDS = ("under 1", "1–4", "5–10", "11–15", "16–17", "18 or over")
CSV_COLUMNS = (
    "dataset_id",
    "review_type",
    "review_year",
    "age_band",
    "agency_types",
    "finding_number",
    "category",
    "theme",
    "journey_stage",
    "finding_agency_types",
    "board_questions",
    "region",
)
CSV_COLUMNS_V1 = CSV_COLUMNS[:-1]
#: The most a dataset may hold (checked again by the gate). A file is refused as soon as a list
#: is longer, before anything is built from it: a few megabytes of "{}" would otherwise become
#: millions of findings and gigabytes of memory.
MAX_FINDINGS = 200
MAX_QUESTIONS = 40
MAX_AGENCY_TYPES = 40
LIST_SEPARATOR = "; "  # between agency types in a CSV cell (keys never contain it)
QUESTION_SEPARATOR = "\n"  # between questions in a CSV cell


def age_in_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: dt.date | None, on: dt.date | None) -> str:
    """The child's age band on `on` (the end of the scope period): never the age itself."""
    if born is None or on is None or on < born:
        return UNKNOWN_AGE
    years = age_in_years(born, on)
    if years < 1:
        return AGE_BANDS[0]
    if years <= 4:
        return AGE_BANDS[1]
    if years <= 10:
        return AGE_BANDS[2]
    if years <= 15:
        return AGE_BANDS[3]
    if years <= 17:
        return AGE_BANDS[4]
    return AGE_BANDS[5]


@dataclass(frozen=True, slots=True)
class DatasetFinding:
    number: int  # 1, 2, … in the review's order
    category: str = ""  # a typology key ("tools")
    theme: str = ""  # the practice-issue theme, as the reviewer wrote it
    journey_stage: str = ""  # a journey-stage key ("referral")
    agency_types: tuple[str, ...] = ()  # agency-type keys of the records that evidence it
    board_questions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LearningDataset:
    dataset_id: str  # random-looking, stable for one review: re-importing replaces
    review_type: str  # a review-type key ("lcspr")
    review_year: int | None
    age_band: str
    agency_types: tuple[str, ...]
    findings: tuple[DatasetFinding, ...]
    schema_version: int = SCHEMA_VERSION
    region: str = ""  # one of REGIONS, or "" (not given)

    def texts(self) -> Iterator[tuple[str, str, str]]:
        """Every string in the dataset as (where, what, text), for the anonymisation gate."""
        yield "The dataset", "dataset id", self.dataset_id
        yield "The dataset", "review type", self.review_type
        yield "The dataset", "age band", self.age_band
        yield "The dataset", "region", self.region
        for kind in self.agency_types:
            yield "The dataset", "agency type", kind
        for f in self.findings:
            where = f"Finding {f.number}"
            yield where, "category", f.category
            yield where, "theme", f.theme
            yield where, "stage of the child's journey", f.journey_stage
            for kind in f.agency_types:
                yield where, "agency type", kind
            for n, question in enumerate(f.board_questions, start=1):
                yield where, f"question for the board {n}", question


# -- JSON ----------------------------------------------------------------------------------------


def to_dict(dataset: LearningDataset) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "schema_version": dataset.schema_version,
        "dataset_id": dataset.dataset_id,
        "review": {
            "type": dataset.review_type,
            "year": dataset.review_year,
            "child_age_band": dataset.age_band,
            "agency_types": list(dataset.agency_types),
            **({"region": dataset.region} if dataset.region else {}),
        },
        "findings": [
            {
                "number": f.number,
                "category": f.category,
                "theme": f.theme,
                "journey_stage": f.journey_stage,
                "agency_types": list(f.agency_types),
                "board_questions": list(f.board_questions),
            }
            for f in dataset.findings
        ],
    }


def to_json(dataset: LearningDataset) -> str:
    return json.dumps(to_dict(dataset), ensure_ascii=False, indent=2) + "\n"


def _refuse(name: str, what: str) -> InvalidInputError:
    return InvalidInputError(f"'{name}' is not a learning dataset SCR Reviewer can read: {what}.")


def _text(value: Any, name: str, what: str) -> str:
    if not isinstance(value, str):
        raise _refuse(name, f"{what} is not text")
    return value


def _texts(value: Any, name: str, what: str, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _refuse(name, f"{what} is not a list")
    if len(value) > limit:
        raise _refuse(name, f"it has more than {limit} {what} in one place")
    return tuple(_text(v, name, what) for v in value)


def from_dict(data: Any, name: str = "the file") -> LearningDataset:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise _refuse(name, "it does not say it is one")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        # The value itself is never repeated: a hostile file could put anything there.
        raise _refuse(name, f"its schema version is not a number from 1 to {SCHEMA_VERSION}")
    if version > SCHEMA_VERSION:
        raise _refuse(name, f"its schema version ({version}) is newer than this app reads")
    review = data.get("review")
    findings = data.get("findings")
    if not isinstance(review, dict) or not isinstance(findings, list):
        raise _refuse(name, "it has no review or findings part")
    if len(findings) > MAX_FINDINGS:
        raise _refuse(name, f"it has more than {MAX_FINDINGS} findings")
    year = review.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise _refuse(name, "the review year is not a whole number")
    made: list[DatasetFinding] = []
    for n, item in enumerate(findings, start=1):
        if not isinstance(item, dict):
            raise _refuse(name, f"finding {n} is not a set of fields")
        number = item.get("number", n)
        if not isinstance(number, int) or isinstance(number, bool):
            raise _refuse(name, f"finding {n} has no number")
        made.append(
            DatasetFinding(
                number=number,
                category=_text(item.get("category", ""), name, f"finding {n}'s category"),
                theme=_text(item.get("theme", ""), name, f"finding {n}'s theme"),
                journey_stage=_text(item.get("journey_stage", ""), name, f"finding {n}'s stage"),
                agency_types=_texts(
                    item.get("agency_types", []), name, "agency types", MAX_AGENCY_TYPES
                ),
                board_questions=_texts(
                    item.get("board_questions", []), name, "questions", MAX_QUESTIONS
                ),
            )
        )
    return LearningDataset(
        dataset_id=_text(data.get("dataset_id", ""), name, "the dataset id"),
        review_type=_text(review.get("type", ""), name, "the review type"),
        review_year=year,
        age_band=_text(review.get("child_age_band", UNKNOWN_AGE), name, "the age band"),
        agency_types=_texts(review.get("agency_types", []), name, "agency types", MAX_AGENCY_TYPES),
        findings=tuple(made),
        schema_version=version,
        region=_text(review.get("region", ""), name, "the region") if version >= 2 else "",
    )


def _load_json(text: str, name: str) -> Any:
    try:
        return json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise _refuse(name, f"it is not valid JSON (line {exc.lineno})") from exc
    except RecursionError as exc:
        raise _refuse(name, "its JSON is nested too deeply") from exc


def from_json(text: str, name: str = "the file") -> LearningDataset:
    return from_dict(_load_json(text, name), name)


# -- CSV: one row per finding (a review without findings has one row with the finding empty) --


def csv_rows(dataset: LearningDataset) -> list[dict[str, str]]:
    review = {
        "dataset_id": dataset.dataset_id,
        "review_type": dataset.review_type,
        "review_year": "" if dataset.review_year is None else str(dataset.review_year),
        "age_band": dataset.age_band,
        "agency_types": LIST_SEPARATOR.join(dataset.agency_types),
    }
    if not dataset.findings:
        return [{**review, **dict.fromkeys(CSV_COLUMNS[5:-1], ""), "region": dataset.region}]
    return [
        {
            **review,
            "finding_number": str(f.number),
            "category": f.category,
            "theme": f.theme,
            "journey_stage": f.journey_stage,
            "finding_agency_types": LIST_SEPARATOR.join(f.agency_types),
            "board_questions": QUESTION_SEPARATOR.join(f.board_questions),
            "region": dataset.region,
        }
        for f in dataset.findings
    ]


def to_csv(dataset: LearningDataset) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(dataset))
    return out.getvalue()


def _split(text: str, separator: str) -> tuple[str, ...]:
    return tuple(
        part.strip() for part in text.split(separator.strip() or separator) if part.strip()
    )


def _whole_number(text: str) -> bool:
    """Digits 0–9 only ("²" and other Unicode digits are not numbers here)."""
    return text.isascii() and text.isdigit() and len(text) <= 9


def from_csv(text: str, name: str = "the file") -> list[LearningDataset]:
    """Every dataset in a CSV file (several reviews' rows may be put in one file)."""
    text = text.removeprefix("\ufeff")
    try:
        return _from_csv(text, name)
    except csv.Error as exc:  # a cell over the csv module's limit, a NUL byte…
        raise _refuse(
            name, "it is not a CSV file this app can read (a cell is far too long or damaged)"
        ) from exc


def _from_csv(text: str, name: str) -> list[LearningDataset]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = tuple(reader.fieldnames or ())
    if columns not in (CSV_COLUMNS, CSV_COLUMNS_V1):
        raise _refuse(name, "its columns are not those of a learning dataset")
    grouped: dict[str, tuple[dict[str, str], list[DatasetFinding]]] = {}
    for line, row in enumerate(reader, start=2):
        if None in row.values() or None in row:
            raise _refuse(name, f"row {line} has the wrong number of cells")
        year_text = row["review_year"].strip()
        if year_text and not _whole_number(year_text):
            raise _refuse(name, f"row {line} has a review year that is not a number")
        _head, findings = grouped.setdefault(row["dataset_id"], (row, []))
        if row["finding_number"].strip():
            if not _whole_number(row["finding_number"].strip()):
                raise _refuse(name, f"row {line} has a finding number that is not a number")
            if len(findings) >= MAX_FINDINGS:
                raise _refuse(name, f"row {line} gives a review more than {MAX_FINDINGS} findings")
            findings.append(
                DatasetFinding(
                    number=int(row["finding_number"]),
                    category=row["category"],
                    theme=row["theme"],
                    journey_stage=row["journey_stage"],
                    agency_types=_split(row["finding_agency_types"], LIST_SEPARATOR),
                    board_questions=tuple(
                        q for q in row["board_questions"].split(QUESTION_SEPARATOR) if q.strip()
                    ),
                )
            )
    return [
        LearningDataset(
            dataset_id=dataset_id,
            review_type=head["review_type"],
            review_year=int(head["review_year"]) if head["review_year"].strip() else None,
            age_band=head["age_band"],
            agency_types=_split(head["agency_types"], LIST_SEPARATOR),
            findings=tuple(findings),
            schema_version=SCHEMA_VERSION if "region" in head else 1,
            region=head.get("region", "").strip(),
        )
        for dataset_id, (head, findings) in grouped.items()
    ]


def read_datasets(text: str, name: str) -> list[LearningDataset]:
    """The datasets in a file's text, JSON or CSV (told apart by their first character)."""
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith("{"):
        return [from_json(text, name)]
    if stripped.startswith("["):
        items = _load_json(text, name)
        return [from_dict(item, name) for item in items]
    return from_csv(text, name)
