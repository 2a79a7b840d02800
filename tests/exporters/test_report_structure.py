"""The report's structure per methodology, its numbering, contents page numbers and quotes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from pypdf import PdfReader

from exporters.contents_pages import heading_pages as contents_pages
from exporters.docx_renderer import docx_bytes
from exporters.docx_template import REPORT_NUM_ID
from exporters.pdf_renderer import pdf_bytes
from exporters.report import ReportOptions, build_report, template_by_id
from exporters.report.readiness import drafting_problems
from exporters.report_model import BulletList, Heading, Note, NoteKind, Paragraph, Report, Table
from reviewer_app.analysis.conversation import Passage
from reviewer_app.problems import Category
from reviewer_app.reporting.inputs import ReportInputs
from tests.exporters.report_fixtures import demo_inputs, finding, outline_pages, with_analysis

KINDS = (
    "executive-summary",
    "introduction",
    "terms-of-reference",
    "methodology",
    "family-involvement",
    "practitioner-involvement",
    "lived-experience",
    "case-summary",
    "appraisal",
    "findings",
    "equality",
    "follow-up",
    "improvements",
    "partnership-response",
    "glossary",
    "references",
    "chronology",
)
TEMPLATES = ("learning-together", "silp", "generic")


def _section_text(report: Report, key: str) -> str:
    section = next(s for s in report.sections if s.key == key)
    texts = []
    for block in section.blocks:
        texts.append(getattr(block, "text", ""))
        texts.extend(getattr(block, "items", ()))
        for row in getattr(block, "rows", ()):
            texts.extend(row)
    return "\n".join(texts)


@pytest.fixture(scope="module")
def demo() -> Report:
    return build_report(demo_inputs(40))


@pytest.fixture(scope="module")
def demo_docx(demo: Report) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes(demo))) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist()}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_template_has_the_sections_a_panel_expects(template_id: str) -> None:
    template = template_by_id(template_id)
    kinds = [s.kind for s in template.sections]
    assert all(kind in kinds for kind in KINDS), set(KINDS) - set(kinds)
    assert kinds.index("executive-summary") < kinds.index("introduction")
    assert kinds.index("findings") < kinds.index("follow-up") < kinds.index("partnership-response")


def test_the_methodology_section_names_the_template_s_method() -> None:
    inputs = demo_inputs(20)  # the demo review's methodology is Learning Together
    texts = {
        t: _section_text(build_report(inputs, template_by_id(t)), "methodology") for t in TEMPLATES
    }
    assert "Learning Together" in texts["learning-together"]
    assert "Learning Together" not in texts["silp"]
    assert "Significant Incident Learning Process (SILP)" in texts["silp"]
    assert "Learning Together" not in texts["generic"] and "SILP" not in texts["generic"]


def test_the_recommendations_section_holds_every_recommendation() -> None:
    one = replace(
        finding("Protocols were not used."), recommendations="Audit the protocol.\nTrain staff."
    )
    two = replace(finding("Notifications were slow."), recommendations="- Send them the same day.")
    inputs = with_analysis(demo_inputs(20), findings=(one, two))
    silp = build_report(inputs, template_by_id("silp"))
    section = next(s for s in silp.sections if s.key == "follow-up")
    assert section.title == "12. Recommendations"
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert [r[1:] for r in table.rows] == [
        ("Audit the protocol.", "Finding 1"),
        ("Train staff.", "Finding 1"),
        ("Send them the same day.", "Finding 2"),
    ]
    assert [r[0] for r in table.rows] == ["1", "2", "3"]
    # Learning Together gathers the questions for the safeguarding partners instead.
    lt = build_report(inputs, template_by_id("learning-together"))
    text = _section_text(lt, "follow-up")
    assert "How does the partnership know its bruising protocol is used?" in text
    assert "Audit the protocol." not in text


def test_a_section_with_no_text_says_what_is_still_to_write_and_readiness_lists_it() -> None:
    inputs = demo_inputs(20)
    report = build_report(inputs)
    lived = next(s for s in report.sections if s.key == "lived-experience")
    notes = [b for b in lived.blocks if isinstance(b, Note)]
    assert notes and notes[0].kind is NoteKind.PROMPT
    assert notes[0].text.startswith("For the reviewer: Describe what daily life was like")
    assert not any("Word" in getattr(b, "text", "") for b in report.blocks())
    problems = drafting_problems(lambda: inputs)()
    assert {p.category for p in problems} == {Category.REPORT}
    assert any(p.message.startswith("7. The child’s lived experience: Describe") for p in problems)
    # The partnership's response is theirs to write: a placeholder addressed to them (a prompt,
    # so the report for publication leaves it out), not a task on the reviewer's list.
    response = next(s for s in report.sections if s.key == "partnership-response")
    placeholders = [b for b in response.blocks if isinstance(b, Note)]
    assert [b.kind for b in placeholders] == [NoteKind.PROMPT]
    assert placeholders[0].text.startswith("For the safeguarding partners: ")
    assert not any("partners’ response" in p.message for p in problems)


def test_body_paragraphs_are_numbered_by_section(demo: Report) -> None:
    methodology = next(s for s in demo.sections if s.key == "methodology")
    numbers = [b.number for b in methodology.blocks if isinstance(b, Paragraph) and b.number]
    assert numbers[:2] == ["4.1", "4.2"]
    labelled = [b for b in demo.blocks() if isinstance(b, Paragraph) and b.label]
    assert labelled and not any(b.number for b in labelled)
    appendix = [s for s in demo.sections if s.appendix]
    assert not any(getattr(b, "number", "") for s in appendix for b in s.blocks)
    text = PdfReader(io.BytesIO(pdf_bytes(demo))).pages[3].extract_text()
    assert re.search(r"^\d+\.1\s", text, re.M)  # the number hangs before the paragraph


def test_docx_numbering_is_real_word_numbering(demo: Report, demo_docx: dict[str, str]) -> None:
    numbering = demo_docx["word/numbering.xml"]
    report_list = re.search(
        rf'<w:abstractNum w:abstractNumId="{REPORT_NUM_ID}">(.*?)</w:abstractNum>', numbering
    )
    assert report_list is not None
    levels = report_list.group(1)
    assert re.search(r'w:ilvl="0">.*?<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/>', levels)
    assert '<w:pStyle w:val="Numberedparagraph"/><w:lvlText w:val="%1.%2"/>' in levels
    body = demo_docx["word/document.xml"]
    paragraphs = re.findall(r"<w:p>(?:(?!</w:p>).)*</w:p>", body)
    numbered = [p for p in paragraphs if '<w:pStyle w:val="Numberedparagraph"/>' in p]
    wanted = [b for b in demo.blocks() if isinstance(b, Paragraph) and b.number]
    assert len(numbered) == len(wanted)
    assert all(
        f'<w:numPr><w:ilvl w:val="1"/><w:numId w:val="{REPORT_NUM_ID}"/></w:numPr>' in p
        for p in numbered
    )
    # Sections are numbered by Heading 1's numbering; the appendices are taken out of it.
    appendices = [p for p in paragraphs if "Appendix A: Chronology" in p and "Heading1" in p]
    assert appendices and '<w:numId w:val="0"/>' in appendices[0]
    assert "<w:t>Methodology and governance</w:t>" in body
    # Ordered lists are List Number paragraphs in a numbering definition of their own.
    lists = [p for p in paragraphs if '<w:pStyle w:val="ListNumber"/>' in p]
    ids = {re.search(r'<w:numId w:val="(\d+)"/>', p).group(1) for p in lists}  # type: ignore[union-attr]
    assert lists and all(re.search(rf'<w:num w:numId="{n}">', numbering) for n in ids)
    ordered = sum(len(b.items) for b in demo.blocks() if isinstance(b, BulletList) and b.ordered)
    assert len(lists) == ordered


def test_docx_contents_has_its_page_numbers_and_asks_nothing(
    demo: Report, demo_docx: dict[str, str]
) -> None:
    body = demo_docx["word/document.xml"]
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    assert "updateFields" not in demo_docx["word/settings.xml"]
    assert "w:dirty" not in body
    entries = re.findall(
        r'PAGEREF (_Toc\d+) \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        r"</w:r><w:r><w:t>(\d*)</w:t></w:r>",
        body,
    )
    headings = demo.headings()
    pages = contents_pages(demo)
    listed = [(h, p) for h, p in zip(headings, pages, strict=True) if h.level <= 2]
    assert len(entries) == len(listed)
    assert [int(n) for _, n in entries] == [p for _, p in listed]
    assert all(int(n) >= 2 for _, n in entries)
    assert not re.search(r"fills in the page numbers|Update Field|right-click", body, re.I)


def _with_passages(inputs: ReportInputs, consent: bool) -> ReportInputs:
    analysis = inputs.snapshot.analysis
    by_id = {c.id: c for c in analysis.conversations}
    mother_meeting = next(c for c in analysis.conversations if c.title == "Meeting with Mother")
    health_visitor = next(c for c in analysis.conversations if "Health Visitor" in c.title)
    assert mother_meeting.id in by_id
    passages = (
        Passage(
            health_visitor.id or 0,
            "Marked words of the health visitor.",
            id=101,
            use_in_report=True,
        ),
        Passage(health_visitor.id or 0, "Unmarked private words.", id=102),
        Passage(mother_meeting.id or 0, "Marked words of Mother.", id=103, use_in_report=True),
    )
    involvement = analysis.involvement
    if not consent:
        involvement = tuple(e for e in involvement if e.step.value != "consent")
    analysis = replace(analysis, passages=passages, involvement=involvement)
    return replace(inputs, snapshot=replace(inputs.snapshot, analysis=analysis))


def test_only_passages_marked_for_the_report_are_quoted() -> None:
    report = build_report(_with_passages(demo_inputs(20), consent=True))
    family = _section_text(report, "family-involvement")
    practitioners = _section_text(report, "practitioner-involvement")
    assert "Mother told the review: “Marked words of Mother.”" in family
    assert (
        "Health Visitor 1 told the review: “Marked words of the health visitor.”" in practitioners
    )
    everything = "\n".join(getattr(b, "text", "") for b in report.blocks())
    assert "Unmarked private words" not in everything


def test_a_family_member_is_not_quoted_without_consent_recorded() -> None:
    report = build_report(_with_passages(demo_inputs(20), consent=False))
    family = _section_text(report, "family-involvement")
    assert "Marked words of Mother" not in family
    assert "1 passage marked for use in the report is left out because consent" in family


def test_the_demo_quotes_its_marked_passages_only() -> None:
    report = build_report(demo_inputs(20))
    texts = [b.text for b in report.blocks() if isinstance(b, Paragraph)]
    assert any(t.startswith("Mother told the review: “Nobody asked me") for t in texts)
    assert any(t.startswith("Said at a learning event:") for t in texts)
    assert not any("The protocol on bruising in babies was on the intranet" in t for t in texts)


def test_the_lead_reviewer_comes_from_the_review_unless_given() -> None:
    inputs = demo_inputs(20)
    page = next(b for b in build_report(inputs).blocks() if hasattr(b, "lines"))
    assert "Lead reviewer: Sam Example (independent lead reviewer)" in page.lines  # type: ignore[attr-defined]
    assert any(line.startswith("Circulation: Members of the review panel;") for line in page.lines)  # type: ignore[attr-defined]
    given = build_report(inputs, options=ReportOptions(lead_reviewer="Another Reviewer"))
    page = next(b for b in given.blocks() if hasattr(b, "lines"))
    assert "Lead reviewer: Another Reviewer" in page.lines  # type: ignore[attr-defined]


def test_headings_carry_their_section_number() -> None:
    report = build_report(demo_inputs(20))
    first = [h for h in report.headings() if h.level == 1]
    assert [h.number for h in first[:3]] == ["1", "2", "3"]
    assert all(h.text.startswith(f"{h.number}. ") for h in first if h.number)
    assert all(not h.number for h in first if h.text.startswith("Appendix"))
    assert isinstance(first[0], Heading)


def test_the_pages_laid_out_without_drawing_tables_are_the_pdf_s_pages() -> None:
    inputs = demo_inputs(300)
    entries = list(inputs.snapshot.entries)
    entries[5] = entries[5].with_changes(event="A very long record of the home visit. " * 150)
    inputs = replace(inputs, snapshot=replace(inputs.snapshot, entries=tuple(entries)))
    report = build_report(inputs, options=ReportOptions(chronology="full"))
    reader = PdfReader(io.BytesIO(pdf_bytes(report)))
    assert len(reader.pages) > 20
    assert contents_pages(report) == outline_pages(reader, reader.outline)
