"""Sign-off by the panel and the partners, the final gate, and the publication step."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer_app.drafts.sign_off import Publication, Signatory, SignOff, missing_sign_offs
from reviewer_app.errors import InvalidInputError
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.problems import Category, Problem
from reviewer_app.services.sign_off import SignOffService
from reviewer_app.services.transfer import fill_review, take_snapshot
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import MilestoneRecord
from tests.helpers.reviews import new_review, new_services

D = dt.date


def test_the_panel_and_every_partner_or_the_board_must_sign() -> None:
    assert missing_sign_offs([]) == [
        Signatory.PANEL, Signatory.LOCAL_AUTHORITY, Signatory.POLICE, Signatory.HEALTH
    ]  # fmt: skip
    some = [SignOff(Signatory.PANEL, D(2026, 7, 1)), SignOff(Signatory.POLICE, D(2026, 7, 3))]
    assert missing_sign_offs(some) == [Signatory.LOCAL_AUTHORITY, Signatory.HEALTH]
    assert missing_sign_offs([*some, SignOff(Signatory.BOARD, D(2026, 7, 9))]) == []


def test_publication_waits_for_the_final_gate_then_marks_the_milestone(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = new_services(tmp_path / "x.review", app_paths)
    try:
        published = Publication(D(2026, 9, 30), "Child M LCSPR.pdf", "Partnership website", 3)
        with pytest.raises(InvalidInputError, match="final gate found") as refused:
            services.sign_off.publish(published)
        assert "The review panel has not signed the report off" in str(refused.value)
        assert "The terms of reference are empty" in str(refused.value)  # readiness too
        assert services.sign_off.publication() is None

        for who, day in (
            (Signatory.PANEL, D(2026, 9, 1)),
            (Signatory.BOARD, D(2026, 9, 20)),
        ):
            services.sign_off.add_sign_off(SignOff(who, day, "Chair", 3))
        gate = [p.category for p in services.sign_off.final_gate()]
        assert Category.SIGN_OFF not in gate and gate  # readiness problems still in the way
    finally:
        services.close()

    # With nothing else in the way (a gate of sign-off alone), publication is recorded.
    review = new_review(tmp_path / "y.review", app_paths)
    marked = []
    service = SignOffService(review.sign_off, gate=list, publication_done=marked.append)
    for who in (Signatory.PANEL, Signatory.LOCAL_AUTHORITY, Signatory.POLICE, Signatory.HEALTH):
        service.add_sign_off(SignOff(who, D(2026, 9, 10)))
    assert service.publish(published) == published
    assert service.publication() == published
    assert marked[0].kind is MilestoneKind.PUBLICATION and marked[0].done_on == D(2026, 9, 30)
    blocked = SignOffService(review.sign_off, gate=lambda: [Problem("x", "Not yet.", "here")])
    with pytest.raises(InvalidInputError, match="Not yet"):
        blocked.publish(published)

    document = to_document(take_snapshot(review))
    review.close()
    assert document["drafts"]["publication"] == {
        "published_on": "2026-09-30",
        "file": "Child M LCSPR.pdf",
        "where": "Partnership website",
        "version": 3,
        "note": "",
    }
    assert [s["by"] for s in document["drafts"]["sign_offs"]] == [
        "panel", "local-authority", "police", "health"
    ]  # fmt: skip
    copy = new_review(tmp_path / "z.review", app_paths)
    try:
        fill_review(copy, from_document(json.loads(json.dumps(document))))
        assert to_document(take_snapshot(copy)) == document
    finally:
        copy.close()


@dataclass(frozen=True)
class _Written:
    path: Path
    version: int | None


def test_the_publication_step_runs_the_gate_then_writes_then_records(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = new_review(tmp_path / "p.review", app_paths)
    saved: list[MilestoneRecord] = []
    before = MilestoneRecord(MilestoneKind.PUBLICATION, note="Planned for the autumn")
    calls: list[str] = []

    def write() -> _Written:
        calls.append("write")
        return _Written(tmp_path / "Child M LCSPR.pdf", 4)

    def fail() -> _Written:
        calls.append("fail")
        raise InvalidInputError("The disk is full.")

    problems: list[Problem] = [Problem(Category.SIGN_OFF, "Not signed.", "timetable")]
    service = SignOffService(
        review.sign_off,
        gate=lambda: list(problems),
        publication_done=saved.append,
        milestone=lambda _kind: before,
    )
    try:
        with pytest.raises(InvalidInputError, match="Nothing was written or recorded"):
            service.publish_file(write, D(2026, 9, 30), "Website")
        assert calls == [] and service.publication() is None and saved == []
        problems.clear()
        for who in (Signatory.PANEL, Signatory.BOARD):
            service.add_sign_off(SignOff(who, D(2026, 9, 10)))
        with pytest.raises(InvalidInputError, match="disk is full"):
            service.publish_file(fail, D(2026, 9, 30), "Website")
        assert calls == ["fail"] and service.publication() is None and saved == []

        published = service.publish_file(write, D(2026, 9, 30), "  Website ")
        assert published == Publication(D(2026, 9, 30), "Child M LCSPR.pdf", "Website", 4)
        assert service.publication() == published
        assert saved[-1].done_on == D(2026, 9, 30)
        assert service.publication_milestone() == before
        service.withdraw_publication(before)  # undo: the milestone as it was
        assert service.publication() is None and saved[-1] == before
    finally:
        review.close()
