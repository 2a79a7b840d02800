"""Drafts and comments, a tab of the Timetable page: each version of the report exported, who
it went to and for what; the comments and tracked changes read back from returned copies (the
response log), each answered here. Every change is an undoable step (`ui.operations`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.drafts.model import Circulation, DraftComment
from reviewer_app.services.drafts import DraftsService, DraftVersion, ImportedComments
from ui.errors import show_error
from ui.operations import Add, Change, Operation, Replace, push, returning
from ui.style import heading, plain_label
from ui.tasks import TaskRunner
from ui.timetable.draft_dialogs import CirculationDialog, ReturnedCopyDialog
from ui.timetable.tables import table
from ui.uk_dates import uk

INTRO = (
    "Each version of the report you export is numbered. Record who each went to and why "
    "(factual accuracy, the family, panel challenge). When a copy comes back with comments or "
    "tracked changes in Word, read it in: every comment lands in the response log below, to be "
    "answered before the next draft."
)
NO_VERSIONS = (
    "No draft exported from this file yet: export one from the Report page, then record who "
    "it went to and read back the copies that return."
)
NOTHING_SELECTED = "Choose a comment in the log to answer it."
_STATUS = {"internal": "Internal working draft", "panel": "Draft for the panel", "final": "Final"}


@dataclass(frozen=True, slots=True)
class DraftsView:
    versions: list[DraftVersion]
    circulations: list[Circulation]
    comments: list[DraftComment]


def _flat(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DraftsTab(QWidget):
    def __init__(
        self,
        service: DraftsService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.runner = runner
        self.view = DraftsView([], [], [])

        self.versions = table(["Version", "First exported", "Status", "Sent to"], "Drafts", (3,))
        self.versions.setMaximumHeight(self.versions.fontMetrics().height() * 8)
        self.no_versions = plain_label(NO_VERSIONS)
        self.send_button = QPushButton("Record who a draft &went to…")
        self.send_button.clicked.connect(self.open_circulation_dialog)
        self.import_button = QPushButton("Read &comments from a returned copy…")
        self.import_button.clicked.connect(self.open_import_dialog)
        self.log = table(
            ["Version", "From", "Kind", "Passage", "What they said", "Response", "Changed"],
            "Response log",
            (3, 4, 5),
        )
        self.log.itemSelectionChanged.connect(self._comment_selected)
        self.passage = plain_label(NOTHING_SELECTED)
        self.passage.setAccessibleName("The passage the comment is about")
        self.response = QPlainTextEdit()
        self.response.setAccessibleName("Your response to the comment")
        self.response.setTabChangesFocus(True)
        self.response.setMaximumHeight(self.response.fontMetrics().lineSpacing() * 3 + 14)
        self.changed = QCheckBox("The &draft changed because of it")
        self.save_button = QPushButton("&Save response")
        self.save_button.clicked.connect(self.save_response)
        self.waiting = plain_label("")
        self.waiting.setAccessibleName("Comments without a response")

        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        answer = QHBoxLayout()
        answer.addWidget(self.response, 1)
        side = QVBoxLayout()
        side.addWidget(self.changed)
        side.addWidget(self.save_button)
        side.addStretch(1)
        answer.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(plain_label(INTRO))
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.no_versions)
        layout.addLayout(buttons)
        layout.addWidget(heading("Response log", 1.2))
        layout.addWidget(self.waiting)
        layout.addWidget(self.log, 2)
        layout.addWidget(self.passage)
        layout.addLayout(answer)
        self._comment_selected()

    def add_below(self, widget: QWidget) -> None:
        """Put `widget` under the response log (the page adds sign-off and publication)."""
        layout = self.layout()
        assert layout is not None
        layout.addWidget(widget)

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.start(self._read, self._fill, lambda error: show_error(self, error))

    def _read(self) -> DraftsView:
        return DraftsView(
            self.service.versions(), self.service.circulations(), self.service.comments()
        )

    def _fill(self, view: DraftsView) -> None:
        self.view = view
        exported = {v.number: v for v in view.versions}
        numbers = sorted(set(exported) | {c.version for c in view.circulations})
        self.versions.setRowCount(len(numbers))
        for row, number in enumerate(numbers):
            version = exported.get(number)
            sent = [
                f"{c.sent_to} ({c.purpose.label.lower()}, {uk(c.sent_on)})"
                for c in view.circulations
                if c.version == number
            ]
            cells = (
                str(number),
                uk(version.exported_on) if version else "Not in this file's log",
                _STATUS.get(version.status, version.status) if version else "",
                "; ".join(sent) or "Not recorded as sent",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.versions.setItem(row, column, item)
        self.no_versions.setVisible(not view.versions)
        self.send_button.setEnabled(bool(view.versions))
        self.import_button.setEnabled(bool(view.versions))
        chosen = self._chosen()
        self.log.setRowCount(len(view.comments))
        for row, comment in enumerate(view.comments):
            said = comment.comment
            row_cells = (
                str(comment.version),
                comment.from_name,
                said.kind.label,
                _flat(said.passage),
                _flat(said.said),
                _flat(comment.response) or "No response yet",
                "Yes" if comment.draft_changed else "No",
            )
            for column, text in enumerate(row_cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.log.setItem(row, column, item)
            if chosen is not None and comment.id == chosen.id:
                self.log.selectRow(row)
        waiting = sum(1 for c in view.comments if not c.answered)
        self.waiting.setText(
            f"{waiting} without a response: the next draft's readiness check lists them."
            if waiting
            else "Every comment has a response."
            if view.comments
            else "No comments read back yet."
        )
        self._comment_selected()

    def _chosen(self) -> DraftComment | None:
        rows = self.log.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.view.comments):
            return None
        return self.view.comments[rows[0].row()]

    def _comment_selected(self) -> None:
        chosen = self._chosen()
        for widget in (self.response, self.changed, self.save_button):
            widget.setEnabled(chosen is not None)
        if chosen is None:
            self.passage.setText(NOTHING_SELECTED)
            self.response.setPlainText("")
            self.changed.setChecked(False)
            return
        said = chosen.comment
        where = said.paragraph or said.passage or "(not anchored to any text)"
        self.passage.setText(
            f"{said.kind.label} by {said.author or chosen.from_name} on: "
            f"“{_flat(where, 400)}”\nWhat they said: “{_flat(said.said, 400)}”"
        )
        self.response.setPlainText(chosen.response)
        self.changed.setChecked(chosen.draft_changed)

    # -- changing ------------------------------------------------------------------------------
    def _heard(self, _change: Change) -> None:
        self.reload()

    def save_response(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        after = replace(
            chosen,
            response=self.response.toPlainText().strip(),
            draft_changed=self.changed.isChecked(),
        )
        if after == chosen:
            return
        push(
            self.undo_stack,
            Replace(
                "Answer a comment on the draft",
                self.service.save_response,
                chosen,
                after,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def open_circulation_dialog(self) -> None:
        dialog = CirculationDialog(self.view.versions, self.service.today(), self)
        if not dialog.exec() or dialog.result_circulation is None:
            return
        push(
            self.undo_stack,
            Add(
                "Record who a draft went to",
                self.service.record_circulation,
                returning(self.service.remove_circulation),
                self.service.record_circulation,
                dialog.result_circulation,
                changed=self._heard,
                resync=self.reload,
            ),
        )

    def open_import_dialog(self) -> None:
        dialog = ReturnedCopyDialog(self.view.versions, self)
        if not dialog.exec() or dialog.chosen is None:
            return
        self.read_returned_copy(*dialog.chosen)

    def read_returned_copy(self, path: Path, from_name: str, version: int | None) -> None:
        """Read a copy's comments into the log, as one undoable step."""
        operation = ReadCopyCommand(self.service, path, from_name, version, self.reload)
        if push(self.undo_stack, operation) and operation.imported is not None:
            self.waiting.setText(operation.imported.summary(from_name))


class ReadCopyCommand(Operation):
    """Read a returned copy into the response log; undo takes those comments out again, redo
    puts them back (same ids, any responses given since kept)."""

    def __init__(
        self,
        service: DraftsService,
        path: Path,
        from_name: str,
        version: int | None,
        on_change: Callable[[], None],
    ) -> None:
        super().__init__(
            "Read comments from a returned copy",
            changed=lambda _change: on_change(),
            resync=on_change,
        )
        self._service = service
        self._read = (path, from_name, version)
        self.imported: ImportedComments | None = None
        self._removed: ImportedComments | None = None

    def apply(self) -> object:
        if self._removed is not None:
            self._service.restore_imported(self._removed)
            self.imported, self._removed = self._removed, None
        else:
            self.imported = self._service.import_comments(*self._read)
        return self.imported

    def revert(self) -> object:
        assert self.imported is not None
        self._removed = self._service.remove_imported(self.imported)
        return None
