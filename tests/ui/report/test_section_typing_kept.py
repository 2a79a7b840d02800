"""Nothing typed in a report section is lost when the window lets the review go (DESIGN.md,
promise 2): the reviewer types on the Report page and, before the pause that would save it, the
review locks for idleness, is closed, or the window quits. The text is in the file afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.paths import AppPaths
from storage.report_sections_repository import SqlReportText
from tests.helpers.reviews import Sessions, new_services, review_files
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import Shown
from tests.ui.workspace.test_typing_kept import Clock
from ui.locked_page import LockedPage
from ui.report.page import ReportPage
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner


@pytest.mark.parametrize("route", ["idle lock", "close", "quit"])
def test_section_text_is_in_the_file_after_the_review_is_let_go(
    qtbot: QtBot,
    files: Sessions,
    app_paths: AppPaths,
    tmp_path: Path,
    route: str,
    message_boxes: list[Shown],
) -> None:
    path = tmp_path / "kept.review"
    services = new_services(path, app_paths)
    clock = Clock()
    window = MainWindow(files, paths=app_paths, runner=ImmediateTaskRunner(), clock=clock)
    qtbot.addWidget(window)
    window.show()
    assert window.show_review(services, add_to_recent=False)
    assert window.workspace is not None
    window.workspace.show_section("report")
    page = window.workspace.pages["report"]
    assert isinstance(page, ReportPage) and page.editor is not None
    qtbot.keyClicks(page.editor.editor, "Written just before leaving")
    assert page.editor.autosave.touched  # waiting for the pause

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
        texts = SqlReportText(lambda: reopened.file.engine).texts()
    finally:
        reopened.close()
    assert texts == {"executive-summary": "Written just before leaving"}
    assert message_boxes == []
