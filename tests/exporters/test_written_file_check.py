"""The second stage of the gate: the file as written, read back, is scanned before it is kept.

The report model is checked first; these tests make the renderer put a real name into the file
that the model never held (as a renderer bug or a template would), and the export must still be
blocked, with nothing written. Switching the second stage off makes them fail.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import exporters.report.export as export_module
from exporters.docx_renderer import docx_bytes
from exporters.pdf_renderer import pdf_bytes
from exporters.report import ExportBlockedError, export_report
from exporters.report.export import check_written, pdf_texts
from exporters.report_model import Heading, Paragraph, Report, Section
from reviewer_app.anonymisation import HitKind
from tests.exporters.report_fixtures import REGISTER, demo_inputs

LEAKS = {
    "paragraph": "Philippa Quartermaine",
    "zero-width": "Phi\u200blippa Quarter\u200bmaine",
    "bookmark": "Tobias Quartermaine",
}


def leaky(report: Report, text: str) -> Report:
    """The report with a real name added after the model was checked."""
    extra = Section(
        "extra", "Extra", (Heading(f"About {text}", 2, anchor="extra"), Paragraph(text))
    )
    return replace(report, sections=(*report.sections, extra))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_a_name_only_the_written_file_holds_blocks_the_export(
    fmt: str, leak: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = export_module.render
    monkeypatch.setattr(
        export_module,
        "render",
        lambda report, file_format: real(leaky(report, LEAKS[leak]), file_format),
    )
    target = tmp_path / f"r.{fmt}"
    with pytest.raises(ExportBlockedError) as blocked:
        export_report(demo_inputs(40), fmt, target, register=REGISTER)  # type: ignore[arg-type]
    assert not target.exists()
    hits = blocked.value.hits
    assert hits and {h.kind for h in hits} == {HitKind.NAME}
    assert all(h.section in ("The Word file", "The PDF file") for h in hits)


def test_the_pdf_is_read_back_with_pypdf_pages_properties_and_bookmarks() -> None:
    from exporters.report.build import build_report

    report = leaky(build_report(demo_inputs(20)), "Tobias Quartermaine")
    pieces = pdf_texts(pdf_bytes(report))
    blocks = [p.block for p in pieces]
    assert blocks[-2:] == ["document properties", "bookmarks"]
    assert "Tobias Quartermaine" in pieces[-1].text  # the heading became a bookmark
    assert any("Tobias Quartermaine" in p.text for p in pieces if p.block.startswith("page"))
    hits = check_written(pdf_bytes(report), "pdf", REGISTER)
    where = [h.block for h in hits]
    assert where[0] in ("page 2", "page 3")  # the contents (which runs over two pages)
    assert where[-1] == "bookmarks"
    assert all(h.kind is HitKind.NAME and "Tobias Quartermaine" in h.found for h in hits)


def test_the_written_docx_is_read_part_by_part() -> None:
    from exporters.report.build import build_report

    clean = docx_bytes(build_report(demo_inputs(20)))
    assert check_written(clean, "docx", REGISTER) == []
    dirty = docx_bytes(leaky(build_report(demo_inputs(20)), "Philippa Quartermaine"))
    hits = check_written(dirty, "docx", REGISTER)
    assert {h.block for h in hits} == {"part word/document.xml"}


def test_only_lines_the_model_holds_are_left_out_wrapped_or_not() -> None:
    from exporters.report.judged import Judged

    model = frozenset({"Core group meeting: nursery and Mother attended.", "Outcome: none."})
    judged = Judged(model, wrapped=True)
    pdf_page = "Core group meeting:\nnursery and Mother\nattended.\nOutcome: none.\nPhilippa"
    assert judged.unread(pdf_page) == "Philippa"
    # A run that is not a whole model line is read, every word of it.
    assert judged.unread("Core group meeting:\nnursery and Philippa") == (
        "Core group meeting:\nnursery and Philippa"
    )
    # Lines of two different texts side by side are read across the break.
    split = "Outcome: none. Tobias\nQuartermaine"
    assert judged.unread(split) == split
    # Without wrapping (a Word file), only whole lines are left out.
    assert Judged(model).unread("Core group meeting:\nnursery and Mother\nattended.") == (
        "Core group meeting:\nnursery and Mother\nattended."
    )


def test_a_name_wrapped_inside_a_pdf_cell_that_the_model_never_held_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long line the renderer wraps over several, with a real name the model never held in
    it: the wrapped lines are not the model's, so they are read, and the export blocks."""
    real = export_module.render
    long_line = "The core group met at the family home and " * 3 + "Philippa Quartermaine said"
    monkeypatch.setattr(
        export_module,
        "render",
        lambda report, file_format: real(leaky(report, long_line), file_format),
    )
    with pytest.raises(ExportBlockedError) as blocked:
        export_report(demo_inputs(40), "pdf", tmp_path / "r.pdf", register=REGISTER)
    assert any(h.section == "The PDF file" for h in blocked.value.hits)
