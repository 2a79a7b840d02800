"""Writing the report's sections on the Report page: saved as typed, on switching section and on
locking, undoable, marked written in the list, and shown in the preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.reporting.sections import MAX_SECTION_TEXT
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.transfer import fill_review
from reviewer_app.wiring import open_services, report_service
from tests.helpers.reviews import new_review
from ui.report.page import ReportPage
from ui.report.section_editor import FILLED_IN, TO_WRITE, WRITTEN
from ui.tasks import ImmediateTaskRunner


@pytest.fixture
def services(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    opened = open_services(new_review(tmp_path / "r.review", app_paths))
    yield opened
    opened.close()


def make_page(qtbot: QtBot, services: ReviewServices) -> tuple[ReportPage, QUndoStack]:
    stack = QUndoStack()
    page = ReportPage(
        report_service(services),
        ImmediateTaskRunner(),
        writing=services.report_text,
        undo_stack=stack,
    )
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page, stack


def _items(page: ReportPage) -> list[str]:
    assert page.editor is not None
    listed = page.editor.section_list
    return [listed.item(n).text() for n in range(listed.count())]


def _preview_of(page: ReportPage, key: str) -> str:
    assert page.preview_data is not None
    keys = [s.key for s in page.preview_data.report.sections]
    page.outline.setCurrentRow(keys.index(key))
    return page.preview.toPlainText()


def test_the_list_offers_the_templates_sections_to_write_and_marks_them(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, _ = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    items = _items(page)
    assert items[0] == f"Executive summary ({TO_WRITE})"
    assert f"Conclusions ({TO_WRITE})" in items
    assert not any(i.startswith(("Findings", "Chronology", "Glossary")) for i in items)
    assert editor.count.text() == f"0 of {len(items)} written, {len(items)} still to write."
    assert not any(i.startswith("Terms of reference") for i in items)  # the review's details
    assert editor.editor.isEnabled()
    assert editor.editor.accessibleName() == "Text of the section"
    assert editor.section_list.accessibleName() == "Sections you write"
    assert editor.guidance.text() == editor.sections[0].prompt != ""
    accessible = editor.section_list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == f"Executive summary, {TO_WRITE}"


def test_a_section_the_report_fills_from_the_review_is_not_counted_as_still_to_write(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths
) -> None:
    review = new_review(tmp_path / "demo.review", app_paths)
    fill_review(review, build_demo(40))  # findings with questions, and six sections written
    services = open_services(review)
    try:
        page, _ = make_page(qtbot, services)
        items = _items(page)
        questions = "Questions for the safeguarding partners"
        assert f"{questions} ({FILLED_IN})" in items  # the table from the findings
        assert f"Executive summary ({WRITTEN})" in items
        assert page.editor is not None
        assert page.editor.count.text() == (
            f"6 of {len(items)} written, {len(items) - 7} still to write, "
            "1 filled in from the review."
        )
        outline = [page.outline.item(n).text() for n in range(page.outline.count())]
        assert "4. Methodology and governance (part to write)" in outline  # its governance
        assert "1. Executive summary" in outline  # written: nothing to say
        row = outline.index("13. Improvements already made (to write)")
        spoken = page.outline.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
        assert spoken == "13. Improvements already made, to write"
        assert "7 with something still to write" in page.summary.text()
        page.clear()
    finally:
        services.close()


def test_typed_text_is_saved_after_a_pause_and_the_preview_follows(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, stack = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Eight agencies knew Child M.")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.editor, "Each saw part of the picture.")
    qtbot.waitUntil(
        lambda: (
            services.report_text.texts().get("executive-summary")
            == "Eight agencies knew Child M.\n\nEach saw part of the picture."
        ),
        timeout=3000,
    )
    assert stack.count() == 1  # one step for one session of typing
    assert _items(page)[0] == f"Executive summary ({WRITTEN})"
    assert editor.state.text() == "All changes saved"
    qtbot.waitUntil(lambda: not page.preview_timer.isActive(), timeout=3000)
    text = _preview_of(page, "executive-summary")
    assert "Eight agencies knew Child M." in text and "Each saw part of the picture." in text
    assert "For the reviewer" not in text
    assert "(to write)" not in page.outline.item(page.outline.currentRow()).text()


def test_switching_section_saves_at_once_and_shows_the_new_sections_text(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, _ = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    editor.editor.setPlainText("")  # the page's own clearing is not typing
    qtbot.keyClicks(editor.editor, "Summary typed")
    conclusions = [s.key for s in editor.sections].index("conclusions")
    editor.section_list.setCurrentRow(conclusions)  # before the pause is over
    assert services.report_text.texts() == {"executive-summary": "Summary typed"}
    assert editor.editor.toPlainText() == ""
    assert "Conclusions" in editor.editor_label.text()
    assert editor.current_key() == "conclusions"
    editor.section_list.setCurrentRow(0)
    assert editor.editor.toPlainText() == "Summary typed"


def test_undo_and_redo_go_through_the_file_and_the_editor_shows_them(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, stack = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    qtbot.keyClicks(editor.editor, "First words")
    assert editor.flush()
    conclusions = [s.key for s in editor.sections].index("conclusions")
    editor.section_list.setCurrentRow(conclusions)
    qtbot.keyClicks(editor.editor, "Conclusions written")
    assert editor.flush()
    assert stack.count() == 2

    stack.undo()
    assert services.report_text.texts() == {"executive-summary": "First words"}
    assert editor.editor.toPlainText() == ""
    assert f"Conclusions ({TO_WRITE})" in _items(page)
    stack.undo()
    assert services.report_text.texts() == {}
    assert editor.current_key() == "executive-summary"  # the undone section is shown
    assert editor.editor.toPlainText() == ""
    stack.redo()
    assert editor.editor.toPlainText() == "First words"
    assert _items(page)[0] == f"Executive summary ({WRITTEN})"


def test_locking_saves_what_was_typed_then_blanks_the_editor(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, _ = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    qtbot.keyClicks(editor.editor, "Typed just before the lock")
    page.clear()  # what the workspace does before locking or closing
    assert services.report_text.texts() == {"executive-summary": "Typed just before the lock"}
    assert editor.editor.toPlainText() == "" and not editor.editor.isEnabled()
    assert page.outline.count() == 0 and page.preview.toPlainText() == ""


def test_hiding_the_page_saves_what_was_typed(qtbot: QtBot, services: ReviewServices) -> None:
    page, _ = make_page(qtbot, services)
    assert page.editor is not None
    qtbot.keyClicks(page.editor.editor, "Typed, then another page")
    page.hide()
    assert services.report_text.texts() == {"executive-summary": "Typed, then another page"}
    assert not page.preview_timer.isActive()  # nothing built while the page is away
    page.show()  # back on the page: the preview is built again with the text
    assert "Typed, then another page" in _preview_of(page, "executive-summary")


def test_a_text_too_long_is_shown_as_a_problem_and_keeps_the_section_in_view(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, stack = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    editor.editor.setPlainText("x" * (MAX_SECTION_TEXT + 1))  # pasted, say
    editor.autosave.note_change()
    assert not editor.flush()
    assert "can hold up to" in editor.problem.text()
    assert editor.state.text().startswith("Not saved")
    editor.section_list.setCurrentRow(3)
    assert editor.current_key() == "executive-summary"  # not left: the text would be lost
    assert len(editor.editor.toPlainText()) == MAX_SECTION_TEXT + 1
    assert services.report_text.texts() == {} and stack.count() == 0
    editor.editor.setPlainText("Shorter")
    editor.autosave.note_change()
    assert editor.flush()
    assert services.report_text.texts() == {"executive-summary": "Shorter"}
    assert editor.problem.text() == ""


def test_another_template_keeps_the_section_being_written(
    qtbot: QtBot, services: ReviewServices
) -> None:
    page, _ = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    conclusions = [s.key for s in editor.sections].index("conclusions")
    editor.section_list.setCurrentRow(conclusions)
    qtbot.keyClicks(editor.editor, "Kept across templates")
    page.template.setCurrentIndex(page.template.findData("silp"))
    assert services.report_text.texts() == {"conclusions": "Kept across templates"}
    assert editor.current_key() == "conclusions"
    assert editor.editor.toPlainText() == "Kept across templates"
    assert "Recommendations" in " ".join(_items(page))  # the SILP template's own titles


def test_the_keyboard_reaches_the_list_and_the_text(qtbot: QtBot, services: ReviewServices) -> None:
    from tests.ui.test_keyboard import mnemonics

    page, _ = make_page(qtbot, services)
    editor = page.editor
    assert editor is not None
    letters = mnemonics(page)  # every labelled field has its buddy
    assert letters.count("o") == 1 and letters.count("x") == 1
    buddies = {label.text(): label.buddy() for label in page.findChildren(QLabel) if label.buddy()}
    assert buddies["Secti&ons to write:"] is editor.section_list
    assert buddies["Te&xt of “Executive summary”:"] is editor.editor
    editor.section_list.setFocus()
    qtbot.keyClick(editor.section_list, Qt.Key.Key_Down)
    assert editor.current_key() == editor.sections[1].key
    assert "Introduction" in editor.editor_label.text()
    editor.editor.setFocus()
    qtbot.keyClick(editor.editor, Qt.Key.Key_Tab)  # Tab moves on rather than typing a tab
    assert "\t" not in editor.editor.toPlainText()
