"""The second half of the gate: every text that will be exported, scanned for what identifies.

The scanner looks for every real name recorded (full, each part, possessives such as "Jane's",
case-insensitive, whole words), each recorded date of birth in the shapes UK records use,
recorded addresses, postcodes, phone and NHS numbers, schools and GP practices, and the
generic shapes of a postcode, a UK phone number, a valid NHS number, a street address and a
"DOB …" phrase. A hit names where it is and what it is, never echoing the real text in its
description (the reviewer sees the found text beside it, in the window only).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.anonymisation import patterns as p
from reviewer_app.anonymisation.register import IdentifierKind, PseudonymRegister

CONTEXT_CHARS = 40
_SEPARATOR = "\n\u2029\n"  # between pieces: no pattern crosses it


class HitKind(StrEnum):
    NAME = "name"
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
_GENERIC_SUFFIXES = re.compile(
    r"\s+(?:primary\s+school|secondary\s+school|infant\s+school|junior\s+school|school|"
    r"academy|nursery|surgery|medical\s+centre|health\s+centre|medical\s+practice|practice)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TextPiece:
    """One exported text and where it sits: ("4. Findings", "Finding 2, how it showed")."""

    section: str
    block: str
    text: str


@dataclass(frozen=True, slots=True)
class Hit:
    section: str
    block: str
    kind: HitKind
    what: str  # "the real name recorded for Mother" — never the real text itself
    found: str  # the text as found (shown to the reviewer in the window, never logged)
    context: str  # the text around it, with the found text in place

    def describe(self, *, with_text: bool = True) -> str:
        where = f"{self.section} — {self.block}" if self.block else self.section
        if not with_text:
            return f"{where}: {self.what}"
        return f"{where}: {self.what} ('{self.found}') in “{self.context}”"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    kind: HitKind
    what: str


class LeakScanner:
    """Compiled once per register; scans any number of texts."""

    def __init__(self, register: PseudonymRegister, *, generic: bool = True) -> None:
        rules: list[_Rule] = []
        seen_tokens: set[str] = set()
        self._numbers: list[tuple[str, HitKind, str]] = []
        for identity in register.identities:
            who = identity.pseudonym or "a person in the register"
            for name in p.name_phrases(identity):
                if len(name.split()) > 1:
                    rules.append(
                        _Rule(
                            re.compile(p.bounded(p.phrase_pattern(name)), re.IGNORECASE),
                            HitKind.NAME,
                            f"the real name recorded for {who}",
                        )
                    )
            for token in p.name_tokens(identity):
                key = p.normalise(token)
                if key in seen_tokens:
                    continue
                seen_tokens.add(key)
                rules.append(
                    _Rule(p.token_pattern(token), HitKind.NAME, f"part of a real name ({who})")
                )
            if identity.date_of_birth is not None:
                rules.append(
                    _Rule(
                        p.date_of_birth_pattern(identity.date_of_birth),
                        HitKind.DATE_OF_BIRTH,
                        f"the date of birth recorded for {who}",
                    )
                )
            if identity.address.strip():
                rules.extend(_address_rules(identity.address, f"the address recorded for {who}"))
            if identity.postcode.strip():
                compact = "".join(identity.postcode.split())
                fragment = r"\s*".join(re.escape(ch) for ch in compact)
                rules.append(
                    _Rule(
                        re.compile(p.bounded(fragment), re.IGNORECASE),
                        HitKind.POSTCODE,
                        f"the postcode recorded for {who}",
                    )
                )
            if len(p.digits(identity.phone)) >= 6:
                self._numbers.append(
                    (
                        p.digits(identity.phone),
                        HitKind.PHONE,
                        f"the phone number recorded for {who}",
                    )
                )
            if len(p.digits(identity.nhs_number)) >= 6:
                self._numbers.append(
                    (
                        p.digits(identity.nhs_number),
                        HitKind.NHS_NUMBER,
                        f"the NHS number recorded for {who}",
                    )
                )
        for identifier in register.identifiers:
            if not identifier.text.strip():
                continue
            kind = _IDENTIFIER_KINDS.get(identifier.kind, HitKind.OTHER)
            label = kind.label.lower() if kind is not HitKind.OTHER else "identifying detail"
            what = f"the {label} recorded for this case"
            if identifier.replacement:
                what += f" (write it as “{identifier.replacement}”)"
            if kind is HitKind.ADDRESS:
                rules.extend(_address_rules(identifier.text, what))
                continue
            variants = {identifier.text.strip()}
            shorter = _GENERIC_SUFFIXES.sub("", identifier.text.strip())
            if len(shorter.split()) >= 2:
                variants.add(shorter)
            for variant in sorted(variants, key=len, reverse=True):
                rules.append(
                    _Rule(
                        re.compile(p.bounded(p.phrase_pattern(variant)), re.IGNORECASE), kind, what
                    )
                )
        if generic:
            rules += [
                _Rule(p.GENERIC_DATE_OF_BIRTH, HitKind.DATE_OF_BIRTH, "a date of birth"),
                _Rule(p.POSTCODE, HitKind.POSTCODE, "a postcode"),
                _Rule(p.STREET_ADDRESS, HitKind.ADDRESS, "a street address"),
                _Rule(p.PHONE, HitKind.PHONE, "a phone number"),
                _Rule(p.NHS_NUMBER, HitKind.NHS_NUMBER, "an NHS number"),
            ]
        self._rules = rules

    def scan_pieces(self, pieces: Iterable[TextPiece]) -> list[Hit]:
        """Every hit in every piece, in piece order, each span reported once."""
        pieces = [piece for piece in pieces if piece.text]
        if not pieces:
            return []
        starts: list[int] = []
        chunks: list[str] = []
        offset = 0
        for piece in pieces:
            starts.append(offset)
            chunks.append(piece.text)
            offset += len(piece.text) + len(_SEPARATOR)
        whole = _SEPARATOR.join(chunks)
        found: dict[tuple[int, int], tuple[HitKind, str]] = {}
        for rule in self._rules:
            for match in rule.pattern.finditer(whole):
                if rule.kind is HitKind.NHS_NUMBER and not p.nhs_check_digit_ok(match.group(0)):
                    continue
                span = match.span()
                if not any(_covers(other, span) for other in found):
                    found[span] = (rule.kind, rule.what)
        if self._numbers:
            for match in p.DIGIT_RUN.finditer(whole):
                run = p.digits(match.group(0))
                for number, kind, what in self._numbers:
                    if number in run or (run in number and len(run) >= 8):
                        found[match.span()] = (kind, what)
                        break
        hits: list[Hit] = []
        for (start, end), (kind, what) in sorted(found.items()):
            if any(_covers(other, (start, end)) and other != (start, end) for other in found):
                continue
            index = bisect.bisect_right(starts, start) - 1
            piece = pieces[index]
            local = start - starts[index]
            length = end - start
            hits.append(
                Hit(
                    section=piece.section,
                    block=piece.block,
                    kind=kind,
                    what=what,
                    found=piece.text[local : local + length],
                    context=_context(piece.text, local, local + length),
                )
            )
        return hits

    def scan_text(self, text: str, section: str = "", block: str = "") -> list[Hit]:
        return self.scan_pieces([TextPiece(section, block, text)])


def _covers(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _address_rules(address: str, what: str) -> list[_Rule]:
    """The first line of an address on its own, and the whole of it, as phrases."""
    lines = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    rules = []
    for phrase in {address.strip().replace("\n", ", "), *(lines[:1])}:
        if len(phrase) >= 4:
            fragment = p.phrase_pattern(phrase).replace(",", ",?")
            rules.append(
                _Rule(re.compile(p.bounded(fragment), re.IGNORECASE), HitKind.ADDRESS, what)
            )
    return rules


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    lead = "…" if start > CONTEXT_CHARS else ""
    tail = "…" if end + CONTEXT_CHARS < len(text) else ""
    return " ".join(f"{lead}{before}{text[start:end]}{after}{tail}".split())


def scan(pieces: Sequence[TextPiece], register: PseudonymRegister) -> list[Hit]:
    return LeakScanner(register).scan_pieces(pieces)
