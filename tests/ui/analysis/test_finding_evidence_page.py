"""The findings page's "Other reviews that found this": search the published reviews from a
finding, link passages (undoable), unlink, and the counts; the library locked says so."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.published import PublishedLibrary
from tests.reviewer_app.published.corpus import Made
from tests.reviewer_app.published.evidence_fixtures import (
    access,
    bruising_finding,
    corpus,
    library,
    services,
    with_theme,
)
from tests.ui.analysis.accessibility import unnamed_controls
from tests.ui.support import Shown
from ui.analysis.evidence_dialog import PublishedEvidenceDialog
from ui.analysis.findings_page import FindingsPage
from ui.tasks import ImmediateTaskRunner

__all__ = ["access", "corpus", "library", "services"]  # fixtures


def _page(qtbot, services: ReviewServices, published, unlock=None) -> FindingsPage:  # type: ignore[no-untyped-def]
    page = FindingsPage(
        services.analysis,
        QUndoStack(),
        ImmediateTaskRunner(),
        evidence=services.finding_evidence,
        published=published,
        unlock_library=unlock,
    )
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.reload()
    page.list.setCurrentRow(0)
    return page


def test_link_passages_from_a_finding_undo_and_unlink(
    qtbot,  # type: ignore[no-untyped-def]
    services: ReviewServices,
    library: PublishedLibrary,
    corpus: list[Made],
    tmp_path: Path,
) -> None:
    finding = bruising_finding(services)
    page = _page(qtbot, services, lambda: library)
    panel = page.evidence
    assert panel is not None and panel.finding == finding
    planted = len(with_theme(corpus))
    assert panel.count.text() == (
        f"No published reviews linked yet; {planted} published reviews carry this theme in "
        "your library."
    )
    assert not panel.unlink_button.isEnabled()

    # the search opens with the finding's theme, and finds passages of the planted reports
    dialog = PublishedEvidenceDialog(library, finding.statement, finding.theme)
    qtbot.addWidget(dialog)
    assert dialog.query.text() == finding.theme
    assert dialog.results.count() >= planted
    assert not dialog.link_button.isEnabled()
    titles = {m.title for m in with_theme(corpus)}
    assert all(dialog.results.item(n).text().split(" (")[0] in titles for n in range(2))
    for n in range(2):
        dialog.results.item(n).setCheckState(Qt.CheckState.Checked)
    assert dialog.link_button.isEnabled() and len(dialog.chosen()) == 2
    if os.environ.get("SCREENSHOTS"):
        dialog.resize(900, 560)
        dialog.show()
        qtbot.wait(50)
        dialog.grab().save(str(Path(os.environ["SCREENSHOTS"]) / "finding-evidence-search.png"))
    asked: list[frozenset[int]] = []

    def choose(_library, _finding, linked):  # type: ignore[no-untyped-def]
        asked.append(linked)
        return dialog.chosen()

    panel.choose = choose
    panel.find_button.click()
    assert asked == [frozenset()]
    assert panel.list.count() == 2 and len(services.finding_evidence.evidence()) == 2
    assert "linked;" in panel.count.text() and not panel.count.text().startswith("No ")
    assert page.undo_stack.undoText() == "Link 2 published passages to the finding"

    page.undo_stack.undo()
    assert panel.list.count() == 0 and services.finding_evidence.evidence() == []
    page.undo_stack.redo()
    assert panel.list.count() == 2
    ids = {e.id for e in services.finding_evidence.evidence()}

    # the dialog marks passages linked already
    panel.find_button.click()
    assert len(asked[-1]) == 2
    linked_again = PublishedEvidenceDialog(library, finding.statement, finding.theme, asked[-1])
    qtbot.addWidget(linked_again)
    assert "already linked" in linked_again.results.item(0).text()

    if os.environ.get("SCREENSHOTS"):  # for docs/screenshots (and for looking at it)
        page.resize(1200, 1400)
        qtbot.wait(50)
        page.grab().save(str(Path(os.environ["SCREENSHOTS"]) / "finding-published-evidence.png"))

    panel.list.setCurrentRow(0)
    panel.unlink_button.click()
    assert panel.list.count() == 1
    page.undo_stack.undo()
    assert {e.id for e in services.finding_evidence.evidence()} == ids  # the same ids back

    # deleting the finding takes its links; undo brings both back
    removal = page.remove_item(finding)
    assert services.finding_evidence.evidence() == []
    page.restore_item(removal)
    assert {e.id for e in services.finding_evidence.evidence()} == ids
    assert unnamed_controls(page) == []


def test_with_the_library_locked_the_search_asks_to_unlock_it(
    qtbot,  # type: ignore[no-untyped-def]
    services: ReviewServices,
    message_boxes: list[Shown],
) -> None:
    bruising_finding(services)
    unlocked: list[bool] = []
    page = _page(qtbot, services, lambda: None, lambda: unlocked.append(True))
    panel = page.evidence
    assert panel is not None
    assert panel.count.text() == "No published reviews linked yet."
    panel.find_button.click()
    assert [m.title for m in message_boxes] == ["Your learning library is locked"]
    assert unlocked == [True] and services.finding_evidence.evidence() == []


def test_a_new_finding_must_be_saved_before_linking(
    qtbot,  # type: ignore[no-untyped-def]
    services: ReviewServices,
    library: PublishedLibrary,
) -> None:
    page = _page(qtbot, services, lambda: library)
    page.new()
    panel = page.evidence
    assert panel is not None and not panel.find_button.isEnabled()
    assert panel.count.text().startswith("Save the finding first")
