"""The command line, run as a real process the way a reviewer or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reviewer_app.paths import AppPaths
from tests.helpers.files import listing, make_review, sha256
from tests.helpers.secrets_watch import MARKER, NEW_PASSPHRASE, PASSPHRASE, register, scan_text

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, app_paths: AppPaths, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REVIEWER_APP_")}
    environment["REVIEWER_APP_HOME"] = str(app_paths.data.parent)
    if passphrase is not None:
        environment["REVIEWER_APP_PASSPHRASE"] = passphrase
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-m", "reviewer_app", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    scan_text(f"reviewer-app {' '.join(args)} stderr", result.stderr)
    return result


def test_new_prints_a_recovery_code_and_verify_passes(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "cli.review"
    created = run(
        "new",
        str(path),
        "--title",
        MARKER,
        app_paths=app_paths,
        passphrase=None,
        REVIEWER_APP_NEW_PASSPHRASE=PASSPHRASE,
    )
    assert created.returncode == 0, created.stderr
    assert "Recovery code" in created.stdout
    code = next(line.strip() for line in created.stdout.splitlines() if line.count("-") == 13)
    register(code)
    verified = run("verify", str(path), app_paths=app_paths)
    assert verified.returncode == 0 and "checks passed" in verified.stdout
    by_code = run(
        "verify", str(path), app_paths=app_paths, passphrase=None, REVIEWER_APP_RECOVERY_CODE=code
    )
    assert by_code.returncode == 0, by_code.stderr


def test_wrong_passphrase_is_one_plain_line_and_changes_nothing(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    before, files = sha256(path), listing(tmp_path)
    result = run("verify", str(path), app_paths=app_paths, passphrase="definitely the wrong one")
    assert result.returncode == 1
    assert result.stderr.startswith("error: That passphrase does not open 'a.review'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert sha256(path) == before and listing(tmp_path) == files


def test_new_refuses_an_existing_path(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "taken.review"
    path.write_text("keep me")
    result = run(
        "new",
        str(path),
        "--title",
        "x",
        app_paths=app_paths,
        REVIEWER_APP_NEW_PASSPHRASE=PASSPHRASE,
    )
    assert result.returncode == 1 and "never writes over" in result.stderr
    assert path.read_text() == "keep me"


def test_missing_passphrase_without_a_terminal_says_what_to_do(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    result = run("verify", str(path), app_paths=app_paths, passphrase=None)
    assert result.returncode == 1
    assert "REVIEWER_APP_PASSPHRASE" in result.stderr and "Traceback" not in result.stderr


def test_change_passphrase_then_backup_and_restore(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    changed = run(
        "change-passphrase",
        str(path),
        app_paths=app_paths,
        REVIEWER_APP_NEW_PASSPHRASE=NEW_PASSPHRASE,
    )
    assert changed.returncode == 0, changed.stderr
    assert run("verify", str(path), app_paths=app_paths).returncode == 1
    backup = tmp_path / "copy.review"
    made = run(
        "backup", str(path), "--out", str(backup), app_paths=app_paths, passphrase=NEW_PASSPHRASE
    )
    assert made.returncode == 0, made.stderr
    restored = tmp_path / "restored.review"
    assert run("restore", str(backup), "--out", str(restored), app_paths=app_paths).returncode == 0
    ok = run("verify", str(restored), app_paths=app_paths, passphrase=NEW_PASSPHRASE)
    assert ok.returncode == 0, ok.stderr
    listed = run("backups", str(path), app_paths=app_paths)
    assert "automatic" in listed.stdout  # opening took an automatic backup


def test_usage_errors_exit_2_with_an_error_line(app_paths: AppPaths) -> None:
    result = run("verify", app_paths=app_paths)
    assert result.returncode == 2 and result.stderr.startswith("error:")


def test_window_without_a_display_says_so_and_exits_cleanly(app_paths: AppPaths) -> None:
    result = run(app_paths=app_paths, DISPLAY="", WAYLAND_DISPLAY="", QT_QPA_PLATFORM="")
    assert result.returncode == 0
    assert "needs a desktop display" in result.stderr


def test_demo_export_and_new_from_json_round_trip(tmp_path: Path, app_paths: AppPaths) -> None:
    from reviewer_app.demo import DEMO_PASSPHRASE

    demo = tmp_path / "demo.review"
    made = run("demo", str(demo), "--entries", "120", app_paths=app_paths, passphrase=None)
    assert made.returncode == 0, made.stderr
    assert "120 chronology entries" in made.stdout
    out = tmp_path / "demo.json"
    exported = run(
        "export",
        str(demo),
        "--format",
        "json",
        "--out",
        str(out),
        app_paths=app_paths,
        passphrase=DEMO_PASSPHRASE,
    )
    assert exported.returncode == 0, exported.stderr
    assert "not encrypted" in exported.stdout
    again = run(
        "export",
        str(demo),
        "--format",
        "json",
        "--out",
        str(out),
        app_paths=app_paths,
        passphrase=DEMO_PASSPHRASE,
    )
    assert again.returncode == 1 and "never writes over" in again.stderr
    copy = tmp_path / "copy.review"
    created = run(
        "new",
        str(copy),
        "--from-json",
        str(out),
        app_paths=app_paths,
        REVIEWER_APP_NEW_PASSPHRASE=PASSPHRASE,
    )
    assert created.returncode == 0, created.stderr
    out2 = tmp_path / "copy.json"
    assert (
        run(
            "export", str(copy), "--format", "json", "--out", str(out2), app_paths=app_paths
        ).returncode
        == 0
    )
    import json

    first, second = json.loads(out.read_text()), json.loads(out2.read_text())
    assert first == second


def test_import_chronology_dry_run_then_import_then_refused_file(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = tmp_path / "a.review"
    make_review(review)
    source = tmp_path / "police.csv"
    source.write_text(
        "Northshire Police chronology\n\n"
        "Date,Source,Details of contact,Action / Outcome\n"
        "03/02/2015,Log 1,Attended address: “shouting”,Advice given\n"
        "31/02/2015,Log 2,Second visit,None\n"
        "w/c 12/01/2015,,No source here,None\n",
        encoding="utf-8",
    )
    dry = run(
        "import-chronology",
        str(review),
        str(source),
        "--agency",
        "Northshire Police",
        "--dry-run",
        app_paths=app_paths,
    )
    assert dry.returncode == 0, dry.stderr
    assert "3 rows read, 2 can be imported" in dry.stdout
    assert "'31/02/2015' does not exist" in dry.stdout
    assert "Dry run: nothing was imported." in dry.stdout
    report = tmp_path / "report.csv"
    done = run(
        "import-chronology",
        str(review),
        str(source),
        "--agency",
        "Northshire Police",
        "--report",
        str(report),
        app_paths=app_paths,
    )
    assert done.returncode == 0, done.stderr
    assert "Imported 2 entries for Northshire Police" in done.stdout
    assert "31/02/2015" in report.read_text(encoding="utf-8-sig")

    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    before = sha256(review)
    refused = run(
        "import-chronology",
        str(review),
        str(broken),
        "--agency",
        "Northshire Police",
        app_paths=app_paths,
    )
    assert refused.returncode == 1 and refused.stderr.startswith("error:")
    assert "Traceback" not in refused.stderr
    assert sha256(review) == before


def test_import_chronology_without_a_source_column_with_chosen_columns(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = tmp_path / "s.review"
    make_review(review)
    source = tmp_path / "school.csv"
    source.write_text(
        "Date;Setting;Log;Action taken\n"
        "?/05/2014;Nursery;Child M arrived with a bruise;Parent spoken to\n"
        "between 3 and 9 March 2015;Reception;Absent all week;\n",
        encoding="utf-8",
    )
    before = sha256(review)
    bad_field = run(
        "import-chronology", str(review), str(source), "--agency", "School",
        "--column", "events=Log", app_paths=app_paths,
    )  # fmt: skip
    assert bad_field.returncode == 1
    assert "There is no field called 'events'" in bad_field.stderr
    assert "date, time, source, practitioner, event, outcome, agency-comment" in bad_field.stderr
    bad_heading = run(
        "import-chronology", str(review), str(source), "--agency", "School",
        "--column", "event=What happened", app_paths=app_paths,
    )  # fmt: skip
    assert bad_heading.returncode == 1
    assert "no column headed 'What happened'" in bad_heading.stderr
    assert "'Date', 'Setting', 'Log', 'Action taken'" in bad_heading.stderr
    assert sha256(review) == before

    report = tmp_path / "report.csv"
    done = run(
        "import-chronology", str(review), str(source), "--agency", "School",
        "--column", "event=Log", "--source-default", "School safeguarding file",
        "--report", str(report), app_paths=app_paths,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 rows read, 2 can be imported" in done.stdout
    assert "Imported 2 entries for School" in done.stdout
    assert "gives no source" in report.read_text(encoding="utf-8-sig")
    out = tmp_path / "out.csv"
    exporting = run(
        "export", str(review), "--format", "csv", "--out", str(out), app_paths=app_paths
    )
    assert exporting.returncode == 0, exporting.stderr
    exported = out.read_text(encoding="utf-8-sig")
    assert exported.count("School safeguarding file") == 2
    assert "Child M arrived with a bruise" in exported


def test_check_lists_what_the_demo_needs_and_passes_a_completed_review(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    import datetime as dt

    from reviewer_app.demo import DEMO_PASSPHRASE
    from reviewer_app.timetable.rules import MilestoneKind
    from reviewer_app.timetable.schedule import MilestoneRecord
    from tests.helpers.reviews import new_review
    from tests.reviewer_app.quality.reviews import complete, demo

    shipped = tmp_path / "demo.review"
    assert run("demo", str(shipped), app_paths=app_paths, passphrase=None).returncode == 0
    listed = run("check", str(shipped), app_paths=app_paths, passphrase=DEMO_PASSPHRASE)
    assert listed.returncode == 1
    # The demo is part way through: its self-assessment is not done, its timetable is kept.
    assert "Marker 12. Family involvement is not addressed yet (in progress)" in listed.stdout
    assert "Marker 14. The report is not addressed yet (not started)" in listed.stdout
    assert "date of the decision to review is not recorded" not in listed.stdout

    review = new_review(tmp_path / "complete.review", app_paths)
    found = complete(demo(review))
    for n, kind in enumerate(list(MilestoneKind)[7:]):  # the rest of the timetable, all kept
        found.timetable.save_milestone(MilestoneRecord(kind, done_on=dt.date(2026, 6, 1 + n)))
    review.close()
    ready = run("check", str(tmp_path / "complete.review"), app_paths=app_paths)
    assert ready.returncode == 0, ready.stdout
    assert "ready for the panel" in ready.stdout
    # what the draft still needs written is listed, without failing the check; the sections
    # the demo's reviewer has written are not
    assert "Still to write in the draft report (6;" in ready.stdout
    assert "5. Family involvement: Say how the family were told" in ready.stdout
    assert "7. The child’s lived experience" not in ready.stdout
    assert "1. Executive summary" not in ready.stdout


def test_export_draft_report_as_docx_and_pdf(tmp_path: Path, app_paths: AppPaths) -> None:
    from docx import Document
    from pypdf import PdfReader

    from reviewer_app.demo import DEMO_PASSPHRASE

    demo = tmp_path / "demo.review"
    assert run("demo", str(demo), app_paths=app_paths, passphrase=None).returncode == 0
    for file_format in ("docx", "pdf"):
        out = tmp_path / f"draft.{file_format}"
        made = run(
            "export", str(demo), "--format", file_format, "--out", str(out),
            app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        assert "Draft report written" in made.stdout
    headings = [p.text for p in Document(str(tmp_path / "draft.docx")).paragraphs
                if p.style is not None and p.style.name.startswith("Heading")]  # fmt: skip
    assert any("Findings" in h for h in headings)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "draft.pdf").pages)
    assert "DRAFT" in text and "Appendix A: Chronology" in text


def test_export_learning_dataset_of_the_demo(tmp_path: Path, app_paths: AppPaths) -> None:
    import json

    from reviewer_app.demo import DEMO_PASSPHRASE

    demo = tmp_path / "demo.review"
    assert run("demo", str(demo), app_paths=app_paths, passphrase=None).returncode == 0
    out = tmp_path / "learning.json"
    made = run(
        "export-learning", str(demo), "--out", str(out),
        app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["findings"]) == 4
    assert "Child M" not in out.read_text(encoding="utf-8")


def test_internal_working_draft_and_self_assessment_exports(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """The CLI says what it marked, truthfully; the self-assessment is its own DOCX."""
    import zipfile

    from pypdf import PdfReader

    from reviewer_app.demo import DEMO_PASSPHRASE

    demo = tmp_path / "demo.review"
    assert run("demo", str(demo), app_paths=app_paths, passphrase=None).returncode == 0
    iwd = tmp_path / "iwd.pdf"
    made = run(
        "export", str(demo), "--format", "pdf", "--out", str(iwd), "--internal-working-draft",
        "--lead-reviewer", "Dr A. Reviewer", app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "internal working draft, version 2"  # the demo sent out version 1 in made.stdout
    assert "found nothing, so nothing was overridden" in made.stdout
    mark = "INTERNAL WORKING DRAFT – NOT ANONYMISED – NOT FOR CIRCULATION"
    pages = [page.extract_text() for page in PdfReader(iwd).pages]
    assert mark in made.stdout and all(mark in page for page in pages)
    assert "Lead reviewer: Dr A. Reviewer" in pages[0]
    qm = tmp_path / "qm.docx"
    made = run(
        "export", str(demo), "--format", "qm-docx", "--out", str(qm),
        app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Quality Markers self-assessment written" in made.stdout
    with zipfile.ZipFile(qm) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Quality Marker 1: " in body and "Chronology" not in body


def test_export_for_publication_writes_the_accessible_final_pdf(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """--publication: the final version, tagged, and the parts not yet written named."""
    from pypdf import PdfReader

    from reviewer_app.demo import DEMO_PASSPHRASE

    demo = tmp_path / "demo.review"
    assert run("demo", str(demo), app_paths=app_paths, passphrase=None).returncode == 0
    out = tmp_path / "published.pdf"
    made = run(
        "export", str(demo), "--format", "pdf", "--publication", "--out", str(out),
        app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Report for publication written" in made.stdout
    assert "final for publication, version 2" in made.stdout
    assert "  13. Improvements already made" in made.stdout  # not written in the demo: said
    assert "  14. Conclusions" not in made.stdout  # written in the demo: published
    assert "Practitioners who knew Child M cared about him" in "".join(
        page.extract_text() for page in PdfReader(out).pages
    )
    reader = PdfReader(out)
    assert (
        reader.trailer["/Root"]["/Lang"] == "en-GB" and "/StructTreeRoot" in reader.trailer["/Root"]
    )
    for wrong in (
        ["--format", "docx", "--publication"],
        ["--format", "pdf", "--publication", "--internal-working-draft"],
    ):
        refused = run(
            "export", str(demo), *wrong, "--out", str(tmp_path / "no.pdf"),
            app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
        )  # fmt: skip
        assert refused.returncode != 0 and refused.stderr.startswith("error:"), refused.stderr
        assert not (tmp_path / "no.pdf").exists()


def test_export_appendix_lists_the_significant_entries_or_all(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    from docx import Document

    from reviewer_app.demo import DEMO_PASSPHRASE

    demo = tmp_path / "demo.review"
    assert run("demo", str(demo), app_paths=app_paths, passphrase=None).returncode == 0
    intros = {}
    for choice in (None, "significant", "all"):
        out = tmp_path / f"draft-{choice}.docx"
        extra = [] if choice is None else ["--appendix", choice]
        made = run(
            "export", str(demo), "--format", "docx", "--out", str(out), *extra,
            app_paths=app_paths, passphrase=DEMO_PASSPHRASE,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        texts = [p.text for p in Document(str(out)).paragraphs]
        intros[choice] = next(t for t in texts if "multi-agency chronology" in t)
    assert "marked as significant" in intros["significant"]
    assert intros[None] == intros["significant"]  # the default
    assert intros["all"].startswith("The full merged multi-agency chronology: 300 entries")
    wrong = run("export", str(demo), "--format", "docx", "--out", str(tmp_path / "x.docx"),
                "--appendix", "some", app_paths=app_paths, passphrase=DEMO_PASSPHRASE)  # fmt: skip
    assert wrong.returncode != 0 and not (tmp_path / "x.docx").exists()


def test_the_parsers_defaults_are_their_enums_values_and_building_it_loads_neither() -> None:
    """The start screen builds the parser too, so its choices load on first use; its defaults
    are written out, and held to the enums here."""
    import subprocess
    import sys

    from reviewer_app.chronology.entry import AgencyType
    from reviewer_app.cli.parser import AGENCY_TYPE_DEFAULT, PURPOSE_DEFAULT, build_parser
    from reviewer_app.drafts.model import Purpose

    assert AgencyType(AGENCY_TYPE_DEFAULT) is AgencyType.OTHER
    assert Purpose(PURPOSE_DEFAULT) is Purpose.FACTUAL_ACCURACY
    args = build_parser().parse_args(["import-chronology", "r.review", "a.csv", "--agency", "A"])
    assert args.agency_type == AgencyType.OTHER.value
    probe = (
        "import sys; from reviewer_app.cli.parser import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('reviewer_app.chronology', "
        "'reviewer_app.drafts'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
