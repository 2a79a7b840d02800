"""Editing the review's copy of a conversation guide: its title and its questions.

The review keeps its own copies of the guides (the shipped ones are the starting point), so a
change here affects only this review and only records started afterwards; records already made
keep the questions as they were asked.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.analysis.conversation import ConversationGuide, GuideQuestion
from reviewer_app.errors import InvalidInputError
from reviewer_app.services.analysis import AnalysisService
from ui.errors import show_error
from ui.operations import Change, Replace, push
from ui.style import inline_error_label, plain_label, show_inline


def edited_guide(guide: ConversationGuide, title: str, lines: list[str]) -> ConversationGuide:
    """The guide with a new title and questions (one per line); a question keeps its key where
    its position is unchanged, new ones get new keys."""
    texts = [line.strip() for line in lines if line.strip()]
    if not texts:
        raise InvalidInputError("A guide needs at least one question.")
    keys = [q.key for q in guide.questions]
    used = set(keys)
    questions = []
    for n, text in enumerate(texts):
        key = keys[n] if n < len(keys) else ""
        if not key:
            number = n + 1
            while f"q{number}" in used:
                number += 1
            key = f"q{number}"
            used.add(key)
        questions.append(GuideQuestion(key, text))
    return ConversationGuide(guide.key, title.strip(), tuple(questions))


class GuideDialog(QDialog):
    """On accept, `result` holds (before, after) for the chosen guide."""

    def __init__(self, guides: list[ConversationGuide], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Conversation guides")
        self._guides = guides
        self.result_pair: tuple[ConversationGuide, ConversationGuide] | None = None
        self.choice = QComboBox()
        self.choice.setAccessibleName("Guide to edit")
        for guide in guides:
            self.choice.addItem(guide.title, guide.key)
        self.choice.currentIndexChanged.connect(self._show)
        self.title_field = QLineEdit()
        self.title_field.setAccessibleName("Title of the guide")
        self.questions = QPlainTextEdit()
        self.questions.setAccessibleName("Questions, one per line")
        self.questions.setTabChangesFocus(True)
        self.problem = inline_error_label()
        form = QFormLayout()
        for text, field in (
            ("&Guide:", self.choice),
            ("&Title:", self.title_field),
            ("&Questions:", self.questions),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "One question per line. Changes apply to this review only, and to records "
                "started from now on; records already made keep their questions."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 480)
        self._show()

    def _current(self) -> ConversationGuide | None:
        index = self.choice.currentIndex()
        return self._guides[index] if 0 <= index < len(self._guides) else None

    def _show(self) -> None:
        guide = self._current()
        if guide is not None:
            self.title_field.setText(guide.title)
            self.questions.setPlainText("\n".join(q.text for q in guide.questions))

    def _save(self) -> None:
        guide = self._current()
        if guide is None:
            self.reject()
            return
        try:
            after = edited_guide(
                guide, self.title_field.text(), self.questions.toPlainText().splitlines()
            )
        except InvalidInputError as problem:
            show_inline(self.problem, str(problem))
            return
        self.result_pair = (guide, after)
        self.accept()


def edit_guides(page: QWidget, service: AnalysisService, undo_stack: QUndoStack) -> None:
    """Open the guide editor; a saved change becomes one undoable step."""
    try:
        guides = service.guides()
    except Exception as error:
        show_error(page, error)
        return
    dialog = GuideDialog(guides, page)

    def show_again(_change: Change) -> None:
        reload = getattr(page, "reload", None)
        if callable(reload):
            reload()

    def accepted() -> None:
        if dialog.result_pair is None or dialog.result_pair[0] == dialog.result_pair[1]:
            return
        before, after = dialog.result_pair
        operation = Replace(
            f"Edit the guide '{after.title}'",
            service.save_guide,
            before,
            after,
            changed=show_again,
            report=lambda error: show_error(page, error),
        )
        push(undo_stack, operation)

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
