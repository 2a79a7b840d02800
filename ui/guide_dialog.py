"""The user guide, shown inside the app from the copy shipped with it (no network needed)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def guide_folder() -> str:
    return str(resources.files("resources").joinpath("guide"))


def guide_markdown() -> str:
    return resources.files("resources").joinpath("guide/user-guide.md").read_text("utf-8")


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SCR Reviewer user guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)  # offline: nothing is opened outside the app
        self.browser.setSearchPaths([guide_folder()])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(guide_folder() + "/"))
        self.browser.setMarkdown(guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 720)
