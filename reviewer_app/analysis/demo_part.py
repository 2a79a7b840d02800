"""The demo review's people, conversations, episodes and findings (resources/demo/review.json).

Everything here is invented. Story entries are referred to by their 1-based number in the
story, which is also their id in the demo snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from reviewer_app.analysis.conversation import (
    Conversation,
    ConversationKind,
    Mode,
    Passage,
    RecordItem,
)
from reviewer_app.analysis.episode import Appraisal, Episode, Factor, FactorKind, Perspective
from reviewer_app.analysis.finding import Finding, Priority
from reviewer_app.analysis.interchange import AnalysisPart
from reviewer_app.analysis.reference import shipped_guides
from reviewer_app.anonymisation.register import IdentifierKind
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


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def build_analysis(data: Mapping[str, Any], agency_id: Mapping[str, int]) -> AnalysisPart:
    people_ids = {p["key"]: n for n, p in enumerate(data["people"], start=1)}
    people = tuple(
        Person(
            kind=PersonKind(p["kind"]),
            pseudonym=p["pseudonym"],
            real_name=p.get("real_name", ""),
            other_names=tuple(p.get("other_names", ())),
            relationship=p.get("relationship", ""),
            date_of_birth=_day(p.get("date_of_birth")),
            is_subject=bool(p.get("is_subject")),
            job_title=p.get("job_title", ""),
            agency_id=agency_id[p["agency"]] if p.get("agency") else None,
            team=p.get("team", ""),
            language=p.get("language", ""),
            interpreter=bool(p.get("interpreter")),
            access_needs=p.get("access_needs", ""),
            contact_preferences=p.get("contact_preferences", ""),
            involvement=InvolvementStatus(p.get("involvement", "not-yet-asked")),
            not_involved_reason=p.get("not_involved_reason", ""),
            address=p.get("address", ""),
            postcode=p.get("postcode", ""),
            phone=p.get("phone", ""),
            nhs_number=p.get("nhs_number", ""),
            id=people_ids[p["key"]],
        )
        for p in data["people"]
    )
    involvement = tuple(
        InvolvementEvent(people_ids[who], InvolvementStep(step), _day(day), note, used, n)
        for n, (who, step, day, note, used) in enumerate(data["involvement_log"], start=1)
    )

    def request(dates: list[str | None]) -> Request:
        return Request(*(_day(d) for d in dates))

    details = tuple(
        AgencyDetails(
            agency_id[key],
            AgencyInvolvement(v["involvement"]),
            _day(v["records_secured"]),
            request(v["chronology"]),
            request(v["agency_report"]),
            v["contact"],
        )
        for key, v in data["agency_details"].items()
    )
    identifiers = tuple(
        Identifier(IdentifierKind(kind), text, replacement, n)
        for n, (kind, text, replacement) in enumerate(data["identifiers"], start=1)
    )
    episode_ids = {e["key"]: n for n, e in enumerate(data["episodes"], start=1)}
    episodes = tuple(
        Episode(
            title=e["title"],
            start=_day(e["start"]),
            end=_day(e["end"]),
            narrative=e["narrative"],
            perspectives=tuple(
                Perspective(who, view, people_ids[key]) for who, key, view in e["perspectives"]
            ),
            factors=tuple(Factor(FactorKind(kind), text) for kind, text in e["factors"]),
            appraisal=Appraisal(e["appraisal"]),
            reasoning=e["reasoning"],
            safeguards=tuple(e["safeguards"]),
            entry_ids=tuple(e["story"]),
            id=episode_ids[e["key"]],
        )
        for e in data["episodes"]
    )
    guides = {g.key: g for g in shipped_guides()}
    conversations: list[Conversation] = []
    passages: list[Passage] = []
    passage_ids: dict[str, int] = {}
    for n, c in enumerate(data["conversations"], start=1):
        guide = guides.get(c["guide"])
        record = (
            tuple(RecordItem(q.key, q.text, c["answers"].get(q.key, "")) for q in guide.questions)
            if guide
            else ()
        )
        conversations.append(
            Conversation(
                kind=ConversationKind(c["kind"]),
                title=c["title"],
                date=_day(c["date"]),
                mode=Mode(c["mode"]),
                participants=tuple(sorted(people_ids[k] for k in c["participants"])),
                consent_notes=c["consent_notes"],
                support_notes=c["support_notes"],
                guide_key=c["guide"],
                record=record,
                notes=c["notes"],
                id=n,
            )
        )
        for p in c["passages"]:
            passage_ids[p["key"]] = len(passages) + 1
            passages.append(
                Passage(
                    n,
                    p["text"],
                    tuple(p["themes"]),
                    tuple(p["story"]),
                    tuple(episode_ids[k] for k in p["episodes"]),
                    passage_ids[p["key"]],
                    use_in_report=bool(p.get("use_in_report", False)),
                )
            )
    findings = tuple(
        Finding(
            statement=f["statement"],
            category=f["category"],
            how_it_showed=f["how_it_showed"],
            systemic_evidence=f["systemic_evidence"],
            why_it_matters=f["why_it_matters"],
            board_questions=f["board_questions"],
            recommendations=f.get("recommendations", ""),
            priority=Priority(f["priority"]),
            theme=f["theme"],
            journey_stage=f["journey_stage"],
            episode_ids=tuple(episode_ids[k] for k in f["episodes"]),
            entry_ids=tuple(f["story"]),
            passage_ids=tuple(passage_ids[k] for k in f["passages"]),
            id=n,
        )
        for n, f in enumerate(data["findings"], start=1)
    )
    return AnalysisPart(
        people,
        involvement,
        details,
        identifiers,
        (),
        tuple(conversations),
        tuple(passages),
        episodes,
        findings,
    )
