"""Telling the reviewer that a review file is damaged, and restoring its newest good backup.

Shown whenever damage is met, at opening or at any later moment (the window has already
stopped using the review). With a good backup, "Restore the newest good backup…" asks where to
save the restored copy (a new file beside the damaged one is suggested; nothing is ever written
over an existing file), copies the backup there, and offers to open it. The damaged file is left
as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import DamagedReviewError, UserFacingError
from ui.style import heading, inline_error_label, plain_label, show_inline, size_to_content

FILE_FILTER = "SCR Reviewer reviews (*.review)"


class DamagedFileDialog(QDialog):
    """`choose_target` asks where to save the restored copy (tests replace it); after a
    restore, `restored` holds its path and `open_requested` is emitted if the reviewer asks to
    open it."""

    open_requested = Signal(Path)

    def __init__(self, error: DamagedReviewError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.damage = error
        self.offer = error.restore
        self.restored: Path | None = None
        damaged = error.path or Path("review.review")
        self.choose_target: Callable[[Path], Path | None] = self._ask_for_target
        self.setWindowTitle(error.title)
        self.setMinimumWidth(560)

        self.message = plain_label(str(error))
        self.message.setObjectName("damageMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.hide()
        self.error = inline_error_label()

        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton(
            "&Restore the newest good backup…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setAccessibleName("Restore the newest good backup as a new review file")
        self.restore_button.setVisible(self.offer is not None)
        self.restore_button.clicked.connect(lambda: self.restore_to_chosen(damaged))
        self.open_button = self.buttons.addButton(
            "&Open the restored review", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.hide()
        self.open_button.clicked.connect(self._open_restored)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        (self.restore_button if self.offer is not None else self.close_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(error.title, 1.4))
        layout.addWidget(self.message)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        size_to_content(self)

    def _ask_for_target(self, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Save the restored review as",
            str(suggested),
            FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # it never overwrites: it refuses
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".review")

    def restore_to_chosen(self, damaged: Path) -> None:
        offer = self.offer
        if offer is None:
            return
        target = self.choose_target(offer.suggested_target(damaged))
        if target is None:
            return
        try:
            offer.restore_to(target)
        except UserFacingError as exc:
            show_inline(self.error, str(exc))
            return
        except OSError as exc:
            show_inline(self.error, f"The backup could not be restored there: {exc.strerror}.")
            return
        self.restored = target
        show_inline(self.error, "")
        self.outcome.setText(
            f"The backup of {offer.taken_text} has been restored as '{target}'. It opens with "
            "the same passphrase and recovery code as the damaged file."
        )
        self.outcome.show()
        self.restore_button.hide()
        self.open_button.show()
        self.open_button.setDefault(True)
        self.open_button.setFocus()
        layout = self.layout()
        if layout is not None:  # grow to fit the new line at the present width
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    def _open_restored(self) -> None:
        if self.restored is not None:
            self.open_requested.emit(self.restored)
        self.accept()
