"""The text of a written DOCX, read back from its bytes for the second stage of the gate.

Every part of the zip is read: in the Word parts, the text of every run (`w:t`, field codes,
deleted text), a line per paragraph and table cell; in the other XML parts, the text of every
element; in any part, the attributes that carry words a reader may see (alternative text,
bookmark and field names); anything else (an image) as bytes.

A part the app writes the same way every time (the styles, the theme, the settings) is read
once and its text kept under a digest of its bytes: when the same bytes come again, the text is
the same. Parts that hold the report's text are always read afresh, and never kept.

A big Word part (word/document.xml with a 50,000-row appendix is 50 MB) is read from the zip a
megabyte at a time, each slice ending after a paragraph, and each slice's runs taken as they
come: the same text as reading the part whole (no run, break or attribute can straddle such a
cut), without the whole part and every run of it in memory at once.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import IO

from reviewer_app.anonymisation.hits import TextPiece

#: A run's text (captured with the ">" before it, so an empty text is not a break), or the end
#: of a paragraph or cell, a line break or a tab (captured as nothing): one pass over the part.
_W_TEXT = re.compile(
    rb"<(?:/w:(?:p|tc)>|w:(?:t|instrText|delText)(?:\s[^>]*)?(>[^<]*)</w:|w:(?:br|tab)/>)"
)
XML_TEXT = re.compile(rb">([^<]+)<")
#: Attributes that may carry words a reader sees: alternative text, bookmark and field names.
#: (One literal-led pattern each: the regex engine finds a literal start quickly.)
_TEXT_ATTRIBUTES = tuple(
    re.compile(name + rb'="([^"]*[A-Za-z][^"]*)"') for name in (b"descr", b"title", b"name")
)
#: Parts that never hold the report's words (unless something has gone wrong, which their
#: reading, kept by digest, would show all the same).
_SAME_EVERY_TIME = re.compile(
    r"word/(?:styles|stylesWithEffects|fontTable|settings|webSettings|numbering)\.xml"
    r"|word/theme/[^/]+\.xml"
)
_ENTITIES = (
    (b"&lt;", b"<"),
    (b"&gt;", b">"),
    (b"&quot;", b'"'),
    (b"&apos;", b"'"),
    (b"&amp;", b"&"),
)
_KEPT: OrderedDict[tuple[str, bytes], str] = OrderedDict()
_KEEP = 32
_SLICE = 1 << 20  # bytes of a big part read at a time
_PARAGRAPH_END = b"</w:p>"
#: An attribute value these open, still open where a slice would end, could run past the cut.
_OPENED = tuple(name + b'="' for name in (b"descr", b"title", b"name"))


def docx_texts(data: bytes) -> list[TextPiece]:
    """Every text in every part of a DOCX (a piece per part)."""
    pieces = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.file_size > _SLICE and name.startswith("word/") and name.endswith(".xml"):
                with archive.open(info) as part:
                    text = _sliced_word_text(_slices(part))
                if text is None:  # no runs at all: read whole, as any other part
                    text = part_text(name, archive.read(info))
            else:
                text = _kept_text(name, archive.read(info))
            pieces.append(TextPiece("The Word file", f"part {name}", text, written=()))
    return pieces


def _kept_text(name: str, raw: bytes) -> str:
    if not _SAME_EVERY_TIME.fullmatch(name):
        return part_text(name, raw)
    key = (name, hashlib.blake2b(raw, digest_size=20).digest())
    text = _KEPT.get(key)
    if text is None:
        text = _KEPT[key] = part_text(name, raw)
        while len(_KEPT) > _KEEP:
            _KEPT.popitem(last=False)
    else:
        _KEPT.move_to_end(key)
    return text


def part_text(name: str, raw: bytes) -> str:
    """The text of one part of the zip."""
    if not name.endswith((".xml", ".rels")):
        return raw.decode("latin-1")
    if name.startswith("word/"):
        text = _sliced_word_text((raw,))
        if text is not None:
            return text
    found = XML_TEXT.findall(raw)
    for attribute in _TEXT_ATTRIBUTES:
        found.extend(attribute.findall(raw))
    return _decoded(b"\n".join(found))


def _sliced_word_text(slices: Iterable[bytes]) -> str | None:
    """A Word part's text read from consecutive slices of it, each ending where no run, break
    or attribute can straddle the cut: a line per paragraph and cell, then the attributes
    that carry words. None if the part has no runs (`<w:t`) at all.

    Runs are ">text" and breaks empty; joined by line breaks, "⏎>" then joins a run on to the
    one before ("&gt;" is how the file writes a ">" of the text) and a break is an empty line.
    Each slice's runs are joined so, led by the line break that joins them to the slice
    before (so "⏎>" never straddles two slices)."""
    has_runs = False
    joined: list[bytes] = []
    attributes: list[list[bytes]] = [[] for _ in _TEXT_ATTRIBUTES]
    for piece in slices:
        has_runs = has_runs or b"<w:t" in piece
        runs = _W_TEXT.findall(piece)
        if runs:
            lead = b"\n" if joined else b""
            joined.append((lead + b"\n".join(runs)).replace(b"\n>", b""))
        for found, attribute in zip(attributes, _TEXT_ATTRIBUTES, strict=True):
            found.extend(attribute.findall(piece))
    if not has_runs:
        return None
    for n, text in enumerate(joined):  # the ">" of the very first run
        if text:
            joined[n] = text.removeprefix(b">")
            break
    tail = [value for found in attributes for value in found]
    if tail:
        joined.append(b"\n" + b"\n".join(tail))
    text = b"".join(joined)
    del joined
    return _decoded(text)


def _slices(part: IO[bytes]) -> Iterator[bytes]:
    """The part a megabyte or so at a time, each slice ending after a paragraph's end (where
    no attribute that carries words is left open), the last wherever the part ends."""
    rest = b""
    while True:
        more = part.read(max(_SLICE, len(rest)))  # (as much again while no cut is found)
        buffer = rest + more if rest else more
        if not more:
            if buffer:
                yield buffer
            return
        cut = _cut(buffer)
        if cut:
            yield buffer[:cut]
            rest = buffer[cut:]
        else:
            rest = buffer


def _cut(buffer: bytes) -> int:
    """Just after the last paragraph end of `buffer` with no attribute value left open before
    it (0: none)."""
    end = len(buffer)
    while True:
        at = buffer.rfind(_PARAGRAPH_END, 0, end)
        if at < 0:
            return 0
        cut = at + len(_PARAGRAPH_END)
        quote = buffer.rfind(b'"', 0, cut)
        if not any(buffer.endswith(opened, 0, quote + 1) for opened in _OPENED):
            return cut
        end = quote  # every paragraph end after the value's opening quote is inside it


def _decoded(raw_text: bytes) -> str:
    """The text with XML's references read (the five entities, or any by number)."""
    if b"&" not in raw_text:
        return raw_text.decode("utf-8", "replace")
    if b"&#" in raw_text:  # a character by its number: let html read every reference
        return html.unescape(raw_text.decode("utf-8", "replace"))
    for entity, character in _ENTITIES:  # XML's own five ("&amp;" last)
        raw_text = raw_text.replace(entity, character)
    return raw_text.decode("utf-8", "replace")
