"""Choosing a new passphrase for the open review (which also makes a new recovery code)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.passphrase_fields import PassphraseFields
from ui.style import heading, size_to_content
from ui.tasks import TaskRunner
from ui.working_dialog import WorkingDialog

if TYPE_CHECKING:  # only for annotations: the services load when a review opens
    from reviewer_app.services.open_review import ReviewServices

INTRO = (
    "The new passphrase replaces the old one straight away. SCR Reviewer then shows a new "
    "recovery code: the old code stops working."
)
AFTER_RECOVERY = (
    "You opened this review with its recovery code. Choose a new passphrase now, so that you "
    "can open it without the code next time."
)


class ChangePassphraseDialog(WorkingDialog):
    """After `accepted`, `recovery_code` holds the review's new recovery code."""

    def __init__(
        self,
        review: ReviewServices,
        runner: TaskRunner,
        *,
        after_recovery: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Changing the passphrase…", parent)
        self.review = review
        self.runner = runner
        self.recovery_code: str | None = None
        self.setWindowTitle("Change passphrase")
        self.setMinimumWidth(520)

        intro = QLabel(f"{AFTER_RECOVERY} {INTRO}" if after_recovery else INTRO)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.passphrase = PassphraseFields(
            form,
            label="&New passphrase",
            confirm_label="&Confirm new passphrase",
            parent=self,
        )

        self.buttons = QDialogButtonBox(self)  # parented now, so setDefault() below takes
        self.ok = self.buttons.addButton(
            "C&hange passphrase", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setDefault(True)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("Change passphrase", 1.4))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.passphrase.changed.connect(self._update)
        self._update()
        self.passphrase.passphrase.setFocus()
        size_to_content(self)

    def _update(self) -> None:
        self.ok.setEnabled(self.passphrase.is_acceptable() and not self._busy)

    def accept(self) -> None:
        if self._busy or not self.passphrase.is_acceptable():
            return
        review, new = self.review, self.passphrase.text()
        self._set_busy(True)
        self.runner.start(lambda: review.change_passphrase(new), self._changed, self._failed)

    def _changed(self, code: str) -> None:
        self._set_busy(False)
        self.recovery_code = code
        self.passphrase.clear()
        super().accept()

    def _inputs(self) -> list[QWidget]:
        return [self.cancel]

    def _set_inputs_enabled(self, enabled: bool) -> None:
        super()._set_inputs_enabled(enabled)
        self.passphrase.set_enabled(enabled)
