"""Learning across reviews: import learning datasets, see findings collated four ways, open the
findings behind any count, and export a briefing on a practice-issue theme.

`CollationWindow(service, export_briefing, runner)`: the composition root passes
`exporters.briefing.export_briefing` as `export_briefing`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from exporters.api import TableFormat, write_collation_table
from reviewer_app.errors import UserFacingError
from reviewer_app.learning.collation import (
    CollationFilter,
    Dimension,
    Group,
    ThemeBriefing,
    briefing_for,
)
from reviewer_app.learning.themes import MergeSuggestion
from reviewer_app.services.collation import CollationImport, CollationService, ReadDatasets
from ui.errors import show_error
from ui.learning.bar_chart import BarChart
from ui.learning.collation_datasets import DatasetsDialog
from ui.learning.collation_filters import FilterBar
from ui.learning.collation_models import FindingsModel, GroupsModel, table_view
from ui.learning.import_summary import ImportSummaryDialog
from ui.learning.theme_merges import MergePanel
from ui.style import heading, plain_label
from ui.tasks import TaskRunner

BriefingExport = Callable[[ThemeBriefing, str, Path], object]


class CollationWindow(QWidget):
    def __init__(
        self,
        service: CollationService,
        export_briefing: BriefingExport | None,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Learning across reviews — SCR Reviewer")
        self.setAccessibleName("Learning across reviews")
        self.service = service
        self.export_briefing = export_briefing
        self.runner = runner
        self.choose_files: Callable[[], list[Path]] = self._ask_for_files
        self.choose_briefing_path: Callable[[str], tuple[Path, str] | None] = self._ask_for_path

        self.choose_table_path: Callable[[], Path | None] = self._ask_for_table_path
        self.choose_merges_path: Callable[[bool], Path | None] = self._ask_for_merges_path
        self.import_button = QPushButton("&Import learning datasets…")
        self.datasets_button = QPushButton("&Datasets…")
        self.table_button = QPushButton("Export &table…")
        self.clear_button = QPushButton("&Clear")
        self.filters = FilterBar()
        self.merges = MergePanel()
        self.share_button = QPushButton("Export &merges…")
        self.use_shared_button = QPushButton("&Use shared merges…")
        self.kept = plain_label()
        self.kept.setAccessibleName("Where the collation is kept")
        self.dimension = QComboBox()
        self.dimension.setAccessibleName("Collate findings by")
        for dimension in Dimension:
            self.dimension.addItem(dimension.label, dimension.value)
        self.summary = plain_label()
        self.summary.setAccessibleName("What is collated")
        self.groups_model = GroupsModel()
        self.groups = table_view("Collated findings")
        self.groups.setModel(self.groups_model)
        self.groups.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.groups.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.chart = BarChart()
        chart_area = QScrollArea()
        chart_area.setWidget(self.chart)
        chart_area.setWidgetResizable(True)
        chart_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.findings_model = FindingsModel()
        self.findings = table_view("Findings behind the selected value")
        self.findings.setModel(self.findings_model)
        header = self.findings.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 215, 145, 175, 215)):
            self.findings.setColumnWidth(column, width)
        self.findings_label = QLabel("&Findings behind the selected value")
        self.findings_label.setBuddy(self.findings)
        self.briefing_button = QPushButton("Export &briefing on this theme…")
        for button in (
            self.import_button,
            self.datasets_button,
            self.table_button,
            self.clear_button,
            self.briefing_button,
            self.share_button,
            self.use_shared_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        by_label = QLabel("Collate &by")
        by_label.setBuddy(self.dimension)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.datasets_button)
        top.addWidget(self.table_button)
        top.addWidget(self.clear_button)
        top.addStretch(1)
        top.addWidget(by_label)
        top.addWidget(self.dimension)
        self.merge_area = QWidget()
        merge_layout = QVBoxLayout(self.merge_area)
        merge_layout.setContentsMargins(0, 0, 0, 0)
        merge_layout.addWidget(self.merges, 1)
        share = QHBoxLayout()
        share.addWidget(self.share_button)
        share.addWidget(self.use_shared_button)
        share.addStretch(1)
        merge_layout.addLayout(share)
        upper = QSplitter()
        upper.addWidget(self.groups)
        upper.addWidget(chart_area)
        upper.addWidget(self.merge_area)
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 2)
        upper.setStretchFactor(2, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.findings_label)
        row.addStretch(1)
        row.addWidget(self.briefing_button)
        lower_layout.addLayout(row)
        lower_layout.addWidget(self.findings, 1)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(lower)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Learning across reviews"))
        layout.addWidget(
            plain_label(
                "Import the anonymised learning datasets of your reviews and any you are given. "
                "Findings are counted by category, practice-issue theme, stage of the child's "
                "journey and agency type; select a row to see the findings behind it."
            )
        )
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.kept)
        layout.addWidget(body, 1)
        order = [
            self.import_button,
            self.datasets_button,
            self.table_button,
            self.clear_button,
            self.dimension,
            self.filters,
            self.groups,
            self.merges,
            self.share_button,
            self.use_shared_button,
            self.findings,
            self.briefing_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        self.import_button.clicked.connect(self.import_files)
        self.clear_button.clicked.connect(self.clear)
        self.datasets_button.clicked.connect(self.show_datasets)
        self.table_button.clicked.connect(self.export_table)
        self.filters.changed.connect(self._filter_changed)
        self.merges.merge.connect(self.merge)
        self.merges.dismiss.connect(self.dismiss)
        self.share_button.clicked.connect(self.export_merges)
        self.use_shared_button.clicked.connect(self.use_shared_merges)
        self.kept.setText(
            "The collation is kept in your learning library."
            if service.kept
            else "This collation is not kept: open your learning library (Learning library…) "
            "before Learning across reviews to keep it between sessions."
        )
        self.dimension.currentIndexChanged.connect(lambda _i: self.refresh())
        self.groups.selectionModel().currentRowChanged.connect(lambda *_: self._show_group())
        self.chart.bar_clicked.connect(self.select_group)
        self.briefing_button.clicked.connect(self.export_theme_briefing)
        self.busy = False
        self.resize(1180, 780)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------
    def current_dimension(self) -> Dimension:
        return Dimension(self.dimension.currentData())

    def refresh(self) -> None:
        dimension = self.current_dimension()
        groups = self.service.collation.groups(dimension)
        published = self.service.published_by_theme() if dimension is Dimension.THEME else None
        self.groups_model.set_groups(dimension, groups, published)
        self.chart.set_bars([(g.label, g.count) for g in groups], f"Findings by {dimension.label}")
        counted = self.service.collation.counted()
        held = len(self.service.collation.held)
        findings = (
            sum(g.count for g in groups)
            if dimension is not Dimension.AGENCY_TYPE
            else len(self.service.collation.findings())
        )
        filtered = (
            f" (of {held}, with the filter above)" if self.service.collation.filter.active else ""
        )
        self.summary.setText(
            f"{len(counted)} review{'s' if len(counted) != 1 else ''}{filtered} and {findings} "
            f"finding{'s' if findings != 1 else ''} collated."
            if held
            else "No learning datasets imported yet."
        )
        is_theme = dimension is Dimension.THEME
        self.merge_area.setVisible(is_theme)
        if is_theme:
            self.merges.set_suggestions(self.service.suggestions())
        self.datasets_button.setEnabled(bool(held))
        self.table_button.setEnabled(bool(held))
        if groups:
            self.select_group(0)
        else:
            self._show_group()

    def select_group(self, row: int) -> None:
        self.groups.selectRow(row)
        self.groups.setCurrentIndex(self.groups_model.index(row, 0))
        self._show_group()

    def current_group(self) -> Group | None:
        row = self.groups.currentIndex().row()
        return self.groups_model.groups[row] if 0 <= row < len(self.groups_model.groups) else None

    def _show_group(self) -> None:
        group = self.current_group()
        self.chart.select(self.groups.currentIndex().row() if group else -1)
        self.findings_model.set_findings(list(group.findings) if group else [])
        self.findings_label.setText(
            f"&Findings behind “{group.label}” ({group.count})"
            if group
            else "&Findings behind the selected value"
        )
        is_theme = self.current_dimension() is Dimension.THEME
        self.briefing_button.setEnabled(
            group is not None and is_theme and bool(group.key) and self.export_briefing is not None
        )
        self.briefing_button.setToolTip(
            "" if is_theme else "Collate by practice-issue theme to write a briefing on one."
        )

    # -- actions ---------------------------------------------------------------------------------
    def import_files(self) -> None:
        paths = self.choose_files()
        if not paths:
            return
        self._set_busy(True)
        self.summary.setText("Reading the learning datasets…")
        # Files are read and checked on a worker; the collation and the library are changed
        # here, on the window's thread, when that is done.
        self.runner.start(lambda: self.service.read_files(paths), self._read, self._failed)

    def _read(self, read: object) -> None:
        if not isinstance(read, ReadDatasets):
            return
        try:
            result = self.service.hold(read)
        except UserFacingError as error:
            self._failed(error)
            return
        self._imported(result)

    def _set_busy(self, busy: bool) -> None:
        """While datasets are read in the background, nothing else may change the collation."""
        self.busy = busy
        for widget in (
            self.import_button,
            self.clear_button,
            self.merge_area,
            self.filters,
        ):
            widget.setEnabled(not busy)

    def _imported(self, result: object) -> None:
        self._set_busy(False)
        self.refresh()
        if not isinstance(result, CollationImport):
            return
        self.summary.setText(f"{self.summary.text()} Import: {result.summary}")
        if result.refused or result.flagged or result.duplicates:
            refused = result.refused
            self.import_summary = ImportSummaryDialog(
                result, lambda path: self.service.write_refusals(refused, path), self
            )
            self.import_summary.open()

    def _filter_changed(self, chosen: object) -> None:
        if isinstance(chosen, CollationFilter):
            self.service.set_filter(chosen)
            self.refresh()

    def _kept(self, change: Callable[[], object]) -> bool:
        """Make a change the service keeps in the library; if it cannot be kept (the library
        was closed meanwhile, say), say why: nothing has changed."""
        try:
            change()
        except UserFacingError as error:
            show_error(self, error)
            return False
        return True

    def merge(self, suggestion: object) -> None:
        if isinstance(suggestion, MergeSuggestion):
            if not self._kept(lambda: self.service.merge(suggestion.variant, suggestion.into)):
                return
            self.refresh()
            self.summary.setText(
                f"“{suggestion.variant_label}” now counts as “{suggestion.into_label}”."
            )

    def dismiss(self, suggestion: object) -> None:
        if isinstance(suggestion, MergeSuggestion) and self._kept(
            lambda: self.service.dismiss(suggestion)
        ):
            self.refresh()

    def show_datasets(self) -> None:
        dialog = DatasetsDialog(list(self.service.collation.held), self)
        dialog.remove.connect(lambda keys: self._remove(dialog, keys))
        self.datasets_dialog = dialog
        dialog.open()

    def _remove(self, dialog: DatasetsDialog, keys: list[str]) -> None:
        if self.busy:
            show_error(self, UserFacingError("Wait for the import to finish, then remove it."))
            return
        for key in keys:
            if not self._kept(partial(self.service.remove, key)):
                break
        dialog.set_held(list(self.service.collation.held))
        self.refresh()

    def export_table(self) -> None:
        path = self.choose_table_path()
        if path is None:
            return
        table_format: TableFormat = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        try:
            write_collation_table(
                self.service.collation,
                table_format,
                path,
                dimension=self.current_dimension(),
                overwrite=True,
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        self.summary.setText(f"The collated table was written to '{path.name}'.")

    def export_merges(self) -> None:
        path = self.choose_merges_path(True)
        if path is None:
            return
        try:
            self.service.export_merges(path, overwrite=True)
        except UserFacingError as error:
            show_error(self, error)
            return
        self.summary.setText(f"The theme merges were written to '{path.name}'.")

    def use_shared_merges(self) -> None:
        path = self.choose_merges_path(False)
        if path is None:
            return
        try:
            added = self.service.import_merges(path)
        except UserFacingError as error:
            show_error(self, error)
            return
        self.refresh()
        plural = "s" if added != 1 else ""
        self.summary.setText(f"{added} theme merge{plural} added from '{path.name}'.")

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.refresh()
        show_error(self, error)

    def clear(self) -> None:
        if not self._kept(self.service.clear):
            return
        self.filters.reset()
        self.refresh()

    def export_theme_briefing(self) -> None:
        group = self.current_group()
        if group is None or self.export_briefing is None:
            return
        chosen = self.choose_briefing_path(group.label)
        if chosen is None:
            return
        path, file_format = chosen
        published = self.groups_model.published or {}
        briefing = briefing_for(group, published_reviews=published.get(group.key, 0))
        export = self.export_briefing
        self.briefing_button.setEnabled(False)
        self.runner.start(
            lambda: export(briefing, file_format, path),
            self._briefing_written(path),
            self._briefing_failed,
        )

    def _briefing_failed(self, error: Exception) -> None:
        self._show_group()
        show_error(self, error)

    def _briefing_written(self, path: Path) -> Callable[[object], None]:
        def done(_result: object) -> None:
            self._show_group()
            self.summary.setText(f"The briefing was written to '{path.name}'.")

        return done

    # -- questions (tests replace these) -----------------------------------------------------------
    def _ask_for_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import learning datasets", "", "Learning datasets (*.json *.csv)"
        )
        return [Path(n) for n in names]

    def _ask_for_table_path(self) -> Path | None:
        name, _kind = QFileDialog.getSaveFileName(
            self,
            "Export the collated table",
            "Collated learning.xlsx",
            "Excel workbook (*.xlsx);;CSV (*.csv)",
        )
        return Path(name) if name else None

    def _ask_for_merges_path(self, saving: bool) -> Path | None:
        if saving:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export theme merges", "Theme merges.json", "Theme merges (*.json)"
            )
        else:
            name, _ = QFileDialog.getOpenFileName(
                self, "Use shared theme merges", "", "Theme merges (*.json)"
            )
        return Path(name) if name else None

    def _ask_for_path(self, theme: str) -> tuple[Path, str] | None:
        stem = "".join(ch if ch.isalnum() or ch in " -" else " " for ch in theme).strip()
        name, chosen = QFileDialog.getSaveFileName(
            self,
            "Export a briefing",
            f"Briefing - {stem[:60]}.docx",
            "Word document (*.docx);;PDF (*.pdf)",
        )
        if not name:
            return None
        path = Path(name)
        file_format = "pdf" if path.suffix.lower() == ".pdf" or "PDF" in chosen else "docx"
        return path, file_format
