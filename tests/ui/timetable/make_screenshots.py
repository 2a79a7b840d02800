"""Render the Timetable page's Action plan tab, and its Drafts and comments tab with the sign-off
box before and after Publish…, on the demo review into docs/screenshots/ (and the guide's
pictures of them).

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/timetable/make_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.paths import AppPaths  # noqa: E402
from tests.helpers.publication import answer_readiness, sign_everything  # noqa: E402
from tests.helpers.reviews import demo_services  # noqa: E402
from ui.application import application  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402
from ui.timetable.page import TimetablePage  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
GUIDE = ROOT / "resources" / "guide" / "images"


def save(widget: QWidget, name: str) -> Path:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)
    return OUT / name


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="scr-publish-screens-"))
    paths = AppPaths.under(home / "app").ensure()
    services = demo_services(home / "demo.review", paths, entries=60)
    page = TimetablePage(
        services.timetable,
        QUndoStack(),
        ImmediateTaskRunner(),
        drafts=services.drafts,
        action_plan=services,
    )
    page.resize(1180, 900)
    page.show()
    assert page.drafts is not None and page.sign_off is not None
    assert page.sign_off.publish is not None
    assert page.action_plan is not None
    page.tabs.setCurrentWidget(page.action_plan)
    shutil.copyfile(save(page, "timetable-action-plan.png"), GUIDE / "timetable-action-plan.png")
    page.tabs.setCurrentWidget(page.drafts)
    action = page.sign_off.publish
    # published the day the final version is exported (the export is dated today)
    action.ask_details = lambda: (dt.date.today(), "Northshire partnership website")
    action.choose_path = lambda: home / "Child M LCSPR.pdf"
    action.button.click()
    save(page, "timetable-publish-blocked.png")
    answer_readiness(services)
    sign_everything(services)
    page.reload()
    action.button.click()
    shutil.copyfile(save(page, "timetable-publish.png"), GUIDE / "timetable-publish.png")
    services.close()
    shutil.rmtree(home, ignore_errors=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
