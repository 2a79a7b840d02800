"""Learning across reviews: import learning datasets, see findings collated four ways, open the
findings behind any count, and export a briefing on a practice-issue theme.

`CollationWindow(service, export_briefing, runner)`: the composition root passes
`exporters.briefing.export_briefing` as `export_briefing`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import UserFacingError
from reviewer_app.learning.collation import (
    CollatedFinding,
    Dimension,
    Group,
    ThemeBriefing,
    agency_label,
    briefing_for,
    category_label,
    review_type_label,
    stage_label,
)
from reviewer_app.services.collation import CollationImport, CollationService
from ui.errors import show_error
from ui.learning.bar_chart import BarChart
from ui.style import heading, plain_label
from ui.tasks import TaskRunner

BriefingExport = Callable[[ThemeBriefing, str, Path], object]
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class GroupsModel(QAbstractTableModel):
    """One row per group: the value, findings, reviews. A pure model, tested without a window."""

    HEADERS = ("Value", "Findings", "Reviews")

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self.dimension = Dimension.CATEGORY

    def set_groups(self, dimension: Dimension, groups: list[Group]) -> None:
        self.beginResetModel()
        self.dimension, self.groups = dimension, groups
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        values = (group.label, group.count, group.review_count)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(values[index.column()])
        if role == SORT_ROLE:
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.dimension.label, *self.HEADERS[1:])[section]
        return None


class FindingsModel(QAbstractTableModel):
    """The findings behind one group."""

    HEADERS = ("Theme", "Category", "Stage", "Agency types", "Review", "Questions for the board")

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[CollatedFinding] = []

    def set_findings(self, findings: list[CollatedFinding]) -> None:
        self.beginResetModel()
        self.findings = findings
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def row_values(self, row: int) -> tuple[str, ...]:
        item = self.findings[row]
        f = item.finding
        year = f", {item.review_year}" if item.review_year else ""
        return (
            " ".join(f.theme.split()),
            category_label(f.category),
            stage_label(f.journey_stage),
            ", ".join(agency_label(a) for a in f.agency_types),
            f"{short_review_type(item.review_type)}{year}; child {item.age_band}",
            " ".join(f.board_questions),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self.row_values(index.row())[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


_SHORT_TYPES = {
    "lcspr": "LCSPR",
    "scr": "SCR",
    "rapid-review": "Rapid review",
    "sar": "SAR",
    "cpr": "CPR",
    "dhr": "DHR",
}


def short_review_type(key: str) -> str:
    """A short name for the findings table ("LCSPR"); the tooltip has the same."""
    return _SHORT_TYPES.get(key) or review_type_label(key)


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    return view


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

        self.import_button = QPushButton("&Import learning datasets…")
        self.clear_button = QPushButton("&Clear")
        self.dimension = QComboBox()
        self.dimension.setAccessibleName("Collate findings by")
        for dimension in Dimension:
            self.dimension.addItem(dimension.label, dimension.value)
        self.summary = plain_label()
        self.summary.setAccessibleName("What is collated")
        self.groups_model = GroupsModel()
        self.groups = _table("Collated findings")
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
        self.findings = _table("Findings behind the selected value")
        self.findings.setModel(self.findings_model)
        header = self.findings.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 215, 145, 175, 215)):
            self.findings.setColumnWidth(column, width)
        self.findings_label = QLabel("&Findings behind the selected value")
        self.findings_label.setBuddy(self.findings)
        self.briefing_button = QPushButton("Export &briefing on this theme…")
        for button in (self.import_button, self.clear_button, self.briefing_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        by_label = QLabel("Collate &by")
        by_label.setBuddy(self.dimension)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.clear_button)
        top.addStretch(1)
        top.addWidget(by_label)
        top.addWidget(self.dimension)
        upper = QSplitter()
        upper.addWidget(self.groups)
        upper.addWidget(chart_area)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 1)
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
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)
        order = [
            self.import_button,
            self.clear_button,
            self.dimension,
            self.groups,
            self.findings,
            self.briefing_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        self.import_button.clicked.connect(self.import_files)
        self.clear_button.clicked.connect(self.clear)
        self.dimension.currentIndexChanged.connect(lambda _i: self.refresh())
        self.groups.selectionModel().currentRowChanged.connect(lambda *_: self._show_group())
        self.chart.bar_clicked.connect(self.select_group)
        self.briefing_button.clicked.connect(self.export_theme_briefing)
        self.resize(1180, 780)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------
    def current_dimension(self) -> Dimension:
        return Dimension(self.dimension.currentData())

    def refresh(self) -> None:
        dimension = self.current_dimension()
        groups = self.service.collation.groups(dimension)
        self.groups_model.set_groups(dimension, groups)
        self.chart.set_bars([(g.label, g.count) for g in groups], f"Findings by {dimension.label}")
        datasets = self.service.collation.datasets
        findings = sum(len(d.findings) for d in datasets)
        self.summary.setText(
            f"{len(datasets)} review{'s' if len(datasets) != 1 else ''} and {findings} "
            f"finding{'s' if findings != 1 else ''} collated."
            if datasets
            else "No learning datasets imported yet."
        )
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
        self.import_button.setEnabled(False)
        self.summary.setText("Reading the learning datasets…")
        self.runner.start(lambda: self.service.import_files(paths), self._imported, self._failed)

    def _imported(self, result: object) -> None:
        self.import_button.setEnabled(True)
        self.refresh()
        if not isinstance(result, CollationImport):
            return
        self.summary.setText(f"{self.summary.text()} Import: {result.summary}")
        if result.refused or result.flagged:
            show_error(
                self,
                UserFacingError("Not everything was imported:\n  " + "\n  ".join(result.lines())),
            )

    def _failed(self, error: Exception) -> None:
        self.import_button.setEnabled(True)
        self.refresh()
        show_error(self, error)

    def clear(self) -> None:
        self.service.clear()
        self.refresh()

    def export_theme_briefing(self) -> None:
        group = self.current_group()
        if group is None or self.export_briefing is None:
            return
        chosen = self.choose_briefing_path(group.label)
        if chosen is None:
            return
        path, file_format = chosen
        briefing = briefing_for(group)
        export = self.export_briefing
        self.briefing_button.setEnabled(False)
        self.runner.start(
            lambda: export(briefing, file_format, path), self._briefing_written(path), self._failed
        )

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
