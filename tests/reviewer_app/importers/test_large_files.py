"""Large chronologies: the same rows from CSV, Excel and Word, read right and read in bounded
memory. The files are the synthetic ones of benchmarks/import_large.py, at a few thousand rows
to keep the suite fast (the benchmark runs them at 150,000-200,000). Nothing here is timed."""

from __future__ import annotations

import importlib.util
import io
import random
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from reviewer_app.chronology.importing import ImportPreview, ProblemKind
from reviewer_app.importers import preview_file
from reviewer_app.importers.docx_tables import (
    _general_row_cells,
    _has_tracked_changes,
    _plain_row_cells,
    _row_cells,
)
from reviewer_app.importers.tables import TextCache
from reviewer_app.importers.xml_parts import children, elements
from tests.reviewer_app.importers import fixtures

ROOT = Path(__file__).resolve().parents[3]
ROWS = 5_000


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "import_large", ROOT / "benchmarks" / "import_large.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCHMARK = _benchmark()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ImportPreview]:
    folder = tmp_path_factory.mktemp("large")
    previews = {}
    for kind in ("csv", "xlsx", "docx"):
        path = folder / f"synthetic.{kind}"
        BENCHMARK.MAKERS[kind](path, ROWS)
        previews[kind] = preview_file(path)
    return previews


@pytest.mark.parametrize("kind", ["csv", "xlsx", "docx"])
def test_every_row_is_read_with_its_problems(large: dict[str, ImportPreview], kind: str) -> None:
    preview = large[kind]
    data_rows = ROWS - (1 if kind == "docx" else 3)  # less the title, blank and heading rows
    expected = BENCHMARK.synthetic_rows(data_rows)
    assert len(preview.rows) == data_rows
    assert preview.headers == tuple(BENCHMARK.HEADINGS)
    first = 2 if kind == "docx" else 4
    assert [row.row_number for row in preview.rows] == list(range(first, first + data_rows))
    for row, values in zip(preview.rows, expected, strict=True):
        assert row.event == values[4]
        assert row.source == (values[2] or f"synthetic.{kind}, row {row.row_number}")
        assert row.source_made is not bool(values[2])
        assert row.outcome == values[5]
        assert row.agency_comment == values[6]
    impossible = [n for n in range(data_rows) if n % 997 == 5]
    no_source = [n for n in range(data_rows) if n % 501 == 0]
    kinds = {(p.row_number - first, p.kind) for p in preview.problems}
    assert {(n, ProblemKind.IMPOSSIBLE_DATE) for n in impossible} <= kinds
    assert {(n, ProblemKind.MISSING_SOURCE) for n in no_source} <= kinds
    # A row without a source is imported with one made for it; only the dates keep rows out.
    assert len(preview.importable) == data_rows - len(impossible)


def test_excel_and_csv_give_the_same_entries(large: dict[str, ImportPreview]) -> None:
    def entries(preview: ImportPreview) -> list[tuple[object, ...]]:
        return [
            (
                r.date and (r.date.start, r.date.end, r.date.time),
                "" if r.source_made else r.source,
                r.event,
                r.outcome,
            )
            for r in preview.rows
        ]

    assert entries(large["xlsx"]) == entries(large["csv"])


def test_repeated_texts_are_held_once(large: dict[str, ImportPreview]) -> None:
    """A practitioner named in thousands of rows is one string, not thousands."""
    for preview in large.values():
        practitioners = {id(row.practitioner) for row in preview.rows}
        assert len(practitioners) <= 40


# -- memory ----------------------------------------------------------------------------------

_PEAK = """
import resource, sys
from pathlib import Path
from reviewer_app.importers import preview_file


def peak_kb():
    # This process's own peak (Linux's ru_maxrss keeps the parent's peak across fork and exec,
    # which would hide the growth measured here).
    try:
        status = Path("/proc/self/status").read_text()
        return next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


preview_file(Path(sys.argv[1]))  # imports and caches first
base = peak_kb()
preview_file(Path(sys.argv[2]))
print((peak_kb() - base) / 1024)
"""


def _peak_mb(warm: Path, path: Path) -> float:
    """How far previewing `path` raises a fresh process's peak memory, in MB."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(warm), str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=600,
    )
    return float(done.stdout.strip())


@pytest.mark.posix_only  # measures memory with the resource module
@pytest.mark.parametrize("kind", ["docx", "xlsx", "csv"])
def test_memory_grows_with_the_rows_not_with_the_xml(tmp_path: Path, kind: str) -> None:
    """8 times the rows: memory grows about 8 times what the rows' text needs. Reading a Word
    table through an object model took about ten times its XML (880 MB at 150,000 rows)."""
    warm = tmp_path / f"warm.{kind}"
    BENCHMARK.MAKERS[kind](warm, 20)
    peaks = {}
    for rows in (2_000, 16_000):
        path = tmp_path / f"rows-{rows}.{kind}"
        BENCHMARK.MAKERS[kind](path, rows)
        peaks[rows] = _peak_mb(warm, path)
    # 16,000 rows of this text are about 25 MB held in the preview.
    assert peaks[16_000] < 70, peaks
    assert peaks[16_000] < 12 * max(peaks[2_000], 2.0), peaks


def _prose_after_table_docx(path: Path, paragraphs: int) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    table = (
        "<w:tbl>"
        + "".join(
            "<w:tr>"
            + "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" for text in row)
            + "</w:tr>"
            for row in (("Date", "Source", "Event"), ("05/01/2015", "Case note", "Visit"))
        )
        + "</w:tbl>"
    )
    rng = random.Random(7)
    words = [f"{rng.choice('bcdfghklmnprstvw')}{rng.choice('aeiou')}{n}" for n in range(5000)]
    body = io.StringIO()
    body.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>')
    body.write(table)
    for _ in range(paragraphs):
        text = " ".join(rng.choice(words) for _ in range(60))
        body.write(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    body.write("</w:body></w:document>")
    source = fixtures.prose_only_docx(path.parent).read_bytes()
    fixtures._rewrite_zip(source, path, {"word/document.xml": body.getvalue().encode()})


@pytest.mark.posix_only  # measures memory with the resource module
def test_prose_around_a_table_is_let_go_as_it_is_read(tmp_path: Path) -> None:
    warm = fixtures.chronology_docx(tmp_path)
    path = tmp_path / "long report.docx"
    _prose_after_table_docx(path, 60_000)  # about 30 MB of paragraphs after the table
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size > 25_000_000
    preview = preview_file(path)
    assert [row.event for row in preview.rows] == ["Visit"]
    assert _peak_mb(warm, path) < 40  # an element tree of 30 MB of XML takes hundreds


def test_elements_let_go_of_what_is_not_asked_for() -> None:
    xml = b"<root>" + b"<skip><x>text</x></skip>" * 5000 + b"<want>1</want><skip/></root>"
    found = [element.text for element in elements(io.BytesIO(xml), "want", "root")]
    assert found == ["1"]


def test_children_of_the_outermost_parents_come_in_order_across_chunks() -> None:
    """Each child of each outermost `list` once, in order, then the list's end; a list inside
    an item stays part of that item; what is around the lists is passed over."""
    items = "".join(f"<i>{n}</i>" for n in range(40_000))  # far more than one chunk
    xml = (
        f"<root><skip>{'x' * 300_000}</skip><list>{items}"
        "<i>outer<list><i>inner</i></list></i></list><other/><list><i>last</i></list></root>"
    ).encode()
    seen: list[tuple[int, str | None]] = []
    parents: list[object] = []
    for parent, child in children(io.BytesIO(xml), "list", "root"):
        if parent not in parents:
            parents.append(parent)
        index = parents.index(parent)
        if child is None:
            seen.append((index, None))
        else:
            seen.append((index, "".join(child.itertext())))
    assert seen == [
        *((0, str(n)) for n in range(40_000)),
        (0, "outerinner"),
        (0, None),
        (1, "last"),
        (1, None),
    ]


# -- the plain-row path of the Word reader --------------------------------------------------


def test_plain_rows_read_exactly_as_the_general_path(tmp_path: Path) -> None:
    """Rows without nested tables, text boxes, deletions, tabs or breaks take a faster path;
    it must give the same cells as the general one on every row it is used for, and find the
    same tracked changes."""
    from lxml import etree

    paths = [
        fixtures.chronology_docx(tmp_path),
        fixtures.tracked_changes_docx(tmp_path),
        fixtures.prose_only_docx(tmp_path),
    ]
    big = tmp_path / "synthetic.docx"
    BENCHMARK.make_docx(big, 300)
    paths.append(big)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    inserted_only = (
        f'<w:document xmlns:w="{w}"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Visit </w:t>'
        '</w:r><w:ins w:id="1"><w:r><w:t>done</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:tcPr>'
        '<w:gridSpan w:val="2"/></w:tcPr><w:p/><w:p><w:r><w:t>two</w:t></w:r></w:p></w:tc>'
        "</w:tr></w:tbl></w:body></w:document>"
    ).encode()
    documents = [inserted_only]
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            documents.append(archive.read("word/document.xml"))
    plain = general = plain_tracked = 0
    for document in documents:
        root = etree.fromstring(document)
        for tr in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr"):
            expected = _general_row_cells(tr, TextCache())
            tracked = _has_tracked_changes(tr)
            fast = _plain_row_cells(tr, TextCache())
            if fast is not None:
                assert fast == (expected, tracked)
                plain += 1
                plain_tracked += tracked
            else:
                general += 1
            assert _row_cells(tr, TextCache()) == (expected, tracked)
    assert plain > 300 and general >= 1  # the tracked deletion takes the general path
    assert plain_tracked >= 1  # an insertion alone is read on the plain path
