"""Deleting a conversation, passage, key practice episode or finding and undoing: every row comes
back under the same ids, with what depended on it: its links, the published evidence cited for a
finding, learning notes attached to it and the actions that answered it (the action plan's
actions used to come back answering nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from reviewer_app.actions.model import Action
from reviewer_app.analysis.published_evidence import PublishedEvidence
from reviewer_app.errors import InvalidInputError
from reviewer_app.learning.attached import NoteTarget, TargetKind
from reviewer_app.learning.note import LearningNote
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.wiring import open_services
from storage.library import StoredReview
from tests.storage.test_entry_removal import dump, review  # noqa: F401  (the fixture)


@pytest.fixture
def services(review: StoredReview) -> Iterator[ReviewServices]:  # noqa: F811
    yield open_services(review)


def _kinds(services: ReviewServices) -> dict[str, list]:  # type: ignore[type-arg]
    analysis = services.analysis
    return {
        "conversation": analysis.conversations(),
        "passage": analysis.passages(),
        "episode": analysis.episodes(),
        "finding": analysis.findings(),
    }


@pytest.mark.parametrize("kind", ["conversation", "passage", "episode", "finding"])
def test_deleting_and_undoing_leaves_the_file_as_it_was(  # type: ignore[no-untyped-def]
    review: StoredReview,  # noqa: F811
    services: ReviewServices,
    kind: str,
) -> None:
    things = _kinds(services)[kind]
    assert len(things) >= 2
    before = dump(review)
    for thing in things[:3]:
        removal = services.analysis.delete(thing)
        assert dump(review) != before
        services.analysis.restore(removal)
    assert dump(review) == before


def test_a_finding_comes_back_with_its_evidence_notes_and_actions(  # type: ignore[no-untyped-def]
    review: StoredReview,  # noqa: F811
    services: ReviewServices,
) -> None:
    finding = services.analysis.findings()[0]
    assert finding.id is not None
    services.finding_evidence.link(
        PublishedEvidence(finding.id, "A published review", "Practitioners did not share", 2019)
    )
    services.learning_notes.attach(
        LearningNote("Hindsight bias", "Judge by what was known then."),
        [NoteTarget(TargetKind.FINDING, finding.id)],
    )
    services.action_plan.save_action(
        Action(
            "Health visitors hear of every discharge",
            "Discharge summaries go to the health visiting team on the day",
            "Health",
            dt.date(2027, 3, 1),
            finding_id=finding.id,
        )
    )
    before = dump(review)

    removal = services.analysis.delete(finding)  # a note attached no longer blocks it
    assert services.finding_evidence.evidence_for(finding.id) == []
    assert not [a for a in services.action_plan.actions() if a.finding_id == finding.id]
    assert not any(
        finding.id in {t.ref for t in a.targets} for a in services.learning_notes.attached()
    )

    services.analysis.restore(removal)
    assert dump(review) == before
    assert len(services.finding_evidence.evidence_for(finding.id)) == 1
    assert [a for a in services.action_plan.actions() if a.finding_id == finding.id]


def test_an_episode_whose_id_is_taken_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    review: StoredReview,  # noqa: F811
    services: ReviewServices,
) -> None:
    removal = services.analysis.delete(services.analysis.episodes()[0])
    services.analysis.restore(removal)
    middle = dump(review)  # the id is in use again (by the same episode, brought back)
    with pytest.raises(InvalidInputError, match="could not be brought back"):
        services.analysis.restore(removal)
    assert dump(review) == middle
