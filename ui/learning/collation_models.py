"""The collation window's table models: the groups, and the findings behind one group."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from reviewer_app.learning.collation import (
    CollatedFinding,
    Dimension,
    Group,
    agency_label,
    category_label,
    review_type_label,
    stage_label,
)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class GroupsModel(QAbstractTableModel):
    """One row per group: the value, findings, reviews, and for themes (when the library of
    published reviews is open) how many published reviews have that theme. A pure model,
    tested without a window."""

    HEADERS = ("Value", "Findings", "Reviews", "Published reviews")

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self.dimension = Dimension.CATEGORY
        self.published: dict[str, int] | None = None  # group key -> published reviews

    def set_groups(
        self, dimension: Dimension, groups: list[Group], published: dict[str, int] | None = None
    ) -> None:
        self.beginResetModel()
        self.dimension, self.groups = dimension, groups
        self.published = published if dimension is Dimension.THEME else None
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + (self.published is not None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        values: tuple[str | int, ...] = (group.label, group.count, group.review_count)
        if self.published is not None:
            values += (self.published.get(group.key, 0),)
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


def table_view(name: str) -> QTableView:
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
