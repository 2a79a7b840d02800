"""The rapid review record, as a form on the Timetable page: the Panel's headings, saved as the
reviewer types (`ui.autosave`), each save one undoable step through `ui.operations.push`
(typing on in one field merges into one step).

A date that is not a date is shown beside the form and the saved date is kept until it is put
right; everything else in the form is saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable

from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import InvalidInputError
from reviewer_app.services.rapid_review import RapidReviewService
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from ui.analysis.fields import combo, date_field, read_date, select, show_date, text_box
from ui.autosave import AutoSave
from ui.errors import show_error
from ui.operations import Change, Replace, Step, push
from ui.style import inline_error_label, plain_label, show_inline
from ui.tasks import TaskRunner

INTRO = (
    "What the safeguarding partners send the national Child Safeguarding Practice Review Panel, "
    "under its headings. Working Together 2023 asks for the rapid review within 15 working days "
    "of becoming aware of the serious incident; record those dates in the milestones."
)
SAVED = "All changes saved"
SAVING = "Saving…"
NOT_SAVED = "Not all saved: see the problem at the top of the form"
LOADING = "Reading the rapid review…"


class RapidReviewForm(QWidget):
    def __init__(
        self,
        service: RapidReviewService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.runner = runner
        self.current: RapidReview | None = None  # None until read from the file
        self._generation = 0
        self.autosave = AutoSave(self._commit, self)
        self.autosave.waiting_changed.connect(lambda _waiting: self._show_state())

        self.facts = text_box("The facts of the case", 4)
        self.immediate_action = text_box("Immediate safeguarding action taken", 3)
        self.agency_learning = text_box("What the agencies have learned so far", 4)
        self.criteria_met = combo(
            "Whether the criteria for a local child safeguarding practice review are met",
            [(a.label, a.value) for a in Answer],
        )
        self.decision = combo("The decision", [(d.label, d.value) for d in Decision])
        self.decision_reasons = text_box("Reasons for the decision", 3)
        self.national_importance = combo(
            "Whether the case may be of national importance", [(a.label, a.value) for a in Answer]
        )
        self.national_reasons = text_box("Why it may or may not be of national importance", 2)
        self.sent_to_panel = date_field("Date sent to the national Panel")

        self.problem = inline_error_label()
        self.problem.setAccessibleName("What cannot be saved in the rapid review")
        self.state = plain_label(LOADING, wrap=False)
        self.state.setAccessibleName("Whether the rapid review is saved")
        self.missing = plain_label()
        self.missing.setAccessibleName("What the Panel asks for that is not written yet")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for caption, field in (
            ("&Facts of the case:", self.facts),
            ("&Immediate safeguarding action:", self.immediate_action),
            ("Agencies' &learning so far:", self.agency_learning),
            ("LCSPR &criteria met:", self.criteria_met),
            ("&Decision:", self.decision),
            ("&Reasons for the decision:", self.decision_reasons),
            ("May be of national i&mportance:", self.national_importance),
            ("&Why (national importance):", self.national_reasons),
            ("Sent to the &Panel on:", self.sent_to_panel),
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            form.addRow(label, field)
            self.autosave.watch(field)

        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 4, 12, 8)
        inner.addWidget(plain_label(INTRO))
        inner.addWidget(self.problem)
        inner.addLayout(form)
        inner.addWidget(self.missing)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("The rapid review")
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        footer = QHBoxLayout()
        self.footer = footer  # the page adds what it does with the record (export, seed)
        footer.addStretch(1)
        footer.addWidget(self.state)
        layout.addLayout(footer)
        self._set_enabled(False)

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the record from the file; typing still waiting is saved first."""
        self.autosave.flush()
        self._generation += 1
        generation = self._generation
        self.runner.start(lambda: (generation, self.service.record()), self._loaded, self._failed)

    def _loaded(self, loaded: tuple[int, RapidReview]) -> None:
        generation, record = loaded
        if generation != self._generation:
            return
        if self.autosave.touched and self.current is not None:
            return  # typed into since: what is typed is saved next, over this
        self._show(record)

    def _failed(self, error: Exception) -> None:
        self.state.setText("The rapid review could not be read.")
        show_error(self, error)

    def _show(self, record: RapidReview) -> None:
        self.current = record
        with self.autosave.loading():
            for box, text in (
                (self.facts, record.facts),
                (self.immediate_action, record.immediate_action),
                (self.agency_learning, record.agency_learning),
                (self.decision_reasons, record.decision_reasons),
                (self.national_reasons, record.national_reasons),
            ):
                if box.toPlainText() != text:
                    box.setPlainText(text)
            select(self.criteria_met, record.criteria_met.value)
            select(self.decision, record.decision.value)
            select(self.national_importance, record.national_importance.value)
            show_date(self.sent_to_panel, record.sent_to_panel)
        self.autosave.reset()
        show_inline(self.problem, "")
        self._set_enabled(True)
        self._show_state()

    def _set_enabled(self, enabled: bool) -> None:
        for field in self._fields():
            field.setEnabled(enabled)

    def _fields(self) -> tuple[QWidget, ...]:
        return (
            self.facts,
            self.immediate_action,
            self.agency_learning,
            self.criteria_met,
            self.decision,
            self.decision_reasons,
            self.national_importance,
            self.national_reasons,
            self.sent_to_panel,
        )

    def _show_state(self) -> None:
        if self.current is None:
            self.state.setText(LOADING)
            self.missing.clear()
            return
        if self.problem.text():
            self.state.setText(NOT_SAVED)
        elif self.autosave.touched:
            self.state.setText(SAVING)
        else:
            self.state.setText(SAVED)
        gaps = self.current.missing()
        self.missing.setText(
            "Still to write for the Panel: " + "; ".join(gaps) + "." if gaps else ""
        )

    # -- saving --------------------------------------------------------------------------------
    def read_form(self, base: RapidReview) -> tuple[RapidReview, list[str]]:
        """The record the form describes, and what in it cannot be saved (kept as it was)."""
        problems = []
        try:
            sent = read_date(self.sent_to_panel)
        except InvalidInputError as error:
            problems.append(str(error))
            sent = base.sent_to_panel
        record = RapidReview(
            facts=self.facts.toPlainText(),
            immediate_action=self.immediate_action.toPlainText(),
            agency_learning=self.agency_learning.toPlainText(),
            criteria_met=Answer(self.criteria_met.currentData() or Answer.NOT_DECIDED),
            decision=Decision(self.decision.currentData() or Decision.NOT_DECIDED),
            decision_reasons=self.decision_reasons.toPlainText(),
            national_importance=Answer(
                self.national_importance.currentData() or Answer.NOT_DECIDED
            ),
            national_reasons=self.national_reasons.toPlainText(),
            sent_to_panel=sent,
        )
        return record, problems

    def flush(self) -> bool:
        """Save what is typed but not yet saved, now; True if nothing is left unsaved."""
        return self.autosave.flush()

    def _commit(self) -> bool:
        if self.current is None:
            return False  # not read yet: nothing to save over
        before = self.current
        after, problems = self.read_form(before)
        if after != before:
            operation = Replace(
                "Edit the rapid review",
                self.service.save,
                before,
                after,
                merge_key=self._merge_key(before, after),
                changed=self._heard,
                report=lambda error: show_error(self, error),
                resync=self.reload,
            )
            if not push(self.undo_stack, operation, refused=self._refused):
                return False
        show_inline(self.problem, "\n".join(problems))
        self._show_state()
        return not problems

    def _merge_key(self, before: RapidReview, after: RapidReview) -> Hashable:
        changed = frozenset(
            f.name
            for f in dataclasses.fields(RapidReview)
            if getattr(before, f.name) != getattr(after, f.name)
        )
        return ("rapid-review", changed, self.autosave.session)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, InvalidInputError):
            show_inline(self.problem, str(error))
            self._show_state()
        else:
            show_error(self, error)

    def _heard(self, change: Change) -> None:
        shown = change.shown
        if not isinstance(shown, RapidReview):
            return
        if change.step is Step.DONE:
            self.current = shown  # the form shows it already
            self._show_state()
        else:
            self._show(shown)  # undone or redone: show what the file now holds

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # leaving the tab or the page keeps what was typed
        self.autosave.end_session()
        super().hideEvent(event)

    def clear(self) -> None:
        """Blank the form (the review is locking): what was typed is saved first."""
        self.flush()
        self._generation += 1
        self.current = None
        with self.autosave.loading():
            for field in self._fields():
                if isinstance(field, QComboBox):
                    field.setCurrentIndex(0)
                elif hasattr(field, "clear"):
                    field.clear()
        self.autosave.reset()
        show_inline(self.problem, "")
        self._set_enabled(False)
        self._show_state()
