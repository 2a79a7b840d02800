"""Undo steps for the timetable and the delay log, on the one operation path (`ui.operations`).

The page calls these with its `reload` as `on_change`: it runs after each step, and after a
step that failed, so the page shows what the file holds again.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.services.timetable import TimetableService
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
from ui.operations import Add, Change, Remove, Replace, returning

Changed = Callable[[], None]


def _heard(on_change: Changed) -> Callable[[Change], None]:
    return lambda _change: on_change()


def save_milestone_command(
    service: TimetableService,
    before: MilestoneRecord,
    after: MilestoneRecord,
    on_change: Changed,
) -> Replace[MilestoneRecord]:
    return Replace(
        f"Change '{after.kind.label}'",
        service.save_milestone,
        before,
        after,
        changed=_heard(on_change),
        resync=on_change,
    )


class AddDelayCommand(Add[DelayRecord, DelayRecord]):
    """Record a delay; redo after undo puts back the same record (with the same id)."""

    def __init__(self, service: TimetableService, delay: DelayRecord, on_change: Changed) -> None:
        super().__init__(
            "Record a delay",
            service.add_delay,
            returning(service.remove_delay),
            service.add_delay,
            delay,
            changed=_heard(on_change),
            resync=on_change,
        )


def edit_delay_command(
    service: TimetableService, before: DelayRecord, after: DelayRecord, on_change: Changed
) -> Replace[DelayRecord]:
    return Replace(
        "Change a delay",
        service.update_delay,
        before,
        after,
        changed=_heard(on_change),
        resync=on_change,
    )


class RemoveDelayCommand(Remove[DelayRecord, DelayRecord]):
    def __init__(self, service: TimetableService, delay: DelayRecord, on_change: Changed) -> None:
        super().__init__(
            "Remove a delay",
            returning(service.remove_delay),
            service.add_delay,
            delay,
            changed=_heard(on_change),
            resync=on_change,
        )
