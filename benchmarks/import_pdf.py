"""Reading PDF chronologies: seconds per page, the app against pdfplumber alone, side by side.

    .venv/bin/python benchmarks/import_pdf.py [--pages 5,25,50] [--repeat 1]

Makes synthetic ruled-table PDFs (about 23 rows a page, the heading repeated on each page) and
measures, in this process after one warm-up read:

* raw: `pdfplumber` opening the file and `extract_tables()` on every page, the least any
  reader of the tables must do;
* preview: `preview_file`, what `import-chronology --dry-run` and the import window do (the
  bomb scan, limits, joining the pages' tables, headings, dates, problems).

The app allows 4 s plus 1.5 s a page before it stops reading a PDF (`Limits`); the last column
shows how much of that allowance the preview used. Every name and text is made up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle  # noqa: E402

from reviewer_app.importers import Limits, preview_file  # noqa: E402

ROWS_PER_PAGE = 23


def make_pdf(path: Path, pages: int) -> None:
    start = dt.date(2014, 1, 6)
    rows = [["Date", "Time", "Source", "Details of contact", "Action / Outcome"]]
    for n in range(pages * ROWS_PER_PAGE):
        day = start + dt.timedelta(days=n)
        rows.append(
            [
                f"{day:%d/%m/%Y}",
                f"{9 + n % 8:02d}:{n % 60:02d}",
                f"Case note {n + 1}",
                f"Contact {n + 1}: Child M seen at home by the health visitor.",
                "No further action.",
            ]
        )
    buffer = io.BytesIO()
    table = Table(rows, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build([table])
    path.write_bytes(buffer.getvalue())


def raw_read(path: Path) -> int:
    import pdfplumber

    rows = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows += sum(len(table) for table in page.extract_tables())
    return rows


def timed(work: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="5,25,50")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    limits = Limits()
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.pdf"
        make_pdf(warm, 1)
        preview_file(warm)
        raw_read(warm)
        print(f"{'pages':>5} {'rows':>6} {'raw s':>7} {'preview s':>9} {'ratio':>6} "
              f"{'s/page':>7} {'of allowance':>12}")  # fmt: skip
        for pages in (int(p) for p in args.pages.split(",")):
            path = Path(folder) / f"{pages}.pdf"
            make_pdf(path, pages)
            raw = timed(lambda path=path: raw_read(path), args.repeat)
            rows: list[int] = []
            preview = timed(
                lambda path=path, rows=rows: rows.append(len(preview_file(path).rows)), args.repeat
            )
            allowance = limits.max_pdf_seconds + limits.max_pdf_seconds_per_page * pages
            print(
                f"{pages:>5} {rows[-1]:>6} {raw:>7.2f} {preview:>9.2f} {preview / raw:>6.2f} "
                f"{preview / pages:>7.3f} {preview / allowance:>11.0%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
