"""Synthetic PDF chronologies, made with reportlab as agencies' case systems export them.

Every name is made up ("Child M", "PC 1234", "Northtown"). Each builder writes a PDF under the
folder it is given and returns its path.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PDF_HEADINGS = ["Date", "Time", "Source", "Details of contact", "Action / Outcome"]


def pdf_rows(count: int) -> list[list[str]]:
    """`count` rows a day apart from 5 January 2015; row 7 (the 7th) has no source."""
    start = datetime.date(2015, 1, 5)
    rows = []
    for n in range(count):
        day = start + datetime.timedelta(days=n)
        rows.append(
            [
                f"{day:%d/%m/%Y}",
                f"{9 + n % 8:02d}:{(n * 7) % 60:02d}",
                "" if n == 6 else f"Case note {n + 1}",
                f"Contact {n + 1}: Child M seen by PC {1200 + n}.",
                "No further action." if n % 3 else "Referred to children's social care.",
            ]
        )
    return rows


def table_pdf(
    folder: Path,
    name: str = "Northtown police chronology.pdf",
    rows: list[list[str]] | None = None,
    headings: list[str] | None = None,
) -> Path:
    """A title, then the chronology as a ruled table whose heading row repeats on each page."""
    body = rows if rows is not None else pdf_rows(70)
    heads = headings if headings is not None else PDF_HEADINGS
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title="Chronology")
    styles = getSampleStyleSheet()
    table = Table([heads, *body], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
            ]
        )
    )
    story = [
        Paragraph("Northtown Police: chronology of contact with Child M", styles["Title"]),
        Spacer(1, 12),
        table,
        Spacer(1, 12),
        Paragraph("Completed by the safeguarding unit. OFFICIAL-SENSITIVE.", styles["Normal"]),
    ]
    document.build(story)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def scanned_pdf(folder: Path, name: str = "Northtown GP scanned.pdf", pages: int = 2) -> Path:
    """Pictures of pages and no text at all, as a scanner makes."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    picture = Image.new("L", (200, 280), color=235)
    for y in range(20, 260, 12):
        for x in range(20, 180):
            picture.putpixel((x, y), 40)
    for _ in range(pages):
        page.drawImage(ImageReader(picture), 40, 80, width=500, height=700)
        page.showPage()
    page.save()
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def text_only_pdf(folder: Path, name: str = "letter.pdf") -> Path:
    """A letter: text, but no table."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 750, "Dear reviewer, the chronology will follow next week.")
    page.showPage()
    page.save()
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path
