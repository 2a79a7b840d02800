"""The report model as a finished PDF (reportlab platypus), from the same blocks as the DOCX.

Bookmarks for every heading, a contents page with page numbers, "Page x of y", the protective
marking and a "DRAFT" watermark on every page, tables that split across pages with their header
row repeated, and the bundled DejaVu Sans embedded (it has £, curly quotes and dashes).

Built in one pass: the page total and the contents' page numbers are PDF form objects that the
pages refer to and that are filled in when the document is saved. Tables are plain text wrapped
beforehand and drawn a page of rows at a time straight onto the canvas (`pdf_table`), not one
`Paragraph` per cell in reportlab's `Table`, which is what keeps a 50,000-row chronology
appendix within budget (benchmarks/report.py and run_all.py compare the two).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
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
)
from reportlab.platypus import (
    PageBreak as PdfPageBreak,
)
from reportlab.platypus import Paragraph as PdfParagraph

from exporters.metadata import NEUTRAL_CREATOR, NEUTRAL_TITLE, neutral_pdf
from exporters.pdf_table import TableStream, layout
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


def table_flowables(block: Table, *, drawn: bool = True) -> list[Flowable]:
    """A table as plain wrapped text drawn a page at a time (`pdf_table`), under its caption
    (`drawn=False`: taking its room on each page only)."""
    out: list[Flowable] = []
    if block.caption:
        out.append(PdfParagraph(_markup(block.caption), _styles()["caption"]))
    table = TableStream(layout(block, TEXT_WIDTH, FONT, BOLD, drawn=drawn), drawn=drawn)
    out.extend([table, Spacer(1, 8)])
    return out


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
            flow.extend(table_flowables(block, drawn=tables_drawn))
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
