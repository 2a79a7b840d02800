"""Reading the comments and tracked changes on a returned copy of a draft (.docx).

A draft comes back from an agency, the family or the panel with Word comments (the text in
`word/comments.xml`, anchored in the document between `w:commentRangeStart` and
`w:commentRangeEnd`) and tracked changes (`w:ins` and `w:del`, each with its author and
date). Both are read here, in document order, with the passage each is about and the paragraph
it sits in. The file goes through the same checks as an agency's chronology (size, zip and
XML bombs, `zip_safety`), and its parts are streamed with entities never resolved
(`xml_parts`). The draft's version is read from its title page ("Version 3, 30 November
2026"), the line every exported draft carries.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer_app.drafts.model import MAX_QUOTE, ChangeKind, ReturnedComment
from reviewer_app.importers.docx_tables import DOCUMENT, P, main_part, paragraph_text
from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.formats import damaged
from reviewer_app.importers.limits import Limits
from reviewer_app.importers.preview import DEFAULT_LIMITS, read_bytes
from reviewer_app.importers.xlsx_tables import DAMAGED_ERRORS
from reviewer_app.importers.xml_parts import Package, elements, release
from reviewer_app.importers.zip_safety import inspect_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ID, _AUTHOR, _DATE = f"{_W}id", f"{_W}author", f"{_W}date"
_T, _DEL_TEXT, _TAB = f"{_W}t", f"{_W}delText", f"{_W}tab"
_BREAKS = (f"{_W}br", f"{_W}cr")
_START, _END, _REFERENCE = (
    f"{_W}commentRangeStart",
    f"{_W}commentRangeEnd",
    f"{_W}commentReference",
)
_INSERTED = (f"{_W}ins", f"{_W}moveTo")
_DELETED = (f"{_W}del", f"{_W}moveFrom")
# Not the visible text of the paragraph: properties (a paragraph mark's own tracked change is
# in them), text boxes (read as paragraphs of their own) and Word's copies for old versions.
_SKIP = frozenset({f"{_W}pPr", f"{_W}rPr", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}fldData"})
_COMMENT, _COMMENTS = f"{_W}comment", f"{_W}comments"
_COMMENTS_REL = "/comments"
_VERSION = re.compile(r"^Version (\d{1,4}), \d{1,2} [A-Z][a-z]+ \d{4}$")

NOT_WORD = (
    "The file is not a Word document (.docx). Open the returned copy in Word and save it as a "
    "Word document, then import that."
)


@dataclass(frozen=True, slots=True)
class ReturnedCopy:
    """What a returned copy holds: its version (None if its title page does not say) and
    each comment and tracked change, in document order."""

    version: int | None
    comments: tuple[ReturnedComment, ...]


def read_returned_copy(path: Path, limits: Limits = DEFAULT_LIMITS) -> ReturnedCopy:
    """Read a returned copy; raise `ImportRefusedError` (nothing read) if it cannot be."""
    data = read_bytes(path, limits)
    if not data.startswith(b"PK\x03\x04") or inspect_zip(data, limits) != "docx":
        raise ImportRefusedError(NOT_WORD)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read(Package(archive))
    except ImportRefusedError:
        raise
    except DAMAGED_ERRORS as error:
        raise damaged("a Word document") from error


@dataclass(slots=True)
class _Said:
    author: str
    text: str
    made_on: dt.date | None


@dataclass(slots=True)
class _Reading:
    """Where the walk through the document has got to."""

    open: dict[str, list[str]] = field(default_factory=dict)  # comment id -> passage so far
    passages: dict[str, str] = field(default_factory=dict)
    paragraph_of: dict[str, int] = field(default_factory=dict)  # comment id -> paragraph
    order: list[tuple[int, str | ReturnedComment]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # of the paragraph being read

    def visible(self, piece: str) -> None:
        self.text.append(piece)
        for passage in self.open.values():
            passage.append(piece)

    def anchor(self, comment_id: str) -> None:
        if comment_id not in self.paragraph_of:
            self.paragraph_of[comment_id] = len(self.paragraphs)
            self.order.append((len(self.paragraphs), comment_id))


def _read(package: Package) -> ReturnedCopy:
    said = _comments(package)
    reading = _Reading()
    version: int | None = None
    with package.open(main_part(package)) as stream:
        for element in elements(stream, P, DOCUMENT):
            reading.text = []
            _walk(element, reading)
            text = "".join(reading.text)
            reading.paragraphs.append(_quote(text))
            if version is None and (line := _VERSION.match(text.strip())):
                version = int(line.group(1))
            release(element)
    for comment_id, passage in reading.open.items():  # a range never closed: to the end
        reading.passages.setdefault(comment_id, "".join(passage))
    found: list[ReturnedComment] = []
    for where, item in reading.order:
        paragraph = reading.paragraphs[where] if where < len(reading.paragraphs) else ""
        if isinstance(item, ReturnedComment):
            found.append(_in_paragraph(item, paragraph))
        elif item in said:
            comment = said.pop(item)
            found.append(
                ReturnedComment(
                    ChangeKind.COMMENT,
                    comment.author,
                    comment.text,
                    _quote(reading.passages.get(item, "")),
                    paragraph,
                    comment.made_on,
                )
            )
    for comment in said.values():  # comments anchored nowhere in the text
        found.append(ReturnedComment(ChangeKind.COMMENT, comment.author, comment.text, "", ""))
    return ReturnedCopy(version, tuple(found))


def _in_paragraph(change: ReturnedComment, paragraph: str) -> ReturnedComment:
    return ReturnedComment(
        change.kind, change.author, change.said, change.passage, paragraph, change.made_on
    )


def _walk(element: Any, reading: _Reading) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            reading.visible(child.text or "")
        elif tag == _TAB:
            reading.visible("\t")
        elif tag in _BREAKS:
            reading.visible("\n")
        elif tag == _START:
            comment_id = child.get(_ID, "")
            reading.anchor(comment_id)
            reading.open.setdefault(comment_id, [])
        elif tag == _END:
            comment_id = child.get(_ID, "")
            reading.passages[comment_id] = "".join(reading.open.pop(comment_id, []))
        elif tag == _REFERENCE:
            reading.anchor(child.get(_ID, ""))  # a comment with no range: its paragraph
        elif tag in _INSERTED:
            before = len(reading.text)
            _walk(child, reading)
            _change(reading, child, ChangeKind.INSERTION, "".join(reading.text[before:]))
        elif tag in _DELETED:
            removed = "".join(t.text or "" for t in child.iter(_DEL_TEXT, _T))
            _change(reading, child, ChangeKind.DELETION, removed)
        else:
            _walk(child, reading)


def _change(reading: _Reading, element: Any, kind: ChangeKind, text: str) -> None:
    if not text.strip():
        return
    quoted = _quote(text)
    change = ReturnedComment(
        kind, element.get(_AUTHOR, ""), quoted, quoted, "", _day(element.get(_DATE))
    )
    reading.order.append((len(reading.paragraphs), change))


def _comments(package: Package) -> dict[str, _Said]:
    part = package.related(main_part(package), _COMMENTS_REL)
    if part is None:
        return {}
    found: dict[str, _Said] = {}
    with package.open(part) as stream:
        for element in elements(stream, _COMMENT, _COMMENTS):
            text = "\n".join(paragraph_text(p) for p in element.iter(P)).strip()
            found[element.get(_ID, "")] = _Said(
                element.get(_AUTHOR, ""), _quote(text), _day(element.get(_DATE))
            )
            release(element)
    return found


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"
