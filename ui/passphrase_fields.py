"""A new passphrase typed twice, with a live strength hint: shared by 'new' and 'change'."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit

from reviewer_app.passphrases import MIN_LENGTH, Strength, assess


class PassphraseFields(QObject):
    """Adds two password fields and their hints to a form; `changed` fires on every keystroke.

    `user_inputs` gives the words a reviewer might reach for here (the review's title, the
    file's name), so a passphrase made of them is called weak; call `refresh()` when they change.
    """

    changed = Signal()

    def __init__(
        self,
        form: QFormLayout,
        *,
        label: str = "&Passphrase",
        confirm_label: str = "&Confirm passphrase",
        user_inputs: Callable[[], Iterable[str]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._user_inputs = user_inputs
        self._assessed: tuple[str, tuple[str, ...], Strength] | None = None
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
        return text == self.confirm.text() and self.assessment().acceptable

    def assessment(self) -> Strength:
        """The strength of what is typed, worked out once per passphrase and user inputs."""
        text = self.passphrase.text()
        inputs = tuple(self._user_inputs()) if self._user_inputs is not None else ()
        if self._assessed is None or self._assessed[:2] != (text, inputs):
            self._assessed = (text, inputs, assess(text, inputs))
        return self._assessed[2]

    def refresh(self) -> None:
        """Update the hints, e.g. after the user inputs (the title, the file's name) changed."""
        self._update()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        self._assessed = None

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
            self.strength.setText(f"Strength: {self.assessment().hint}")
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
