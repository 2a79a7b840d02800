"""The chronology page: filter bar, the table of every entry, and the selected entry's details.

The page wires its parts together and turns what the reviewer does into undo commands or
service calls. Reading the chronology and searching it run through the task runner, so a big
review never freezes the window; tests hand in the `ImmediateTaskRunner`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.entry import Agency, ChronologyEntry, Flag
from reviewer_app.chronology.repository import EntryFilter, ImportBatch
from reviewer_app.services.chronology import ChronologyService
from ui.chronology.commands import ChronologyEdits
from ui.chronology.detail_controller import DetailController
from ui.chronology.detail_panel import DetailPanel
from ui.chronology.entry_menu import delete_question, entry_menu
from ui.chronology.filter_bar import FilterBar
from ui.chronology.filter_proxy import EntryFilterProxy
from ui.chronology.same_events import SameEventLookup
from ui.chronology.table_model import ChronologyTableModel, Column, Role
from ui.chronology.table_view import ChronologyTableView
from ui.empty_message import EmptyMessage
from ui.errors import show_error
from ui.kept_typing import PUT_BACK_NOTE, KeptForm
from ui.style import heading
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the form and the queue load when first opened, not with the page
    from ui.chronology.entry_dialog import EntryDialog, NewEntry
    from ui.chronology.same_event_queue import SameEventQueue

LOADING = "Loading the chronology…"
SEARCHING = "Searching…"
NO_ENTRIES = (
    "No entries yet: import an agency chronology (File menu, Import agency chronology…, or "
    "Ctrl+I) or add one with New entry…"
)
NONE_MATCH = (
    "No entries match the search and filters. Press Clear filters (Alt+L) to show every "
    "entry again."
)


@dataclass(frozen=True, slots=True)
class LoadedChronology:
    entries: Sequence[ChronologyEntry]  # the service's shared rows: read, never changed
    agencies: list[Agency]
    batches: dict[int, ImportBatch]
    date_of_birth: dt.date | None


def read_chronology(service: ChronologyService) -> LoadedChronology:
    """Everything the page shows, read in one go (in a worker)."""
    return LoadedChronology(
        entries=service.entry_rows(),
        agencies=service.agencies(),
        batches={b.id: b for b in service.batches() if b.id is not None},
        # The service has no reader for the child's date of birth yet; its repository does.
        date_of_birth=service.subject_date_of_birth(),
    )


#: How long after the unlock the refused cell is opened again: the unlock dialog hands the focus
#: back to the window just after it closes, and an editor open by then would lose the focus, try
#: to save, be refused and close.
_GIVE_BACK_MS = 100


class ChronologyPage(QWidget):
    #: The table has been (re)filled from the review file.
    loaded = Signal()
    #: The id of the entry now selected, or None.
    current_entry_changed = Signal(object)
    #: Entries that the analysis used as evidence were deleted (its links went with them).
    evidence_removed = Signal()

    def __init__(
        self,
        service: ChronologyService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chronologyPage")
        self.setAccessibleName("Chronology")
        self.service = service
        self.undo_stack = undo_stack
        self.runner = runner
        #: Says what in the analysis uses an entry as evidence ("" if nothing); set by the
        #: workspace, which knows the analysis part of the review.
        self.evidence_use: Callable[[int], str] = lambda _entry_id: ""
        self._agencies: list[Agency] = []
        self._load_generation = 0
        self._filter_generation = 0
        self._loading = False
        self._loaded_once = False  # until then, an empty table is not yet an empty review
        self._pending_select: int | None = None
        #: A cell's typing the table refused when the review locked, and typing to give back.
        self._refused_cell: KeptForm | None = None
        self._put_back: KeptForm | None = None

        self.model = ChronologyTableModel(self)
        self.proxy = EntryFilterProxy(self.model, self)
        self.edits = ChronologyEdits(
            service, self.model, undo_stack, self._report_later, changed=self._entries_changed
        )
        self.model.set_edit_handler(self.edits.edit)
        self.model.edit_refused.connect(self._show_error, Qt.ConnectionType.QueuedConnection)
        self.same_events = SameEventLookup(service, runner, self._report_later)

        title = heading("Chronology", 1.4)
        self.new_button = QPushButton("&New entry…")
        self.new_button.setAccessibleName("New entry")
        self.new_button.setToolTip("Add an entry by hand (Ctrl+N in the table)")
        self.new_button.clicked.connect(self.new_entry)
        self.delete_button = QPushButton("&Delete entry…")
        self.delete_button.setAccessibleName("Delete selected entries")
        self.delete_button.setToolTip("Delete the selected entries (Delete key in the table)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.queue_button = QPushButton("Review same e&vents…")
        self.queue_button.setAccessibleName("Review same events")
        self.queue_button.setToolTip(
            "Every likely pair of agencies' records of one event, best first, to confirm or "
            "dismiss (Ctrl+Shift+E)"
        )
        self.queue_button.clicked.connect(self.review_same_events)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.queue_button)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)

        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self._filter_changed)

        self.table = ChronologyTableView()
        self.table.setModel(self.proxy)
        self.table.size_columns()
        self.table.delete_requested.connect(self.delete_selected)
        self.table.new_entry_requested.connect(self.new_entry)
        self.table.context_menu_requested.connect(self._popup_menu)
        self.empty_message = EmptyMessage(self.table)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_row_changed)
        selection.selectionChanged.connect(self._selection_changed)

        self.detail = DetailPanel()
        self.detail.flags_changed.connect(self._flags_from_panel)
        self.details = DetailController(
            self.detail, self.model, service, self.same_events, self._show_error
        )

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.splitter.setSizes([rows * 11, rows * 17])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        find = QAction("Find in the chronology", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        link = QAction("Link as the same event", self)
        link.setShortcut(QKeySequence("Ctrl+L"))
        link.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        link.triggered.connect(self.link_selected)
        self.addAction(link)
        queue = QAction("Review same events", self)
        queue.setShortcut(QKeySequence("Ctrl+Shift+E"))
        queue.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        queue.triggered.connect(self.review_same_events)
        self.addAction(queue)

        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.model.rowsInserted,  # the proxy reports a removal before the model makes it
            self.model.rowsRemoved,
        ):
            signal.connect(self._update_count)
        self._set_tab_order()
        self._update_count()
        self._selection_changed()

    # -- public API ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the whole chronology again (in a worker) and show it, keeping the selection."""
        self._load_generation += 1
        generation = self._load_generation
        keep = self.current_entry_id()
        if self._pending_select is None and keep is not None:
            self._pending_select = keep
        self._loading = True
        self.filter_bar.count.setText(LOADING)
        service = self.service

        def done(result: object) -> None:
            if generation == self._load_generation:
                assert isinstance(result, LoadedChronology)
                self._fill(result)

        def failed(error: Exception) -> None:
            if generation == self._load_generation:
                self._loading = False
                self._update_count()
                show_error(self, error)

        self.runner.start(lambda: read_chronology(service), done, failed)

    @property
    def is_loaded(self) -> bool:
        """The table shows the review's chronology (read at least once, not reading now)."""
        return self._loaded_once and not self._loading

    def select_entry(self, entry_id: int) -> bool:
        """Select an entry and scroll to it (clearing filters that hide it); False if absent."""
        if self._loading:
            self._pending_select = entry_id
            return True
        if self.model.row_of(entry_id) is None:
            return False
        row = self.proxy.proxy_row_of(entry_id)
        if row is None:
            self.filter_bar.clear()
            self._apply_ids(None)
            row = self.proxy.proxy_row_of(entry_id)
            if row is None:
                return False
        column = max(self.table.currentIndex().column(), 0)
        index = self.proxy.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def current_entry_id(self) -> int | None:
        entry = self.current_entry()
        return entry.id if entry is not None else None

    def current_entry(self) -> ChronologyEntry | None:
        index = self.table.currentIndex()
        entry = index.data(Role.OBJECT) if index.isValid() else None
        return entry if isinstance(entry, ChronologyEntry) else None

    def selected_entries(self) -> list[ChronologyEntry]:
        rows = self.table.selectionModel().selectedRows()
        found = [i.data(Role.OBJECT) for i in sorted(rows, key=lambda i: i.row())]
        return [e for e in found if isinstance(e, ChronologyEntry)]

    def new_entry(self) -> EntryDialog:
        """Open the new-entry form; the entry is added (as an undoable step) when it is accepted."""
        from ui.chronology.entry_dialog import EntryDialog

        dialog = EntryDialog(self._agencies, self)

        def accepted() -> None:
            if dialog.result_entry is not None:
                self.add_entry(dialog.result_entry)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def add_entry(self, new: NewEntry) -> int | None:
        """Add what the form gave (making the agency if it is new); returns the new entry's id."""
        try:
            agency_id = new.agency_id
            if agency_id is None:
                agency = self.service.ensure_agency(new.agency_name)
                assert agency.id is not None
                agency_id = agency.id
                self._agencies = sorted([*self._agencies, agency], key=lambda a: a.name)
                self.model.set_agency_name(agency_id, agency.name)
                self.filter_bar.set_agencies(self._agencies)
            entry = ChronologyEntry(
                agency_id=agency_id,
                date=new.date,
                source=new.source,
                event=new.event,
                outcome=new.outcome,
                practitioner=new.practitioner,
                comment=new.comment,
                flags=new.flags,
                sequence=self._next_sequence(new),
            )
        except Exception as error:
            show_error(self, error)
            return None
        handle = self.edits.add(entry)
        if handle.id is not None:
            self.select_entry(handle.id)
        return handle.id

    def delete_selected(self) -> None:
        """Ask, then delete the selected entries as one undoable step."""
        chosen = self.selected_entries()
        if not chosen:
            return
        title, question = delete_question(chosen, self.model.agency_name)
        uses = [self.evidence_use(e.id) for e in chosen if e.id is not None]
        uses = [use for use in uses if use]
        if uses:
            question += (
                "\n\nThe analysis uses this as evidence: " + "; ".join(uses) + ". Those links go "
                "with it, and undoing the deletion brings the entry back without them."
            )
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        first_row = min(i.row() for i in self.table.selectionModel().selectedRows())
        self.edits.delete(chosen)
        if uses:
            self.evidence_removed.emit()
        if self.proxy.rowCount():
            self.table.selectRow(min(first_row, self.proxy.rowCount() - 1))

    def set_flags(self, entry_id: int, flags: frozenset[Flag]) -> None:
        entry = self.model.entry(entry_id)
        if entry is not None:
            self.edits.set_flags(entry, flags)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def context_menu(self) -> QMenu:
        """The table's menu for the current entry (built fresh, so it is always up to date)."""
        index = self.table.currentIndex()
        return entry_menu(
            self,
            entry=self.current_entry(),
            selected=len(self.selected_entries()),
            editable=bool(index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable),
            undo_stack=self.undo_stack,
            on_edit=lambda: self.table.edit(self.table.currentIndex()),
            on_new=self.new_entry,
            on_delete=self.delete_selected,
            on_flags=self.set_flags,
            on_link=self.link_selected,
        )

    def review_same_events(self) -> SameEventQueue:
        """Open the queue of every suggested pair, best first."""
        from ui.chronology.same_event_queue import SameEventQueue

        queue = SameEventQueue(self.service, self.runner, self)
        queue.decided.connect(self._same_event_decided)
        queue.finished.connect(queue.deleteLater)
        queue.open()
        queue.load()
        return queue

    def link_selected(self) -> None:
        """Link the selected entries (from two or more agencies) as one event."""
        chosen = [e.id for e in self.selected_entries() if e.id is not None]
        try:
            self.service.link_as_same_event(chosen)
        except Exception as error:
            self._show_error(error)
            return
        self.same_events.invalidate()
        self._show_current(force=True)

    def _same_event_decided(self, entry_a: int, entry_b: int) -> None:
        self.same_events.forget_pair(entry_a, entry_b)
        self._show_current(force=True)

    def flush(self) -> bool:
        """Save a cell still being edited (before the review locks or closes); False if the
        table refused what was typed (`unsaved` then keeps it, in memory, for `put_back`)."""
        self._refused_cell = None
        index, text = self.table.currentIndex(), self.table.editing_text()
        refused: list[object] = []

        def heard(error: object) -> None:
            refused.append(error)

        self.model.edit_refused.connect(heard)
        try:
            self.table.commit_editing()
        finally:
            self.model.edit_refused.disconnect(heard)
        if refused and text is not None and index.isValid():
            entry = self.model.entry_at(self.proxy.source_row(index.row()))
            self._refused_cell = KeptForm(entry.id, (text,), str(refused[0]), index.column())
        return not refused

    def unsaved(self) -> KeptForm | None:
        """After `flush`: a cell's typing the table refused (ui.kept_typing), or None."""
        return self._put_back or self._refused_cell

    def put_back(self, kept: KeptForm) -> None:
        """Open the same entry's cell again with the typing kept across a lock, and say why."""
        self._put_back = kept
        if self._loaded_once and not self._loading:
            QTimer.singleShot(_GIVE_BACK_MS, self, self._give_back)

    def _give_back(self) -> None:
        kept, self._put_back = self._put_back, None
        if kept is None or kept.item_id is None or not self.select_entry(kept.item_id):
            return  # the entry has gone meanwhile
        row = self.proxy.proxy_row_of(kept.item_id)
        if row is None or kept.texts[0] is None:
            return
        # Said beside the cell, not in a message box: a box would take the focus, and the cell
        # would try (and fail) to save again and close, losing the text once more.
        self.table.edit_with_text(
            self.proxy.index(row, kept.field), kept.texts[0], f"{PUT_BACK_NOTE}\n{kept.problem}"
        )

    def clear(self) -> None:
        """Blank everything that shows the case (before the review is closed or locked)."""
        self.flush()
        self._load_generation += 1
        self._filter_generation += 1
        self._pending_select = None
        self._loading = False
        self.filter_bar.clear()
        self.filter_bar.set_agencies([])
        self.proxy.set_ids(None)
        self.model.clear()
        self.details.clear()
        self.edits.clear()
        self._agencies = []
        self._loaded_once = False
        self._update_count()

    # -- filling ------------------------------------------------------------------------------
    def _fill(self, loaded: LoadedChronology) -> None:
        self._agencies = loaded.agencies
        self.details.batches = loaded.batches
        names = {a.id: a.name for a in loaded.agencies if a.id is not None}
        self.model.set_chronology(loaded.entries, names, loaded.date_of_birth)
        self.table.horizontalHeader().setSortIndicator(Column.DATE, Qt.SortOrder.AscendingOrder)
        self.filter_bar.set_agencies(loaded.agencies)
        self.same_events.invalidate()
        self._loading = False
        self._loaded_once = True
        wanted = self.filter_bar.current_filter()
        if wanted is not None and wanted != EntryFilter():
            self._filter_changed(wanted)
        else:
            self._apply_ids(None)
        pending, self._pending_select = self._pending_select, None
        if pending is None or not self.select_entry(pending):
            self._show_current()
        if self._put_back is not None:  # once the table has settled after the read
            QTimer.singleShot(_GIVE_BACK_MS, self, self._give_back)
        self.loaded.emit()

    def _next_sequence(self, new: NewEntry) -> int:
        """After the day's other entries, so a hand-made entry lands last on its day (found in
        the file's index of dates: no entry of a 50,000-entry table is made for it)."""
        return self.service.next_sequence(new.date)

    # -- filtering ----------------------------------------------------------------------------
    def _filter_changed(self, wanted: object) -> None:
        assert isinstance(wanted, EntryFilter)
        self._filter_generation += 1
        generation = self._filter_generation
        if wanted == EntryFilter():
            self._apply_ids(None)
            return
        self.filter_bar.count.setText(SEARCHING)
        service = self.service

        def done(result: object) -> None:
            if generation == self._filter_generation:
                assert isinstance(result, frozenset)
                self._apply_ids(result)

        def failed(error: Exception) -> None:
            if generation == self._filter_generation:
                self._update_count()
                show_error(self, error)

        self.runner.start(lambda: service.search_ids(wanted), done, failed)

    def _apply_ids(self, ids: Collection[int] | None) -> None:
        self.proxy.set_ids(ids)
        self._update_count()
        self._show_current()

    def _update_count(self) -> None:
        if self._loading:
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.filter_bar.set_counts(shown, total)
        message = ""
        if self._loaded_once and total == 0:
            message = NO_ENTRIES
        elif shown == 0 and total:
            message = NONE_MATCH
        self.empty_message.say(message)
        # Nothing in the table: nothing to show below it either (the message says what to do).
        self.detail.setVisible(shown > 0 or not self._loaded_once)

    # -- the selected entry -------------------------------------------------------------------
    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_current()

    def _selection_changed(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.delete_button.setEnabled(count > 0)
        self.delete_button.setText("&Delete entries…" if count > 1 else "&Delete entry…")

    def _show_current(self, *, force: bool = False) -> None:
        entry = self.current_entry()
        if self.details.show(entry, force=force):
            self.current_entry_changed.emit(entry.id if entry is not None else None)

    def _entries_changed(self, affects_matching: bool) -> None:
        if affects_matching:
            self.same_events.invalidate()
        self._show_current(force=True)

    def _flags_from_panel(self, entry_id: int, flags: object) -> None:
        assert isinstance(flags, frozenset)
        self.set_flags(entry_id, flags)

    # -- odds and ends ------------------------------------------------------------------------
    def _popup_menu(self, where: QPoint) -> None:
        menu = self.context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(where)

    def _show_error(self, error: object) -> None:
        assert isinstance(error, Exception)
        show_error(self, error)

    def _report_later(self, error: Exception) -> None:
        """Show an error once the current edit has finished (never inside an editor's commit)."""
        QTimer.singleShot(0, self, lambda: show_error(self, error))

    def _set_tab_order(self) -> None:
        bar, detail = self.filter_bar, self.detail
        chain: list[QWidget] = [
            self.new_button,
            self.delete_button,
            bar.search,
            bar.agency_button,
            bar.date_from,
            bar.date_to,
            bar.clear_button,
            *bar.flag_boxes.values(),
            self.table,
            *detail.flag_boxes.values(),
            detail.linked,
            detail.suggestions,
            detail.confirm_button,
            detail.dismiss_button,
            detail.original_row,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
