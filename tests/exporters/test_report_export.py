"""The demo review exported to DOCX and PDF, read back, and opened by LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from exporters.report import ReportOptions, build_report, export_report, template_by_id
from exporters.report_model import Note, NoteKind
from tests.exporters.report_fixtures import conversation, demo_inputs, finding, with_analysis
from tests.helpers.platforms import POSIX

SECTIONS = (
    "1. Executive summary",
    "2. Introduction and reasons for the review",
    "3. Terms of reference and scope",
    "4. Methodology and governance",
    "5. Family involvement",
    "6. Practitioner involvement",
    "7. The child’s lived experience",
    "8. Brief case summary",
    "9. Appraisal of practice: key practice episodes",
    "10. Findings",
    "11. Equality, diversity and culture",
    "12. Questions for the safeguarding partners",
    "13. Improvements already made",
    "14. Conclusions",
    "15. The safeguarding partners’ response",
    "Appendix A: Chronology",
    "Appendix B: Glossary of terms and abbreviations",
    "Appendix C: References",
    "Appendix D: Selected learning notes",
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    inputs = demo_inputs()
    return {
        fmt: export_report(inputs, fmt, folder / f"report.{fmt}").path for fmt in ("docx", "pdf")
    }


def test_sections_without_content_show_a_prompt_not_silence() -> None:
    report = build_report(with_analysis(demo_inputs()))  # the demo without its findings
    findings = next(s for s in report.sections if s.key == "findings")
    assert not findings.has_content
    assert any(isinstance(b, Note) and b.kind is NoteKind.PROMPT for b in findings.blocks)
    demo = build_report(demo_inputs())
    assert next(s for s in demo.sections if s.key == "findings").has_content
    filled = build_report(
        demo_inputs(),
        options=ReportOptions(),
        template=template_by_id("learning-together"),
    )
    assert filled.template == "learning-together"


def test_optional_inputs_fill_their_sections() -> None:
    inputs = with_analysis(
        demo_inputs(),
        findings=(finding("Bruising protocols were not applied."),),
        conversations=(conversation("The health visitor described a heavy caseload."),),
    )
    report = build_report(inputs)
    texts = [getattr(b, "text", "") for b in report.blocks()]
    assert "Finding 1: Bruising protocols were not applied." in texts
    assert "Questions for the safeguarding partners" in texts  # Learning Together asks them
    # The conversation's notes are the reviewer's private record, never printed.
    assert not any("heavy caseload" in t for t in texts)
    silp = build_report(inputs, template_by_id("silp"))
    assert "10. Learning" in [s.title for s in silp.sections]


def test_docx_has_heading_styles_contents_tables_and_page_furniture(
    exported: dict[str, Path],
) -> None:
    document = docx.Document(str(exported["docx"]))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    # Word numbers the sections (Heading 1 is in the report's numbering), so the heading
    # text is without "3. "; the appendices are taken out of the numbering.
    assert [t for s, t in headings if s == "Heading 1"] == [
        re.sub(r"^\d+\. ", "", t) for t in SECTIONS
    ]
    assert ("Heading 2", "Agencies involved") in headings
    tables = document.tables
    assert len(tables) >= 3  # agencies, chronology, glossary
    chronology = next(t for t in tables if t.rows[0].cells[0].text == "Date")
    assert [c.text for c in chronology.rows[0].cells] == [
        "Date",
        "Agency",
        "What happened",
        "Reviewer’s comment",
    ]
    assert chronology.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    header = document.sections[0].header.paragraphs[0].text
    assert header == "OFFICIAL-SENSITIVE — DRAFT"
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr=" PAGE "' in footer_xml and 'w:instr=" NUMPAGES "' in footer_xml
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert "DRAFT" in [p.text for p in document.paragraphs]
    assert document.styles["Normal"].font.name == "Arial"


def test_pdf_has_bookmarks_page_x_of_y_marking_and_embedded_fonts(
    exported: dict[str, Path],
) -> None:
    reader = PdfReader(str(exported["pdf"]))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == list(SECTIONS)
    pages = len(reader.pages)
    first = reader.pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in first and "DRAFT" in first
    # The total is a form filled in when the file is saved, so it is extracted after a break.
    assert re.search(rf"Page 1 of\s*{pages}\b", first)
    assert re.search(rf"Page {pages} of\s*{pages}\b", reader.pages[-1].extract_text())
    contents = reader.pages[1].extract_text()
    assert "Appendix A: Chronology" in contents
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
            assert (
                "/FontDescriptor" not in font.get_object()
                or "/FontFile2" in (font.get_object()["/FontDescriptor"])
            )
    assert fonts and all("DejaVuSans" in f for f in fonts)


def test_the_pdf_font_covers_pounds_quotes_and_dashes(tmp_path: Path) -> None:
    from dataclasses import replace

    inputs = demo_inputs()
    inputs = replace(inputs, section_text={"conclusions": "It cost £300 – “quoted” — ‘so’."})
    path = export_report(inputs, "pdf", tmp_path / "r.pdf").path
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "It cost £300 – “quoted” — ‘so’." in text


def test_a_long_chronology_splits_across_pages_with_its_header_repeated(tmp_path: Path) -> None:
    path = export_report(
        demo_inputs(600), "pdf", tmp_path / "r.pdf", options=ReportOptions(chronology="full")
    ).path
    reader = PdfReader(str(path))
    with_header = [
        n
        for n, page in enumerate(reader.pages)
        if re.search(r"Date\s*Agency\s*What happened", page.extract_text())
    ]
    assert len(with_header) > 10


def test_the_same_review_exported_twice_gives_identical_bytes(tmp_path: Path) -> None:
    for fmt in ("docx", "pdf"):
        first = export_report(demo_inputs(), fmt, tmp_path / f"a.{fmt}").path  # type: ignore[arg-type]
        second = export_report(demo_inputs(), fmt, tmp_path / f"b.{fmt}").path  # type: ignore[arg-type]
        assert first.read_bytes() == second.read_bytes(), fmt


def test_an_existing_file_is_not_replaced_unless_asked(tmp_path: Path) -> None:
    from reviewer_app.errors import FileAlreadyThereError

    target = tmp_path / "r.docx"
    target.write_bytes(b"keep me")
    with pytest.raises(FileAlreadyThereError):
        export_report(demo_inputs(), "docx", target)
    assert target.read_bytes() == b"keep me"
    export_report(demo_inputs(), "docx", target, overwrite=True)
    assert zipfile.is_zipfile(target)
    assert not POSIX or target.stat().st_mode & 0o077 == 0  # modes are POSIX-only


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_the_docx(exported: dict[str, Path], tmp_path: Path) -> None:
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(exported["docx"]),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "report.pdf"
    assert result.returncode == 0, result.stderr
    assert converted.exists(), result.stdout + result.stderr
    reader = PdfReader(io.BytesIO(converted.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Appendix A: Chronology" in text and "OFFICIAL-SENSITIVE" in text
