"""Undo of a chronology deletion brings back the same entry: the same id, and everything that
referred to it (same-event group, key episodes, findings, people, original row) intact."""

from __future__ import annotations

from reviewer_app.chronology.repository import EntryFilter
from storage.library import StoredReview
from tests.storage.test_entry_removal import dump
from tests.ui.chronology.conftest import stored_entries, strategy_pair


def _linked(review: StoredReview, entry_id: int) -> tuple[list[int], list[int]]:
    episodes = [e.id for e in review.analysis.episodes() if entry_id in e.entry_ids]
    findings = [f.id for f in review.analysis.findings() if entry_id in f.entry_ids]
    return episodes, findings  # type: ignore[return-value]


def test_undo_of_a_delete_restores_the_same_entry_and_its_links(  # type: ignore[no-untyped-def]
    page, review, undo_stack
) -> None:
    csc, police = strategy_pair(page.service)
    assert csc.id is not None and police.id is not None
    before = dump(review)
    episodes, findings = _linked(review, csc.id)
    words = csc.event.split()[0]
    found = page.service.search(EntryFilter(text=words))
    assert csc.id in found

    page.edits.delete([csc])
    assert csc.id not in stored_entries(review)

    for _ in range(2):  # undo, redo, undo again
        undo_stack.undo()
        assert stored_entries(review)[csc.id] == csc  # the same id, every field as it was
        assert [e.id for e in page.service.linked_entries(csc.id)] == [police.id]
        assert _linked(review, csc.id) == (episodes, findings)
        assert page.service.search(EntryFilter(text=words)) == found
        assert page.model.entry(csc.id) == csc
        assert dump(review) == before
        undo_stack.redo()
        assert csc.id not in stored_entries(review)
        assert page.model.row_of(csc.id) is None
    undo_stack.undo()
    assert dump(review) == before


def test_undo_of_deleting_several_entries_and_a_same_event_pair(  # type: ignore[no-untyped-def]
    page, review, undo_stack
) -> None:
    csc, police = strategy_pair(page.service)
    assert csc.id is not None and police.id is not None
    before = dump(review)
    ids = [csc.id, police.id, *(page.model.entry_at(n).id for n in range(3))]
    page.edits.delete([stored_entries(review)[i] for i in dict.fromkeys(ids)])
    assert undo_stack.undoText().startswith("Delete ")
    assert not set(ids) & set(stored_entries(review))

    undo_stack.undo()
    assert dump(review) == before
    assert [e.id for e in page.service.linked_entries(csc.id)] == [police.id]
    assert all(page.model.row_of(i) is not None for i in ids)
    undo_stack.redo()
    assert not set(ids) & set(stored_entries(review))
    undo_stack.undo()
    assert dump(review) == before
