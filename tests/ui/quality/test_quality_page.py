"""Mark prompts, link evidence, and watch the dashboard change (a real encrypted review)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from reviewer_app.paths import AppPaths
from reviewer_app.quality.assessment import MarkerAssessment, Status
from reviewer_app.services.readiness import check_readiness
from tests.helpers.reviews import new_review
from tests.reviewer_app.quality.reviews import Services, demo, services
from tests.ui.runners import HeldRunner
from tests.ui.support import Shown
from ui.quality.marker_panel import LOADING
from ui.quality.page import CONVENTION, NUMBER_ROLE, QualityPage
from ui.quality.widgets import combo_status
from ui.tasks import ImmediateTaskRunner


def make_page(qtbot, s: Services) -> tuple[QualityPage, QUndoStack]:  # type: ignore[no-untyped-def]
    stack = QUndoStack()
    page = QualityPage(
        s.quality,
        stack,
        ImmediateTaskRunner(),
        readiness=lambda: check_readiness(
            s.review.details, s.review.chronology, s.quality, s.timetable
        ),
    )
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.reload()
    return page, stack


def choose(combo, status: Status) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(status.value))
    combo.activated.emit(combo.currentIndex())


def test_mark_prompts_link_evidence_and_see_the_dashboard_change(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    s = demo(new_review(tmp_path / "x.review", app_paths))
    page, stack = make_page(qtbot, s)
    assert page.strip.summaries()[0] == "0 of 5 settled"
    assert CONVENTION.startswith("The markers prompt judgement")
    assert "NSPCC/SCIE (2016)" in page.credit.text()

    page.select_marker(3)  # Advising board members: two prompts
    assert page.panel.title.text() == "3. Advising board members"
    combos = list(page.panel.prompt_combos.values())
    choose(combos[0], Status.ADDRESSED)
    assert page.strip.summaries()[0] == "0 of 5 settled, 1 in progress"
    assert combo_status(page.panel.status) is Status.IN_PROGRESS
    choose(combos[1], Status.NOT_APPLICABLE)
    # every prompt settled: the marker rolls up to addressed, but it has no evidence yet
    assert combo_status(page.panel.status) is Status.ADDRESSED
    assert page.strip.summaries()[0] == "1 of 5 settled, 1 marker needs attention"
    assert s.quality.assessment().status(3) is Status.ADDRESSED

    # link something the review holds as evidence; the attention goes away
    assert page.panel.choices.count() > 0
    page.panel.choices.setCurrentIndex(
        next(
            i
            for i in range(page.panel.choices.count())
            if page.panel.choices.itemData(i).kind == "timetable"
        )
    )
    qtbot.mouseClick(page.panel.link_button, Qt.MouseButton.LeftButton)
    assert page.strip.summaries()[0] == "1 of 5 settled"
    assert [link.label for link in s.quality.marker(3).evidence] == ["The timetable"]
    assert page.panel.evidence.count() == 1

    # accept a suggestion: marker 6 offers the terms of reference
    page.select_marker(6)
    offers = [
        i
        for i in range(page.panel.suggestions.count())
        if page.panel.suggestions.item(i).text().startswith("Can be linked")
    ]
    page.panel.suggestions.setCurrentRow(offers[0])
    assert page.panel.accept_button.isEnabled()
    page.panel.accept_button.click()
    assert [link.kind for link in s.quality.marker(6).evidence] == ["terms-of-reference"]

    # a marker's own status and notes
    choose(page.panel.status, Status.ADDRESSED)
    page.panel.notes.setPlainText("Agreed with the chair on 02/03/2026")
    page.panel.commit_notes()
    assert s.quality.marker(6).notes == "Agreed with the chair on 02/03/2026"
    assert page.strip.summaries()[1] == "1 of 8 settled"

    # everything is undoable, one step at a time
    stack.undo()  # notes
    stack.undo()  # status
    assert s.quality.marker(6).status is Status.NOT_STARTED
    assert page.strip.summaries()[1] == "0 of 8 settled"
    stack.undo()  # the suggested link
    assert s.quality.marker(6).evidence == ()
    stack.redo()
    assert len(s.quality.marker(6).evidence) == 1


def test_removing_evidence_and_checking_readiness(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    s = demo(new_review(tmp_path / "x.review", app_paths))
    page, stack = make_page(qtbot, s)
    page.select_marker(10)
    page.link_evidence(page.panel.choices.itemData(0))
    assert page.panel.evidence.count() == 1
    page.panel.evidence.setCurrentRow(0)
    qtbot.mouseClick(page.panel.unlink_button, Qt.MouseButton.LeftButton)
    assert s.quality.marker(10).evidence == ()
    stack.undo()
    assert len(s.quality.marker(10).evidence) == 1

    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert page.problems.isVisible()
    texts = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert texts[0] == (
        "1 thing to put right before the next milestone (Safeguarding partners became aware "
        "of the serious incident):"
    )
    assert texts[1].startswith("Timetable: The date the safeguarding partners became aware")
    assert texts[2].startswith("Later steps, for the milestones after it (")
    assert texts[3] == (
        "Later: Quality markers: Marker 1. Referral is not addressed yet (not started). "
        "(fix it in: Quality markers)"
    )


def test_the_page_has_names_for_screen_readers(qtbot, tmp_path: Path, app_paths: AppPaths) -> None:  # type: ignore[no-untyped-def]
    s = demo(new_review(tmp_path / "x.review", app_paths))
    page, _ = make_page(qtbot, s)
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QListWidget, QTreeWidget

    for kind in (QAbstractButton, QComboBox, QListWidget, QTreeWidget):
        for widget in page.findChildren(kind):
            assert widget.accessibleName(), f"{kind.__name__} without an accessible name"


def test_every_mnemonic_is_unique_and_labels_have_buddies(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_keyboard import assert_unique, mnemonics

    s = demo(new_review(tmp_path / "x.review", app_paths))
    page, _ = make_page(qtbot, s)
    assert_unique(mnemonics(page))


def listed_markers(page: QualityPage) -> list[int]:
    found = []
    for top in range(page.tree.topLevelItemCount()):
        stage = page.tree.topLevelItem(top)
        found += [stage.child(i).data(0, NUMBER_ROLE) for i in range(stage.childCount())]
    return found


def test_a_new_review_shows_all_18_markers_as_soon_as_the_page_is_made(
    qtbot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:  # type: ignore[no-untyped-def]
    s = services(new_review(tmp_path / "x.review", app_paths))
    stack = QUndoStack()
    page = QualityPage(s.quality, stack, ImmediateTaskRunner())  # nobody calls reload()
    qtbot.addWidget(page)
    page.show()
    assert listed_markers(page) == list(range(1, 19))
    assert [text.split(",")[0] for text in page.strip.summaries()] == [
        "0 of 5 settled",
        "0 of 8 settled",
        "0 of 5 settled",
    ]
    assert page.panel.marker is not None and page.panel.title.text() == "1. Referral"
    assert page.tree.currentItem().data(0, NUMBER_ROLE) == 1
    assert len(page.panel.prompt_combos) == 3
    assert page.panel.choices.count() > 0  # the timetable and the delay log, at least

    # the first control a keyboard reaches works (it used to raise the crash notice)
    qtbot.keyClick(page.panel.status, Qt.Key.Key_Down)
    assert s.quality.marker(1).status is Status.IN_PROGRESS
    assert not [m for m in message_boxes if m.kind == "critical"]
    stack.undo()
    assert s.quality.marker(1).status is Status.NOT_STARTED


def test_before_the_markers_are_read_there_is_nothing_to_save_against(
    qtbot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:  # type: ignore[no-untyped-def]
    s = services(new_review(tmp_path / "x.review", app_paths))
    stack = QUndoStack()
    runner = HeldRunner()
    page = QualityPage(s.quality, stack, runner)
    qtbot.addWidget(page)
    page.show()
    assert page.panel.waiting.isVisible() and page.panel.waiting.text() == LOADING
    assert not page.panel.body.isVisible() and page.panel.recorded is None

    page.set_marker_status(Status.ADDRESSED)
    page.set_marker_notes("typed too early")
    page.set_prompt_status("a", Status.ADDRESSED)
    page.select_marker(0)
    page.select_marker(5)
    assert stack.count() == 0 and not message_boxes

    runner.release()
    assert page.panel.marker is not None and page.panel.marker.number == 1
    assert page.panel.body.isVisible() and not page.panel.waiting.isVisible()
    page.select_marker(99)  # no such marker: the panel stays where it was
    assert page.panel.marker.number == 1


def test_coming_back_to_the_page_shows_what_changed_meanwhile(
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    s = services(new_review(tmp_path / "x.review", app_paths))
    page = QualityPage(s.quality, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.hide()
    s.quality.save_marker(MarkerAssessment(2, Status.ADDRESSED))
    page.show()
    second = page.tree.topLevelItem(0).child(1)
    assert second.data(0, NUMBER_ROLE) == 2 and second.text(1).startswith("Addressed")


def test_export_self_assessment_writes_a_docx_in_the_worker_through_the_gate(
    qtbot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from reviewer_app.wiring import open_services

    review = open_services(new_review(tmp_path / "x.review", app_paths))
    exports = review.exports
    assert exports is not None
    runner = HeldRunner()
    page = QualityPage(
        review.quality,
        QUndoStack(),
        runner,
        export_self_assessment=lambda path: exports.write_self_assessment(path, overwrite=True),
    )
    qtbot.addWidget(page)
    page.show()
    runner.release()
    assert page.export_button.isVisible()
    assert page.export_button.text() == "&Export self-assessment…"
    target = tmp_path / "qm.docx"
    page.choose_path = lambda name: target
    page.export_button.click()
    assert not page.export_button.isEnabled() and not target.exists()  # waiting on the worker
    runner.release()
    assert page.export_button.isEnabled() and "Exported 'qm.docx'" in page.export_status.text()
    with zipfile.ZipFile(target) as archive:
        assert "Quality Marker 18" in archive.read("word/document.xml").decode("utf-8")

    # the reviewer's notes are checked like the report's: a postcode blocks it
    review.quality.save_marker(MarkerAssessment(3, Status.IN_PROGRESS, notes="Met at NT4 9QZ."))
    target.unlink()
    page.export_button.click()
    runner.release()
    assert not target.exists() and "Not exported" in page.export_status.text()
    assert page.export_button.isEnabled()
    review.close()
