"""Undo commands for the timetable and the delay log; each is written to the file at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer_app.services.timetable import TimetableService
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
from ui.undo import ReplaceCommand

Changed = Callable[[], None]


def save_milestone_command(
    service: TimetableService,
    before: MilestoneRecord,
    after: MilestoneRecord,
    on_change: Changed,
) -> ReplaceCommand[MilestoneRecord]:
    return ReplaceCommand(
        f"Change '{after.kind.label}'", service.save_milestone, before, after, on_change
    )


class AddDelayCommand(QUndoCommand):
    def __init__(self, service: TimetableService, delay: DelayRecord, on_change: Changed) -> None:
        super().__init__("Record a delay")
        self._service, self._delay, self._on_change = service, delay, on_change

    def redo(self) -> None:
        self._delay = self._service.add_delay(self._delay)
        self._on_change()

    def undo(self) -> None:
        self._service.remove_delay(self._delay)
        self._on_change()


def edit_delay_command(
    service: TimetableService, before: DelayRecord, after: DelayRecord, on_change: Changed
) -> ReplaceCommand[DelayRecord]:
    return ReplaceCommand("Change a delay", service.update_delay, before, after, on_change)


class RemoveDelayCommand(QUndoCommand):
    def __init__(self, service: TimetableService, delay: DelayRecord, on_change: Changed) -> None:
        super().__init__("Remove a delay")
        self._service, self._delay, self._on_change = service, delay, on_change

    def redo(self) -> None:
        self._service.remove_delay(self._delay)
        self._on_change()

    def undo(self) -> None:
        self._delay = self._service.add_delay(self._delay)
        self._on_change()
