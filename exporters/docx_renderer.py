"""The report model as a Word document (python-docx), for panels to edit.

Real Heading 1–3 styles (Word's navigation pane and contents work), a contents field that Word
refreshes on opening, tables with a repeating header row, the protective marking and "DRAFT"
in every page header, "Page x of y" in the footer. Tables are written as WordprocessingML in
one piece and parsed once, because python-docx's cell-by-cell API takes minutes for a
5,000-row chronology (benchmarks/report.py compares the two).
"""

from __future__ import annotations

import io
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters.metadata import normalise_docx
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

FONT = "Arial"
TEXT_WIDTH_TWIPS = 9638  # A4 less 2 cm margins each side
HEADING_COLOUR = RGBColor(0x1F, 0x3B, 0x5C)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_W = nsdecls("w")


def xml_text(text: str) -> str:
    """Text safe inside an XML element: escaped, with characters XML forbids removed."""
    text = _INVALID_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _set_font(style: object, size: float | None = None, *, colour: RGBColor | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    r_fonts = style.element.rPr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if r_fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attr), None)
        r_fonts.set(qn("w:cs"), FONT)
    if size is not None:
        font.size = Pt(size)
    if colour is not None:
        font.color.rgb = colour


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    _set_font(styles["Normal"], 11)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.15
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        style = styles[f"Heading {level}"]
        _set_font(style, size, colour=HEADING_COLOUR)
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
    _set_font(styles["Title"], 24, colour=HEADING_COLOUR)
    _set_font(styles["TOC Heading"], 16, colour=HEADING_COLOUR)
    for name in ("Header", "Footer", "List Bullet"):
        _set_font(styles[name])
    for level in (1, 2):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(3 if level == 2 else 4)
        toc.font.bold = level == 1
    prompt = styles.add_style("Reviewer prompt", WD_STYLE_TYPE.PARAGRAPH)
    prompt.base_style = styles["Normal"]
    prompt.font.italic = True
    prompt.font.color.rgb = RGBColor(0x5A, 0x4A, 0x00)
    prompt.element.get_or_add_pPr().append(
        parse_xml(f'<w:shd {_W} w:val="clear" w:color="auto" w:fill="FFF4CE"/>')
    )
    prompt.element.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {_W}><w:left w:val="single" w:sz="24" w:space="6" w:color="C9A227"/></w:pBdr>'
        )
    )
    note = styles.add_style("Report note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.italic = True
    note.font.size = Pt(9.5)
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    numbered = styles.add_style("Numbered item", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = styles["Normal"]
    numbered.paragraph_format.left_indent = Cm(0.75)
    numbered.paragraph_format.first_line_indent = Cm(-0.75)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
    for name, size in (("Table text", 10), ("Table text small", 8)):
        cell = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = styles["Normal"]
        cell.font.size = Pt(size)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.space_before = Pt(0)
        cell.paragraph_format.line_spacing = 1.0
    caption = styles.add_style("Table caption", WD_STYLE_TYPE.PARAGRAPH)
    caption.base_style = styles["Normal"]
    caption.font.bold = True
    caption.font.size = Pt(10)
    caption.paragraph_format.keep_with_next = True


def _field(instruction: str, shown: str) -> str:
    return (
        f'<w:fldSimple {_W} w:instr=" {instruction} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
    )


def _page_furniture(document: docx.document.Document, report: Report) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run(report.banner)
    run.bold = True
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0xA0, 0x1C, 0x1C)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lead = footer.add_run(f"{report.marking}    Page ")
    lead.font.size = Pt(9)
    footer._p.append(parse_xml(_field("PAGE", "1")))
    middle = footer.add_run(" of ")
    middle.font.size = Pt(9)
    footer._p.append(parse_xml(_field("NUMPAGES", "1")))


def table_xml(table: Table, width: int = TEXT_WIDTH_TWIPS) -> str:
    """One table as WordprocessingML: a header row repeated on every page, fixed widths."""
    widths = [round(width * c.width) for c in table.columns]
    style = "Tabletextsmall" if table.dense else "Tabletext"
    cell_start = f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">'
    cell_break = "</w:t></w:r></w:p>" + cell_start
    out = [
        f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    ]
    for column, w in zip(table.columns, widths, strict=True):
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>'
            '<w:shd w:val="clear" w:color="auto" w:fill="DCE3EC"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/></w:pPr>'
            "<w:r><w:rPr><w:b/></w:rPr>"
            f'<w:t xml:space="preserve">{xml_text(column.title)}</w:t></w:r></w:p></w:tc>'
        )
    out.append("</w:tr>")
    cell_props = [f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>' for w in widths]
    for row in table.rows:
        out.append("<w:tr>")
        for props, cell in zip(cell_props, row, strict=False):
            out.append(props)
            out.append(cell_start)
            out.append(xml_text(cell).replace("\n", cell_break))
            out.append("</w:t></w:r></w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


class _Writer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.document = docx.Document()
        self.body = self.document.element.body
        self.break_next = False
        _styles(self.document)
        _page_furniture(self.document, report)

    def _paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        paragraph = self.document.add_paragraph(text, style)
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        return paragraph

    def _insert(self, xml: str) -> None:
        if self.break_next:
            self._paragraph()
        self.body[-1].addprevious(parse_xml(xml))  # before the section properties

    def title_page(self, block: TitlePage) -> None:
        marking = self._paragraph()
        marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = marking.add_run(block.marking)
        run.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor(0xA0, 0x1C, 0x1C)
        status = self._paragraph()
        status.alignment = WD_ALIGN_PARAGRAPH.CENTER
        status.paragraph_format.space_before = Pt(110)
        status.paragraph_format.space_after = Pt(24)
        run = status.add_run(block.status)
        run.bold = True
        run.font.size = Pt(44 if len(block.status) < 12 else 22)
        run.font.color.rgb = RGBColor(0xB4, 0x2B, 0x2B)
        title = self._paragraph(block.title, "Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in block.lines:
            paragraph = self._paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(line).font.size = Pt(13)

    def contents(self, block: Contents) -> None:
        self._paragraph(block.title, "TOC Heading")
        entries = [h for h in self.report.headings() if h.level <= 2]
        xml = [
            f'<w:p {_W}><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        ]
        for n, heading in enumerate(entries):
            if n:
                xml.append(f'<w:p {_W}><w:pPr><w:pStyle w:val="TOC{heading.level}"/></w:pPr>')
            xml.append(f'<w:r><w:t xml:space="preserve">{xml_text(heading.text)}</w:t></w:r>')
            if n < len(entries) - 1:
                xml.append("</w:p>")
        xml.append('<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        paragraphs = "".join(xml).replace("</w:p>", "</w:p>\x00").split("\x00")
        for fragment in paragraphs:
            if fragment:
                self.body[-1].addprevious(parse_xml(fragment))
        note = self._paragraph(
            "Word fills in the page numbers: right-click the contents and choose Update Field.",
            "Report note",
        )
        note.paragraph_format.space_before = Pt(12)

    def heading(self, block: Heading) -> None:
        paragraph = self.document.add_heading(block.text, min(block.level, 3))
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self._paragraph()
        if block.label:
            paragraph.add_run(f"{block.label} ").bold = True
        paragraph.add_run(block.text)

    def note(self, block: Note) -> None:
        style = "Reviewer prompt" if block.kind is NoteKind.PROMPT else "Report note"
        self._paragraph(block.text, style)

    def bullets(self, block: BulletList) -> None:
        for n, item in enumerate(block.items, start=1):
            if block.ordered:
                self._paragraph(f"{n}.\t{item}", "Numbered item")
            else:
                self._paragraph(item, "List Bullet")

    def table(self, block: Table) -> None:
        if block.caption:
            self._paragraph(block.caption, "Table caption")
        self._insert(table_xml(block))
        self._paragraph().paragraph_format.space_after = Pt(0)

    def write(self) -> bytes:
        for block in self.report.blocks():
            if isinstance(block, PageBreak):
                self.break_next = True
            elif isinstance(block, TitlePage):
                self.title_page(block)
            elif isinstance(block, Contents):
                self.contents(block)
            elif isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Note):
                self.note(block)
            elif isinstance(block, BulletList):
                self.bullets(block)
            elif isinstance(block, Table):
                self.table(block)
        stream = io.BytesIO()
        self.document.save(stream)
        return normalise_docx(stream.getvalue())


def docx_bytes(report: Report) -> bytes:
    """The finished DOCX, metadata already neutral."""
    return _Writer(report).write()
