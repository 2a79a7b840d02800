"""The selected entry's details: provenance, flags, and other agencies' versions side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QTextBrowser

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry, Flag
from reviewer_app.chronology.importing import CORRECTED_PREFIX
from tests.ui.chronology.conftest import stored_entries, strategy_pair
from ui.chronology.detail_panel import NO_LINKS, NOTHING_SELECTED
from ui.chronology.side_by_side import marked_words, original_row_html, side_by_side_html


def marked_in(browser: QTextBrowser) -> list[str]:
    """Text runs the reader sees marked as different: bold, underlined and shaded."""
    runs: list[str] = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            style = fragment.charFormat()
            if (
                style.fontUnderline()
                and style.fontWeight() >= QFont.Weight.Bold
                and style.background().style() != Qt.BrushStyle.NoBrush
            ):
                runs.append(fragment.text().strip())
            it += 1
        block = block.next()
    return runs


def test_nothing_selected_says_so(page) -> None:  # type: ignore[no-untyped-def]
    page.table.clearSelection()
    page.table.setCurrentIndex(page.proxy.index(-1, -1))
    assert page.detail.heading.text() == NOTHING_SELECTED
    assert not page.detail.flag_boxes[Flag.SIGNIFICANT].isEnabled()


def test_every_field_and_where_it_came_from(page) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)
    page.select_entry(csc.id)
    detail = page.detail
    assert detail.heading.text() == "23 Jun 2014 · Northshire Children's Social Care"
    assert detail.values["original_date"].text() == "23/06/2014"
    assert detail.values["time"].text() == "14:00"
    assert detail.values["practitioner"].text() == "Team Manager 1"
    assert detail.values["event"].text() == csc.event
    assert detail.values["age"].text() == "1 year 2 months"
    assert detail.values["comment"].text() == "—"
    assert detail.flag_boxes[Flag.SIGNIFICANT].isChecked()

    provenance = detail.provenance.text()
    assert "Northshire Children's Social Care chronology.xlsx" in provenance
    assert f"row {csc.provenance.row_number}" in provenance and "sheet ‘Chronology’" in provenance
    row = detail.original_row.toPlainText()
    for heading, text in csc.provenance.original:
        assert heading in row and text.split()[0] in row


def test_the_confirmed_strategy_discussion_side_by_side(page) -> None:  # type: ignore[no-untyped-def]
    csc, police = strategy_pair(page.service)
    page.select_entry(csc.id)
    shown = page.detail.linked.toPlainText()
    assert "Northshire Children's Social Care" in shown and "Northshire Police" in shown
    assert "(this entry)" in shown
    assert csc.outcome.split(".")[0] in shown and police.outcome.split(";")[0] in shown
    assert "Differs in: source, practitioner, event, outcome" in shown

    marked = marked_in(page.detail.linked)
    assert "minutes" in marked and "record" in marked  # each source's own word is marked
    assert "Team Manager 1" in marked and "DS 0912" in marked
    assert not any("Strategy discussion" in run for run in marked)  # shared words are plain
    assert "14:00" not in marked and "23 Jun 2014" not in marked  # same date and time


def test_a_version_elsewhere_selected_shows_the_link_from_its_side(page) -> None:  # type: ignore[no-untyped-def]
    _csc, police = strategy_pair(page.service)
    page.select_entry(police.id)
    assert "Northshire Police\n(this entry)" in page.detail.linked.toPlainText()
    page.select_entry(page.model.entry_at(0).id)
    assert page.detail.linked.toPlainText() == NO_LINKS


def test_case_text_never_becomes_markup() -> None:
    a = ChronologyEntry(
        agency_id=1,
        date=parse_uk_date("01/02/2015"),
        source="Log",
        event="<img src=x> said <b>stop</b> & left",
        id=1,
    )
    b = a.with_changes(agency_id=2, event="<script>alert(1)</script> said stop", id=2)
    html = side_by_side_html([a, b], {1: "A & Co <Ltd>", 2: "B"}, QPalette())
    assert "<img" not in html and "<script" not in html and "<b>stop" not in html
    assert "&lt;img src=x&gt;" in html and "A &amp; Co &lt;Ltd&gt;" in html


def test_marked_words_mark_what_any_other_version_lacks() -> None:
    runs = marked_words("police attended the flat", ["police attended the house", "police came"])
    assert runs == [("police", False), ("attended the flat", True)]
    assert marked_words("", ["anything"]) == []


def test_flags_ticked_in_the_panel_are_stored_and_undo(page, review, undo_stack) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)
    page.select_entry(csc.id)
    page.detail.flag_boxes[Flag.DISPUTED].setChecked(True)
    assert stored_entries(review)[csc.id].flags == {Flag.SIGNIFICANT, Flag.DISPUTED}
    assert undo_stack.undoText() == "Change flags"
    row = page.model.row_of(csc.id)
    assert page.model.index(row, 7).data() == "Significant, Disputed"
    undo_stack.undo()
    assert stored_entries(review)[csc.id].flags == {Flag.SIGNIFICANT}
    assert not page.detail.flag_boxes[Flag.DISPUTED].isChecked()


def test_flags_from_the_context_menu(page, review) -> None:  # type: ignore[no-untyped-def]
    csc, _ = strategy_pair(page.service)
    page.select_entry(csc.id)
    menu = page.context_menu()
    flags = next(a.menu() for a in menu.actions() if a.text() == "&Flags")
    child_seen = next(a for a in flags.actions() if a.text() == "Child seen")
    assert not child_seen.isChecked()
    child_seen.trigger()
    assert stored_entries(review)[csc.id].flags == {Flag.SIGNIFICANT, Flag.CHILD_SEEN}
    assert page.detail.flag_boxes[Flag.CHILD_SEEN].isChecked()
    menu.deleteLater()


def test_possible_same_events_can_be_confirmed(page, service) -> None:  # type: ignore[no-untyped-def]
    csc, police = strategy_pair(service)
    page.select_entry(csc.id)
    suggestions = page.detail.suggestions
    assert suggestions.count() >= 1
    first = suggestions.item(0).text()
    assert "Northshire Community Health (Health Visiting)" in first and "% match" in first
    assert page.detail.confirm_button.isEnabled()

    page.detail.confirm_button.click()
    linked = {e.id for e in service.linked_entries(csc.id)}
    assert police.id in linked and len(linked) == 2
    assert "Northshire Community Health" in page.detail.linked.toPlainText()
    assert all(
        "Health Visiting" not in suggestions.item(i).text() for i in range(suggestions.count())
    )


def test_a_dismissed_pair_is_not_suggested_again(page, service) -> None:  # type: ignore[no-untyped-def]
    pair = service.suggest_same_events()[0]
    page.select_entry(pair.entry_a)
    texts = [page.detail.suggestions.item(i).text() for i in range(page.detail.suggestions.count())]
    row = next(i for i, _ in enumerate(texts) if page.detail._rows[i].other.id == pair.entry_b)
    page.detail.suggestions.setCurrentRow(row)
    page.detail.dismiss_button.click()
    remaining = {(s.entry_a, s.entry_b) for s in service.suggest_same_events()}
    assert (pair.entry_a, pair.entry_b) not in remaining
    assert all(r.other.id != pair.entry_b for r in page.detail._rows)


def test_a_correction_made_at_import_is_shown_apart_from_the_agency_row(qapp) -> None:  # type: ignore[no-untyped-def]
    html = original_row_html(
        (
            ("Date", "31/02/2015"),
            ("Source", ""),
            (f"{CORRECTED_PREFIX}Date", "?/02/2015"),
        ),
        QPalette(),
    )
    agency, corrected = html.split("<i>Corrected at import: Date</i>")
    assert "31/02/2015" in agency and "?/02/2015" not in agency
    assert "<i>?/02/2015</i>" in corrected
