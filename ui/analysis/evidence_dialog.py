"""Searching the library of published reviews for evidence that a finding is systemic.

The search starts with the finding's theme; the reviewer ticks the passages to link. Linking
copies each passage into the review (`FindingEvidenceService.link`).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import UserFacingError
from reviewer_app.published.repository import SearchHit
from reviewer_app.services.published import PublishedLibrary
from ui.errors import show_error
from ui.style import plain_label, size_to_content

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
_JOINED = re.compile(r"»([\s\-–]+)«")


def hit_line(hit: SearchHit) -> str:
    """One result as the list shows it: the report, where in it, and the matched words."""
    year = f" ({hit.year})" if hit.year is not None else ""
    partnership = f" — {hit.partnership}" if hit.partnership else ""
    where = f"page {hit.page}" + (f", {hit.section.label}" if hit.section.label else "")
    # neighbouring matched words share one pair of marks: «bruising in non-mobile babies»
    snippet = _JOINED.sub(r"\1", " ".join(hit.plain_snippet("«", "»").split()))
    return f"{hit.title}{year}{partnership}\n{where}: {snippet}"


class PublishedEvidenceDialog(QDialog):
    """Search the published reviews and tick the passages that show the finding is systemic."""

    def __init__(
        self,
        library: PublishedLibrary,
        statement: str,
        theme: str,
        linked_passages: frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find evidence in published reviews")
        self.setMinimumWidth(760)
        self.library = library
        self._linked = linked_passages
        self.query = QLineEdit(theme)
        self.query.setAccessibleName("Words to look for in the published reviews")
        self.query.setPlaceholderText('Words, a "phrase in quotes", or NEAR(word word)')
        self.query.setClearButtonEnabled(True)
        self.search_button = QPushButton("&Search")
        self.results = QListWidget()
        self.results.setAccessibleName("Passages found: tick those to link")
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setStyleSheet(
            "QListWidget::item { padding: 4px 4px; border-bottom: 1px solid palette(midlight); }"
        )
        self.found = plain_label()
        self.found.setAccessibleName("How many passages were found")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.link_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.link_button.setText("&Link ticked passages")
        self.link_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        label = QLabel("&Find")
        label.setBuddy(self.query)
        row.addWidget(label)
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                f"The finding: {statement}\n"
                "Tick the passages from other reviews that show the same. Each is copied into "
                "this review with its report's title, year and partnership, so the review keeps "
                "it when handed on."
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.found)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.query.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.results.itemChanged.connect(lambda _item: self._enable())
        size_to_content(self)
        if theme.strip():
            self.search()

    def search(self) -> None:
        words = self.query.text().strip()
        self.results.clear()
        if not words:
            self.found.setText("Type the words to look for.")
            self._enable()
            return
        try:
            hits = self.library.search(words)
        except UserFacingError as error:
            show_error(self, error)
            return
        for hit in hits:
            item = QListWidgetItem(hit_line(hit))
            item.setData(HIT_ROLE, hit)
            if hit.passage_id in self._linked:
                item.setText(item.text() + "\n(already linked to this finding)")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.results.addItem(item)
        if hits:
            plural = "s" if len(hits) != 1 else ""
            self.found.setText(f"{len(hits)} passage{plural} found, best first.")
        else:
            self.found.setText(
                "Nothing in your published reviews matches that search: try other words."
            )
        self._enable()

    def chosen(self) -> list[SearchHit]:
        """The ticked passages, in the order shown."""
        hits = []
        for n in range(self.results.count()):
            item = self.results.item(n)
            if item.checkState() is Qt.CheckState.Checked:
                hits.append(item.data(HIT_ROLE))
        return hits

    def _enable(self) -> None:
        self.link_button.setEnabled(bool(self.chosen()))
