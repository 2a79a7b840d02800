"""The controls above the chronology table: search, agencies, dates, flags, and the count.

The bar only gathers what the reviewer asked for into an `EntryFilter` and says when it
changed; the page runs the search. Typing in the search box waits a quarter of a second after
the last key, so a fast typist does not start a search per letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from reviewer_app.chronology.dates import DateProblem, Precision, parse_uk_date
from reviewer_app.chronology.entry import Agency, Flag
from reviewer_app.chronology.repository import EntryFilter
from ui.chronology.text import entries_shown_text
from ui.style import inline_error_label, show_inline

DEBOUNCE_MS = 250
ALL_AGENCIES = "All agencies"


class FilterBar(QWidget):
    #: The filter the reviewer has set (an `EntryFilter`), after any typing has settled.
    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agencies: list[Agency] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._last: EntryFilter | None = EntryFilter()

        self.search = QLineEdit()
        self.search.setObjectName("chronologySearch")
        self.search.setPlaceholderText("Words in the source, event, outcome or comments")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the chronology")
        self.search.setToolTip(
            "Finds entries containing every word you type (the start of a word is enough)"
        )
        self.search.textChanged.connect(self._typed)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)

        self.agency_menu = QMenu(self)
        self.agency_menu.setAccessibleName("Agencies to show")
        self.agency_menu.setToolTipsVisible(True)
        self.agency_button = QToolButton()
        self.agency_button.setObjectName("agencyFilter")
        self.agency_button.setText(ALL_AGENCIES)
        self.agency_button.setAccessibleName("Agencies to show")
        self.agency_button.setToolTip("Choose which agencies' entries to show")
        self.agency_button.setMenu(self.agency_menu)
        self.agency_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.agency_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.agency_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.agency_actions: dict[int, QAction] = {}
        agency_label = QLabel("A&gencies:")
        agency_label.setBuddy(self.agency_button)

        self.date_from = self._date_field("From date", "Show entries on or after this date")
        self.date_to = self._date_field("To date", "Show entries on or before this date")
        from_label = QLabel("Fro&m:")
        from_label.setBuddy(self.date_from)
        to_label = QLabel("&To:")
        to_label.setBuddy(self.date_to)

        self.flag_boxes: dict[Flag, QCheckBox] = {}
        flags_row = QHBoxLayout()
        flags_row.setSpacing(14)
        flags_title = QLabel("Only entries flagged:")
        flags_row.addWidget(flags_title)
        for flag in Flag:
            box = QCheckBox(flag.label)
            box.setAccessibleName(f"Only entries flagged {flag.label.lower()}")
            box.toggled.connect(self._changed_now)
            self.flag_boxes[flag] = box
            flags_row.addWidget(box)
        flags_row.addStretch(1)

        self.clear_button = QPushButton("C&lear filters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.setToolTip("Show every entry again")
        self.clear_button.clicked.connect(self.clear)

        self.count = QLabel()
        self.count.setObjectName("entryCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAccessibleName("Entries shown")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.problem = inline_error_label()
        self.problem.setAccessibleName("Problem with a date filter")

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(search_label)
        top.addWidget(self.search, 3)
        top.addSpacing(8)
        top.addWidget(agency_label)
        top.addWidget(self.agency_button, 1)
        top.addSpacing(8)
        top.addWidget(from_label)
        top.addWidget(self.date_from)
        top.addWidget(to_label)
        top.addWidget(self.date_to)
        top.addSpacing(8)
        top.addWidget(self.clear_button)
        top.addStretch(0)
        top.addWidget(self.count)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(6)
        grid.addLayout(top, 0, 0)
        grid.addLayout(flags_row, 1, 0)
        grid.addWidget(self.problem, 2, 0)

    def _date_field(self, name: str, tip: str) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText("dd/mm/yyyy")
        field.setAccessibleName(name)
        field.setToolTip(f"{tip} (dd/mm/yyyy; a month or a year also works)")
        field.setClearButtonEnabled(True)
        width = field.fontMetrics().horizontalAdvance("00/00/00000") + 44
        field.setFixedWidth(width)
        field.textChanged.connect(self._typed)
        return field

    # -- what the page calls ------------------------------------------------------------------
    def set_agencies(self, agencies: Iterable[Agency]) -> None:
        """Offer these agencies; ones already chosen stay chosen."""
        chosen = self.chosen_agencies()
        self._agencies = [a for a in agencies if a.id is not None]
        self.agency_menu.clear()
        self.agency_actions.clear()
        for agency in self._agencies:
            assert agency.id is not None
            action = QAction(agency.name, self.agency_menu)
            action.setCheckable(True)
            action.setChecked(agency.id in chosen)
            action.toggled.connect(self._agencies_toggled)
            self.agency_menu.addAction(action)
            self.agency_actions[agency.id] = action
        if self._agencies:
            self.agency_menu.addSeparator()
            everyone = self.agency_menu.addAction(ALL_AGENCIES)
            everyone.triggered.connect(self._all_agencies)
        self._show_agency_choice()

    def set_counts(self, shown: int, total: int) -> None:
        self.count.setText(entries_shown_text(shown, total))

    def chosen_agencies(self) -> frozenset[int]:
        return frozenset(i for i, a in self.agency_actions.items() if a.isChecked())

    def current_filter(self) -> EntryFilter | None:
        """The filter as set now, or None while a date cannot be read."""
        try:
            date_from = self._date(self.date_from, end=False)
            date_to = self._date(self.date_to, end=True)
        except DateProblem as problem:
            show_inline(self.problem, f"{problem} Type a date such as 01/06/2014.")
            return None
        if date_from and date_to and date_to < date_from:
            show_inline(self.problem, "The 'to' date is before the 'from' date.")
            return None
        show_inline(self.problem, "")
        return EntryFilter(
            text=self.search.text().strip(),
            agency_ids=self.chosen_agencies(),
            date_from=date_from,
            date_to=date_to,
            flags=frozenset(f for f, box in self.flag_boxes.items() if box.isChecked()),
        )

    def clear(self) -> None:
        """Every filter off, at once (no waiting for the debounce)."""
        widgets = [self.search, self.date_from, self.date_to, *self.flag_boxes.values()]
        for widget in widgets:
            widget.blockSignals(True)
        for action in self.agency_actions.values():
            action.blockSignals(True)
        try:
            self.search.clear()
            self.date_from.clear()
            self.date_to.clear()
            for box in self.flag_boxes.values():
                box.setChecked(False)
            for action in self.agency_actions.values():
                action.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
            for action in self.agency_actions.values():
                action.blockSignals(False)
        self._show_agency_choice()
        self._changed_now()

    def flush(self) -> None:
        """Apply typing that is still waiting for the debounce."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    # -- inside -------------------------------------------------------------------------------
    @staticmethod
    def _date(field: QLineEdit, *, end: bool) -> dt.date | None:
        text = field.text().strip()
        if not text:
            return None
        parsed = parse_uk_date(text)
        if parsed.precision is Precision.UNKNOWN or parsed.start is None or parsed.end is None:
            raise DateProblem(f"'{text}' is not a date that can be used to filter.", text)
        return parsed.end if end else parsed.start

    def _typed(self) -> None:
        self._timer.start()

    def _changed_now(self) -> None:
        self._timer.stop()
        self._emit()

    def _agencies_toggled(self) -> None:
        self._show_agency_choice()
        self._changed_now()

    def _all_agencies(self) -> None:
        for action in self.agency_actions.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._agencies_toggled()

    def _show_agency_choice(self) -> None:
        chosen = [a for a in self._agencies if a.id in self.chosen_agencies()]
        if not chosen:
            text = ALL_AGENCIES
        elif len(chosen) == 1:
            text = chosen[0].name
        else:
            text = f"{len(chosen)} agencies"
        self.agency_button.setText(text)
        self.agency_button.setToolTip(
            "Showing: " + ("; ".join(a.name for a in chosen) if chosen else ALL_AGENCIES.lower())
        )
        self.agency_button.setAccessibleDescription(f"Showing {text.lower()}")

    def _emit(self) -> None:
        wanted = self.current_filter()
        if wanted is None or wanted == self._last:
            return
        self._last = wanted
        self.changed.emit(wanted)
