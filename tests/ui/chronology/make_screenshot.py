"""Render the chronology page offscreen from a real (encrypted, temporary) demo review.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/chronology/make_screenshot.py [--dark]

Selects the demo's confirmed strategy discussion (23/06/2014), so the picture shows both
agencies' versions side by side, and saves docs/screenshots/chronology.png and the new-entry
form with a refused date (chronology-new-entry.png); with --dark, chronology-dark.png checks the
page against a dark palette.
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

from PySide6.QtGui import QColor, QPalette, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer_app.demo import build_demo  # noqa: E402
from reviewer_app.paths import HOME_ENV, AppPaths  # noqa: E402
from reviewer_app.services.chronology import ChronologyService  # noqa: E402
from reviewer_app.services.transfer import fill_review  # noqa: E402
from tests.helpers.reviews import new_review  # noqa: E402
from ui.chronology.page import ChronologyPage  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
STRATEGY_DAY = dt.date(2014, 6, 23)


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7ad6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#555555",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def main() -> int:
    dark = "--dark" in sys.argv
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    if dark:
        app.setPalette(dark_palette())
    home = Path(tempfile.mkdtemp(prefix="scr-chronology-"))
    os.environ[HOME_ENV] = str(home / "home")
    paths = AppPaths.under(home / "app").ensure()
    review = new_review(home / "demo.review", paths, title="Demo review")
    try:
        fill_review(review, build_demo(300))
        service = ChronologyService(review.chronology)
        page = ChronologyPage(service, QUndoStack(), ImmediateTaskRunner())
        page.resize(1280, 800)
        page.show()
        page.reload()
        strategy = next(
            e
            for e in service.entries()
            if e.date.start == STRATEGY_DAY and service.linked_entries(e.id or 0)
        )
        assert strategy.id is not None
        page.select_entry(strategy.id)
        page.table.setFocus()
        for _ in range(5):
            app.processEvents()
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / ("chronology-dark.png" if dark else "chronology.png")
        page.grab().save(str(target))
        print(target)
        if not dark:
            dialog = page.new_entry()
            dialog.agency.setCurrentText("Northshire Police")
            dialog.date.setText("31/02/2015")
            dialog.source.setText("Incident log 15/0042")
            dialog.buttons.accepted.emit()  # refused: shows the inline message
            for _ in range(5):
                app.processEvents()
            form = OUT / "chronology-new-entry.png"
            dialog.grab().save(str(form))
            print(form)
            dialog.reject()
        page.clear()
        page.close()
    finally:
        review.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
