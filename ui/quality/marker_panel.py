"""One marker in detail: our summary, its status and notes, each prompt, evidence, suggestions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.quality.assessment import (
    EvidenceKind,
    EvidenceLink,
    MarkerAssessment,
    PromptAssessment,
    Status,
)
from reviewer_app.quality.markers import Marker
from reviewer_app.quality.suggestions import Suggestion
from ui.quality.widgets import NotesEdit, combo_status, set_status, status_combo
from ui.style import heading, plain_label

GAP = "Needs attention: "
LOADING = "Reading the quality markers…"
NO_EVIDENCE = "Nothing linked yet: choose something the review holds below and link it."


class MarkerPanel(QWidget):
    marker_status_chosen = Signal(object)  # Status
    notes_finished = Signal(str)
    prompt_status_chosen = Signal(str, object)  # prompt key, Status
    link_requested = Signal(object)  # EvidenceLink
    unlink_requested = Signal(object)  # EvidenceLink

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Nothing is held until the page shows a real marker: every control stays disabled, so
        # nothing can be saved against a marker that does not exist.
        self.marker: Marker | None = None
        self.recorded: MarkerAssessment | None = None
        self.waiting = plain_label(LOADING)
        self.waiting.setAccessibleName("About this panel")
        self.title = heading("", 1.3)
        self.stage = plain_label()
        self.summary = plain_label()
        self.summary.setAccessibleName("What this marker is about (our summary)")
        self.status = status_combo("Status of this marker")
        self.status.activated.connect(self._status_chosen)
        self.notes = NotesEdit()
        self.notes.setAccessibleName("Notes on this marker")
        self.notes.setPlaceholderText("Your notes: what you did, what is still to do…")
        self.notes.setMaximumHeight(80)
        self.notes.editing_finished.connect(self.commit_notes)

        self.prompt_box = QWidget()
        self.prompt_form = QFormLayout(self.prompt_box)
        self.prompt_form.setContentsMargins(0, 0, 0, 0)
        self.prompt_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.prompt_combos: dict[str, QComboBox] = {}

        self.evidence = QListWidget()
        self.evidence.setAccessibleName("Evidence linked to this marker")
        self.evidence.setMaximumHeight(110)
        self.unlink_button = QPushButton("Re&move link")
        self.unlink_button.setAccessibleName("Remove the selected evidence link")
        self.unlink_button.clicked.connect(self._unlink)
        self.choices = QComboBox()
        self.choices.setAccessibleName("Something in the review to link as evidence")
        self.choices.setMinimumContentsLength(30)
        self.choices.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_button = QPushButton("&Link as evidence")
        self.link_button.setAccessibleName("Link the chosen item as evidence")
        self.link_button.clicked.connect(self._link_choice)

        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName("Suggestions for this marker")
        self.suggestions.setMaximumHeight(110)
        self.suggestions.setWordWrap(True)
        self.accept_button = QPushButton("Link the su&ggested evidence")
        self.accept_button.setAccessibleName("Link the selected suggested evidence")
        self.accept_button.clicked.connect(self._accept_suggestion)
        self.suggestions.currentRowChanged.connect(self._suggestion_selected)

        status_row = QFormLayout()
        status_row.addRow("Marker &status:", self.status)
        label = status_row.labelForField(self.status)
        if isinstance(label, QLabel):
            label.setBuddy(self.status)
        self.body = QWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 0, 0, 0)
        outer.addWidget(self.waiting)
        outer.addWidget(self.body)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stage)
        layout.addWidget(self.summary)
        layout.addLayout(status_row)
        layout.addWidget(self.notes)
        layout.addWidget(heading("How might you know? (our paraphrase)", 1.05))
        layout.addWidget(self.prompt_box)
        layout.addWidget(heading("Evidence", 1.05))
        layout.addWidget(self.evidence)
        link_row = QHBoxLayout()
        link_row.addWidget(self.choices, 1)
        link_row.addWidget(self.link_button)
        link_row.addWidget(self.unlink_button)
        layout.addLayout(link_row)
        layout.addWidget(heading("What the app can see", 1.05))
        layout.addWidget(self.suggestions)
        layout.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addStretch(1)
        self.show_nothing(LOADING)

    # -- showing -------------------------------------------------------------------------------
    def show_nothing(self, message: str) -> None:
        """No marker to show (yet): say so, and hold nothing that could be saved."""
        self.marker, self.recorded = None, None
        self.waiting.setText(message)
        self.waiting.show()
        self.body.hide()
        self.body.setEnabled(False)
        self.evidence.clear()
        self.suggestions.clear()
        self.choices.clear()
        self.notes.blockSignals(True)
        self.notes.clear()
        self.notes.blockSignals(False)

    def show_marker(
        self,
        marker: Marker,
        stage_title: str,
        recorded: MarkerAssessment,
        status: Status,
        suggestions: Sequence[Suggestion],
    ) -> None:
        same = self.marker is not None and self.marker.number == marker.number
        self.marker, self.recorded = marker, recorded
        self.waiting.hide()
        self.body.setEnabled(True)
        self.body.show()
        self.title.setText(marker.label)
        self.title.setAccessibleName(f"Marker {marker.label}")
        self.stage.setText(stage_title)
        self.summary.setText(marker.summary)
        set_status(self.status, status)
        if not same or not self.notes.hasFocus():
            self.notes.setPlainText(recorded.notes)
        self._show_prompts(marker, recorded, same)
        self.evidence.clear()
        for link in recorded.evidence:
            item = QListWidgetItem(f"{EvidenceKind.label_for(link.kind)}: {link.label}")
            item.setData(Qt.ItemDataRole.UserRole, link)
            self.evidence.addItem(item)
        if not recorded.evidence:
            self.evidence.addItem(NO_EVIDENCE)
        self.unlink_button.setEnabled(bool(recorded.evidence))
        self.suggestions.clear()
        for suggestion in suggestions:
            text = (GAP if suggestion.is_gap else "Can be linked: ") + suggestion.message
            if suggestion.link is not None:
                text += f" ({suggestion.link.label})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, suggestion)
            self.suggestions.addItem(item)
        if not suggestions:
            self.suggestions.addItem("Nothing to suggest for this marker.")
        self._suggestion_selected()

    def _show_prompts(self, marker: Marker, recorded: MarkerAssessment, same: bool) -> None:
        if not same:
            while self.prompt_form.rowCount():
                self.prompt_form.removeRow(0)
            self.prompt_combos = {}
            for prompt in marker.prompts:
                combo = status_combo(f"Status of prompt {marker.number}{prompt.key}: {prompt.text}")
                combo.activated.connect(
                    lambda _i, key=prompt.key, c=combo: self.prompt_status_chosen.emit(
                        key, combo_status(c)
                    )
                )
                text = plain_label(f"{marker.number}{prompt.key}. {prompt.text}")
                text.setBuddy(combo)
                self.prompt_form.addRow(text, combo)
                self.prompt_combos[prompt.key] = combo
        for key, combo in self.prompt_combos.items():
            set_status(combo, recorded.prompt(key).status)

    def show_choices(self, choices: Sequence[EvidenceLink]) -> None:
        self.choices.clear()
        for link in choices:
            self.choices.addItem(f"{EvidenceKind.label_for(link.kind)}: {link.label}", link)
        self.link_button.setEnabled(bool(choices))

    # -- acting --------------------------------------------------------------------------------
    def _status_chosen(self) -> None:
        self.marker_status_chosen.emit(combo_status(self.status))

    def commit_notes(self) -> None:
        if self.marker is None or self.recorded is None:
            return
        if self.notes.toPlainText() != self.recorded.notes:
            self.notes_finished.emit(self.notes.toPlainText())

    def _link_choice(self) -> None:
        link = self.choices.currentData()
        if isinstance(link, EvidenceLink):
            self.link_requested.emit(link)

    def _unlink(self) -> None:
        item = self.evidence.currentItem() or self.evidence.item(0)
        link = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(link, EvidenceLink):
            self.unlink_requested.emit(link)

    def _selected_suggestion(self) -> Suggestion | None:
        item = self.suggestions.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item else None
        return found if isinstance(found, Suggestion) else None

    def _suggestion_selected(self) -> None:
        chosen = self._selected_suggestion()
        self.accept_button.setEnabled(chosen is not None and chosen.link is not None)

    def _accept_suggestion(self) -> None:
        chosen = self._selected_suggestion()
        if chosen is not None and chosen.link is not None:
            self.link_requested.emit(chosen.link)

    def prompt_assessment(self, key: str) -> PromptAssessment:
        return self.recorded.prompt(key) if self.recorded is not None else PromptAssessment()
