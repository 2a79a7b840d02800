"""The review's lifecycle in the JSON interchange format (see `reviewer_app.interchange`):
the timetable (milestones as recorded, the delay log), the rapid review record, the report's
versions as exported, who each draft went to, the response log, sign-off and publication, and
the action plan with the partners' written response.

Every key is optional when reading, so documents written before these parts existed still
read. Due dates are not written: they are worked out from the milestones, as in the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from reviewer_app.actions.model import Action, ActionStatus, PartnersResponse
from reviewer_app.drafts.model import (
    ChangeKind,
    Circulation,
    DraftComment,
    Purpose,
    ReturnedComment,
)
from reviewer_app.drafts.sign_off import Publication, Signatory, SignOff
from reviewer_app.errors import InvalidInputError
from reviewer_app.reporting.log import EXPORT_KIND, LogEntry, exported_version
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord


@dataclass(frozen=True, slots=True)
class LifecyclePart:
    milestones: tuple[MilestoneRecord, ...] = ()
    delays: tuple[DelayRecord, ...] = ()
    rapid_review: RapidReview = field(default_factory=RapidReview)
    #: The review log's entries for each export of the report (their count is the version).
    report_exports: tuple[LogEntry, ...] = ()
    circulations: tuple[Circulation, ...] = ()
    comments: tuple[DraftComment, ...] = ()
    sign_offs: tuple[SignOff, ...] = ()
    publication: Publication | None = None
    actions: tuple[Action, ...] = ()
    partners_response: PartnersResponse = field(default_factory=PartnersResponse)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def to_document_part(
    part: LifecyclePart, finding_numbers: Mapping[int | None, int]
) -> dict[str, Any]:
    """`finding_numbers`: the document's numbers of the findings, by stored id."""
    rapid = part.rapid_review
    return {
        "action_plan": {
            "actions": [
                {
                    "finding": finding_numbers.get(a.finding_id),
                    "improvement": a.improvement,
                    "action": a.action,
                    "owner_agency": a.owner_agency,
                    "due": _iso(a.due),
                    "status": a.status.value,
                    "evidence_of_impact": a.evidence_of_impact,
                    "completed_on": _iso(a.completed_on),
                }
                for a in part.actions
            ],
            "partners_response": {
                "text": part.partners_response.text,
                "received_on": _iso(part.partners_response.received_on),
            },
        },
        "timetable": {
            "milestones": [
                {
                    "key": m.kind.value,
                    "done_on": _iso(m.done_on),
                    "due_override": _iso(m.due_override),
                    "not_applicable": m.not_applicable,
                    "note": m.note,
                }
                for m in sorted(part.milestones, key=lambda m: list(MilestoneKind).index(m.kind))
            ],
            "delays": [
                {
                    "recorded_on": d.recorded_on.isoformat(),
                    "reason": d.reason,
                    "milestone": d.milestone.value if d.milestone else None,
                    "revised_date": _iso(d.revised_date),
                    "board_told": d.board_told,
                    "board_told_on": _iso(d.board_told_on),
                    "panel_told_on": _iso(d.panel_told_on),
                }
                for d in part.delays
            ],
        },
        "rapid_review": {
            "facts": rapid.facts,
            "immediate_action": rapid.immediate_action,
            "agency_learning": rapid.agency_learning,
            "criteria_met": rapid.criteria_met.value,
            "decision": rapid.decision.value,
            "decision_reasons": rapid.decision_reasons,
            "national_importance": rapid.national_importance.value,
            "national_reasons": rapid.national_reasons,
            "sent_to_panel": _iso(rapid.sent_to_panel),
        },
        "drafts": {
            "exports": [
                {"at": e.at.isoformat(), "version": e.count, "summary": e.summary}
                for e in part.report_exports
            ],
            "circulations": [
                {
                    "version": c.version,
                    "sent_on": c.sent_on.isoformat(),
                    "sent_to": c.sent_to,
                    "purpose": c.purpose.value,
                    "note": c.note,
                }
                for c in part.circulations
            ],
            "responses": [
                {
                    "version": c.version,
                    "from": c.from_name,
                    "kind": c.comment.kind.value,
                    "author": c.comment.author,
                    "said": c.comment.said,
                    "passage": c.comment.passage,
                    "paragraph": c.comment.paragraph,
                    "made_on": _iso(c.comment.made_on),
                    "received_on": c.received_on.isoformat(),
                    "response": c.response,
                    "draft_changed": c.draft_changed,
                }
                for c in part.comments
            ],
            "sign_offs": [
                {
                    "by": s.signatory.value,
                    "signed_on": s.signed_on.isoformat(),
                    "name": s.name,
                    "version": s.version,
                    "note": s.note,
                }
                for s in part.sign_offs
            ],
            "publication": _publication(part.publication),
        },
    }


def _publication(publication: Publication | None) -> dict[str, Any] | None:
    if publication is None:
        return None
    return {
        "published_on": publication.published_on.isoformat(),
        "file": publication.file_name,
        "where": publication.where,
        "version": publication.version,
        "note": publication.note,
    }


def from_document_part(
    r: Any, document: dict[str, Any], finding_ids: Set[int | None] = frozenset()
) -> LifecyclePart:
    """`r` is the interchange's reader (`reviewer_app.interchange._Reader`); `finding_ids` the
    document's findings an action may answer."""

    def items(obj: Any, key: str, where: str) -> list[Any]:
        found = r.get(obj, key, where, list, optional=True)
        return found or []

    def text(obj: Any, key: str, where: str) -> str:
        return str(r.get(obj, key, where, str, optional=True) or "")

    def flag(obj: Any, key: str, where: str) -> bool:
        return bool(r.get(obj, key, where, bool, optional=True))

    def needed_date(obj: Any, key: str, where: str) -> dt.date:
        day = r.date(obj, key, where)
        if day is None:
            raise r.fail(f"{where}.{key}", "a date (YYYY-MM-DD) is needed")
        return day  # type: ignore[no-any-return]  # (the reader is untyped)

    def made(where: str, build: Any) -> Any:
        try:
            return build()
        except InvalidInputError as exc:
            raise r.fail(where, str(exc).rstrip(".")) from exc

    timetable = r.get(document, "timetable", "document", dict, optional=True) or {}
    milestones = []
    for n, obj in enumerate(items(timetable, "milestones", "timetable")):
        where = f"timetable.milestones[{n}]"
        milestones.append(
            MilestoneRecord(
                r.enum(MilestoneKind, obj, "key", where),
                r.date(obj, "done_on", where),
                r.date(obj, "due_override", where),
                flag(obj, "not_applicable", where),
                text(obj, "note", where),
            )
        )
    delays = []
    for n, obj in enumerate(items(timetable, "delays", "timetable")):
        where = f"timetable.delays[{n}]"
        kind = r.enum(MilestoneKind, obj, "milestone", where) if obj.get("milestone") else None
        values = (
            needed_date(obj, "recorded_on", where),
            text(obj, "reason", where),
            kind,
            r.date(obj, "revised_date", where),
            flag(obj, "board_told", where),
            r.date(obj, "board_told_on", where),
            None,
            r.date(obj, "panel_told_on", where),
        )
        delays.append(made(where, lambda v=values: DelayRecord(*v)))
    rapid = RapidReview()
    rr = r.get(document, "rapid_review", "document", dict, optional=True)
    if rr:
        rapid = RapidReview(
            facts=text(rr, "facts", "rapid_review"),
            immediate_action=text(rr, "immediate_action", "rapid_review"),
            agency_learning=text(rr, "agency_learning", "rapid_review"),
            criteria_met=r.enum(Answer, rr, "criteria_met", "rapid_review"),
            decision=r.enum(Decision, rr, "decision", "rapid_review"),
            decision_reasons=text(rr, "decision_reasons", "rapid_review"),
            national_importance=r.enum(Answer, rr, "national_importance", "rapid_review"),
            national_reasons=text(rr, "national_reasons", "rapid_review"),
            sent_to_panel=r.date(rr, "sent_to_panel", "rapid_review"),
        )
    drafts = r.get(document, "drafts", "document", dict, optional=True) or {}
    exports = []
    for n, obj in enumerate(items(drafts, "exports", "drafts")):
        where = f"drafts.exports[{n}]"
        entry = LogEntry(
            _moment(r, obj, where),
            EXPORT_KIND,
            r.get(obj, "summary", where, str),
            r.get(obj, "version", where, int),
        )
        if exported_version(entry) is None:
            raise r.fail(f"{where}.summary", "not a summary the app wrote")
        exports.append(entry)
    circulations = []
    for n, obj in enumerate(items(drafts, "circulations", "drafts")):
        where = f"drafts.circulations[{n}]"
        values_c = (
            r.get(obj, "version", where, int),
            needed_date(obj, "sent_on", where),
            text(obj, "sent_to", where),
            r.enum(Purpose, obj, "purpose", where),
            text(obj, "note", where),
        )
        circulations.append(made(where, lambda v=values_c: Circulation(*v)))
    comments = []
    for n, obj in enumerate(items(drafts, "responses", "drafts")):
        where = f"drafts.responses[{n}]"
        said = ReturnedComment(
            r.enum(ChangeKind, obj, "kind", where),
            text(obj, "author", where),
            text(obj, "said", where),
            text(obj, "passage", where),
            text(obj, "paragraph", where),
            r.date(obj, "made_on", where),
        )
        comments.append(
            DraftComment(
                r.get(obj, "version", where, int),
                r.get(obj, "from", where, str),
                said,
                needed_date(obj, "received_on", where),
                text(obj, "response", where),
                flag(obj, "draft_changed", where),
            )
        )
    sign_offs = []
    for n, obj in enumerate(items(drafts, "sign_offs", "drafts")):
        where = f"drafts.sign_offs[{n}]"
        values_s = (
            r.enum(Signatory, obj, "by", where),
            needed_date(obj, "signed_on", where),
            text(obj, "name", where),
            r.get(obj, "version", where, int, optional=True),
            text(obj, "note", where),
        )
        sign_offs.append(made(where, lambda v=values_s: SignOff(*v)))
    published = None
    pub = r.get(drafts, "publication", "drafts", dict, optional=True)
    if pub:
        values_p = (
            needed_date(pub, "published_on", "drafts.publication"),
            text(pub, "file", "drafts.publication"),
            text(pub, "where", "drafts.publication"),
            r.get(pub, "version", "drafts.publication", int, optional=True),
            text(pub, "note", "drafts.publication"),
        )
        published = made("drafts.publication", lambda: Publication(*values_p))
    plan = r.get(document, "action_plan", "document", dict, optional=True) or {}
    actions = []
    for n, obj in enumerate(items(plan, "actions", "action_plan")):
        where = f"action_plan.actions[{n}]"
        finding = r.get(obj, "finding", where, int, optional=True)
        if finding is not None and finding not in finding_ids:
            raise r.fail(f"{where}.finding", "not the id of a finding in the document")
        values_a = (
            text(obj, "improvement", where),
            text(obj, "action", where),
            text(obj, "owner_agency", where),
            r.date(obj, "due", where),
            r.enum(ActionStatus, obj, "status", where),
            text(obj, "evidence_of_impact", where),
            finding,
            r.date(obj, "completed_on", where),
        )
        actions.append(made(where, lambda v=values_a: Action(*v)))
    answer = r.get(plan, "partners_response", "action_plan", dict, optional=True) or {}
    response = PartnersResponse(
        text(answer, "text", "action_plan.partners_response"),
        r.date(answer, "received_on", "action_plan.partners_response"),
    )
    return LifecyclePart(
        tuple(milestones),
        tuple(delays),
        rapid,
        tuple(exports),
        tuple(circulations),
        tuple(comments),
        tuple(sign_offs),
        published,
        tuple(actions),
        response,
    )


def _moment(r: Any, obj: Any, where: str) -> dt.datetime:
    value = r.get(obj, "at", where, str)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise r.fail(f"{where}.at", f"'{value}' is not a date and time") from exc
