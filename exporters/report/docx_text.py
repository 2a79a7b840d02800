"""The text of a written DOCX, read back from its bytes for the second stage of the gate.

Every part of the zip is read: in the Word parts, the text of every run (`w:t`, field codes,
deleted text), a line per paragraph and table cell; in the other XML parts, the text of every
element; in any part, the attributes that carry words a reader may see (alternative text,
bookmark and field names); anything else (an image) as bytes.

A part the app writes the same way every time (the styles, the theme, the settings) is read
once and its text kept under a digest of its bytes: when the same bytes come again, the text is
the same. Parts that hold the report's text are always read afresh, and never kept.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from collections import OrderedDict

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


def docx_texts(data: bytes) -> list[TextPiece]:
    """Every text in every part of a DOCX (a piece per part)."""
    pieces = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            raw = archive.read(info.filename)
            text = _kept_text(info.filename, raw)
            pieces.append(TextPiece("The Word file", f"part {info.filename}", text, written=()))
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
    found: list[bytes] = []
    if name.startswith("word/") and b"<w:t" in raw:
        # A line per paragraph and cell: runs are ">text" and breaks empty. Joined by line
        # breaks, "⏎>" then joins a run on to the one before ("&gt;" is how the file writes a
        # ">" of the text) and a break is an empty line.
        joined = b"\n".join(_W_TEXT.findall(raw))
        found.append(joined.replace(b"\n>", b"").removeprefix(b">"))
    else:
        found.extend(XML_TEXT.findall(raw))
    for attribute in _TEXT_ATTRIBUTES:
        found.extend(attribute.findall(raw))
    raw_text = b"\n".join(found)
    if b"&" not in raw_text:
        return raw_text.decode("utf-8", "replace")
    if b"&#" in raw_text:  # a character by its number: let html read every reference
        return html.unescape(raw_text.decode("utf-8", "replace"))
    for entity, character in _ENTITIES:  # XML's own five ("&amp;" last)
        raw_text = raw_text.replace(entity, character)
    return raw_text.decode("utf-8", "replace")
