"""Dialogs of the drafts tab: a draft sent to someone, and a returned copy to read back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reviewer_app.drafts.model import Circulation, Purpose
from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.services.drafts import DraftVersion
from ui.style import inline_error_label, show_inline
from ui.timetable.forms import stack_form
from ui.uk_dates import parse_day, uk

AS_THE_COPY_SAYS = "As its title page says"


def _versions(box: QComboBox, versions: Sequence[DraftVersion]) -> None:
    for version in reversed(versions):  # the newest first: the one most often meant
        box.addItem(f"Version {version.number}, first exported {uk(version.exported_on)}",
                    version.number)  # fmt: skip


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CirculationDialog(QDialog):
    """Who a draft version went to, when, and for what."""

    def __init__(
        self, versions: Sequence[DraftVersion], today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record who a draft went to")
        self.result_circulation: Circulation | None = None
        self.version = QComboBox()
        self.version.setAccessibleName("Draft version")
        _versions(self.version, versions)
        self.sent_on = QLineEdit(uk(today))
        self.sent_on.setAccessibleName("Date it was sent (dd/mm/yyyy)")
        self.sent_to = QLineEdit()
        self.sent_to.setAccessibleName("Who it went to: a person, agency or group")
        self.purpose = QComboBox()
        self.purpose.setAccessibleName("What it went for")
        for purpose in Purpose:
            self.purpose.addItem(purpose.label, purpose.value)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.error = inline_error_label()
        buttons = _buttons(self, "&Record")
        buttons.accepted.connect(self._save)
        form = QFormLayout()
        form.addRow("&Version:", self.version)
        form.addRow("&Sent on:", self.sent_on)
        form.addRow("Sent &to:", self.sent_to)
        form.addRow("&For:", self.purpose)
        form.addRow("&Note:", self.note)
        stack_form(self, form, self.error, buttons)

    def circulation(self) -> Circulation:
        sent_on = parse_day(self.sent_on.text(), "date it was sent")
        if sent_on is None:
            raise InvalidInputError("Please give the date the draft was sent.")
        if self.version.currentData() is None:
            raise InvalidInputError("No draft has been exported yet: export one first.")
        return Circulation(
            int(self.version.currentData()),
            sent_on,
            self.sent_to.text().strip(),
            Purpose(self.purpose.currentData()),
            self.note.text().strip(),
        )

    def _save(self) -> None:
        try:
            self.result_circulation = self.circulation()
        except UserFacingError as error:
            show_inline(self.error, str(error))
            return
        self.accept()


class ReturnedCopyDialog(QDialog):
    """A returned copy of a draft (.docx), who it came from, and which version it is."""

    def __init__(self, versions: Sequence[DraftVersion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read comments from a returned copy")
        self.chosen: tuple[Path, str, int | None] | None = None
        self.path = QLineEdit()
        self.path.setAccessibleName("The returned copy (a Word document)")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose the returned copy")
        browse.clicked.connect(self._browse)
        self.from_name = QLineEdit()
        self.from_name.setAccessibleName("Who returned it: a person, agency or group")
        self.version = QComboBox()
        self.version.setAccessibleName("Which draft version it is")
        self.version.addItem(AS_THE_COPY_SAYS, None)
        _versions(self.version, versions)
        self.error = inline_error_label()
        buttons = _buttons(self, "&Read comments")
        buttons.accepted.connect(self._save)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&File:", file_row)
        form.addRow("F&rom:", self.from_name)
        form.addRow("&Version:", self.version)
        stack_form(self, form, self.error, buttons, 560)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "The returned copy", "", "Word documents (*.docx)"
        )
        if name:
            self.path.setText(name)

    def _save(self) -> None:
        if not self.path.text().strip():
            show_inline(self.error, "Choose the returned copy (a Word document).")
            return
        if not self.from_name.text().strip():
            show_inline(self.error, "Say who returned the copy.")
            return
        version = self.version.currentData()
        self.chosen = (
            Path(self.path.text().strip()),
            self.from_name.text().strip(),
            int(version) if version is not None else None,
        )
        self.accept()
