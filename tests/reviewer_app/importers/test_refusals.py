"""Files that must be refused whole, with a message that says what to do."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from reviewer_app.errors import UserFacingError
from reviewer_app.importers import (
    ImportRefusedError,
    Limits,
    preview_file,
    xml_parts,
    zip_safety,
)
from tests.reviewer_app.importers import fixtures


def test_the_error_is_one_the_window_can_show() -> None:
    assert issubclass(ImportRefusedError, UserFacingError)
    assert ImportRefusedError.title == "The file was not imported"


def _refused(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(ImportRefusedError) as refused:
        if limits is None:
            preview_file(path)
        else:
            preview_file(path, limits=limits)
    return str(refused.value)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "chronology.csv"
    path.write_bytes(b"")
    assert "The file is empty" in _refused(path)


def test_a_file_that_is_not_there(tmp_path: Path) -> None:
    assert "could not be read" in _refused(tmp_path / "missing.xlsx")


def test_random_binary(tmp_path: Path) -> None:
    assert "not a spreadsheet, a Word document or a CSV" in _refused(
        fixtures.random_binary(tmp_path)
    )


@pytest.mark.parametrize(
    "builder", [fixtures.truncated_xlsx, fixtures.corrupt_docx], ids=["xlsx", "docx"]
)
def test_truncated_or_corrupt_office_files(tmp_path: Path, builder: Callable[[Path], Path]) -> None:
    message = _refused(builder(tmp_path))
    assert "damaged or incomplete" in message
    assert "send it again" in message


def test_an_xlsx_whose_sheet_xml_is_broken(tmp_path: Path) -> None:
    source = fixtures.no_date_xlsx(tmp_path).read_bytes()
    path = tmp_path / "broken.xlsx"
    fixtures._rewrite_zip(source, path, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData"})
    assert "damaged or incomplete" in _refused(path)


def test_a_named_xlsx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "chronology.xlsx"
    path.write_text("Date,Source,Event\n", encoding="utf-8")
    assert "damaged or incomplete" in _refused(path)


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = fixtures.zip_bomb_xlsx(tmp_path)
    assert path.stat().st_size < 64 * 1024  # the test file itself stays small
    message = _refused(path)
    assert "would grow" in message and "times when unpacked" in message


def test_a_part_over_the_unpacked_size_limit(tmp_path: Path) -> None:
    path = fixtures.messy_xlsx(tmp_path)
    message = _refused(path, Limits(max_member_bytes=2_000))
    assert "one part would unpack to" in message


def test_a_container_over_the_total_unpacked_limit(tmp_path: Path) -> None:
    path = fixtures.messy_xlsx(tmp_path)
    assert "it would unpack to" in _refused(path, Limits(max_total_bytes=10_000))


@pytest.mark.parametrize("builder", [fixtures.laughs_xlsx, fixtures.laughs_docx])
def test_billion_laughs_is_refused(tmp_path: Path, builder: Callable[[Path], Path]) -> None:
    assert "XML bomb" in _refused(builder(tmp_path))


@pytest.mark.parametrize("builder", [fixtures.laughs_xlsx, fixtures.laughs_docx])
def test_billion_laughs_is_refused_by_the_reader_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: Callable[[Path], Path]
) -> None:
    """Without the container check, the XML reader still refuses the part before parsing."""
    monkeypatch.setattr(zip_safety, "_check_prolog", lambda archive, info: None)
    assert "XML bomb" in _refused(builder(tmp_path))


@pytest.mark.parametrize("builder", [fixtures.laughs_xlsx, fixtures.laughs_docx])
def test_billion_laughs_is_refused_by_the_parser_last_of_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: Callable[[Path], Path]
) -> None:
    """Without either start-of-part check, the parser neither expands the entities nor lets
    the declaration through."""
    monkeypatch.setattr(zip_safety, "_check_prolog", lambda archive, info: None)
    monkeypatch.setattr(xml_parts, "check_head", lambda head, complete: None)
    assert "XML bomb" in _refused(builder(tmp_path))


def test_a_document_type_without_entities_is_refused_by_the_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zip_safety, "_check_prolog", lambda archive, info: None)
    monkeypatch.setattr(xml_parts, "check_head", lambda head, complete: None)
    source = fixtures.no_date_xlsx(tmp_path).read_bytes()
    path = tmp_path / "doctype.xlsx"
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    body = sheet.split(b"?>", 1)[-1]
    fixtures._rewrite_zip(
        source, path, {"xl/worksheets/sheet1.xml": b"<!DOCTYPE worksheet>" + body}
    )
    assert "XML bomb" in _refused(path)


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = fixtures.csv_rows(tmp_path, 100)
    message = _refused(path, Limits(max_file_bytes=1024))
    assert "larger than the 1 KB this app imports" in message


def test_too_many_rows_in_a_csv(tmp_path: Path) -> None:
    path = fixtures.csv_rows(tmp_path, 11)
    assert "more than 10 rows" in _refused(path, Limits(max_rows=10))
    assert len(preview_file(path, limits=Limits(max_rows=12)).rows) == 11


def test_too_many_rows_in_a_sheet(tmp_path: Path) -> None:
    path = fixtures.messy_xlsx(tmp_path)
    assert "Sheet 'Chronology' has more than 5 rows" in _refused(path, Limits(max_rows=5))


def test_too_many_rows_in_a_word_table(tmp_path: Path) -> None:
    path = fixtures.chronology_docx(tmp_path)
    assert "Table 2 has more than 3 rows" in _refused(path, Limits(max_rows=3))


def test_a_cell_too_long(tmp_path: Path) -> None:
    path = fixtures.write_csv(
        tmp_path / "long.csv", [["Date", "Source", "Event"], ["05/01/2015", "Note", "x" * 200]]
    )
    assert "more than 100 characters" in _refused(path, Limits(max_cell_chars=100))


def test_a_spreadsheet_with_no_date_column_names_its_headings(tmp_path: Path) -> None:
    message = _refused(fixtures.no_date_xlsx(tmp_path))
    assert message.startswith("No column that looks like dates was found")
    assert "the headings found were 'Name', 'Role', 'Team'" in message


def test_a_document_with_no_table(tmp_path: Path) -> None:
    assert "has no table in it" in _refused(fixtures.prose_only_docx(tmp_path))


def test_an_old_xls(tmp_path: Path) -> None:
    message = _refused(fixtures.old_xls(tmp_path))
    assert ".xls" in message and "Excel Workbook (.xlsx)" in message


def test_an_xls_named_file_is_refused_whatever_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("Date\tSource\tEvent\n05/01/2015\tLog\tCall\n", encoding="utf-8")
    assert "Excel Workbook (.xlsx)" in _refused(path)


def test_a_password_protected_office_file(tmp_path: Path) -> None:
    path = tmp_path / "protected.xlsx"
    path.write_bytes(fixtures.old_xls(tmp_path).read_bytes())
    assert "password" in _refused(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n%binary", "This PDF could not be read"),
        (b"{\\rtf1\\ansi Date}", "Rich Text"),
        (b"<html><body><table><tr><td>Date</td></tr></table>", "web page"),
    ],
)
def test_other_document_kinds_get_their_own_advice(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "chronology.csv"
    path.write_bytes(content)
    assert expected in _refused(path)


def test_a_zip_that_is_not_office(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "records.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("chronology.csv", "Date,Source,Event\n")
    assert "compressed (zip) folder" in _refused(path)


def test_an_empty_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    path = tmp_path / "empty sheet.xlsx"
    book.save(path)
    assert "Sheet 'Sheet' is empty" in _refused(path)


def test_refusal_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = fixtures.no_date_xlsx(tmp_path)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    _refused(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
