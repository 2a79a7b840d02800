"""Importing large agency files: time and peak memory, the app against a raw read, side by side.

    .venv/bin/python benchmarks/import_large.py [--scale 1.0] [--repeat 1] [--keep DIR]
                                                [--formats docx,csv,xlsx] [--linear]
                                                [--import-only]

Makes three synthetic chronologies at the sizes of issue 14 (a 150,000-row DOCX, a 200,000-row
CSV and a 190,000-row XLSX, counting title and heading rows; `--scale` shrinks or grows them;
200,000 rows and 50 MB are the app's limits), then for each file measures,
every run in a fresh process. Peak memory is that process's own high-water resident set
(`VmHWM` in /proc/self/status, read as it ends): not `ru_maxrss`, which on Linux carries over
the parent's peak through fork and exec, so it would count the memory this script used to
make the files. CPU seconds (user + system, from wait4) are printed beside the wall-clock
seconds, because on a shared machine they say more about the import's own cost.

* raw: the least any reader must do: `csv.reader` over the decoded text, openpyxl's read-only
  `iter_rows(values_only=True)`, or a bare `iterparse` over word/document.xml collecting text;
* preview: `preview_file`, what `import-chronology --dry-run` and the import window do;
* import: `preview_file` and then `import_for_agency` into a fresh empty review (opened with
  its passphrase, as the command does): the whole import a reviewer waits for.

Goals (issue 14): each import <= 15 s and <= 300 MB here, and time growing linearly with the
file (`--linear` also runs each file at a quarter of its size and prints seconds per 1,000
rows for both). The figures are single runs on a noisy machine unless --repeat is given (then
the median); read the ratios as much as the seconds. Every name and text is made up.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSPHRASE = "benchmark passphrase only"
SIZES = {"docx": 150_000, "csv": 200_000, "xlsx": 190_000}
HEADINGS = [
    "Date",
    "Time",
    "Source",
    "Practitioner / role",
    "Details of contact",
    "Action / Outcome",
    "Agency comment",
]
GOAL_SECONDS = 15.0
GOAL_MB = 300.0

# -- synthetic data -----------------------------------------------------------------------------


def _vocabulary(rng: random.Random) -> list[str]:
    """Made-up words, so the text compresses about as well as real case notes do."""
    consonants, vowels = "bcdfghjklmnprstvwyz", "aeiou"
    words = {
        "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(1, 4)))
        for _ in range(6000)
    }
    return sorted(words)


def synthetic_rows(count: int, seed: int = 14) -> list[list[object]]:
    """Rows under `HEADINGS`: dates as real dates and as UK text, some with problems."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    start = dt.date(2012, 1, 1)
    rows: list[list[object]] = []
    for n in range(count):
        day = start + dt.timedelta(days=n * 3650 // max(count, 1))
        date: object = day if n % 3 else day.strftime("%d/%m/%Y")
        if n % 997 == 5:
            date = "31/02/2015"  # an impossible date: a per-row problem
        event = " ".join(rng.choice(words) for _ in range(rng.randint(12, 22)))
        rows.append(
            [
                date,
                f"{9 + n % 9:02d}:{n % 60:02d}" if n % 4 == 0 else "",
                f"Case note {n}" if n % 501 else "",  # now and then no source
                f"Practitioner {n % 40}",
                f"Child M {event}; \u00a3{n % 90} \u201cnoted\u201d.",
                " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))),
                "" if n % 5 else " ".join(rng.choice(words) for _ in range(6)),
            ]
        )
    return rows


def _text(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)


def make_csv(path: Path, rows: int) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Northshire Police chronology (synthetic)"])
    writer.writerow([])
    writer.writerow(HEADINGS)
    for row in synthetic_rows(rows - 3):  # the title, blank and heading rows count too
        writer.writerow([_text(v) for v in row])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _column(index: int) -> str:
    return "ABCDEFGHIJ"[index]


def make_xlsx(path: Path, rows: int) -> None:
    """Written as Excel writes it (shared strings, date cells as serial numbers with a date
    style), directly, because openpyxl takes minutes to write this much."""
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    epoch = dt.date(1899, 12, 30)
    body = io.StringIO()
    body.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
    )
    sheet_rows: list[list[object]] = [["Northshire Police chronology (synthetic)"], [], HEADINGS]
    sheet_rows.extend(synthetic_rows(rows - 3))
    for number, values in enumerate(sheet_rows, start=1):
        body.write(f'<row r="{number}">')
        for index, value in enumerate(values):
            ref = f"{_column(index)}{number}"
            if isinstance(value, dt.date):
                body.write(f'<c r="{ref}" s="1"><v>{(value - epoch).days}</v></c>')
            elif value != "":
                body.write(f'<c r="{ref}" t="s"><v>{shared(str(value))}</v></c>')
        body.write("</row>")
    body.write("</sheetData></worksheet>")
    shared_xml = io.StringIO()
    shared_xml.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
    )
    for text in strings:
        shared_xml.write(f"<si><t>{escape(text)}</t></si>")
    shared_xml.write("</sst>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Chronology" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            '</cellStyleXfs><cellXfs count="2">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/></cellXfs></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": body.getvalue(),
        "xl/sharedStrings.xml": shared_xml.getvalue(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))


def make_docx(path: Path, rows: int) -> None:
    """A Word document as Word writes one: prose, then the chronology table, each cell with its
    width; written directly, because python-docx takes minutes."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    widths = [1200, 700, 1400, 1500, 3600, 2000, 1800]

    def cell(text: str, width: int) -> str:
        paragraphs = text.split("\n") if text else [""]
        runs = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs
        )
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{runs}</w:tc>'

    def row(values: list[object]) -> str:
        cells = "".join(cell(_text(v), width) for v, width in zip(values, widths, strict=True))
        return f'<w:tr w:rsidR="00A1B2C3">{cells}</w:tr>'

    body = io.StringIO()
    body.write(
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{w}">'
        "<w:body><w:p><w:r><w:t>Northshire Police: chronology of involvement "
        '(synthetic)</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        + "</w:tblGrid>"
    )
    body.write(row(list(HEADINGS)))
    for values in synthetic_rows(rows - 1):  # the heading row counts too
        body.write(row(values))
    body.write("</w:tbl><w:p/><w:sectPr/></w:body></w:document>")
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": body.getvalue(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))


MAKERS = {"csv": make_csv, "xlsx": make_xlsx, "docx": make_docx}

# -- what each measured process does ------------------------------------------------------------


def raw_read(path: Path) -> int:
    """The least any importer must do: every cell's text, row by row, nothing kept."""
    suffix = path.suffix.lower()
    count = 0
    if suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as stream:
            for _ in csv.reader(stream):
                count += 1
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                count += 1
        book.close()
    else:
        from xml.etree.ElementTree import iterparse

        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as part:
            texts: list[str] = []
            for _event, element in iterparse(part):
                if element.tag == f"{w}t":
                    texts.append(element.text or "")
                elif element.tag == f"{w}tr":
                    count += 1
                    texts = []
                    element.clear()
    return count


def child(mode: str, path: Path, review: Path | None) -> dict[str, float]:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    if mode == "raw":
        timings["rows"] = raw_read(path)
    else:
        from reviewer_app.importers import preview_file

        preview = preview_file(path)
        timings["rows"] = len(preview.rows)
        timings["preview"] = time.perf_counter() - start
        if mode == "import":
            assert review is not None
            from reviewer_app.wiring import open_services
            from storage.backups import BackupStore
            from storage.keyring_store import KeyringStore, NoKeyring
            from storage.library import StoredReviewFiles

            files = StoredReviewFiles(
                BackupStore(review.parent / "backups"),
                KeyringStore(NoKeyring()),  # type: ignore[arg-type]
            )
            services = open_services(files.open(review, passphrase=PASSPHRASE))
            try:
                _, result = services.chronology.import_for_agency(preview, "Northshire Police")
            finally:
                services.close()
            timings["imported"] = result.imported
    timings["seconds"] = time.perf_counter() - start
    timings["peak_mb"] = own_peak_mb()
    return timings


def own_peak_mb() -> float:
    """This process's own peak resident memory, in MB (Linux: VmHWM, which starts afresh at
    exec, unlike ru_maxrss, which keeps the parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise SystemExit("this benchmark reads /proc/self/status (Linux only)")


def measure(mode: str, path: Path, review: Path | None = None) -> dict[str, float]:
    """One run in a fresh process: its figures and its peak resident memory."""
    command = [sys.executable, __file__, "--child", mode, str(path)]
    if review is not None:
        command.append(str(review))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{mode} of {path.name} failed ({process.returncode})")
    figures: dict[str, float] = json.loads(output)
    figures["cpu"] = usage.ru_utime + usage.ru_stime
    return figures


def fresh_review(folder: Path) -> Path:
    from reviewer_app.review import Review
    from storage.backups import BackupStore
    from storage.keyring_store import KeyringStore, NoKeyring
    from storage.library import StoredReviewFiles

    path = folder / f"empty-{time.monotonic_ns()}.review"
    files = StoredReviewFiles(BackupStore(folder / "backups"), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    created = files.create(path, Review(title="Import benchmark"), PASSPHRASE)
    created.review.close()
    return path


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def run_file(
    kind: str, path: Path, work: Path, repeat: int, modes: tuple[str, ...]
) -> dict[str, dict[str, float]]:
    results: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    for _ in range(repeat):  # interleaved, so load on the machine hits all three alike
        for mode in modes:
            if mode != "import":
                results[mode].append(measure(mode, path))
                continue
            review = fresh_review(work)
            results[mode].append(measure(mode, path, review))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{review}{suffix}").unlink(missing_ok=True)
    return {mode: median_of(runs) for mode, runs in results.items()}


def figures_line(kind: str, rows: int, size_mb: float, got: dict[str, dict[str, float]]) -> str:
    full = got["import"]
    raw = got.get("raw")
    parts = [f"{kind:4} {rows:>8,} rows {size_mb:5.1f} MB"]
    if raw is not None:
        parts.append(f"raw {raw['seconds']:6.2f} s {raw['peak_mb']:5.0f} MB")
    if "preview" in got:
        preview = got["preview"]
        ratios = (
            f" ({preview['seconds'] / raw['seconds']:4.2f}x, "
            f"{preview['peak_mb'] / raw['peak_mb']:4.2f}x)"
            if raw is not None
            else ""
        )
        parts.append(f"preview {preview['seconds']:6.2f} s {preview['peak_mb']:5.0f} MB{ratios}")
    ratios = (
        f"{full['seconds'] / raw['seconds']:4.2f}x, {full['peak_mb'] / raw['peak_mb']:4.2f}x; "
        if raw is not None
        else ""
    )
    parts.append(
        f"import {full['seconds']:6.2f} s (cpu {full['cpu']:5.2f} s) {full['peak_mb']:5.0f} MB "
        f"({ratios}preview part {full['preview']:.2f} s, {full['imported']:,.0f} entries)"
    )
    return " | ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--formats", default="docx,csv,xlsx")
    parser.add_argument("--linear", action="store_true", help="also run at a quarter size")
    parser.add_argument("--keep", type=Path, help="make (or reuse) the files in this folder")
    parser.add_argument(
        "--import-only", action="store_true", help="measure only the import, not raw or preview"
    )
    args = parser.parse_args()
    modes = ("import",) if args.import_only else ("raw", "preview", "import")

    work = Path(tempfile.mkdtemp(prefix="reviewer-import-bench-"))
    folder = args.keep or work
    folder.mkdir(parents=True, exist_ok=True)
    scales = [args.scale / 4, args.scale] if args.linear else [args.scale]
    lines: list[str] = []
    verdicts: list[bool] = []
    try:
        for kind in args.formats.split(","):
            per_row: list[tuple[int, float, float]] = []
            for scale in scales:
                rows = max(int(SIZES[kind] * scale), 10)
                path = folder / f"synthetic-{rows}.{kind}"
                if not path.exists():
                    print(f"Making {path.name} …", flush=True)
                    MAKERS[kind](path, rows)
                size_mb = path.stat().st_size / 2**20
                print(f"Measuring {path.name} ({size_mb:.1f} MB) …", flush=True)
                got = run_file(kind, path, work, args.repeat, modes)
                full = got["import"]
                lines.append(figures_line(kind, rows, size_mb, got))
                per_row.append((rows, full["seconds"], full["cpu"]))
                if scale == args.scale and args.scale >= 1.0:
                    verdicts.append(full["seconds"] <= GOAL_SECONDS and full["peak_mb"] <= GOAL_MB)
            if len(per_row) == 2:
                (small, t_small, c_small), (big, t_big, c_big) = per_row
                lines.append(
                    f"     linear? {t_small / small * 1000:.3f} s per 1,000 rows at {small:,}, "
                    f"{t_big / big * 1000:.3f} at {big:,} (ratio {t_big / t_small:.2f} for "
                    f"{big / small:.1f}x the rows; cpu ratio {c_big / c_small:.2f})"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(
        "ratios are app / raw (time, peak memory); figures are medians of --repeat runs; "
        "peak MB is each process's own"
    )
    for line in lines:
        print(line)
    if verdicts:
        met = all(verdicts)
        print(
            f"\nGoal (each import <= {GOAL_SECONDS:.0f} s and <= {GOAL_MB:.0f} MB): "
            + ("met" if met else "NOT met")
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        review_arg = Path(sys.argv[4]) if len(sys.argv) > 4 else None
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), review_arg)))
        sys.exit(0)
    sys.exit(main())
