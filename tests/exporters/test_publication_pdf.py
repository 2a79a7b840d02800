"""The report for publication: a tagged PDF/UA-1 file, final, through the gate with no override.

Read back with pikepdf (the structure tree, the catalogue, the XMP metadata) and pypdf (the
text a reader sees), as the issue's checks ask.
"""

from __future__ import annotations

import collections
import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from exporters.publication_pdf import publication_pdf_bytes
from exporters.report import ExportBlockedError, ReportOptions, build_report, export_report
from exporters.report.control import DocumentStatus
from exporters.report.export import ExportResult, pdf_texts
from exporters.report.publication import PublicationRefusedError
from exporters.report_model import Heading, Table
from reviewer_app.reporting.inputs import ReportInputs
from tests.exporters.report_fixtures import (
    REGISTER,
    MemoryLog,
    demo_inputs,
    finding,
    with_analysis,
)

#: Markup in every language Typst reads (markup, code, maths), which must print as itself.
TYPST_MARKUP = '#panic("x") = Heading *bold* _it_ $x^2$ @ref <lab> `raw` \\ ] [ /* c */ #{1}'


def structure(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element of the tagged PDF, in reading order."""
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(reversed(list(item)))
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            yield item
            if "/K" in item:
                stack.append(item.K)


def tags(pdf: pikepdf.Pdf) -> collections.Counter[str]:
    return collections.Counter(str(element.S) for element in structure(pdf))


def all_text(data: bytes) -> str:
    """Every text the gate's second stage reads: pages, properties, bookmarks, links, XMP."""
    return "\n".join(piece.text for piece in pdf_texts(data))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ExportResult, bytes, MemoryLog]:
    log = MemoryLog()
    path = tmp_path_factory.mktemp("publication") / "report.pdf"
    result = export_report(
        demo_inputs(), "pdf", path, log=log, for_publication=True, register=REGISTER
    )
    return result, path.read_bytes(), log


def test_the_file_is_tagged_pdf_ua_1_in_british_english_with_the_review_title(
    exported: tuple[ExportResult, bytes, MemoryLog],
) -> None:
    result, data, _ = exported
    title = build_report(demo_inputs()).title
    assert title.startswith("Child M:")  # the pseudonymised title
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert pdf.Root.PageMode == "/UseOutlines"  # opens with the bookmarks shown
        assert str(pdf.docinfo.Title) == title
        assert str(pdf.docinfo.Creator) == "SCR Reviewer"
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == title
    assert b"Typst" not in data  # the typesetter's name is not left in the file
    assert result.status is DocumentStatus.FINAL and result.file_format == "pdf"


def test_no_draft_marks_and_no_prompts_anywhere(
    exported: tuple[ExportResult, bytes, MemoryLog],
) -> None:
    result, data, _ = exported
    text = all_text(data)
    # (the family's involvement log says "draft shared": the report's own words, not a mark)
    assert "DRAFT" not in text and "Draft for the review panel" not in text
    assert "Draft report" not in text
    assert "For the reviewer" not in text
    assert "Final for publication" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    # the parts whose prompts were left out are named (the demo has not written these)
    assert "14. Conclusions" in result.unfinished
    assert all(title in text for title in result.unfinished)  # each keeps its heading


def test_headings_are_structure_and_bookmarks_and_tables_have_header_cells(
    exported: tuple[ExportResult, bytes, MemoryLog],
) -> None:
    _, data, _ = exported
    report = build_report(demo_inputs(), options=ReportOptions(status=DocumentStatus.FINAL))
    headings = report.headings()
    tables = [b for b in report.blocks() if isinstance(b, Table)]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = tags(pdf)
        heading_text = [
            (str(e.S), str(e.get("/T", "")))
            for e in structure(pdf)
            if str(e.S) in ("/H1", "/H2", "/H3")
        ]
    wanted = collections.Counter(f"/H{h.level}" for h in headings)
    wanted["/H1"] += 1  # "Contents"
    assert {level: found[level] for level in wanted} == wanted
    assert ("/H1", "10. Findings") in heading_text and ("/H3", "The finding") in heading_text
    # one TH per column of every table (a header repeated on a later page is an artifact),
    # plus the document-control table on the title page
    columns = sum(len(t.columns) for t in tables)
    assert found["/TH"] == columns + 4
    with pikepdf.open(io.BytesIO(data)) as pdf:
        header_cells = [e for e in structure(pdf) if str(e.S) == "/TH"]
        assert all(str(cell.A[0].Scope) == "/Column" for cell in header_cells)
    assert found["/Table"] == len(tables) + 1 and found["/TD"] > 0
    assert found["/L"] > 0 and found["/LI"] > 0 and found["/TOC"] > 0
    outline = [
        item.title for item in PdfReader(io.BytesIO(data)).outline if not isinstance(item, list)
    ]
    assert [h.text for h in headings if h.level == 1] == outline


def test_the_same_report_gives_the_same_bytes_and_one_version(
    exported: tuple[ExportResult, bytes, MemoryLog], tmp_path: Path
) -> None:
    result, data, log = exported
    again = export_report(
        demo_inputs(),
        "pdf",
        tmp_path / "again.pdf",
        log=log,
        for_publication=True,
        register=REGISTER,
    )
    assert (tmp_path / "again.pdf").read_bytes() == data
    assert again.version == result.version == 1


def test_the_gate_refuses_a_planted_name_and_offers_no_override(tmp_path: Path) -> None:
    inputs = with_analysis(
        demo_inputs(), findings=(finding("Practitioners relied on Mrs Quartermaine's account."),)
    )
    path = tmp_path / "planted.pdf"
    log = MemoryLog()
    with pytest.raises(ExportBlockedError) as blocked:
        export_report(inputs, "pdf", path, register=REGISTER, log=log, for_publication=True)
    assert any(hit.found == "Quartermaine" for hit in blocked.value.hits)
    assert "never exported over them" in str(blocked.value) and "override" not in str(blocked.value)
    with pytest.raises(PublicationRefusedError, match="cannot be exported over"):
        export_report(
            inputs, "pdf", path, register=REGISTER, log=log, override=True, for_publication=True
        )
    with pytest.raises(PublicationRefusedError, match="accessible PDF only"):
        export_report(inputs, "docx", path, register=REGISTER, log=log, for_publication=True)
    assert not path.exists() and list(tmp_path.iterdir()) == []
    assert log.recorded == []  # nothing overridden, nothing exported


def test_the_second_stage_reads_the_written_file_and_blocks_what_the_model_did_not_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the typesetter ever add a name (here, a template that prints one), the file is
    read back and refused, as for drafts."""
    from exporters.report import export as export_module

    def leaky(report: object) -> bytes:
        report = replace(report, banner="Tobias Quartermaine")  # type: ignore[type-var]
        return publication_pdf_bytes(report)  # type: ignore[arg-type]

    monkeypatch.setattr(export_module, "publication_pdf_bytes", leaky)
    with pytest.raises(ExportBlockedError) as blocked:
        export_report(
            demo_inputs(), "pdf", tmp_path / "x.pdf", register=REGISTER, for_publication=True
        )
    assert blocked.value.hits and all(
        h.where.startswith("The PDF file") for h in blocked.value.hits
    )
    assert not (tmp_path / "x.pdf").exists()


def test_text_from_the_review_is_never_read_as_typst_markup(tmp_path: Path) -> None:
    inputs = with_analysis(demo_inputs(), findings=(finding(TYPST_MARKUP),))
    inputs = replace(inputs, section_text={"conclusions": f"{TYPST_MARKUP}\n\n- {TYPST_MARKUP}"})
    path = tmp_path / "markup.pdf"
    export_report(inputs, "pdf", path, register=REGISTER, for_publication=True)
    pages = "".join(page.extract_text() for page in PdfReader(path).pages)
    flat = " ".join(pages.split())
    assert flat.count(TYPST_MARKUP) >= 3  # the finding's heading, its text and the conclusions
    assert "Finding 1: " + TYPST_MARKUP in flat


def test_characters_the_font_cannot_show_are_refused_by_place_and_controls_dropped(
    tmp_path: Path,
) -> None:
    inputs = replace(
        demo_inputs(),
        section_text={"conclusions": "The grandmother wrote 中文 on the card.\x00\ufeff"},
    )
    path = tmp_path / "cjk.pdf"
    with pytest.raises(PublicationRefusedError) as refused:
        export_report(inputs, "pdf", path, register=REGISTER, for_publication=True)
    message = str(refused.value)
    assert "14. Conclusions" in message and "中" not in message
    assert not path.exists()
    inputs = replace(inputs, section_text={"conclusions": "Written\x00 with\x07 controls\ufeff."})
    export_report(inputs, "pdf", path, register=REGISTER, for_publication=True)
    assert "Written with controls." in " ".join(p.extract_text() for p in PdfReader(path).pages)


def test_a_big_report_exports(tmp_path: Path) -> None:
    """200 findings and a full 1,000-entry chronology (benchmarks/report.py times 5,000)."""
    base = demo_inputs(1000)
    many = tuple(
        finding(f"Pattern number {n} in how agencies share information.") for n in range(200)
    )
    inputs: ReportInputs = with_analysis(base, findings=many)
    report = build_report(
        inputs, options=ReportOptions(chronology="full", status=DocumentStatus.FINAL)
    )
    data = publication_pdf_bytes(report)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = tags(pdf)
        assert len(pdf.pages) > 60
    levels = collections.Counter(
        f"/H{h.level}" for h in report.headings() if isinstance(h, Heading)
    )
    assert found["/H2"] == levels["/H2"] and found["/H2"] >= 200
    assert found["/TD"] >= 4 * 1000


def test_fonts_are_embedded_and_links_described_and_in_the_structure(
    exported: tuple[ExportResult, bytes, MemoryLog],
) -> None:
    """Some of the PDF/UA-1 rules a validator would check, that can be read here."""
    _, data, _ = exported
    links = 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert page.obj.Tabs == "/S"  # tab order follows the structure
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor  # embedded, not looked up on the reader's PC
                assert "DejaVuSans" in str(font.BaseFont)
            for annotation in page.obj.get("/Annots", []):
                links += 1
                assert str(annotation.Contents).strip() and "/StructParent" in annotation
    assert links >= 10  # the contents' entries link to their headings


def test_the_second_stage_reads_link_descriptions_and_the_xmp_title(
    exported: tuple[ExportResult, bytes, MemoryLog],
) -> None:
    _, data, _ = exported
    pieces = {piece.block: piece.text for piece in pdf_texts(data)}
    assert "“10. Findings” page" in pieces["link descriptions"]
    assert build_report(demo_inputs()).title in pieces["XMP metadata"]


def test_the_file_says_nothing_about_the_computer_or_the_typesetter(
    exported: tuple[ExportResult, bytes, MemoryLog],
) -> None:
    import getpass
    import socket

    _, data, _ = exported
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert set(pdf.docinfo.keys()) == {"/Title", "/Creator"}  # no author, no dates
        with pdf.open_metadata() as xmp:
            packet = str(xmp)
    names = [n for n in (getpass.getuser(), socket.gethostname()) if len(n) >= 4]
    for revealing in ["Typst", "typst", *names, str(Path.home())]:
        assert revealing not in packet and revealing.encode() not in data


def test_a_file_not_as_expected_is_left_as_typst_wrote_it() -> None:
    from exporters.publication_pdf import with_bookmarks_shown

    odd = b"%PDF-1.7\n1 0 obj\n<</Type/Catalog>>\nendobj\nstartxref\n9\n%%EOF\n"
    assert with_bookmarks_shown(odd) == odd  # (a cross-reference stream, say: no trailer)


def test_odd_models_are_set_not_refused() -> None:
    """An empty heading, a skipped heading level, an empty contents title, empty blocks and a
    600-character web address: PDF/UA-1 forbids the first two as they are, and the address
    would run off the page; each is set."""
    from exporters.report_model import (
        BulletList,
        Column,
        Contents,
        Note,
        Paragraph,
        Report,
        Section,
        TitlePage,
    )

    address = "https://example.org/" + "x" * 600
    blocks = (
        TitlePage("", "", "", ()),
        Contents(""),
        Heading("1. A", 1),
        Heading("", 2),
        Heading("Five levels down", 5),
        Paragraph(""),
        Paragraph(f"See {address}", label="Source:"),
        BulletList(()),
        Note(""),
        Table((Column("Date", 0.1), Column("What", 0.9)), ((address, "x"), ("only one",))),
    )
    data = publication_pdf_bytes(Report("", "", "", "", (Section("a", "", blocks),)))
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\u200b", "")
    assert address in text.replace("\n", "")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        levels = [str(e.S) for e in structure(pdf) if str(e.S).startswith("/H")]
        assert str(pdf.docinfo.Title)  # a title, even for a model without one
    assert levels == ["/H1", "/H1", "/H2"]  # Contents, 1. A, and the five levels down as H2
