"""Keeping the detail panel on the table's current entry, and acting on its same-event buttons.

Other agencies' versions and suggestions come from the service through a worker; an answer
is shown only if the reviewer is still on the entry it was asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.chronology.same_event import Suggestion
from reviewer_app.services.chronology import ChronologyService
from ui.chronology.detail_panel import DetailPanel, SuggestionRow
from ui.chronology.same_events import SameEventLookup
from ui.chronology.table_model import ChronologyTableModel

Decide = Callable[[int, int, float], None]


class DetailController:
    def __init__(
        self,
        panel: DetailPanel,
        model: ChronologyTableModel,
        service: ChronologyService,
        lookup: SameEventLookup,
        show_error: Callable[[Exception], None],
    ) -> None:
        self.panel = panel
        self.model = model
        self.service = service
        self.lookup = lookup
        self.show_error = show_error
        #: Import batches by id, for "where it came from".
        self.batches: dict[int, ImportBatch] = {}
        self._shown: int | None = None
        panel.confirm_requested.connect(self._confirm)
        panel.dismiss_requested.connect(self._dismiss)

    def show(self, entry: ChronologyEntry | None, *, force: bool = False) -> bool:
        """Show `entry` (None: nothing selected); True if a different entry is now shown."""
        entry_id = entry.id if entry is not None else None
        if entry is None:
            self.panel.show_entry(None)
        else:
            self.panel.show_entry(
                entry,
                agency_name=self.model.agency_name(entry.agency_id),
                age=self.model.child_age(entry),
                batch=self.batches.get(entry.provenance.batch_id or -1),
            )
        moved = entry_id != self._shown
        if moved or force:
            self._shown = entry_id
            if entry_id is not None:
                self.lookup.linked(entry_id, self._linked_found)
                self.lookup.suggestions(entry_id, self._suggestions_found)
        return moved

    def clear(self) -> None:
        self._shown = None
        self.batches = {}
        self.lookup.clear()
        self.panel.clear()

    def _linked_found(self, entry_id: int, linked: list[ChronologyEntry]) -> None:
        if entry_id == self._shown:
            self.panel.show_linked(linked, self.model.agency_names())

    def _suggestions_found(self, entry_id: int, found: list[Suggestion]) -> None:
        if entry_id != self._shown:
            return
        rows = []
        for suggestion in found:
            other_id = suggestion.entry_b if suggestion.entry_a == entry_id else suggestion.entry_a
            other = self.model.entry(other_id)
            if other is not None:
                rows.append(
                    SuggestionRow(suggestion, other, self.model.agency_name(other.agency_id))
                )
        self.panel.show_suggestions(rows)

    def _confirm(self, entry_id: int, other_id: int, score: float) -> None:
        self._decide(self.service.confirm_same_event, entry_id, other_id, score)

    def _dismiss(self, entry_id: int, other_id: int, score: float) -> None:
        self._decide(self.service.dismiss_same_event, entry_id, other_id, score)

    def _decide(self, decide: Decide, entry_id: int, other_id: int, score: float) -> None:
        try:
            decide(entry_id, other_id, score)
        except Exception as error:
            self.show_error(error)
            return
        self.lookup.forget_pair(entry_id, other_id)
        entry = self.model.entry(entry_id)
        self.show(entry, force=True)
