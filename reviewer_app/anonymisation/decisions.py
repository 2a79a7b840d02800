"""The reviewer's decisions on what the gate found, kept in the review file.

- "Not a name": a capitalised word the gate took for a possible name ("Devon", "Hope") is an
  ordinary word in this review. For a word that is also a registered person's name, the
  decision holds only where the words around it are the same ("Hope was expressed…"), so the
  person's name is still caught everywhere else.
- "Same as": a form the gate could not place ("Mrs Smith" when Smith is half of a double-barrelled
  surname) names a particular registered person; from then on it is replaced by that person's
  pseudonym like any whole name.
- "Add to register" is not stored here: it adds a person (with a pseudonym) to the review's
  people, which the register is built from (`RegisterEditor`).

Decisions hold normalised keys (see `normalise`), never more of the case text than the form and
the two words either side of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class DecisionKind(StrEnum):
    NOT_A_NAME = "not-a-name"
    SAME_AS = "same-as"


@dataclass(frozen=True, slots=True)
class Decision:
    kind: DecisionKind
    form: str  # the normalised key of the form: "mrs smith", "devon"
    pseudonym: str = ""  # for SAME_AS: whose form it is
    context: str = ""  # "" everywhere, else the words around it: "<> was expressed"
    made: dt.datetime | None = None
    id: int | None = None


class DecisionStore(Protocol):
    """The review's store of decisions (`storage.anonymisation_repository` implements it)."""

    def decisions(self) -> tuple[Decision, ...]: ...
    def record(self, decision: Decision) -> Decision: ...
    def remove(self, decision_id: int) -> None: ...


class RegisterEditor(Protocol):
    """Adds someone the gate found to the review's people, with the pseudonym the reviewer
    chose (the people service does this)."""

    def add_to_register(self, real_name: str, pseudonym: str) -> None: ...
