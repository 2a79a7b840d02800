"""The second half of the gate: every text that will be exported, scanned for what identifies.

All the pieces of a report are joined and normalised once, then read in one pass of the
register's automaton (every form of every registered name, identifier, address and postcode)
and one pass of one compiled alternation (dates, numbers, postcodes, street addresses, titles,
initials, capitalised words). What is found is judged against the register:

- any registered form still in the text after the pseudonymiser: a part of a name, a name
  shared by two people, a name inside a longer name, initials, a shortened identifier, a
  registered date of birth, address, postcode, phone or NHS number;
- the generic shapes of a postcode, a UK phone number, a valid NHS number (modulus 11), a
  street address and a "DOB …" phrase;
- (with `unregistered=True`) a possible name not in the register: a title before a capitalised
  word, or a capitalised word from the name lists that is not an everyday word.

Only what the reviewer wrote is read for names that are everyday words and for possible names:
a piece says which of its spans are the reviewer's (`TextPiece.written`); the app's own
headings, prompts and notes cannot identify anyone, so "Mark them in the Chronology…" never
blocks a review with a practitioner called Mark. Everything is still read for registered names
that are not everyday words, and for numbers, dates and postcodes.

A hit says where it is (section, item), the form found, and the actions the reviewer can take;
its description never echoes the real text (the reviewer sees that in the window only).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence

from reviewer_app.anonymisation.compiled import Compiled, compile_register, context_key
from reviewer_app.anonymisation.hits import (
    CONTEXT_CHARS,
    SEPARATOR,
    Action,
    Hit,
    HitKind,
    Span,
    TextPiece,
)
from reviewer_app.anonymisation.normalise import Normalised, key_of, normalise
from reviewer_app.anonymisation.reading import Candidate, Reader, context_around
from reviewer_app.anonymisation.register import PseudonymRegister

__all__ = [
    "CONTEXT_CHARS",
    "SEPARATOR",
    "Action",
    "Hit",
    "HitKind",
    "LeakScanner",
    "Span",
    "TextPiece",
    "scan",
]


class LeakScanner:
    """Compiled once per register (and cached); scans any number of texts.

    `generic`: also the generic shapes (postcode, phone, NHS number, street, "DOB …"), which
    only make sense on plain text, not on a file's XML. `unregistered`: also possible names
    that are not in the register (for the report; other callers opt in).
    """

    def __init__(
        self, register: PseudonymRegister, *, generic: bool = True, unregistered: bool = False
    ) -> None:
        self.register = register
        self.compiled: Compiled = compile_register(register)
        self.generic = generic
        self.unregistered = unregistered

    # -- the one pass ----------------------------------------------------------------------
    def scan_pieces(self, pieces: Iterable[TextPiece]) -> list[Hit]:
        """Every hit in every piece, in piece order, each span reported once.

        A text that comes back word for word with the same spans written by the reviewer (a
        chronology's dates and agencies, a repeated outcome) is read once: nothing is looked
        for across the separator between pieces, so what is found in a piece depends on its
        text and spans alone, and each of its hits is reported again at every place it is.
        """
        chosen = [piece for piece in pieces if piece.text]
        if not chosen:
            return []
        first: dict[tuple[str, tuple[Span, ...] | None], int] = {}
        distinct: list[TextPiece] = []
        which: list[int] = []
        for piece in chosen:
            same = (piece.text, piece.written)
            n = first.get(same)
            if n is None:
                n = first[same] = len(distinct)
                distinct.append(piece)
            which.append(n)
        found = self._scan_distinct(distinct)
        if not found:
            return []
        hits: list[Hit] = []
        for piece, n in zip(chosen, which, strict=True):
            for hit in found.get(n, ()):
                if piece is not distinct[n]:
                    hit = dataclasses.replace(hit, section=piece.section, block=piece.block)
                hits.append(hit)
        return hits

    def _scan_distinct(self, chosen: list[TextPiece]) -> dict[int, list[Hit]]:
        """The hits of each piece, by its index (pieces joined and normalised once, read in
        one pass)."""
        starts: list[int] = []
        written: list[Span] = []
        add_start, add_span = starts.append, written.append
        offset = 0
        gap = len(SEPARATOR)
        for piece in chosen:
            add_start(offset)
            size = len(piece.text)
            spans = piece.written
            if spans is None:
                add_span((offset, offset + size))
            else:
                for a, b in spans:
                    if b > a:
                        add_span((offset + a, offset + b))
            offset += size + gap
        norm = normalise(SEPARATOR.join([piece.text for piece in chosen]))
        reader = Reader(
            self.compiled,
            norm,
            starts,
            written,
            generic=self.generic,
            unregistered=self.unregistered,
        )
        reader.registered()
        reader.shapes()
        found: dict[int, list[Hit]] = {}
        for cluster in reader.clusters():
            index, hit = self._hit(cluster, norm, chosen, starts)
            found.setdefault(index, []).append(hit)
        return found

    def scan_text(self, text: str, section: str = "", block: str = "") -> list[Hit]:
        return self.scan_pieces([TextPiece(section, block, text)])

    def _hit(
        self, cluster: Candidate, norm: Normalised, pieces: list[TextPiece], starts: list[int]
    ) -> tuple[int, Hit]:
        start, end = norm.to_original(cluster.start, cluster.end)
        index = bisect.bisect_right(starts, start) - 1
        piece = pieces[index]
        local, local_end = start - starts[index], min(end - starts[index], len(piece.text))
        members = cluster.members or [cluster]
        others = dict.fromkeys(
            m.form.split(",")[0].split(" (")[0]
            for m in members
            if m.form and m.form != cluster.form
        )
        others.pop(cluster.form.split(",")[0].split(" (")[0], None)
        forms = [cluster.form, *(f"also {label}" for label in others)]
        # The most certain finding's actions and people first.
        actions = tuple(dict.fromkeys([*cluster.actions, *(a for m in members for a in m.actions)]))
        pseudonyms = tuple(
            dict.fromkeys([*cluster.pseudonyms, *(p for m in members for p in m.pseudonyms)])
        )
        found = piece.text[local:local_end]
        return index, Hit(
            section=piece.section,
            block=piece.block,
            kind=cluster.kind,
            what=cluster.what,
            found=found,
            context=context_around(piece.text, local, local_end),
            form="; ".join(f for f in forms if f),
            actions=actions,
            pseudonyms=pseudonyms,
            key=key_of(found),
            context_key=context_key(norm, cluster.start, cluster.end),
        )


def scan(pieces: Sequence[TextPiece], register: PseudonymRegister) -> list[Hit]:
    return LeakScanner(register, unregistered=True).scan_pieces(pieces)
