"""Render the timeline offscreen into docs/screenshots/ from a 300-entry demo review.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/timeline/make_screenshot.py [--dark]

The review is a real encrypted file in a temporary folder, opened through the services the
window uses; nothing is written outside that folder except the two pictures.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.demo import build_demo  # noqa: E402
from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.services.chronology import ChronologyService  # noqa: E402
from reviewer_app.services.transfer import fill_review  # noqa: E402
from tests.helpers.reviews import new_review  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402
from ui.timeline import TimelinePage  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#3a3a3a"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#3d8ee6"),
        (role.HighlightedText, "#ffffff"),
        (role.Mid, "#5a5a5a"),
    ):
        palette.setColor(r, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#8a8a8a"))
    return palette


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    dark = "--dark" in sys.argv
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if dark:
        app.setPalette(dark_palette())
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="scr-timeline-"))
    review = new_review(home / "demo.review", AppPaths.under(home / "app").ensure())
    try:
        fill_review(review, build_demo(300))
        page = TimelinePage(ChronologyService(review.chronology), ImmediateTaskRunner())
        page.resize(1280, 800)
        page.show()
        page.reload()
        page.view.fit_all()
        suffix = "-dark" if dark else ""
        save(page, f"timeline{suffix}.png")
        page.view.show_days(10 * 7)
        page.view.centre_on(dt.date(2014, 6, 20).toordinal())
        page.view.setFocus()
        june = [
            e.id
            for e in review.chronology.entries()
            if e.date.start == dt.date(2014, 6, 21) and e.id is not None
        ]
        if june:
            page.view.show_entry(june[0])
        save(page, f"timeline-zoomed{suffix}.png")
        page.close()
    finally:
        review.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
