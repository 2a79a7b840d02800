"""The Word template the report DOCX is written into: resources/report_docx/report-template.docx.

How it was made (and how to make it again): `python -m exporters.docx_template` starts from
python-docx's own template (a Word 2010 document) and writes the parts Word reads for the
document's behaviour deliberately, rather than inheriting them:

- ``word/settings.xml`` written whole: compatibility mode 15 (Word 2013 and later, so Word
  does not open the file in Compatibility Mode), no ``updateFields`` (no prompt on opening),
  ``themeFontLang`` en-GB, no rsids, no preview picture, no attached template.
- ``word/styles.xml``: en-GB in the document defaults (``w:lang`` in ``rPrDefault``), Arial,
  and the built-in styles the report uses, under their built-in names so Word treats them as
  its own: Title, Heading 1–3, Caption, List Number, List Bullet, toc 1–3, TOC Heading, Header,
  Footer, Table Grid; the app's own few (Reviewer prompt, Report note, Table text, Marking,
  Title page line) are marked as custom styles.
- ``word/numbering.xml`` written whole: one bullet and one decimal list definition, linked to
  List Bullet and List Number, so lists are real Word lists (each ordered list in the report
  restarts at 1 through its own ``w:num``); and the report's numbering, linked to Heading 1
  (sections "3.") and the custom style Numbered paragraph (paragraphs "3.1", "3.2").

The result is normalised like every export (exporters/metadata.py: neutral properties, fixed
zip order and times), so building it twice gives the same bytes; tests/exporters check that
the shipped file is exactly what this module builds.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from importlib import resources
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from exporters.metadata import normalise_docx

FONT = "Arial"
LANGUAGE = "en-GB"
TEXT_WIDTH_TWIPS = 9638  # A4 less 2 cm margins each side
HEADING_COLOUR = RGBColor(0x1F, 0x3B, 0x5C)
MARKING_COLOUR = RGBColor(0xA0, 0x1C, 0x1C)
BULLET_NUM_ID = 1  # w:num of List Bullet
NUMBER_ABSTRACT_ID = 2  # w:abstractNum of List Number (each ordered list gets its own w:num)
NUMBER_NUM_ID = 2
#: The report's own numbering: level 0 numbers the sections (Heading 1: "3."), level 1 the
#: body paragraphs under them ("3.1", "3.2": style Numbered paragraph), restarting in each
#: section, as panel reports number paragraphs so that comments can cite them.
REPORT_NUM_ID = 3
NUMBERED_PARAGRAPH = "Numbered paragraph"
TEMPLATE_NAME = "report-template.docx"
_W = nsdecls("w")
_WORD = "http://schemas.microsoft.com/office/word"

SETTINGS_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
    '<w:zoom w:percent="100"/>'
    '<w:proofState w:spelling="clean" w:grammar="clean"/>'
    '<w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    "<w:compat>"
    f'<w:compatSetting w:name="compatibilityMode" w:uri="{_WORD}" w:val="15"/>'
    f'<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="{_WORD}" '
    'w:val="1"/>'
    f'<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="{_WORD}" w:val="1"/>'
    f'<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="{_WORD}" w:val="1"/>'
    f'<w:compatSetting w:name="differentiateMultirowTableHeaders" w:uri="{_WORD}" w:val="1"/>'
    "</w:compat>"
    '<m:mathPr><m:mathFont m:val="Cambria Math"/></m:mathPr>'
    f'<w:themeFontLang w:val="{LANGUAGE}"/>'
    '<w:decimalSymbol w:val="."/>'
    '<w:listSeparator w:val=","/>'
    "</w:settings>"
)


def _level(n: int, fmt: str, text: str, indent: int, font: str = "") -> str:
    r_pr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
    return (
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr>'
        f"{r_pr if font else ''}</w:lvl>"
    )


NUMBERING_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f"<w:numbering {_W}>"
    f'<w:abstractNum w:abstractNumId="{BULLET_NUM_ID}"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:styleLink w:val="ListBullet"/>'
    + "".join(_level(n, "bullet", "•–◦"[n], 720 * (n + 1) - 360 + 360, "Arial") for n in range(3))
    + "</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="{NUMBER_ABSTRACT_ID}">'
    '<w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(
        _level(n, ("decimal", "lowerLetter", "lowerRoman")[n], f"%{n + 1}.", 720 * (n + 1))
        for n in range(3)
    )
    + "</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="{REPORT_NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:pStyle w:val="Numberedparagraph"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="709" w:hanging="709"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
    f'<w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="{BULLET_NUM_ID}"/></w:num>'
    f'<w:num w:numId="{NUMBER_NUM_ID}"><w:abstractNumId w:val="{NUMBER_ABSTRACT_ID}"/></w:num>'
    f'<w:num w:numId="{REPORT_NUM_ID}"><w:abstractNumId w:val="{REPORT_NUM_ID}"/></w:num>'
    "</w:numbering>"
)


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


def _numbered(style: object, num_id: int, level: int = 0) -> None:
    p_pr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    old = p_pr.find(qn("w:numPr"))
    if old is not None:
        p_pr.remove(old)
    ilvl = f'<w:ilvl w:val="{level}"/>' if level else ""
    p_pr.insert(0, parse_xml(f'<w:numPr {_W}>{ilvl}<w:numId w:val="{num_id}"/></w:numPr>'))


def _custom(document: docx.document.Document, name: str, base: str = "Normal") -> object:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    return style


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    _set_font(styles["Normal"], 11)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(6)
    normal.line_spacing = 1.15
    normal.widow_control = True
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        style = styles[f"Heading {level}"]
        _set_font(style, size, colour=HEADING_COLOUR)
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    _set_font(title, 24, colour=HEADING_COLOUR)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_p_pr = title.element.get_or_add_pPr()
    border = title_p_pr.find(qn("w:pBdr"))  # python-docx's blue rule under the title
    if border is not None:
        title_p_pr.remove(border)
    _numbered(styles["Heading 1"], REPORT_NUM_ID)
    _set_font(styles["TOC Heading"], 16, colour=HEADING_COLOUR)
    _numbered(styles["TOC Heading"], 0)  # (based on Heading 1, but not a numbered section)
    caption = styles["Caption"]
    _set_font(caption, 10, colour=RGBColor(0, 0, 0))
    caption.font.bold = True
    caption.font.italic = False
    caption.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _set_font(styles[name], 9)
        tabs = styles[name].paragraph_format.tab_stops
        for stop in list(tabs):
            tabs._pPr.tabs.remove(stop._tab)  # (python-docx has no remover)
        tabs.add_tab_stop(Cm(8.5), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    styles["Header"].font.bold = True
    styles["Header"].font.color.rgb = MARKING_COLOUR
    styles["Header"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name, num_id in (("List Bullet", BULLET_NUM_ID), ("List Number", NUMBER_NUM_ID)):
        _set_font(styles[name])
        styles[name].paragraph_format.space_after = Pt(3)
        _numbered(styles[name], num_id)
    for level in (1, 2, 3):
        # Word's built-in "toc n" (lower case is the built-in name; the style id is TOCn).
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.element.set(qn("w:customStyle"), "0")
        toc.element.attrib.pop(qn("w:customStyle"))
        toc.element.set(qn("w:styleId"), f"TOC{level}")
        toc.base_style = styles["Normal"]
        toc.next_paragraph_style = styles["Normal"]
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(3 if level > 1 else 4)
        toc.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(17), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        toc.font.bold = level == 1
    prompt = _custom(document, "Reviewer prompt")
    prompt.font.italic = True  # type: ignore[attr-defined]
    prompt.font.color.rgb = RGBColor(0x5A, 0x4A, 0x00)  # type: ignore[attr-defined]
    p_pr = prompt.element.get_or_add_pPr()  # type: ignore[attr-defined]
    p_pr.append(
        parse_xml(
            f'<w:pBdr {_W}><w:left w:val="single" w:sz="24" w:space="6" w:color="C9A227"/></w:pBdr>'
        )
    )
    p_pr.append(parse_xml(f'<w:shd {_W} w:val="clear" w:color="auto" w:fill="FFF4CE"/>'))
    numbered = _custom(document, NUMBERED_PARAGRAPH)
    _numbered(numbered, REPORT_NUM_ID, 1)
    note = _custom(document, "Report note")
    note.font.italic = True  # type: ignore[attr-defined]
    note.font.size = Pt(9.5)  # type: ignore[attr-defined]
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)  # type: ignore[attr-defined]
    for name, size in (("Table text", 10), ("Table text small", 8)):
        cell = _custom(document, name)
        cell.font.size = Pt(size)  # type: ignore[attr-defined]
        fmt = cell.paragraph_format  # type: ignore[attr-defined]
        fmt.space_after = fmt.space_before = Pt(0)
        fmt.line_spacing = 1.0
    marking = _custom(document, "Marking")
    marking.font.bold = True  # type: ignore[attr-defined]
    marking.font.size = Pt(14)  # type: ignore[attr-defined]
    marking.font.color.rgb = MARKING_COLOUR  # type: ignore[attr-defined]
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    status = _custom(document, "Status", "Marking")
    status.font.size = Pt(40)  # type: ignore[attr-defined]
    status.font.color.rgb = RGBColor(0xB4, 0x2B, 0x2B)  # type: ignore[attr-defined]
    status.paragraph_format.space_before = Pt(110)  # type: ignore[attr-defined]
    status.paragraph_format.space_after = Pt(24)  # type: ignore[attr-defined]
    line = _custom(document, "Title page line")
    line.font.size = Pt(13)  # type: ignore[attr-defined]
    line.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]


_LANG = re.compile(r"<w:lang\b[^>]*/>")


def _en_gb(styles_xml: str) -> str:
    """en-GB in the document defaults (and no other language anywhere in the styles)."""
    text = _LANG.sub("", styles_xml)
    defaults = (
        f'<w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" '
        f'w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
    )
    return re.sub(r"<w:rPrDefault>.*?</w:rPrDefault>", defaults, text, count=1, flags=re.S)


def build_template() -> bytes:
    document = docx.Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    stream = io.BytesIO()
    document.save(stream)
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/settings.xml"] = SETTINGS_XML.encode("utf-8")
    parts["word/numbering.xml"] = NUMBERING_XML.encode("utf-8")
    styles = _en_gb(parts["word/styles.xml"].decode("utf-8"))
    parts["word/styles.xml"] = styles.encode("utf-8")
    if "word/stylesWithEffects.xml" in parts:  # Word 2010's copy; Word 2013+ ignores it
        parts["word/stylesWithEffects.xml"] = _en_gb(
            parts["word/stylesWithEffects.xml"].decode("utf-8")
        ).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return normalise_docx(out.getvalue(), update_fields=False)


def template_bytes() -> bytes:
    """The shipped template."""
    return resources.files("resources").joinpath("report_docx", TEMPLATE_NAME).read_bytes()


def main() -> None:
    folder = Path(__file__).resolve().parent.parent / "resources" / "report_docx"
    folder.mkdir(exist_ok=True)
    (folder / TEMPLATE_NAME).write_bytes(build_template())
    sys.stdout.write(f"Wrote {folder / TEMPLATE_NAME}\n")


if __name__ == "__main__":
    main()
