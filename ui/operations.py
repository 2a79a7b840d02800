"""The one path by which the window changes a review: small named, undoable operations.

After Anki's `aqt.operations`: every change the reviewer can undo is an `Operation` that
applies one service call, and this module alone decides what happens around it.

- **Doing it.** `push(stack, operation)` applies the operation first and puts it on the undo
  stack only if that worked, so a refused change leaves the stack (its redo steps too) and the
  file as they were. (An operation pushed with a bare `QUndoStack.push` still works: if its
  first run fails it is marked obsolete and Qt drops it, though Qt 6 then also drops the
  stack's redo steps.)
- **Undo and redo that fail** (the review locked underneath, the disk full) leave the file as it
  was, and the stack's index where it was: Qt always moves the index after `undo()`/`redo()`, so
  the operation moves it straight back (on the stack's `indexChanged`), touching nothing: it
  skips the step it is then asked to repeat. The reviewer can try again. This needs the stack,
  which `push` (or `track`) makes known; on a stack never seen, the index does move, but the
  operation still skips its next step, so the stack and the file agree again.
- **Telling the reviewer.** A failure goes to the operation's `report` (by default the one
  place that shows errors, `ui.errors.show_error`), once the stack has settled: never from
  inside Qt's undo machinery, where a message box's event loop could let another edit in.
- **What changed.** After each step that worked, the operation's `changed` listener hears one
  `Change`: which step (done, undone, redone) and what to show now.

The shapes most edits take are here: `Replace` (put a value back the way it was; consecutive
edits with the same `merge_key` merge into one step), `Add` and `Remove` (undo takes away or
restores the same thing, with the same id, so later steps in the stack still point at it).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication

from ui.errors import show_error

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


class Step(Enum):
    DONE = "done"
    UNDONE = "undone"
    REDONE = "redone"


@dataclass(frozen=True, slots=True)
class Change:
    """What one step did, for the page that shows it."""

    step: Step
    #: The thing to show now (the saved item, say); None when it went away or nothing in
    #: particular should be shown.
    shown: object = None


Listener = Callable[[Change], None]
Reporter = Callable[[Exception], None]

#: Stacks that `push` has seen, so an operation pushed onto one of them with a bare
#: `QUndoStack.push` can still find its place after a failed undo.
_known_stacks: weakref.WeakSet[QUndoStack] = weakref.WeakSet()


def tell_reviewer(error: Exception) -> None:
    """The default reporter: the one place that shows errors, over the active window."""
    show_error(QApplication.activeWindow(), error)


class Operation(QUndoCommand):
    """One undoable change applied through a service. Subclasses give `apply` and `revert`.

    `apply` does the change (the first time and on redo); `revert` undoes it. Each returns
    what to show afterwards. Neither should catch errors: this class does, in one place.
    """

    def __init__(
        self,
        text: str,
        *,
        changed: Listener | None = None,
        report: Reporter | None = None,
        resync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._changed = changed
        self._report: Reporter = report or tell_reviewer
        #: Called after a failure is reported, for a view that showed the change before the
        #: file had it (a combo box already moved, say) and should show the file again.
        self._resync = resync
        self._stack: QUndoStack | None = None
        self._first = True  # the first run happens in `push` or in Qt's push
        self._skip = False  # the next undo()/redo() is the stack putting its index back

    # -- to be provided: every subclass does (tests/ui/test_hooks_provided.py) --------
    def apply(self) -> object:
        raise NotImplementedError

    def revert(self) -> object:
        raise NotImplementedError

    # -- Qt's side -----------------------------------------------------------------------------
    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if self._first:  # a bare QUndoStack.push: Qt drops an obsolete command unpushed
            self._first = False
            try:
                shown = self.apply()
            except Exception as error:
                self.setObsolete(True)
                self._tell_later(error)
                return
            self._notify(Step.DONE, shown)
            return
        self._run(self.apply, Step.REDONE)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self.revert, Step.UNDONE)

    # -- the one place that handles what happened ----------------------------------------------
    def _run(self, step: Callable[[], object], which: Step) -> None:
        try:
            shown = step()
        except Exception as error:
            self._failed(error, undoing=which is Step.UNDONE)
            return
        self._notify(which, shown)

    def _notify(self, step: Step, shown: object) -> None:
        if self._changed is not None:
            self._changed(Change(step, shown))

    def _failed(self, error: Exception, *, undoing: bool) -> None:
        """The step did not happen: keep the stack's index where it was, and say so."""
        self._skip = True  # whatever the stack asks of this command next, nothing is to be done
        stack = self._stack if self._stack is not None else _find_stack(self)
        if stack is not None and shiboken6.isValid(stack) and not _restoring:
            position = _position(stack, self)
            if position is not None:
                _keep_index(stack, position + 1 if undoing else position, self)
        self._tell_later(error)

    def _tell_later(self, error: Exception) -> None:
        log.info("an undoable step did not happen (%s)", type(error).__name__)
        QTimer.singleShot(0, lambda: self._tell(error))

    def _tell(self, error: Exception) -> None:
        # The page that would say it may have gone meanwhile (the review locked): then the
        # one place that shows errors says it, and there is no view left to show again.
        if _alive(self._report):
            self._report(error)
        else:
            tell_reviewer(error)
        if self._resync is not None and _alive(self._resync):
            self._resync()


def _alive(callback: Callable[..., object]) -> bool:
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def track(stack: QUndoStack) -> QUndoStack:
    """Let operations pushed onto `stack` with a bare `QUndoStack.push` keep its index after a
    failed undo too (`push` does this for its own stacks); returns `stack`."""
    _known_stacks.add(stack)
    return stack


def push(stack: QUndoStack, operation: Operation, *, refused: Reporter | None = None) -> bool:
    """Do `operation` and put it on `stack`; True if it was done.

    If it cannot be done, neither the stack nor the file changes and the reviewer is told
    (through `refused` if given: a form shows a refused edit beside the field instead).
    """
    track(stack)
    operation._stack = stack
    operation._first = False
    try:
        shown = operation.apply()
    except Exception as error:
        log.info("an undoable step was refused (%s)", type(error).__name__)
        (refused or operation._report)(error)
        if operation._resync is not None:
            operation._resync()
        return False
    operation._skip = True  # Qt's push calls redo(): the change is made already
    stack.push(operation)  # Qt may merge it into the step before and delete it
    operation._skip = False
    operation._notify(Step.DONE, shown)
    return True


# -- keeping the index where it was -------------------------------------------------------------
_restoring = False


def _find_stack(operation: Operation) -> QUndoStack | None:
    for stack in list(_known_stacks):
        if shiboken6.isValid(stack) and _position(stack, operation) is not None:
            return stack
    return None


def _position(stack: QUndoStack, operation: QUndoCommand) -> int | None:
    """Where `operation` is on `stack` (the macro holding it counts as its place)."""

    def holds(command: QUndoCommand) -> bool:
        if command is operation:
            return True
        return any(holds(command.child(n)) for n in range(command.childCount()))

    for n in range(stack.count()):
        command = stack.command(n)
        if command is not None and holds(command):
            return n
    return None


def _keep_index(stack: QUndoStack, index: int, failed: Operation) -> None:
    """Put the index back to `index` as soon as Qt has moved it, skipping `failed`'s step."""

    def put_back(_moved: int) -> None:
        global _restoring
        stack.indexChanged.disconnect(put_back)
        if stack.index() == index:
            failed._skip = False
            return
        _restoring = True
        try:
            stack.setIndex(index)  # the other steps of a macro are done again, this one skips
        finally:
            _restoring = False
            failed._skip = False

    stack.indexChanged.connect(put_back)


# -- the common shapes ----------------------------------------------------------------------------
class Replace(Operation, Generic[T]):
    """Store `after`; undo stores `before` again. Edits with the same `merge_key`, one after
    another, merge into one step (typing in one field of one item, saved as it goes)."""

    MERGE_ID = 0x5250  # "RP"

    def __init__(
        self,
        text: str,
        save: Callable[[T], object],
        before: T,
        after: T,
        *,
        merge_key: Hashable | None = None,
        changed: Listener | None = None,
        report: Reporter | None = None,
        resync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, changed=changed, report=report, resync=resync)
        self._save = save
        self.before = before
        self.after = after
        self.merge_key = merge_key
        #: What the store made of `after` (the saved item, with its id).
        self.stored: object = None

    def _store(self, value: T) -> object:
        stored = self._save(value)
        return value if stored is None else stored

    def apply(self) -> object:
        self.stored = self._store(self.after)
        return self.stored

    def revert(self) -> object:
        return self._store(self.before)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Replace) or other.merge_key != self.merge_key:
            return False
        if self.merge_key is None or other.before not in (self.after, self.stored):
            return False  # something else changed it in between
        self.after, self.stored = other.after, other.stored
        if self.after == self.before:
            self.setObsolete(True)  # typed and typed back: no step at all
        return True


class Add(Operation, Generic[T, R]):
    """Add `thing`; undo removes it (keeping what `remove` returns), redo restores that, so
    the thing comes back with the same id."""

    def __init__(
        self,
        text: str,
        add: Callable[[T], T],
        remove: Callable[[T], R],
        restore: Callable[[R], object],
        thing: T,
        *,
        changed: Listener | None = None,
        report: Reporter | None = None,
        resync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, changed=changed, report=report, resync=resync)
        self._add, self._remove, self._restore = add, remove, restore
        self.thing = thing
        self.added: T | None = None
        self._removal: Any = None
        self._removed = False

    def apply(self) -> object:
        if self._removed:
            self._restore(self._removal)
            self._removed = False
        else:
            self.added = self._add(self.thing)
        return self.added

    def revert(self) -> object:
        assert self.added is not None
        self._removal = self._remove(self.added)
        self._removed = True
        return None


class Remove(Operation, Generic[T, R]):
    """Remove `thing`; undo restores it (from what `remove` returned), with the same id."""

    def __init__(
        self,
        text: str,
        remove: Callable[[T], R],
        restore: Callable[[R], object],
        thing: T,
        *,
        changed: Listener | None = None,
        report: Reporter | None = None,
        resync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, changed=changed, report=report, resync=resync)
        self._remove, self._restore = remove, restore
        self.thing = thing
        self._removal: Any = None

    def apply(self) -> object:
        self._removal = self._remove(self.thing)
        return None

    def revert(self) -> object:
        self._restore(self._removal)
        return self.thing


def returning(action: Callable[[T], object]) -> Callable[[T], T]:
    """`action`, made to hand back what it was given (for a `remove` that returns nothing)."""

    def run(thing: T) -> T:
        action(thing)
        return thing

    return run


class Batch(Operation):
    """Several operations done as one step, all or none: if one fails, those before it are
    undone again and the step is refused (or, on undo, redone and the undo refused)."""

    def __init__(
        self,
        text: str,
        steps: Sequence[Operation],
        *,
        changed: Listener | None = None,
        report: Reporter | None = None,
        resync: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text, changed=changed, report=report, resync=resync)
        self.steps = list(steps)

    @staticmethod
    def _all(steps: Sequence[Operation], forward: bool) -> None:
        done: list[Operation] = []
        try:
            for step in steps:
                step.apply() if forward else step.revert()
                done.append(step)
        except Exception:
            for step in reversed(done):  # put the file back as it was, as far as it will go
                try:
                    step.revert() if forward else step.apply()
                except Exception as also:
                    log.warning("a step could not be put back (%s)", type(also).__name__)
            raise

    def apply(self) -> object:
        self._all(self.steps, forward=True)
        return None

    def revert(self) -> object:
        self._all(list(reversed(self.steps)), forward=False)
        return None
