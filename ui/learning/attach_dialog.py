"""Choosing a library note to attach, and what in the review it speaks to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.learning.attached import NoteTarget, TargetChoice, TargetKind
from reviewer_app.learning.note import LearningNote
from ui.learning.library_page import note_markdown
from ui.style import plain_label, size_to_content


class AttachNoteDialog(QDialog):
    """A searchable list of notes, a preview, and tick boxes for findings, markers, episodes.
    Nothing ticked attaches the note to the review as a whole."""

    def __init__(
        self,
        notes: list[LearningNote],
        targets: list[TargetChoice],
        preselected: tuple[NoteTarget, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attach a learning note")
        self.setMinimumWidth(820)
        self._notes = notes
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search your notes")
        self.search.setAccessibleName("Search your notes")
        self.search.setClearButtonEnabled(True)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Notes in your library")
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("The chosen note")
        self.preview.setOpenLinks(False)
        self.targets = QListWidget()
        self.targets.setAccessibleName("Attach it to these parts of the review as well")
        for choice in targets:
            item = QListWidgetItem(choice.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = choice.target in preselected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, choice.target)
            self.targets.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Attach")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.notes, 1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 3)
        label = QLabel("Also attach to (optional; the note always goes with the &review):")
        label.setWordWrap(True)
        label.setBuddy(self.targets)
        right.addWidget(label)
        right.addWidget(self.targets, 2)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "The note is copied into the review, so the review file stays complete when you "
                "hand it on. Later changes in your library can be pulled in."
            )
        )
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        for first, second in (
            (self.search, self.notes),
            (self.notes, self.preview),
            (self.preview, self.targets),
            (self.targets, self.buttons),
        ):
            self.setTabOrder(first, second)
        self.search.textChanged.connect(lambda _t: self._fill())
        self.notes.currentItemChanged.connect(lambda *_: self._show())
        self._fill()
        size_to_content(self)
        self.resize(self.width(), max(self.height(), 520))

    def _fill(self) -> None:
        words = self.search.text().casefold().split()
        self.notes.clear()
        for note in self._notes:
            haystack = f"{note.title} {note.event} {' '.join(note.tags)} {note.body}".casefold()
            if all(w in haystack for w in words):
                item = QListWidgetItem(note.title)
                item.setData(Qt.ItemDataRole.UserRole, note.uid)
                self.notes.addItem(item)
        if self.notes.count():
            self.notes.setCurrentRow(0)
        self._show()

    def _show(self) -> None:
        note = self.chosen_note()
        self.preview.setMarkdown(note_markdown(note) if note else "No note matches.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(note is not None)

    def chosen_note(self) -> LearningNote | None:
        item = self.notes.currentItem()
        uid = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((n for n in self._notes if n.uid == uid), None)

    def chosen_targets(self) -> tuple[NoteTarget, ...]:
        found = []
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(found)


def target_label(target: NoteTarget, choices: list[TargetChoice]) -> str:
    found = next((c.label for c in choices if c.target == target), None)
    return found or f"{target.kind.label} {target.ref}"


__all__ = ["AttachNoteDialog", "TargetChoice", "TargetKind", "target_label"]
