"""Render the demo review's draft report with each template, as PDF and as DOCX (through
LibreOffice), into pictures of its title page, contents, a findings page, the chronology
appendix and the last page: one picture per template for the user guide
(resources/guide/images/report-<template>.png, the PDF above the Word document), and the
first eight pages of each format for the README (docs/screenshots/report-pdf.png and
report-docx.png); and the report for publication
(report-publication.png, also in the guide): title page, contents, a findings page, the appendix.

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
GUIDE = ROOT / "resources" / "guide" / "images"
TEMPLATES = ("learning-together", "silp", "generic")
PAGE_W, PAGE_H = 300, 424


def render(pdf: Path, pages: list[int], work: Path) -> list[QImage]:
    """The pages (1-based) of `pdf` as pictures."""
    images = []
    for page in pages:
        stem = work / f"{pdf.stem}-{page}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        images.append(QImage(f"{stem}.png"))
    return images


def sheet(rows: list[list[QImage]], target: Path) -> None:
    columns = max(len(row) for row in rows)
    out = QImage(columns * PAGE_W, len(rows) * PAGE_H, QImage.Format.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    for r, row in enumerate(rows):
        for c, page in enumerate(row):
            image = page.scaled(
                PAGE_W - 8,
                PAGE_H - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            x, y = c * PAGE_W + 4, r * PAGE_H + 4
            painter.drawImage(x, y, image)
            painter.setPen(QColor("#bbbbbb"))
            painter.drawRect(x, y, image.width() - 1, image.height() - 1)
    painter.end()
    out.save(str(target))
    print(target)


def chosen_pages(pdf: Path) -> list[int]:
    """Title page, contents, the first page of the findings, the chronology appendix, the end."""
    texts = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]

    def first(words: str) -> int:
        return next((n for n, text in enumerate(texts, start=1) if words in text), 1)

    return [1, 2, first("How it showed in this case"), first("Reviewer’s comment"), len(texts)]


def publication_pages(pdf: Path) -> list[int]:
    """Title page, contents, the page after the findings start, the chronology appendix."""
    reader = PdfReader(pdf)
    starts = [
        (str(item.title), reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]
    findings = next(n for title, n in starts if "Findings" in title)
    appendix = next(n for title, n in starts if title.startswith("Appendix A"))
    return [1, 2, findings + 1, appendix]


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="report-pictures-") as folder:
        work = Path(folder)
        services = demo_services(work / "demo.review", AppPaths.under(work / "home").ensure(), 300)
        try:
            report = report_service(services)
            made = {}
            for template in TEMPLATES:
                pdf = report.export(template, "pdf", work / f"{template}.pdf").path
                docx = report.export(template, "docx", work / f"{template}.docx").path
                made[template] = (pdf, docx)
            published = report.export(
                report.suggested_template().id, "pdf", work / "published.pdf", for_publication=True
            ).path
        finally:
            services.close()
        converted = work / "converted"
        for template, (pdf, docx) in made.items():
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(converted),
                    str(docx),
                ],
                check=True,
                capture_output=True,
            )
            word = converted / f"{template}.pdf"
            rows = [
                render(pdf, chosen_pages(pdf), work),
                render(word, chosen_pages(word), work),
            ]
            sheet(rows, GUIDE / f"report-{template}.png")
        suggested = "learning-together"
        pdf, _ = made[suggested]
        for source, name in ((pdf, "report-pdf"), (converted / f"{suggested}.pdf", "report-docx")):
            pages = render(source, list(range(1, 9)), work)
            sheet([pages[:4], pages[4:]], OUT / f"{name}.png")
        picture = OUT / "report-publication.png"
        sheet([render(published, publication_pages(published), work)], picture)
        shutil.copyfile(picture, GUIDE / "report-publication.png")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
