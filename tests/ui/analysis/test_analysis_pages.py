"""The journey the issue asks for: record a conversation, link a passage to an entry, build an
episode, write a finding linked to it, and see the no-evidence warning disappear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reviewer_app.analysis.conversation import ConversationKind, Mode
from reviewer_app.analysis.episode import Appraisal
from reviewer_app.people.model import Person, PersonKind
from tests.reviewer_app.analysis.workbench import Workbench
from tests.ui.analysis import benches
from tests.ui.analysis.accessibility import unnamed_controls
from ui.analysis.conversations_page import ConversationsPage
from ui.analysis.episodes_page import EpisodesPage
from ui.analysis.fields import CheckList, EntryPicker, select
from ui.analysis.findings_page import FindingsPage
from ui.analysis.known_by_then import KnownByThenPanel
from ui.tasks import ImmediateTaskRunner

demo_bench = benches.demo_bench
empty_bench = benches.empty_bench
undo_stack = benches.undo_stack


def _show(qtbot, page: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()


def _tick(items: CheckList, label_part: str) -> None:
    for n in range(items.count()):
        if label_part in items.item(n).text():
            items.item(n).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"no item like {label_part!r}")


def _link_entry(picker: EntryPicker, words: str) -> int:
    picker.search.setText(words)
    item = picker.list.item(0)
    assert item is not None, f"no entry matches {words!r}"
    item.setCheckState(Qt.CheckState.Checked)
    return int(item.data(Qt.ItemDataRole.UserRole))


def test_the_analysis_journey(  # type: ignore[no-untyped-def]
    qtbot, empty_bench: Workbench, undo_stack: QUndoStack
) -> None:
    bench = empty_bench
    bench.people.save_person(Person(PersonKind.PRACTITIONER, "ED Doctor 1", "Sam Reyes"))
    runner = ImmediateTaskRunner()

    # record a conversation, following the practitioner guide
    conversations = ConversationsPage(bench.analysis, undo_stack, runner)
    _show(qtbot, conversations)
    conversations.reload()
    conversations.new()
    select(conversations.kind, ConversationKind.PRACTITIONER)
    conversations.title_field.setText("Conversation with ED Doctor 1")
    conversations.date.setText("20/04/2026")
    select(conversations.mode, Mode.VIDEO)
    _tick(conversations.participants, "ED Doctor 1")
    select(conversations.guide, "practitioner")
    conversations.use_guide.click()
    assert len(conversations.record_boxes) == 5
    conversations.record_boxes[0][1].setPlainText("Only what Mother told me.")
    assert conversations.flush()
    (stored,) = bench.analysis.conversations()
    assert stored.date == dt.date(2026, 4, 20) and stored.mode is Mode.VIDEO
    assert stored.record[0].answer == "Only what Mother told me." and len(stored.participants) == 1

    # a passage linked to the entry about the bruise
    passages = conversations.passages
    assert passages.isEnabled()
    passages.text.setPlainText("The protocol was on the intranet, not on my screen.")
    passages.themes.setText("tools, bruising")
    bruise = _link_entry(passages.entries, "bruise cheek emergency")
    assert conversations.flush()
    (passage,) = bench.analysis.passages()
    assert passage.entry_ids == (bruise,) and passage.themes == ("tools", "bruising")
    assert passages.list.count() == 1
    assert not passage.use_in_report  # nothing is quoted in the report until marked
    passages.use_in_report.click()  # a tick is saved straight after, from the event loop
    qtbot.waitUntil(lambda: bench.analysis.passages()[0].use_in_report)
    assert passages.list.item(0).text().endswith("(used in the report)")

    # build an episode around that entry
    episodes = EpisodesPage(bench.analysis, undo_stack, runner)
    _show(qtbot, episodes)
    episodes.reload()
    episodes.new()
    episodes.title_field.setText("Bruise to a non-mobile baby")
    episodes.start.setText("02/12/2013")
    episodes.end.setText("06/12/2013")
    assert _link_entry(episodes.entries, "bruise cheek emergency") == bruise
    episodes.perspectives.setPlainText("ED Doctor 1: It was a busy night.")
    episodes.factors[next(iter(episodes.factors))].setPlainText("No developmental stage on triage")
    select(episodes.appraisal, Appraisal.PROBLEMATIC)
    _tick(episodes.safeguards, "usual practice")
    assert episodes.flush()
    (episode,) = bench.analysis.episodes()
    assert episode.entry_ids == (bruise,) and episode.appraisal is Appraisal.PROBLEMATIC
    assert episode.perspectives[0].who == "ED Doctor 1"
    assert episode.perspectives[0].person_id is not None  # matched to the person by pseudonym

    # a finding: first without evidence, then linked to the episode
    findings = FindingsPage(bench.analysis, undo_stack, runner)
    _show(qtbot, findings)
    findings.reload()
    assert "No finding uses" in findings.warnings.text()
    findings.new()
    findings.statement.setPlainText("Bruising in non-mobile babies is not reliably referred.")
    select(findings.category, "tools")
    findings.follow_up.setPlainText("How is the board assured the protocol is used at night?")
    assert findings.flush()
    assert "not linked to any episode" in findings.warnings.text()
    assert findings.warnings.isVisibleTo(findings)
    _tick(findings.episodes, "Bruise to a non-mobile baby")
    assert findings.flush()  # a tick is saved at once (here: without waiting for the loop)
    (finding,) = bench.analysis.findings()
    assert finding.episode_ids == (episode.id,) and finding.category == "tools"
    assert finding.board_questions.startswith("How is the board")
    assert not findings.warnings.isVisibleTo(findings)
    assert bench.analysis.warnings() == []

    # undo takes the link away again, and the warning comes back
    undo_stack.undo()
    assert bench.analysis.findings()[0].episode_ids == ()
    assert findings.warnings.isVisibleTo(findings)

    for page in (conversations, episodes, findings):
        assert unnamed_controls(page) == []


def test_importing_notes_into_a_conversation(  # type: ignore[no-untyped-def]
    qtbot, empty_bench: Workbench, undo_stack: QUndoStack, tmp_path: Path, message_boxes
) -> None:
    page = ConversationsPage(empty_bench.analysis, undo_stack, ImmediateTaskRunner())
    _show(qtbot, page)
    page.reload()
    page.title_field.setText("Learning event")
    assert page.flush()
    document = docx.Document()
    document.add_paragraph("Morning: what each agency knew.")
    path = tmp_path / "event notes.docx"
    document.save(str(path))
    page.import_from(path)
    (stored,) = empty_bench.analysis.conversations()
    assert stored.transcript == "Morning: what each agency knew."
    assert page.transcript.toPlainText() == stored.transcript
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a word file")
    page.import_from(broken)
    assert "damaged" in message_boxes[-1].text
    assert empty_bench.analysis.conversations() == [stored]


@pytest.mark.parametrize("who", ["Northshire Police"])
def test_the_known_by_then_panel_on_the_demo(qtbot, demo_bench: Workbench, who: str) -> None:  # type: ignore[no-untyped-def]
    panel = KnownByThenPanel(demo_bench.analysis, ImmediateTaskRunner())
    _show(qtbot, panel)
    panel.fill_choices()
    panel.who.setCurrentIndex(panel.who.findText(who))
    panel.day.setText("01/07/2014")
    panel.show_button.click()
    police = demo_bench.review.chronology.agency_named(who)
    assert police is not None
    expected = demo_bench.analysis.known_by_then(dt.date(2014, 7, 1), agency_id=police.id)
    assert panel.table.rowCount() == len(expected) > 0
    cells = [panel.table.item(n, 2) for n in range(panel.table.rowCount())]
    sources = {cell.text() for cell in cells if cell is not None}
    assert "Strategy discussion minutes" in sources  # shared with the police
    assert "Emergency department record" not in sources  # the hospital's own record
    assert f"{len(expected)} entries known to {who}" in panel.summary.text()
    assert unnamed_controls(panel) == []


def test_findings_offer_recommendations_when_the_method_is_not_learning_together(  # type: ignore[no-untyped-def]
    qtbot, empty_bench: Workbench, undo_stack: QUndoStack
) -> None:
    from reviewer_app.review import Methodology

    details = empty_bench.review.details.load()
    empty_bench.review.details.save(details.with_changes(methodology=Methodology.SILP))
    page = FindingsPage(empty_bench.analysis, undo_stack, ImmediateTaskRunner())
    _show(qtbot, page)
    page.reload()
    assert page.follow_up.accessibleName() == "Recommendations"
    page.statement.setPlainText("A finding")
    page.follow_up.setPlainText("Recommend a protocol.")
    assert page.flush()
    (finding,) = empty_bench.analysis.findings()
    assert finding.recommendations == "Recommend a protocol." and finding.board_questions == ""
