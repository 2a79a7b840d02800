"""Deleting chronology entries and undoing: the same rows come back under the same ids, with
every link to them (same-event decisions, people, key episodes, findings, passages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer_app.chronology.repository import EntryFilter
from reviewer_app.demo import build_demo
from reviewer_app.errors import InvalidInputError
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import fill_review
from storage.library import StoredReview
from tests.helpers.reviews import new_review


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> Iterator[StoredReview]:
    stored = new_review(tmp_path / "demo.review", app_paths)
    try:
        fill_review(stored, build_demo(120))
        yield stored
    finally:
        stored.close()


def _engine(review: StoredReview) -> Any:
    return review.chronology._engine  # type: ignore[attr-defined]  # the test reads raw rows


def dump(review: StoredReview) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ordinary table (the search index's own tables apart)."""
    with _engine(review).connect() as conn:
        tables = [
            str(r[0])
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        return {
            t: sorted(map(tuple, conn.exec_driver_sql(f'SELECT * FROM "{t}"')), key=repr)
            for t in tables
        }


def linked_everywhere(review: StoredReview) -> list[int]:
    """Entries that are in a confirmed same-event pair, a key episode and a finding."""
    with _engine(review).connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT DISTINCT e.entry_id FROM episode_entry e "
            "JOIN finding_entry f ON f.entry_id = e.entry_id "
            "JOIN same_event s ON (s.entry_a = e.entry_id OR s.entry_b = e.entry_id) "
            "WHERE s.status = 'confirmed' ORDER BY e.entry_id"
        ).all()
    return [int(r[0]) for r in rows]


def test_the_demo_has_entries_linked_from_everywhere(review: StoredReview) -> None:
    assert linked_everywhere(review), "the tests below need a demo entry linked everywhere"


def test_removing_and_restoring_an_entry_puts_back_every_row(review: StoredReview) -> None:
    repo = review.chronology
    entry_id = linked_everywhere(review)[0]
    before = dump(review)
    words = repo.entry(entry_id).event.split()[0]
    found_before = repo.search(EntryFilter(text=words))
    assert entry_id in found_before

    removed = repo.remove([entry_id])
    after_delete = dump(review)
    assert entry_id not in {r[0] for r in after_delete["chronology_entry"]}
    assert len(after_delete["episode_entry"]) < len(before["episode_entry"])
    assert entry_id not in repo.search(EntryFilter(text=words))

    repo.restore(removed)
    assert dump(review) == before
    assert repo.search(EntryFilter(text=words)) == found_before

    again = repo.remove([entry_id])  # redo, then undo again
    repo.restore(again)
    assert dump(review) == before


def test_several_entries_and_a_whole_same_event_group(review: StoredReview) -> None:
    repo = review.chronology
    with _engine(review).connect() as conn:
        a, b = conn.exec_driver_sql(
            "SELECT entry_a, entry_b FROM same_event WHERE status = 'confirmed' LIMIT 1"
        ).one()
    others = [e.id for e in repo.entries()[:5] if e.id not in (a, b)]
    before = dump(review)
    removed = repo.remove([a, *others, b])
    assert not [r for r in dump(review)["same_event"] if a in r[:2] or b in r[:2]]
    repo.restore(removed)
    assert dump(review) == before


def test_one_by_one_undone_in_reverse_keeps_the_link(review: StoredReview) -> None:
    """Deleting a same-event pair one entry at a time, then undoing both, in reverse order."""
    repo = review.chronology
    with _engine(review).connect() as conn:
        a, b = conn.exec_driver_sql(
            "SELECT entry_a, entry_b FROM same_event WHERE status = 'confirmed' LIMIT 1"
        ).one()
    before = dump(review)
    first = repo.remove([a])
    second = repo.remove([b])
    repo.restore(second)
    repo.restore(first)
    assert dump(review) == before


def test_a_link_whose_other_end_went_is_left_out(review: StoredReview) -> None:
    repo, analysis = review.chronology, review.analysis
    entry_id = linked_everywhere(review)[0]
    finding = next(f for f in analysis.findings() if entry_id in f.entry_ids)
    assert finding.id is not None
    removed = repo.remove([entry_id])
    analysis.delete_finding(finding.id)
    repo.restore(removed)
    assert repo.entry(entry_id).id == entry_id
    assert all(f.id != finding.id for f in analysis.findings())
    assert any(entry_id in e.entry_ids for e in analysis.episodes())


def test_an_entry_whose_id_was_taken_is_refused_and_nothing_changes(
    review: StoredReview,
) -> None:
    repo = review.chronology
    last = max(e.id for e in repo.entries() if e.id is not None)
    removed = repo.remove([last])
    taken = repo.add(repo.entries()[0].with_changes(id=None, event="A new entry"))
    assert taken.id == last  # SQLite gives the highest id again
    before = dump(review)
    with pytest.raises(InvalidInputError, match="could not be brought back"):
        repo.restore(removed)
    assert dump(review) == before
