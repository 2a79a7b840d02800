"""One spelling for matching, with a map back to the text as written.

The register and the report's text are normalised the same way before anything is compared:
Unicode NFKC (fullwidth and mathematical letters become plain ones), format characters removed
(zero-width spaces and joiners, soft hyphens, bidi marks, variation selectors), every apostrophe
and every dash or hyphen folded to one form, Cyrillic and Greek letters that look like Latin
ones read as those ("Jаne" with a Cyrillic "а" is "Jane"), runs of spaces and line breaks
collapsed to one space, a hyphen broken over a line end joined up again ("Smith-⏎Jones" is
"Smith-Jones"), and finally case-folded. Zero-width spaces or look-alike letters inside a name
therefore cannot hide it.

A match found in the normalised text is mapped back to the original offsets, so a replacement
lands on exactly the characters that were written (zero-width spaces and all).

Speed matters (the whole report is normalised at once): each step only visits the characters
it changes, found by one compiled character class, and plain ASCII text skips NFKC entirely.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

APOSTROPHES = "'’‘‛ʼʹ′`´＇"
DASHES = "-‐‑‒–—―−⁃﹘﹣－"
#: Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables for these scripts),
#: each read as the Latin letter it looks like: "Jаne" with a Cyrillic "а" is "Jane".
LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Һ": "H",
    "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ү": "Y",
    # Greek
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_FOLDS = (
    tuple((ch, "'") for ch in APOSTROPHES[1:])
    + tuple((ch, "-") for ch in DASHES[1:])
    + tuple(LOOKALIKES.items())
)
#: Any character `_FOLDS` changes (one for one, so offsets are unchanged).
_FOLD_TABLE = {ord(ch): folded for ch, folded in _FOLDS}
_TO_FOLD = re.compile("[" + re.escape("".join(ch for ch, _ in _FOLDS)) + "]")
_LOOKALIKE = re.compile("[" + "".join(LOOKALIKES) + "]")

#: Default-ignorable characters that are not format characters (category Cf).
_OTHER_IGNORABLE = [
    0x034F,
    0x115F,
    0x1160,
    0x17B4,
    0x17B5,
    0x3164,
    0xFFA0,
    *range(0x180B, 0x1810),
    *range(0xFE00, 0xFE10),
    *range(0xE0100, 0xE01F0),
]
#: Planes other than the first that hold format or compatibility characters.
_ASTRAL = (range(0x10000, 0x20000), range(0x2F800, 0x2FA20), range(0xE0000, 0xE0080))


def _class(codes: list[int]) -> str:
    """A regex character class body from code points, as ranges."""
    codes = sorted(set(codes))
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -2]:
        if code == prev + 1:
            prev = code
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = code
    return "".join(parts)


def _all_codes() -> list[int]:
    codes = list(range(0xD800)) + list(range(0xE000, 0x10000))
    for block in _ASTRAL:
        codes.extend(block)
    return codes


@cache
def ignorable_codes() -> tuple[int, ...]:
    found = [c for c in _all_codes() if unicodedata.category(chr(c)) == "Cf"]
    return tuple(sorted({*found, *_OTHER_IGNORABLE}))


@cache
def _ignorable() -> str:
    return _class(list(ignorable_codes()))


@cache
def _collapse() -> re.Pattern[str]:
    ign = _ignorable()
    return re.compile(
        rf"(?=[\s\-{ign}])(?:"  # (a first character to look for keeps the pass quick)
        rf"(?P<hyphen>(?<=\w)-(?:[{ign}]*\s[\s{ign}]*)(?=\w))"  # "Smith-⏎Jones", "Smith- Jones"
        rf"|[\s{ign}]{{2,}}"  # several spaces, or spaces and invisible characters
        rf"|[^\S ]"  # one line break, tab or other space that is not " "
        rf"|[{ign}])"  # one invisible character
    )


@cache
def _not_nfkc() -> re.Pattern[str]:
    """A character NFKC changes, or a base character with combining marks after it."""
    changing = []
    combining = []
    for code in _all_codes():
        ch = chr(code)
        if unicodedata.combining(ch):
            combining.append(code)
        elif unicodedata.normalize("NFKC", ch) != ch:
            changing.append(code)
    return re.compile(rf"[^{_class(combining)}]?[{_class(combining)}]+|[{_class(changing)}]")


@cache
def _casefold_changes_length() -> re.Pattern[str]:
    codes = [c for c in _all_codes() if len(chr(c).casefold()) != 1]
    return re.compile(f"[{_class(codes)}]")


@dataclass(frozen=True, slots=True)
class _Changes:
    """The places one step changed the text: output span (start, length) <- input span."""

    out_starts: tuple[int, ...] = ()
    out_lengths: tuple[int, ...] = ()
    in_starts: tuple[int, ...] = ()
    in_lengths: tuple[int, ...] = ()

    def back(self, pos: int, *, end: bool = False) -> int:
        """`pos` in the output as a position in the input (`end`: as the end of a span)."""
        n = bisect.bisect_right(self.out_starts, pos - 1 if end else pos) - 1
        if n < 0:
            return pos
        o, ol, i, il = (
            self.out_starts[n],
            self.out_lengths[n],
            self.in_starts[n],
            self.in_lengths[n],
        )
        if (end and pos <= o + ol) or (not end and pos < o + ol):
            return i + il if end else i
        return pos - (o + ol) + (i + il)


def _rewrite(text: str, pattern: re.Pattern[str], replace: object) -> tuple[str, _Changes]:
    """Apply `replace(match) -> str` to every match, recording where the text changed."""
    out: list[str] = []
    starts: list[int] = []
    lengths: list[int] = []
    ins: list[int] = []
    in_lengths: list[int] = []
    last = 0
    size = 0
    for match in pattern.finditer(text):
        new = replace(match)  # type: ignore[operator]
        old_start, old_end = match.span()
        if new == match.group(0):
            continue
        out.append(text[last:old_start])
        size += old_start - last
        starts.append(size)
        lengths.append(len(new))
        ins.append(old_start)
        in_lengths.append(old_end - old_start)
        out.append(new)
        size += len(new)
        last = old_end
    if not starts:
        return text, _Changes()
    out.append(text[last:])
    return "".join(out), _Changes(tuple(starts), tuple(lengths), tuple(ins), tuple(in_lengths))


def _collapsed(match: re.Match[str]) -> str:
    if match.group("hyphen") is not None:
        return "-"
    return " " if any(ch.isspace() for ch in match.group(0)) else ""


@dataclass(frozen=True, slots=True)
class Normalised:
    """A text in the one spelling used for matching.

    `folded` keeps the letters' case (capitals still tell a name from a word); `key` is
    `folded` case-folded, the same length as `folded` except where case-folding lengthens a
    character (German ß), which `_key_changes` records.
    """

    original: str
    folded: str
    key: str
    _steps: tuple[_Changes, ...]  # original -> ... -> folded, in order
    _key_changes: _Changes

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of `folded` as a span of `original`."""
        for step in reversed(self._steps):
            start, end = step.back(start), step.back(end, end=True)
        return start, max(start, end)

    def key_to_folded(self, start: int, end: int) -> tuple[int, int]:
        return self._key_changes.back(start), self._key_changes.back(end, end=True)

    def key_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.to_original(*self.key_to_folded(start, end))


#: Every whitespace character but " " (each becomes " ": one for one, offsets unchanged).
_WHITESPACE = re.compile(
    "[\t\n\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_RUNS = re.compile(r"(?=[ -])(?: {2,}|(?P<hyphen>(?<=\w)- +(?=\w)))")


def _folded(text: str) -> str:
    """Apostrophes, dashes and look-alike letters in their one form. (Only the characters
    that are there are replaced, each in one pass: quicker than `str.translate`, which looks
    up every character of a long text.)"""
    if text.isascii() and "`" not in text:
        return text
    for ch in set(_TO_FOLD.findall(text)):
        text = text.replace(ch, _FOLD_TABLE[ord(ch)])
    return text


def _plain(text: str) -> Normalised:
    """The quick way for text with nothing invisible and nothing NFKC would change."""
    current = text
    current = _folded(current)
    current = _WHITESPACE.sub(" ", current)
    current, changes = _rewrite(current, _RUNS, lambda m: "-" if m.group("hyphen") else " ")
    if current.isascii():
        return Normalised(text, current, current.lower(), (changes,), _Changes())
    key = current.casefold()
    key_changes = _Changes()
    if len(key) != len(current):
        key, key_changes = _rewrite(
            current, _casefold_changes_length(), lambda m: m.group(0).casefold()
        )
        key = key.casefold()
    return Normalised(text, current, key, (changes,), key_changes)


def normalise(text: str) -> Normalised:
    if is_plain(text):
        return _plain(text)
    steps: list[_Changes] = []
    current = text
    if not current.isascii() and not unicodedata.is_normalized("NFKC", current):
        current, changes = _rewrite(
            current, _not_nfkc(), lambda m: unicodedata.normalize("NFKC", m.group(0))
        )
        steps.append(changes)
    current = _folded(current)  # one character for one: offsets unchanged
    current, changes = _rewrite(current, _collapse(), _collapsed)
    steps.append(changes)
    if current.isascii():
        return Normalised(text, current, current.lower(), tuple(steps), _Changes())
    key = current.casefold()
    key_changes = _Changes()
    if len(key) != len(current):
        key, key_changes = _rewrite(
            current, _casefold_changes_length(), lambda m: m.group(0).casefold()
        )
        key = key.casefold()  # what is left folds one character for one
    return Normalised(text, current, key, tuple(steps), key_changes)


@cache
def _invisible() -> re.Pattern[str]:
    return re.compile(f"[{_ignorable()}]")


def is_plain(text: str) -> bool:
    """Whether case-folding alone spells the text as `normalise` would, bar spaces and
    punctuation: no invisible characters, no look-alike letters and nothing NFKC changes
    (true of most text)."""
    return text.isascii() or (
        unicodedata.is_normalized("NFKC", text)
        and _invisible().search(text) is None
        and _LOOKALIKE.search(text) is None
    )


def key_of(text: str) -> str:
    """The matching key of a short text (a name, a form): normalised, trimmed."""
    return normalise(text.strip()).key.strip()


def without_marks(text: str) -> str:
    """The text with accents taken off ("Zoë Wójcik" -> "Zoe Wojcik"), for writers who drop them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
