"""Unlocking one review file: remembered key first, then passphrase or recovery code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.locations import Location, classify, copy_to_this_computer
from ui.errors import show_error
from ui.location_warning import LocationDialog
from ui.new_review_dialog import FILE_FILTER, new_reviews_folder, with_review_suffix
from ui.style import (
    heading,
    monospace_font,
    notice_label,
    show_inline,
    size_to_content,
)
from ui.tasks import TaskRunner
from ui.working_dialog import WorkingDialog

if TYPE_CHECKING:  # only for annotations: the services load when a review opens
    from reviewer_app.review_file import KeyringNotice
    from reviewer_app.services.open_review import ReviewServices, ReviewSessions


STILL_UNLOCKING = (
    "A large review, or one made with an earlier version of SCR Reviewer (brought up to date "
    "the first time it is opened), can take some seconds to open."
)


class UnlockDialog(WorkingDialog):
    """Call `start()`, not `open()`: it tries the key this computer remembers, silently, and
    only shows the dialog when that does not open the review. A review in a synced or network
    folder is first the subject of a `LocationDialog`: copy it to this computer, or open it there.

    After `accepted`, `review` is the open review, `used_recovery_code` says how it was opened
    and `keyring_notice` holds what remembering the key reported (if it was asked for).
    """

    def __init__(
        self, files: ReviewSessions, path: Path, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__("Unlocking…", parent, STILL_UNLOCKING)
        self.files = files
        self.path = path
        self.runner = runner
        self.review: ReviewServices | None = None
        self.used_recovery_code = False
        self.keyring_notice: KeyringNotice | None = None
        #: Where a path is kept, and where to copy a review to; tests replace them.
        self.locate: Callable[[Path], Location] = classify
        self.choose_copy_path: Callable[[Path], Path | None] = self._ask_for_copy_path
        self.location_dialog: LocationDialog | None = None

        self.setWindowTitle("Unlock review")
        self.setMinimumWidth(520)

        where = QLabel(f"'{path.name}' is encrypted. Enter its passphrase to open it.")
        where.setObjectName("where")
        where.setWordWrap(True)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setToolTip(str(path))
        self._where = where

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setAccessibleName("Passphrase")

        self.code = QLineEdit()
        self.code.setObjectName("recoveryCode")
        self.code.setAccessibleName("Recovery code")
        self.code.setFont(monospace_font(self.font().pointSizeF() * 1.1))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-…")

        self.use_code = QCheckBox("Use a &recovery code instead")
        self.use_code.setAccessibleName("Use a recovery code instead of the passphrase")
        self.use_code.toggled.connect(self._switch)

        keyring = files.keyring_status()
        self._keyring_available = keyring.available
        self.remember = QCheckBox("R&emember on this computer")
        self.remember.setAccessibleName("Remember the passphrase on this computer")
        self.remember.setToolTip(
            "Keep the key in this computer's secure keyring, so this review opens without the "
            "passphrase when you are signed in here."
        )
        self.remember.setEnabled(keyring.available)
        if not keyring.available:
            self.remember.setToolTip(keyring.notice)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow("&Passphrase", self.passphrase)
        self.form.addRow("Recovery &code", self.code)
        self.form.addRow("", self.use_code)
        self.form.addRow("", self.remember)
        if not keyring.available:
            self.form.addRow("", notice_label(keyring.notice))

        self.buttons = QDialogButtonBox(self)  # parented now, so setDefault() below takes
        self.ok = self.buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("Unlock review", 1.4))
        layout.addWidget(where)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.passphrase.textChanged.connect(self._update)
        self.code.textChanged.connect(self._update)
        self._switch(False)
        size_to_content(self)

    # -- starting ------------------------------------------------------------------------------

    def start(self) -> None:
        """Try the remembered key; show the dialog only if the reviewer has to type something.
        A review in a synced or network folder: ask first whether to copy it to this computer."""
        try:
            location = self.locate(self.path)
        except Exception:  # detection is best effort; it never stops a review opening
            location = Location()
        if location.is_local:
            self._try_remembered()
            return
        dialog = LocationDialog(self.path, location, self.parentWidget())
        self.location_dialog = dialog
        dialog.finished.connect(lambda _result: self._location_answered(dialog.choice))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _location_answered(self, choice: str) -> None:
        self.location_dialog = None
        target = self.choose_copy_path(self.path) if choice == "copy" else None
        if choice == "here":
            self._try_remembered()
        elif target is None:
            super().reject()
        else:
            source = self.path
            self._busy = True
            self.runner.start(
                lambda: copy_to_this_computer(source, target),
                lambda _done: self._copied(target),
                self._not_opened,
            )

    def _copied(self, target: Path) -> None:
        self.path = target
        self._where.setText(f"'{target.name}' is encrypted. Enter its passphrase to open it.")
        self._where.setToolTip(str(target))
        self._try_remembered()

    def _ask_for_copy_path(self, source: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.parentWidget(),
            "Copy the review to a folder on this computer",
            str(Path(new_reviews_folder()) / source.name),
            FILE_FILTER,
        )
        return with_review_suffix(Path(chosen)) if chosen else None

    def _try_remembered(self) -> None:
        self._busy = True
        self.runner.start(
            lambda: self.files.open_remembered(self.path), self._remembered, self._not_opened
        )

    def _remembered(self, review: ReviewServices | None) -> None:
        self._busy = False
        if review is None:
            self.open()
            self._focus_field()
            return
        self.review = review
        super().accept()

    def _not_opened(self, error: Exception) -> None:
        # The file itself is the problem (missing, damaged, not a review): typing will not help.
        self._busy = False
        show_error(self.parentWidget(), error)
        super().reject()

    # -- typing --------------------------------------------------------------------------------
    def _switch(self, use_code: bool) -> None:
        for field, shown in ((self.passphrase, not use_code), (self.code, use_code)):
            field.setVisible(shown)
            label = self.form.labelForField(field)
            if label is not None:
                label.setVisible(shown)
        show_inline(self.error, "")
        self._update()
        self._focus_field()

    def _field(self) -> QLineEdit:
        return self.code if self.use_code.isChecked() else self.passphrase

    def _focus_field(self) -> None:
        self._field().setFocus()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self._field().text().strip()) and not self._busy)

    # -- unlocking -----------------------------------------------------------------------------
    def accept(self) -> None:
        if self._busy or not self._field().text().strip():
            return
        files, path, remember = self.files, self.path, self.remember.isChecked()
        remember = remember and self.remember.isEnabled()
        use_code = self.use_code.isChecked()
        secret = self._field().text()

        def unlock() -> tuple[ReviewServices, KeyringNotice | None]:
            if use_code:
                review = files.open(path, code=secret)
            else:
                review = files.open(path, passphrase=secret)
            try:
                notice = review.remember_on_this_computer() if remember else None
            except Exception:
                review.close()  # never leave a review open that nobody holds
                raise
            return review, notice

        self.used_recovery_code = use_code
        self._set_busy(True)
        self.runner.start(unlock, self._unlocked, self._failed)

    def _unlocked(self, outcome: tuple[ReviewServices, KeyringNotice | None]) -> None:
        self._set_busy(False)
        self.review, self.keyring_notice = outcome
        self.passphrase.clear()
        self.code.clear()
        super().accept()

    def _after_inline_error(self) -> None:
        self._field().selectAll()
        self._focus_field()

    def _inputs(self) -> list[QWidget]:
        return [self.passphrase, self.code, self.use_code, self.cancel]

    def _set_inputs_enabled(self, enabled: bool) -> None:
        super()._set_inputs_enabled(enabled)
        self.remember.setEnabled(enabled and self._keyring_available)
