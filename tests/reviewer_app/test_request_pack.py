"""Request packs: made for an agency, filled in as the agency would, and imported exactly."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest

from exporters.request_pack import write_request_pack
from reviewer_app.chronology.entry import AgencyType
from reviewer_app.chronology.requests import RequestStatus
from reviewer_app.errors import InvalidInputError
from reviewer_app.importers.pack_return import pack_reference, preview_pack_return
from reviewer_app.paths import AppPaths
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.review import ScopePeriod
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.requests import ReturnedPack, check_agency
from tests.helpers.reviews import new_services

# What the agency writes: Excel dates and times where it knows them, text where it does not.
AGENCY_ROWS: list[tuple[object, ...]] = [
    ("approx 05/2014", None, "Log 14/0870", "Call handler", "Anonymous call about shouting.",
     "No attendance; logged.", "Should have been attended."),
    (dt.datetime(2014, 6, 23), dt.time(14, 5), "Log 14/1191", "PC", "Officers attended the "
     "home after a call from a neighbour.", "Referral to children's social care.", ""),
    (dt.datetime(2015, 1, 12), None, "Custody record 15/22", "Custody sergeant",
     "Father arrested for assault.", "Released under investigation.", ""),
    ("w/c 12/01/2015", None, "Intelligence 15/3", "Analyst", "Intelligence report "
     "shared with social care.", "", ""),
]  # fmt: skip


def _services(tmp_path: Path, app_paths: AppPaths) -> ReviewServices:
    services = new_services(tmp_path / "r.review", app_paths, title="Child M")
    facts = services.details.load()
    details = replace(
        facts.details,
        board="Northshire Safeguarding Children Partnership",
        scope=ScopePeriod(dt.date(2013, 1, 1), dt.date(2015, 12, 31)),
    )
    services.details.save(replace(facts, details=details))
    return services


def _fill(template: Path, out: Path) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book["Chronology"]
    for values in AGENCY_ROWS:
        sheet.append(list(values))
    book.save(out)


def test_a_filled_template_imports_with_no_problems_and_every_cell_in_place(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = _services(tmp_path, app_paths)
    try:
        pack = services.requests.prepare("Northshire Police", dt.date(2099, 1, 8))
        written = write_request_pack(pack, tmp_path)
        services.requests.record(pack, AgencyType.POLICE)
        [row] = services.requests.requests()
        assert (row.agency, row.status, row.request.due_on) == (
            "Northshire Police",
            RequestStatus.REQUESTED,
            dt.date(2099, 1, 8),
        )

        returned_file = tmp_path / "returned.xlsx"
        _fill(written.workbook, returned_file)
        returned = services.requests.recognise(returned_file)
        assert returned is not None and returned.request.reference == pack.reference
        preview = returned.preview
        assert preview.problems == ()
        assert len(preview.rows) == len(AGENCY_ROWS)  # the two examples are left out
        result = services.requests.import_returned(returned)
        assert (result.imported, result.left_out) == (len(AGENCY_ROWS), 0)

        entries = sorted(services.chronology.entries(), key=lambda e: e.source)
        expected = sorted(AGENCY_ROWS, key=lambda r: str(r[2]))
        assert len(entries) == len(expected)
        for entry, values in zip(entries, expected, strict=True):
            date, time, source, who, event, outcome, comment = values
            assert (entry.source, entry.practitioner, entry.event) == (source, who, event)
            assert (entry.outcome, entry.agency_comment) == (outcome, comment)
            assert entry.date.time == time
            if isinstance(date, dt.datetime):
                assert entry.date.start == entry.date.end == date.date()
            else:
                assert entry.date.original == date
        assert {e.agency_id for e in entries} == {returned.agency.id}
        approx = next(e for e in entries if e.source == "Log 14/0870")
        assert (approx.date.start, approx.date.end) == (dt.date(2014, 5, 1), dt.date(2014, 5, 31))
        assert approx.date.qualifier.value == "around"

        [row] = services.requests.requests()
        assert row.status is RequestStatus.RECEIVED
        assert row.request.received_batch == result.batch.id
        # People › Agencies tracks the same request: asked, due, and now received.
        tracked = services.people.agency_details(row.request.agency_id).chronology
        assert (tracked.requested, tracked.due) == (pack.requested_on, dt.date(2099, 1, 8))
        assert tracked.received == row.request.received_on
    finally:
        services.close()


def test_the_word_table_version_is_recognised_and_read_the_same_way(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = _services(tmp_path, app_paths)
    try:
        pack = services.requests.prepare("Northshire Police")
        written = write_request_pack(pack, tmp_path)
        services.requests.record(pack)
        document = docx.Document(str(written.word_table))
        table = document.tables[0]
        cells = table.rows[3].cells
        for cell, text in zip(
            cells, ("23/06/2014", "14:05", "Log 1", "PC", "Attended", "Referred", ""), strict=True
        ):
            cell.text = text
        document.core_properties.identifier = ""  # a word processor that drops the property
        returned_file = tmp_path / "returned.docx"
        document.save(str(returned_file))
        returned = services.requests.recognise(returned_file)
        assert returned is not None
        assert returned.preview.problems == ()
        [draft] = returned.preview.rows
        assert (draft.source, draft.event, draft.outcome) == ("Log 1", "Attended", "Referred")
    finally:
        services.close()


def test_the_pack_holds_no_registered_name_and_a_naming_title_is_refused(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = _services(tmp_path, app_paths)
    try:
        services.people.save_person(
            Person(
                PersonKind.CHILD,
                "Child M",
                real_name="Zebedee Quarrington",
                postcode="NX4 7QT",
            )
        )
        pack = services.requests.prepare("Northshire Police")
        written = write_request_pack(pack, tmp_path)
        for path in written.paths:
            with zipfile.ZipFile(path) as archive:
                text = " ".join(
                    archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                )
            assert "Quarrington" not in text and "Zebedee" not in text
            assert pack.reference in text
            assert "Child M" in text

        facts = services.details.load()
        named = replace(facts.details, title="Review for Zebedee Quarrington")
        services.details.save(replace(facts, details=named))
        assert services.requests.prepare("Police").review_title == "Review for Child M"
        at_home = replace(facts.details, title="Child M, NX4 7QT")
        services.details.save(replace(facts, details=at_home))
        with pytest.raises(InvalidInputError, match="would name or identify"):
            services.requests.prepare("Northshire Police")
    finally:
        services.close()


def test_overdue_when_the_deadline_passes_and_an_unknown_reference_is_an_ordinary_file(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = _services(tmp_path, app_paths)
    try:
        pack = services.requests.prepare("Northshire Police", dt.date(2099, 1, 8))
        written = write_request_pack(pack, tmp_path)
        services.requests.record(replace(pack, due_on=dt.date(2020, 1, 1)))
        [row] = services.requests.requests()
        assert row.status is RequestStatus.OVERDUE
        # Another review's template: recognised as a template, but not as this review's.
        other = tmp_path / "other"
        other.mkdir()
        foreign = write_request_pack(replace(pack, reference="CR-ZZZZ-9999"), other)
        assert pack_reference(foreign.workbook) == "CR-ZZZZ-9999"
        assert services.requests.recognise(foreign.workbook) is None
        assert pack_reference(written.letter) is None
    finally:
        services.close()


def test_a_file_sent_to_one_agency_is_not_imported_as_another(tmp_path: Path) -> None:
    from reviewer_app.chronology.entry import Agency
    from reviewer_app.chronology.requests import ChronologyRequest

    returned = ReturnedPack(
        ChronologyRequest(1, "CR-AAAA-BBBB", dt.date(2026, 1, 1)),
        Agency("Northshire Police", AgencyType.POLICE, 1),
        preview=None,  # type: ignore[arg-type]  # not read by the check
    )
    check_agency(returned, "northshire police")
    with pytest.raises(InvalidInputError, match="sent to Northshire Police"):
        check_agency(returned, "Northshire Health")


def test_changed_columns_are_read_by_heading_and_said_so(tmp_path: Path) -> None:
    from reviewer_app.chronology.requests import PackDetails

    pack = PackDetails(
        "CR-ABCD-EFGH", "Police", "Child M", "LCSPR", "", None, dt.date(2026, 1, 1), None
    )
    written = write_request_pack(pack, tmp_path)
    book = openpyxl.load_workbook(written.workbook)
    sheet = book["Chronology"]
    sheet.insert_cols(1)
    sheet.cell(1, 1, "Record ID")
    sheet.append(["7", "03/02/2015", "", "Log 2", "", "Attended"])
    book.save(tmp_path / "changed.xlsx")
    preview = preview_pack_return(tmp_path / "changed.xlsx")
    assert "columns have been changed" in preview.notes[0]
    [draft] = preview.rows
    assert (draft.source, draft.event) == ("Log 2", "Attended")


def test_the_template_has_its_instructions_examples_validation_and_a_frozen_header(
    tmp_path: Path,
) -> None:
    from reviewer_app.chronology.requests import TEMPLATE_COLUMNS, PackDetails

    pack = PackDetails(
        "CR-ABCD-EFGH",
        "Police",
        "Child M",
        "LCSPR",
        "",
        (dt.date(2013, 1, 1), dt.date(2015, 12, 31)),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 6),
    )
    written = write_request_pack(pack, tmp_path)
    book = openpyxl.load_workbook(written.workbook)
    assert book.sheetnames == ["Instructions", "Chronology"]
    sheet = book["Chronology"]
    assert [c.value for c in sheet[1]] == [c.heading for c in TEMPLATE_COLUMNS]
    assert sheet.freeze_panes == "A2"
    kinds = {v.type: str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert kinds["date"].startswith("A2:") and kinds["time"].startswith("B2:")
    assert all(str(sheet.cell(row, 3).value).startswith("EXAMPLE") for row in (2, 3))
    instructions = " ".join(
        str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value
    )
    assert "CR-ABCD-EFGH" in instructions and "Friday 6 February 2026" in instructions
    assert "1 January 2013 to 31 December 2015" in instructions
    assert "approx 05/2014" in instructions and "secure email" in instructions
    assert book.defined_names["SCRReviewerRequest"].attr_text == '"CR-ABCD-EFGH"'
    letter = " ".join(p.text for p in docx.Document(str(written.letter)).paragraphs)
    for said in ("1 January 2013 to 31 December 2015", "Friday 6 February 2026", "approx"):
        assert said in letter or said in " ".join(
            c.text
            for t in docx.Document(str(written.letter)).tables
            for r in t.rows
            for c in r.cells
        )
    assert "never by ordinary email" in letter


def test_a_pack_is_never_written_over_files_already_there(tmp_path: Path) -> None:
    from reviewer_app.chronology.requests import PackDetails
    from reviewer_app.errors import FileAlreadyThereError

    pack = PackDetails(
        "CR-ABCD-EFGH", "Police", "Child M", "LCSPR", "", None, dt.date(2026, 1, 1), None
    )
    written = write_request_pack(pack, tmp_path)
    written.word_table.unlink()
    before = written.letter.read_bytes()
    with pytest.raises(FileAlreadyThereError, match="nothing was written"):
        write_request_pack(pack, tmp_path)
    assert written.letter.read_bytes() == before and not written.word_table.exists()


def test_a_return_date_already_past_is_refused(tmp_path: Path, app_paths: AppPaths) -> None:
    services = _services(tmp_path, app_paths)
    try:
        with pytest.raises(InvalidInputError, match="has already passed"):
            services.requests.prepare("Northshire Police", dt.date(2020, 1, 1))
        assert services.requests.requests() == []
    finally:
        services.close()
