"""What an import of learning datasets did: the summary, every refusal and note (the first
screenful, then "…and N more"), and the whole list saved as CSV for the collator's records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.services.collation import CollationImport
from ui.style import plain_label


class ImportSummaryDialog(QDialog):
    def __init__(
        self,
        result: CollationImport,
        save: Callable[[Path], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Learning datasets imported — SCR Reviewer")
        self.outcome = result
        self.save = save
        self.choose_path: Callable[[], Path | None] = self._ask_for_path
        self.details = QPlainTextEdit("\n".join(result.lines()))
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What was not imported, and why")
        self.save_button = QPushButton("&Save the list as CSV…")
        self.save_button.setAccessibleName("Save the list as CSV")
        self.save_button.setEnabled(bool(result.refused))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(result.summary))
        layout.addWidget(
            plain_label(
                "A file that could not be read, or a dataset the anonymisation check kept out, "
                "is named with the reason; the text it found is never shown. Ask whoever sent it "
                "for a corrected dataset."
            )
        )
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self.save_list)
        self.resize(760, 420)

    def save_list(self) -> None:
        path = self.choose_path()
        if path is not None:
            self.save(path)
            self.save_button.setText("Saved")
            self.save_button.setEnabled(False)

    def _ask_for_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the list", "Datasets not imported.csv", "CSV (*.csv)"
        )
        return Path(name) if name else None
