"""The same-event review queue: every suggested pair in the review, best first.

Each pair shows both agencies' versions side by side (what differs marked); the reviewer
confirms (C) or dismisses (D) it from the keyboard and the next pair is shown. Nothing is
merged: a confirmed pair is a link between two records, and each agency keeps its words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.same_event import Suggestion
from reviewer_app.services.chronology import ChronologyService
from ui.chronology.side_by_side import side_by_side_html
from ui.chronology.text import date_text, one_line, time_text
from ui.errors import show_error
from ui.style import plain_label
from ui.tasks import TaskRunner

FINDING = "Looking for likely pairs in every agency's records…"
NONE_LEFT = "No suggested pairs are waiting: every likely pair has been confirmed or dismissed."
KEYS = "C confirms the pair, D dismisses it; the arrow keys move between pairs."


@dataclass(frozen=True, slots=True)
class QueueData:
    """What the queue shows, read in a worker: the pairs, best first, and their entries."""

    pairs: list[Suggestion]
    entries: dict[int, ChronologyEntry]
    agencies: dict[int, str]


def load_queue(service: ChronologyService) -> QueueData:
    every = service.entries()  # read once, for the suggester and for the pairs shown
    pairs = service.suggest_same_events(entries=every)
    wanted = {s.entry_a for s in pairs} | {s.entry_b for s in pairs}
    entries = {e.id: e for e in every if e.id in wanted and e.id is not None}
    agencies = {a.id: a.name for a in service.agencies() if a.id is not None}
    return QueueData(pairs, entries, agencies)


def strength(score: float) -> str:
    """The score in words (the number alone means little to a reviewer)."""
    if score >= 75:
        return "Very likely"
    if score >= 50:
        return "Likely"
    return "Possible"


class SameEventQueue(QDialog):
    """Emits `decided(entry_a, entry_b)` after each confirmation or dismissal is stored."""

    decided = Signal(int, int)
    HEADERS = ("Match", "Date", "First agency", "Second agency", "What happened")

    def __init__(
        self, service: ChronologyService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sameEventQueue")
        self.setWindowTitle("Same events in different agencies' records")
        self.service = service
        self.runner = runner
        self._data = QueueData([], {}, {})
        self._pairs: list[Suggestion] = []

        self.status = plain_label(FINDING)
        self.status.setObjectName("queueStatus")
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("queuePairs")
        self.table.setAccessibleName("Suggested pairs, best first")
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())

        self.versions = QTextBrowser()
        self.versions.setObjectName("queueVersions")
        self.versions.setAccessibleName("The two agencies' versions side by side")
        self.versions.setOpenLinks(False)

        self.confirm_button = QPushButton("&Confirm: same event (C)")
        self.confirm_button.setAccessibleName("Confirm: the same event")
        self.confirm_button.clicked.connect(self.confirm_current)
        self.dismiss_button = QPushButton("&Dismiss: different events (D)")
        self.dismiss_button.setAccessibleName("Dismiss: different events")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        # C and D work wherever the focus is in the queue (the list or the versions), without
        # a modifier, so a reviewer can go through the pairs with one hand on the keys.
        self.table.installEventFilter(self)
        self.versions.installEventFilter(self)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.versions)
        splitter.setSizes([220, 360])
        decisions = QHBoxLayout()
        decisions.addWidget(self.confirm_button)
        decisions.addWidget(self.dismiss_button)
        decisions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(KEYS))
        layout.addWidget(splitter, 1)
        layout.addLayout(decisions)
        layout.addWidget(close)
        self.resize(1000, 680)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() == Qt.Key.Key_C:
                self.confirm_current()
                return True
            if plain and event.key() == Qt.Key.Key_D:
                self.dismiss_current()
                return True
        return super().eventFilter(watched, event)

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        """Work out every suggested pair (in the worker), then show the best first."""
        self.status.setText(FINDING)
        service = self.service
        self.runner.start(lambda: load_queue(service), self._loaded, self._failed)

    def _loaded(self, data: object) -> None:
        assert isinstance(data, QueueData)
        self._data = data
        self._pairs = list(data.pairs)
        self.table.setRowCount(len(self._pairs))
        for row, pair in enumerate(self._pairs):
            self._fill_row(row, pair)
        if self._pairs:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()
        self._show_current()

    def _fill_row(self, row: int, pair: Suggestion) -> None:
        first, second = self._data.entries[pair.entry_a], self._data.entries[pair.entry_b]
        when = date_text(first.date)
        times = {time_text(e.date.time) for e in (first, second) if e.date.time is not None}
        if len(times) == 1:
            when = f"{when} {times.pop()}"
        cells = (
            strength(pair.score),
            when,
            self._data.agencies.get(first.agency_id, ""),
            self._data.agencies.get(second.agency_id, ""),
            one_line(first.event),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setToolTip(f"Score {pair.score:.0f} of 100")
            self.table.setItem(row, column, item)

    def _failed(self, error: Exception) -> None:
        self.status.setText("The suggested pairs could not be worked out.")
        show_error(self, error)

    # -- showing and deciding ------------------------------------------------------------------
    def current_pair(self) -> Suggestion | None:
        row = self.table.currentRow()
        return self._pairs[row] if 0 <= row < len(self._pairs) else None

    def _show_current(self) -> None:
        pair = self.current_pair()
        left = len(self._pairs)
        if pair is None:
            self.versions.setHtml("")
            self.status.setText(NONE_LEFT if not left else f"{left} suggested pairs to review.")
        else:
            row = self.table.currentRow() + 1
            self.status.setText(
                f"Pair {row} of {left} ({strength(pair.score).lower()} the same event)."
            )
            versions = [self._data.entries[pair.entry_a], self._data.entries[pair.entry_b]]
            self.versions.setHtml(
                side_by_side_html(
                    versions, self._data.agencies, self.palette(), first_is_selected=False
                )
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self.current_pair() is not None
        self.confirm_button.setEnabled(enabled)
        self.dismiss_button.setEnabled(enabled)

    def confirm_current(self) -> None:
        self._decide(self.service.confirm_same_event)

    def dismiss_current(self) -> None:
        self._decide(self.service.dismiss_same_event)

    def _decide(self, decide: Callable[[int, int, float], None]) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        try:
            decide(pair.entry_a, pair.entry_b, pair.score)
        except Exception as error:
            show_error(self, error)
            return
        row = self.table.currentRow()
        del self._pairs[row]
        self.table.removeRow(row)
        if self._pairs:
            self.table.setCurrentCell(min(row, len(self._pairs) - 1), 0)
        self._show_current()
        self.decided.emit(pair.entry_a, pair.entry_b)
