"""The one undo path (`ui.operations`) on a real encrypted review: a step that cannot be done,
undone or redone leaves both the undo stack and the file as they were, and the reviewer is told.

The review is locked underneath (its file closed, as the idle lock does), then unlocked again by
opening the same file afresh; the file is read back through a new repository each time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from reviewer_app.paths import AppPaths
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.services.people import PeopleService
from storage.library import StoredReview
from storage.people_repository import SqlPeople
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import Shown
from ui.operations import Add, Batch, Change, Replace, Step, push, track


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> Iterator[StoredReview]:
    made = new_review(tmp_path / "ops.review", app_paths)
    yield made
    made.close()


def _service(review: StoredReview) -> PeopleService:
    return PeopleService(SqlPeople(lambda: review.file.engine), review.chronology)


def _in_file(review: StoredReview) -> list[str]:
    """The pseudonyms the file holds, read through a repository of its own."""
    return sorted(p.pseudonym for p in SqlPeople(lambda: review.file.engine).people())


def _unlock(review: StoredReview, app_paths: AppPaths) -> None:
    """Open the file again, as unlocking does; the services over `review` work again."""
    review.file = review_files(app_paths).open(review.path, passphrase=PASSPHRASE).file


def _add(service: PeopleService, pseudonym: str, heard: list[Change]) -> Add[Person, object]:
    return Add(
        f"Add {pseudonym}",
        service.save_person,
        lambda person: service.delete_person(person.id or 0),
        service.restore_person,
        Person(PersonKind.FAMILY, pseudonym),
        changed=heard.append,
    )


def test_a_failed_undo_or_redo_changes_neither_the_stack_nor_the_file(  # type: ignore[no-untyped-def]
    qtbot, review: StoredReview, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:
    service = _service(review)
    stack = QUndoStack()
    heard: list[Change] = []
    add = _add(service, "Mother", heard)
    assert push(stack, add)
    assert add.added is not None
    mother = add.added
    assert push(
        stack,
        Replace("Edit", service.save_person, mother, mother.with_changes(pseudonym="Mum"),
                changed=heard.append),
    )  # fmt: skip
    assert [c.step for c in heard] == [Step.DONE, Step.DONE]
    assert (stack.index(), stack.count(), _in_file(review)) == (2, 2, ["Mum"])

    review.close()  # locked underneath
    stack.undo()
    assert (stack.index(), stack.count(), stack.undoText()) == (2, 2, "Edit")
    assert not stack.canRedo()
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert message_boxes[0].title == "The review is locked"
    assert "Error calling Python override" not in message_boxes[0].text
    assert len(heard) == 2  # nothing changed, so nothing to show again

    _unlock(review, app_paths)
    assert _in_file(review) == ["Mum"]
    stack.undo()  # once the review is open again, the same step can be undone
    assert (stack.index(), _in_file(review)) == (1, ["Mother"])
    assert heard[-1] == Change(Step.UNDONE, mother)

    review.close()
    stack.redo()
    assert (stack.index(), stack.count(), stack.redoText()) == (1, 2, "Edit")
    qtbot.waitUntil(lambda: len(message_boxes) == 2)
    assert message_boxes[1].title == "The review is locked"

    _unlock(review, app_paths)
    assert _in_file(review) == ["Mother"]
    stack.redo()
    assert (stack.index(), _in_file(review)) == (2, ["Mum"])
    stack.undo()
    stack.undo()  # the person goes; redo brings back the same person, with the same id
    assert (stack.index(), _in_file(review)) == (0, [])
    stack.redo()
    assert _service(review).person(mother.id or 0) == mother


def test_a_refused_step_is_not_pushed_and_keeps_the_redo_steps(  # type: ignore[no-untyped-def]
    qtbot, review: StoredReview, message_boxes: list[Shown]
) -> None:
    service = _service(review)
    stack = QUndoStack()
    heard: list[Change] = []
    assert push(stack, _add(service, "Mother", heard))
    assert push(stack, _add(service, "Father", heard))
    stack.undo()
    assert (stack.index(), stack.count()) == (1, 2)

    refused: list[Exception] = []
    assert not push(stack, _add(service, "mother", heard), refused=refused.append)
    assert "already the pseudonym" in str(refused[0])  # told through the form's own reporter
    assert (stack.index(), stack.count(), stack.redoText()) == (1, 2, "Add Father")
    assert _in_file(review) == ["Mother"]
    assert message_boxes == []

    assert not push(stack, _add(service, "MOTHER", heard))  # no reporter given: a message
    assert message_boxes[-1].title == "Please check what you entered"
    stack.redo()
    assert _in_file(review) == ["Father", "Mother"]


def test_a_batch_is_all_or_nothing_and_a_failed_undo_keeps_its_place(  # type: ignore[no-untyped-def]
    qtbot, review: StoredReview, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:
    service = _service(review)
    stack = QUndoStack()
    heard: list[Change] = []
    # The second addition is refused (the same pseudonym): the first is taken away again.
    refused = Batch("Add two", [_add(service, "Mother", heard), _add(service, "mother", heard)])
    assert not push(stack, refused)
    assert (stack.count(), _in_file(review)) == (0, [])

    assert push(
        stack, Batch("Add two", [_add(service, "Mother", heard), _add(service, "Dad", heard)])
    )
    assert push(stack, _add(service, "Child Q", heard))
    stack.undo()
    assert (stack.index(), _in_file(review)) == (1, ["Dad", "Mother"])

    review.close()
    stack.undo()  # the batch cannot be undone while the review is locked
    assert (stack.index(), stack.count(), stack.undoText()) == (1, 2, "Add two")
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    _unlock(review, app_paths)
    assert _in_file(review) == ["Dad", "Mother"]
    stack.undo()
    assert (stack.index(), _in_file(review)) == (0, [])


class Flaky:
    """A store that can be made to fail, like a file locked underneath."""

    def __init__(self) -> None:
        self.value = 0
        self.failing = False
        self.calls = 0

    def save(self, value: int) -> None:
        self.calls += 1
        if self.failing:
            raise OSError("disk full")
        self.value = value


def test_operations_pushed_the_bare_qt_way_keep_the_same_promises(  # type: ignore[no-untyped-def]
    qtbot, message_boxes: list[Shown]
) -> None:
    store = Flaky()
    resynced: list[bool] = []
    stack = QUndoStack()
    stack.push(Replace("Set 1", store.save, 0, 1, resync=lambda: resynced.append(True)))
    store.failing = True
    stack.push(Replace("Set 2", store.save, 1, 2, resync=lambda: resynced.append(True)))
    assert (stack.count(), stack.index(), store.value) == (1, 1, 1)  # dropped: it did not happen
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert message_boxes[0].title == "SCR Reviewer met an unexpected problem"  # not a known error
    assert resynced == [True]  # the page shows the file again

    # A stack `push` has never seen: a failed undo cannot put the index back, but the step
    # remembers it is still done, so redoing it changes nothing and the two agree again.
    stack.undo()
    assert (stack.index(), store.value) == (0, 1)
    calls = store.calls
    stack.redo()
    assert (stack.index(), store.value, store.calls) == (1, 1, calls)
    store.failing = False
    stack.undo()
    assert (stack.index(), store.value) == (0, 0)

    # Once the stack is known (as the window's is), a failed undo keeps the index as well.
    tracked = track(QUndoStack())
    tracked.push(Replace("Set 3", store.save, 0, 3))
    store.failing = True
    tracked.undo()
    assert (tracked.index(), tracked.count(), store.value) == (1, 1, 3)
