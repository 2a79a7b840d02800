"""Draft report export on the demo review with a 5,000-entry chronology appendix.

    .venv/bin/python benchmarks/report.py [--entries 5000] [--repeat 3] [--end-to-end]

Measures, side by side in one run, the DOCX and PDF exports as built (tables written as
WordprocessingML in one piece; PDF tables drawn a page of pre-wrapped rows at a time,
`exporters/pdf_table.py`) against the same documents with the chronology table built cell by
cell through python-docx's table API and with a reportlab `Paragraph` in every cell. Also
times the model build and the anonymisation scan. Goal for the PDF: <= 2 s and >= 8x (issue 16;
`run_all.py` times the whole export a user runs against the same twin).

DOCX (issue 16): the export as a user runs it (`export_report`: model, both stages of the
anonymisation gate, the contents' page numbers, the file, written to disk) <= 1.5 s and >= 5x
the naive twin (the same model, its tables built with python-docx's `add_row`, no gate, no page
numbers), each timed --repeat times, alternated, wall-clock and CPU time, min / median, in this
one process once the gate's word lists are loaded (as a second export in a session is). The
contents' page numbers (the PDF's layout, nothing drawn and no PDF written:
`exporters/contents_pages`) are also timed apart.
`benchmarks/run_all.py --only export` measures the same from a review file, with its real
pseudonym register, in fresh processes, with peak memory.

Then the report for publication (issue 15: a tagged PDF/UA-1 file typeset by Typst) beside the
draft PDF, on a big report: the same chronology and 200 findings. `--end-to-end` also times the
whole export of each (build, gate, render, the written file read back, written to disk).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx.shared import Pt  # noqa: E402
from reportlab.platypus import Paragraph as PdfParagraph  # noqa: E402
from reportlab.platypus import Spacer, TableStyle  # noqa: E402
from reportlab.platypus import Table as PdfTable  # noqa: E402

from exporters import contents_pages, docx_renderer, pdf_renderer  # noqa: E402
from exporters.publication_pdf import publication_pdf_bytes  # noqa: E402
from exporters.report.build import build_report  # noqa: E402
from exporters.report.context import ReportOptions  # noqa: E402
from exporters.report.control import DocumentStatus  # noqa: E402
from exporters.report.export import check_report, export_report  # noqa: E402
from exporters.report.publication import for_publication  # noqa: E402
from exporters.report_model import Report, Table  # noqa: E402
from reviewer_app.analysis.finding import Finding  # noqa: E402
from reviewer_app.analysis.reference import typology  # noqa: E402
from reviewer_app.anonymisation.register import PseudonymRegister  # noqa: E402
from reviewer_app.demo import build_demo  # noqa: E402
from reviewer_app.reporting.inputs import ReportInputs, register_for  # noqa: E402


def best(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def wall_and_cpu(work: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), sum(os.times()[:2])
    work()
    return time.perf_counter() - wall, sum(os.times()[:2]) - cpu


def min_median(samples: list[float]) -> str:
    return f"{min(samples):.3f} / {statistics.median(samples):.3f}"


class CellByCellDocx(docx_renderer._Writer):
    """The same document, its tables built with python-docx's own table API."""

    def table(self, block: Table) -> None:
        table = self.document.add_table(rows=1, cols=len(block.columns))
        table.style = "Table Grid"
        for cell, column in zip(table.rows[0].cells, block.columns, strict=True):
            cell.text = column.title
        for row in block.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                cell.text = text
                if block.dense:
                    for run in cell.paragraphs[0].runs:
                        run.font.size = Pt(8)


def paragraph_table(block: Table, *, drawn: bool = True) -> list[Any]:
    """The same table with a `Paragraph` in every cell (reportlab's usual way), made the same
    whether it is drawn or only laid out (`drawn`: reportlab's table has no cheaper way)."""
    styles = pdf_renderer._styles()
    widths = [pdf_renderer.TEXT_WIDTH * c.width for c in block.columns]
    data = [[PdfParagraph(pdf_renderer._markup(c.title), styles["note"]) for c in block.columns]]
    data += [
        [PdfParagraph(pdf_renderer._markup(cell), styles["note"]) for cell in row]
        for row in block.rows
    ]
    table = PdfTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return [table, Spacer(1, 8)]


def pdf_with_paragraph_cells(report: Report) -> bytes:
    original = pdf_renderer.table_flowables
    pdf_renderer.table_flowables = paragraph_table  # type: ignore[assignment]
    try:
        return pdf_renderer.pdf_bytes(report)
    finally:
        pdf_renderer.table_flowables = original


def with_findings(inputs: ReportInputs, count: int) -> ReportInputs:
    """The inputs with `count` synthetic findings in place of the demo's."""
    category = typology()[0].key
    findings = tuple(
        Finding(
            statement=f"Pattern {n}: referrals are not followed up when a family moves area.",
            category=category,
            how_it_showed="The health visiting service closed the case after a missed visit.",
            board_questions="How does the partnership know that transfers are followed up?",
        )
        for n in range(1, count + 1)
    )
    snapshot = inputs.snapshot
    analysis = replace(snapshot.analysis, findings=findings)
    return replace(inputs, snapshot=replace(snapshot, analysis=analysis))


def publication(inputs: ReportInputs, register: PseudonymRegister, args: Any) -> None:
    """The publication PDF beside the draft PDF, on one big report."""
    big = with_findings(inputs, 200)
    draft = build_report(big, None, register, ReportOptions(chronology="full"))
    final = for_publication(
        build_report(
            big, None, register, ReportOptions(chronology="full", status=DocumentStatus.FINAL)
        )
    )
    entries = len(inputs.snapshot.entries)
    print(
        f"\nBig report: 200 findings, full chronology appendix of {entries:,} entries", flush=True
    )
    draft_time = best(lambda: pdf_renderer.pdf_bytes(draft), args.repeat)
    final_time = best(lambda: publication_pdf_bytes(final), args.repeat)
    print(f"{'workload':<44} {'seconds':>9} {'draft':>9} {'ratio':>9}")
    print(f"{'draft PDF (reportlab, untagged)':<44} {draft_time:>9.3f}")
    print(
        f"{'PDF for publication (Typst, PDF/UA-1)':<44} {final_time:>9.3f} {draft_time:>9.3f} "
        f"{final_time / draft_time:>8.2f}x"
    )
    if not args.end_to_end:
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        options = ReportOptions(chronology="full")
        start = time.perf_counter()
        export_report(big, "pdf", out / "draft.pdf", register=register, options=options)
        draft_all = time.perf_counter() - start
        start = time.perf_counter()
        export_report(
            big, "pdf", out / "final.pdf", register=register, options=options, for_publication=True
        )
        final_all = time.perf_counter() - start
    print(f"{'whole export, draft PDF':<44} {draft_all:>9.3f}")
    print(
        f"{'whole export, PDF for publication':<44} {final_all:>9.3f} {draft_all:>9.3f} "
        f"{final_all / draft_all:>8.2f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--end-to-end", action="store_true", help="also time each whole PDF export (slow)"
    )
    args = parser.parse_args()
    snapshot = build_demo(args.entries)
    inputs = ReportInputs(snapshot)
    register = register_for(snapshot, PseudonymRegister())
    options = ReportOptions(chronology="full")
    print(f"Demo review, full chronology appendix of {len(snapshot.entries):,} entries", flush=True)

    build_time = best(lambda: build_report(inputs, None, register, options), args.repeat)
    report = build_report(inputs, None, register, options)
    scan_time = best(lambda: check_report(report, register), args.repeat)
    pages = contents_pages.heading_pages(report)
    docx_time = best(lambda: docx_renderer.docx_bytes(report, pages), args.repeat)
    pages_time = best(lambda: contents_pages.heading_pages(report), args.repeat)
    pdf_time = best(lambda: pdf_renderer.pdf_bytes(report), args.repeat)
    print("  timing the cell-by-cell twins (slow) …", flush=True)
    docx_slow = best(lambda: CellByCellDocx(report, pages).write(), 1)
    pdf_slow = best(lambda: pdf_with_paragraph_cells(report), 1)
    print("  timing the DOCX export and its naive twin, alternated …", flush=True)
    export_wall: list[float] = []
    export_cpu: list[float] = []
    naive_wall: list[float] = []
    naive_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.docx"

        def export() -> None:
            export_report(inputs, "docx", target, register=register, options=options)
            target.unlink()

        def naive() -> None:
            model = build_report(inputs, None, register, options)
            target.write_bytes(CellByCellDocx(model, [None] * len(model.headings())).write())
            target.unlink()

        for _ in range(args.repeat):
            for walls, cpus, work in (
                (export_wall, export_cpu, export),
                (naive_wall, naive_cpu, naive),
            ):
                wall, cpu = wall_and_cpu(work)
                walls.append(wall)
                cpus.append(cpu)

    print(f"\n{'workload':<44} {'seconds':>9} {'twin':>9} {'speed-up':>9}  goal")
    print(f"{'build the report model':<44} {build_time:>9.3f}")
    print(f"{'anonymisation scan of the model':<44} {scan_time:>9.3f}")
    print(
        f"{'DOCX renderer (table XML in one piece)':<44} {docx_time:>9.3f} {docx_slow:>9.3f} "
        f"{docx_slow / docx_time:>8.1f}x"
    )
    print(f"{'DOCX contents page numbers (laid out)':<44} {pages_time:>9.3f}")
    print(
        f"{'PDF (rows drawn a page at a time)':<44} {pdf_time:>9.3f} {pdf_slow:>9.3f} "
        f"{pdf_slow / pdf_time:>8.1f}x  <= 2 s, >= 8x"
    )
    ratio = statistics.median(naive_wall) / statistics.median(export_wall)
    ratio_cpu = statistics.median(naive_cpu) / statistics.median(export_cpu)
    print(f"\nDOCX export as a user runs it, {args.repeat} runs each, min / median (seconds)")
    print(f"{'':<28} {'wall':>15} {'CPU':>15}")
    print(f"{'export_report':<28} {min_median(export_wall):>15} {min_median(export_cpu):>15}")
    print(f"{'naive add_row twin':<28} {min_median(naive_wall):>15} {min_median(naive_cpu):>15}")
    print(
        f"{'naive ÷ export (medians)':<28} {ratio:>14.1f}x {ratio_cpu:>14.1f}x"
        "  goal <= 1.5 s, >= 5x"
    )
    ok = (
        statistics.median(export_wall) <= 1.5
        and ratio >= 5
        and pdf_time <= 2
        and pdf_slow >= 8 * pdf_time
    )
    publication(inputs, register, args)
    print("\nall goals met" if ok else "\nSOME GOALS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
