"""Everything about the selected entry: its fields, where it came from, and the same event as
other agencies recorded it (confirmed links side by side, and suggestions to confirm or dismiss).

The panel only shows what the page hands it and says what the reviewer asked for through
signals; the page turns those into undo commands or service calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import ChronologyEntry, Flag
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.chronology.same_event import Suggestion
from ui.chronology.side_by_side import original_row_html, side_by_side_html
from ui.chronology.text import (
    date_span_text,
    date_text,
    day_text,
    one_line,
    rich_paragraph,
    time_text,
)
from ui.style import plain_label, scaled_font

NOTHING_SELECTED = "Select an entry in the table to see it here."
NOTHING_SELECTED_MORE = (
    "Its details and flags, the same event in other agencies' records, and the row as the "
    "agency wrote it are shown here."
)
NO_LINKS = "No other agency's record has been confirmed as this same event."
NO_SUGGESTIONS = "No likely matches in other agencies' records."
FINDING_SUGGESTIONS = "Looking for likely matches…"
BLANK = "—"

FIELDS = (
    ("date", "Date"),
    ("original_date", "Agency's date text"),
    ("time", "Time"),
    ("age", "Child's age"),
    ("agency", "Agency"),
    ("source", "Source"),
    ("practitioner", "Practitioner"),
    ("event", "Event"),
    ("outcome", "Outcome"),
    ("agency_comment", "Agency's comment"),
    ("comment", "Reviewer comment"),
)


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    """One possible same event for the selected entry, ready to show."""

    suggestion: Suggestion
    other: ChronologyEntry
    agency_name: str


def _section_title(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, wrap=False)
    label.setFont(scaled_font(parent, 1.1, bold=True))
    label.setAccessibleName(text)
    return label


def _browser(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    browser.setOpenExternalLinks(False)
    browser.setTabChangesFocus(True)
    browser.setAccessibleName(name)
    browser.setFrameShape(QFrame.Shape.StyledPanel)
    return browser


class DetailPanel(QWidget):
    #: (entry id, frozenset of Flag) when the reviewer ticks or clears a flag.
    flags_changed = Signal(int, object)
    #: (entry id, other entry id, score) for "Confirm same event" / "Not the same".
    confirm_requested = Signal(int, int, float)
    dismiss_requested = Signal(int, int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chronologyDetail")
        self.entry: ChronologyEntry | None = None

        # -- the entry itself --
        self.heading = plain_label(NOTHING_SELECTED)
        self.heading.setFont(scaled_font(self, 1.15, bold=True))
        self.heading.setAccessibleName("Selected entry")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for key, title in FIELDS:
            value = plain_label()
            value.setAccessibleName(title)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            caption = QLabel(f"{title}:")
            caption.setBuddy(value)
            form.addRow(caption, value)

        self.flag_boxes: dict[Flag, QCheckBox] = {}
        flags = QGridLayout()
        flags.setHorizontalSpacing(16)
        for n, flag in enumerate(Flag):
            box = QCheckBox(flag.label)
            box.setAccessibleName(f"Flag: {flag.label}")
            box.toggled.connect(self._flag_toggled)
            self.flag_boxes[flag] = box
            flags.addWidget(box, n // 2, n % 2)

        entry_column = QVBoxLayout()
        entry_column.addWidget(self.heading)
        entry_column.addLayout(form)
        entry_column.addSpacing(6)
        entry_column.addWidget(_section_title("Flags", self))
        entry_column.addLayout(flags)
        entry_column.addStretch(1)
        entry_holder = QWidget()
        entry_holder.setLayout(entry_column)
        self.entry_area = QScrollArea()
        self.entry_area.setWidget(entry_holder)
        self.entry_area.setWidgetResizable(True)
        self.entry_area.setFrameShape(QFrame.Shape.NoFrame)
        self.entry_area.setAccessibleName("Entry details")
        self.entry_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # -- the same event, as other agencies recorded it --
        self.linked = _browser("The same event in other agencies' records")
        self.linked.setPlainText(NO_LINKS)
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName("Possible same events")
        self.suggestions.setAlternatingRowColors(True)
        self.suggestions.setWordWrap(True)
        self.suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lines = self.suggestions.fontMetrics().lineSpacing()
        self.suggestions.setMinimumHeight(lines * 3)
        self.suggestions.setMaximumHeight(lines * 5 + 8)
        self.suggestions.currentRowChanged.connect(self._suggestion_chosen)
        self.confirm_button = QPushButton("&Confirm same event")
        self.confirm_button.setAccessibleName("Confirm same event")
        self.confirm_button.setToolTip(
            "Record that both entries describe one event; they will be shown side by side"
        )
        self.dismiss_button = QPushButton("N&ot the same")
        self.dismiss_button.setAccessibleName("Not the same event")
        self.dismiss_button.setToolTip("Stop suggesting this pair")
        self.confirm_button.clicked.connect(lambda: self._decide(self.confirm_requested))
        self.dismiss_button.clicked.connect(lambda: self._decide(self.dismiss_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        self._rows: list[SuggestionRow] = []

        same_column = QVBoxLayout()
        same_column.setContentsMargins(0, 0, 0, 0)
        same_column.addWidget(_section_title("Same event in other agencies' records", self))
        same_column.addWidget(self.linked, 1)
        possible = _section_title("Possible same events", self)
        possible.setBuddy(self.suggestions)
        same_column.addWidget(possible)
        same_column.addWidget(self.suggestions)
        same_column.addLayout(buttons)
        same_holder = QWidget()
        same_holder.setLayout(same_column)

        # -- where it came from --
        self.provenance = plain_label()
        self.provenance.setAccessibleName("Where the entry came from")
        self.provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.original_row = _browser("The row as the agency wrote it")
        source_column = QVBoxLayout()
        source_column.setContentsMargins(0, 0, 0, 0)
        source_column.addWidget(_section_title("Where it came from", self))
        source_column.addWidget(self.provenance)
        row_title = _section_title("The row as the agency wrote it", self)
        row_title.setBuddy(self.original_row)
        source_column.addWidget(row_title)
        source_column.addWidget(self.original_row, 1)
        source_holder = QWidget()
        source_holder.setLayout(source_column)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.entry_area)
        self.splitter.addWidget(same_holder)
        self.splitter.addWidget(source_holder)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 3)
        # While nothing is selected, one message stands in for the empty fields and panes.
        self.nothing = plain_label(f"{NOTHING_SELECTED}\n{NOTHING_SELECTED_MORE}")
        self.nothing.setObjectName("nothingSelected")
        self.nothing.setAccessibleName("No entry selected")
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setMargin(24)
        self.nothing.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        layout.addWidget(self.nothing)
        self.clear()

    # -- what the page calls ------------------------------------------------------------------
    def show_entry(
        self,
        entry: ChronologyEntry | None,
        *,
        agency_name: str = "",
        age: str = "",
        batch: ImportBatch | None = None,
    ) -> None:
        """Show one entry's fields, flags and provenance (None: nothing selected)."""
        same = self.entry is not None and entry is not None and entry.id == self.entry.id
        self.entry = entry
        if entry is None:
            self._blank()
            return
        self.nothing.hide()
        self.splitter.show()
        values = {
            "date": _date_value(entry),
            "original_date": entry.date.original,
            "time": time_text(entry.date.time),
            "age": age,
            "agency": agency_name,
            "source": entry.source,
            "practitioner": entry.practitioner,
            "event": entry.event,
            "outcome": entry.outcome,
            "agency_comment": entry.agency_comment,
            "comment": entry.comment,
        }
        for key, label in self.values.items():
            label.setText(values[key] or BLANK)
        self.heading.setText(f"{date_text(entry.date)} · {agency_name}")
        for flag, box in self.flag_boxes.items():
            box.blockSignals(True)
            box.setChecked(flag in entry.flags)
            box.setEnabled(True)
            box.blockSignals(False)
        self.provenance.setText(_provenance_text(entry, batch))
        self.original_row.setHtml(original_row_html(entry.provenance.original, self.palette()))
        if not same:
            self.linked.setPlainText(NO_LINKS)
            self.show_suggestions(None)

    def show_linked(
        self, linked: Sequence[ChronologyEntry], agency_names: Mapping[int, str]
    ) -> None:
        """The selected entry beside its confirmed same-event versions, differences marked."""
        if self.entry is None or not linked:
            self.linked.setPlainText(NO_LINKS)
            self.linked.setAccessibleDescription("")
            return
        self.linked.setHtml(side_by_side_html([self.entry, *linked], agency_names, self.palette()))
        self.linked.setAccessibleDescription(self.linked.toPlainText())

    def show_suggestions(self, rows: Sequence[SuggestionRow] | None) -> None:
        """Possible same events for the selected entry (None while they are being worked out)."""
        self._rows = list(rows or [])
        self.suggestions.clear()
        if rows is None or not rows:
            message = FINDING_SUGGESTIONS if rows is None and self.entry else NO_SUGGESTIONS
            item = QListWidgetItem(message if self.entry else "")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.suggestions.addItem(item)
            self._rows = []
        else:
            for row in rows:
                other = row.other
                text = (
                    f"{row.suggestion.score:.0f}% match · {row.agency_name} · "
                    f"{date_text(other.date)} · {one_line(other.event)}"
                )
                item = QListWidgetItem(text)
                item.setToolTip(
                    rich_paragraph(
                        f"{row.agency_name}, {date_text(other.date)}:\n"
                        f"{other.event}\n{other.outcome}".strip()
                    )
                )
                self.suggestions.addItem(item)
            self.suggestions.setCurrentRow(0)
        self._suggestion_chosen(self.suggestions.currentRow())

    def clear(self) -> None:
        self.entry = None
        self._blank()

    # -- inside -------------------------------------------------------------------------------
    def _blank(self) -> None:
        self.splitter.hide()
        self.nothing.show()
        self.heading.setText(NOTHING_SELECTED)
        for label in self.values.values():
            label.clear()
        for box in self.flag_boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.setEnabled(False)
            box.blockSignals(False)
        self.provenance.clear()
        self.original_row.clear()
        self.linked.clear()
        self.linked.setAccessibleDescription("")
        self.show_suggestions([])

    def _flag_toggled(self) -> None:
        if self.entry is None or self.entry.id is None:
            return
        chosen = frozenset(f for f, box in self.flag_boxes.items() if box.isChecked())
        self.flags_changed.emit(self.entry.id, chosen)

    def _suggestion_chosen(self, row: int) -> None:
        usable = 0 <= row < len(self._rows)
        self.confirm_button.setEnabled(usable)
        self.dismiss_button.setEnabled(usable)

    def _decide(self, signal: SignalInstance) -> None:
        row = self.suggestions.currentRow()
        if self.entry is None or self.entry.id is None or not 0 <= row < len(self._rows):
            return
        chosen = self._rows[row]
        assert chosen.other.id is not None
        signal.emit(self.entry.id, chosen.other.id, chosen.suggestion.score)


def _provenance_text(entry: ChronologyEntry, batch: ImportBatch | None) -> str:
    where = entry.provenance
    if batch is None and where.batch_id is None and where.row_number is None:
        return "Added by the reviewer (not from an agency's file)."
    parts = []
    if batch is not None:
        parts.append(f"Imported from ‘{batch.file_name}’")
        if batch.sheet:
            parts.append(f"sheet ‘{batch.sheet}’")
    else:
        parts.append("Imported from an agency's file")
    if where.row_number is not None:
        parts.append(f"row {where.row_number}")
    text = ", ".join(parts)
    if batch is not None:
        text += f", on {day_text(batch.imported_at.astimezone().date())}"
    return text + "."


def _date_value(entry: ChronologyEntry) -> str:
    shown = date_text(entry.date)
    if entry.date.start is not None and entry.date.start == entry.date.end:
        return shown
    return f"{shown} ({date_span_text(entry.date)})"
