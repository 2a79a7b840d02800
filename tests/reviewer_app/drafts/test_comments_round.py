"""The comments round: a draft exported, marked up in Word by a colleague, read back into the
response log, answered, and checked before the next draft."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from reviewer_app.drafts.model import ChangeKind, Circulation, Purpose
from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.problems import Category
from reviewer_app.services.changes import Part
from reviewer_app.services.transfer import fill_review, take_snapshot
from reviewer_app.wiring import report_service
from tests.helpers.reviews import demo_services, new_review
from tests.reviewer_app.drafts.returned_copies import COMMENTER, EDITOR, mark_up

PERIOD = "Period under review"


def test_a_returned_copy_is_read_into_the_response_log_and_answered(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "r.review", app_paths, entries=30)
    try:
        report = report_service(services)
        draft = tmp_path / "draft.docx"
        result = report.export(report.suggested_template().id, "docx", draft)
        assert result.version == 2  # the demo sent out version 1
        demo_version, version = services.drafts.versions()
        assert demo_version.number == 1 and version.number == 2 and version.status == "panel"
        sent = services.drafts.record_circulation(
            Circulation(2, dt.date(2026, 12, 1), "Health", Purpose.FACTUAL_ACCURACY)
        )
        assert services.drafts.circulations()[-1] == sent  # after the demo's own
        demo_log = services.drafts.comments()  # the demo's: answered in part

        returned = tmp_path / "draft-health.docx"
        removed = mark_up(
            draft, returned, comment_on=PERIOD, insert_in="Methodology:", delete_in="Key lines"
        )
        heard: list[Part] = []
        services.changes.subscribe(heard.append)
        imported = services.drafts.import_comments(returned, "Health")
        assert heard == [Part.DRAFTS]
        assert imported.version == 2 and imported.already_logged == 0
        log = [c for c in services.drafts.comments() if c not in demo_log]
        assert [(c.comment.kind, c.comment.author) for c in log] == [
            (ChangeKind.COMMENT, COMMENTER),  # on the title page's version line
            (ChangeKind.COMMENT, COMMENTER),
            (ChangeKind.DELETION, EDITOR),
            (ChangeKind.INSERTION, EDITOR),
        ]
        dated = log[1]
        assert dated.from_name == "Health" and dated.version == 2
        assert dated.comment.said == "This date is wrong: it was the 14th."
        assert dated.comment.passage.startswith(PERIOD)
        assert dated.comment.paragraph.startswith(PERIOD)
        assert log[2].comment.said == removed.strip()
        assert log[3].comment.said == "(added by police)"
        assert log[3].comment.paragraph.startswith("Methodology:")
        assert log[3].comment.paragraph.endswith("(added by police)")
        assert log[3].comment.made_on == dt.date(2026, 12, 2)

        # The same copy again adds nothing; the next draft waits for responses.
        again = services.drafts.import_comments(returned, "health ")
        assert again.added == () and again.already_logged == 4
        waiting = [
            p.message for p in services.readiness().problems if p.category == "Comments on drafts"
        ]
        assert (
            "4 comments and changes from Health on version 2 of the draft have no response yet."
            in waiting
        )
        for comment in log[:3]:
            services.drafts.respond(comment, "Agreed; corrected.", draft_changed=True)
        answered = services.drafts.respond(log[3], "Kept as it was: see the record.", False)
        assert not answered.draft_changed
        for comment in demo_log:
            if not comment.answered:
                services.drafts.respond(comment, "Taken into the next draft.", True)
        assert not [p for p in services.readiness().problems if p.category == Category.DRAFTS]
        assert services.drafts.comments()[-1].response.startswith("Kept as")
        document = to_document(services.snapshot())
    finally:
        services.close()

    # The JSON export holds the versions, who they went to and the whole response log, and a
    # review made from it holds them again.
    drafts = document["drafts"]
    assert [e["version"] for e in drafts["exports"]] == [1, 2]  # the demo's and this one
    assert drafts["circulations"][-1] == (
        {
            "version": 2,
            "sent_on": "2026-12-01",
            "sent_to": "Health",
            "purpose": "factual-accuracy",
            "note": "",
        }
    )
    responses = [r for r in drafts["responses"] if r["from"] == "Health"]
    dated_json = responses[1]
    assert dated_json["said"] == "This date is wrong: it was the 14th."
    assert dated_json["from"] == "Health" and dated_json["author"] == COMMENTER
    assert dated_json["response"] == "Agreed; corrected." and dated_json["draft_changed"]
    assert [r["kind"] for r in responses] == [
        "comment", "comment", "deletion", "insertion"
    ]  # fmt: skip
    assert document["timetable"]["milestones"] and document["rapid_review"]["facts"]
    text = json.dumps(document, ensure_ascii=False)
    copy = new_review(tmp_path / "copy.review", app_paths, title="placeholder")
    try:
        fill_review(copy, from_document(json.loads(text)))
        assert to_document(take_snapshot(copy)) == document
    finally:
        copy.close()


def test_a_copy_that_cannot_be_placed_or_read_changes_nothing(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "r.review", app_paths, entries=30)
    try:
        report = report_service(services)
        draft = tmp_path / "draft.docx"
        report.export(report.suggested_template().id, "docx", draft)
        returned = tmp_path / "back.docx"
        mark_up(draft, returned, comment_on=PERIOD, insert_in="Methodology:", delete_in="Key")
        with pytest.raises(InvalidInputError, match="Version 7 of the draft was never exported"):
            services.drafts.import_comments(returned, "Health", version=7)
        with pytest.raises(InvalidInputError, match="who returned the copy"):
            services.drafts.import_comments(returned, "  ")
        not_word = tmp_path / "notes.docx"
        not_word.write_bytes(b"plain text, not a Word document")
        with pytest.raises(ImportRefusedError, match="not a Word document"):
            services.drafts.import_comments(not_word, "Health")
        bomb = tmp_path / "bomb.docx"
        with zipfile.ZipFile(returned) as source, zipfile.ZipFile(bomb, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "word/comments.xml":
                    data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
                target.writestr(item, data)
        with pytest.raises(UserFacingError, match="entity"):
            services.drafts.import_comments(bomb, "Health")
        assert all(c.from_name != "Health" for c in services.drafts.comments())
    finally:
        services.close()


@pytest.mark.parametrize(
    ("part", "words"),
    [
        ({"timetable": {"milestones": [{"key": "tea-break"}]}}, r"timetable\.milestones\[0\]"),
        ({"timetable": {"delays": [{"recorded_on": "2026-01-05", "reason": " "}]}}, "a reason"),
        ({"drafts": {"circulations": [{"version": 0, "sent_on": "2026-01-05",
                                        "sent_to": "Health", "purpose": "family"}]}},
         "starts at 1"),
        ({"drafts": {"responses": [{"version": 1, "from": "Health", "kind": "shouting",
                                     "received_on": "2026-01-05"}]}},
         r"drafts\.responses\[0\]\.kind"),
        ({"drafts": {"exports": [{"at": "2026-01-05T10:00:00", "version": 1,
                                   "summary": "made up"}]}},
         "not a summary the app wrote"),
    ],
)  # fmt: skip
def test_a_bad_lifecycle_part_is_refused_with_where_and_what(part: dict, words: str) -> None:  # type: ignore[type-arg]
    from reviewer_app.demo import build_demo

    document = to_document(build_demo(20))
    document.update(part)
    with pytest.raises(InvalidInputError, match=words):
        from_document(document)
