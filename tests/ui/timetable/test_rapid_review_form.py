"""The rapid review tab of the Timetable page: saved as the reviewer types, one undo step each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from tests.helpers.reviews import new_services
from ui.tasks import ImmediateTaskRunner
from ui.timetable.page import TimetablePage
from ui.timetable.rapid_review_form import SAVED


def _page(qtbot, services: ReviewServices, stack: QUndoStack) -> TimetablePage:  # type: ignore[no-untyped-def]
    page = TimetablePage(
        services.timetable, stack, ImmediateTaskRunner(), rapid_review=services.rapid_review
    )
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.show_rapid_review()
    return page


def test_typing_is_saved_and_undo_puts_it_back(qtbot, tmp_path: Path, app_paths: AppPaths) -> None:  # type: ignore[no-untyped-def]
    services = new_services(tmp_path / "x.review", app_paths)
    stack = QUndoStack()
    page = _page(qtbot, services, stack)
    form = page.rapid_review
    assert form is not None and form.facts.isEnabled()

    form.facts.setFocus()
    qtbot.keyClicks(form.facts, "Child admitted with a head injury.")
    # saved once typing pauses, with no Save button
    qtbot.waitUntil(lambda: services.rapid_review.record().facts != "", timeout=5000)
    assert services.rapid_review.record().facts == "Child admitted with a head injury."
    assert form.state.text() == SAVED
    assert stack.count() == 1  # the whole run of typing is one step

    form.decision.setCurrentIndex(form.decision.findData(Decision.LCSPR.value))  # saved at once
    qtbot.waitUntil(lambda: services.rapid_review.record().decision is Decision.LCSPR)
    assert stack.count() == 2
    form.sent_to_panel.setText("30/01/2026")
    assert form.flush()
    assert services.rapid_review.record().sent_to_panel == dt.date(2026, 1, 30)

    stack.undo()
    assert services.rapid_review.record().sent_to_panel is None
    assert form.sent_to_panel.text() == ""
    stack.undo()
    assert services.rapid_review.record().decision is Decision.NOT_DECIDED
    assert form.decision.currentData() == Decision.NOT_DECIDED.value
    stack.undo()
    assert services.rapid_review.record() == RapidReview()
    assert form.facts.toPlainText() == ""
    stack.redo()
    assert form.facts.toPlainText() == "Child admitted with a head injury."
    services.close()


def test_a_date_that_is_not_a_date_is_shown_and_the_rest_is_saved(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    services = new_services(tmp_path / "x.review", app_paths)
    page = _page(qtbot, services, QUndoStack())
    form = page.rapid_review
    assert form is not None
    form.national_importance.setCurrentIndex(form.national_importance.findData("yes"))
    form.sent_to_panel.setText("31/02/2026")
    assert not form.flush()
    assert "'31/02/2026' is not a date" in form.problem.text()
    saved = services.rapid_review.record()
    assert saved.national_importance is Answer.YES and saved.sent_to_panel is None
    assert form.sent_to_panel.text() == "31/02/2026"  # left for the reviewer to put right
    services.close()


def test_the_demo_rapid_review_is_shown_and_every_field_is_named(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_keyboard import assert_unique, mnemonics

    services = new_services(tmp_path / "x.review", app_paths)
    services.rapid_review.save(RapidReview(facts="Facts", decision=Decision.OTHER_REVIEW))
    page = _page(qtbot, services, QUndoStack())
    form = page.rapid_review
    assert form is not None
    assert form.facts.toPlainText() == "Facts"
    assert form.decision.currentText() == Decision.OTHER_REVIEW.label
    assert "Still to write for the Panel" in form.missing.text()
    for kind in (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox):
        for widget in form.findChildren(kind):
            if not widget.objectName().startswith("qt_") and widget.isVisibleTo(page):
                assert widget.accessibleName(), f"{kind.__name__} without a name"
    assert_unique(mnemonics(page))
    page.hide()  # leaving the page keeps what was typed
    form.facts.setPlainText("Facts, and more")
    page.clear()
    assert services.rapid_review.record().facts == "Facts, and more"
    assert not form.facts.isEnabled()
    services.close()


def test_the_tab_is_reached_by_keyboard(qtbot, tmp_path: Path, app_paths: AppPaths) -> None:  # type: ignore[no-untyped-def]
    services = new_services(tmp_path / "x.review", app_paths)
    page = _page(qtbot, services, QUndoStack())
    page.tabs.setCurrentIndex(0)
    assert page.tabs.tabText(1).replace("&", "") == "Rapid review"
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Right)
    assert page.tabs.currentWidget() is page.rapid_review
    services.close()


def test_the_rapid_review_exports_for_the_panel_and_starts_the_terms(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths, monkeypatch
) -> None:
    from dataclasses import replace

    from docx import Document

    from reviewer_app.services.review_details import ReviewFacts
    from ui.timetable import rapid_review_actions

    services = new_services(tmp_path / "x.review", app_paths)
    stack = QUndoStack()
    page = TimetablePage(
        services.timetable,
        stack,
        ImmediateTaskRunner(),
        rapid_review=services.rapid_review,
        action_plan=services,
    )
    qtbot.addWidget(page)
    page.show()
    actions = page.rapid_review_actions
    assert actions is not None
    shown: list[str] = []
    monkeypatch.setattr(rapid_review_actions, "show_error", lambda _w, e: shown.append(str(e)))
    actions.seed_terms()
    assert "has not decided to hold an LCSPR" in shown[0] and stack.count() == 0

    services.rapid_review.save(
        RapidReview(facts="Head injury.", decision=Decision.LCSPR, decision_reasons="Harm.")
    )
    actions.seed_terms()
    facts: ReviewFacts = services.details.load()
    assert facts.details.terms_of_reference.startswith("Why this review is held:\nHarm.")
    stack.undo()
    assert services.details.load().details.terms_of_reference == ""
    stack.redo()
    services.details.save(replace(facts, details=replace(facts.details, terms_of_reference="")))

    monkeypatch.setattr(rapid_review_actions.QMessageBox, "information", lambda *a: None)
    out = tmp_path / "rapid.docx"
    actions.write(out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Head injury." in text and "1. The facts of the case" in text
    services.close()
