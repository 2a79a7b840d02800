"""Dialogs that hand slow work (key derivation, opening a file) to a worker.

While the work runs the dialog cannot be closed, its inputs are disabled and a line says what
is happening; a problem the reviewer can fix is shown inside the dialog, anything else through
the one error display.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from reviewer_app.errors import DamagedReviewError, UserFacingError
from ui.errors import show_error
from ui.style import inline_error_label, show_inline


class WorkingDialog(QDialog):
    #: after this long, a line saying why it can take a while joins the busy line
    STILL_AFTER_MS = 2500

    def __init__(self, busy_text: str, parent: QWidget | None = None, still_text: str = "") -> None:
        super().__init__(parent)
        self._busy = False
        self.error = inline_error_label()
        self._busy_text, self._still_text = busy_text, still_text
        self.busy_label = QLabel(busy_text)
        self.busy_label.setObjectName("busy")
        self.busy_label.setWordWrap(True)
        self.busy_label.hide()
        self._still = QTimer(self)
        self._still.setSingleShot(True)
        self._still.timeout.connect(self._say_still)

    def _say_still(self) -> None:
        if self._busy and self._still_text:
            self.busy_label.setText(f"{self._busy_text}\n{self._still_text}")

    # Subclasses say which inputs to disable while busy, and how to refresh their buttons.
    def _inputs(self) -> list[QWidget]:
        return []

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in self._inputs():
            widget.setEnabled(enabled)

    def _update(self) -> None:
        """Refresh which buttons can be pressed (subclasses override)."""

    def is_busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_label.setText(self._busy_text)
        self.busy_label.setVisible(busy)
        if busy:
            self._still.start(self.STILL_AFTER_MS)
        else:
            self._still.stop()
        self._set_inputs_enabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self._update()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, DamagedReviewError):  # typing again will not help: say so plainly
            parent = self.parentWidget()
            super().reject()
            show_error(parent, error)
        elif isinstance(error, UserFacingError):
            show_inline(self.error, str(error))
            self._after_inline_error()
        else:
            show_error(self, error)

    def _after_inline_error(self) -> None:
        """Where the focus goes after a problem is shown (subclasses override)."""
