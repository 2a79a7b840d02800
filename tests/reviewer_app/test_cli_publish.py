"""`reviewer-app publish FILE --out REPORT.pdf`: the final gate, the accessible publication PDF,
then the record and the publication milestone, in that order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.wiring import open_services
from tests.helpers.publication import answer_readiness, sign_everything
from tests.helpers.reviews import demo_services, review_files
from tests.helpers.secrets_watch import PASSPHRASE
from tests.reviewer_app.test_cli import run


def _reopen(path: Path, app_paths: AppPaths) -> ReviewServices:
    return open_services(review_files(app_paths).open(path, passphrase=PASSPHRASE))


def _publish(path: Path, out: Path, app_paths: AppPaths) -> tuple[int, str, str]:
    done = run(
        "publish", str(path), "--out", str(out), "--on", "30/09/2026",
        "--where", "Partnership website", app_paths=app_paths,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


def test_publish_runs_the_gate_then_writes_and_records(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "demo.review"
    services = demo_services(path, app_paths, entries=30)
    answer_readiness(services)
    services.close()
    out = tmp_path / "Report for publication.pdf"

    code, stdout, stderr = _publish(path, out, app_paths)
    assert code == 1 and "The review panel has not signed the report off." in stderr
    assert "Nothing was written or recorded." in stderr and stdout == ""
    assert not out.exists()
    gate = run("publish", str(path), app_paths=app_paths)
    assert gate.returncode == 1 and "has not signed the report off" in gate.stdout
    alone = run("publish", str(path), "--where", "Website", app_paths=app_paths)
    assert alone.returncode == 1 and "give them with --out" in alone.stderr

    services = _reopen(path, app_paths)
    assert services.sign_off.publication() is None
    sign_everything(services)
    services.close()
    gate = run("publish", str(path), app_paths=app_paths)
    assert gate.returncode == 0 and "the final gate finds nothing" in gate.stdout

    code, stdout, stderr = _publish(path, out, app_paths)
    assert code == 0, stderr
    assert f"Report for publication written to {out}" in stdout
    assert "Publication recorded: Report for publication.pdf, 30/09/2026, Partnership website" in (
        stdout
    )
    root = PdfReader(out).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    services = _reopen(path, app_paths)
    try:
        published = services.sign_off.publication()
        assert published is not None and published.file_name == out.name
        assert published.where == "Partnership website" and published.version is not None
        assert published.published_on == dt.date(2026, 9, 30)
        milestone = services.timetable.record(MilestoneKind.PUBLICATION)
        assert milestone.done_on == dt.date(2026, 9, 30)
    finally:
        services.close()


def test_a_failed_export_or_a_planted_name_records_nothing(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "demo.review"
    services = demo_services(path, app_paths, entries=30)
    answer_readiness(services)
    sign_everything(services)
    services.close()

    # The gate is clear, but the export fails (the file is there already): nothing recorded.
    taken = tmp_path / "taken.pdf"
    taken.write_bytes(b"someone else's file")
    code, _stdout, stderr = _publish(path, taken, app_paths)
    assert code == 1 and stderr.startswith("error:") and "not recorded" in stderr
    assert taken.read_bytes() == b"someone else's file"
    services = _reopen(path, app_paths)
    try:
        assert services.sign_off.publication() is None
        assert services.timetable.record(MilestoneKind.PUBLICATION).done_on is None
        # A real name planted in a finding, one not in the pseudonym register (a registered
        # name is replaced by its pseudonym): the gate (and the export) refuse it.
        finding = services.analysis.findings()[0]
        planted = f"{finding.statement} Practitioners relied on Mrs Quartermaine's account."
        services.analysis.save_finding(dataclasses.replace(finding, statement=planted))
    finally:
        services.close()
    out = tmp_path / "planted.pdf"
    code, _stdout, stderr = _publish(path, out, app_paths)
    assert code == 1 and "final gate found" in stderr and "Quartermaine" in stderr
    assert not out.exists()
    services = _reopen(path, app_paths)
    try:
        assert services.sign_off.publication() is None
        assert services.timetable.record(MilestoneKind.PUBLICATION).done_on is None
    finally:
        services.close()
