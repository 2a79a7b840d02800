"""Whole-review transfer: a snapshot of an open review, and filling a new review from one.

The people and analysis repositories are taken from the open review (`review.people`,
`review.analysis`) when it offers them, or passed in; without them those parts are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reviewer_app.analysis.interchange import AnalysisPart
from reviewer_app.analysis.repository import AnalysisRepository
from reviewer_app.chronology.entry import Agency, Provenance
from reviewer_app.chronology.repository import SameEventDecision
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.lifecycle_interchange import LifecyclePart
from reviewer_app.people.repository import PeopleRepository
from reviewer_app.reporting.log import EXPORT_KIND
from reviewer_app.repositories import CreatedReview, OpenReview, ReviewFiles


def _parts(
    review: OpenReview, people: PeopleRepository | None, analysis: AnalysisRepository | None
) -> tuple[PeopleRepository | None, AnalysisRepository | None]:
    return (
        people if people is not None else getattr(review, "people", None),
        analysis if analysis is not None else getattr(review, "analysis", None),
    )


def take_snapshot(
    review: OpenReview,
    people: PeopleRepository | None = None,
    analysis: AnalysisRepository | None = None,
) -> ReviewSnapshot:
    chronology = review.chronology
    people, analysis = _parts(review, people, analysis)
    part = AnalysisPart()
    if people is not None:
        part = replace(
            part,
            people=tuple(people.people()),
            involvement=tuple(people.involvement()),
            agency_details=tuple(people.agency_details()),
            identifiers=tuple(people.identifiers()),
        )
    if analysis is not None:
        part = replace(
            part,
            guides=tuple(analysis.guides()),
            conversations=tuple(analysis.conversations()),
            passages=tuple(analysis.passages()),
            episodes=tuple(analysis.episodes()),
            findings=tuple(analysis.findings()),
        )
    evidence = getattr(review, "published_evidence", None)
    if evidence is not None:
        part = replace(part, published_evidence=tuple(evidence.evidence()))
    return ReviewSnapshot(
        details=review.details.load(),
        agencies=tuple(chronology.agencies()),
        batches=tuple(chronology.batches()),
        entries=tuple(chronology.entries()),
        same_event=tuple(chronology.same_event_decisions()),
        subject_date_of_birth=chronology.subject_date_of_birth(),
        analysis=part,
        requests=tuple(review.requests.requests()),
        lifecycle=_lifecycle(review),
        report_sections=_report_sections(review),
    )


def _report_sections(review: OpenReview) -> dict[str, str]:
    """The reviewer's text for the report's sections (none where the review keeps none)."""
    report_text = getattr(review, "report_text", None)
    return report_text.texts() if report_text is not None else {}


def _lifecycle(review: OpenReview) -> LifecyclePart:
    """The timetable, rapid review, drafts and response log, of the parts the review has."""
    timetable = getattr(review, "timetable", None)
    rapid = getattr(review, "rapid_review", None)
    drafts = getattr(review, "drafts", None)
    log = getattr(review, "log", None)
    part = LifecyclePart()
    if timetable is not None:
        part = replace(
            part, milestones=tuple(timetable.milestones()), delays=tuple(timetable.delays())
        )
    if rapid is not None:
        part = replace(part, rapid_review=rapid.load())
    if log is not None:
        part = replace(part, report_exports=tuple(log.entries(EXPORT_KIND)))
    if drafts is not None:
        part = replace(
            part, circulations=tuple(drafts.circulations()), comments=tuple(drafts.comments())
        )
    sign_off = getattr(review, "sign_off", None)
    if sign_off is not None:
        part = replace(
            part, sign_offs=tuple(sign_off.sign_offs()), publication=sign_off.publication()
        )
    plan = getattr(review, "action_plan", None)
    if plan is not None:
        part = replace(part, actions=tuple(plan.actions()), partners_response=plan.response())
    return part


def _fill_lifecycle(
    review: OpenReview, part: LifecyclePart, finding_ids: dict[int | None, int]
) -> None:
    timetable = getattr(review, "timetable", None)
    if timetable is not None:
        for record in part.milestones:
            timetable.save_milestone(record)
        for delay in part.delays:
            timetable.add_delay(replace(delay, id=None))
    rapid = getattr(review, "rapid_review", None)
    if rapid is not None and not part.rapid_review.empty:
        rapid.save(part.rapid_review)
    log = getattr(review, "log", None)
    if log is not None:
        for entry in part.report_exports:
            log.record(replace(entry, id=None))
    drafts = getattr(review, "drafts", None)
    if drafts is not None:
        for circulation in part.circulations:
            drafts.add_circulation(replace(circulation, id=None))
        if part.comments:
            drafts.add_comments([replace(c, id=None) for c in part.comments])
    sign_off = getattr(review, "sign_off", None)
    if sign_off is not None:
        for signed in part.sign_offs:
            sign_off.add_sign_off(replace(signed, id=None))
        if part.publication is not None:
            sign_off.save_publication(part.publication)
    plan = getattr(review, "action_plan", None)
    if plan is not None:
        for action in part.actions:
            plan.save_action(
                replace(action, id=None, finding_id=finding_ids.get(action.finding_id))
            )
        if not part.partners_response.empty:
            plan.save_response(part.partners_response)


def fill_review(
    review: OpenReview,
    snapshot: ReviewSnapshot,
    people: PeopleRepository | None = None,
    analysis: AnalysisRepository | None = None,
) -> None:
    """Copy a snapshot into a newly created, empty review, giving everything new ids."""
    chronology = review.chronology
    people, analysis = _parts(review, people, analysis)
    part = snapshot.analysis
    review.details.save(snapshot.details)
    agency_ids: dict[int | None, int | None] = {}
    for agency in snapshot.agencies:
        agency_ids[agency.id] = chronology.add_agency(Agency(agency.name, agency.agency_type)).id
    person_ids: dict[int | None, int] = {}
    if people is not None:
        for person in part.people:
            stored = people.save_person(
                person.with_changes(
                    id=None,
                    agency_id=agency_ids.get(person.agency_id) if person.agency_id else None,
                )
            )
            assert stored.id is not None
            person_ids[person.id] = stored.id
        for event in part.involvement:
            people.save_involvement(replace(event, person_id=person_ids[event.person_id], id=None))
        for details in part.agency_details:
            people.save_agency_details(
                replace(details, agency_id=agency_ids[details.agency_id] or 0)
            )
        for identifier in part.identifiers:
            people.save_identifier(replace(identifier, id=None))
    batch_ids: dict[int | None, int | None] = {None: None}
    for batch in snapshot.batches:
        stored_batch = chronology.add_batch(
            replace(batch, agency_id=agency_ids[batch.agency_id] or 0, id=None),
            [],
        )
        batch_ids[batch.id] = stored_batch.id
    entries = sorted(snapshot.entries, key=lambda e: e.sort_key)
    new_ids = chronology.add_many(
        [
            e.with_changes(
                id=None,
                agency_id=agency_ids[e.agency_id],
                provenance=Provenance(
                    batch_ids[e.provenance.batch_id], e.provenance.row_number, e.provenance.original
                ),
                people=tuple(person_ids[p] for p in e.people if p in person_ids),
            )
            for e in entries
        ]
    )
    entry_ids = {e.id: new for e, new in zip(entries, new_ids, strict=True)}
    for decision in snapshot.same_event:
        chronology.decide_same_event(
            SameEventDecision(
                entry_ids[decision.entry_a],
                entry_ids[decision.entry_b],
                decision.status,
                decision.score,
            )
        )
    for request in snapshot.requests:
        review.requests.add_request(
            replace(
                request,
                agency_id=agency_ids[request.agency_id] or 0,
                received_batch=batch_ids.get(request.received_batch),
                id=None,
            )
        )
    has_subject = any(p.is_subject for p in part.people) and people is not None
    if snapshot.subject_date_of_birth is not None and not has_subject:
        chronology.set_subject_date_of_birth(snapshot.subject_date_of_birth)
    finding_ids: dict[int | None, int] = {}
    if analysis is not None:
        finding_ids = _fill_analysis(analysis, part, entry_ids, person_ids)
    evidence = getattr(review, "published_evidence", None)
    if evidence is not None:
        for linked in part.published_evidence:
            if linked.finding_id in finding_ids:
                evidence.save(
                    linked.with_changes(id=None, finding_id=finding_ids[linked.finding_id])
                )
    _fill_lifecycle(review, snapshot.lifecycle, finding_ids)
    report_text = getattr(review, "report_text", None)
    if report_text is not None:
        for key, text in snapshot.report_sections.items():
            report_text.save_text(key, text)


def _fill_analysis(
    analysis: AnalysisRepository,
    part: AnalysisPart,
    entry_ids: dict[int | None, int],
    person_ids: dict[int | None, int],
) -> dict[int | None, int]:
    """Fill the analysis; returns the findings' new ids by their ids in the snapshot."""

    def entries(ids: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(entry_ids[i] for i in ids if i in entry_ids)

    for guide in part.guides:
        analysis.save_guide(guide)
    episode_ids: dict[int | None, int] = {}
    for episode in part.episodes:
        stored = analysis.save_episode(
            episode.with_changes(
                id=None,
                entry_ids=entries(episode.entry_ids),
                perspectives=tuple(
                    replace(p, person_id=person_ids.get(p.person_id)) for p in episode.perspectives
                ),
            )
        )
        assert stored.id is not None
        episode_ids[episode.id] = stored.id
    passage_ids: dict[int | None, int] = {}
    for conversation in part.conversations:
        saved = analysis.save_conversation(
            conversation.with_changes(
                id=None,
                participants=tuple(
                    person_ids[p] for p in conversation.participants if p in person_ids
                ),
            )
        )
        assert saved.id is not None
        for passage in part.passages:
            if passage.conversation_id != conversation.id:
                continue
            stored_passage = analysis.save_passage(
                passage.with_changes(
                    id=None,
                    conversation_id=saved.id,
                    entry_ids=entries(passage.entry_ids),
                    episode_ids=tuple(episode_ids[e] for e in passage.episode_ids),
                )
            )
            assert stored_passage.id is not None
            passage_ids[passage.id] = stored_passage.id
    finding_ids: dict[int | None, int] = {}
    for finding in part.findings:
        stored_finding = analysis.save_finding(
            finding.with_changes(
                id=None,
                entry_ids=entries(finding.entry_ids),
                episode_ids=tuple(episode_ids[e] for e in finding.episode_ids),
                passage_ids=tuple(passage_ids[p] for p in finding.passage_ids),
            )
        )
        assert stored_finding.id is not None
        finding_ids[finding.id] = stored_finding.id
    return finding_ids


def create_review_from(
    files: ReviewFiles,
    path: Path,
    snapshot: ReviewSnapshot,
    passphrase: str,
    *,
    remember: bool = False,
    fill: Callable[[OpenReview, ReviewSnapshot], None] = fill_review,
) -> CreatedReview:
    """A new review file at `path` holding the snapshot (put there by `fill`). If filling it
    fails, the half-made file is removed again, so a failed import never leaves a review that
    looks complete."""
    created = files.create(path, snapshot.details, passphrase, remember=remember)
    try:
        fill(created.review, snapshot)
    except BaseException:
        created.review.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    return created
