"""Published reviews: import the reports the reviewer has downloaded (in the background, with
progress and Stop), search them with the passages and pages that match, and look after each
report's details and suggested themes (confirm or reject, with the evidence for each)."""

from __future__ import annotations

import html
import itertools
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import UserFacingError
from reviewer_app.learning.themes import vocabulary
from reviewer_app.published.report import PublishedReport, ReadStatus
from reviewer_app.published.repository import MARK_END, MARK_START, SearchHit
from reviewer_app.review import ReviewType
from reviewer_app.services.published import PublishedImport, PublishedLibrary, files_in
from ui.errors import show_error
from ui.style import heading, plain_label
from ui.tasks import TaskRunner

ID_ROLE = Qt.ItemDataRole.UserRole + 1
THEME_ROLE = Qt.ItemDataRole.UserRole + 2
ANY = "Any"
NO_YEAR = 1989  # the year box's "any year"


def hit_html(hit: SearchHit) -> str:
    """One search result as the results pane shows it (the highlighted words in bold)."""
    snippet = html.escape(" ".join(hit.snippet.split()))
    snippet = snippet.replace(MARK_START, "<b>").replace(MARK_END, "</b>")
    year = f" ({hit.year})" if hit.year is not None else ""
    where = f"page {hit.page}" + (f", {hit.section.label}" if hit.section.label else "")
    return (
        f"<p><b>{html.escape(hit.title)}</b>{year} — {html.escape(hit.partnership)}<br>"
        f"<i>{where}</i>: {snippet}</p>"
    )


def report_line(report: PublishedReport) -> str:
    year = f" ({report.year})" if report.year is not None else ""
    needs = " — needs a text version" if report.status is ReadStatus.NEEDS_TEXT else ""
    return f"{report.title}{year}{needs}"


class PublishedPage(QWidget):
    progressed = Signal(int, int, str)
    #: The import in the background has ended (finished, stopped or failed).
    idle = Signal()

    def __init__(
        self, library: PublishedLibrary, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.stop_event = threading.Event()
        self.choose_folder: Callable[[], Path | None] = self._ask_for_folder
        self.choose_files: Callable[[], list[Path]] = self._ask_for_files

        self.import_folder_button = QPushButton("Import a f&older…")
        self.import_files_button = QPushButton("Import f&iles…")
        self.stop_button = QPushButton("S&top")
        self.stop_button.setEnabled(False)
        self.status = plain_label()
        self.status.setAccessibleName("Import progress")
        self.query = QLineEdit()
        self.query.setPlaceholderText('Words, "a phrase", or word NEAR word')
        self.query.setAccessibleName("Search published reviews")
        self.query.setMinimumWidth(320)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        self.theme.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme.setMinimumContentsLength(16)
        self.theme.addItem(ANY, "")
        for theme in vocabulary():
            self.theme.addItem(theme.label, theme.label)
        self.year_from = QSpinBox()
        self.year_from.setRange(NO_YEAR, 2100)
        self.year_from.setSpecialValueText("any year")
        self.year_from.setValue(NO_YEAR)
        self.year_from.setAccessibleName("From year")
        for editor in self.year_from.findChildren(QLineEdit):
            editor.setAccessibleName("From year")
        self.review_type = QComboBox()
        self.review_type.setAccessibleName("Type of review")
        self.review_type.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.review_type.setMinimumContentsLength(12)
        self.review_type.addItem(ANY, "")
        for kind in ReviewType:
            self.review_type.addItem(kind.label, kind.value)
        self.search_button = QPushButton("&Search")
        self.results = QTextBrowser()
        self.results.setAccessibleName("Passages found")
        self.results.setOpenLinks(False)

        self.reports = QListWidget()
        self.reports.setAccessibleName("Published reviews in the library")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.year = QSpinBox()
        self.year.setRange(NO_YEAR, 2100)
        self.year.setSpecialValueText("not known")
        self.year.setAccessibleName("Year")
        for editor in self.year.findChildren(QLineEdit):
            editor.setAccessibleName("Year")
        self.partnership = QLineEdit()
        self.partnership.setAccessibleName("Partnership")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Type of review")
        self.kind.addItem("Not known", "")
        for kind in ReviewType:
            self.kind.addItem(kind.label, kind.value)
        self.save_button = QPushButton("Save &details")
        self.themes = QListWidget()
        self.themes.setAccessibleName("Suggested themes")
        self.themes.setWordWrap(True)
        self.confirm_button = QPushButton("&Confirm theme")
        self.reject_button = QPushButton("&Reject theme")
        buttons = (
            self.import_folder_button,
            self.import_files_button,
            self.stop_button,
            self.search_button,
            self.save_button,
            self.confirm_button,
            self.reject_button,
        )
        for button in buttons:
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))

        top = QHBoxLayout()
        for widget in (self.import_folder_button, self.import_files_button, self.stop_button):
            top.addWidget(widget)
        top.addWidget(self.status, 1)
        search_row = QHBoxLayout()
        search_label = QLabel("&Find")
        search_label.setBuddy(self.query)
        search_row.addWidget(search_label)
        search_row.addWidget(self.query, 3)
        choices: tuple[tuple[str, QWidget], ...] = (
            ("T&heme", self.theme),
            ("From &year", self.year_from),
            ("Type of re&view", self.review_type),
        )
        for caption, choice in choices:
            label = QLabel(caption)
            label.setBuddy(choice)
            search_row.addWidget(label)
            search_row.addWidget(choice)
        search_row.addWidget(self.search_button)

        details = QWidget()
        form = QFormLayout(details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Tit&le", self.title)
        form.addRow("Year", self.year)
        form.addRow("P&artnership", self.partnership)
        form.addRow("Type", self.kind)
        form.addRow("", self.save_button)
        theme_buttons = QHBoxLayout()
        theme_buttons.addWidget(self.confirm_button)
        theme_buttons.addWidget(self.reject_button)
        theme_buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        reports_label = QLabel("Published reviews in the li&brary")
        reports_label.setBuddy(self.reports)
        right_layout.addWidget(reports_label)
        right_layout.addWidget(self.reports, 2)
        right_layout.addWidget(details)
        themes_label = QLabel("Suggested th&emes, with the evidence for each")
        themes_label.setBuddy(self.themes)
        right_layout.addWidget(themes_label)
        right_layout.addWidget(self.themes, 2)
        right_layout.addLayout(theme_buttons)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.results, 1)
        body = QSplitter()
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Published reviews", 1.3))
        layout.addWidget(
            plain_label(
                "Import the published case reviews you have downloaded (PDF or Word) and search "
                "what other reviews found. The reports are public; the themes you confirm and "
                "what you search for stay in your encrypted learning library."
            )
        )
        layout.addLayout(top)
        layout.addWidget(body, 1)
        order = [
            self.import_folder_button,
            self.import_files_button,
            self.stop_button,
            self.query,
            self.theme,
            self.year_from,
            self.review_type,
            self.search_button,
            self.results,
            self.reports,
            self.title,
            self.year,
            self.partnership,
            self.kind,
            self.save_button,
            self.themes,
            self.confirm_button,
            self.reject_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        self.import_folder_button.clicked.connect(self.import_folder)
        self.import_files_button.clicked.connect(self.import_files)
        self.stop_button.clicked.connect(self.stop_event.set)
        self.query.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.reports.currentRowChanged.connect(lambda _r: self._show_report())
        self.themes.currentRowChanged.connect(lambda _r: self._enable_theme_buttons())
        self.save_button.clicked.connect(self.save_details)
        self.confirm_button.clicked.connect(lambda: self._decide("confirmed"))
        self.reject_button.clicked.connect(lambda: self._decide("rejected"))
        self.progressed.connect(self._progress)
        self.reload()

    # -- the reports ---------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        reports = self.library.reports()
        self.reports.clear()
        for report in reports:
            item = QListWidgetItem(report_line(report))
            item.setData(ID_ROLE, report.id)
            self.reports.addItem(item)
            if report.id == select_id:
                self.reports.setCurrentItem(item)
        if self.reports.currentRow() < 0 and reports:
            self.reports.setCurrentRow(0)
        self._show_report()
        if not self.status.text():
            self.status.setText(
                f"{len(reports)} published review{'s' if len(reports) != 1 else ''} in the library."
            )

    def current_id(self) -> int | None:
        item = self.reports.currentItem()
        found = item.data(ID_ROLE) if item is not None else None
        return int(found) if found is not None else None

    def _show_report(self) -> None:
        report_id = self.current_id()
        has = report_id is not None
        for widget in (self.title, self.year, self.partnership, self.kind, self.save_button):
            widget.setEnabled(has)
        self.themes.clear()
        if report_id is None:
            self._enable_theme_buttons()
            return
        report = self.library.report(report_id)
        self.title.setText(report.title)
        self.year.setValue(report.year if report.year is not None else NO_YEAR)
        self.partnership.setText(report.partnership)
        self.kind.setCurrentIndex(max(0, self.kind.findData(report.review_type)))
        marks = {"confirmed": "✓ confirmed", "rejected": "✗ rejected", "suggested": "suggested"}
        for theme in self.library.themes(report_id):
            item = QListWidgetItem(f"{theme.theme} — {marks[theme.state]}\n    {theme.evidence}")
            item.setData(THEME_ROLE, theme.theme)
            self.themes.addItem(item)
        if self.themes.count():
            self.themes.setCurrentRow(0)
        self._enable_theme_buttons()

    def _enable_theme_buttons(self) -> None:
        has = self.themes.currentItem() is not None
        self.confirm_button.setEnabled(has)
        self.reject_button.setEnabled(has)

    def save_details(self) -> None:
        report_id = self.current_id()
        if report_id is None:
            return
        year = self.year.value()
        try:
            self.library.correct(
                report_id,
                title=self.title.text(),
                year=None if year == NO_YEAR else year,
                partnership=self.partnership.text(),
                review_type=str(self.kind.currentData() or ""),
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        self.reload(report_id)
        self.status.setText("The details were saved.")

    def _decide(self, state: str) -> None:
        report_id, item = self.current_id(), self.themes.currentItem()
        if report_id is None or item is None:
            return
        theme = str(item.data(THEME_ROLE))
        row = self.themes.currentRow()
        if state == "confirmed":
            self.library.confirm(report_id, theme)
        else:
            self.library.reject(report_id, theme)
        self._show_report()
        self.themes.setCurrentRow(min(row + 1, self.themes.count() - 1))

    # -- search --------------------------------------------------------------------------------
    def search(self) -> None:
        words = self.query.text().strip()
        if not words:
            self.results.setHtml("<p>Type the words to look for.</p>")
            return
        year = self.year_from.value()
        try:
            hits = self.library.search(
                words,
                theme=str(self.theme.currentData() or ""),
                year_from=None if year == NO_YEAR else year,
                review_type=str(self.review_type.currentData() or ""),
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        if not hits:
            self.results.setHtml("<p>Nothing in the published reviews matches that search.</p>")
            return
        plural = "s" if len(hits) != 1 else ""
        self.results.setHtml(
            f"<p>{len(hits)} passage{plural} found, best first.</p>"
            + "".join(hit_html(h) for h in hits)
        )

    # -- importing -----------------------------------------------------------------------------
    def import_folder(self) -> None:
        folder = self.choose_folder()
        if folder is not None:
            try:
                paths = files_in(folder)
            except UserFacingError as error:
                show_error(self, error)
                return
            self._start_import(paths)

    def import_files(self) -> None:
        paths = self.choose_files()
        if paths:
            self._start_import(paths)

    def _start_import(self, paths: list[Path]) -> None:
        self.stop_event.clear()
        self.import_folder_button.setEnabled(False)
        self.import_files_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(f"Reading {len(paths)} file{'s' if len(paths) != 1 else ''}…")
        library, event = self.library, self.stop_event
        self.runner.start(
            lambda: library.import_files(
                paths, progress=self.progressed.emit, cancelled=event.is_set
            ),
            self._imported,
            self._failed,
        )

    def _progress(self, done: int, of: int, name: str) -> None:
        if name:
            self.status.setText(f"Reading {done + 1} of {of}: {name}")

    @property
    def busy(self) -> bool:
        """Whether an import is running in the background."""
        return self.stop_button.isEnabled()

    def stop(self) -> None:
        """Ask the import to stop after the file it is reading."""
        self.stop_event.set()
        self.status.setText("Stopping after the file being read…")

    def _finished(self) -> None:
        self.import_folder_button.setEnabled(True)
        self.import_files_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def _imported(self, result: object) -> None:
        try:
            self._show_imported(result)
        finally:
            self.idle.emit()

    def _show_imported(self, result: object) -> None:
        self._finished()
        if not isinstance(result, PublishedImport):
            return
        self.status.setText(result.summary)
        if not self.isVisible():
            return  # its window has gone (closed, or locked): the library may be closed too
        self.reload()
        notes = [f"{name}: {reason}" for name, reason in result.refused]
        notes += [f"'{name}' is scanned: it needs a text version." for name in result.needs_text]
        if notes:
            shown = notes[:12] + ([f"…and {len(notes) - 12} more"] if len(notes) > 12 else [])
            show_error(self, UserFacingError(result.summary + "\n  " + "\n  ".join(shown)))

    def _failed(self, error: Exception) -> None:
        self._finished()
        try:
            if self.isVisible():  # not once its window has gone (closed, or locked)
                show_error(self, error)
        finally:
            self.idle.emit()

    # -- questions (tests replace these) -------------------------------------------------------
    def _ask_for_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Import a folder of published reviews")
        return Path(name) if name else None

    def _ask_for_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import published reviews", "", "Published reviews (*.pdf *.docx)"
        )
        return [Path(n) for n in names]
