"""The JSON interchange format of a whole review (documented in docs/file-format.md).

Pure conversion between a `ReviewSnapshot` and JSON-ready dictionaries. Ids inside a document
are local to it (1, 2, 3… in document order); importing gives everything new ids and keeps the
links. Reading validates as it goes and reports the first problem in plain English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from reviewer_app.analysis.interchange import AnalysisPart, from_document_part, to_document_part
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry, Flag, Provenance
from reviewer_app.chronology.repository import ImportBatch, SameEventDecision, SameEventStatus
from reviewer_app.chronology.requests import ChronologyRequest
from reviewer_app.errors import InvalidInputError
from reviewer_app.lifecycle_interchange import LifecyclePart
from reviewer_app.lifecycle_interchange import from_document_part as lifecycle_from_document
from reviewer_app.lifecycle_interchange import to_document_part as lifecycle_to_document
from reviewer_app.reporting.sections import SectionText, checked
from reviewer_app.review import (
    Methodology,
    ProtectiveMarking,
    Review,
    ReviewStatus,
    ReviewType,
    ScopePeriod,
)

FORMAT_NAME = "scr-reviewer-review"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ReviewSnapshot:
    """Everything in a review, as plain domain objects with their stored ids."""

    details: Review
    agencies: tuple[Agency, ...] = ()
    batches: tuple[ImportBatch, ...] = ()
    entries: tuple[ChronologyEntry, ...] = ()
    same_event: tuple[SameEventDecision, ...] = ()
    subject_date_of_birth: dt.date | None = None
    #: people, agencies' returns, conversations, episodes and findings
    analysis: AnalysisPart = field(default_factory=AnalysisPart)
    #: the timetable, the rapid review, drafts and the response log
    lifecycle: LifecyclePart = field(default_factory=LifecyclePart)
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: chronologies asked of agencies (request packs) and whether they came back
    requests: tuple[ChronologyRequest, ...] = ()
    #: the reviewer's text for the report's narrative sections, by section key
    report_sections: Mapping[str, str] = field(default_factory=dict)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def to_document(snapshot: ReviewSnapshot, app_version: str = "") -> dict[str, Any]:
    d = snapshot.details
    agency_names = {a.id: a.name for a in snapshot.agencies}
    batch_ids = {b.id: n for n, b in enumerate(snapshot.batches, start=1)}
    entries = sorted(snapshot.entries, key=lambda e: e.sort_key)
    entry_ids = {e.id: n for n, e in enumerate(entries, start=1)}
    person_ids = {p.id: n for n, p in enumerate(snapshot.analysis.people, start=1)}
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "review": {
            "title": d.title,
            "review_type": d.review_type.value,
            "board": d.board,
            "methodology": d.methodology.value,
            "scope": {"start": _iso(d.scope.start), "end": _iso(d.scope.end)} if d.scope else None,
            "status": d.status.value,
            "marking": d.marking.value,
            "terms_of_reference": d.terms_of_reference,
            "created": d.created.isoformat(),
            "lead_reviewer": d.lead_reviewer,
            "circulation": d.circulation,
        },
        "subject_child": {"date_of_birth": _iso(snapshot.subject_date_of_birth)},
        "agencies": [{"name": a.name, "type": a.agency_type.value} for a in snapshot.agencies],
        "batches": [
            {
                "id": batch_ids[b.id],
                "agency": agency_names[b.agency_id],
                "file_name": b.file_name,
                "file_format": b.file_format,
                "sheet": b.sheet,
                "imported_at": b.imported_at.isoformat(),
                "row_count": b.row_count,
                "left_out": b.left_out,
                "mapping": dict(b.mapping),
            }
            for b in snapshot.batches
        ],
        "chronology": [
            {
                "id": entry_ids[e.id],
                "agency": agency_names[e.agency_id],
                "batch": batch_ids.get(e.provenance.batch_id),
                "date": {
                    "start": _iso(e.date.start),
                    "end": _iso(e.date.end),
                    "precision": e.date.precision.value,
                    "qualifier": e.date.qualifier.value,
                    "original": e.date.original,
                },
                "time": e.date.time.strftime("%H:%M") if e.date.time else None,
                "sequence": e.sequence,
                "source": e.source,
                "practitioner": e.practitioner,
                "event": e.event,
                "outcome": e.outcome,
                "agency_comment": e.agency_comment,
                "comment": e.comment,
                "flags": sorted(f.value for f in e.flags),
                "people": sorted(person_ids[p] for p in e.people if p in person_ids),
                "provenance": {
                    "row_number": e.provenance.row_number,
                    "original": [list(pair) for pair in e.provenance.original],
                },
            }
            for e in entries
        ],
        "same_event": [
            {
                "entries": sorted([entry_ids[s.entry_a], entry_ids[s.entry_b]]),
                "status": s.status.value,
                "score": s.score,
            }
            for s in sorted(
                snapshot.same_event,
                key=lambda s: sorted((entry_ids[s.entry_a], entry_ids[s.entry_b])),
            )
        ],
    }
    document.update(to_document_part(snapshot.analysis, agency_names, entry_ids))
    document["chronology_requests"] = [
        {
            "agency": agency_names[q.agency_id],
            "reference": q.reference,
            "requested_on": q.requested_on.isoformat(),
            "due_on": _iso(q.due_on),
            "received_on": _iso(q.received_on),
            "received_batch": batch_ids.get(q.received_batch),
        }
        for q in snapshot.requests
    ]
    finding_numbers = {f.id: n for n, f in enumerate(snapshot.analysis.findings, start=1)}
    document.update(lifecycle_to_document(snapshot.lifecycle, finding_numbers))
    document["report_sections"] = [
        {"section": key, "text": text} for key, text in sorted(snapshot.report_sections.items())
    ]
    return document


def _report_sections(r: _Reader, document: Any) -> dict[str, str]:
    """The report's narrative text (a document written before it was kept has none)."""
    found: dict[str, str] = {}
    for n, obj in enumerate(document.get("report_sections") or []):
        where = f"report_sections[{n}]"
        key = r.get(obj, "section", where, str)
        if key in found:
            raise r.fail(f"{where}.section", f"'{key}' is given twice")
        try:
            section = checked(SectionText(key, r.get(obj, "text", where, str)))
        except InvalidInputError as exc:
            raise r.fail(where, str(exc).rstrip(".")) from exc
        if section.written:
            found[key] = section.text
    return found


def _requests(
    r: _Reader, document: Any, agency_ids: dict[str, int], batch_ids: set[int | None]
) -> tuple[ChronologyRequest, ...]:
    """The chronology requests (a document written before they existed has none)."""
    found: list[ChronologyRequest] = []
    for n, obj in enumerate(document.get("chronology_requests") or []):
        where = f"chronology_requests[{n}]"
        name = r.get(obj, "agency", where, str)
        if name.lower() not in agency_ids:
            raise r.fail(f"{where}.agency", f"'{name}' is not in the list of agencies")
        requested = r.date(obj, "requested_on", where)
        if requested is None:
            raise r.fail(f"{where}.requested_on", "missing")
        batch = r.get(obj, "received_batch", where, int, optional=True)
        if batch is not None and batch not in batch_ids:
            raise r.fail(f"{where}.received_batch", f"there is no batch {batch}")
        found.append(
            ChronologyRequest(
                agency_ids[name.lower()],
                r.get(obj, "reference", where, str),
                requested,
                r.date(obj, "due_on", where),
                r.date(obj, "received_on", where),
                batch,
            )
        )
    return tuple(found)


class _Reader:
    """Reads one document, naming where a problem is ("chronology[12].date.start")."""

    def __init__(self, document: Any) -> None:
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            raise InvalidInputError(
                "This is not an SCR Reviewer review in JSON form (its 'format' is missing or "
                "different). Nothing was created."
            )
        version = document.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise InvalidInputError(
                f"This JSON file uses format version {version!r}, newer than this app reads "
                f"({FORMAT_VERSION}). Please update SCR Reviewer. Nothing was created."
            )
        self.document = document

    @staticmethod
    def fail(where: str, what: str) -> InvalidInputError:
        return InvalidInputError(
            f"The JSON file has a problem at {where}: {what}. Nothing was created."
        )

    def get(
        self, obj: Any, key: str, where: str, kind: type | tuple[type, ...], optional: bool = False
    ) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(where, "expected an object")
        value = obj.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, kind):
            raise self.fail(f"{where}.{key}", "missing or of the wrong kind")
        return value

    def date(self, obj: Any, key: str, where: str) -> dt.date | None:
        text = self.get(obj, key, where, str, optional=True)
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError as exc:
            raise self.fail(f"{where}.{key}", f"'{text}' is not a date (YYYY-MM-DD)") from exc

    def enum(self, enum: type[Any], obj: Any, key: str, where: str) -> Any:
        text = self.get(obj, key, where, str)
        try:
            return enum(text)
        except ValueError as exc:
            raise self.fail(f"{where}.{key}", f"'{text}' is not one of the allowed values") from exc


def read_lifecycle(
    part: dict[str, Any], finding_ids: Set[int | None] = frozenset()
) -> LifecyclePart:
    """The lifecycle keys of a document (`timetable`, `rapid_review`, `drafts`,
    `action_plan`) on their own, checked as in a whole document (the demo review's content is
    written this way)."""
    document = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, **part}
    return lifecycle_from_document(_Reader(document), document, finding_ids)


def read_report_sections(part: dict[str, Any]) -> dict[str, str]:
    """The `report_sections` key of a document on its own, checked as in a whole document
    (the demo review's content is written this way)."""
    document = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, **part}
    return _report_sections(_Reader(document), document)


def from_document(document: Any) -> ReviewSnapshot:
    r = _Reader(document)
    rv = r.get(document, "review", "document", dict)
    scope_obj = rv.get("scope")
    scope = None
    if scope_obj:
        start, end = (
            r.date(scope_obj, "start", "review.scope"),
            r.date(scope_obj, "end", "review.scope"),
        )
        if start and end:
            scope = ScopePeriod(start, end)
    created_text = r.get(rv, "created", "review", str)
    try:
        created = dt.datetime.fromisoformat(created_text)
    except ValueError as exc:
        raise r.fail("review.created", "not a date and time") from exc
    details = Review(
        title=r.get(rv, "title", "review", str),
        review_type=r.enum(ReviewType, rv, "review_type", "review"),
        board=r.get(rv, "board", "review", str, optional=True) or "",
        methodology=r.enum(Methodology, rv, "methodology", "review"),
        scope=scope,
        status=r.enum(ReviewStatus, rv, "status", "review"),
        marking=r.enum(ProtectiveMarking, rv, "marking", "review"),
        terms_of_reference=r.get(rv, "terms_of_reference", "review", str, optional=True) or "",
        created=created,
        lead_reviewer=r.get(rv, "lead_reviewer", "review", str, optional=True) or "",
        circulation=r.get(rv, "circulation", "review", str, optional=True) or "",
    )
    agencies: list[Agency] = []
    agency_ids: dict[str, int] = {}
    for n, obj in enumerate(r.get(document, "agencies", "document", list), start=1):
        where = f"agencies[{n - 1}]"
        agency = Agency(r.get(obj, "name", where, str), r.enum(AgencyType, obj, "type", where), n)
        if agency.name.lower() in agency_ids:
            raise r.fail(where, f"the agency '{agency.name}' appears twice")
        agency_ids[agency.name.lower()] = n
        agencies.append(agency)

    def agency_of(obj: Any, where: str) -> int:
        name = r.get(obj, "agency", where, str)
        if name.lower() not in agency_ids:
            raise r.fail(f"{where}.agency", f"'{name}' is not in the list of agencies")
        return agency_ids[name.lower()]

    batches: list[ImportBatch] = []
    for n, obj in enumerate(r.get(document, "batches", "document", list)):
        where = f"batches[{n}]"
        batches.append(
            ImportBatch(
                agency_id=agency_of(obj, where),
                file_name=r.get(obj, "file_name", where, str),
                file_format=r.get(obj, "file_format", where, str),
                row_count=r.get(obj, "row_count", where, int),
                left_out=r.get(obj, "left_out", where, int),
                sheet=r.get(obj, "sheet", where, str, optional=True),
                mapping=dict(r.get(obj, "mapping", where, dict)),
                imported_at=dt.datetime.fromisoformat(r.get(obj, "imported_at", where, str)),
                id=r.get(obj, "id", where, int),
            )
        )
    batch_ids = {b.id for b in batches}
    entries: list[ChronologyEntry] = []
    for n, obj in enumerate(r.get(document, "chronology", "document", list)):
        where = f"chronology[{n}]"
        date_obj = r.get(obj, "date", where, dict)
        time_text = r.get(obj, "time", where, str, optional=True)
        try:
            date = FuzzyDate(
                start=r.date(date_obj, "start", f"{where}.date"),
                end=r.date(date_obj, "end", f"{where}.date"),
                precision=r.enum(Precision, date_obj, "precision", f"{where}.date"),
                qualifier=r.enum(Qualifier, date_obj, "qualifier", f"{where}.date"),
                original=r.get(date_obj, "original", f"{where}.date", str, optional=True) or "",
                time=dt.time.fromisoformat(time_text) if time_text else None,
            )
        except ValueError as exc:
            raise r.fail(f"{where}.date", "the start, end and precision do not agree") from exc
        batch = r.get(obj, "batch", where, int, optional=True)
        if batch is not None and batch not in batch_ids:
            raise r.fail(f"{where}.batch", f"there is no batch {batch}")
        provenance = obj.get("provenance") or {}
        try:
            flags = frozenset(Flag(f) for f in r.get(obj, "flags", where, list))
        except ValueError as exc:
            raise r.fail(f"{where}.flags", "an unknown flag") from exc
        try:
            entries.append(
                ChronologyEntry(
                    agency_id=agency_of(obj, where),
                    date=date,
                    source=r.get(obj, "source", where, str),
                    event=r.get(obj, "event", where, str),
                    outcome=r.get(obj, "outcome", where, str, optional=True) or "",
                    practitioner=r.get(obj, "practitioner", where, str, optional=True) or "",
                    agency_comment=r.get(obj, "agency_comment", where, str, optional=True) or "",
                    comment=r.get(obj, "comment", where, str, optional=True) or "",
                    flags=flags,
                    sequence=r.get(obj, "sequence", where, int, optional=True) or 0,
                    provenance=Provenance(
                        batch,
                        provenance.get("row_number"),
                        tuple((str(h), str(v)) for h, v in provenance.get("original", [])),
                    ),
                    id=r.get(obj, "id", where, int),
                )
            )
        except InvalidInputError as exc:
            raise r.fail(where, str(exc).rstrip(".")) from exc
    entry_ids: set[int | None] = {e.id for e in entries}
    analysis = from_document_part(r, document, agency_ids, entry_ids)
    person_ids = {p.id for p in analysis.people}
    for n, obj in enumerate(document["chronology"]):
        named = obj.get("people") or []
        if not all(p in person_ids for p in named):
            raise r.fail(f"chronology[{n}].people", "a person not in the list of people")
        entries[n] = entries[n].with_changes(people=tuple(named))
    decisions: list[SameEventDecision] = []
    for n, obj in enumerate(r.get(document, "same_event", "document", list)):
        where = f"same_event[{n}]"
        pair = r.get(obj, "entries", where, list)
        if len(pair) != 2 or not all(p in entry_ids for p in pair):
            raise r.fail(f"{where}.entries", "expected two ids of chronology entries")
        decisions.append(
            SameEventDecision(
                pair[0],
                pair[1],
                r.enum(SameEventStatus, obj, "status", where),
                float(obj.get("score") or 0.0),
            )
        )
    child = document.get("subject_child") or {}
    return ReviewSnapshot(
        details=details,
        agencies=tuple(agencies),
        batches=tuple(batches),
        entries=tuple(entries),
        same_event=tuple(decisions),
        subject_date_of_birth=r.date(child, "date_of_birth", "subject_child") if child else None,
        analysis=analysis,
        requests=_requests(r, document, agency_ids, set(batch_ids)),
        lifecycle=lifecycle_from_document(r, document, {f.id for f in analysis.findings}),
        report_sections=_report_sections(r, document),
    )
