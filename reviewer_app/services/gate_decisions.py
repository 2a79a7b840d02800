"""The reviewer's decisions on what the anonymisation gate found, as a service of the review.

The store keeps them in the review file; every change is announced as a change to the people
part, because the pseudonym register the gate reads is built from both.
"""

from __future__ import annotations

from reviewer_app.anonymisation.decisions import Decision, DecisionStore
from reviewer_app.services.changes import ChangeBus, Part, writes


class DecisionService:
    """Implements `DecisionStore` over the review's store, announcing each change."""

    def __init__(self, store: DecisionStore, changes: ChangeBus | None = None) -> None:
        self._store = store
        self.changes = changes or ChangeBus()

    def decisions(self) -> tuple[Decision, ...]:
        return self._store.decisions()

    @writes(Part.PEOPLE)
    def record(self, decision: Decision) -> Decision:
        return self._store.record(decision)

    @writes(Part.PEOPLE)
    def remove(self, decision_id: int) -> None:
        self._store.remove(decision_id)
