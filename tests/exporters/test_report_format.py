"""The finished files as a panel member opens them: Word-native DOCX XML, a PDF contents that
holds any number of findings, and what the sections may and may not print."""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.docx_template import build_template, template_bytes
from exporters.report import ReportOptions, build_report, export_report
from exporters.report_model import Heading, Paragraph, Table
from tests.exporters.report_fixtures import conversation, demo_inputs, finding, with_analysis

LONG = (
    "How the partnership's multi-agency safeguarding hub shares what it knows when a baby "
    "presents with bruising and nobody holds the full picture of the family's history"
)


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith("xml")}


@pytest.fixture(scope="module")
def docx_parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    return _parts(export_report(demo_inputs(), "docx", path).path)


def test_the_shipped_word_template_is_what_the_builder_makes() -> None:
    assert template_bytes() == build_template()


def test_docx_is_word_2013_native_in_british_english(docx_parts: dict[str, str]) -> None:
    settings = docx_parts["word/settings.xml"]
    mode = re.search(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings)
    assert mode is not None and int(mode.group(1)) >= 15
    assert "updateFields" not in settings
    styles = docx_parts["word/styles.xml"]
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S)
    assert defaults is not None and 'w:lang w:val="en-GB"' in defaults.group(0)
    assert "en-US" not in styles and "en-US" not in settings
    for name in ("Title", "heading 1", "heading 2", "heading 3", "caption", "List Number"):
        assert f'<w:name w:val="{name}"/>' in styles
    for name in ("List Bullet", "toc 1", "toc 2", "TOC Heading"):
        assert f'<w:name w:val="{name}"/>' in styles


def test_docx_lists_use_numbering_definitions(tmp_path: Path) -> None:
    inputs = replace(demo_inputs(), section_text={"conclusions": "First:\n1. One\n2. Two"})
    parts = _parts(export_report(inputs, "docx", tmp_path / "r.docx").path)
    document, numbering = parts["word/document.xml"], parts["word/numbering.xml"]
    defined = set(re.findall(r'<w:num w:numId="(\d+)"', numbering))
    listed = re.findall(r'<w:pStyle w:val="(ListNumber|ListBullet)"/>(.*?)</w:pPr>', document)
    assert {style for style, _ in listed} == {"ListNumber", "ListBullet"}
    for style, props in listed:
        used = re.search(r'<w:numId w:val="(\d+)"/>', props)
        if style == "ListNumber":  # each ordered list restarts through its own w:num
            assert used is not None and used.group(1) in defined
    styles = parts["word/styles.xml"]
    for style_id in ("ListNumber", "ListBullet"):
        style = re.search(rf'w:styleId="{style_id}".*?</w:style>', styles, re.S)
        assert style is not None
        num = re.search(r'<w:numId w:val="(\d+)"/>', style.group(0))
        assert num is not None and num.group(1) in defined
    assert not re.search(r"<w:t>\d+\.</w:t>\s*<w:tab/>", document)  # no typed "1." + tab


def test_docx_furniture_contents_headers_and_properties(docx_parts: dict[str, str]) -> None:
    document = docx_parts["word/document.xml"]
    rows = re.findall(r"<w:tr>.*?</w:tr>", document, re.S)
    tables = document.count("<w:tbl>")
    assert tables and document.count("<w:tblHeader/>") == tables  # every header row flagged
    assert rows
    assert "Word fills in" not in document and "Update Field" not in document
    assert 'w:docPartGallery w:val="Table of Contents"' in document
    assert " TOC " in document and 'w:dirty="true"' not in document
    anchors = set(re.findall(r'<w:hyperlink w:anchor="([^"]+)"', document))
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', document))
    assert anchors and anchors <= bookmarks
    assert "Finding 1: " in document
    headers = [v for k, v in docx_parts.items() if k.startswith("word/header")]
    footers = [v for k, v in docx_parts.items() if k.startswith("word/footer")]
    assert any("OFFICIAL-SENSITIVE" in h and 'string="DRAFT"' in h for h in headers)
    assert any("OFFICIAL-SENSITIVE" in f and "NUMPAGES" in f for f in footers)
    for part in docx_parts.values():  # alt text on every image and shape
        for shape in re.findall(r"<v:shape\b[^>]*>", part):
            assert 'alt="' in shape
        for drawing in re.findall(r"<wp:docPr\b[^>]*>", part):
            assert 'descr="' in drawing
    core = docx_parts["docProps/core.xml"]
    title = build_report(demo_inputs()).title
    assert f"<dc:title>{title}</dc:title>" in core
    assert "<dc:creator></dc:creator>" in core


def test_pdf_with_200_findings_exports_with_a_clean_contents(tmp_path: Path) -> None:
    findings = tuple(finding(f"{LONG} ({n}).") for n in range(1, 201))
    inputs = with_analysis(demo_inputs(60), findings=findings)
    path = export_report(inputs, "pdf", tmp_path / "many.pdf").path
    reader = PdfReader(str(path))
    assert len(reader.pages) > 60
    first = reader.pages[1].extract_text()
    assert "Contents" in first and "1. Executive summary" in first  # not alone on its page
    layout = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "12", str(path), "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    if layout.returncode:
        pytest.skip("pdftotext is not installed")
    # Every entry's last line ends with its page number, in a column of its own: no title
    # runs into it.
    numbered = re.findall(r"(\S+) {3,}(\d+)$", layout.stdout, re.M)
    assert len([n for _, n in numbered]) > 150
    finding_lines = [line for line in layout.stdout.splitlines() if "Finding " in line]
    assert finding_lines and all(len(line.rstrip()) < 130 for line in finding_lines)


def test_a_very_long_chronology_cell_continues_with_its_date_and_agency(tmp_path: Path) -> None:
    inputs = demo_inputs(40)
    entries = list(inputs.snapshot.entries)
    entries[0] = entries[0].with_changes(
        event="The social worker recorded the home conditions at length. " * 200
    )
    inputs = replace(inputs, snapshot=replace(inputs.snapshot, entries=tuple(entries)))
    report = build_report(inputs, options=ReportOptions(chronology="full"))
    table = next(
        b for b in report.blocks() if isinstance(b, Table) and b.columns[0].title == "Date"
    )
    assert table.repeat == (0, 1)
    path = export_report(
        inputs, "pdf", tmp_path / "long.pdf", options=ReportOptions(chronology="full")
    ).path
    pages = [p.extract_text() for p in PdfReader(str(path)).pages]
    continued = [t for t in pages if "(cont.)" in t]
    assert len(continued) >= 2
    date, agency = table.rows[0][0], table.rows[0][1]
    assert all(f"{agency} (cont.)" in " ".join(t.split()) for t in continued)
    assert all(date.split()[0] in t for t in continued)


def test_private_conversation_notes_never_appear(tmp_path: Path) -> None:
    notes = "Reviewer's private note: warm but defensive about her caseload."
    inputs = with_analysis(demo_inputs(), conversations=(conversation(notes),))
    report = build_report(inputs)
    texts = [getattr(b, "text", "") for b in report.blocks()]
    assert not any("defensive" in t for t in texts)
    assert not any("told the review" in t or t.startswith("Said ") for t in texts)
    for fmt in ("docx", "pdf"):
        path = export_report(inputs, fmt, tmp_path / f"r.{fmt}").path
        if fmt == "pdf":
            text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
        else:
            text = "".join(_parts(path).values())
        assert "defensive" not in text


def test_family_involvement_comes_from_the_involvement_log() -> None:
    report = build_report(demo_inputs())
    section = next(s for s in report.sections if s.key == "family-involvement")
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert headings[0] == "5. Family involvement"
    assert "How the family took part" in headings
    family = next(b for b in section.blocks if isinstance(b, Table))
    by_person = {row[0]: row for row in family.rows}
    assert "Invited (10 Mar 2026)" in by_person["Mother"][3]
    assert "draft shared (1 Jun 2026)" in by_person["Mother"][3]
    assert by_person["Maternal grandmother"][2].startswith("Declined. Said she found it")
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert any(t.startswith("Mother: Added her account") for t in texts)
    # Language and interpreting are reported under equality, diversity and culture.
    equality = next(s for s in report.sections if s.key == "equality")
    table = next(b for b in equality.blocks if isinstance(b, Table))
    assert ("Polish", "Yes") in {(row[1], row[2]) for row in table.rows}
    # The reviewer's working notes on each step are not printed.
    everything = " ".join(str(b) for b in section.blocks)
    assert "Letter delivered by hand" not in everything


def test_the_quality_marker_self_assessment_is_not_in_the_panel_draft() -> None:
    titles = [s.title for s in build_report(demo_inputs()).sections]
    assert not any("Quality-marker" in t for t in titles)
