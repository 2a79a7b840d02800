"""Opening a review in the window (issue 16): the table is filled, then the timeline laid out,
and only then is the review told it is on screen, so the automatic backup due at open never
competes with reading and painting it. Opening loads none of the document writers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QUndoStack

from reviewer_app.paths import AppPaths
from tests.helpers.reviews import demo_services
from ui.tasks import ImmediateTaskRunner
from ui.workspace.workspace import Workspace

ROOT = Path(__file__).resolve().parents[3]


def test_the_review_is_told_it_is_shown_once_table_and_timeline_are_laid_out(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths, monkeypatch
) -> None:
    services = demo_services(tmp_path / "demo.review", app_paths)
    said: list[tuple[bool, bool]] = []
    workspace: Workspace | None = None

    def shown() -> None:
        assert workspace is not None
        said.append(
            (workspace.chronology_page.is_loaded, workspace.timeline_page.view.timeline is not None)
        )

    monkeypatch.setattr(services, "shown", shown)
    workspace = Workspace(services, QUndoStack(), ImmediateTaskRunner())
    qtbot.addWidget(workspace)
    assert said == []  # not before the paint the loading asked for
    qtbot.waitUntil(lambda: said == [(True, True)])
    workspace.reload_chronology()  # a later reload says nothing again
    qtbot.wait(50)
    assert said == [(True, True)]
    services.close()


_PROBE = """
import json, sys
import ui.workspace.workspace
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_opening_a_review_loads_no_document_writer() -> None:
    """The workspace's modules load when a review is opened: the Word, spreadsheet and PDF
    writers load only when something is exported (they cost more than reading the review)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "PySide6" in loaded
    heavy = {"openpyxl", "docx", "reportlab", "pypdf", "typst", "ahocorasick"}
    assert loaded.isdisjoint(heavy), sorted(loaded & heavy)


class _HeldRunner:
    """Runs work only when told, in the order it was started (a busy thread pool)."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self._waiting: list[tuple[object, object, object]] = []

    def start(self, work, done, failed) -> None:  # type: ignore[no-untyped-def]
        name = getattr(work, "__qualname__", "")
        kinds = {"ChronologyPage": "table", "TimelinePage": "timeline", "Agencies": "agencies"}
        kinds["ActionPlanService"] = "overdue actions"
        kind = next((k for prefix, k in kinds.items() if name.startswith(prefix)), name)
        self.started.append("next steps" if name.endswith("next_steps") else kind)
        self._waiting.append((work, done, failed))

    def run_all(self) -> None:
        while self._waiting:
            work, done, failed = self._waiting.pop(0)
            try:
                result = work()  # type: ignore[operator]
            except Exception as error:
                failed(error)  # type: ignore[operator]
            else:
                done(result)  # type: ignore[operator]


def test_what_the_first_screen_does_not_show_waits_for_the_chronology(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    """Opened on the chronology, the review reads and lays out its entries before anything
    the screen does not show (the Overview's next steps, the Agencies page) is started."""
    services = demo_services(tmp_path / "demo.review", app_paths)
    runner = _HeldRunner()
    workspace = Workspace(services, QUndoStack(), runner)
    qtbot.addWidget(workspace)
    workspace.show_section("chronology")  # where the reviewer was when the review locked
    qtbot.wait(20)
    assert runner.started == ["table"]
    runner.run_all()
    assert runner.started == ["table", "timeline"]
    assert workspace.first_screen_ready()
    qtbot.waitUntil(lambda: len(runner.started) == 5)
    assert sorted(runner.started[2:]) == ["agencies", "next steps", "overdue actions"]
    runner.run_all()
    assert workspace.agencies_page.agency_table.rowCount() == len(services.chronology.agencies())
    services.close()


def test_the_overview_in_view_gets_its_next_steps_at_once(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "demo.review", app_paths)
    runner = _HeldRunner()
    workspace = Workspace(services, QUndoStack(), runner)
    qtbot.addWidget(workspace)
    qtbot.waitUntil(lambda: "next steps" in runner.started)
    assert runner.started[0] == "table" and "timeline" not in runner.started
    workspace.show_section("agencies")  # a page that waited is read when it is shown
    assert runner.started[-1] == "agencies"
    runner.run_all()
    qtbot.wait(300)
    assert runner.started.count("next steps") == 1 and runner.started.count("agencies") == 1
    services.close()
