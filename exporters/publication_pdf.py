"""The report for publication: a tagged PDF/UA-1 file typeset by Typst, from the same model.

reportlab (the draft PDF) cannot write a tagged PDF, which public-sector bodies must publish
(the accessibility regulations; WCAG 2.2 AA). Typst can: headings become H1–H3 structure
elements and bookmarks, tables get TH header cells (a header repeated on a new page is marked
as an artifact), lists L/LI, the contents TOC/TOCI with links, page headers and footers are
artifacts, and the page's reading order is the model's order. Asked for PDF/UA-1, Typst
refuses to write a file that breaks the rules it can check (a missing title, for one). The
file opens with its bookmarks shown, and names the app, not Typst, as its creator.

Nothing from the review is ever written into Typst markup. The model travels as JSON in
`sys.inputs` and the shipped template (`resources/report_pdf/publication.typ`) places each
text as a string, which Typst sets as plain text: a case note holding `#`, `*`, `=` or `]`
prints those characters and does nothing else. Only the bundled DejaVu Sans is used (no system
fonts, so the same bytes on every machine); there are no packages and nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack
from functools import cache
from importlib import resources
from typing import Any

import typst
from reportlab.pdfbase.ttfonts import TTFontFile

from exporters.metadata import neutral_typst_pdf
from exporters.report_model import (
    Block,
    BulletList,
    Contents,
    Heading,
    Note,
    PageBreak,
    Paragraph,
    Report,
    Table,
    TitlePage,
)
from reviewer_app.errors import UserFacingError

UNTITLED = "Safeguarding practice review"
#: 1 January 2000 (UTC): the file's fixed creation time, so the same report gives the same bytes.
TIMESTAMP = 946_684_800
_TEMPLATE = "publication.typ"


#: Invisible control characters (pasted or imported with the text) that PDF/UA-1 does not
#: allow: taken out of every text; the line breaks and tabs stay.
_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0), 0xFEFF]
)
_FACES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
)


class PublicationTypesetError(UserFacingError):
    """Typst could not typeset the report; nothing was written."""

    title = "The report for publication was not exported"


def publication_pdf_bytes(report: Report) -> bytes:
    """The report as a tagged PDF/UA-1 file in British English, titled with its title."""
    document = json.dumps(report_data(report), ensure_ascii=False, separators=(",", ":"))
    with ExitStack() as stack:
        folder = stack.enter_context(resources.as_file(resources.files("resources")))
        compiler = typst.Compiler(
            str(folder / "report_pdf" / _TEMPLATE),
            root=str(folder / "report_pdf"),
            font_paths=_fonts(str(folder / "fonts")),
            ignore_system_fonts=True,
            sys_inputs={"report": document},
        )
        try:
            data = compiler.compile(format="pdf", pdf_standards=["ua-1"], timestamp=TIMESTAMP)
        except typst.TypstError as exc:
            # Only Typst's own message (never the report's text), and no chained traceback.
            raise PublicationTypesetError(
                f"The accessible PDF could not be typeset ({exc.message}). Nothing was exported."
            ) from None
    if not isinstance(data, bytes):  # (one PDF, never a list of pages)
        raise PublicationTypesetError("The typesetter returned no PDF.")
    return with_bookmarks_shown(neutral_typst_pdf(data))


@cache
def _fonts(folder: str) -> typst.Fonts:
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[folder]
    )


@cache
def font_coverage() -> frozenset[str]:
    """The characters every face of the bundled font can show (PDF/UA-1 allows no others)."""
    covered: set[int] | None = None
    folder = resources.files("resources").joinpath("fonts")
    for face in _FACES:
        with resources.as_file(folder.joinpath(face)) as path:
            characters = set(TTFontFile(str(path)).charToGlyph)
        covered = characters if covered is None else covered & characters
    return frozenset(chr(c) for c in covered or ()) | frozenset("\t\n\r")


#: A "word" this long (a web address, a file path, a long reference) is given places to break,
#: as Typst would otherwise run it past the edge of its column or page.
_LONG = 25
_LONG_WORD = re.compile(rf"\S{{{_LONG},}}")
_PIECE = re.compile(r"\S{10}(?=\S)")


def _breakable(match: re.Match[str]) -> str:
    """A long word with a zero-width space (an invisible place to break) every ten
    characters; a screen reader and a search ignore it."""
    return _PIECE.sub(lambda piece: piece.group(0) + "\u200b", match.group(0))


def printable(text: str) -> str:
    """The text without the invisible control characters a PDF/UA-1 file may not hold."""
    return text.translate(_CONTROLS)


_TRAILER = re.compile(rb"trailer\s*(<<.*?>>)\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def with_bookmarks_shown(data: bytes) -> bytes:
    """The PDF set to open with its bookmarks pane shown (`/PageMode /UseOutlines`), which
    Typst does not offer: one incremental update that rewrites the catalogue only, so the
    file Typst wrote is kept byte for byte before it. Unchanged if the file is not as
    expected (a classic cross-reference table, the catalogue as a plain object)."""
    trailer = _TRAILER.search(data)
    if trailer is None:
        return data
    root = re.search(rb"/Root\s+(\d+)\s+0\s+R", trailer.group(1))
    if root is None:
        return data
    number = int(root.group(1))
    catalogue = None
    for found in re.finditer(rb"(?:^|[\r\n])%d 0 obj\s*(<<.*?>>)\s*endobj" % number, data, re.S):
        catalogue = found.group(1)  # the last definition is the one in force
    if catalogue is None or b"/PageMode" in catalogue or b"/Outlines" not in catalogue:
        return data
    head = data if data.endswith(b"\n") else data + b"\n"
    at = len(head)
    body = b"%d 0 obj\n%s/PageMode/UseOutlines>>\nendobj\n" % (number, catalogue[:-2])
    xref = len(head) + len(body)
    old = trailer.group(1)
    new_trailer = old[:-2] + b"/Prev %d>>" % int(trailer.group(2))
    tail = b"xref\n%d 1\n%010d 00000 n \ntrailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (
        number,
        at,
        new_trailer,
        xref,
    )
    return head + body + tail


def report_data(report: Report) -> dict[str, Any]:
    """The model as plain data for the template (every text a string, made `printable`)."""
    data = {
        # (PDF/UA-1 needs a title; a review always has one, but an empty one must not crash)
        "title": report.title.strip() or UNTITLED,
        "marking": report.marking,
        "banner": report.banner,
        "footer": report.footer,
        "blocks": _no_skipped_levels(
            [data for block in report.blocks() for data in _block_data(block)]
        ),
    }
    cleaned: dict[str, Any] = _printable(data)
    return cleaned


def _no_skipped_levels(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each heading at most one level below the one before (PDF/UA-1 allows no H1 then H3),
    so a model that skips a level is set, not refused."""
    last = 0
    for block in blocks:
        if block["kind"] == "heading":
            block["level"] = min(block["level"], last + 1)
            last = block["level"]
    return blocks


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        text = printable(value)
        return _LONG_WORD.sub(_breakable, text) if len(text) >= _LONG else text
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    return value


def _block_data(block: Block) -> Iterator[dict[str, Any]]:
    if isinstance(block, TitlePage):
        # The status ("FINAL") is said by the status line among `lines`; a publication does not
        # carry it as a large mark.
        yield {
            "kind": "title-page",
            "marking": block.marking,
            "title": block.title,
            "lines": list(block.lines),
        }
    elif isinstance(block, PageBreak):
        yield {"kind": "page-break"}
    elif isinstance(block, Contents):
        yield {"kind": "contents", "title": block.title.strip() or "Contents"}
    elif isinstance(block, Heading):
        if printable(block.text).strip():  # an empty heading names nothing (PDF/UA-1 forbids it)
            yield {"kind": "heading", "text": block.text, "level": max(1, min(block.level, 6))}
    elif isinstance(block, Paragraph):
        yield {
            "kind": "paragraph",
            "text": block.text,
            "label": block.label,
            "number": block.number,  # a numbered paragraph's "3.2" ("" when not numbered)
        }
    elif isinstance(block, Note):
        yield {"kind": "note", "text": block.text}
    elif isinstance(block, BulletList):
        yield {"kind": "list", "items": list(block.items), "ordered": block.ordered}
    elif isinstance(block, Table):
        yield _table_data(block)


def _table_data(block: Table) -> dict[str, Any]:
    count = len(block.columns)
    total = sum(c.width for c in block.columns) or 1.0
    return {
        "kind": "table",
        "caption": block.caption,
        "dense": block.dense,
        # shares of the text width, adding up to exactly 1
        "columns": [{"title": c.title, "share": c.width / total} for c in block.columns],
        "cells": [
            cell
            for row in block.rows
            for cell in (*row[:count], *("",) * (count - len(row[:count])))
        ],
    }
