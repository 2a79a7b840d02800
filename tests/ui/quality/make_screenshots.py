"""Render the Quality markers and Timetable pages on the demo review into docs/screenshots/.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/quality/make_screenshots.py
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

from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.quality.assessment import (  # noqa: E402
    EvidenceKind,
    EvidenceLink,
    MarkerAssessment,
    PromptAssessment,
    Status,
)
from reviewer_app.quality.suggestions import terms_of_reference_link  # noqa: E402
from reviewer_app.services.readiness import check_readiness  # noqa: E402
from reviewer_app.timetable.rules import MilestoneKind  # noqa: E402
from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord  # noqa: E402
from tests.helpers.reviews import new_review  # noqa: E402
from tests.reviewer_app.quality.reviews import demo  # noqa: E402
from ui.application import application  # noqa: E402
from ui.quality.page import QualityPage  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402
from ui.timetable.page import TimetablePage  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="scr-quality-screens-"))
    paths = AppPaths.under(home / "app").ensure()
    review = new_review(home / "demo.review", paths, title="Child M")
    s = demo(review)
    q, t = s.quality, s.timetable
    for number in (1, 2, 3):
        q.save_marker(MarkerAssessment(number, Status.ADDRESSED, "Discussed with the chair"))
        q.link_evidence(
            EvidenceLink(number, EvidenceKind.DOCUMENT, "", "Decision letter, 14/01/2026")
        )
    q.save_prompt(4, "a", PromptAssessment(Status.ADDRESSED))
    q.save_prompt(6, "a", PromptAssessment(Status.ADDRESSED))
    q.save_prompt(6, "b", PromptAssessment(Status.IN_PROGRESS))
    q.link_evidence(terms_of_reference_link(6))
    q.save_marker(MarkerAssessment(6, Status.NOT_STARTED, "Waiting for the chair's sign-off"))
    for kind, day in (
        (MilestoneKind.DECISION, dt.date(2026, 1, 12)),
        (MilestoneKind.NOTIFICATION, dt.date(2026, 1, 16)),
        (MilestoneKind.RAPID_REVIEW, dt.date(2026, 2, 5)),
        (MilestoneKind.TERMS_OF_REFERENCE, dt.date(2026, 3, 9)),
    ):
        t.save_milestone(MilestoneRecord(kind, done_on=day))
    t.add_delay(
        DelayRecord(
            dt.date(2026, 4, 20),
            "Police disclosure delayed by the criminal investigation",
            MilestoneKind.AGENCY_RETURNS,
            dt.date(2026, 5, 29),
            True,
            dt.date(2026, 4, 22),
        )
    )

    quality = QualityPage(
        q,
        QUndoStack(),
        ImmediateTaskRunner(),
        readiness=lambda: check_readiness(review.details, review.chronology, q, t),
    )
    quality.resize(1180, 860)
    quality.show()
    quality.reload()
    quality.select_marker(6)
    save(quality, "quality-markers.png")
    quality.check_readiness()
    save(quality, "quality-readiness.png")

    timetable = TimetablePage(t, QUndoStack(), ImmediateTaskRunner())
    timetable.resize(1180, 860)
    timetable.show()
    timetable.reload()
    timetable.select_milestone(MilestoneKind.AGENCY_RETURNS)
    timetable.delays.selectRow(0)
    save(timetable, "timetable-milestones.png")
    review.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
