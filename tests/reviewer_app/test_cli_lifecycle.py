"""The review's lifecycle on the command line: its statutory clock, and comments read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import MilestoneRecord
from reviewer_app.wiring import open_services
from tests.helpers.reviews import new_services, review_files
from tests.helpers.secrets_watch import PASSPHRASE, register
from tests.reviewer_app.test_cli import run


def test_timetable_prints_one_tab_separated_line_per_milestone(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "clock.review"
    services = new_services(path, app_paths)
    # Aware on Fri 18/12/2026: Christmas Day (Fri) and Boxing Day's substitute (Mon 28) are
    # skipped, so the Panel is due on Tue 29/12 and the rapid review, past New Year's Day,
    # on Wed 13/01/2027.
    services.timetable.save_milestone(
        MilestoneRecord(MilestoneKind.BECAME_AWARE, done_on=dt.date(2026, 12, 18))
    )
    services.timetable.save_milestone(
        MilestoneRecord(MilestoneKind.NOTIFICATION, done_on=dt.date(2026, 12, 21))
    )
    services.close()
    printed = run("timetable", str(path), app_paths=app_paths)
    assert printed.returncode == 0, printed.stderr
    rows = [line.split("\t") for line in printed.stdout.splitlines()]
    assert [row[0] for row in rows] == [
        "became-aware", "notification", "rapid-review", "decision", "final-report", "publication"
    ]  # fmt: skip
    assert rows[0] == ["became-aware", "-", "2026-12-18", "done"]
    assert rows[1] == ["notification", "2026-12-29", "2026-12-21", "done"]
    assert rows[2][:3] == ["rapid-review", "2027-01-13", "-"]
    assert rows[4][:3] == ["final-report", "2027-07-13", "-"]
    assert all(len(row) == 4 for row in rows)

    missing = run("timetable", str(tmp_path / "none.review"), app_paths=app_paths)
    assert missing.returncode == 1 and missing.stderr.startswith("error:")


def test_a_draft_sent_out_and_its_returned_copy_read_back(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    from reviewer_app.demo import DEMO_PASSPHRASE
    from tests.reviewer_app.drafts.returned_copies import COMMENTER, mark_up

    review = tmp_path / "demo.review"
    assert run("demo", str(review), "--entries", "30", app_paths=app_paths).returncode == 0
    draft = tmp_path / "draft.docx"
    sent = run(
        "export", str(review), "--format", "docx", "--out", str(draft),
        "--sent-to", "Health", "--purpose", "factual-accuracy",
        app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert "version 2, sent to Health (factual accuracy (agencies))" in sent.stdout
    returned = tmp_path / "returned.docx"
    mark_up(draft, returned, comment_on="Period under review", insert_in="Methodology:",
            delete_in="Key lines")  # fmt: skip
    imported = run(
        "import-comments", str(review), str(returned), "--from", "Health",
        app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("4 comments and changes from Health on version 2")
    listed = run("drafts", str(review), app_paths=app_paths, passphrase=DEMO_PASSPHRASE)
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert rows[0][:2] == ["version", "1"] and rows[0][3] == "panel"  # the demo's
    assert [r for r in rows if r[0] == "version"][1][:2] == ["version", "2"]
    assert ["Health", "factual-accuracy"] in [row[3:] for row in rows if row[0] == "sent"]
    comments = [row for row in rows if row[0] == "comment" and row[2] == "Health"]
    assert len(comments) == 4
    assert comments[1][2:5] == ["Health", "comment", COMMENTER]
    assert comments[1][6] == "This date is wrong: it was the 14th."
    assert comments[1][7:] == ["-", "unchanged"]
    checked = run("check", str(review), app_paths=app_paths, passphrase=DEMO_PASSPHRASE)
    assert (
        "4 comments and changes from Health on version 2 of the draft have no response yet"
        in checked.stdout
    )

    refused = run(
        "import-comments", str(review), str(tmp_path / "missing.docx"), "--from", "Health",
        app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.startswith("error: The file")


def test_sign_off_and_the_final_gate_before_publication(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "signed.review"
    new_services(path, app_paths).close()
    signed = run(
        "sign-off", str(path), "--by", "panel", "--on", "01/09/2026", "--name", "Panel chair",
        app_paths=app_paths,
    )  # fmt: skip
    assert signed.returncode == 0, signed.stderr
    assert "Sign-off recorded: The review panel, 01/09/2026." in signed.stdout
    gate = run("publish", str(path), app_paths=app_paths)
    assert gate.returncode == 1
    assert "Sign-off: Safeguarding partner: the police has not signed the report off." in (
        gate.stdout
    )
    assert "review panel has not signed" not in gate.stdout
    refused = run(
        "publish", str(path), "--out", str(tmp_path / "report.pdf"), "--on", "2026-09-30",
        app_paths=app_paths,
    )  # fmt: skip
    assert refused.returncode == 1 and "final gate found" in refused.stderr
    assert not (tmp_path / "report.pdf").exists()
    bad_date = run("sign-off", str(path), "--by", "police", "--on", "31/02/2026",
                   app_paths=app_paths)  # fmt: skip
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr


def test_new_with_terms_of_reference(tmp_path: Path, app_paths: AppPaths) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("Key lines of enquiry:\n1. How was the bruise understood?\n", "utf-8")
    path = tmp_path / "new.review"
    made = run(
        "new", str(path), "--title", "Review 2026/04", "--terms-file", str(terms),
        app_paths=app_paths, passphrase=None, REVIEWER_APP_NEW_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    for line in made.stdout.splitlines():
        if line.strip().count("-") == 13:
            register(line.strip())
    services = open_services(review_files(app_paths).open(path, passphrase=PASSPHRASE))
    try:
        assert services.details.load().details.terms_of_reference == (
            "Key lines of enquiry:\n1. How was the bruise understood?"
        )
    finally:
        services.close()
    missing = run(
        "new", str(tmp_path / "other.review"), "--title", "x", "--terms-file",
        str(tmp_path / "none.txt"), app_paths=app_paths, passphrase=None,
        REVIEWER_APP_NEW_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    assert missing.returncode == 1 and "There is no file at" in missing.stderr
    assert not (tmp_path / "other.review").exists()
