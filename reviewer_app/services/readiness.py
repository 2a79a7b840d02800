"""Is the draft ready for the panel? And, at any time, what should the reviewer do next?

Both are pure functions over small protocols, so the window, the command line
(`reviewer-app check FILE`) and tests all call the same code. Other parts of the review add
their own problems (findings without evidence, people without a pseudonym, anonymisation hits)
as `ProblemSource` callables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.chronology.entry import Agency
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.problems import Category, Problem, ProblemSource, Where
from reviewer_app.quality.assessment import SelfAssessment, Status
from reviewer_app.review import Review
from reviewer_app.timetable.rules import ORDER, MilestoneKind
from reviewer_app.timetable.schedule import DelayRecord, ScheduledMilestone, State, uk


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """`problems` stand in the way of the next milestone (`next_step`, its label); `later`
    are for milestones after it, shown as later steps rather than as blocking now."""

    problems: tuple[Problem, ...]
    later: tuple[Problem, ...] = ()
    next_step: str = ""
    #: What the draft report still needs written (its drafting notes): listed for the reviewer,
    #: who writes it in the exported draft, but not counted against `ready`.
    to_write: tuple[Problem, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]

    def later_lines(self) -> list[str]:
        return [p.line() for p in self.later]

    def by_category(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.category, []).append(problem)
        return grouped


class DetailsSource(Protocol):
    def load(self) -> Review: ...


class ReturnsSource(Protocol):
    """The agencies and their import batches (an agency's return counts once imported)."""

    def agencies(self) -> list[Agency]: ...
    def batches(self) -> list[ImportBatch]: ...


class QualitySource(Protocol):
    def assessment(self) -> SelfAssessment: ...


class TimetableSource(Protocol):
    def schedule(self) -> list[ScheduledMilestone]: ...
    def delays(self) -> list[DelayRecord]: ...


#: Milestones that should have happened before a draft goes to the panel.
BEFORE_PANEL = ORDER[: ORDER.index(MilestoneKind.PANEL)]


def _details_problems(details: Review) -> list[Problem]:
    found = []
    if not details.terms_of_reference.strip():
        found.append(Problem(Category.DETAILS, "The terms of reference are empty.", Where.OVERVIEW))
    if details.scope is None:
        found.append(
            Problem(Category.DETAILS, "The period under review is not recorded.", Where.OVERVIEW)
        )
    return found


def _return_problems(agencies: Sequence[Agency], batches: Sequence[ImportBatch]) -> list[Problem]:
    if not agencies:
        return [Problem(Category.AGENCIES, "No agencies have been added.", Where.AGENCIES)]
    returned = {b.agency_id for b in batches}
    return [
        Problem(
            Category.AGENCIES,
            f"{a.name}: no chronology or return has been imported.",
            Where.AGENCIES,
        )
        for a in agencies
        if a.id not in returned
    ]


#: The milestone each stage of the Quality Markers is needed by: setting up before the terms of
#: reference are agreed, running the review before the first draft, its outputs (the report)
#: before the panel sees it.
_MARKERS_NEEDED_BY = {
    "setting-up": MilestoneKind.TERMS_OF_REFERENCE,
    "running": MilestoneKind.FIRST_DRAFT,
}
#: The milestone each kind of problem is needed by (not listed: the panel; None: now).
_NEEDED_BY: dict[str, MilestoneKind | None] = {
    Category.DETAILS: MilestoneKind.TERMS_OF_REFERENCE,
    Category.AGENCIES: MilestoneKind.AGENCY_RETURNS,
    Category.TIMETABLE: None,
    Category.FINDINGS: MilestoneKind.FIRST_DRAFT,
    Category.PEOPLE: MilestoneKind.FIRST_DRAFT,
    Category.ANONYMISATION: MilestoneKind.FIRST_DRAFT,
    Category.DRAFTS: None,  # comments on a draft out already: before the next one
}


def _marker_problems(assessment: SelfAssessment) -> list[tuple[Problem, MilestoneKind]]:
    found = []
    for marker in assessment.marker_set.markers:
        if not marker.before_panel:
            continue
        status = assessment.status(marker.number)
        needed_by = _MARKERS_NEEDED_BY.get(marker.stage, MilestoneKind.PANEL)
        if not status.settled:
            found.append(
                (
                    Problem(
                        Category.MARKERS,
                        f"Marker {marker.label} is not addressed yet ({status.label.lower()}).",
                        Where.MARKERS,
                    ),
                    needed_by,
                )
            )
        elif status is Status.ADDRESSED and not assessment.of(marker.number).evidence:
            found.append(
                (
                    Problem(
                        Category.MARKERS,
                        f"Marker {marker.label} is marked addressed but no evidence is linked.",
                        Where.MARKERS,
                    ),
                    needed_by,
                )
            )
    return found


def _timetable_problems(
    schedule: Sequence[ScheduledMilestone], delays: Sequence[DelayRecord]
) -> list[Problem]:
    found = []
    for start in schedule:
        if start.start_missing:
            found.append(
                Problem(
                    Category.TIMETABLE,
                    f"{start.date_wanted} is not recorded, so the due dates that count from it "
                    "cannot be worked out.",
                    Where.TIMETABLE,
                )
            )
    explained = {d.milestone for d in delays}
    for item in schedule:
        if item.kind not in BEFORE_PANEL or item.state is not State.OVERDUE:
            continue
        if item.kind in explained:
            continue
        assert item.due is not None
        found.append(
            Problem(
                Category.TIMETABLE,
                f"{item.label} was due on {uk(item.due)}: mark it done, or record the delay "
                "and its reason.",
                Where.TIMETABLE,
            )
        )
    for delay in delays:
        if not delay.board_told:
            what = delay.milestone.phrase if delay.milestone else "the review"
            found.append(
                Problem(
                    Category.TIMETABLE,
                    f"The board has not been told of the delay to {what} ({delay.reason.strip()}).",
                    Where.TIMETABLE,
                )
            )
    return found


def check_readiness(
    details: DetailsSource,
    chronology: ReturnsSource,
    quality: QualitySource,
    timetable: TimetableSource,
    extra: Iterable[ProblemSource] = (),
    to_write: Iterable[ProblemSource] = (),
) -> ReadinessReport:
    """What stands in the way of the next milestone (ready if nothing), and, as later steps,
    what is needed by the milestones after it, up to the draft going to the panel; and what the
    draft still needs written (`to_write`), listed but never counted against `ready`."""
    schedule = timetable.schedule()
    found: list[tuple[Problem, MilestoneKind | None]] = []
    for problem in _details_problems(details.load()):
        found.append((problem, _NEEDED_BY[Category.DETAILS]))
    for problem in _return_problems(chronology.agencies(), chronology.batches()):
        found.append((problem, _NEEDED_BY[Category.AGENCIES]))
    found += _marker_problems(quality.assessment())
    found += [(p, None) for p in _timetable_problems(schedule, timetable.delays())]
    for source in extra:
        found += [(p, _NEEDED_BY.get(p.category, MilestoneKind.PANEL)) for p in source()]
    drafting = tuple(problem for source in to_write for problem in source())
    upcoming = _next_milestone(schedule)
    if upcoming is None:
        return ReadinessReport(tuple(p for p, _ in found), (), "", drafting)
    now = ORDER.index(upcoming.kind)
    blocking = tuple(p for p, by in found if by is None or ORDER.index(by) <= now)
    later = tuple(p for p, by in found if by is not None and ORDER.index(by) > now)
    return ReadinessReport(blocking, later, upcoming.label, drafting)


def _next_milestone(schedule: Sequence[ScheduledMilestone]) -> ScheduledMilestone | None:
    """The first milestone not yet done (nor set aside), up to the panel's: after the panel,
    everything before it is needed at once."""
    for item in schedule:
        if item.kind not in BEFORE_PANEL and item.kind is not MilestoneKind.PANEL:
            return None
        if item.state not in (State.DONE, State.NOT_APPLICABLE):
            return item
    return None


# -- guidance for the Overview ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Step:
    text: str
    where: str
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class Guidance:
    """The review's stage in words, and the next few things to do, most pressing first."""

    stage: str
    next_milestone: str
    steps: tuple[Step, ...]


def next_steps(
    details: DetailsSource,
    chronology: ReturnsSource,
    quality: QualitySource,
    timetable: TimetableSource,
    extra: Iterable[ProblemSource] = (),
    *,
    limit: int = 6,
) -> Guidance:
    review = details.load()
    schedule = timetable.schedule()
    delays = timetable.delays()
    assessment = quality.assessment()
    urgent: list[Step] = []
    later: list[Step] = []

    for item in schedule:
        if item.state is State.OVERDUE and item.due is not None:
            urgent.append(
                Step(
                    f"{item.label} was due on {uk(item.due)}: mark it done or record the delay.",
                    Where.TIMETABLE,
                    True,
                )
            )
    for delay in delays:
        if not delay.board_told:
            urgent.append(
                Step("Tell the board about the delay you recorded.", Where.TIMETABLE, True)
            )
    for start in schedule:
        if start.start_missing:
            wanted = start.date_wanted.replace("The date", "the date", 1)
            later.append(
                Step(f"Record {wanted}, so the timetable can be worked out.", Where.TIMETABLE)
            )
    for problem in _details_problems(review):
        later.append(Step(problem.message, problem.where))
    for problem in _return_problems(chronology.agencies(), chronology.batches()):
        later.append(Step(problem.message, problem.where))
    for item in schedule:
        if item.state is State.DUE_SOON and item.due is not None:
            later.append(Step(f"{item.label} is due by {uk(item.due)}.", Where.TIMETABLE))
    for source in extra:
        for problem in source():
            later.append(Step(problem.message, problem.where))

    # the markers of the first stage that still has unsettled ones
    for stage in assessment.marker_set.stages:
        open_markers = [
            m
            for m in assessment.marker_set.in_stage(stage.key)
            if not assessment.status(m.number).settled
        ]
        if open_markers:
            names = ", ".join(m.label for m in open_markers[:3])
            more = f" and {len(open_markers) - 3} more" if len(open_markers) > 3 else ""
            later.append(Step(f"{stage.title}: work through markers {names}{more}.", Where.MARKERS))
            break

    upcoming = next(
        (s for s in schedule if s.state not in (State.DONE, State.NOT_APPLICABLE)), None
    )
    if upcoming is None:
        next_milestone = "Every milestone is done."
    elif upcoming.due is None:
        next_milestone = f"Next: {upcoming.label} (no date yet)"
    else:
        next_milestone = f"Next: {upcoming.label}, due {uk(upcoming.due)}"
    steps = tuple((urgent + later)[:limit])
    return Guidance(review.status.label, next_milestone, steps)
