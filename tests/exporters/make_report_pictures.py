"""Render the demo review's draft report (PDF, and the DOCX through LibreOffice) into the
pictures docs/screenshots/report-pdf.png and report-docx.png: the first eight pages, tiled.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/exporters/make_report_pictures.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402

from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.wiring import report_service  # noqa: E402
from tests.helpers.reviews import demo_services  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
COLUMNS, ROWS, PAGE_W, PAGE_H = 4, 2, 414, 585


def tile(pdf: Path, target: Path, work: Path) -> None:
    stem = work / pdf.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", str(COLUMNS * ROWS), str(pdf), str(stem)],
        check=True,
    )
    pages = sorted(work.glob(f"{pdf.stem}-*.png"))
    sheet = QImage(COLUMNS * PAGE_W, ROWS * PAGE_H, QImage.Format.Format_RGB32)
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
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
