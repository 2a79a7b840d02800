"""Render the agencies page with chronology requests, and the same-event review queue, offscreen.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/workspace/make_intake_screenshots.py

Uses a real (encrypted, temporary) demo review: one request pack written and its template
returned (received), one still within its deadline (requested), and one past it (overdue).
Saves docs/screenshots/agencies-requests.png and docs/screenshots/same-event-queue.png.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from exporters.request_pack import write_request_pack  # noqa: E402
from reviewer_app.chronology.entry import AgencyType  # noqa: E402
from reviewer_app.paths import HOME_ENV, AppPaths  # noqa: E402
from tests.helpers.reviews import demo_services  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402
from ui.workspace.workspace import Workspace  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(8):
        app.processEvents()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    home = Path(tempfile.mkdtemp(prefix="scr-intake-"))
    os.environ[HOME_ENV] = str(home / "home")
    paths = AppPaths.under(home / "app").ensure()
    services = demo_services(home / "demo.review", paths, entries=300)
    try:
        packs = home / "packs"
        packs.mkdir()
        requests = services.requests
        school = requests.prepare("Riverside Academy", dt.date(2099, 1, 8))
        written = write_request_pack(school, packs)
        requests.record(school, AgencyType.SCHOOL)
        book = openpyxl.load_workbook(written.workbook)
        book["Chronology"].append(["04/09/2014", "", "Register", "Class teacher", "Started."])
        book.save(home / "returned.xlsx")
        returned = requests.recognise(home / "returned.xlsx")
        assert returned is not None
        requests.import_returned(returned)
        camhs = requests.prepare("Northshire CAMHS", dt.date(2099, 2, 1))
        write_request_pack(camhs, packs)
        requests.record(camhs, AgencyType.MENTAL_HEALTH)
        probation = requests.prepare("Northshire Probation", dt.date(2099, 2, 1))
        write_request_pack(probation, packs)
        requests.record(dataclasses.replace(probation, due_on=dt.date(2026, 5, 1)))

        workspace = Workspace(services, QUndoStack(), ImmediateTaskRunner())
        workspace.resize(1280, 860)
        workspace.show()
        workspace.show_section("agencies")
        workspace.agencies_page.reload()
        settle(app)
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / "agencies-requests.png"
        workspace.grab().save(str(target))
        print(target)

        workspace.show_section("chronology")
        settle(app)
        queue = workspace.chronology_page.review_same_events()
        queue.resize(1100, 720)
        settle(app)
        target = OUT / "same-event-queue.png"
        queue.grab().save(str(target))
        print(target)
        queue.close()
        workspace.close()
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
