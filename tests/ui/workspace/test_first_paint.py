"""Opening a review fills the chronology table first and then lays out the timeline (issue 16),
whichever part is in view and however quickly the table's reading finishes."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.review import Review
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import PASSPHRASE
from ui.start_window import MainWindow


def _open_with_one_entry(window: MainWindow, files: Sessions, path: Path) -> None:
    files.add(path, Review(title="First paint"), PASSPHRASE)
    review = files.open(path, passphrase=PASSPHRASE)
    agency = review.chronology.ensure_agency("Northshire Police")
    assert agency.id is not None
    review.chronology.add_entry(
        ChronologyEntry(agency.id, parse_uk_date("03/02/2015"), "Log 1", "Home visit")
    )
    assert window.show_review(review)


def test_the_timeline_follows_the_table_when_the_table_reads_at_once(
    qtbot, window: MainWindow, files: Sessions, tmp_path: Path
) -> None:
    _open_with_one_entry(window, files, tmp_path / "a.review")
    workspace = window.workspace
    assert workspace is not None and workspace.current_section() != "timeline"
    assert workspace.first_screen_ready()
    timeline = workspace.timeline_page.view.timeline
    assert timeline is not None and timeline.dated_count == 1
    assert workspace.chronology_page.model.rowCount() == 1
