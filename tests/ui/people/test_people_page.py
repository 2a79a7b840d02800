from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from reviewer_app.people.model import InvolvementStep, PersonKind
from tests.reviewer_app.analysis.workbench import Workbench
from tests.ui.analysis import benches
from tests.ui.analysis.accessibility import unnamed_controls
from ui.analysis.fields import select
from ui.people.page import PeoplePage
from ui.tasks import ImmediateTaskRunner

demo_bench = benches.demo_bench
empty_bench = benches.empty_bench
undo_stack = benches.undo_stack


def _page(qtbot, bench: Workbench, undo_stack: QUndoStack) -> PeoplePage:  # type: ignore[no-untyped-def]
    page = PeoplePage(bench.people, undo_stack, ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    page.reload()
    return page


def test_add_a_practitioner_with_a_pseudonym_undo_and_redo(  # type: ignore[no-untyped-def]
    qtbot, empty_bench: Workbench, undo_stack: QUndoStack
) -> None:
    page = _page(qtbot, empty_bench, undo_stack)
    people = page.people
    people.new()
    select(people.kind, PersonKind.PRACTITIONER)
    people.pseudonym.setText("Health Visitor 1")
    people.real_name.setText("Priya Nandra")
    people.job_title.setText("Health visitor")
    people.agency.setCurrentIndex(
        people.agency.findText("Northshire Community Health (Health Visiting)")
    )
    assert people.flush()  # what the form saves as the reviewer works, at once
    (stored,) = empty_bench.people.people()
    assert (stored.pseudonym, stored.real_name, stored.kind) == (
        "Health Visitor 1", "Priya Nandra", PersonKind.PRACTITIONER,
    )  # fmt: skip
    assert stored.agency_id is not None
    assert people.list.count() == 1 and "Health Visitor 1" in people.list.item(0).text()
    assert people.current == stored

    select(people.step, InvolvementStep.INVITED)
    people.step_date.setText("25/03/2026")
    people.step_note.setText("Through the designated nurse")
    people.add_step.click()
    assert [e.step for e in empty_bench.people.involvement(stored.id or 0)] == [
        InvolvementStep.INVITED
    ]
    assert people.log.rowCount() == 1

    undo_stack.undo()  # the log step
    undo_stack.undo()  # the person
    assert empty_bench.people.people() == [] and people.list.count() == 0
    undo_stack.redo()
    assert empty_bench.people.people() == [stored]


def test_a_bad_date_is_shown_beside_the_form_and_the_rest_is_saved(  # type: ignore[no-untyped-def]
    qtbot, demo_bench: Workbench, undo_stack: QUndoStack, message_boxes
) -> None:
    page = _page(qtbot, demo_bench, undo_stack)
    people = page.people
    first = people.current
    people.real_name.setText("Someone Else")
    people.date_of_birth.setText("31/02/1990")
    people.list.setCurrentRow(2)  # try to move on: asked, "No" (the default), so it stays
    (asked,) = message_boxes
    assert asked.kind == "question" and "not a date" in asked.text
    assert people.current.id == first.id and people.list.currentRow() == 0
    assert "not a date" in people.problem.text() and people.problem.isVisibleTo(people)
    assert people.date_of_birth.text() == "31/02/1990"  # the text stays to be put right
    stored = demo_bench.people.person(first.id)
    assert stored.real_name == "Someone Else" and stored.date_of_birth == first.date_of_birth

    people.date_of_birth.setText("28/02/1990")
    people.list.setCurrentRow(2)
    assert people.list.currentRow() == 2 and not people.problem.isVisibleTo(people)
    assert demo_bench.people.person(first.id).date_of_birth is not None
    assert len(message_boxes) == 1


def test_agencies_tab_shows_what_is_overdue_and_every_control_is_named(  # type: ignore[no-untyped-def]
    qtbot, demo_bench: Workbench, undo_stack: QUndoStack
) -> None:
    page = _page(qtbot, demo_bench, undo_stack)
    texts = [page.agencies.list.item(n).text() for n in range(page.agencies.list.count())]
    assert any("Northshire General Hospital" in t and "Overdue: agency report" in t for t in texts)
    assert page.people.list.count() == 9
    assert unnamed_controls(page) == []


def test_leaving_anyway_drops_only_what_cannot_be_saved(  # type: ignore[no-untyped-def]
    qtbot, demo_bench: Workbench, undo_stack: QUndoStack, monkeypatch, message_boxes
) -> None:
    page = _page(qtbot, demo_bench, undo_stack)
    people = page.people
    first = people.current
    people.team.setText("Duty team")
    people.date_of_birth.setText("sometime")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *args: QMessageBox.StandardButton.Yes)
    )
    people.list.setCurrentRow(1)
    assert people.list.currentRow() == 1 and not people.problem.isVisibleTo(people)
    stored = demo_bench.people.person(first.id)
    assert stored.team == "Duty team" and stored.date_of_birth == first.date_of_birth

    people.new()  # a blank form, touched and put back as it was: no question, nothing saved
    select(people.kind, PersonKind.PRACTITIONER)
    select(people.kind, PersonKind.FAMILY)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(_no_question))
    people.list.setCurrentRow(0)
    assert people.list.currentRow() == 0 and len(demo_bench.people.people()) == 9


def _no_question(*args: object) -> object:
    raise AssertionError("nothing needed asking")
