"""UTF-16 text exports, with or without a byte-order mark (the refusal message names UTF-16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.importers import ImportRefusedError, preview_file
from reviewer_app.importers.formats import utf16_without_bom
from tests.reviewer_app.importers import fixtures

ROWS = [
    ["Date", "Source", "Details of contact"],
    ["03/02/2015", "HV record", "Mother spent \u00a340; \u201cgood\u201d \u2013 Zo\u00eb there."],
    ["04/02/2015", "GP record", "Immunisations missed."],
]  # fmt: skip


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-16", "UTF-16 (Unicode text)."),
        ("utf-16-le", "UTF-16 (Unicode text without a byte-order mark)."),
        ("utf-16-be", "UTF-16 (Unicode text without a byte-order mark)."),
    ],
)
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_utf16_is_read_with_or_without_a_byte_order_mark(
    tmp_path: Path, encoding: str, note: str, delimiter: str
) -> None:
    path = fixtures.write_csv(
        tmp_path / "unicode.txt", ROWS, delimiter=delimiter, encoding=encoding
    )
    preview = preview_file(path)
    assert preview.file_format == "csv"
    assert preview.headers == tuple(ROWS[0])
    assert [row.event for row in preview.rows] == [ROWS[1][2], ROWS[2][2]]
    assert [row.row_number for row in preview.rows] == [2, 3]
    assert any(n.endswith(note) for n in preview.notes), preview.notes


def test_the_detection_needs_text_not_just_zero_bytes() -> None:
    assert utf16_without_bom("Date,Source\r\n".encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom("Date,Source\r\n".encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(b"Date,Source\r\n") is None
    assert utf16_without_bom(bytes(range(256)) * 8) is None  # binary
    assert utf16_without_bom(b"\x00\x01\x00\x02" * 100) is None  # zeros, but control codes


def test_binary_with_zero_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ImportRefusedError, match="not a spreadsheet, a Word document or a CSV"):
        preview_file(path)


def test_utf16_damaged_after_its_start_is_refused_plainly(tmp_path: Path) -> None:
    data = ("Date,Source\r\n" + "03/02/2015,HV\r\n" * 5000).encode("utf-16-le")
    path = tmp_path / "broken.csv"
    path.write_bytes(data + "\ud800".encode("utf-16-le", "surrogatepass") + b"A\x00")
    with pytest.raises(ImportRefusedError, match=r"UTF-8, UTF-16 or Windows-1252"):
        preview_file(path)
