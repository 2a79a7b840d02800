"""Undo commands for people and the analysis: each one writes to the review file at once.

Something deleted and brought back by undo keeps its id (the repositories re-add an object
whose id is not in the file), so later commands in the stack still point at the right row.
A command that fails marks itself obsolete, so Qt drops it, and the error is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtGui import QUndoCommand


class HasId(Protocol):
    @property
    def id(self) -> int | None: ...


T = TypeVar("T", bound=HasId)


class Effects:
    """What a command does after it runs: refresh the page, or report a failure."""

    def __init__(
        self, refresh: Callable[[Any], None], report_error: Callable[[Exception], None]
    ) -> None:
        self.refresh = refresh
        self.report_error = report_error


class _Command(QUndoCommand):
    def __init__(self, text: str, effects: Effects) -> None:
        super().__init__(text)
        self.effects = effects

    def _run(self, step: Callable[[], Any]) -> None:
        try:
            shown = step()
        except Exception as error:
            self.setObsolete(True)
            self.effects.report_error(error)
            return
        self.effects.refresh(shown)


class SaveCommand(_Command, Generic[T]):
    """Add (`before` is None) or change one thing."""

    def __init__(
        self,
        text: str,
        effects: Effects,
        save: Callable[[T], T],
        remove: Callable[[T], Any],
        restore: Callable[[Any], Any],
        before: T | None,
        after: T,
    ) -> None:
        super().__init__(text, effects)
        self._save, self._remove, self._restore = save, remove, restore
        self.before, self.after = before, after
        self._saved: T | None = None
        self._removed: Any = None

    def redo(self) -> None:
        def step() -> T:
            if self._saved is not None and self.before is None:
                self._restore(self._removed)
                return self._saved
            self._saved = self._save(self.after)
            return self._saved

        self._run(step)

    def undo(self) -> None:
        def step() -> T | None:
            if self.before is None:
                assert self._saved is not None
                self._removed = self._remove(self._saved)
                return None
            return self._save(self.before)

        self._run(step)

    @property
    def saved(self) -> T | None:
        return self._saved


class DeleteCommand(_Command, Generic[T]):
    def __init__(
        self,
        text: str,
        effects: Effects,
        remove: Callable[[T], Any],
        restore: Callable[[Any], Any],
        thing: T,
    ) -> None:
        super().__init__(text, effects)
        self._remove, self._restore, self.thing = remove, restore, thing
        self._removed: Any = None

    def redo(self) -> None:
        def step() -> None:
            self._removed = self._remove(self.thing)

        self._run(step)

    def undo(self) -> None:
        def step() -> T:
            self._restore(self._removed)
            return self.thing

        self._run(step)
