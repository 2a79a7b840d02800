"""The reviewer's text for the report's narrative sections: kept in the review file, heard as a
change to the report, carried into the report's inputs (and so through the anonymisation gate),
and kept whole through the JSON interchange."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporters.report.build import build_report, without_marks
from reviewer_app.demo import build_demo
from reviewer_app.errors import InvalidInputError
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.reporting.inputs import ReportInputs
from reviewer_app.reporting.sections import MAX_SECTION_TEXT, SectionText
from reviewer_app.services.changes import Part
from reviewer_app.services.transfer import fill_review, take_snapshot
from reviewer_app.wiring import open_services, report_service
from tests.helpers.reviews import new_review

SUMMARY = "Child M was seen by eight agencies.\n\nEach saw part of the picture."


def _section_text(inputs_text: dict[str, str], key: str) -> str:
    report = without_marks(build_report(ReportInputs(build_demo(40), section_text=inputs_text)))
    section = next(s for s in report.sections if s.key == key)
    return "\n".join(getattr(b, "text", "") for b in section.blocks)


def test_a_section_is_saved_read_back_and_heard_as_a_change_to_the_report(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        heard: list[Part] = []
        services.changes.subscribe(heard.append)
        assert services.report_text.texts() == {}
        stored = services.report_text.save(SectionText("executive-summary", "One\r\n\r\nTwo"))
        assert stored == SectionText("executive-summary", "One\n\nTwo")  # line endings made plain
        assert heard == [Part.REPORT]
        assert services.report_text.section("executive-summary").written
        services.report_text.save(SectionText("executive-summary", "Changed"))
        assert services.report_text.texts() == {"executive-summary": "Changed"}
        services.report_text.save(SectionText("executive-summary", "  \n "))  # emptied
        assert services.report_text.texts() == {}
        assert not services.report_text.section("executive-summary").written
    finally:
        services.close()


@pytest.mark.parametrize(
    ("section", "says"),
    [
        (SectionText("", "text"), "not the name of a report section"),
        (SectionText("Executive Summary", "text"), "not the name of a report section"),
        (SectionText("conclusions", "x" * (MAX_SECTION_TEXT + 1)), "can hold up to"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(
    tmp_path: Path, app_paths: AppPaths, section: SectionText, says: str
) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        services.report_text.save(SectionText("conclusions", "Kept"))
        with pytest.raises(InvalidInputError, match=says):
            services.report_text.save(section)
        assert services.report_text.texts() == {"conclusions": "Kept"}
    finally:
        services.close()


def test_the_written_text_fills_the_report_and_leaves_fewer_sections_to_write(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        assert services.exports is not None
        before = [p.message for p in services.exports.drafting_problems()]
        assert any("Executive summary" in m for m in before)
        services.report_text.save(SectionText("executive-summary", SUMMARY))
        inputs = services.report_inputs()
        assert inputs.section_text == {"executive-summary": SUMMARY}
        after = [p.message for p in services.exports.drafting_problems()]
        assert len(after) == len(before) - 1
        assert not any("Executive summary" in m for m in after)
    finally:
        services.close()


def test_the_written_text_goes_through_the_anonymisation_gate(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        services.people.save_person(
            Person(PersonKind.FAMILY, "Mother", real_name="Laura Ashworth", relationship="mother")
        )
        assert services.exports is not None
        services.report_text.save(SectionText("conclusions", "Laura Ashworth was not asked."))
        preview = report_service(services).preview("generic")
        conclusions = next(s for s in preview.report.sections if s.key == "conclusions")
        shown = "\n".join(getattr(b, "text", "") for b in conclusions.blocks)
        assert "Mother was not asked." in shown and "Ashworth" not in shown  # the pseudonym
        assert list(services.exports.anonymisation_problems()) == []

        # a name the register does not know is the reviewer's own writing: the gate finds it
        services.report_text.save(SectionText("conclusions", "Ms Quartermaine agreed."))
        hits = [p.message for p in services.exports.anonymisation_problems()]
        assert any("Quartermaine" in m for m in hits)
    finally:
        services.close()


def test_sections_round_trip_through_the_interchange_and_real_review_files(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    first = new_review(tmp_path / "one.review", app_paths)
    fill_review(first, build_demo(40))
    first.report_text.save_text("improvements", "1. A new bruising protocol\n2. Training")
    document = to_document(take_snapshot(first))
    first.close()
    sections = {s["section"]: s["text"] for s in document["report_sections"]}
    assert sections["improvements"] == "1. A new bruising protocol\n2. Training"
    assert "executive-summary" in sections  # the demo's own

    second = new_review(tmp_path / "two.review", app_paths, title="placeholder")
    fill_review(second, from_document(json.loads(json.dumps(document))))
    again = to_document(take_snapshot(second))
    second.close()
    assert again == document


def test_a_document_from_before_report_sections_reads_with_none() -> None:
    document = to_document(build_demo(40))
    del document["report_sections"]
    assert from_document(document).report_sections == {}


@pytest.mark.parametrize(
    ("sections", "says"),
    [
        (
            [{"section": "conclusions", "text": "a"}, {"section": "conclusions", "text": "b"}],
            "twice",
        ),
        ([{"section": "Not a key!", "text": "a"}], "not the name of a report section"),
        ([{"section": "conclusions"}], "text"),
        ([{"section": "conclusions", "text": 3}], "text"),
    ],
)
def test_a_bad_report_sections_list_is_refused_saying_where(
    sections: list[dict[str, object]], says: str
) -> None:
    document = to_document(build_demo(40))
    document["report_sections"] = sections
    with pytest.raises(InvalidInputError, match="report_sections") as raised:
        from_document(document)
    assert says in str(raised.value)


def test_the_demo_has_an_executive_summary_and_some_sections_written() -> None:
    demo = build_demo(40)
    assert {"executive-summary", "introduction", "conclusions"} <= set(demo.report_sections)
    text = _section_text(dict(demo.report_sections), "executive-summary")
    assert "Eight agencies knew the family" in text
