"""The report model as a finished PDF (reportlab platypus), from the same blocks as the DOCX.

Bookmarks for every heading, a contents page with page numbers, "Page x of y", the protective
marking and a "DRAFT" watermark on every page, tables that split across pages with their header
row repeated, and the bundled DejaVu Sans embedded (it has £, curly quotes and dashes).

Built in one pass: the page total and the contents' page numbers are PDF form objects that the
pages refer to and that are filled in when the document is saved. Table cells are plain strings
wrapped beforehand (`simpleSplit`), not one `Paragraph` per cell, which is what keeps a
5,000-row chronology within budget (benchmarks/report.py compares the two).
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import (
    PageBreak as PdfPageBreak,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from exporters.metadata import NEUTRAL_CREATOR, NEUTRAL_TITLE, neutral_pdf
from exporters.report_model import (
    BulletList,
    Contents,
    Heading,
    Note,
    NoteKind,
    PageBreak,
    Paragraph,
    Report,
    Table,
    TitlePage,
)

FONT = "ReportSans"
BOLD = "ReportSans-Bold"
ITALIC = "ReportSans-Oblique"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2 * cm
TOP = 2.3 * cm
BOTTOM = 2 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP - BOTTOM
HEADING_COLOUR = colors.HexColor("#1F3B5C")
MARKING_COLOUR = colors.HexColor("#A01C1C")
_CELL_PADDING = 3


@cache
def register_fonts() -> None:
    folder = resources.files("resources").joinpath("fonts")
    faces = {
        FONT: "DejaVuSans.ttf",
        BOLD: "DejaVuSans-Bold.ttf",
        ITALIC: "DejaVuSans-Oblique.ttf",
        "ReportSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file_name in faces.items():
        with resources.as_file(folder.joinpath(file_name)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic="ReportSans-BoldOblique"
    )


@cache
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=10, leading=14, spaceAfter=6
    )
    return {
        "body": body,
        "h1": ParagraphStyle(
            "h1",
            body,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=8,
            textColor=HEADING_COLOUR,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            body,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=5,
            textColor=HEADING_COLOUR,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            body,
            fontName=BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            textColor=HEADING_COLOUR,
            keepWithNext=1,
        ),
        "prompt": ParagraphStyle(
            "prompt",
            body,
            fontName=ITALIC,
            textColor=colors.HexColor("#5A4A00"),
            backColor=colors.HexColor("#FFF4CE"),
            borderColor=colors.HexColor("#C9A227"),
            borderWidth=0,
            borderPadding=(4, 6, 4, 6),
            leftIndent=6,
            rightIndent=6,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "note": ParagraphStyle(
            "note",
            body,
            fontName=ITALIC,
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#444444"),
        ),
        "bullet": ParagraphStyle("bullet", body, leftIndent=18, bulletIndent=4, spaceAfter=3),
        # a numbered paragraph: its number ("3.2") hanging in the margin of the text
        "numbered": ParagraphStyle("numbered", body, leftIndent=34, bulletIndent=0),
        "caption": ParagraphStyle("caption", body, fontName=BOLD, fontSize=9.5, keepWithNext=1),
        "contents-title": ParagraphStyle(
            "contents-title",
            body,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=HEADING_COLOUR,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "title": ParagraphStyle(
            "title",
            body,
            fontName=FONT,
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            textColor=HEADING_COLOUR,
            spaceAfter=18,
        ),
        "title-line": ParagraphStyle(
            "title-line", body, fontSize=13, leading=18, alignment=TA_CENTER
        ),
        "marking": ParagraphStyle(
            "marking",
            body,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            textColor=MARKING_COLOUR,
        ),
        "status": ParagraphStyle(
            "status",
            body,
            fontName=BOLD,
            fontSize=44,
            leading=52,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#B42B2B"),
            spaceBefore=120,
            spaceAfter=24,
        ),
    }


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


@dataclass(slots=True)
class _Outline:
    """Headings as they land on pages: for bookmarks and the contents' page numbers."""

    pages: dict[str, int] = field(default_factory=dict)
    last_level: int = -1
    total_pages: int = 0


class _HeadingParagraph(PdfParagraph):  # type: ignore[misc]
    def __init__(self, text: str, style: ParagraphStyle, heading: Heading, key: str) -> None:
        super().__init__(_markup(text), style)
        self.heading = heading
        self.key = key


class _ContentsEntry(Flowable):  # type: ignore[misc]
    """One line of the contents: the heading wrapped clear of the page-number column, a dotted
    leader, and the page number from a form filled in when the document is saved. One flowable
    per entry, so the contents runs over as many pages as it needs."""

    NUMBER_WIDTH = 34.0  # the column the page numbers are right-aligned in
    GAP = 12.0  # between the title and the page-number column

    def __init__(self, heading: Heading, key: str, form: str) -> None:
        super().__init__()
        self.heading, self.key, self.form = heading, key, form
        first = heading.level == 1
        self.font = BOLD if first else FONT
        self.size = 10.5 if first else 10.0
        self.leading = self.size * 1.3
        self.indent = 0.0 if first else 16.0
        self.lines: list[str] = [heading.text]
        self.spaceBefore = 5.0 if first else 1.0
        self.spaceAfter = 1.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        room = available_width - self.indent - self.NUMBER_WIDTH - self.GAP
        self.lines = simpleSplit(self.heading.text, self.font, self.size, room) or [""]
        self.height = self.leading * len(self.lines) + 2
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # an entry is never split between pages

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(colors.black)
        y = self.height - self.size
        for line in self.lines:
            canvas.drawString(self.indent, y, line)
            y -= self.leading
        baseline = y + self.leading
        end = self.indent + canvas.stringWidth(self.lines[-1], self.font, self.size) + 4
        leader_end = self.width - self.NUMBER_WIDTH + 4
        if leader_end - end > 6:  # a dotted leader, drawn (not text, so it is not read out)
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#666666"))
            canvas.setLineWidth(0.9)
            canvas.setLineCap(1)
            canvas.setDash([0.01, 3.2])
            canvas.line(end, baseline + 1, leader_end, baseline + 1)
            canvas.restoreState()
        canvas.saveState()
        canvas.translate(self.width - self.NUMBER_WIDTH, baseline)
        canvas.doForm(self.form)
        canvas.restoreState()
        canvas.linkRect(
            "", self.key, (self.indent, 0, self.width, self.height), relative=1, thickness=0
        )


class _Wrapper:
    """Greedy word wrap with each word's width measured once (a chronology repeats words)."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self.widths: dict[str, float] = {}
        self.space = pdfmetrics.stringWidth(" ", font, size)

    def width(self, word: str) -> float:
        known = self.widths.get(word)
        if known is None:
            known = self.widths[word] = pdfmetrics.stringWidth(word, self.font, self.size)
        return known

    def lines(self, text: str, limit: float) -> list[str]:
        out: list[str] = []
        for part in text.split("\n"):
            words = part.split()
            if not words:
                out.append("")
                continue
            line: list[str] = []
            used = 0.0
            for word in words:
                width = self.width(word)
                if width > limit:  # a very long word (a URL): let reportlab break it
                    if line:
                        out.append(" ".join(line))
                    pieces = simpleSplit(word, self.font, self.size, limit) or [word]
                    out.extend(pieces[:-1])
                    line, used = [pieces[-1]], self.width(pieces[-1])
                    continue
                extra = width + (self.space if line else 0.0)
                if line and used + extra > limit:
                    out.append(" ".join(line))
                    line, used = [word], width
                else:
                    line.append(word)
                    used += extra
            out.append(" ".join(line))
        return out


_HIDDEN = "\ue000"  # leads a cell drawn only where its row continues at the top of a page
_LONG_ROW = 14  # rows of more lines than this are set in pieces that can break across pages
_PIECE = 6  # lines in each piece of a long row


class _ContinuedTable(PdfTable):  # type: ignore[misc]
    """A table whose long rows are set as pieces without rules between them. Where a page
    break falls inside a long row, the piece at the top of the new page shows the row's
    date and agency (its `repeat` cells) marked "(cont.)"; elsewhere they are not drawn."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        for part in parts[1:]:
            first = getattr(part, "repeatRows", 0)
            values = part._cellvalues
            if len(values) > first and any(
                isinstance(v, str) and v.startswith(_HIDDEN) for v in values[first]
            ):
                values[first] = [
                    v[1:] if isinstance(v, str) and v.startswith(_HIDDEN) else v
                    for v in values[first]
                ]
        return parts

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        if isinstance(cellval, str) and cellval.startswith(_HIDDEN):
            return
        super()._drawCell(cellval, cellstyle, pos, size)


#: Tables longer than this are handed to reportlab a page at a time (`_TableStream`).
STREAMED_ROWS = 200


class _TableStream(Flowable):  # type: ignore[misc]
    """A long table handed to reportlab one page-sized table at a time.

    reportlab splits one big table by re-measuring all its remaining rows at every page break,
    which grows with the square of the rows. The rows' heights are known here, so each split
    takes just the rows that fit (found by bisecting running totals) as a table of their own,
    under the repeated header, and leaves the rest as a smaller stream: linear in the rows."""

    def __init__(
        self,
        part: Callable[[int, int], PdfTable],
        heights: list[float],
        width: float,
        first: int = 1,
        ends: list[float] | None = None,
    ) -> None:
        super().__init__()
        self._part = part
        self._heights = heights
        self._width = width
        self._first = first
        # ends[i]: the height of rows 1..i, so any run of rows is measured in one step
        self._ends = ends if ends is not None else list(accumulate(heights[1:], initial=0.0))
        self._stop = len(heights)
        self.hAlign = "LEFT"  # as each table it hands over

    def _rest(self, first: int) -> _TableStream:
        return _TableStream(self._part, self._heights, self._width, first, self._ends)

    def _height(self, first: int, stop: int) -> float:
        return self._heights[0] + self._ends[stop - 1] - self._ends[first - 1]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self._width
        self.height = self._height(self._first, self._stop)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self._heights[0] + self._ends[self._first - 1]
        stop = bisect_right(self._ends, room + 1e-6)  # rows self._first .. stop-1 fit
        if stop <= self._first:
            return []  # not even one row: the next page
        if stop >= self._stop:
            return [self._part(self._first, self._stop)]
        return [self._part(self._first, stop), self._rest(stop)]

    def draw(self) -> None:  # it fitted whole where it stands
        table = self._part(self._first, self._stop)
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def table_flowables(block: Table) -> list[Flowable]:
    """A table as plain wrapped strings: header row repeated, long rows continued."""
    size = 7.5 if block.dense else 9
    leading = size * 1.22
    widths = [TEXT_WIDTH * c.width for c in block.columns]
    inner = [w - 2 * _CELL_PADDING - 1 for w in widths]
    bold, plain = _Wrapper(BOLD, size), _Wrapper(FONT, size)
    header = ["\n".join(bold.lines(c.title, w)) for c, w in zip(block.columns, inner, strict=True)]
    data: list[list[str]] = [header]
    heights: list[float] = [
        leading * max(h.count("\n") + 1 for h in header) + 2 * _CELL_PADDING + 1
    ]
    joins: list[int] = []  # rows followed by another piece of the same long row
    pads: list[int] = []  # rows that are a later piece of a long row
    repeat = [i for i in block.repeat if i < len(widths)]
    for row in block.rows:
        wrapped = [plain.lines(cell, w) for cell, w in zip(row, inner, strict=False)]
        while len(wrapped) < len(widths):
            wrapped.append([""])
        lines = max(len(cell) for cell in wrapped)
        if lines <= _LONG_ROW:
            data.append(["\n".join(cell) for cell in wrapped])
            heights.append(leading * lines + 2 * _CELL_PADDING + 1)
            continue
        # A long row is set in pieces a few lines deep, so it starts on the page it reaches
        # and breaks between lines; each later piece carries its date and agency, hidden
        # unless that piece opens a page.
        again = {i: plain.lines(f"{row[i]} (cont.)", inner[i]) if row[i] else [""] for i in repeat}
        piece = max(_PIECE, *(len(wrapped[i]) for i in repeat), *(len(c) for c in again.values()))
        for start in range(0, lines, piece):
            cells = []
            for i, cell in enumerate(wrapped):
                if i in again and start:
                    cells.append(_HIDDEN + "\n".join(again[i]))
                elif i in again:
                    cells.append("\n".join(cell))
                else:
                    cells.append("\n".join(cell[start : start + piece]))
            data.append(cells)
            deep = min(piece, lines - start)
            if start:
                deep = max(deep, *(len(v) for v in again.values()))
            last = start + piece >= lines
            # No padding where two pieces meet, so the text runs on at its own leading.
            above = 0 if start else _CELL_PADDING - 1
            below = _CELL_PADDING if last else 0
            heights.append(leading * deep + above + below + (1 if last else 0))
            if start:
                pads.append(len(data) - 1)
            if not last:
                joins.append(len(data) - 1)
    rule = colors.HexColor("#8A94A3")
    base: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, size, leading),
        ("FONT", (0, 0), (-1, 0), BOLD, size, leading),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE3EC")),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, rule),
    ]
    frame: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), 0.4, rule),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), _CELL_PADDING - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PADDING),
    ]

    def part(first: int, stop: int) -> PdfTable:
        """The header and rows ``data[first:stop]`` as one table, its row styles moved with them
        (`first` 1 and `stop` len(data): the whole table)."""
        shift = 1 - first
        cells = [data[0], *data[first:stop]]
        if (
            first > 1
            and cells[1]
            and any(isinstance(v, str) and v.startswith(_HIDDEN) for v in cells[1])
        ):
            cells[1] = [
                v[1:] if isinstance(v, str) and v.startswith(_HIDDEN) else v for v in cells[1]
            ]

        def in_part(rows: list[int]) -> list[int]:
            return [r + shift for r in rows if first <= r < stop]

        commands = [
            *base,
            # No rule between the pieces of one long row (drawn over in white), the frame last.
            *(("LINEBELOW", (0, r), (-1, r), 0.8, colors.white) for r in in_part(joins)),
            *(("LINEAFTER", (0, r), (-2, r), 0.4, rule) for r in in_part(joins)),
            *frame,
            *(("BOTTOMPADDING", (0, r), (-1, r), 0) for r in in_part(joins)),
            *(("TOPPADDING", (0, r), (-1, r), 0) for r in in_part(pads)),
        ]
        made = _ContinuedTable(
            cells, colWidths=widths, rowHeights=[heights[0], *heights[first:stop]], repeatRows=1
        )
        made.setStyle(TableStyle(commands))
        made.hAlign = "LEFT"
        return made

    table: Flowable = (
        _TableStream(part, heights, sum(widths))
        if len(data) > STREAMED_ROWS
        else part(1, len(data))
    )
    out: list[Flowable] = []
    if block.caption:
        out.append(PdfParagraph(_markup(block.caption), _styles()["caption"]))
    out.extend([table, Spacer(1, 8)])
    return out


class _TableSpace(Flowable):  # type: ignore[misc]
    """The room a table takes, split between pages by whole rows with the header row repeated
    as the table itself is, but never drawn: laying out a 5,000-row chronology this way takes
    its wrapping time only (for `heading_pages`)."""

    def __init__(self, heights: list[float]) -> None:
        super().__init__()
        self.heights = heights

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, sum(self.heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        used, n = self.heights[0], 1
        while n < len(self.heights) and used + self.heights[n] <= available_height:
            used += self.heights[n]
            n += 1
        if n == 1:
            return []
        return [Spacer(available_width, used), _TableSpace([self.heights[0], *self.heights[n:]])]

    def draw(self) -> None:
        return


def _room_only(flowables: list[Flowable]) -> list[Flowable]:
    return [_TableSpace(list(f._argH)) if isinstance(f, _ContinuedTable) else f for f in flowables]


def heading_keys(report: Report) -> list[str]:
    """Each heading's bookmark name, in the order of `Report.headings`."""
    return [heading.anchor or f"h{n}" for n, heading in enumerate(report.headings())]


def story(report: Report, *, tables_drawn: bool = True) -> list[Flowable]:
    """The report as flowables (`tables_drawn=False`: tables as the room they take only)."""
    styles = _styles()
    flow: list[Flowable] = []
    headings = report.headings()
    keys = {id(h): key for h, key in zip(headings, heading_keys(report), strict=True)}
    for block in report.blocks():
        if isinstance(block, PageBreak):
            flow.append(PdfPageBreak())
        elif isinstance(block, TitlePage):
            flow.append(PdfParagraph(_markup(block.marking), styles["marking"]))
            status = styles["status"]
            if len(block.status) > 12:
                status = ParagraphStyle("status-long", status, fontSize=22, leading=28)
            flow.append(PdfParagraph(_markup(block.status), status))
            flow.append(PdfParagraph(_markup(block.title), styles["title"]))
            flow.extend(PdfParagraph(_markup(line), styles["title-line"]) for line in block.lines)
        elif isinstance(block, Contents):
            flow.append(PdfParagraph(_markup(block.title), styles["contents-title"]))
            flow.extend(
                _ContentsEntry(h, keys[id(h)], f"contents-page-{n}")
                for n, h in enumerate(headings)
                if h.level <= 2
            )
        elif isinstance(block, Heading):
            level = min(block.level, 3)
            if level == 1:
                flow.append(CondPageBreak(4 * cm))
            flow.append(_HeadingParagraph(block.text, styles[f"h{level}"], block, keys[id(block)]))
        elif isinstance(block, Paragraph):
            label = f"<b>{_markup(block.label)}</b> " if block.label else ""
            if block.number:
                flow.append(
                    PdfParagraph(_markup(block.text), styles["numbered"], bulletText=block.number)
                )
            else:
                flow.append(PdfParagraph(label + _markup(block.text), styles["body"]))
        elif isinstance(block, Note):
            style = styles["prompt"] if block.kind is NoteKind.PROMPT else styles["note"]
            flow.append(PdfParagraph(_markup(block.text), style))
        elif isinstance(block, BulletList):
            items = [
                PdfParagraph(
                    _markup(item), styles["bullet"], bulletText=f"{n}." if block.ordered else "•"
                )
                for n, item in enumerate(block.items, start=1)
            ]
            flow.append(KeepTogether(items) if len(items) <= 4 else items[0])
            if len(items) > 4:
                flow.extend(items[1:])
        elif isinstance(block, Table):
            tables = table_flowables(block)
            flow.extend(tables if tables_drawn else _room_only(tables))
    return flow


class _Document(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, target: io.BytesIO, report: Report) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=NEUTRAL_TITLE,
            author="",
            subject="",
            keywords="",
            creator=NEUTRAL_CREATOR,
            producer=NEUTRAL_CREATOR,
            invariant=1,
            pageCompression=1,
            initialFontName=FONT,
            initialFontSize=10,
            initialLeading=14,
        )
        self.report = report
        self.outline = _Outline()
        frame = Frame(
            MARGIN,
            BOTTOM,
            TEXT_WIDTH,
            FRAME_HEIGHT,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._furniture)])

    def _furniture(self, canvas: Canvas, doc: Any) -> None:
        watermark = self.report.watermark
        if watermark:
            canvas.saveState()
            canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.07))
            # as large as fits along the page's diagonal (110 pt for "DRAFT")
            size = min(110.0, 0.92 * 880 / max(canvas.stringWidth(watermark, BOLD, 1), 1))
            canvas.setFont(BOLD, size)
            canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            canvas.rotate(52 if size >= 60 else 55)
            canvas.drawCentredString(0, -size * 0.36, watermark)
            canvas.restoreState()
        canvas.saveState()
        canvas.setFont(BOLD, 8.5)
        canvas.setFillColor(MARKING_COLOUR)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 1.3 * cm, self.report.banner)
        if self.report.footer:
            canvas.setFont(BOLD, 8.5)
            canvas.drawCentredString(PAGE_WIDTH / 2, 1.1 * cm + 11, self.report.footer)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(colors.black)
        text = f"{self.report.marking}    Page {doc.page} of "
        width = canvas.stringWidth(text, FONT, 8.5) + canvas.stringWidth("000", FONT, 8.5)
        x = (PAGE_WIDTH - width) / 2
        canvas.drawString(x, 1.1 * cm, text)
        canvas.saveState()
        canvas.translate(x + canvas.stringWidth(text, FONT, 8.5), 1.1 * cm)
        canvas.doForm("page-total")
        canvas.restoreState()
        canvas.restoreState()
        self.outline.total_pages = max(self.outline.total_pages, doc.page)

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, _HeadingParagraph):
            return
        heading, key = flowable.heading, flowable.key
        if key in self.outline.pages:
            return
        self.outline.pages[key] = self.page
        canvas = self.canv
        canvas.bookmarkPage(key)
        level = min(heading.level - 1, self.outline.last_level + 1)
        canvas.addOutlineEntry(heading.text, key, level=level, closed=level >= 1)
        self.outline.last_level = level


def _finishing_canvas(doc: _Document, contents: list[_ContentsEntry]) -> type[Canvas]:
    class FinishingCanvas(Canvas):  # type: ignore[misc]
        def save(self) -> None:
            self.beginForm("page-total")
            self.setFont(FONT, 8.5)
            self.drawString(0, 0, str(doc.outline.total_pages))
            self.endForm()
            width = _ContentsEntry.NUMBER_WIDTH
            for entry in contents:
                self.beginForm(entry.form, 0, -4, width, entry.size + 2)
                self.setFont(entry.font, entry.size)
                self.drawRightString(width, 0, str(doc.outline.pages.get(entry.key, "")))
                self.endForm()
            super().save()

    return FinishingCanvas


def _laid_out(report: Report, *, tables_drawn: bool = True) -> tuple[bytes, _Document]:
    register_fonts()
    buffer = io.BytesIO()
    doc = _Document(buffer, report)
    flow = story(report, tables_drawn=tables_drawn)
    contents = [item for item in flow if isinstance(item, _ContentsEntry)]
    doc.build(flow, canvasmaker=_finishing_canvas(doc, contents))
    return buffer.getvalue(), doc


def pdf_bytes(report: Report) -> bytes:
    return neutral_pdf(_laid_out(report)[0])


def heading_pages(report: Report) -> list[int | None]:
    """The page each heading lands on when the report is laid out as a PDF, in the order of
    `Report.headings` (None for one not laid out): the page numbers the DOCX contents shows
    until Word's Update Field recomputes them. The tables are laid out but not drawn."""
    _, doc = _laid_out(report, tables_drawn=False)
    return [doc.outline.pages.get(key) for key in heading_keys(report)]


def furniture_texts(report: Report) -> list[str]:
    """Texts the renderer draws beyond the model's blocks (for the leak scan)."""
    return [
        report.banner,
        report.marking,
        report.watermark,
        report.footer,
        NEUTRAL_TITLE,
        NEUTRAL_CREATOR,
    ]
