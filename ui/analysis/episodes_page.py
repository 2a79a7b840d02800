"""Key practice episodes: what happened, each person's view, why, and an appraisal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from reviewer_app.analysis.episode import (
    HINDSIGHT_SAFEGUARDS,
    Appraisal,
    Episode,
    Factor,
    FactorKind,
    Perspective,
)
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.people.model import Person
from reviewer_app.services.analysis import AnalysisService
from ui.analysis.fields import (
    CheckList,
    EntryPicker,
    combo,
    date_field,
    line,
    select,
    show_date,
    text_box,
)
from ui.analysis.known_by_then import KnownByThenDialog
from ui.analysis.master_detail import MasterDetailPage
from ui.tasks import TaskRunner
from ui.uk_dates import uk

PERSPECTIVE_HINT = "One line each: who: their view (e.g. 'Health Visitor 1: I heard a week later')"


@dataclass(frozen=True, slots=True)
class EpisodeData:
    episodes: list[Episode]
    entries: list[ChronologyEntry]
    agencies: list[Agency]
    people: list[Person]


def perspectives_text(perspectives: tuple[Perspective, ...]) -> str:
    return "\n".join(f"{p.who}: {p.view}" for p in perspectives)


def read_perspectives(text: str, people: list[Person]) -> tuple[Perspective, ...]:
    by_name = {p.pseudonym.lower(): p.id for p in people}
    found = []
    for row in text.splitlines():
        if not row.strip():
            continue
        who, _, view = row.partition(":")
        if not view:
            who, view = "", who
        found.append(Perspective(who.strip(), view.strip(), by_name.get(who.strip().lower())))
    return tuple(found)


class EpisodesPage(MasterDetailPage):
    noun = "episode"
    title = "Key practice episodes"
    intro = (
        "Episodes chosen for deeper analysis: what happened, how each person saw it, the "
        "contributory factors, and an appraisal made with safeguards against hindsight."
    )
    empty_text = (
        "No key practice episodes yet: press New episode to describe the first one and link it "
        "to the chronology entries it covers."
    )

    def __init__(
        self,
        service: AnalysisService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        self.service = service
        super().__init__(undo_stack, runner, parent)
        self.data: EpisodeData | None = None
        self.title_field = line("Title", "Bruise to a non-mobile baby")
        self.start = date_field("Episode starts")
        self.end = date_field("Episode ends")
        self.entries = EntryPicker("Chronology entries in this episode")
        self.narrative = text_box("What happened", 4)
        self.perspectives = text_box("Each person's perspective", 3, PERSPECTIVE_HINT)
        self.factors = {kind: text_box(f"{kind.label} factors", 2) for kind in FactorKind}
        self.appraisal = combo("Appraisal", [(a.label, a) for a in Appraisal])
        self.reasoning = text_box("Reasoning for the appraisal", 3)
        self.safeguards = CheckList("Safeguards against hindsight bias used")
        self.lens_button = QPushButton("What was &known then…")
        self.lens_button.setAccessibleName("Open the 'known by then' view at this episode's start")
        self.lens_button.clicked.connect(self.open_lens)
        self.extra_actions.insertWidget(0, self.lens_button)

        self.add_row("&Title", self.title_field)
        self.add_row("&From", self.start)
        self.add_row("T&o", self.end)
        self.add_row("&Entries", self.entries)
        self.add_row("&What happened", self.narrative)
        self.add_row("&Perspectives", self.perspectives)
        for kind, box in self.factors.items():
            self.add_row(f"{kind.label} factors", box)
        self.add_row("&Appraisal", self.appraisal)
        self.add_row("&Reasoning", self.reasoning)
        self.add_row("&Safeguards", self.safeguards)

    def load(self) -> EpisodeData:
        s = self.service
        return EpisodeData(s.episodes(), s.entries(), s.agencies(), s.everyone())

    def loaded(self, data: EpisodeData) -> list[Episode]:
        self.data = data
        self.entries.set_entries(data.entries, data.agencies)
        return data.episodes

    def describe(self, item: Episode) -> str:
        span = f"{uk(item.start)}–{uk(item.end)}" if item.start else "Dates not set"
        return f"{item.title}\n{span} · {item.appraisal.label}"

    def show_item(self, item: Episode | None) -> None:
        self.title_field.setText(item.title if item else "")
        show_date(self.start, item.start if item else None)
        show_date(self.end, item.end if item else None)
        self.entries.set_chosen(item.entry_ids if item else ())
        self.narrative.setPlainText(item.narrative if item else "")
        self.perspectives.setPlainText(perspectives_text(item.perspectives) if item else "")
        for kind, box in self.factors.items():
            texts = [f.text for f in item.factors if f.kind is kind] if item else []
            box.setPlainText("\n".join(texts))
        select(self.appraisal, item.appraisal if item else Appraisal.NOT_YET)
        self.reasoning.setPlainText(item.reasoning if item else "")
        used = item.safeguards if item else ()
        extra = tuple(s for s in used if s not in HINDSIGHT_SAFEGUARDS)
        self.safeguards.set_items(((s, s) for s in (*HINDSIGHT_SAFEGUARDS, *extra)), used)

    def read_form(self, base: Episode | None) -> Episode:
        factors = tuple(
            Factor(kind, text.strip())
            for kind, box in self.factors.items()
            for text in box.toPlainText().splitlines()
            if text.strip()
        )
        people = self.data.people if self.data else []
        start = self.date_or_kept(self.start, base.start if base else None)
        end = self.date_or_kept(self.end, base.end if base else None)
        if start and end and end < start:
            self._problems.append(
                "The episode ends before it starts, so the saved dates are kept until the "
                "dates are put right."
            )
            start, end = (base.start, base.end) if base else (None, None)
        return Episode(
            title=self.text_or_kept(
                self.title_field.text().strip(), base.title if base else None, "The title"
            ),
            start=start,
            end=end,
            narrative=self.narrative.toPlainText(),
            perspectives=read_perspectives(self.perspectives.toPlainText(), people),
            factors=factors,
            appraisal=Appraisal(self.appraisal.currentData()),
            reasoning=self.reasoning.toPlainText(),
            safeguards=tuple(str(s) for s in self.safeguards.chosen()),
            entry_ids=self.entries.chosen(),
            id=base.id if base else None,
        )

    def open_lens(self) -> None:
        dialog = KnownByThenDialog(self.service, self.runner, self)
        if self.current is not None:
            dialog.panel.set_day(self.current.start)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.lens = dialog

    def save_item(self, item: Episode) -> Episode:
        return self.service.save_episode(item)

    def remove_item(self, item: Episode) -> object:
        return self.service.delete(item)

    def restore_item(self, removal: Any) -> None:
        self.service.restore(removal)
