"""Conversation guides are editable per review, with undo, and only records started afterwards
follow the edited questions."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from tests.reviewer_app.analysis.workbench import Workbench
from tests.ui.analysis import benches
from tests.ui.support import visible_dialog
from ui.analysis.conversations_page import ConversationsPage
from ui.analysis.guide_dialog import GuideDialog
from ui.tasks import ImmediateTaskRunner

demo_bench = benches.demo_bench


def test_editing_a_guide_changes_new_records_and_can_be_undone(
    qtbot,
    demo_bench: Workbench,  # type: ignore[no-untyped-def]
) -> None:
    undo = QUndoStack()
    page = ConversationsPage(demo_bench.analysis, undo, ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    before = demo_bench.analysis.guides()[0]

    page.edit_guides.click()
    dialog = visible_dialog(page, GuideDialog)
    assert isinstance(dialog, GuideDialog)
    dialog.title_field.setText("Practitioner conversation (our version)")
    dialog.questions.setPlainText(
        dialog.questions.toPlainText() + "\nWhat would you do differently now?"
    )
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()

    after = demo_bench.analysis.guides()[0]
    assert after.title == "Practitioner conversation (our version)"
    assert after.questions[-1].text == "What would you do differently now?"
    assert [q.key for q in after.questions[: len(before.questions)]] == [
        q.key for q in before.questions
    ]
    record = demo_bench.analysis.blank_record(after.key)
    assert record[-1].question == "What would you do differently now?"

    undo.undo()
    assert demo_bench.analysis.guides()[0] == before
    undo.redo()
    assert demo_bench.analysis.guides()[0] == after
