"""What the anonymisation gate must know about a case: the pseudonym register.

People (from the people part of the review) become `KnownIdentity` records; other identifying
terms recorded for the case (a school, a GP practice, a street) become `CaseIdentifier`s. The
gate replaces each real name by its pseudonym and then blocks any export in which a real
identifier still appears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from reviewer_app.anonymisation.decisions import Decision


@dataclass(frozen=True, slots=True)
class KnownIdentity:
    pseudonym: str  # "Child Q", "Mother", "Health Visitor 1"
    full_name: str = ""  # as recorded: "Jane Amelia Smith"
    other_names: tuple[str, ...] = ()  # known-as names, maiden names, nicknames
    date_of_birth: dt.date | None = None
    address: str = ""
    postcode: str = ""
    phone: str = ""
    nhs_number: str = ""


class IdentifierKind(StrEnum):
    SCHOOL = "school"
    GP_PRACTICE = "gp-practice"
    ADDRESS = "address"
    PLACE = "place"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class CaseIdentifier:
    kind: IdentifierKind
    text: str  # "St Anne's Primary School"
    replacement: str = ""  # "the primary school"; empty means it must not appear at all


@dataclass(frozen=True, slots=True)
class PseudonymRegister:
    identities: tuple[KnownIdentity, ...] = ()
    identifiers: tuple[CaseIdentifier, ...] = field(default=())
    #: The reviewer's decisions on earlier findings ("not a name", "same as"), from the review.
    decisions: tuple[Decision, ...] = field(default=())


class RegisterSource(Protocol):
    """Anything that can say who and what must be anonymised (the people service does)."""

    def pseudonym_register(self) -> PseudonymRegister: ...
