"""The report as an ordered list of blocks: what both renderers draw and the gate scans.

One model, two renderers (DESIGN §3): nothing about the content is decided in the DOCX or PDF
code, which only lays these blocks out. Texts are plain strings; emphasis is by block kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from reviewer_app.anonymisation.scan import TextPiece


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1 = section, 2 = part of a section, 3 = a labelled part of that
    anchor: str = ""  # stable id for bookmarks and the contents


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    label: str = ""  # a bold lead-in: "Category: "


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

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks() if isinstance(b, Heading)]


def text_pieces(report: Report) -> Iterator[TextPiece]:
    """Every text of the report, with where it is, for the anonymisation scan."""
    yield TextPiece("Page header and footer", "", report.banner)
    for section in report.sections:
        where = section.title or "Title page"
        paragraph = 0
        for block in section.blocks:
            if isinstance(block, Heading):
                where_block = f"heading “{block.text}”"
                yield TextPiece(where, where_block, block.text)
                where = section.title if block.level == 1 else f"{section.title} › {block.text}"
                paragraph = 0
            elif isinstance(block, Paragraph | Note):
                paragraph += 1
                kind = "note" if isinstance(block, Note) else "paragraph"
                text = f"{block.label} {block.text}" if isinstance(block, Paragraph) else block.text
                yield TextPiece(where, f"{kind} {paragraph}", text.strip())
            elif isinstance(block, BulletList):
                for n, item in enumerate(block.items, start=1):
                    yield TextPiece(where, f"list item {n}", item)
            elif isinstance(block, Table):
                yield from _table_pieces(where, block)
            elif isinstance(block, TitlePage):
                for n, text in enumerate((block.marking, block.title, *block.lines), start=1):
                    yield TextPiece("Title page", f"line {n}", text)
    for warning in report.warnings:
        yield TextPiece("Report notes", "", warning)


def _table_pieces(where: str, table: Table) -> Iterator[TextPiece]:
    if table.caption:
        yield TextPiece(where, "table caption", table.caption)
    titles = [c.title for c in table.columns]
    for n, row in enumerate(table.rows, start=1):
        named = ", ".join(row[i] for i in table.row_name if i < len(row) and row[i])
        row_label = f"table row {n}" + (f" ({named})" if named else "")
        for title, cell in zip(titles, row, strict=False):
            if cell:
                yield TextPiece(where, f"{row_label}, column “{title}”", cell)
