"""The Report page: outline and preview, export, and the blocking hits with the override."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from exporters.report.service import ReportService
from reviewer_app.reporting.inputs import ReportInputs
from reviewer_app.reporting.log import OVERRIDE_KIND
from tests.exporters.report_fixtures import REGISTER, MemoryLog, demo_inputs, with_analysis
from ui.report.page import ReportPage
from ui.report.preview import PREVIEW_ROWS, section_html
from ui.tasks import ImmediateTaskRunner


def make_page(qtbot: QtBot, inputs: ReportInputs, log: MemoryLog | None = None) -> ReportPage:
    service = ReportService(lambda: inputs, lambda: REGISTER, log)
    page = ReportPage(service, ImmediateTaskRunner())
    qtbot.addWidget(page)
    return page


def test_the_outline_lists_sections_and_marks_those_still_to_write(qtbot: QtBot) -> None:
    page = make_page(qtbot, with_analysis(demo_inputs()))  # the demo without its findings
    items = [page.outline.item(n).text() for n in range(page.outline.count())]
    assert items[0] == "Title page"
    assert "10. Findings (to write)" in items
    assert "3. Terms of reference and scope" in items
    assert page.template.currentData() == "learning-together"  # from the review's methodology
    page.outline.setCurrentRow(items.index("3. Terms of reference and scope"))
    assert "Key lines of enquiry" in page.preview.toPlainText()
    assert "nothing identifying" in page.summary.text()
    assert page.hits.isHidden() and page.override.isHidden()


def test_the_preview_of_a_long_table_is_cut_short() -> None:
    from exporters.report import ReportOptions, build_report

    report = build_report(demo_inputs(400), options=ReportOptions(chronology="full"))
    appendix = next(s for s in report.sections if s.key == "appendix-chronology")
    html = section_html(appendix)
    assert html.count("<tr>") == PREVIEW_ROWS + 1
    assert "more rows in the exported report" in html


def test_exporting_writes_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    page = make_page(qtbot, demo_inputs())
    page.choose_path = lambda fmt, name: tmp_path / f"out.{fmt}"
    with qtbot.waitSignal(page.exported):
        page.export_docx.click()
    assert zipfile.is_zipfile(tmp_path / "out.docx")
    assert "Exported 'out.docx'" in page.status.text()
    assert page.export_pdf.isEnabled()


def test_the_status_chosen_on_the_page_marks_the_export(qtbot: QtBot, tmp_path: Path) -> None:
    page = make_page(qtbot, demo_inputs(40))
    assert page.document_status.currentText() == "Draft for the review panel"
    page.document_status.setCurrentIndex(page.document_status.findText("Final for publication"))
    page.choose_path = lambda fmt, name: tmp_path / f"out.{fmt}"
    with qtbot.waitSignal(page.exported):
        page.export_docx.click()
    with zipfile.ZipFile(tmp_path / "out.docx") as archive:
        header = archive.read("word/header1.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    assert "DRAFT" not in header and "PowerPlusWaterMarkObject" not in header
    assert "<w:t>FINAL</w:t>" in body and "Final for publication" in body


def test_a_blocked_export_lists_the_hits_and_offers_the_override(
    qtbot: QtBot, tmp_path: Path
) -> None:
    log = MemoryLog()
    inputs = replace(demo_inputs(), section_text={"conclusions": "Ms Quartermaine agreed."})
    page = make_page(qtbot, inputs, log)
    assert "finds 1 identifying detail:" in page.summary.text()
    page.choose_path = lambda fmt, name: tmp_path / f"out.{fmt}"
    page.export_pdf.click()
    assert not (tmp_path / "out.pdf").exists()
    assert not page.hits.isHidden() and not page.override.isHidden()
    row = page.hits.topLevelItem(0)
    assert row.text(0).startswith("14. Conclusions")
    assert row.text(2) == "Quartermaine"
    assert "Ms Quartermaine agreed." in row.text(3)
    assert "Not exported" in page.status.text()

    page.override.setChecked(True)
    with qtbot.waitSignal(page.exported):
        page.export_pdf.click()
    assert (tmp_path / "out.pdf").exists()
    assert "internal working draft" in page.status.text()
    # the override, then the export itself (its version: counts and a digest only)
    assert [e.kind for e in log.recorded] == [OVERRIDE_KIND, "report-export"]
    assert not page.override.isChecked()  # each override is a deliberate, single choice


def test_the_pdf_for_publication_is_final_and_never_offers_the_override(
    qtbot: QtBot, tmp_path: Path
) -> None:
    log = MemoryLog()
    page = make_page(qtbot, demo_inputs(), log)
    asked: list[str] = []

    def choose(fmt: str, name: str) -> Path:
        asked.append(name)
        return tmp_path / "published.pdf"

    page.choose_path = choose
    with qtbot.waitSignal(page.exported):
        page.export_publication.click()
    assert asked == ["Report for publication.pdf"]
    assert (tmp_path / "published.pdf").read_bytes().startswith(b"%PDF")
    status = page.status.text()
    assert "final version for publication" in status and "14. Conclusions" in status

    blocked = make_page(
        qtbot, replace(demo_inputs(), section_text={"conclusions": "Ms Quartermaine agreed."})
    )
    blocked.choose_path = lambda fmt, name: tmp_path / "blocked.pdf"
    blocked.export_publication.click()
    assert not (tmp_path / "blocked.pdf").exists()
    assert not blocked.hits.isHidden() and blocked.override.isHidden()
    assert "cannot be exported over them" in blocked.status.text()
