"""Render the people and analysis pages on the demo review into docs/screenshots/.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/analysis/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.demo import build_demo  # noqa: E402
from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.services.transfer import fill_review  # noqa: E402
from tests.reviewer_app.analysis.workbench import make_workbench  # noqa: E402
from ui.analysis.conversations_page import ConversationsPage  # noqa: E402
from ui.analysis.episodes_page import EpisodesPage  # noqa: E402
from ui.analysis.findings_page import FindingsPage  # noqa: E402
from ui.analysis.known_by_then import KnownByThenDialog  # noqa: E402
from ui.application import application  # noqa: E402
from ui.people.page import PeoplePage  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    application()
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="scr-analysis-screens-"))
    bench = make_workbench(home / "demo.review", AppPaths.under(home / "app").ensure())
    fill_review(bench.review, build_demo(), bench.people_repo, bench.analysis_repo)
    stack, runner = QUndoStack(), ImmediateTaskRunner()
    try:
        people = PeoplePage(bench.people, stack, runner)
        people.resize(1100, 760)
        people.show()
        people.reload()
        people.people.list.setCurrentRow(1)
        save(people, "people-people.png")
        people.tabs.setCurrentIndex(1)
        people.agencies.list.setCurrentRow(4)
        save(people, "people-agencies.png")
        people.tabs.setCurrentIndex(2)
        save(people, "people-identifiers.png")

        conversations = ConversationsPage(bench.analysis, stack, runner)
        conversations.resize(1100, 760)
        conversations.show()
        conversations.reload()
        save(conversations, "analysis-conversations.png")

        episodes = EpisodesPage(bench.analysis, stack, runner)
        episodes.resize(1100, 760)
        episodes.show()
        episodes.reload()
        episodes.list.setCurrentRow(1)
        save(episodes, "analysis-episodes.png")

        findings = FindingsPage(bench.analysis, stack, runner)
        findings.resize(1100, 760)
        findings.show()
        findings.reload()
        save(findings, "analysis-findings.png")

        lens = KnownByThenDialog(bench.analysis, runner)
        lens.panel.who.setCurrentIndex(lens.panel.who.findText("Northshire Police"))
        lens.panel.day.setText("01/07/2014")
        lens.show()
        lens.panel.show_known()
        save(lens, "analysis-known-by-then.png")
    finally:
        bench.review.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
