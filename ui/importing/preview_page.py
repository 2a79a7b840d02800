"""Page 2 of the import wizard: which sheet, what each column holds, and the rows as read.

Every change (another sheet, another column choice) reads the file again in the worker, so
what the reviewer sees is exactly what the importers will hand to the review. The source for
rows the agency gave none for, and corrections typed into the table's cells, are applied to
the preview at once (`reviewer_app.importers.corrections`) and laid again over each new
reading.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from reviewer_app.chronology.importing import Field, ImportPreview
from reviewer_app.importers import ImportRefusedError
from reviewer_app.importers.corrections import correct, reapply, with_source_default
from ui.errors import show_error
from ui.importing.models import PreviewRowsModel
from ui.importing.session import ImportSession, LatestOnly, read_preview
from ui.importing.widgets import BusyIndicator, MessageStrip, Tone
from ui.importing.wording import column_name, counts_text, sheet_kind
from ui.style import plain_label, scaled_font
from ui.tasks import TaskRunner

#: Widths of the preview table's columns, in average characters.
_COLUMN_CHARS = {
    PreviewRowsModel.ROW: 6,
    PreviewRowsModel.STATUS: 11,
    PreviewRowsModel.DATE: 16,
    PreviewRowsModel.WRITTEN: 16,
    PreviewRowsModel.SOURCE: 22,
    PreviewRowsModel.EVENT: 40,
    PreviewRowsModel.OUTCOME: 28,
}


def rows_table(name: str) -> QTableView:
    """A read-only table that Tab leaves (arrow keys move within it)."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    return table


class MappingRow(QScrollArea):
    """One combo per column of the agency's file, under its heading, offering the fields."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mapping")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.combos: list[QComboBox] = []
        self.headers: tuple[str, ...] = ()
        self._holder = QWidget()
        self._grid = QGridLayout(self._holder)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(4)
        self.setWidget(self._holder)

    def show_headers(self, headers: tuple[str, ...], mapping: dict[int, Field]) -> bool:
        """Show `mapping` for `headers`; returns True when the combos had to be rebuilt."""
        rebuilt = headers != self.headers or len(self.combos) != len(headers)
        if rebuilt:
            self._rebuild(headers)
        for index, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(mapping.get(index, Field.IGNORE)))
            combo.blockSignals(False)
        return rebuilt

    def mapping(self) -> dict[int, Field]:
        return {index: Field(combo.currentData()) for index, combo in enumerate(self.combos)}

    def _rebuild(self, headers: tuple[str, ...]) -> None:
        for combo in self.combos:
            combo.deleteLater()
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        self.headers = headers
        metrics = self.fontMetrics()
        for index, heading in enumerate(headers):
            name = column_name(index, heading)
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, 170)
            label.setText(shown.replace("&", "&&"))  # "Date & time" is not a shortcut key
            label.setToolTip(name)
            label.setFont(scaled_font(label, 1.0, bold=True))
            combo = QComboBox()
            combo.setObjectName(f"column{index}")
            combo.setAccessibleName(f"Column {index + 1}, {name}: imported as")
            for field in Field:
                combo.addItem(field.label, field)
            combo.setMinimumContentsLength(14)
            label.setBuddy(combo)
            self._grid.addWidget(label, 0, index)
            self._grid.addWidget(combo, 1, index)
            self.combos.append(combo)
        self._grid.setColumnStretch(len(headers), 1)
        self._grid.setRowStretch(2, 1)  # room kept for the scroll bar goes below the combos
        for first, second in zip(self.combos, self.combos[1:], strict=False):
            QWidget.setTabOrder(first, second)
        height = self._holder.sizeHint().height()
        self.setFixedHeight(height + self.horizontalScrollBar().sizeHint().height() + 2)


class PreviewPage(QWizardPage):
    def __init__(self, session: ImportSession, runner: TaskRunner) -> None:
        super().__init__()
        self.session = session
        self.reading = LatestOnly(runner)
        self._sheet: str | None = None
        self.setTitle("Check the columns and the rows")
        self.setSubTitle(
            "Make sure each column of the agency's file is read as the right thing. The table "
            "shows every row as it will be imported; double-click a date, source, event or "
            "action cell (or press F2) to correct it. The agency's own text is kept."
        )

        self.sheet_label = QLabel("&Sheet")
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.sheet.setAccessibleName("Sheet to import")
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_label.setBuddy(self.sheet)
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(self.sheet_label)
        sheet_layout.addWidget(self.sheet)
        sheet_layout.addStretch(1)

        self.columns_label = plain_label(
            "What each column holds. Columns set to '(not imported)' are still kept with each "
            "row, as the agency wrote them."
        )
        self.mapping = MappingRow()

        self.source_label = QLabel("Source for rows &without one")
        self.source_default = QLineEdit()
        self.source_default.setObjectName("sourceDefault")
        self.source_default.setAccessibleName("Source for rows without one")
        self.source_default.setPlaceholderText("the file's name and the row number")
        self.source_default.setClearButtonEnabled(True)
        self.source_default.setMaxLength(200)
        self.source_label.setBuddy(self.source_default)
        self.source_row = QWidget()
        source_layout = QHBoxLayout(self.source_row)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(self.source_label)
        source_layout.addWidget(self.source_default, 1)

        self.busy = BusyIndicator()
        self.message = MessageStrip()
        self.counts = plain_label()
        self.counts.setObjectName("counts")
        self.counts.setFont(scaled_font(self.counts, 1.0, bold=True))
        self.counts.setAccessibleName("Counts")

        self.model = PreviewRowsModel()
        self.table = rows_table("Rows as they will be imported")
        self.table.setObjectName("previewTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAccessibleDescription(
            "Double-click a date, source, event or action cell, or press F2, to correct it."
        )
        metrics = self.table.fontMetrics()
        for column, chars in _COLUMN_CHARS.items():
            self.table.setColumnWidth(column, metrics.averageCharWidth() * chars + 16)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(160)

        self.notes = plain_label()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Notes on reading the file")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.mapping)
        layout.addWidget(self.source_row)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)

        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self.source_default.editingFinished.connect(self._source_default_changed)
        self.model.correction.connect(self._correct)

    # -- QWizardPage ---------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.message.clear()
        if self.session.preview is not None:
            self._show(self.session.preview)

    def validatePage(self) -> bool:
        return self.isComplete()  # also when Next is asked for in code, not by the button

    def isComplete(self) -> bool:
        return self.session.preview is not None and not self.reading.busy

    @property
    def busy_now(self) -> bool:
        return self.reading.busy

    # -- showing a preview ---------------------------------------------------------------------
    def _show(self, preview: ImportPreview) -> None:
        self._sheet = preview.sheet
        kind = sheet_kind(preview)
        self.sheet_label.setText(f"&{kind.capitalize()}")
        self.sheet.setAccessibleName(f"{kind.capitalize()} to import")
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(preview.sheets))
        self.sheet.setCurrentIndex(self.sheet.findText(preview.sheet or ""))
        self.sheet.blockSignals(False)
        self.sheet_row.setVisible(len(preview.sheets) > 1)

        if self.mapping.show_headers(preview.headers, preview.mapping):
            for combo in self.mapping.combos:
                combo.currentIndexChanged.connect(self._mapping_changed)
            if self.mapping.combos:
                QWidget.setTabOrder(self.sheet, self.mapping.combos[0])
                QWidget.setTabOrder(self.mapping.combos[-1], self.table)
        self.mapping.show()
        self.columns_label.show()

        self.model.set_preview(preview)
        if self.source_default.text().strip() != preview.source_default:
            self.source_default.setText(preview.source_default)
        self.source_row.show()
        self.counts.setText(counts_text(preview))
        self.counts.show()
        self.notes.setText("\n".join(f"• {note}" for note in preview.notes))
        self.notes.setVisible(bool(preview.notes))
        self.table.setEnabled(True)

    def _show_refusal(self, error: Exception, *, headers_known: bool) -> None:
        self.session.preview = None
        self.model.set_preview(None)
        self.counts.hide()
        self.notes.hide()
        self.source_row.hide()
        self.table.setEnabled(False)
        self.mapping.setVisible(headers_known)
        self.columns_label.setVisible(headers_known)
        if isinstance(error, ImportRefusedError):
            self.message.show_message(
                Tone.PROBLEM, "These choices cannot be used to read the file.", str(error)
            )
        else:
            self.message.show_message(Tone.PROBLEM, "The file could not be read again.")
            show_error(self, error)

    # -- changes -------------------------------------------------------------------------------
    def _source_default_changed(self) -> None:
        preview = self.session.preview
        text = self.source_default.text()
        if preview is None or self.reading.busy or text.strip() == preview.source_default:
            return
        self.busy.start("Giving the rows without a source this one…")  # every row: a worker's job

        def done(changed: ImportPreview) -> None:
            self.busy.stop()
            self.session.preview = changed
            self.model.set_preview(changed)
            self.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.busy.stop()
            self.completeChanged.emit()
            show_error(self, error)

        self.reading.start(lambda: with_source_default(preview, text), done, failed)
        self.completeChanged.emit()

    def _correct(self, row_number: int, field_value: str, text: str) -> None:
        preview = self.session.preview
        if preview is None or self.reading.busy:
            return
        changed = correct(preview, row_number, Field(field_value), text)
        self.session.preview = changed
        self.model.update_row(changed, row_number)
        self.counts.setText(counts_text(changed))
        still = [p.message for p in changed.problems if p.row_number == row_number and p.blocking]
        if still:
            self.message.show_message(
                Tone.PROBLEM, f"Row {row_number} still cannot be imported.", still[0]
            )
        else:
            self.message.show_message(
                Tone.DONE, f"Row {row_number} corrected: it will be imported as it now reads."
            )

    def _sheet_chosen(self) -> None:
        name = self.sheet.currentText()
        if not name or name == self._sheet:
            return
        self._sheet = name
        self._reread(name, None)

    def _mapping_changed(self) -> None:
        self._reread(self._sheet, self.mapping.mapping())

    def _reread(self, sheet: str | None, mapping: dict[int, Field] | None) -> None:
        path = self.session.path
        if path is None:
            return
        headers_known = mapping is not None
        earlier = self.session.preview
        self.message.clear()
        self.busy.start("Reading the file again with these choices…")

        def done(preview: ImportPreview) -> None:
            self.busy.stop()
            self.session.preview = preview
            self._show(preview)
            self.completeChanged.emit()

        def failed(error: Exception) -> None:
            self.busy.stop()
            self._show_refusal(error, headers_known=headers_known)
            self.completeChanged.emit()

        def work() -> ImportPreview:
            fresh = read_preview(path, sheet, mapping)
            if earlier is None or earlier.sheet != fresh.sheet:
                return fresh  # another sheet's rows are not the ones corrected
            return reapply(fresh, earlier)

        self.reading.start(work, done, failed)
        self.completeChanged.emit()  # after start(): the page counts as busy from here
