"""One reading of a scan: the candidates found in the joined, normalised text, judged against
the register and gathered into one hit per place (see `scan` for what is looked for)."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from reviewer_app.anonymisation import words
from reviewer_app.anonymisation.compiled import (
    Compiled,
    FormMatch,
    after_a_title,
    capitalised,
    context_key,
    continues_a_name,
)
from reviewer_app.anonymisation.decisions import DecisionKind
from reviewer_app.anonymisation.forms import NAME_KINDS, FormKind
from reviewer_app.anonymisation.hits import (
    _IDENTIFIER_KINDS,
    CONTEXT_CHARS,
    Action,
    HitKind,
    Span,
)
from reviewer_app.anonymisation.normalise import Normalised
from reviewer_app.anonymisation.patterns import (
    TITLE_KEYS,
    WEAK_TITLES,
    capitalised_word,
    digits,
    is_phone,
    nhs_check_digit_ok,
    shapes,
)
from reviewer_app.anonymisation.register import IdentifierKind

#: How certain a candidate is (lower wins where candidates overlap).
_REGISTERED, _REGISTERED_NAME, _GENERIC, _POSSIBLE = 0, 1, 2, 3


@dataclass(slots=True)
class Candidate:
    start: int  # in norm.folded
    end: int
    rank: int  # lower wins when candidates overlap
    kind: HitKind
    what: str
    form: str
    actions: tuple[Action, ...] = ()
    pseudonyms: tuple[str, ...] = ()
    key: str = ""
    context_key: str = ""
    members: list[Candidate] = field(default_factory=list)


_FORM_LABELS = {
    FormKind.FULL_NAME: "full name",
    FormKind.OTHER_NAME: "other name (maiden name, known-as name or nickname)",
    FormKind.GIVEN_AND_SURNAME: "given name and surname",
    FormKind.GIVEN_NAMES: "given names",
    FormKind.GIVEN_NAME: "given name",
    FormKind.SURNAME: "surname",
    FormKind.GIVEN_NAME_PART: "one part of a hyphenated given name",
    FormKind.SURNAME_PART: "part of a surname (one half of a double-barrelled name, or "
    "without its particle)",
    FormKind.INITIALS: "initials",
    FormKind.LINKED: "a form linked to this person",
    FormKind.IDENTIFIER: "case identifier",
    FormKind.IDENTIFIER_SHORT: "shortened case identifier",
    FormKind.ADDRESS: "address",
    FormKind.ADDRESS_PART: "part of an address",
    FormKind.POSTCODE: "postcode",
}


@cache
def known_acronyms() -> frozenset[str]:
    """Acronyms the app's glossary explains (and a few every report uses): written without
    dots they are never taken for someone's initials."""
    data = json.loads(resources.files("resources").joinpath("glossary.json").read_text("utf-8"))
    found = {t["term"].casefold() for t in data["terms"] if t["term"].isupper()}
    return frozenset(found | {"nhs", "uk", "csc", "camhs", "lado", "idva", "cla", "send", "dsl"})


class Reader:
    """One scan's reading: the normalised text, where the reviewer's words are, what was found.

    `generic`: also the generic shapes; `unregistered`: also possible names not in the register
    (see `LeakScanner`).
    """

    def __init__(
        self,
        compiled: Compiled,
        norm: Normalised,
        starts: list[int],
        written: list[Span],
        *,
        generic: bool,
        unregistered: bool,
    ) -> None:
        self.generic = generic
        self.unregistered = unregistered
        self.c = compiled
        self.norm = norm
        self.starts = starts
        self.written_starts = [a for a, _ in written]
        self.written = written
        self.found: list[Candidate] = []
        self.registered_at: set[int] = set()  # offsets inside a registered form

    # -- where a match is ---------------------------------------------------------------------
    def _original(self, start: int) -> int:
        return self.norm.to_original(start, start + 1)[0]

    def _key_offset(self, at: int) -> int:
        """An offset of `norm.folded` in `norm.key` (the same unless case-folding lengthened a
        character before it, as German ß does)."""
        if len(self.norm.key) == len(self.norm.folded):
            return at
        return len(self.norm.folded[:at].casefold())

    def is_written(self, start: int) -> bool:
        at = self._original(start)
        n = bisect.bisect_right(self.written_starts, at) - 1
        return n >= 0 and at < self.written[n][1]

    def _who(self, owners: Iterable[int]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.c.owners[o].label for o in sorted(owners)))

    # -- the register's automaton ---------------------------------------------------------
    def registered(self) -> None:
        for match in self.c.find(self.norm):
            if match.real_forms():
                self._registered(match)

    def _registered(self, match: FormMatch) -> None:
        c, norm = self.c, self.norm
        forms = match.real_forms()
        first = forms[0].kind
        if first is FormKind.DATE_OF_BIRTH:
            whose = " or ".join(self._who(match.owners))
            self._add(
                (match.start, match.end),
                _REGISTERED,
                HitKind.DATE_OF_BIRTH,
                f"the date of birth recorded for {whose}",
                "date of birth",
                (Action.EDIT,),
            )
            return
        if all(f.kind is FormKind.INITIALS for f in forms):
            self._initials(match)
            return
        everyday = " " not in match.key and (
            words.is_everyday(match.key) or match.key in words.calendar_words()
        )
        titled = False
        if everyday:
            if not self.is_written(match.start):
                return  # the app's own words: "Mark them…", "Will the board…"
            titled = after_a_title(norm, match.start)
            if not capitalised(norm, match.start) and not titled:
                return  # "bird", "hope": the word (but "mrs bird" is someone)
            if match.key in words.calendar_words() and _a_date(norm.folded, match):
                return  # "3 May 2014", "in June": a date, not May or June
            decided = c.in_context.get((match.key, context_key(norm, match.start, match.end)))
            if decided is not None and decided[0] is DecisionKind.NOT_A_NAME:
                return
        self.registered_at.update(range(match.start, match.end))
        owners = match.owners
        who = self._who(owners)
        kinds = {f.kind for f in forms}
        main = min(kinds, key=_KIND_ORDER.index)
        if main in NAME_KINDS:
            actions: list[Action] = [Action.REPLACE]
            form = _FORM_LABELS[main]
            if len(owners) > 1:
                form += f", shared by {' and '.join(who)}"
            elif main.whole and continues_a_name(c, norm, match.start, match.end):
                form += ", inside a longer name (it may be someone else)"
                actions.append(Action.ADD_TO_REGISTER)
            elif everyday and titled and not capitalised(norm, match.start):
                form += ", also an everyday word, written in lower case after a title"
            elif everyday:
                form += ", also an everyday word"
            if everyday:
                actions.append(Action.NOT_A_NAME)
            what = f"the {_FORM_LABELS[main].split(' (')[0]} recorded for {' or '.join(who)}"
            self.found.append(
                Candidate(
                    match.start,
                    match.end,
                    _REGISTERED_NAME,
                    HitKind.NAME,
                    what,
                    form,
                    tuple(actions),
                    who,
                    match.key,
                )
            )
            return
        owner = c.owners[min(owners)]
        if main in (FormKind.ADDRESS, FormKind.ADDRESS_PART, FormKind.POSTCODE):
            kind = HitKind.POSTCODE if main is FormKind.POSTCODE else HitKind.ADDRESS
            what = (
                f"the {kind.label.lower()} recorded for {owner.label}"
                if owner.person
                else owner.label
            )
            self.found.append(
                Candidate(
                    match.start,
                    match.end,
                    _REGISTERED,
                    kind,
                    what,
                    _FORM_LABELS[main],
                    (Action.EDIT,),
                )
            )
            return
        kind = _IDENTIFIER_KINDS.get(owner.identifier_kind or IdentifierKind.OTHER, HitKind.OTHER)
        what = owner.label
        replace = owner.replacement and main is FormKind.IDENTIFIER
        if owner.replacement:
            what += f" (write it as “{owner.replacement}”)"
        self.found.append(
            Candidate(
                match.start,
                match.end,
                _REGISTERED,
                kind,
                what,
                _FORM_LABELS[main],
                (Action.REPLACE,) if replace else (Action.EDIT,),
                (owner.replacement,) if replace else (),
            )
        )

    # -- the one alternation ----------------------------------------------------------------
    def shapes(self) -> None:
        text = self.norm.folded
        matches = (
            m
            for p in shapes(generic=self.generic, names=self.unregistered)
            for m in p.finditer(text)
        )
        for match in matches:
            group = match.lastgroup
            if group == "dobphrase":
                self._add(
                    match.span(),
                    _GENERIC,
                    HitKind.DATE_OF_BIRTH,
                    "a date of birth",
                    "date of birth",
                    (Action.EDIT,),
                )
            elif group == "num":
                self._number(match)
            elif group == "titled":
                self._titled(match)
            elif group == "street":
                self._add(
                    match.span(),
                    _GENERIC,
                    HitKind.ADDRESS,
                    "a street address",
                    "house number and street",
                    (Action.EDIT,),
                )
            elif group == "pc":
                self._add(
                    match.span(),
                    _GENERIC,
                    HitKind.POSTCODE,
                    "a postcode",
                    "postcode",
                    (Action.EDIT,),
                )
        if self.unregistered:
            self._possible_names()

    def _add(
        self,
        span: Span,
        rank: int,
        kind: HitKind,
        what: str,
        form: str,
        actions: tuple[Action, ...],
        key: str = "",
    ) -> None:
        self.found.append(Candidate(span[0], span[1], rank, kind, what, form, actions, (), key))

    def _number(self, match: re.Match[str]) -> None:
        run = digits(match.group("num"))
        for number, (owner, what) in self.c.numbers.items():
            if number in run or (run in number and len(run) >= 8):
                kind = HitKind.PHONE if what == "phone" else HitKind.NHS_NUMBER
                label = "phone number" if what == "phone" else "NHS number"
                who = self.c.owners[owner].label
                self._add(
                    match.span(),
                    _REGISTERED,
                    kind,
                    f"the {label} recorded for {who}",
                    label,
                    (Action.EDIT,),
                )
                return
        if not self.generic:
            return
        raw = match.group("num")
        if len(run) == 10 and nhs_check_digit_ok(run) and not raw.lstrip().startswith(("0", "+")):
            self._add(
                match.span(),
                _GENERIC,
                HitKind.NHS_NUMBER,
                "an NHS number",
                "NHS number (passes the check digit)",
                (Action.EDIT,),
            )
        elif is_phone(raw):
            self._add(
                match.span(),
                _GENERIC,
                HitKind.PHONE,
                "a phone number",
                "phone number",
                (Action.EDIT,),
            )

    def _possible_names(self) -> None:
        """Capitalised words from the name lists: found as a set, then placed."""
        text = self.norm.folded
        seen = set(capitalised_word().findall(text))
        flagged = {w for w in seen if words.is_possible_name(w.casefold())}
        if not flagged:
            return
        words_ = "|".join(re.escape(w) for w in sorted(flagged, key=len, reverse=True))
        for match in re.finditer(rf"(?<![\w'\-])(?:{words_})(?![\w'\-])", text):
            self._capitalised(match.start(), match.end())

    def _possible_ok(self, start: int, key: str) -> bool:
        return (
            self.unregistered
            and self.is_written(start)
            and key not in self.c.not_a_name
            and key not in self.c.pseudonym_words
            and not self.c.in_a_pseudonym(self.norm.key, self._key_offset(start))
        )

    def _titled(self, match: re.Match[str]) -> None:
        start, end = match.span("titled")
        key = match.group("titled").casefold().removesuffix("'s")
        if len(key) < 2 or key in TITLE_KEYS:
            return  # "Mr K's": a pseudonym's letter
        title = match.group("title").casefold().strip(". ")
        if title in WEAK_TITLES and (words.is_everyday(key) or key in words.calendar_words()):
            return
        if not self._possible_ok(start, key):
            return
        registered = start in self.registered_at
        end = self._extend(end)
        if registered and end == match.end("titled"):
            return  # "Ms Quartermaine": the registered name is the hit
        begin = start if registered else match.start()
        name_key = self.norm.folded[start:end].casefold()
        if name_key in self.c.not_a_name:
            return
        self._add(
            (begin, end),
            _POSSIBLE,
            HitKind.POSSIBLE_NAME,
            "a name not in the register",
            "possible name not in the register (a title and a name)",
            (Action.ADD_TO_REGISTER, Action.NOT_A_NAME),
            name_key,
        )

    def _extend(self, end: int) -> int:
        """Past the capitalised words that carry a name on ("Dr Priya" -> "Dr Priya Ramaswamy")."""
        text = self.norm.folded
        while True:
            m = _NEXT_WORD.match(text, end)
            if m is None or not m.group(1)[0].isupper():
                return end
            key = m.group(1).casefold().removesuffix("'s")
            if words.is_everyday(key) or key in words.calendar_words():
                return end
            end = m.end(1)

    def _initials(self, match: FormMatch) -> None:
        raw = self.norm.folded[match.start : match.end]
        letters = "".join(ch for ch in raw if ch.isalpha())
        if not letters.isupper():
            return  # initials are capitals: "jsj" is not
        marked = any(ch in raw for ch in ".- ")
        if not marked and (len(letters) < 3 or letters.casefold() in known_acronyms()):
            return  # "NHS", "MASH": an acronym the report uses, not someone's initials
        who = self._who(match.owners)
        self.found.append(
            Candidate(
                match.start,
                match.end,
                _REGISTERED_NAME,
                HitKind.NAME,
                f"the initials of the name recorded for {' or '.join(who)}",
                "initials",
                (Action.REPLACE,),
                who,
                letters.casefold(),
            )
        )

    def _capitalised(self, start: int, end: int) -> None:
        if not self.unregistered:
            return
        word = self.norm.folded[start:end]
        key = word.casefold().removesuffix("'s").removesuffix("'")
        if key in self.c.forms or key in self.c.name_words:
            return  # registered: the automaton's hit says more
        if not words.is_possible_name(key) or not self._possible_ok(start, key):
            return
        if word.isupper() and len(word) <= 3:
            return
        self._add(
            (start, end),
            _POSSIBLE,
            HitKind.POSSIBLE_NAME,
            "a name not in the register",
            "possible name not in the register (a word from a list of names)",
            (Action.ADD_TO_REGISTER, Action.NOT_A_NAME),
            key,
        )

    # -- one hit per place --------------------------------------------------------------------
    def clusters(self) -> list[Candidate]:
        """Overlapping candidates (and names side by side) become one hit, described by the
        most certain of them."""
        ordered = sorted(self.found, key=lambda c: (c.start, -c.end, c.rank))
        out: list[Candidate] = []
        text = self.norm.folded
        for cand in ordered:
            if out:
                last = out[-1]
                side_by_side = (
                    cand.start == last.end + 1
                    and text[last.end] in " -"
                    and last.kind in _NAMES
                    and cand.kind in _NAMES
                )
                if cand.start < last.end or side_by_side:
                    merged = _merge(last, cand)
                    out[-1] = merged
                    continue
            out.append(cand)
        return out


_NAMES = frozenset({HitKind.NAME, HitKind.POSSIBLE_NAME})
_NEXT_WORD = re.compile(r"[ -]([^\W\d_][\w'\-]*\w)")
_KIND_ORDER = [
    FormKind.FULL_NAME,
    FormKind.OTHER_NAME,
    FormKind.LINKED,
    FormKind.GIVEN_AND_SURNAME,
    FormKind.GIVEN_NAMES,
    FormKind.SURNAME,
    FormKind.GIVEN_NAME,
    FormKind.SURNAME_PART,
    FormKind.GIVEN_NAME_PART,
    FormKind.INITIALS,
    FormKind.IDENTIFIER,
    FormKind.IDENTIFIER_SHORT,
    FormKind.ADDRESS,
    FormKind.ADDRESS_PART,
    FormKind.POSTCODE,
    FormKind.PSEUDONYM,
]


def _merge(a: Candidate, b: Candidate) -> Candidate:
    members = (a.members or [a]) + (b.members or [b])
    lead = min(members, key=lambda m: (m.rank, -(m.end - m.start)))
    return Candidate(
        min(a.start, b.start),
        max(a.end, b.end),
        lead.rank,
        lead.kind,
        lead.what,
        lead.form,
        lead.actions,
        lead.pseudonyms,
        lead.key,
        members=members,
    )


_DATE_BEFORE = re.compile(
    r"(?:\d|\b(?:in|on|of|during|since|until|till|from|by|before|after|early|late|mid|last|next|"
    r"this|that|each|every|between|and|or|to))[\s\-]?$",
    re.IGNORECASE,
)


def _a_date(text: str, match: FormMatch) -> bool:
    """A month's name used as a month: beside a number, or after "in", "since", "early"…"""
    before = text[max(0, match.start - 10) : match.start]
    after = text[match.end : match.end + 3]
    return bool(_DATE_BEFORE.search(before) or re.match(r"[\s,]*\d", after))


def context_around(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    lead = "…" if start > CONTEXT_CHARS else ""
    tail = "…" if end + CONTEXT_CHARS < len(text) else ""
    return " ".join(f"{lead}{before}{text[start:end]}{after}{tail}".split())
