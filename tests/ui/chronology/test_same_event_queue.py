"""The same-event review queue and linking entries by hand, on the demo review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer_app.chronology.repository import SameEventStatus
from reviewer_app.services.chronology import ChronologyService
from ui.chronology.page import ChronologyPage


def _decisions(service: ChronologyService) -> dict[tuple[int, int], SameEventStatus]:
    return {
        tuple(sorted((d.entry_a, d.entry_b))): d.status  # type: ignore[misc]
        for d in service.repository.same_event_decisions()
    }


def test_the_queue_lists_every_pair_best_first_and_decides_from_the_keyboard(
    qtbot,  # type: ignore[no-untyped-def]
    page: ChronologyPage,
    service: ChronologyService,
) -> None:
    expected = service.suggest_same_events()
    assert len(expected) >= 3
    queue = page.review_same_events()
    qtbot.addWidget(queue)
    assert queue.table.rowCount() == len(expected)
    assert [(p.entry_a, p.entry_b) for p in queue._pairs] == [
        (s.entry_a, s.entry_b) for s in expected
    ]
    scores = [p.score for p in queue._pairs]
    assert scores == sorted(scores, reverse=True)
    first, second = expected[0], expected[1]
    # Both agencies' versions are shown side by side.
    shown = queue.versions.toPlainText()
    names = {a.id: a.name for a in service.agencies()}
    by_id = {e.id: e for e in service.entries()}
    assert names[by_id[first.entry_a].agency_id] in shown
    assert names[by_id[first.entry_b].agency_id] in shown

    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_C)
    assert _decisions(service)[(first.entry_a, first.entry_b)] is SameEventStatus.CONFIRMED
    assert queue.current_pair() == second
    qtbot.keyClick(queue.table, Qt.Key.Key_D)
    assert _decisions(service)[(second.entry_a, second.entry_b)] is SameEventStatus.DISMISSED
    assert queue.table.rowCount() == len(expected) - 2
    assert f"of {len(expected) - 2}" in queue.status.text()
    remaining = {(s.entry_a, s.entry_b) for s in service.suggest_same_events()}
    assert (first.entry_a, first.entry_b) not in remaining
    assert (second.entry_a, second.entry_b) not in remaining
    queue.close()
    QApplication.processEvents()


def test_an_empty_queue_says_so(qtbot, page: ChronologyPage, service: ChronologyService) -> None:  # type: ignore[no-untyped-def]
    for pair in service.suggest_same_events():
        service.dismiss_same_event(pair.entry_a, pair.entry_b, pair.score)
    queue = page.review_same_events()
    qtbot.addWidget(queue)
    assert queue.table.rowCount() == 0
    assert "No suggested pairs are waiting" in queue.status.text()
    assert not queue.confirm_button.isEnabled()
    queue.close()


def test_entries_are_linked_by_hand_from_the_table(
    page: ChronologyPage, service: ChronologyService
) -> None:
    entries = service.entries()
    first = entries[40]
    other = next(e for e in entries[41:] if e.agency_id != first.agency_id)
    third = next(e for e in entries[41:] if e.agency_id == first.agency_id)
    assert first.id is not None and other.id is not None and third.id is not None
    page.select_entry(first.id)
    selection = page.table.selectionModel()
    for entry_id in (other.id, third.id):
        row = page.proxy.proxy_row_of(entry_id)
        assert row is not None
        selection.select(
            page.proxy.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    assert len(page.selected_entries()) == 3
    page.link_selected()
    linked = {e.id for e in service.linked_entries(first.id)}
    assert linked == {other.id, third.id}  # the same agency's entry joins through the other's
