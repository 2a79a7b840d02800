"""The "known by then" lens: the chronology as one agency or person could have known it.

The rule is the service's (`AnalysisService.known_by_then`); the panel states it in plain words
so the reviewer can say in the report exactly what the lens showed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.errors import InvalidInputError
from reviewer_app.services.analysis import AnalysisService
from ui.analysis.fields import combo, date_field, read_date, show_date
from ui.errors import show_error
from ui.style import plain_label
from ui.tasks import TaskRunner
from ui.uk_dates import uk

RULE = (
    "Shows what the chosen agency had recorded by the end of the chosen day, plus other "
    "agencies' records you have confirmed as the same event as one of its own (shared with "
    "it). For a person: entries linked to them, and their agency's view if they are a "
    "practitioner. Entries with an unknown date, or a date span not over by then, are left out."
)


class KnownByThenPanel(QWidget):
    def __init__(
        self, service: AnalysisService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.who = combo("Agency or person", [])
        self.day = date_field("Known by the end of")
        self.show_button = QPushButton("S&how")
        self.show_button.setAccessibleName("Show what was known by then")
        self.show_button.clicked.connect(self.show_known)
        self.summary = plain_label()
        self.summary.setAccessibleName("How many entries were known")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Date", "Agency", "Source", "Event"])
        self.table.setAccessibleName("Entries known by then")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 190)
        self.table.setColumnWidth(2, 190)

        row = QHBoxLayout()
        who_label = QLabel("&Who")
        who_label.setBuddy(self.who)
        day_label = QLabel("&By the end of")
        day_label.setBuddy(self.day)
        row.addWidget(who_label)
        row.addWidget(self.who, 2)
        row.addWidget(day_label)
        row.addWidget(self.day, 1)
        row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(RULE))
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def fill_choices(self) -> None:
        self.who.clear()
        for agency in self.service.agencies():
            self.who.addItem(agency.name, ("agency", agency.id))
        for person in self.service.everyone():
            self.who.addItem(
                f"{person.pseudonym} ({person.kind.label.lower()})", ("person", person.id)
            )

    def set_day(self, day: dt.date | None) -> None:
        show_date(self.day, day)

    def show_known(self) -> None:
        try:
            day = read_date(self.day)
            if day is None:
                raise InvalidInputError("Enter the day to look at, as dd/mm/yyyy.")
            chosen = self.who.currentData()
            if not chosen:
                raise InvalidInputError("Choose an agency or a person.")
        except InvalidInputError as error:
            show_error(self, error)
            return
        kind, ident = chosen
        names = {a.id: a.name for a in self.service.agencies()}

        def work() -> list[ChronologyEntry]:
            if kind == "agency":
                return self.service.known_by_then(day, agency_id=ident)
            return self.service.known_by_then(day, person_id=ident)

        def done(entries: list[ChronologyEntry]) -> None:
            self.table.setRowCount(len(entries))
            for n, entry in enumerate(entries):
                cells = (
                    entry.date.original or uk(entry.date.start),
                    names.get(entry.agency_id, ""),
                    entry.source,
                    entry.event,
                )
                for column, text in enumerate(cells):
                    cell = QTableWidgetItem(" ".join(text.split()))
                    cell.setToolTip(text)
                    self.table.setItem(n, column, cell)
            self.summary.setText(
                f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} known to "
                f"{self.who.currentText()} by the end of {uk(day)}."
            )

        self.runner.start(work, done, lambda error: show_error(self, error))


class KnownByThenDialog(QDialog):
    def __init__(
        self, service: AnalysisService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("What was known, by whom, when")
        self.panel = KnownByThenPanel(service, runner, self)
        self.panel.fill_choices()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(860, 560)
