"""Nothing typed is lost when the window lets a review go (DESIGN.md, promise 2).

A real encrypted review is shown in the main window; the reviewer types into a form and, before
the pause that would save it, the review locks for idleness, is closed, or the window quits.
The text is in the file when it is opened again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.paths import AppPaths
from reviewer_app.people.model import Person, PersonKind
from storage.people_repository import SqlPeople
from tests.helpers.reviews import Sessions, new_services, review_files
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import Shown
from ui.locked_page import LockedPage
from ui.people.page import PeoplePage
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("route", ["idle lock", "close", "quit"])
def test_typing_is_in_the_file_after_the_review_is_let_go(  # type: ignore[no-untyped-def]
    qtbot,
    files: Sessions,
    app_paths: AppPaths,
    tmp_path: Path,
    route: str,
    message_boxes: list[Shown],
) -> None:
    path = tmp_path / "kept.review"
    services = new_services(path, app_paths)
    services.people.save_person(Person(PersonKind.FAMILY, "Mother"))
    clock = Clock()
    window = MainWindow(files, paths=app_paths, runner=ImmediateTaskRunner(), clock=clock)
    qtbot.addWidget(window)
    window.show()
    assert window.show_review(services, add_to_recent=False)
    assert window.workspace is not None
    window.workspace.show_section("people")
    page = window.workspace.pages["people"]
    assert isinstance(page, PeoplePage)
    people = page.people
    assert people.current is not None and people.current.pseudonym == "Mother"
    qtbot.keyClicks(people.access, "A ramp at the front door")
    assert people.autosave.touched  # waiting for the pause

    if route == "idle lock":
        clock.now += window.idle_lock.minutes * 60 + 1
        window.idle_lock.check()
        assert isinstance(window.pages.currentWidget(), LockedPage)
    elif route == "close":
        window.close_review()
    else:
        window.close()
    assert window.review is None

    reopened = review_files(app_paths).open(path, passphrase=PASSPHRASE)
    try:
        (person,) = SqlPeople(lambda: reopened.file.engine).people()
    finally:
        reopened.close()
    assert person.access_needs == "A ramp at the front door"
    assert message_boxes == []
