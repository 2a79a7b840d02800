"""The first-run welcome: how reviews are kept safe, and a way straight into the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.style import heading, plain_label, size_to_content

WELCOME = (
    "SCR Reviewer keeps each review you lead in one encrypted file on this computer. Nothing "
    "leaves the computer: the app makes no network connection."
)
PROTECTION = (
    "Where reviews are kept: wherever you save them (each review is one file ending in "
    "'.review'); the app's own settings, backups and logs are kept in {data}. Settings hold only "
    "the names of recent review files, never anything about a case.\n\n"
    "The passphrase opens a review on any computer. Nobody can open it without the passphrase, "
    "including the makers of this app.\n\n"
    "If this computer has a secure keyring, you can ask it to remember a review's key, so the "
    "review opens without typing the passphrase while you are signed in here.\n\n"
    "When you create a review you are shown a recovery code, once. Print it or save it as a PDF "
    "and keep it away from the computer: it opens the review if the passphrase is forgotten."
)


class WelcomeDialog(QDialog):
    """`choice` after closing: "demo", "guide" or "" (just start)."""

    def __init__(self, data_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to SCR Reviewer")
        self.choice = ""
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading("Welcome to SCR Reviewer", 1.6))
        intro = plain_label(WELCOME)
        intro.setAccessibleName("What SCR Reviewer does")
        layout.addWidget(intro)
        protection = plain_label(PROTECTION.format(data=data_folder))
        protection.setAccessibleName("How your reviews are protected")
        layout.addWidget(protection)
        self.demo_button = QPushButton("Open the &demonstration review")
        self.demo_button.setAccessibleName("Open the demonstration review")
        self.demo_button.clicked.connect(lambda: self._choose("demo"))
        self.guide_button = QPushButton("Read the user &guide")
        self.guide_button.setAccessibleName("Read the user guide")
        self.guide_button.clicked.connect(lambda: self._choose("guide"))
        self.start_button = QPushButton("&Start")
        self.start_button.setAccessibleName("Start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self._choose(""))
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.guide_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)
        size_to_content(self)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
