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
from reviewer_app.interchange import ReviewSnapshot, read_lifecycle, read_report_sections
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


#: One event recorded by several agencies for about every this many entries beyond the story.
ENTRIES_PER_SHARED_EVENT = 12

SamePairs = frozenset[tuple[int, int]]


def build_demo(entries: int = DEFAULT_ENTRIES, seed: int = 17) -> ReviewSnapshot:
    """The demo review as a snapshot with `entries` chronology entries (at least the story)."""
    return build_demo_with_truth(entries, seed)[0]


def _pairs(ids: list[int]) -> set[tuple[int, int]]:
    return {(a, b) for n, a in enumerate(sorted(ids)) for b in sorted(ids)[n + 1 :]}


def build_demo_with_truth(
    entries: int = DEFAULT_ENTRIES, seed: int = 17
) -> tuple[ReviewSnapshot, SamePairs]:
    """The demo review, and which of its entries are the same event recorded by different
    agencies (every pair of entry ids, smaller first): the story's own and the shared events
    the generator writes, each agency in its own words, on the same day (usually at the same
    time). `benchmarks/same_event.py` measures the suggester against them."""
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
        lead_reviewer=rv.get("lead_reviewer", ""),
        circulation=rv.get("circulation", ""),
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
    truth: set[tuple[int, int]] = set()
    for group in data["story_same_events"]:
        truth |= _pairs([made[index].id or 0 for index in group])

    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    routine = data["routine"]
    windows = {
        key: [dt.date.fromisoformat(d) for d in value["active"]]
        for key, value in data["agencies"].items()
    }
    # Shared events are planned with their own generator, so the routine entries stay as they
    # were; they take the last places of the `entries` asked for.
    templates = data["shared_events"]
    kinds = _shared_kinds(templates, max(0, entries - len(made)))
    reserved = sum(len(templates[kind]["versions"]) for kind in kinds)
    weights = [5 if k in ("csc", "hv", "police") else 2 for k in keys]
    while len(made) < entries - reserved:
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

    keys_of = {number: key for key, number in agency_id.items()}
    busy: dict[str, set[dt.date]] = {key: set() for key in keys}
    for entry in made:
        if entry.date.start is not None:
            busy[keys_of[entry.agency_id]].add(entry.date.start)
    for day, versions in _plan_shared(templates, kinds, windows, busy, seed):
        ids = []
        for key, time, source, who, event, outcome in versions:
            date = FuzzyDate(day, day, Precision.DAY, Qualifier.ON, f"{day:%d/%m/%Y}", time)
            add(key, date, source, who, event, outcome, [])
            ids.append(len(made))
        truth |= _pairs(ids)

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
    snapshot = ReviewSnapshot(
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
        # the reviewer's text for some of the report's sections (the others still to write)
        report_sections=read_report_sections({"report_sections": data["report_sections"]}),
    )
    return snapshot, frozenset(truth)


Version = tuple[
    str, dt.time | None, str, str, str, str
]  # agency, time, source, who, event, outcome


def _shared_kinds(templates: list[dict[str, Any]], room: int) -> list[int]:
    """Which shared events (template indexes, in turn) fit in `room` entries."""
    kinds: list[int] = []
    used = 0
    wanted = room // ENTRIES_PER_SHARED_EVENT
    for n in range(wanted * 2):  # some kinds happen only once or twice in a case
        kind = n % len(templates)
        size = len(templates[kind]["versions"])
        if len(kinds) == wanted or used + size > room:
            break
        if kinds.count(kind) >= templates[kind].get("most", wanted):
            continue
        kinds.append(kind)
        used += size
    return kinds


def _plan_shared(
    templates: list[dict[str, Any]],
    kinds: list[int],
    windows: dict[str, list[dt.date]],
    busy: dict[str, set[dt.date]],
    seed: int,
) -> list[tuple[dt.date, list[Version]]]:
    """Events several agencies recorded, each in its own words.

    Each is on a day when all its agencies were involved and, where there is one, when none of
    them recorded anything else (an agency's record of that day is this event, not a second
    core group or a second joint visit). A timed one is usually recorded at the same time by
    all; now and then one agency gives no time, or logs it a little later.
    """
    rng = random.Random(seed * 7919 + 1)  # noqa: S311 - synthetic demo data, not security
    planned: list[tuple[dt.date, list[Version]]] = []
    taken: set[tuple[int, dt.date]] = set()  # one of each kind of event a day
    for kind in kinds:
        template = templates[kind]
        versions = template["versions"]
        keys = [v[0] for v in versions]
        first = max(windows[key][0] for key in keys)
        last = min(windows[key][1] for key in keys)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        days = [day for day in days if (kind, day) not in taken] or days
        quiet = [day for day in days if not any(day in busy[key] for key in keys)]
        day = rng.choice(quiet or days)
        taken.add((kind, day))
        for key in keys:
            busy[key].add(day)
        time = dt.time(rng.randrange(9, 18), rng.choice((0, 15, 30, 45)))
        made: list[Version] = []
        for index, (key, source, who, event, outcome) in enumerate(versions):
            own = time if template["timed"] else None
            if own is not None and index > 0:
                luck = rng.random()
                if luck < 0.1:
                    own = None  # this agency did not record the time
                elif luck < 0.2:
                    late = dt.datetime.combine(day, own) + dt.timedelta(
                        minutes=rng.choice((15, 30))
                    )
                    own = late.time()
            ref = f"{day:%y}/{rng.randrange(1000, 9999)}"
            made.append(
                (
                    key,
                    own,
                    source.format(ref=ref),
                    who.format(n=rng.randrange(1, 6)),
                    event,
                    outcome,
                )
            )
        planned.append((day, made))
    return planned


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
