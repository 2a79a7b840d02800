"""The DOCX of a long appendix, made fast (issue 16), says exactly what the slow ways said.

* The contents' page numbers are laid out without drawing a table or writing a PDF, and are
  still the pages the PDF's own bookmarks give, headings after the streamed appendix included.
* The appendix rows are streamed into word/document.xml as the zip is written: every part and
  every zip entry is what building the table in python-docx's tree gives.
* The gate reads a big part back a slice at a time, and reads the same text (so finds the same
  things) as reading it whole, wherever the slices are cut.
* The glossary looks for its terms led by the term, not by a lookbehind, and finds the same.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exporters import contents_pages, docx_renderer, pdf_renderer, pdf_table
from exporters.report import ReportOptions, appendices, build_report, docx_text
from exporters.report.export import check_written
from exporters.report_model import Report, Table
from reviewer_app.anonymisation import HitKind
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.demo import build_demo
from reviewer_app.reporting.inputs import ReportInputs, register_for
from tests.exporters.report_fixtures import REGISTER, outline_pages


def _long_report(entries: int = 600) -> Report:
    """The demo with a full chronology appendix long enough to be streamed, one entry long
    enough to be set in pieces, and appendices after it."""
    snapshot = build_demo(entries)
    rows = list(snapshot.entries)
    rows[40] = rows[40].with_changes(
        event="The social worker recorded the home conditions at length. " * 120
    )
    snapshot = replace(snapshot, entries=tuple(rows))
    register = register_for(snapshot, PseudonymRegister())
    return build_report(ReportInputs(snapshot), None, register, ReportOptions(chronology="full"))


@pytest.fixture(scope="module")
def long_report() -> Report:
    return _long_report()


def test_the_contents_pages_are_the_pdf_s_own_without_drawing_anything(
    long_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables = [b for b in long_report.blocks() if isinstance(b, Table)]
    assert any(len(t.rows) > 500 for t in tables)
    headings = long_report.headings()
    after = headings.index(next(h for h in headings if h.text.startswith("Appendix A")))
    assert len(headings) > after + 1  # headings after the appendix: its length moves them
    reader = PdfReader(io.BytesIO(pdf_renderer.pdf_bytes(long_report)))
    drawn = outline_pages(reader, reader.outline)
    assert drawn[-1] > 20

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("laying out the contents' pages drew a table or wrote a PDF")

    monkeypatch.setattr(pdf_table.Rows, "draw", never)
    monkeypatch.setattr(pdf_renderer.Canvas, "save", never)
    assert contents_pages.heading_pages(long_report) == drawn


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return [(info, archive.read(info)) for info in archive.infolist()]


def test_a_streamed_appendix_writes_the_same_file_as_the_tree_built_table(
    long_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = contents_pages.heading_pages(long_report)
    streamed = docx_renderer.docx_bytes(long_report, pages)
    monkeypatch.setattr(docx_renderer, "STREAMED_ROWS", 10**9)
    built = docx_renderer.docx_bytes(long_report, pages)
    ours, theirs = _members(streamed), _members(built)
    assert [i.filename for i, _ in ours] == [i.filename for i, _ in theirs]
    for (mine, text), (other, expected) in zip(ours, theirs, strict=True):
        assert (mine.date_time, mine.compress_type, mine.external_attr, mine.create_system) == (
            other.date_time,
            other.compress_type,
            other.external_attr,
            other.create_system,
        )
        if mine.filename == "word/document.xml":
            # python-docx's serialiser declares namespaces and writes empty elements its own way
            continue
        assert text == expected, mine.filename
    document = dict(ours)[next(i for i, _ in ours if i.filename == "word/document.xml")]
    assert docx_renderer._PLACEHOLDER.encode() not in document
    rows = [t for t in long_report.blocks() if isinstance(t, Table)]
    longest = max(rows, key=lambda t: len(t.rows))
    assert document.count(b"<w:tr>") >= len(longest.rows)


def _texts(data: bytes) -> list[tuple[str, str]]:
    return [(p.block, p.text) for p in docx_text.docx_texts(data)]


def test_a_big_part_read_in_slices_reads_as_the_whole_part(
    long_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = docx_renderer.docx_bytes(long_report, contents_pages.heading_pages(long_report))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = archive.getinfo("word/document.xml").file_size
    monkeypatch.setattr(docx_text, "_SLICE", 10**12)  # every part read whole
    whole = _texts(data)
    for slice_size in (size // 7, 4096, 64, 1):
        monkeypatch.setattr(docx_text, "_SLICE", slice_size)
        assert _texts(data) == whole, slice_size


def test_a_name_deep_in_a_streamed_appendix_is_found_however_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = _long_report(400)
    table = max((b for b in report.blocks() if isinstance(b, Table)), key=lambda t: len(t.rows))
    rows = list(table.rows)
    rows[350] = (*rows[350][:-1], "Seen at home by Philippa Quartermaine; she said all was well.")
    leaky = replace(table, rows=tuple(rows))
    sections = tuple(
        replace(s, blocks=tuple(leaky if b is table else b for b in s.blocks))
        for s in report.sections
    )
    data = docx_renderer.docx_bytes(replace(report, sections=sections), [None] * 200)
    monkeypatch.setattr(docx_text, "_SLICE", 10**12)
    whole = check_written(data, "docx", REGISTER)
    assert whole and {h.kind for h in whole} == {HitKind.NAME}
    monkeypatch.setattr(docx_text, "_SLICE", 2048)
    assert check_written(data, "docx", REGISTER) == whole


#: Pieces of WordprocessingML and of text that a cut could split badly: runs, breaks, open
#: attribute values, entities and references, a character's UTF-8 bytes apart.
_TOKENS = [
    b"<w:p>",
    b"</w:p>",
    b"<w:tc>",
    b"</w:tc>",
    b"<w:t>",
    b'<w:t xml:space="preserve">',
    b"</w:t>",
    b"<w:r>",
    b"</w:r>",
    b"<w:br/>",
    b"<w:tab/>",
    b"<w:instrText>",
    b"</w:",
    b"<w:tbl>",
    b'name="',
    b'descr="',
    b'title="',
    b'"',
    b">",
    b"<",
    b"\n",
    b"&amp;",
    b"&lt;",
    b"&#39;",
    b"&",
    b"amp;",
    b"Quartermaine",
    b" ",
    b"\xe2\x80\x99",
    b"\xe2",
    b"\x80\x99",
]


def _read_whole(raw: bytes) -> str:
    """How the gate read a Word part before slices (the reference): every run, break and
    attribute of the whole part in one pass each."""
    import html
    import re

    runs = re.compile(
        rb"<(?:/w:(?:p|tc)>|w:(?:t|instrText|delText)(?:\s[^>]*)?(>[^<]*)</w:|w:(?:br|tab)/>)"
    )
    if b"<w:t" in raw:
        found = [b"\n".join(runs.findall(raw)).replace(b"\n>", b"").removeprefix(b">")]
    else:
        found = re.findall(rb">([^<]+)<", raw)
    for name in (b"descr", b"title", b"name"):
        found.extend(re.findall(name + rb'="([^"]*[A-Za-z][^"]*)"', raw))
    text = b"\n".join(found)
    if b"&" not in text:
        return text.decode("utf-8", "replace")
    if b"&#" in text:
        return html.unescape(text.decode("utf-8", "replace"))
    for entity, character in docx_text._ENTITIES:
        text = text.replace(entity, character)
    return text.decode("utf-8", "replace")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=120), st.integers(1, 80))
def test_any_part_reads_the_same_in_slices_of_any_size(tokens: list[bytes], size: int) -> None:
    raw = b"".join(tokens)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", raw)
        archive.writestr("word/footer1.xml", raw)
    original, docx_text._SLICE = docx_text._SLICE, size
    try:
        pieces = docx_text.docx_texts(out.getvalue())  # the document sliced (if > size)
    finally:
        docx_text._SLICE = original
    assert [p.text for p in pieces] == [_read_whole(raw)] * 2


def _uses_as_before(text: str, term: str) -> bool:
    """The glossary's test before (the reference): one regex led by a lookbehind."""
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", text, flags) is not None


_GLOSSARY_TERMS = ["GP", "CP", "LADO", "Child protection", "Child protection plan", "s.47", "A&E"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*_GLOSSARY_TERMS, "gp", "Gp", "child PROTECTION", " ", "x", "_", "9", "é", "ſ", "\n"]
        ),
        max_size=30,
    ).map("".join),
    st.sampled_from(_GLOSSARY_TERMS),
)
def test_the_glossary_finds_a_term_exactly_where_the_lookbehind_regex_did(
    text: str, term: str
) -> None:
    assert appendices.uses(text, term) == _uses_as_before(text, term)


def test_the_glossary_of_a_long_appendix_lists_what_it_listed(long_report: Report) -> None:
    used = "\n".join(
        getattr(b, "text", "") or "\n".join(" ".join(r) for r in getattr(b, "rows", ()))
        for b in long_report.blocks()
    )
    terms = [term for term, _meaning, _always in appendices._glossary()]
    assert [appendices.uses(used, t) for t in terms] == [_uses_as_before(used, t) for t in terms]
    assert any(appendices.uses(used, t) for t in terms)
    assert not all(appendices.uses(used, t) for t in terms)


def test_the_glossary_read_in_runs_of_lines_lists_what_the_whole_text_did(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from exporters.report import build

    inputs = ReportInputs(build_demo(300))
    options = ReportOptions(chronology="full")

    def glossary(report: Report) -> Table:
        appendix = next(s for s in report.sections if s.key == "appendix-glossary")
        return next(b for b in appendix.blocks if isinstance(b, Table))

    whole = glossary(build_report(inputs, options=options))
    assert 3 < len(whole.rows) < len(appendices._glossary())
    for run in (1, 50, 4096):
        monkeypatch.setattr(build, "USED_TEXT_RUN", run)
        assert glossary(build_report(inputs, options=options)) == whole
