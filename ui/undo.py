"""The one shape of undo command most edits take: put a value back the way it was.

Redo stores `after`, undo stores `before`, through the service's own save call, and each is
written to the review file at once (there is no Save button to forget).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

T = TypeVar("T")


class ReplaceCommand(QUndoCommand, Generic[T]):
    def __init__(
        self,
        text: str,
        save: Callable[[T], object],
        before: T,
        after: T,
        on_change: Callable[..., object] | None = None,
    ) -> None:
        super().__init__(text)
        self._save = save
        self._before = before
        self._after = after
        self._on_change = on_change

    def _apply(self, value: T) -> None:
        self._save(value)
        if self._on_change is not None:
            self._on_change()

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
