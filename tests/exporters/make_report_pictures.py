"""Render the demo review's draft report (PDF, and the DOCX through LibreOffice) into the
pictures docs/screenshots/report-pdf.png and report-docx.png: the first eight pages, tiled;
and the report for publication into report-publication.png (also the user guide's picture):
its title page, contents, a findings page, the chronology appendix and the last page.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/exporters/make_report_pictures.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402

from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.wiring import report_service  # noqa: E402
from tests.helpers.reviews import demo_services  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
GUIDE_IMAGES = ROOT / "resources" / "guide" / "images"
COLUMNS, ROWS, PAGE_W, PAGE_H = 4, 2, 414, 585


def tile(
    pdf: Path, target: Path, work: Path, chosen: list[int] | None = None, rows: int = ROWS
) -> None:
    """The first pages of `pdf` (or the `chosen` ones, numbered from 1), tiled."""
    stem = work / pdf.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(pdf), str(stem)] if chosen else
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", str(COLUMNS * ROWS), str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    pages = sorted(work.glob(f"{pdf.stem}-*.png"))
    if chosen:
        pages = [pages[n - 1] for n in chosen]
    sheet = QImage(COLUMNS * PAGE_W, rows * PAGE_H, QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    for n, page in enumerate(pages):
        image = QImage(str(page)).scaled(
            PAGE_W - 8,
            PAGE_H - 8,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        x, y = (n % COLUMNS) * PAGE_W + 4, (n // COLUMNS) * PAGE_H + 4
        painter.drawImage(x, y, image)
        painter.setPen(QColor("#bbbbbb"))
        painter.drawRect(x, y, image.width() - 1, image.height() - 1)
    painter.end()
    sheet.save(str(target))
    print(target)


def publication_pages(pdf: Path) -> list[int]:
    """Title page, contents, the page after "7. Findings" starts, the chronology appendix, and
    the last page (numbered from 1)."""
    reader = PdfReader(pdf)
    starts = [
        (str(item.title), reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    findings = next(n for title, n in starts if title.startswith("7. "))
    appendix = next(n for title, n in starts if title.startswith("Appendix A"))
    return [1, 2, findings + 1, appendix, len(reader.pages)]


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="report-pictures-") as folder:
        work = Path(folder)
        services = demo_services(work / "demo.review", AppPaths.under(work / "home").ensure(), 300)
        try:
            report = report_service(services)
            template = report.suggested_template().id
            pdf = report.export(template, "pdf", work / "report.pdf").path
            docx = report.export(template, "docx", work / "report.docx").path
            published = report.export(
                template, "pdf", work / "published.pdf", for_publication=True
            ).path
        finally:
            services.close()
        converted = work / "converted"
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(converted), str(docx)],
            check=True,
            capture_output=True,
        )
        tile(pdf, OUT / "report-pdf.png", work)
        tile(converted / "report.pdf", OUT / "report-docx.png", work)
        chosen = publication_pages(published)
        picture = OUT / "report-publication.png"
        tile(published, picture, work, chosen[:4], rows=1)
        shutil.copyfile(picture, GUIDE_IMAGES / "report-publication.png")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
