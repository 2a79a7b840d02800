"""What the timetable services need from storage (`storage.timetable_repository`)."""

from __future__ import annotations

from typing import Protocol

from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord


class TimetableRepository(Protocol):
    def milestones(self) -> list[MilestoneRecord]: ...
    def save_milestone(self, record: MilestoneRecord) -> None:
        """Store the record for its kind, replacing any earlier one."""

    def delays(self) -> list[DelayRecord]: ...
    def add_delay(self, delay: DelayRecord) -> DelayRecord: ...
    def update_delay(self, delay: DelayRecord) -> None: ...
    def remove_delay(self, delay_id: int) -> None: ...
