"""A PDF chronology through the import wizard, and a scanned one refused on its first page."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.services.chronology import ChronologyService
from tests.reviewer_app.importers.pdf_files import scanned_pdf, table_pdf
from tests.ui.importing.conftest import MakeWizard
from tests.ui.importing.steps import NEXT, can_press, choose_file, name_agency, to_import_page
from ui.importing.models import PreviewRowsModel
from ui.importing.widgets import Tone
from ui.importing.wizard import FILE_FILTERS


def test_a_pdf_table_over_pages_is_imported_with_its_pages(
    make_wizard: MakeWizard, service: ChronologyService, agency_files: Path
) -> None:
    assert "*.pdf" in FILE_FILTERS
    wizard = make_wizard()
    choose_file(wizard, table_pdf(agency_files))
    name_agency(wizard, "Northtown Police")
    assert "Read 70 rows" in wizard.file_page.read_summary.text()
    wizard.next()
    page = wizard.preview_page
    assert page.model.rowCount() == 70
    assert "runs over pages 1 to 4" in page.notes.text()
    assert page.model.data(page.model.index(6, PreviewRowsModel.SOURCE)) == (
        "Northtown police chronology.pdf, row 8"
    )
    wizard.back()
    to_import_page(wizard)
    wizard.import_page.start.click()
    assert wizard.import_page.outcome.tone is Tone.DONE
    [batch] = service.batches()
    assert (batch.file_format, batch.sheet) == ("pdf", "Table 1")
    last = max(service.entries(), key=lambda e: e.provenance.row_number or 0)
    assert ("PDF page", "4") in last.provenance.original


def test_a_scanned_pdf_is_refused_on_the_first_page(
    make_wizard: MakeWizard, agency_files: Path
) -> None:
    wizard = make_wizard()
    choose_file(wizard, scanned_pdf(agency_files))
    name_agency(wizard, "Northtown GP")
    shown = wizard.file_page.message.message()
    assert "no text in it: it looks like a scanned paper document" in shown
    assert not can_press(wizard, NEXT)
