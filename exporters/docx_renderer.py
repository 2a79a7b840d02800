"""The report model as a Word document (python-docx), for panels to edit.

Written into the shipped Word template (exporters/docx_template.py says how it is made:
compatibility mode 15, en-GB, Word's built-in styles). Real Heading 1–3 styles (Word's
navigation pane works), a contents written by the app inside a clean TOC field (entries linked
to bookmarked headings, each with a PAGEREF field; no update prompt), real numbered and bulleted
lists, table header rows that repeat (`w:tblHeader`), the protective marking in the header and
the footer, "Page x of y", and a DRAFT watermark. Tables are written as WordprocessingML in
one piece and parsed once, because python-docx's cell-by-cell API takes minutes for a
5,000-row chronology (benchmarks/report.py compares the two).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from functools import partial

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from exporters.contents_pages import heading_pages
from exporters.docx_template import (
    NUMBER_ABSTRACT_ID,
    NUMBERED_PARAGRAPH,
    REPORT_NUM_ID,
    template_bytes,
)
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

TEXT_WIDTH_TWIPS = 9638  # A4 less 2 cm margins each side
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_W = nsdecls("w")
_VML = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def xml_text(text: str) -> str:
    """Text safe inside an XML element: escaped, with characters XML forbids removed."""
    text = _INVALID_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def _field(instruction: str, shown: str) -> str:
    return (
        f'<w:fldSimple {_W} w:instr=" {instruction} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
    )


def watermark_xml(text: str) -> str:
    """Word's own watermark: a VML WordArt shape behind the text of every page, in the header
    (what Design › Watermark writes), with alternative text."""
    width, height = (415, 165) if len(text) <= 12 else (560, 44) if len(text) <= 40 else (640, 34)
    return (
        f"<w:r {_W} {_VML}><w:rPr><w:noProof/></w:rPr><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>'
        '<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
        '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
        '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
        '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
        '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" '
        'xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>'
        "</v:shapetype>"
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
        f'alt="Watermark: {_attribute(text)}" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;'
        "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#c00000" '
        'stroked="f"><v:fill opacity=".12"/>'
        '<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" '
        f'string="{_attribute(text)}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
    )


def _page_furniture(document: docx.document.Document, report: Report) -> None:
    """The marking in the header and the footer (styles Header and Footer), page x of y, and
    the watermark."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run(report.banner)
    if report.watermark:
        header._p.append(parse_xml(watermark_xml(report.watermark)))
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    if report.footer:
        # the warning on a line of its own above the page number, in every footer
        warning = footer.insert_paragraph_before(style=document.styles["Footer"])
        warning.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = warning.add_run(report.footer)
        run.bold = True
        run.font.color.rgb = RGBColor(0xA0, 0x1C, 0x1C)
    footer.add_run(f"{report.marking}\t\tPage ")
    footer._p.append(parse_xml(_field("PAGE", "1")))
    footer.add_run(" of ")
    footer._p.append(parse_xml(_field("NUMPAGES", "1")))


def table_xml(table: Table, width: int = TEXT_WIDTH_TWIPS) -> str:
    """One table as WordprocessingML: a header row repeated on every page, fixed widths."""
    return "".join(table_xml_parts(table, width))


def table_xml_parts(
    table: Table, width: int = TEXT_WIDTH_TWIPS, *, declare: bool = True
) -> Iterator[str]:
    """`table_xml` in pieces: the table's start and header row, then one piece per row (each
    from the same row template), then its end; a long appendix is written as it is made.
    `declare=False` leaves out the namespace declaration (inside a document that has it)."""
    widths = [round(width * c.width) for c in table.columns]
    style = "Tabletextsmall" if table.dense else "Tabletext"
    cell_start = f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">'
    cell_break = "</w:t></w:r></w:p>" + cell_start
    head = [
        f"<w:tbl {_W}>" if declare else "<w:tbl>",
        '<w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    ]
    for column, w in zip(table.columns, widths, strict=True):
        head.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>'
            '<w:shd w:val="clear" w:color="auto" w:fill="DCE3EC"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/></w:pPr>'
            "<w:r><w:rPr><w:b/></w:rPr>"
            f'<w:t xml:space="preserve">{xml_text(column.title)}</w:t></w:r></w:p></w:tc>'
        )
    head.append("</w:tr>")
    yield "".join(head)
    cell_props = [
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{cell_start}' for w in widths
    ]
    cell_end = "</w:t></w:r></w:p></w:tc>"
    for row in table.rows:
        yield (
            "<w:tr>"
            + "".join(
                props + xml_text(cell).replace("\n", cell_break) + cell_end
                for props, cell in zip(cell_props, row, strict=False)
            )
            + "</w:tr>"
        )
    yield "</w:tbl>"


#: Tables longer than this are not built in python-docx's object tree: a placeholder paragraph
#: stands in for each, and its rows are streamed into word/document.xml when the file is
#: written, so a 50,000-row appendix costs the time and memory of its text, not of its objects.
STREAMED_ROWS = 200
_PLACEHOLDER = "reviewer-app-streamed-table-"
_PLACEHOLDER_PARAGRAPH = re.compile(
    rf"<w:p>\s*<w:r>\s*<w:t>{_PLACEHOLDER}(\d+)</w:t>\s*</w:r>\s*</w:p>"
)
_STREAM_CHUNK = 1 << 20  # characters written to the zip at a time
DOCUMENT_PART = "word/document.xml"


def _streamed_document(skeleton: bytes, tables: Sequence[Table]) -> Iterator[bytes]:
    """word/document.xml in pieces of about a megabyte: the `skeleton` (the part as saved,
    with a placeholder paragraph for each long table) with each placeholder replaced by its
    table's rows, made as they are written."""
    text = skeleton.decode("utf-8")
    done = 0
    for found in _PLACEHOLDER_PARAGRAPH.finditer(text):
        yield text[done : found.start()].encode("utf-8")
        buffered: list[str] = []
        size = 0
        for piece in table_xml_parts(tables[int(found.group(1))], declare=False):
            buffered.append(piece)
            size += len(piece)
            if size >= _STREAM_CHUNK:
                yield "".join(buffered).encode("utf-8")
                buffered, size = [], 0
        yield "".join(buffered).encode("utf-8")
        done = found.end()
    yield text[done:].encode("utf-8")


def _template() -> io.BytesIO:
    return io.BytesIO(template_bytes())


def _number(paragraph: DocxParagraph, num_id: int, level: int = 0) -> None:
    """The paragraph in list `num_id` at `level` (`w:numPr`, in its place in the properties);
    0 takes it out of the numbering its style gives it."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


class _Writer:
    def __init__(self, report: Report, pages: Sequence[int | None]) -> None:
        self.report = report
        self.pages = {id(h): page for h, page in zip(report.headings(), pages, strict=False)}
        self.document = docx.Document(_template())
        self.body = self.document.element.body
        self.break_next = False
        self.bookmarks: dict[int, str] = {}
        for n, heading in enumerate(report.headings()):
            self.bookmarks[id(heading)] = f"_Toc{n + 1:06d}"
        self.numbering = self.document.part.numbering_part.element
        self.next_num = 100  # each ordered list restarts at 1 through its own w:num
        self.streamed: list[Table] = []  # long tables, written when the file is (see above)
        self.style_ids: dict[str, str | None] = {}
        _page_furniture(self.document, report)

    def _styled(self, text: str, style: str | None) -> DocxParagraph:
        """`Document.add_paragraph(text, style)`, with each style's id looked up once (python-docx
        looks a style name up through every style of the template each time)."""
        paragraph = self.document.add_paragraph(text)
        if style is None:
            return paragraph
        if style in self.style_ids:
            paragraph._p.style = self.style_ids[style]
        else:
            paragraph.style = style  # looked up by python-docx, the first time
            self.style_ids[style] = paragraph._p.style
        return paragraph

    def _paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        paragraph = self._styled(text, style)
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        return paragraph

    def _insert(self, xml: str) -> None:
        if self.break_next:
            self._paragraph()
        self.body[-1].addprevious(parse_xml(xml))  # before the section properties

    def title_page(self, block: TitlePage) -> None:
        self._paragraph(block.marking, "Marking")
        status = self._paragraph(block.status, "Status")
        if len(block.status) > 12:  # an internal working draft's long warning
            status.runs[0].font.size = Pt(22)
        self._paragraph(block.title, "Title")
        for line in block.lines:
            self._paragraph(line, "Title page line")

    def contents(self, block: Contents) -> None:
        """The contents as Word writes it (a TOC field in a contents block), with the entries
        already in it: each links to its heading's bookmark, with a PAGEREF field for the page
        number. The field is clean (not marked dirty) and the file does not ask Word to update
        fields, so nothing prompts on opening; Update Field recomputes it as usual."""
        entries = [h for h in self.report.headings() if h.level <= 2]
        xml = [
            f'<w:sdt {_W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
            '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{xml_text(block.title)}</w:t></w:r></w:p>'
        ]
        for n, heading in enumerate(entries):
            mark = self.bookmarks[id(heading)]
            xml.append(
                f'<w:p><w:pPr><w:pStyle w:val="TOC{heading.level}"/></w:pPr>'
                if n
                else '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>'
                '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            )
            xml.append(
                f'<w:hyperlink w:anchor="{mark}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{xml_text(heading.text)}</w:t></w:r>'
                "<w:r><w:tab/></w:r>"
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f"<w:r><w:t>{self.pages.get(id(heading)) or ''}</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
            )
            if n == len(entries) - 1:
                xml.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            xml.append("</w:p>")
        xml.append("</w:sdtContent></w:sdt>")
        self._insert("".join(xml))

    def heading(self, block: Heading) -> None:
        text = block.text
        lead = f"{block.number}. "
        numbered = block.level == 1 and block.number and text.startswith(lead)
        if numbered:
            text = text.removeprefix(lead)  # Word's numbering (Heading 1) gives "3."
        paragraph = self._styled(text, f"Heading {min(block.level, 3)}")  # as add_heading
        if block.level == 1 and not numbered:  # an appendix: no section number
            _number(paragraph, 0)
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_next = False
        mark = self.bookmarks.get(id(block))
        if mark:
            n = mark.removeprefix("_Toc").lstrip("0") or "0"
            p = paragraph._p
            p.insert(
                1 if p.pPr is not None else 0,
                parse_xml(f'<w:bookmarkStart {_W} w:id="{n}" w:name="{mark}"/>'),
            )
            p.append(parse_xml(f'<w:bookmarkEnd {_W} w:id="{n}"/>'))

    def paragraph(self, block: Paragraph) -> None:
        if block.number:
            # numbered by Word ("3.2", level 1 of the report's numbering), as the PDF shows it
            paragraph = self._paragraph(block.text, NUMBERED_PARAGRAPH)
            _number(paragraph, REPORT_NUM_ID, 1)
            return
        paragraph = self._paragraph()
        if block.label:
            paragraph.add_run(f"{block.label} ").bold = True
        paragraph.add_run(block.text)

    def note(self, block: Note) -> None:
        style = "Reviewer prompt" if block.kind is NoteKind.PROMPT else "Report note"
        self._paragraph(block.text, style)

    def bullets(self, block: BulletList) -> None:
        if not block.ordered:
            for item in block.items:
                self._paragraph(item, "List Bullet")
            return
        num_id = self.next_num
        self.next_num += 1
        self.numbering.append(
            parse_xml(
                f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{NUMBER_ABSTRACT_ID}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        for item in block.items:
            _number(self._paragraph(item, "List Number"), num_id)

    def table(self, block: Table) -> None:
        if block.caption:
            self._paragraph(block.caption, "Caption")
        if len(block.rows) > STREAMED_ROWS:
            self._insert(
                f"<w:p {_W}><w:r><w:t>{_PLACEHOLDER}{len(self.streamed)}</w:t></w:r></w:p>"
            )
            self.streamed.append(block)
        else:
            self._insert(table_xml(block))
        spacer = self._paragraph()
        spacer.paragraph_format.space_after = Pt(0)

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
        rows = {DOCUMENT_PART: partial(_streamed_document, tables=self.streamed)}
        return normalise_docx(
            stream.getvalue(),
            update_fields=False,
            title=self.report.title,
            streamed=rows if self.streamed else None,
        )


def docx_bytes(report: Report, pages: Sequence[int | None] | None = None) -> bytes:
    """The finished DOCX, metadata already neutral. The contents shows each heading's page
    as the PDF of the same report lays it out (`pages`, in the order of `Report.headings`;
    worked out here when not given)."""
    return _Writer(report, heading_pages(report) if pages is None else pages).write()
