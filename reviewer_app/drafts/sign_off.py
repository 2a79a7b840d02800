"""Sign-off of the final report, and its publication.

The review panel signs off the report, then the safeguarding partners (under Working Together
2023: the local authority, the chief officer of police and the integrated care board), or the
board or partnership as a whole where it signs for them. Publication is recorded once: when,
which file (the accessible publication export, `reviewer-app export --format pdf
--publication`), which version, and where it was published; it is refused while the final gate
(`reviewer_app.services.sign_off.SignOffService.gate`) finds anything in the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reviewer_app.errors import InvalidInputError


class Signatory(StrEnum):
    PANEL = "panel"
    LOCAL_AUTHORITY = "local-authority"
    POLICE = "police"
    HEALTH = "health"
    BOARD = "board"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Signatory.PANEL: "The review panel",
    Signatory.LOCAL_AUTHORITY: "Safeguarding partner: the local authority",
    Signatory.POLICE: "Safeguarding partner: the police",
    Signatory.HEALTH: "Safeguarding partner: the integrated care board (health)",
    Signatory.BOARD: "The board or partnership as a whole",
}
PARTNERS = (Signatory.LOCAL_AUTHORITY, Signatory.POLICE, Signatory.HEALTH)


@dataclass(frozen=True, slots=True)
class SignOff:
    signatory: Signatory
    signed_on: dt.date
    name: str = ""  # who signed, by role (e.g. "Director of Children's Services")
    version: int | None = None  # the draft version signed off
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.version is not None and self.version < 1:
            raise InvalidInputError("A draft's version number starts at 1.")


@dataclass(frozen=True, slots=True)
class Publication:
    published_on: dt.date
    file_name: str  # the publication file as published
    where: str = ""  # where it is published (the partnership's website, say)
    version: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if not self.file_name.strip():
            raise InvalidInputError(
                "Name the file that was published (the accessible publication PDF)."
            )
        if self.version is not None and self.version < 1:
            raise InvalidInputError("A draft's version number starts at 1.")


def missing_sign_offs(sign_offs: Sequence[SignOff]) -> list[Signatory]:
    """Who has still to sign: the panel, and the three partners unless the board signed."""
    signed = {s.signatory for s in sign_offs}
    missing = [] if Signatory.PANEL in signed else [Signatory.PANEL]
    if Signatory.BOARD not in signed:
        missing.extend(p for p in PARTNERS if p not in signed)
    return missing


class SignOffRepository(Protocol):
    """What the sign-off service needs from storage (`storage.drafts_repository`)."""

    def sign_offs(self) -> list[SignOff]: ...
    def add_sign_off(self, sign_off: SignOff) -> SignOff: ...
    def remove_sign_off(self, sign_off_id: int) -> None: ...
    def publication(self) -> Publication | None: ...
    def save_publication(self, publication: Publication | None) -> None: ...
