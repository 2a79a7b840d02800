"""Findings, sorted by the typology, each traced to its evidence; warnings say what is missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QWidget

from reviewer_app.analysis import reference
from reviewer_app.analysis.conversation import Passage
from reviewer_app.analysis.episode import Episode
from reviewer_app.analysis.finding import Finding, Priority
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.services.analysis import AnalysisService, Warning
from reviewer_app.services.finding_evidence import FindingEvidenceService
from ui.analysis.fields import CheckList, EntryPicker, combo, line, select, text_box
from ui.analysis.finding_evidence import FindingEvidencePanel, LibraryGetter
from ui.analysis.master_detail import MasterDetailPage
from ui.style import notice_label
from ui.tasks import TaskRunner


@dataclass(frozen=True, slots=True)
class FindingData:
    findings: list[Finding]
    episodes: list[Episode]
    passages: list[Passage]
    entries: list[ChronologyEntry]
    agencies: list[Agency]
    warnings: list[Warning]
    board_questions: bool


class FindingsPage(MasterDetailPage):
    noun = "finding"
    title = "Findings"
    intro = (
        "Each finding states a pattern in how the system works, shows how it appeared in this "
        "case and why it is systemic, and is linked to the evidence it follows from."
    )
    empty_text = (
        "No findings yet: press New finding to state the first one and link it to the "
        "evidence it follows from."
    )

    def __init__(
        self,
        service: AnalysisService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        evidence: FindingEvidenceService | None = None,
        published: LibraryGetter = lambda: None,
        unlock_library: Callable[[], None] | None = None,
    ) -> None:
        self.service = service
        self.evidence_service = evidence
        super().__init__(undo_stack, runner, parent)
        self.data: FindingData | None = None
        self.typology = reference.typology()
        self.stages = reference.journey_stages()
        self.warnings = notice_label()
        self.warnings.setAccessibleName("Warnings about findings and episodes")
        self.warnings.hide()
        self.top.addWidget(self.warnings)

        self.statement = text_box("Statement of the finding", 2)
        self.category = combo(
            "Typology category",
            [("Not yet sorted", ""), *((c.label, c.key) for c in self.typology)],
        )
        self.how = text_box("How it showed in this case", 3)
        self.systemic = text_box("Evidence that it is systemic", 3)
        self.why = text_box("Why it matters", 2)
        self.follow_up = text_box("Questions for the board", 3)
        self.follow_up_label = QLabel("&Questions for the board")
        self.follow_up_label.setBuddy(self.follow_up)
        self.priority = combo("Priority", [(p.label, p) for p in Priority])
        self.theme = line("Practice-issue theme", "Strategy discussions")
        self.stage = combo(
            "Stage of the child's journey",
            [("Not set", ""), *((s.label, s.key) for s in self.stages)],
        )
        self.episodes = CheckList("Key practice episodes this finding draws on")
        self.entries = EntryPicker("Chronology entries this finding draws on")
        self.passages = CheckList("Conversation passages this finding draws on")

        self.add_row("S&tatement", self.statement)
        self.add_row("&Category", self.category)
        self.add_row("&How it showed", self.how)
        systemic_row = self.form.rowCount()
        self.add_row("E&vidence it is systemic", self.systemic)
        self.add_row("&Why it matters", self.why)
        self.form.addRow(self.follow_up_label, self.follow_up)
        self.autosave.watch(self.follow_up)
        self.add_row("&Priority", self.priority)
        self.add_row("T&heme", self.theme)
        self.add_row("Child's &journey", self.stage)
        self.add_row("&Episodes", self.episodes)
        self.add_row("E&ntries", self.entries)
        self.add_row("P&assages", self.passages)
        #: Published reviews linked as evidence that it is systemic (with the review's services).
        self.evidence: FindingEvidencePanel | None = None
        if evidence is not None:
            self.evidence = FindingEvidencePanel(
                evidence, published, undo_stack, unlock_library=unlock_library
            )
            caption = QLabel("Other reviews\nthat found this")
            caption.setBuddy(self.evidence.list)
            # just under the reviewer's own words on why it is systemic
            self.form.insertRow(systemic_row + 1, caption, self.evidence)

    def load(self) -> FindingData:
        s = self.service
        return FindingData(
            s.findings(),
            s.episodes(),
            s.passages(),
            s.entries(),
            s.agencies(),
            s.warnings(),
            s.asks_board_questions(),
        )

    def loaded(self, data: FindingData) -> list[Finding]:
        self.data = data
        self.entries.set_entries(data.entries, data.agencies)
        what = "Questions for the board" if data.board_questions else "Recommendations"
        self.follow_up_label.setText(f"&{what}")
        self.follow_up.setAccessibleName(what)
        messages = [w.message for w in data.warnings]
        self.warnings.setText("\n".join(f"• {m}" for m in messages))
        self.warnings.setVisible(bool(messages))
        return data.findings

    def describe(self, item: Finding) -> str:
        category = reference.label_of(self.typology, item.category) if item.category else "Unsorted"
        mark = "" if item.has_evidence else " · no evidence linked"
        return f"{item.statement}\n{category} · {item.priority.label}{mark}"

    def show_item(self, item: Finding | None) -> None:
        data = self.data
        self.statement.setPlainText(item.statement if item else "")
        select(self.category, item.category if item else "")
        self.how.setPlainText(item.how_it_showed if item else "")
        self.systemic.setPlainText(item.systemic_evidence if item else "")
        self.why.setPlainText(item.why_it_matters if item else "")
        asks = data.board_questions if data else True
        if item:
            self.follow_up.setPlainText(item.board_questions if asks else item.recommendations)
        else:
            self.follow_up.setPlainText("")
        select(self.priority, item.priority if item else Priority.MEDIUM)
        self.theme.setText(item.theme if item else "")
        select(self.stage, item.journey_stage if item else "")
        self.episodes.set_items(
            ((e.title, e.id) for e in (data.episodes if data else [])),
            item.episode_ids if item else (),
        )
        self.entries.set_chosen(item.entry_ids if item else ())
        self.passages.set_items(
            ((p.short, p.id) for p in (data.passages if data else [])),
            item.passage_ids if item else (),
        )

    def show_related(self, item: Finding | None) -> None:
        if self.evidence is not None:
            self.evidence.show_finding(item)

    def read_form(self, base: Finding | None) -> Finding:
        asks = self.data.board_questions if self.data else True
        actions = self.follow_up.toPlainText()
        return Finding(
            statement=self.text_or_kept(
                self.statement.toPlainText().strip(),
                base.statement if base else None,
                "The statement",
            ),
            category=str(self.category.currentData() or ""),
            how_it_showed=self.how.toPlainText(),
            systemic_evidence=self.systemic.toPlainText(),
            why_it_matters=self.why.toPlainText(),
            board_questions=actions if asks else (base.board_questions if base else ""),
            recommendations=(base.recommendations if base else "") if asks else actions,
            priority=Priority(self.priority.currentData()),
            theme=self.theme.text().strip(),
            journey_stage=str(self.stage.currentData() or ""),
            episode_ids=self.episodes.chosen_ids(),
            entry_ids=self.entries.chosen(),
            passage_ids=self.passages.chosen_ids(),
            id=base.id if base else None,
        )

    def save_item(self, item: Finding) -> Finding:
        return self.service.save_finding(item)

    def remove_item(self, item: Finding) -> object:
        return self.service.delete(item)

    def restore_item(self, removal: Any) -> None:
        """Undo a deletion: the finding, with the published reviews linked to it, the actions
        answering it and the learning notes attached (the service keeps every row it took)."""
        self.service.restore(removal)
