"""Use cases of the timetable: milestones with due dates, warnings, and the delay log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.review import Review, ReviewType
from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.timetable.repository import TimetableRepository
from reviewer_app.timetable.rules import MilestoneKind, milestones_for
from reviewer_app.timetable.schedule import (
    DelayRecord,
    MilestoneRecord,
    ScheduledMilestone,
    TimetableWarning,
    compute_schedule,
    timetable_warnings,
)
from reviewer_app.timetable.working_days import WorkingCalendar


class DetailsSource(Protocol):
    def load(self) -> Review: ...


@dataclass(frozen=True, slots=True)
class TimetableView:
    """Everything the timetable page shows, loaded in one go."""

    review_type: ReviewType
    today: dt.date
    schedule: list[ScheduledMilestone]
    delays: list[DelayRecord]
    warnings: list[TimetableWarning]


class TimetableService:
    def __init__(
        self,
        repository: TimetableRepository,
        details: DetailsSource,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        calendar: WorkingCalendar | None = None,
        changes: ChangeBus | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._details = details
        self._today = today
        self._calendar = calendar or WorkingCalendar()

    @property
    def calendar(self) -> WorkingCalendar:
        return self._calendar

    def today(self) -> dt.date:
        return self._today()

    def review_type(self) -> ReviewType:
        return self._details.load().review_type

    def milestones(self) -> tuple[MilestoneKind, ...]:
        return milestones_for(self.review_type())

    def record(self, kind: MilestoneKind) -> MilestoneRecord:
        for record in self._repository.milestones():
            if record.kind is kind:
                return record
        return MilestoneRecord(kind)

    @writes(Part.TIMETABLE)
    def save_milestone(self, record: MilestoneRecord) -> None:
        self._repository.save_milestone(record)

    def schedule(self) -> list[ScheduledMilestone]:
        return compute_schedule(
            self.review_type(), self._repository.milestones(), self.today(), self._calendar
        )

    def delays(self) -> list[DelayRecord]:
        return self._repository.delays()

    @writes(Part.TIMETABLE)
    def add_delay(self, delay: DelayRecord) -> DelayRecord:
        return self._repository.add_delay(delay)

    @writes(Part.TIMETABLE)
    def update_delay(self, delay: DelayRecord) -> None:
        self._repository.update_delay(delay)

    @writes(Part.TIMETABLE)
    def remove_delay(self, delay: DelayRecord) -> None:
        if delay.id is not None:
            self._repository.remove_delay(delay.id)

    def warnings(self) -> list[TimetableWarning]:
        return timetable_warnings(self.schedule(), self.delays(), self.today())

    def view(self) -> TimetableView:
        schedule = self.schedule()
        delays = self.delays()
        today = self.today()
        return TimetableView(
            self.review_type(), today, schedule, delays, timetable_warnings(schedule, delays, today)
        )
