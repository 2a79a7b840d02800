"""Document control on the title page (issue 15 item 2), the internal working draft marked as
such everywhere (item 6), and the Quality Markers self-assessment as its own DOCX (item 7)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.report.context import ReportOptions
from exporters.report.control import INTERNAL_MARK, DocumentStatus
from exporters.report.export import ExportBlockedError, export_report
from reviewer_app.paths import AppPaths
from reviewer_app.quality.assessment import MarkerAssessment, Status
from reviewer_app.reporting.log import EXPORT_KIND, OVERRIDE_KIND
from reviewer_app.services.demo_review import create_demo
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.wiring import open_services
from tests.exporters.report_fixtures import MemoryLog, demo_inputs
from tests.helpers.reviews import review_files
from tests.helpers.secrets_watch import register

DAY_ONE = dt.datetime(2026, 3, 14, 10, 0, tzinfo=dt.UTC)
DAY_TWO = dt.datetime(2026, 4, 2, 9, 30, tzinfo=dt.UTC)


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()}


def _words(xml: str) -> str:
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))


def _pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


# -- document control ------------------------------------------------------------------------
def test_the_title_page_carries_version_date_status_lead_reviewer_and_circulation(
    tmp_path: Path,
) -> None:
    log = MemoryLog()
    options = ReportOptions(lead_reviewer="Dr A. Reviewer")
    result = export_report(
        demo_inputs(), "docx", tmp_path / "r.docx", options=options, log=log, now=lambda: DAY_ONE
    )
    assert result.version == 1 and result.status is DocumentStatus.PANEL
    body = _words(_parts(result.path)["word/document.xml"])
    title_page = body[: body.index("Contents")]
    for expected in (
        "Draft for the review panel",
        "Version 1, 14 March 2026",
        "Lead reviewer: Dr A. Reviewer",
        "Document control",
        "Members of the review panel, in confidence",
    ):
        assert expected in title_page, expected
    pdf = export_report(
        demo_inputs(), "pdf", tmp_path / "r.pdf", options=options, log=log, now=lambda: DAY_TWO
    )
    assert pdf.version == 1  # the PDF of the same draft is the same version, with its date
    first = _pdf_pages(pdf.path)[0]
    assert "Version 1, 14 March 2026" in first and "Lead reviewer: Dr A. Reviewer" in first


def test_a_changed_draft_is_the_next_version_and_the_table_lists_the_history(
    tmp_path: Path,
) -> None:
    log = MemoryLog()
    export_report(demo_inputs(), "docx", tmp_path / "1.docx", log=log, now=lambda: DAY_ONE)
    changed = ReportOptions(lead_reviewer="Dr A. Reviewer")
    second = export_report(
        demo_inputs(), "docx", tmp_path / "2.docx", options=changed, log=log, now=lambda: DAY_TWO
    )
    assert second.version == 2
    body = _words(_parts(second.path)["word/document.xml"])
    assert "Version 2, 2 April 2026" in body
    table = body[body.index("Document control") : body.index("Contents")]
    assert "14 March 2026" in table and "2 April 2026" in table
    entries = log.entries(EXPORT_KIND)
    assert [e.count for e in entries] == [1, 2]


def test_the_same_version_exports_to_the_same_bytes_on_another_day(tmp_path: Path) -> None:
    for fmt in ("docx", "pdf"):
        log = MemoryLog()
        first = export_report(
            demo_inputs(),
            fmt,
            tmp_path / f"a.{fmt}",
            log=log,
            now=lambda: DAY_ONE,  # type: ignore[arg-type]
        )
        again = export_report(
            demo_inputs(),
            fmt,
            tmp_path / f"b.{fmt}",
            log=log,
            now=lambda: DAY_TWO,  # type: ignore[arg-type]
        )
        assert first.version == again.version == 1
        assert first.path.read_bytes() == again.path.read_bytes(), fmt


def test_the_export_log_entry_holds_counts_and_a_digest_never_case_text(tmp_path: Path) -> None:
    log = MemoryLog()
    inputs = demo_inputs()
    export_report(inputs, "pdf", tmp_path / "r.pdf", log=log, now=lambda: DAY_ONE)
    (entry,) = log.entries(EXPORT_KIND)
    assert entry.count == 1 and "PDF" in entry.summary
    assert re.fullmatch(
        r"Report version 1 exported as PDF: draft for the review panel "
        r"\(status panel, content [0-9a-f]{16}\)\.",
        entry.summary,
    )
    assert inputs.snapshot.details.title not in entry.summary


def test_without_the_log_the_title_page_says_the_version_is_not_numbered(tmp_path: Path) -> None:
    result = export_report(demo_inputs(), "pdf", tmp_path / "r.pdf")
    assert result.version is None
    assert "not numbered" in _pdf_pages(result.path)[0]


def test_a_final_report_has_no_draft_marks(tmp_path: Path) -> None:
    options = ReportOptions(status=DocumentStatus.FINAL)
    result = export_report(demo_inputs(), "docx", tmp_path / "f.docx", options=options)
    parts = _parts(result.path)
    assert "PowerPlusWaterMarkObject" not in "".join(parts.values())
    assert "Final for publication" in _words(parts["word/document.xml"])
    pdf = export_report(demo_inputs(), "pdf", tmp_path / "f.pdf", options=options)
    assert not any("DRAFT" in page for page in _pdf_pages(pdf.path))


# -- the internal working draft --------------------------------------------------------------
def test_an_internal_working_draft_says_so_on_the_title_page_and_every_page(
    tmp_path: Path,
) -> None:
    log = MemoryLog()
    result = export_report(
        demo_inputs(), "pdf", tmp_path / "iwd.pdf", override=True, log=log, now=lambda: DAY_ONE
    )
    assert result.status is DocumentStatus.INTERNAL and result.overridden == 0
    pages = _pdf_pages(result.path)
    assert INTERNAL_MARK in pages[0] and "Internal working draft" in pages[0]
    assert "Draft for the review panel" not in pages[0]
    assert all(INTERNAL_MARK in page for page in pages)  # the footer of every page
    assert log.entries(OVERRIDE_KIND) == []  # nothing was overridden
    docx = export_report(
        demo_inputs(), "docx", tmp_path / "iwd.docx", override=True, log=log, now=lambda: DAY_ONE
    )
    parts = _parts(docx.path)
    headers = "".join(v for k, v in parts.items() if k.startswith("word/header"))
    footers = "".join(_words(v) for k, v in parts.items() if k.startswith("word/footer"))
    assert f'string="{INTERNAL_MARK}"' in headers  # the watermark
    assert INTERNAL_MARK in footers
    title_page = _words(parts["word/document.xml"]).split("Contents")[0]
    assert INTERNAL_MARK in title_page and "Draft for the review panel" not in title_page


def test_the_pdf_watermark_is_the_internal_warning(tmp_path: Path) -> None:
    from exporters.pdf_renderer import pdf_bytes
    from exporters.report.build import as_working_draft, build_report

    report = as_working_draft(build_report(demo_inputs(300)))
    assert report.watermark == INTERNAL_MARK and report.footer == INTERNAL_MARK
    page = next(b for b in report.blocks() if hasattr(b, "lines"))
    circulation = [x for x in page.lines if x.startswith("Circulation:")]  # type: ignore[attr-defined]
    assert circulation == [
        "Circulation: The lead reviewer only: not anonymised, not for circulation"
    ]
    reader = PdfReader(io.BytesIO(pdf_bytes(report)))
    # the watermark is drawn on every page, so the mark shows at least twice on each
    assert all(page.extract_text().count("NOT FOR CIRCULATION") >= 2 for page in reader.pages)


# -- the Quality Markers self-assessment -----------------------------------------------------
@pytest.fixture
def demo(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    created = create_demo(review_files(app_paths), tmp_path / "demo.review", entries=40)
    register(created.recovery_code)
    services = open_services(created.review)
    yield services
    services.close()


def test_the_self_assessment_is_a_docx_of_its_own(demo: ReviewServices, tmp_path: Path) -> None:
    assert demo.exports is not None
    demo.quality.save_marker(
        replace(demo.quality.marker(14), status=Status.IN_PROGRESS, notes="Plain English checked.")
    )
    result = demo.exports.write_self_assessment(tmp_path / "qm.docx")
    assert result.markers == 18
    parts = _parts(result.path)
    body = _words(parts["word/document.xml"])
    assert "Quality Markers self-assessment" in body
    assert "Quality Marker 14: The report" in body and "Plain English checked." in body
    assert "not part of the review report" in body
    assert "Appendix A: Chronology" not in body  # not the panel draft
    assert "PowerPlusWaterMarkObject" not in "".join(parts.values())


def test_the_self_assessment_goes_through_the_gate(demo: ReviewServices, tmp_path: Path) -> None:
    assert demo.exports is not None
    mother = next(p for p in demo.people.people() if p.pseudonym == "Mother")
    assert mother.date_of_birth is not None
    born = mother.date_of_birth.strftime("%d/%m/%Y")
    demo.quality.save_marker(
        MarkerAssessment(12, Status.IN_PROGRESS, notes=f"Met {mother.real_name} (born {born}).")
    )
    with pytest.raises(ExportBlockedError):
        demo.exports.write_self_assessment(tmp_path / "qm.docx")
    assert not (tmp_path / "qm.docx").exists()
    demo.quality.save_marker(
        MarkerAssessment(12, Status.IN_PROGRESS, notes=f"Met {mother.real_name} at home.")
    )
    written = demo.exports.write_self_assessment(tmp_path / "qm.docx")
    body = _words(_parts(written.path)["word/document.xml"])
    assert "Met Mother at home." in body and mother.real_name not in body  # pseudonymised
