"""Published-review import: hostile and broken files each refuse only themselves, with a plain
reason, and the good reports beside them are imported (issue 19, per-file isolation)."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer_app.errors import InvalidInputError
from reviewer_app.published import reading
from reviewer_app.services.published import PublishedLibrary
from tests.reviewer_app.published.corpus import make_corpus

_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"></Types>'
)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _pdf_with_stream(body: bytes) -> bytes:
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Length "
        + str(len(body)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + body
        + b"\nendstream\nendobj\ntrailer\n<< >>\n%EOF\n"
    )


def _hostile(folder: Path) -> dict[str, str]:
    """Files that must each be refused, and a few words of the reason each gets."""
    files = {
        "zip-bomb.docx": (
            _zip({"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": b" " * 5_000_000}),
            "overload this computer",
        ),
        "xml-bomb.docx": (
            _zip(
                {
                    "[Content_Types].xml": _CONTENT_TYPES,
                    "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aa">]>'
                    b"<d>&a;</d>",
                }
            ),
            "overload this computer",
        ),
        "a-spreadsheet.docx": (
            _zip({"[Content_Types].xml": _CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"}),
            "not a Word (.docx) document",
        ),
        "truncated.docx": (b"PK\x03\x04" + b"\0" * 40, "not a Word document that can be read"),
        "stream-bomb.pdf": (
            _pdf_with_stream(zlib.compress(b"\0" * (70 * 1024 * 1024), 9)),
            "overload this computer",
        ),
        "not-a-pdf.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 8, "damaged PDF"),
        "notes.docx": (b"plain text pretending", "not a Word document that can be read"),
    }
    for name, (data, _reason) in files.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_data, reason) in files.items()}


def test_hostile_files_refuse_only_themselves(library: PublishedLibrary, tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    made = make_corpus(folder, 6, seed=5)
    reasons = _hostile(folder)
    result = library.import_folder(folder)
    assert len(result.added) == len(made)
    refused = dict(result.refused)
    assert set(refused) == set(reasons)
    for name, reason in reasons.items():
        assert reason in refused[name], (name, refused[name])
        assert "Traceback" not in refused[name]


def test_a_pdf_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    made = make_corpus(tmp_path / "one", 1, seed=6)[0]
    pdf = next(p for p in (tmp_path / "one").iterdir() if p.suffix == ".pdf")
    no_time = replace(reading.LIMITS, max_pdf_seconds=-1.0, max_pdf_seconds_per_page=0.0)
    with pytest.raises(InvalidInputError, match="took longer than"):
        reading._pdf_pages(pdf.read_bytes(), pdf.name, limits=no_time)
    assert made.title  # the same file reads in full within the ordinary limits
    assert reading._pdf_pages(pdf.read_bytes(), pdf.name)


def test_a_page_with_an_absurd_amount_of_text_is_refused(tmp_path: Path) -> None:
    make_corpus(tmp_path / "one", 1, seed=7)
    pdf = next(p for p in (tmp_path / "one").iterdir() if p.suffix == ".pdf")
    tiny = replace(reading.LIMITS, max_pdf_page_chars=10)
    with pytest.raises(InvalidInputError, match="overload this computer"):
        reading._pdf_pages(pdf.read_bytes(), pdf.name, limits=tiny)
