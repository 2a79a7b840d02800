"""What the leak scan reports: a hit, where it is, the form found and the actions offered."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.anonymisation.register import IdentifierKind

CONTEXT_CHARS = 40
SEPARATOR = "\x00"  # between pieces: no name, date or number crosses it
Span = tuple[int, int]


class HitKind(StrEnum):
    NAME = "name"
    POSSIBLE_NAME = "possible-name"
    DATE_OF_BIRTH = "date-of-birth"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PHONE = "phone"
    NHS_NUMBER = "nhs-number"
    SCHOOL = "school"
    GP_PRACTICE = "gp-practice"
    PLACE = "place"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    HitKind.NAME: "Real name",
    HitKind.POSSIBLE_NAME: "Possible name not in the register",
    HitKind.DATE_OF_BIRTH: "Date of birth",
    HitKind.ADDRESS: "Address",
    HitKind.POSTCODE: "Postcode",
    HitKind.PHONE: "Phone number",
    HitKind.NHS_NUMBER: "NHS number",
    HitKind.SCHOOL: "School",
    HitKind.GP_PRACTICE: "GP practice",
    HitKind.PLACE: "Place",
    HitKind.OTHER: "Identifying detail",
}
_IDENTIFIER_KINDS = {
    IdentifierKind.SCHOOL: HitKind.SCHOOL,
    IdentifierKind.GP_PRACTICE: HitKind.GP_PRACTICE,
    IdentifierKind.ADDRESS: HitKind.ADDRESS,
    IdentifierKind.PLACE: HitKind.PLACE,
    IdentifierKind.OTHER: HitKind.OTHER,
}


class Action(StrEnum):
    """What the reviewer can do about a hit (the window offers these as buttons)."""

    REPLACE = "replace with pseudonym"
    ADD_TO_REGISTER = "add to register"
    NOT_A_NAME = "not a name"
    EDIT = "change the text"


@dataclass(frozen=True, slots=True)
class TextPiece:
    """One exported text and where it sits: ("4. Findings", "Finding 2, how it showed").

    `written` holds the spans of `text` the reviewer (or an agency's record) wrote; None means
    all of it. The rest is the app's own wording (headings, prompts, notes).
    """

    section: str
    block: str
    text: str
    written: tuple[Span, ...] | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    section: str
    block: str
    kind: HitKind
    what: str  # "a surname recorded for Mother" — never the real text itself
    found: str  # the text as found (shown to the reviewer in the window, never logged)
    context: str  # the text around it, with the found text in place
    form: str = ""  # the form found: "one half of a double-barrelled surname", "initials"
    actions: tuple[Action, ...] = ()
    pseudonyms: tuple[str, ...] = ()  # whose it may be, for "replace with pseudonym"
    key: str = ""  # the found text normalised, for a decision about it
    context_key: str = ""  # the words around it, for a decision that holds only there

    @property
    def where(self) -> str:
        return f"{self.section} — {self.block}" if self.block else self.section

    def offered(self) -> str:
        """The actions as the reviewer reads them: "replace with pseudonym “Mother”; not a name"."""
        parts = []
        for action in self.actions:
            if action is Action.REPLACE and self.pseudonyms:
                names = " or ".join(f"“{p}”" for p in self.pseudonyms)
                parts.append(f"{action.value} {names}")
            else:
                parts.append(action.value)
        return "; ".join(parts)

    def describe(self, *, with_text: bool = True) -> str:
        form = f" [{self.form}]" if self.form else ""
        offered = f" — {self.offered()}" if self.actions else ""
        if not with_text:
            return f"{self.where}: {self.what}{form}{offered}"
        return f"{self.where}: {self.what}{form} ('{self.found}') in “{self.context}”{offered}"
