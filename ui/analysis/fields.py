"""Form fields with accessible names, and a picker for linking chronology entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import Agency, ChronologyEntry
from ui.uk_dates import parse_day, uk

#: How many search matches the entry picker lists at once (the rest: narrow the search).
PICKER_LIMIT = 300


def line(name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


def text_box(name: str, lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, so the keyboard reaches every control
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setMinimumHeight(height)
    box.setMaximumHeight(height + box.fontMetrics().lineSpacing() * 2)
    return box


def combo(name: str, choices: Iterable[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for label, value in choices:
        box.addItem(label, value)
    return box


def select(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))


def check(name: str) -> QCheckBox:
    box = QCheckBox(name)
    box.setAccessibleName(name)
    return box


def date_field(name: str) -> QLineEdit:
    return line(name, "dd/mm/yyyy")


def read_date(field: QLineEdit) -> dt.date | None:
    return parse_day(field.text(), field.accessibleName().lower())


def show_date(field: QLineEdit, day: dt.date | None) -> None:
    field.setText(uk(day))


def entry_label(entry: ChronologyEntry, agencies: dict[int | None, str]) -> str:
    day = entry.date.original or uk(entry.date.start)
    event = " ".join(entry.event.split())
    if len(event) > 90:
        event = event[:89] + "…"
    return f"{day} · {agencies.get(entry.agency_id, '')} · {event}"


class EntryPicker(QWidget):
    """Chronology entries to tick: the linked ones first, then matches for the search words."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ChronologyEntry] = []
        self._agencies: dict[int | None, str] = {}
        self._chosen: set[int] = set()
        self.search = line(f"Search the chronology for {name.lower()}", "Search the chronology…")
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setMinimumHeight(120)
        self.search.textChanged.connect(self._fill)
        self.list.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)

    def set_entries(self, entries: Sequence[ChronologyEntry], agencies: Sequence[Agency]) -> None:
        self._entries = list(entries)
        self._agencies = {a.id: a.name for a in agencies}
        self._fill()

    def set_chosen(self, ids: Iterable[int]) -> None:
        self._chosen = set(ids)
        self._fill()

    def chosen(self) -> tuple[int, ...]:
        return tuple(sorted(self._chosen))

    def _fill(self) -> None:
        words = self.search.text().lower().split()
        linked = [e for e in self._entries if e.id in self._chosen]
        matches: list[ChronologyEntry] = []
        if words:
            for entry in self._entries:
                if entry.id in self._chosen:
                    continue
                haystack = f"{entry.event} {entry.outcome} {entry.source} {entry.date.original}"
                haystack = f"{haystack} {self._agencies.get(entry.agency_id, '')}".lower()
                if all(w in haystack for w in words):
                    matches.append(entry)
                    if len(matches) >= PICKER_LIMIT:
                        break
        self.list.blockSignals(True)
        self.list.clear()
        for entry in (*linked, *matches):
            item = QListWidgetItem(entry_label(entry, self._agencies))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = entry.id in self._chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _item_changed(self, item: QListWidgetItem) -> None:
        entry_id = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._chosen.add(entry_id)
        else:
            self._chosen.discard(entry_id)
        self.changed.emit()


class CheckList(QListWidget):
    """A list of things to tick (people, episodes, passages, safeguards)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMinimumHeight(90)

    def set_items(self, items: Iterable[tuple[str, object]], chosen: Iterable[object]) -> None:
        wanted = set(chosen)
        self.clear()
        for label, value in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if value in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)
            self.addItem(item)

    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(sorted(int(i) for i in self.chosen()))

    def chosen(self) -> list[Any]:
        return [
            self.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.count())
            if self.item(n).checkState() == Qt.CheckState.Checked
        ]
