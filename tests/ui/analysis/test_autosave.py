"""Nothing typed is lost (DESIGN.md, promise 2): the form pages save as the reviewer works.

For People, Conversations, Key practice episodes and Findings: text typed into a field is in the
file (read back through a repository of its own) after the reviewer picks another item, after
the page is hidden (another page shown), and after the page is blanked for locking; each save is
one undoable step, and undo puts the earlier text back in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPlainTextEdit

from reviewer_app.people.model import PersonKind
from storage.analysis_repository import SqlAnalysis
from storage.people_repository import SqlPeople
from tests.reviewer_app.analysis.workbench import Workbench
from tests.ui.analysis import benches
from tests.ui.support import Shown
from ui.analysis.conversations_page import ConversationsPage
from ui.analysis.episodes_page import EpisodesPage
from ui.analysis.fields import select
from ui.analysis.findings_page import FindingsPage
from ui.analysis.master_detail import SAVED, SAVING, MasterDetailPage
from ui.people.page import PeoplePage
from ui.tasks import ImmediateTaskRunner, ThreadTaskRunner

demo_bench = benches.demo_bench
empty_bench = benches.empty_bench
undo_stack = benches.undo_stack


@dataclass(frozen=True)
class Form:
    """One form page, the text field typed into, and how to read that field from the file."""

    name: str
    make: Callable[[Workbench, QUndoStack], MasterDetailPage]
    field: str
    stored: Callable[[Workbench, int], str]


_KEEP: list[PeoplePage] = []  # the tab holding the people list lives as long as the test


def _people(bench: Workbench, stack: QUndoStack) -> MasterDetailPage:
    holder = PeoplePage(bench.people, stack, ImmediateTaskRunner())
    _KEEP.append(holder)
    return holder.people


def _analysis(bench: Workbench) -> SqlAnalysis:
    return SqlAnalysis(lambda: bench.review.file.engine)  # a repository of its own


FORMS = [
    Form(
        "people",
        _people,
        "access",
        lambda b, n: next(
            p.access_needs for p in SqlPeople(lambda: b.review.file.engine).people() if p.id == n
        ),
    ),
    Form(
        "conversations",
        lambda b, s: ConversationsPage(b.analysis, s, ImmediateTaskRunner()),
        "notes",
        lambda b, n: next(c.notes for c in _analysis(b).conversations() if c.id == n),
    ),
    Form(
        "episodes",
        lambda b, s: EpisodesPage(b.analysis, s, ImmediateTaskRunner()),
        "narrative",
        lambda b, n: next(e.narrative for e in _analysis(b).episodes() if e.id == n),
    ),
    Form(
        "findings",
        lambda b, s: FindingsPage(b.analysis, s, ImmediateTaskRunner()),
        "how",
        lambda b, n: next(f.how_it_showed for f in _analysis(b).findings() if f.id == n),
    ),
]


def _shown(qtbot, page: MasterDetailPage) -> MasterDetailPage:  # type: ignore[no-untyped-def]
    top = page.window()
    qtbot.addWidget(top)
    top.resize(1100, 760)
    top.show()
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    page.reload()
    return page


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_typing_is_kept_on_moving_on_hiding_and_locking(  # type: ignore[no-untyped-def]
    qtbot, demo_bench: Workbench, undo_stack: QUndoStack, form: Form, message_boxes: list[Shown]
) -> None:
    page = _shown(qtbot, form.make(demo_bench, undo_stack))
    field = getattr(page, form.field)
    assert isinstance(field, QPlainTextEdit)
    assert len(page.items) >= 2

    def type_into(words: str) -> int:
        item_id = page.item_id(page.current)
        assert item_id is not None
        field.setFocus()
        field.moveCursor(field.textCursor().MoveOperation.End)
        qtbot.keyClicks(field, words)
        assert page.saved_state.text() == SAVING
        return item_id

    # another item
    first = type_into(" Typed before moving on.")
    page.list.setCurrentRow(1)
    assert page.item_id(page.current) != first
    assert form.stored(demo_bench, first).endswith(" Typed before moving on.")

    # another page (this one hidden)
    second = type_into(" Typed before leaving the page.")
    page.window().hide()
    assert form.stored(demo_bench, second).endswith(" Typed before leaving the page.")
    page.window().show()
    assert field.toPlainText().endswith(" Typed before leaving the page.")
    assert page.saved_state.text() == SAVED

    # locking (the workspace blanks every page)
    type_into(" Typed before the lock.")
    page.window().clear()  # type: ignore[attr-defined]
    assert page.current is None and field.toPlainText() == "" and page.list.count() == 0
    assert form.stored(demo_bench, second).endswith(
        " Typed before leaving the page. Typed before the lock."
    )
    assert message_boxes == []
    assert undo_stack.count() == 3  # one undoable step each
    undo_stack.undo()
    assert form.stored(demo_bench, second).endswith(" Typed before leaving the page.")


def test_a_pause_saves_typing_and_undo_puts_the_earlier_text_back(  # type: ignore[no-untyped-def]
    qtbot, demo_bench: Workbench, undo_stack: QUndoStack
) -> None:
    page = _shown(qtbot, FindingsPage(demo_bench.analysis, undo_stack, ImmediateTaskRunner()))
    finding = page.current
    before = finding.how_it_showed
    page.how.setFocus()
    page.how.moveCursor(page.how.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.how, " First thought.")
    qtbot.waitUntil(lambda: page.saved_state.text() == SAVED, timeout=3000)  # the pause
    stored = next(f for f in _analysis(demo_bench).findings() if f.id == finding.id)
    assert stored.how_it_showed == before + " First thought."
    qtbot.keyClicks(page.how, " Second thought.")
    qtbot.waitUntil(lambda: page.saved_state.text() == SAVED, timeout=3000)
    assert undo_stack.count() == 1  # both pauses, one step: "Edit finding"
    # a choice is saved at once, as its own step
    page.priority.setCurrentIndex((page.priority.currentIndex() + 1) % page.priority.count())
    qtbot.waitUntil(lambda: undo_stack.count() == 2, timeout=3000)

    undo_stack.undo()
    undo_stack.undo()
    stored = next(f for f in _analysis(demo_bench).findings() if f.id == finding.id)
    assert stored == finding
    assert page.how.toPlainText() == before  # the form shows the file again
    undo_stack.redo()
    assert page.how.toPlainText() == before + " First thought. Second thought."


def test_the_first_edit_of_a_blank_form_adds_the_item_and_later_ones_change_it(  # type: ignore[no-untyped-def]
    qtbot, empty_bench: Workbench, undo_stack: QUndoStack, message_boxes: list[Shown]
) -> None:
    page = _shown(qtbot, _people(empty_bench, undo_stack))
    page.new()
    select(page.kind, PersonKind.PRACTITIONER)  # not yet a person: the pseudonym is missing
    qtbot.waitUntil(lambda: "needs a pseudonym" in page.problem.text(), timeout=3000)
    assert empty_bench.people.people() == [] and undo_stack.count() == 0
    assert message_boxes == []

    qtbot.keyClicks(page.pseudonym, "Health Visitor 1")
    assert page.flush()
    (added,) = empty_bench.people.people()
    assert added.kind is PersonKind.PRACTITIONER and added.pseudonym == "Health Visitor 1"
    assert not page.problem.isVisibleTo(page)
    page.real_name.setFocus()
    qtbot.keyClicks(page.real_name, "Priya Nandra")
    page.pseudonym.setFocus()  # leaving the field saves it
    assert empty_bench.people.person(added.id or 0).real_name == "Priya Nandra"
    assert [undo_stack.text(n) for n in range(undo_stack.count())] == [
        "Add person",
        "Edit person",
    ]
    page.pseudonym.clear()  # a required field emptied: the saved one stays, and it is said
    assert page.flush() is False and "cannot be left empty" in page.problem.text()
    assert empty_bench.people.person(added.id or 0).pseudonym == "Health Visitor 1"

    undo_stack.undo()
    undo_stack.undo()
    assert empty_bench.people.people() == []
    undo_stack.redo()
    assert empty_bench.people.people() == [added]  # back with the same id


def test_typing_on_while_a_save_is_read_back_on_a_worker_is_kept(  # type: ignore[no-untyped-def]
    qtbot, demo_bench: Workbench, undo_stack: QUndoStack
) -> None:
    runner = ThreadTaskRunner()
    page = ConversationsPage(demo_bench.analysis, undo_stack, runner)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.current is not None)
    conversation = page.current
    page.notes.setFocus()
    page.notes.moveCursor(page.notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.notes, " Saved.")
    assert page.flush()  # the page reads itself back on a worker...
    qtbot.keyClicks(page.notes, " Typed meanwhile.")  # ...while the reviewer types on
    runner.wait_for_done()
    qtbot.wait(50)  # the read lands
    assert page.notes.toPlainText().endswith(" Saved. Typed meanwhile.")
    assert page.autosave.touched
    page.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: page.item_id(page.current) != conversation.id)
    stored = next(c for c in _analysis(demo_bench).conversations() if c.id == conversation.id)
    assert stored.notes.endswith(" Saved. Typed meanwhile.")
    runner.wait_for_done()
    qtbot.wait(50)
    assert page.item_id(page.current) != conversation.id  # the late read does not pull it back
