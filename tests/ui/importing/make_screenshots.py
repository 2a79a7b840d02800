"""Render the import wizard's preview and problems pages offscreen into docs/screenshots/.

A real encrypted review in a temporary folder, a synthetic agency workbook, the synchronous
runner. Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/importing/make_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.paths import HOME_ENV, AppPaths  # noqa: E402
from reviewer_app.services.chronology import ChronologyService  # noqa: E402
from tests.helpers.reviews import new_review  # noqa: E402
from tests.ui.importing.agency_files import (  # noqa: E402
    LEFT_OUT_ROW,
    ROWS_2016_FIRST,
    multi_sheet_xlsx,
)
from ui.importing import ImportWizard  # noqa: E402
from ui.importing.models import PreviewRowsModel  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="scr-import-screens-"))
    os.environ[HOME_ENV] = str(home / "app")
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        OUT.mkdir(parents=True, exist_ok=True)
        paths = AppPaths.under(home / "app").ensure()
        review = new_review(home / "review-2026-04.review", paths)
        service = ChronologyService(review.chronology)
        agency_file = multi_sheet_xlsx(home)

        wizard = ImportWizard(service, ImmediateTaskRunner())
        wizard.choose_file = lambda: agency_file
        wizard.resize(1000, 720)
        wizard.show()
        wizard.file_page.agency.setEditText("Northtown Police")
        wizard.file_page.choose.click()
        wizard.next()
        wizard.preview_page.sheet.setCurrentText("Chronology 2016")
        save(wizard, "import-preview.png")
        wizard.next()
        save(wizard, "import-problems.png")
        # Back to the preview: the date that does not exist corrected in its cell.
        wizard.back()
        page = wizard.preview_page
        row = LEFT_OUT_ROW - ROWS_2016_FIRST
        cell = page.model.index(row, PreviewRowsModel.WRITTEN)
        page.model.setData(cell, "?/02/2016")
        page.source_default.setText("Northtown Police records")
        page.source_default.editingFinished.emit()
        page.table.setCurrentIndex(page.model.index(row + 1, PreviewRowsModel.EVENT))
        page.table.setFocus()
        save(wizard, "import-preview-corrected.png")
        wizard.close()
        review.close()
        del app
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
