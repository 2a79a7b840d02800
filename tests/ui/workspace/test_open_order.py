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
