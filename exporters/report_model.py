"""The report as an ordered list of blocks: what both renderers draw and the gate scans.

One model, two renderers (DESIGN §3): nothing about the content is decided in the DOCX or PDF
code, which only lays these blocks out. Texts are plain strings; emphasis is by block kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reviewer_app.anonymisation.scan import TextPiece
from reviewer_app.anonymisation.written import Span


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1 = section, 2 = part of a section, 3 = a labelled part of that
    anchor: str = ""  # stable id for bookmarks and the contents
    #: A numbered section's number ("3" for "3. Methodology"; the text keeps it too), so a
    #: renderer with real list numbering can number the heading itself. "" for the rest.
    number: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    label: str = ""  # a bold lead-in: "Category: "
    #: The paragraph's number in a numbered section ("3.2": the section's second numbered
    #: paragraph), which the reader refers to; not part of `text`. "" for none.
    number: str = ""


class NoteKind(StrEnum):
    PROMPT = "prompt"  # the reviewer has not written this yet: what to write here
    NOTE = "note"  # a remark for the reader (source credits, how a table was chosen)


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    kind: NoteKind = NoteKind.NOTE


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float  # share of the text width; a table's shares add up to 1


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    #: How a row is named in the anonymisation hits list, from its cells: "row {n} ({0}, {1})".
    row_name: tuple[int, ...] = (0,)
    dense: bool = False  # small type for long appendix tables
    #: The cells that say which row a long row's continuation on a new page belongs to
    #: (the chronology's date and agency), repeated there with "(cont.)".
    repeat: tuple[int, ...] = (0,)


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class TitlePage:
    marking: str
    status: str  # "DRAFT"
    title: str
    lines: tuple[str, ...] = ()  # review type, board, draft label


@dataclass(frozen=True, slots=True)
class Contents:
    title: str = "Contents"


Block = Heading | Paragraph | Note | BulletList | Table | PageBreak | TitlePage | Contents


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str  # as numbered in the report: "3. Methodology and governance"
    blocks: tuple[Block, ...]
    has_content: bool = True  # False when the section is only a prompt for the reviewer
    appendix: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    marking: str  # "OFFICIAL-SENSITIVE"
    status: str  # "DRAFT"
    banner: str  # the line in every page header: "OFFICIAL-SENSITIVE — DRAFT for the panel"
    sections: tuple[Section, ...]
    template: str = ""
    warnings: tuple[str, ...] = field(default=())
    watermark: str = "DRAFT"  # across every page ("" for none: a final report)
    footer: str = ""  # a line above the page number in every footer (an internal draft's)
    #: Which spans of which texts the reviewer wrote (the rest is the app's own wording), by
    #: text. None: not known, so every text counts as the reviewer's.
    written: Mapping[str, tuple[Span, ...]] | None = field(default=None, compare=False)

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks() if isinstance(b, Heading)]


def text_pieces(report: Report, *, distinct: bool = False) -> Iterator[TextPiece]:
    """Every text of the report, with where it is and which spans the reviewer wrote, for the
    anonymisation scan. Locations never quote the report's text (a heading may hold a name):
    a heading is named by its number ("Finding 2") or its place.

    `distinct`: a table cell whose text an earlier cell had is left out (its spans are those
    of its text, so it would be read the same), and cells are named by their table only:
    every text is still there, once; enough to tell whether anything is found, not to list
    where (for that, the full listing)."""
    written = report.written
    seen: set[str] | None = set() if distinct else None

    def piece(section: str, block: str, text: str, shift: int = 0, own: str = "") -> TextPiece:
        if written is None:
            return TextPiece(section, block, text)
        spans = written.get(own or text, ())
        return TextPiece(section, block, text, tuple((a + shift, b + shift) for a, b in spans))

    yield piece("Page header and footer", "", report.banner)
    for furniture in (report.watermark, report.footer):
        if furniture:
            yield piece("Page header and footer", "", furniture)
    for section in report.sections:
        where = section.title or "Title page"
        paragraph = heading_count = 0
        for block in section.blocks:
            if isinstance(block, Heading):
                heading_count += 1
                name = _heading_name(block, written, heading_count)
                yield piece(where, f"heading ({name})", block.text)
                where = section.title if block.level == 1 else f"{section.title} › {name}"
                paragraph = 0
            elif isinstance(block, Paragraph):
                paragraph += 1
                if block.label:
                    text = f"{block.label} {block.text}"
                    yield piece(
                        where, f"paragraph {paragraph}", text, len(block.label) + 1, block.text
                    )
                else:
                    yield piece(where, f"paragraph {paragraph}", block.text.strip(), 0, block.text)
            elif isinstance(block, Note):
                paragraph += 1
                yield piece(where, f"note {paragraph}", block.text.strip(), 0, block.text)
            elif isinstance(block, BulletList):
                for n, item in enumerate(block.items, start=1):
                    yield piece(where, f"list item {n}", item)
            elif isinstance(block, Table):
                yield from _table_pieces(where, block, piece, written, seen)
            elif isinstance(block, TitlePage):
                for n, text in enumerate((block.marking, block.title, *block.lines), start=1):
                    yield piece("Title page", f"line {n}", text)
    for warning in report.warnings:
        yield piece("Report notes", "", warning)


def _heading_name(block: Heading, written: Mapping[str, tuple[Span, ...]] | None, n: int) -> str:
    """ "Finding 2" for "Finding 2: …", the heading itself when the app wrote all of it."""
    if ":" in block.text:
        lead = block.text.split(":", 1)[0]
        spans = () if written is None else written.get(block.text, ())
        if written is not None and not any(a < len(lead) for a, _ in spans):
            return lead
    if written is not None and not written.get(block.text):
        return block.text
    return f"heading {n} of the section"


def _table_pieces(
    where: str,
    table: Table,
    piece: Callable[..., TextPiece],
    written: Mapping[str, tuple[Span, ...]] | None,
    seen: set[str] | None = None,
) -> Iterator[TextPiece]:
    if table.caption:
        yield piece(where, "table caption", table.caption)
    columns = [f", column “{c.title}”" for c in table.columns]
    spans_of = written.get if written is not None else None
    for n, row in enumerate(table.rows, start=1):
        if seen is not None:
            if seen.issuperset(row):
                continue  # every cell read before
            for cell in row:
                if cell and cell not in seen:
                    seen.add(cell)
                    yield TextPiece(where, "table", cell, spans_of(cell, ()) if spans_of else None)
            continue
        # A row is named by its cells the app wrote (the chronology's date), never by the
        # reviewer's words, which may be what the hit is about.
        named = ", ".join(
            row[i]
            for i in table.row_name
            if i < len(row) and row[i] and spans_of is not None and not spans_of(row[i])
        )
        row_label = f"table row {n}" + (f" ({named})" if named else "")
        for column, cell in zip(columns, row, strict=False):
            if not cell:
                continue
            if spans_of is None:  # (the quick way: a long table has many cells)
                yield TextPiece(where, row_label + column, cell)
            else:
                yield TextPiece(where, row_label + column, cell, spans_of(cell, ()))
