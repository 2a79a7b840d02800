"""People and analysis in the JSON interchange format (see `reviewer_app.interchange`).

Ids in a document are local to it: people, conversations, passages, episodes and findings are
numbered 1, 2, 3… in document order, and links use those numbers (entries use the chronology's
numbers). Reading refuses the first problem, naming where it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer_app.analysis.conversation import (
    Conversation,
    ConversationGuide,
    ConversationKind,
    Mode,
    Passage,
    RecordItem,
)
from reviewer_app.analysis.episode import Appraisal, Episode, Factor, FactorKind, Perspective
from reviewer_app.analysis.finding import Finding, Priority
from reviewer_app.analysis.published_evidence import PublishedEvidence
from reviewer_app.analysis.reference import guide_from_dict, guide_to_dict
from reviewer_app.anonymisation.register import IdentifierKind
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import (
    AgencyDetails,
    AgencyInvolvement,
    Identifier,
    InvolvementEvent,
    InvolvementStatus,
    InvolvementStep,
    Person,
    PersonKind,
    Request,
)


@dataclass(frozen=True, slots=True)
class AnalysisPart:
    """People, agencies' involvement and the analysis, with their stored ids."""

    people: tuple[Person, ...] = ()
    involvement: tuple[InvolvementEvent, ...] = ()
    agency_details: tuple[AgencyDetails, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    guides: tuple[ConversationGuide, ...] = ()
    conversations: tuple[Conversation, ...] = ()
    passages: tuple[Passage, ...] = ()
    episodes: tuple[Episode, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: published reviews linked to findings as evidence that they are systemic (copies)
    published_evidence: tuple[PublishedEvidence, ...] = ()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _numbers(items: Any) -> dict[int | None, int]:
    return {item.id: n for n, item in enumerate(items, start=1)}


def _request(r: Request) -> dict[str, Any]:
    return {"requested": _iso(r.requested), "due": _iso(r.due), "received": _iso(r.received)}


def to_document_part(
    part: AnalysisPart, agency_names: Mapping[int | None, str], entry_ids: Mapping[int | None, int]
) -> dict[str, Any]:
    people = _numbers(part.people)
    conversations = _numbers(part.conversations)
    passages_in_order = [
        p for c in part.conversations for p in part.passages if p.conversation_id == c.id
    ]
    passages = _numbers(passages_in_order)
    episodes = _numbers(part.episodes)
    findings = _numbers(part.findings)

    def ids(mapping: Mapping[int | None, int], values: tuple[int, ...]) -> list[int]:
        return sorted(mapping[v] for v in values if v in mapping)

    return {
        "people": [
            {
                "id": people[p.id],
                "kind": p.kind.value,
                "pseudonym": p.pseudonym,
                "real_name": p.real_name,
                "other_names": list(p.other_names),
                "relationship": p.relationship,
                "date_of_birth": _iso(p.date_of_birth),
                "is_subject": p.is_subject,
                "job_title": p.job_title,
                "agency": agency_names.get(p.agency_id) if p.agency_id else None,
                "team": p.team,
                "language": p.language,
                "interpreter": p.interpreter,
                "access_needs": p.access_needs,
                "contact_preferences": p.contact_preferences,
                "involvement": p.involvement.value,
                "not_involved_reason": p.not_involved_reason,
                "address": p.address,
                "postcode": p.postcode,
                "phone": p.phone,
                "nhs_number": p.nhs_number,
                "involvement_log": [
                    {
                        "step": e.step.value,
                        "date": _iso(e.date),
                        "note": e.note,
                        "how_used": e.how_used,
                    }
                    for e in part.involvement
                    if e.person_id == p.id
                ],
            }
            for p in part.people
        ],
        "agency_details": [
            {
                "agency": agency_names[d.agency_id],
                "involvement": d.involvement.value,
                "records_secured": _iso(d.records_secured),
                "chronology": _request(d.chronology),
                "agency_report": _request(d.agency_report),
                "contact": d.contact,
            }
            for d in sorted(part.agency_details, key=lambda d: agency_names[d.agency_id].lower())
        ],
        "case_identifiers": [
            {"kind": i.kind.value, "text": i.text, "replacement": i.replacement}
            for i in part.identifiers
        ],
        "conversation_guides": [guide_to_dict(g) for g in part.guides],
        "conversations": [
            {
                "id": conversations[c.id],
                "kind": c.kind.value,
                "title": c.title,
                "date": _iso(c.date),
                "mode": c.mode.value,
                "participants": ids(people, c.participants),
                "consent_notes": c.consent_notes,
                "support_notes": c.support_notes,
                "guide": c.guide_key,
                "record": [
                    {"key": i.key, "question": i.question, "answer": i.answer} for i in c.record
                ],
                "notes": c.notes,
                "transcript": c.transcript,
                "transcript_name": c.transcript_name,
                "passages": [
                    {
                        "id": passages[p.id],
                        "text": p.text,
                        "themes": list(p.themes),
                        "entries": ids(entry_ids, p.entry_ids),
                        "episodes": ids(episodes, p.episode_ids),
                        "use_in_report": p.use_in_report,
                    }
                    for p in passages_in_order
                    if p.conversation_id == c.id
                ],
            }
            for c in part.conversations
        ],
        "episodes": [
            {
                "id": episodes[e.id],
                "title": e.title,
                "start": _iso(e.start),
                "end": _iso(e.end),
                "narrative": e.narrative,
                "perspectives": [
                    {"who": p.who, "view": p.view, "person": people.get(p.person_id)}
                    for p in e.perspectives
                ],
                "factors": [{"kind": f.kind.value, "text": f.text} for f in e.factors],
                "appraisal": e.appraisal.value,
                "reasoning": e.reasoning,
                "safeguards": list(e.safeguards),
                "entries": ids(entry_ids, e.entry_ids),
            }
            for e in part.episodes
        ],
        "findings": [
            {
                "id": n,
                "statement": f.statement,
                "category": f.category,
                "how_it_showed": f.how_it_showed,
                "systemic_evidence": f.systemic_evidence,
                "why_it_matters": f.why_it_matters,
                "board_questions": f.board_questions,
                "recommendations": f.recommendations,
                "priority": f.priority.value,
                "theme": f.theme,
                "journey_stage": f.journey_stage,
                "episodes": ids(episodes, f.episode_ids),
                "entries": ids(entry_ids, f.entry_ids),
                "passages": ids(passages, f.passage_ids),
            }
            for n, f in enumerate(part.findings, start=1)
        ],
        "published_evidence": [
            {"finding": findings[e.finding_id], **e.copied()}
            for e in part.published_evidence
            if e.finding_id in findings
        ],
    }


def from_document_part(
    r: Any, document: Any, agency_ids: Mapping[str, int], entry_ids: set[int | None]
) -> AnalysisPart:
    """Read the people and analysis sections (each optional: older documents lack them)."""

    def items(key: str) -> list[Any]:
        value = document.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise r.fail(key, "expected a list")
        return value

    def text(obj: Any, key: str, where: str) -> str:
        return r.get(obj, key, where, str, optional=True) or ""

    def links(obj: Any, key: str, where: str, allowed: set[int | None]) -> tuple[int, ...]:
        values = r.get(obj, key, where, list, optional=True) or []
        if not all(isinstance(v, int) and v in allowed for v in values):
            raise r.fail(f"{where}.{key}", "a link to something not in the document")
        return tuple(values)

    def agency(obj: Any, key: str, where: str) -> int | None:
        name = r.get(obj, key, where, str, optional=True)
        if name is None:
            return None
        if name.lower() not in agency_ids:
            raise r.fail(f"{where}.{key}", f"'{name}' is not in the list of agencies")
        return agency_ids[name.lower()]

    def made(where: str, build: Any) -> Any:
        try:
            return build()
        except InvalidInputError as exc:
            raise r.fail(where, str(exc).rstrip(".")) from exc

    people: list[Person] = []
    involvement: list[InvolvementEvent] = []
    for n, obj in enumerate(items("people")):
        where = f"people[{n}]"
        pid = r.get(obj, "id", where, int)
        people.append(
            made(
                where,
                lambda obj=obj, where=where, pid=pid: Person(
                    kind=r.enum(PersonKind, obj, "kind", where),
                    pseudonym=r.get(obj, "pseudonym", where, str),
                    real_name=text(obj, "real_name", where),
                    other_names=tuple(str(x) for x in obj.get("other_names") or []),
                    relationship=text(obj, "relationship", where),
                    date_of_birth=r.date(obj, "date_of_birth", where),
                    is_subject=bool(obj.get("is_subject")),
                    job_title=text(obj, "job_title", where),
                    agency_id=agency(obj, "agency", where),
                    team=text(obj, "team", where),
                    language=text(obj, "language", where),
                    interpreter=bool(obj.get("interpreter")),
                    access_needs=text(obj, "access_needs", where),
                    contact_preferences=text(obj, "contact_preferences", where),
                    involvement=r.enum(InvolvementStatus, obj, "involvement", where),
                    not_involved_reason=text(obj, "not_involved_reason", where),
                    address=text(obj, "address", where),
                    postcode=text(obj, "postcode", where),
                    phone=text(obj, "phone", where),
                    nhs_number=text(obj, "nhs_number", where),
                    id=pid,
                ),
            )
        )
        for m, log in enumerate(obj.get("involvement_log") or []):
            at = f"{where}.involvement_log[{m}]"
            involvement.append(
                InvolvementEvent(
                    pid,
                    r.enum(InvolvementStep, log, "step", at),
                    r.date(log, "date", at),
                    text(log, "note", at),
                    text(log, "how_used", at),
                )
            )
    person_ids: set[int | None] = {p.id for p in people}

    details: list[AgencyDetails] = []
    for n, obj in enumerate(items("agency_details")):
        where = f"agency_details[{n}]"
        agency_id = agency(obj, "agency", where)
        if agency_id is None:
            raise r.fail(f"{where}.agency", "missing")

        def request(key: str, obj: Any = obj, where: str = where) -> Request:
            inner = obj.get(key) or {}
            at = f"{where}.{key}"
            return Request(
                r.date(inner, "requested", at),
                r.date(inner, "due", at),
                r.date(inner, "received", at),
            )

        details.append(
            AgencyDetails(
                agency_id,
                r.enum(AgencyInvolvement, obj, "involvement", where),
                r.date(obj, "records_secured", where),
                request("chronology"),
                request("agency_report"),
                text(obj, "contact", where),
            )
        )

    identifiers = [
        made(
            f"case_identifiers[{n}]",
            lambda obj=obj, n=n: Identifier(
                r.enum(IdentifierKind, obj, "kind", f"case_identifiers[{n}]"),
                r.get(obj, "text", f"case_identifiers[{n}]", str),
                text(obj, "replacement", f"case_identifiers[{n}]"),
            ),
        )
        for n, obj in enumerate(items("case_identifiers"))
    ]
    guides = []
    for n, obj in enumerate(items("conversation_guides")):
        try:
            guides.append(guide_from_dict(obj))
        except (KeyError, TypeError, InvalidInputError) as exc:
            raise r.fail(
                f"conversation_guides[{n}]", "a guide needs a key, title, questions"
            ) from exc

    episodes: list[Episode] = []
    for n, obj in enumerate(items("episodes")):
        where = f"episodes[{n}]"
        episodes.append(
            made(
                where,
                lambda obj=obj, where=where: Episode(
                    title=r.get(obj, "title", where, str),
                    start=r.date(obj, "start", where),
                    end=r.date(obj, "end", where),
                    narrative=text(obj, "narrative", where),
                    perspectives=tuple(
                        Perspective(str(p.get("who", "")), str(p.get("view", "")), p.get("person"))
                        for p in obj.get("perspectives") or []
                    ),
                    factors=tuple(
                        Factor(
                            r.enum(FactorKind, f, "kind", f"{where}.factors"),
                            str(f.get("text", "")),
                        )
                        for f in obj.get("factors") or []
                    ),
                    appraisal=r.enum(Appraisal, obj, "appraisal", where),
                    reasoning=text(obj, "reasoning", where),
                    safeguards=tuple(str(s) for s in obj.get("safeguards") or []),
                    entry_ids=links(obj, "entries", where, entry_ids),
                    id=r.get(obj, "id", where, int),
                ),
            )
        )
    episode_ids: set[int | None] = {e.id for e in episodes}
    for e in episodes:
        for p in e.perspectives:
            if p.person_id is not None and p.person_id not in person_ids:
                raise r.fail("episodes", "a perspective of a person not in the document")

    conversations: list[Conversation] = []
    passages: list[Passage] = []
    for n, obj in enumerate(items("conversations")):
        where = f"conversations[{n}]"
        cid = r.get(obj, "id", where, int)
        conversations.append(
            made(
                where,
                lambda obj=obj, where=where, cid=cid: Conversation(
                    kind=r.enum(ConversationKind, obj, "kind", where),
                    title=r.get(obj, "title", where, str),
                    date=r.date(obj, "date", where),
                    mode=r.enum(Mode, obj, "mode", where),
                    participants=links(obj, "participants", where, person_ids),
                    consent_notes=text(obj, "consent_notes", where),
                    support_notes=text(obj, "support_notes", where),
                    guide_key=text(obj, "guide", where),
                    record=tuple(
                        RecordItem(str(i["key"]), str(i["question"]), str(i.get("answer", "")))
                        for i in obj.get("record") or []
                    ),
                    notes=text(obj, "notes", where),
                    transcript=text(obj, "transcript", where),
                    transcript_name=text(obj, "transcript_name", where),
                    id=cid,
                ),
            )
        )
        for m, p in enumerate(obj.get("passages") or []):
            at = f"{where}.passages[{m}]"
            passages.append(
                made(
                    at,
                    lambda p=p, at=at, cid=cid: Passage(
                        cid,
                        r.get(p, "text", at, str),
                        tuple(str(t) for t in p.get("themes") or []),
                        links(p, "entries", at, entry_ids),
                        links(p, "episodes", at, episode_ids),
                        r.get(p, "id", at, int),
                        use_in_report=bool(p.get("use_in_report")),
                    ),
                )
            )
    passage_ids: set[int | None] = {p.id for p in passages}
    findings = []
    for n, obj in enumerate(items("findings")):
        where = f"findings[{n}]"
        findings.append(
            made(
                where,
                lambda obj=obj, where=where, n=n: Finding(
                    statement=r.get(obj, "statement", where, str),
                    category=text(obj, "category", where),
                    how_it_showed=text(obj, "how_it_showed", where),
                    systemic_evidence=text(obj, "systemic_evidence", where),
                    why_it_matters=text(obj, "why_it_matters", where),
                    board_questions=text(obj, "board_questions", where),
                    recommendations=text(obj, "recommendations", where),
                    priority=r.enum(Priority, obj, "priority", where),
                    theme=text(obj, "theme", where),
                    journey_stage=text(obj, "journey_stage", where),
                    episode_ids=links(obj, "episodes", where, episode_ids),
                    entry_ids=links(obj, "entries", where, entry_ids),
                    passage_ids=links(obj, "passages", where, passage_ids),
                    id=n + 1,
                ),
            )
        )
    finding_ids: set[int | None] = {f.id for f in findings}
    evidence = []
    for n, obj in enumerate(items("published_evidence")):
        where = f"published_evidence[{n}]"
        finding_id = r.get(obj, "finding", where, int)
        if finding_id not in finding_ids:
            raise r.fail(f"{where}.finding", "a link to a finding not in the document")
        evidence.append(
            made(
                where,
                lambda obj=obj, where=where, finding_id=finding_id: PublishedEvidence(
                    finding_id=finding_id,
                    title=r.get(obj, "title", where, str),
                    passage=r.get(obj, "passage", where, str),
                    year=r.get(obj, "year", where, int, optional=True),
                    partnership=text(obj, "partnership", where),
                    review_type=text(obj, "review_type", where),
                    page=r.get(obj, "page", where, int, optional=True) or 0,
                    section=text(obj, "section", where),
                    library_report_id=r.get(obj, "library_report_id", where, int, optional=True),
                    library_passage_id=r.get(obj, "library_passage_id", where, int, optional=True),
                ),
            )
        )
    return AnalysisPart(
        tuple(people),
        tuple(involvement),
        tuple(details),
        tuple(identifiers),
        tuple(guides),
        tuple(conversations),
        tuple(passages),
        tuple(episodes),
        tuple(findings),
        tuple(evidence),
    )
