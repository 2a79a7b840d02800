"""The calm first page: what the app is, new/open, and the recent reviews."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.style import centred_column, heading, plain_label, scaled_font

TAGLINE = (
    "An offline, encrypted workspace for lead reviewers of child safeguarding practice reviews."
)
PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)
    recent_removed = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading("SCR Reviewer", 2.2)
        tagline = plain_label(TAGLINE)
        tagline.setFont(scaled_font(tagline, 1.1))

        self.new_button = QPushButton("&New review…")
        self.new_button.setAccessibleName("New review")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("&Open review…")
        self.open_button.setAccessibleName("Open review")
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button = QPushButton("Open the &demonstration review")
        self.demo_button.setAccessibleName("Open the demonstration review")
        self.demo_button.setToolTip(
            "A finished example with an invented child and eight agencies: nothing in it is real."
        )
        self.demo_button.clicked.connect(self.demo_requested)
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(36)
            button.setMinimumWidth(150)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)

        recent_label = QLabel("&Recent reviews")
        recent_label.setFont(scaled_font(recent_label, 1.15, bold=True))
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentReviews")
        self.recent_list.setAccessibleName("Recent reviews")
        self.recent_list.setAccessibleDescription(
            "Press Enter to open the selected review, or Delete to remove it from the list."
        )
        self.recent_list.setSpacing(2)
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent_list.customContextMenuRequested.connect(self._context_menu)
        self.recent_list.itemActivated.connect(self._chosen)
        self.recent_list.itemClicked.connect(self._chosen)
        recent_label.setBuddy(self.recent_list)
        self.remove_action = QAction("&Remove from this list", self.recent_list)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self._remove_current)
        self.recent_list.addAction(self.remove_action)

        self.no_recent = plain_label("Reviews you create or open will be listed here.")
        self.no_recent.setObjectName("noRecent")

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(tagline)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(recent_label)
        column.addWidget(self.recent_list, 1)
        column.addWidget(self.no_recent)
        column.addStretch(0)

        centred_column(self, column, max_width=760, margins=(40, 32, 40, 24))

        QWidget.setTabOrder(self.new_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.recent_list)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent_list.clear()
        for path in paths:
            found = path.exists()
            text = f"{path.name}\n{path.parent}" + ("" if found else "  (not found)")
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, path)
            item.setToolTip(str(path))
            if not found:
                item.setForeground(self.palette().placeholderText())
            self.recent_list.addItem(item)
        self.recent_list.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)
        if paths:
            self.recent_list.setCurrentRow(0)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(item.data(PATH_ROLE))

    def _remove_current(self) -> None:
        item = self.recent_list.currentItem()
        if item is not None:
            self.recent_removed.emit(item.data(PATH_ROLE))

    def _context_menu(self, where: QPoint) -> None:
        item = self.recent_list.itemAt(where)
        if item is None:
            return
        self.recent_list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.remove_action)
        menu.exec(self.recent_list.viewport().mapToGlobal(where))
