"""The built-in demonstration review: synthetic, realistic, and scalable for benchmarks.

A scripted story (resources/demo/review.json) of a fictional child, "Child M", across eight
agencies, padded with routine contacts to any size, and the review's own progress (its
timetable and quality-marker self-assessment). Every name and event is invented.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from reviewer_app.analysis.demo_part import build_analysis
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, parse_time, parse_uk_date
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry, Flag, Provenance
from reviewer_app.chronology.repository import ImportBatch, SameEventDecision, SameEventStatus
from reviewer_app.interchange import ReviewSnapshot, read_lifecycle
from reviewer_app.quality.assessment import MarkerAssessment, PromptAssessment, Status
from reviewer_app.review import Methodology, Review, ReviewType, ScopePeriod
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord

DEFAULT_ENTRIES = 300
#: The demo's passphrase is public: the demo holds nothing real. Real reviews never use it.
DEMO_PASSPHRASE = "demonstration only - not a real case"  # noqa: S105


def _content() -> dict[str, Any]:
    text = resources.files("resources").joinpath("demo/review.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def build_demo(entries: int = DEFAULT_ENTRIES, seed: int = 17) -> ReviewSnapshot:
    """The demo review as a snapshot with `entries` chronology entries (at least the story)."""
    data = _content()
    rv = data["review"]
    scope = ScopePeriod(
        dt.date.fromisoformat(rv["scope"]["start"]), dt.date.fromisoformat(rv["scope"]["end"])
    )
    details = Review(
        title=rv["title"],
        review_type=ReviewType(rv["review_type"]),
        board=rv["board"],
        methodology=Methodology(rv["methodology"]),
        scope=scope,
        terms_of_reference=rv["terms_of_reference"],
        created=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    keys = list(data["agencies"])
    agency_id = {key: n for n, key in enumerate(keys, start=1)}
    agencies = tuple(
        Agency(v["name"], AgencyType(v["type"]), agency_id[k]) for k, v in data["agencies"].items()
    )
    batches = tuple(
        ImportBatch(
            agency_id=agency_id[key],
            file_name=f"{data['agencies'][key]['name']} chronology.xlsx",
            file_format="xlsx",
            row_count=0,
            sheet="Chronology",
            imported_at=dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC),
            id=agency_id[key],
        )
        for key in keys
    )
    made: list[ChronologyEntry] = []
    row_numbers = dict.fromkeys(keys, 4)  # agencies' sheets have a title and a header row

    def add(
        key: str, date: FuzzyDate, source: str, who: str, event: str, outcome: str, flags: list[str]
    ) -> None:
        row_numbers[key] += 1
        made.append(
            ChronologyEntry(
                agency_id=agency_id[key],
                date=date,
                source=source,
                event=event,
                outcome=outcome,
                practitioner=who,
                flags=frozenset(Flag(f) for f in flags),
                provenance=Provenance(
                    agency_id[key],
                    row_numbers[key],
                    (
                        ("Date", date.original),
                        ("Source", source),
                        ("Details", event),
                        ("Outcome", outcome),
                    ),
                ),
                id=len(made) + 1,
            )
        )

    for key, date_text, time_text, source, who, event, outcome, flags in data["story"]:
        date = parse_uk_date(date_text)
        if time_text:
            date = FuzzyDate(
                date.start,
                date.end,
                date.precision,
                date.qualifier,
                date.original,
                parse_time(time_text),
            )
        add(key, date, source, who, event, outcome, flags)
    story_ids: dict[tuple[int, dt.date | None, str], int] = {
        (e.agency_id, e.date.start, e.source): n for n, e in enumerate(made, start=1)
    }

    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    routine = data["routine"]
    windows = {
        key: [dt.date.fromisoformat(d) for d in value["active"]]
        for key, value in data["agencies"].items()
    }
    weights = [5 if k in ("csc", "hv", "police") else 2 for k in keys]
    while len(made) < entries:
        key = rng.choices(keys, weights)[0]
        source, who, event, outcome = rng.choice(routine[key])
        first, last = windows[key]  # each agency only while it was involved with the family
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        if rng.random() < 0.06:
            monday = day - dt.timedelta(days=day.weekday())
            date = FuzzyDate(
                monday,
                monday + dt.timedelta(days=6),
                Precision.WEEK,
                Qualifier.ON,
                f"w/c {monday:%d/%m/%Y}",
            )
        else:
            time = (
                dt.time(rng.randrange(8, 20), rng.choice((0, 15, 30, 45)))
                if rng.random() < 0.4
                else None
            )
            date = FuzzyDate(day, day, Precision.DAY, Qualifier.ON, f"{day:%d/%m/%Y}", time)
        ref = f"{day:%y}/{rng.randrange(1000, 9999)}"
        add(
            key, date, source.format(ref=ref), who.format(n=rng.randrange(1, 6)), event, outcome, []
        )

    batches = tuple(
        ImportBatch(
            **{
                **{f: getattr(b, f) for f in ImportBatch.__dataclass_fields__},
                "row_count": sum(1 for e in made if e.agency_id == b.agency_id),
            }
        )
        for b in batches
    )
    strategy_csc = story_ids[
        (agency_id["csc"], dt.date(2014, 6, 23), "Strategy discussion minutes")
    ]
    strategy_police = story_ids[
        (agency_id["police"], dt.date(2014, 6, 23), "Strategy discussion record")
    ]
    decisions = (SameEventDecision(strategy_csc, strategy_police, SameEventStatus.CONFIRMED, 72.0),)
    analysis = build_analysis(data["analysis"], agency_id)
    return ReviewSnapshot(
        details=details,
        agencies=agencies,
        batches=batches,
        entries=tuple(made),
        same_event=decisions,
        subject_date_of_birth=dt.date.fromisoformat(data["subject_date_of_birth"]),
        analysis=analysis,
        # the drafts sent out, the response log and the action plan (its timetable is in
        # `build_progress`)
        lifecycle=read_lifecycle(
            {
                "drafts": data["timetable"]["drafts"],
                "action_plan": data["timetable"]["action_plan"],
            },
            {f.id for f in analysis.findings},
        ),
    )


@dataclass(frozen=True, slots=True)
class DemoEvidence:
    """A piece of evidence for a marker, named the way a reviewer would find it in the demo:
    `kind` is an `EvidenceKind`; `name` is the agency's, conversation's or episode's name,
    or the finding's statement (empty for the terms of reference, timetable and delay log);
    `label` describes a document."""

    kind: str
    name: str = ""
    label: str = ""


@dataclass(frozen=True, slots=True)
class DemoMarker:
    assessment: MarkerAssessment  # status, notes and prompts (evidence comes separately)
    evidence: tuple[DemoEvidence, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoProgress:
    """How far the demo review has got: what the interchange snapshot does not carry."""

    milestones: tuple[MilestoneRecord, ...]
    delays: tuple[DelayRecord, ...]
    markers: tuple[DemoMarker, ...]
    rapid_review: RapidReview = field(default_factory=RapidReview)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def build_progress() -> DemoProgress:
    """The demo review's timetable and quality-marker self-assessment."""
    data = _content()
    analysis = data["analysis"]
    names = {
        "agency": {key: value["name"] for key, value in data["agencies"].items()},
        "conversation": {c["key"]: c["title"] for c in analysis["conversations"]},
        "episode": {e["key"]: e["title"] for e in analysis["episodes"]},
    }
    findings = [f["statement"] for f in analysis["findings"]]
    timetable = data["timetable"]
    milestones = tuple(
        MilestoneRecord(
            MilestoneKind(m["kind"]),
            done_on=_date(m.get("done_on")),
            due_override=_date(m.get("due_override")),
            note=m.get("note", ""),
        )
        for m in timetable["milestones"]
    )
    delays = tuple(
        DelayRecord(
            recorded_on=dt.date.fromisoformat(d["recorded_on"]),
            reason=d["reason"],
            milestone=MilestoneKind(d["milestone"]) if d.get("milestone") else None,
            revised_date=_date(d.get("revised_date")),
            board_told=bool(d.get("board_told_on")),
            board_told_on=_date(d.get("board_told_on")),
        )
        for d in timetable["delays"]
    )

    rapid = timetable.get("rapid_review", {})
    rapid_review = RapidReview(
        facts=rapid.get("facts", ""),
        immediate_action=rapid.get("immediate_action", ""),
        agency_learning=rapid.get("agency_learning", ""),
        criteria_met=Answer(rapid.get("criteria_met", Answer.NOT_DECIDED)),
        decision=Decision(rapid.get("decision", Decision.NOT_DECIDED)),
        decision_reasons=rapid.get("decision_reasons", ""),
        national_importance=Answer(rapid.get("national_importance", Answer.NOT_DECIDED)),
        national_reasons=rapid.get("national_reasons", ""),
        sent_to_panel=_date(rapid.get("sent_to_panel")),
    )

    def evidence(item: dict[str, Any]) -> DemoEvidence:
        kind = item["kind"]
        if kind in ("agency", "import"):
            return DemoEvidence(kind, names["agency"][item["agency"]])
        if kind in ("conversation", "episode"):
            return DemoEvidence(kind, names[kind][item[kind]])
        if kind == "finding":
            return DemoEvidence(kind, findings[item["finding"] - 1])
        return DemoEvidence(kind, label=item.get("label", ""))

    markers = tuple(
        DemoMarker(
            MarkerAssessment(
                m["number"],
                Status(m["status"]),
                m.get("notes", ""),
                {
                    key: PromptAssessment(Status(status), note)
                    for key, (status, note) in m.get("prompts", {}).items()
                },
            ),
            tuple(evidence(e) for e in m.get("evidence", ())),
        )
        for m in data["quality"]["markers"]
    )
    return DemoProgress(milestones, delays, markers, rapid_review)
