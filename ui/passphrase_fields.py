"""A new passphrase typed twice, with a live strength hint: shared by 'new' and 'change'."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit

from reviewer_app.passphrases import MIN_LENGTH, assess


class PassphraseFields(QObject):
    """Adds two password fields and their hints to a form; `changed` fires on every keystroke."""

    changed = Signal()

    def __init__(
        self,
        form: QFormLayout,
        *,
        label: str = "&Passphrase",
        confirm_label: str = "&Confirm passphrase",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setAccessibleName(label.replace("&", ""))
        self.passphrase.setPlaceholderText("A few unrelated words work well")

        self.strength = QLabel()
        self.strength.setObjectName("strengthHint")
        self.strength.setWordWrap(True)
        self.strength.setAccessibleName("Passphrase strength")

        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setObjectName("confirmPassphrase")
        self.confirm.setAccessibleName(confirm_label.replace("&", ""))

        self.match = QLabel()
        self.match.setObjectName("matchHint")
        self.match.setWordWrap(True)
        self.match.setAccessibleName("Whether the passphrases match")

        self.show_text = QCheckBox("&Show passphrases")
        self.show_text.setAccessibleName("Show passphrases")
        self.show_text.toggled.connect(self._show_text)

        form.addRow(label, self.passphrase)
        form.addRow("", self.strength)
        form.addRow(confirm_label, self.confirm)
        form.addRow("", self.match)
        form.addRow("", self.show_text)

        self.passphrase.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self._update()

    def text(self) -> str:
        return self.passphrase.text()

    def is_acceptable(self) -> bool:
        text = self.passphrase.text()
        return assess(text).score > 0 and text == self.confirm.text()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.passphrase, self.confirm, self.show_text):
            widget.setEnabled(enabled)

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def _update(self) -> None:
        text = self.passphrase.text()
        if text:
            self.strength.setText(f"Strength: {assess(text).hint}")
        else:
            self.strength.setText(
                f"Use at least {MIN_LENGTH} characters. Three or four unrelated words are strong "
                "and easy to remember."
            )
        if not self.confirm.text():
            self.match.setText("Type the passphrase again to confirm it.")
        elif self.confirm.text() == text:
            self.match.setText("The passphrases match.")
        else:
            self.match.setText("The passphrases do not match yet.")
        self.changed.emit()
