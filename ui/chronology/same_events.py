"""Finding other agencies' versions of the selected entry, off the GUI thread.

Suggestions compare every entry with its overlapping neighbours, which takes a while on a big
chronology, so they are worked out once in a worker and kept until entries change. Answers
that arrive after the reviewer has moved on (or after the cache was dropped) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.same_event import Suggestion
from reviewer_app.services.chronology import ChronologyService
from ui.tasks import TaskRunner

SuggestionsDone = Callable[[int, list[Suggestion]], None]
LinkedDone = Callable[[int, list[ChronologyEntry]], None]


def index_suggestions(found: list[Suggestion]) -> dict[int, list[Suggestion]]:
    """Each entry's suggestions, best first (the service returns them best first)."""
    by_entry: dict[int, list[Suggestion]] = {}
    for suggestion in found:
        by_entry.setdefault(suggestion.entry_a, []).append(suggestion)
        by_entry.setdefault(suggestion.entry_b, []).append(suggestion)
    return by_entry


class SameEventLookup:
    def __init__(
        self,
        service: ChronologyService,
        runner: TaskRunner,
        on_error: Callable[[Exception], None],
    ) -> None:
        self._service = service
        self._runner = runner
        self._on_error = on_error
        self._by_entry: dict[int, list[Suggestion]] | None = None
        self._working = False
        self._generation = 0
        self._wanted: tuple[int, SuggestionsDone] | None = None
        self._linked_request = 0

    @property
    def cached(self) -> bool:
        return self._by_entry is not None

    def invalidate(self) -> None:
        """Entries changed: suggestions will be worked out again when next asked for."""
        self._by_entry = None
        self._generation += 1

    def clear(self) -> None:
        """Forget everything, including who was waiting (the review is being closed)."""
        self.invalidate()
        self._wanted = None
        self._linked_request += 1

    def forget_pair(self, entry_a: int, entry_b: int) -> None:
        """A pair the reviewer decided on is no longer a suggestion."""
        if self._by_entry is None:
            return
        for entry_id in (entry_a, entry_b):
            kept = [
                s
                for s in self._by_entry.get(entry_id, [])
                if {s.entry_a, s.entry_b} != {entry_a, entry_b}
            ]
            self._by_entry[entry_id] = kept

    def suggestions(self, entry_id: int, done: SuggestionsDone) -> None:
        """Call `done(entry_id, suggestions)` now if known, or once they are worked out.

        Only one search runs at a time: if entries change while it runs, its answer is thrown
        away and one more search starts for whoever is waiting.
        """
        if self._by_entry is not None:
            done(entry_id, list(self._by_entry.get(entry_id, [])))
            return
        self._wanted = (entry_id, done)
        if not self._working:
            self._start()

    def _start(self) -> None:
        self._working = True
        generation = self._generation
        service = self._service

        def finished(result: object) -> None:
            self._working = False
            if generation != self._generation:
                if self._wanted is not None:
                    self._start()
                return
            assert isinstance(result, dict)
            self._by_entry = result
            wanted, self._wanted = self._wanted, None
            if wanted is not None:
                wanted[1](wanted[0], list(result.get(wanted[0], [])))

        def failed(error: Exception) -> None:
            self._working = False
            self._wanted = None
            if generation == self._generation:
                self._on_error(error)

        self._runner.start(
            lambda: index_suggestions(service.suggest_same_events()), finished, failed
        )

    def linked(self, entry_id: int, done: LinkedDone) -> None:
        """Call `done(entry_id, linked entries)`; only the latest request is answered."""
        self._linked_request += 1
        request = self._linked_request
        service = self._service

        def finished(result: object) -> None:
            if request == self._linked_request:
                assert isinstance(result, list)
                done(entry_id, result)

        def failed(error: Exception) -> None:
            if request == self._linked_request:
                self._on_error(error)

        self._runner.start(lambda: service.linked_entries(entry_id), finished, failed)
