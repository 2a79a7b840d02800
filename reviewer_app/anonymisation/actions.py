"""What happens when the reviewer chooses an action for a finding (the window's buttons)."""

from __future__ import annotations

from reviewer_app.anonymisation.decisions import (
    Decision,
    DecisionKind,
    DecisionStore,
    RegisterEditor,
)
from reviewer_app.anonymisation.patterns import TITLE_KEYS
from reviewer_app.anonymisation.scan import Action, Hit, HitKind
from reviewer_app.errors import InvalidInputError


class GateDecisions:
    """What the window does with a finding when the reviewer chooses an action.

    - "Not a name": a possible name is an ordinary word everywhere in this review; a registered
      name that is an everyday word is not the person only where the hit is.
    - "Replace with pseudonym": this form names that person from now on (a word that is also
      an everyday word, only where the hit is).
    - "Add to register": the person is added to the review's people with the pseudonym given.
    """

    def __init__(self, store: DecisionStore, editor: RegisterEditor | None = None) -> None:
        self.store = store
        self.editor = editor

    def not_a_name(self, hit: Hit) -> Decision:
        here = hit.context_key if hit.kind is HitKind.NAME else ""
        return self.store.record(Decision(DecisionKind.NOT_A_NAME, hit.key, context=here))

    def replace_with(self, hit: Hit, pseudonym: str) -> Decision:
        if pseudonym not in hit.pseudonyms:
            raise InvalidInputError(
                f"“{pseudonym}” is not one of the people this could be. Choose one of: "
                + ", ".join(hit.pseudonyms)
                + "."
            )
        here = hit.context_key if Action.NOT_A_NAME in hit.actions else ""
        return self.store.record(Decision(DecisionKind.SAME_AS, hit.key, pseudonym, here))

    def add_to_register(self, hit: Hit, pseudonym: str) -> None:
        if self.editor is None:
            raise InvalidInputError(
                "People can be added in the People part of the review; add this person there."
            )
        if not pseudonym.strip():
            raise InvalidInputError(
                "Give the person a pseudonym, such as 'Health Visitor 2' or 'Uncle'."
            )
        name = " ".join(w for w in hit.found.split() if w.casefold().strip(".") not in TITLE_KEYS)
        self.editor.add_to_register(name, pseudonym.strip())
