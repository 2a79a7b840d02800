"""The read-only tables of the Timetable page's tabs: whole rows chosen, one at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def table(headers: list[str], name: str, stretch: tuple[int, ...]) -> QTableWidget:
    """A table with `headers`, named `name` for screen readers, whose `stretch` columns take
    the spare width (the rest fit their contents)."""
    found = QTableWidget(0, len(headers))
    found.setHorizontalHeaderLabels(headers)
    found.setAccessibleName(name)
    found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    found.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    found.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    found.verticalHeader().setVisible(False)
    found.setAlternatingRowColors(True)
    found.setWordWrap(False)
    found.verticalHeader().setDefaultSectionSize(found.fontMetrics().height() + 10)
    header = found.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return found
