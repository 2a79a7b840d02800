"""Render the learning library, the attach dialog, the review's Learning notes page and the
collation window into docs/screenshots/learning-*.png.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/learning/make_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.learning.attached import NoteTarget, TargetKind  # noqa: E402
from reviewer_app.learning.collation import Dimension  # noqa: E402
from reviewer_app.learning.note import Attachment, LearningNote  # noqa: E402
from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.services.collation import CollationService  # noqa: E402
from reviewer_app.services.learning import (  # noqa: E402
    LibraryService,
    target_choices,
)
from tests.helpers.reviews import demo_services  # noqa: E402
from tests.reviewer_app.learning.memory import MemoryLibrary  # noqa: E402
from tests.reviewer_app.learning.test_collation import synthetic  # noqa: E402
from tests.ui.learning.fakes import MemoryAccess  # noqa: E402
from ui.application import application  # noqa: E402
from ui.learning.attach_dialog import AttachNoteDialog  # noqa: E402
from ui.learning.collation_page import CollationWindow  # noqa: E402
from ui.learning.learning_page import LearningNotesPage  # noqa: E402
from ui.learning.library_page import LearningLibraryWindow  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402

OUT = ROOT / "docs" / "screenshots"

NOTES = (
    LearningNote(
        title="Hindsight bias and the systems approach",
        event="Lead reviewer masterclass 3",
        held_on=dt.date(2026, 3, 12),
        facilitator="Masterclass facilitator",
        tags=("hindsight", "systems thinking"),
        body=(
            "## Key points\n\n"
            "- Judge practice by what was **known and knowable at the time**, not by the "
            "outcome.\n"
            "- Ask *why it made sense* to the practitioner then.\n"
            "- Look for patterns in the system that make the same issue likely again.\n\n"
            "## Questions I want to use\n\n"
            "1. What did each agency know, and when?\n"
            "2. What got in the way of sharing it?\n"
        ),
        attachments=(Attachment("local-rationality.png", b"\x89PNG" + b"0" * 4000, "image/png"),),
    ),
    LearningNote(
        title="Bruising in non-mobile babies",
        event="Learning into Practice briefing session",
        held_on=dt.date(2025, 11, 4),
        tags=("bruising", "referral"),
        body="Any bruise on a baby who is not yet mobile needs a referral.",
    ),
    LearningNote(
        title="Strategy discussions: who is invited",
        event="Regional reviewers' network",
        tags=("strategy discussion", "multi-agency"),
        body="Health and education should be part of the discussion, not told afterwards.",
    ),
    LearningNote(
        title="Talking with families about the review",
        event="Lead reviewer masterclass 5",
        tags=("family involvement",),
        body="Explain the review's purpose early; offer more than one way to contribute.",
    ),
)


def save(widget: QWidget, name: str) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    library = MemoryLibrary()
    service = LibraryService(library)
    for note in NOTES:
        service.add(note)

    window = LearningLibraryWindow(MemoryAccess(library), ImmediateTaskRunner())
    window.resize(1100, 680)
    save(window, "learning-library.png")

    home = Path(tempfile.mkdtemp(prefix="scr-learning-screens-"))
    paths = AppPaths.under(home / "app").ensure()
    review = demo_services(home / "demo.review", paths, 60)
    analysis, quality = review.analysis, review.quality

    def choices():  # type: ignore[no-untyped-def]
        markers = [(r.number, r.title) for r in quality.dashboard_rows()]
        return target_choices(analysis.findings(), markers, analysis.episodes())

    first = choices()[0].target
    dialog = AttachNoteDialog(service.notes(), choices(), preselected=(first,))
    dialog.resize(980, 600)
    save(dialog, "learning-attach.png")

    attached = review.learning_notes
    notes = service.notes()
    attached.attach(notes[1], [first, NoteTarget(TargetKind.MARKER, 13)])
    attached.attach(notes[2])
    page = LearningNotesPage(
        attached,
        lambda: service,
        choices,
        QUndoStack(),
        ImmediateTaskRunner(),
        export_dataset=lambda path, fmt: None,
    )
    page.reload()
    page.resize(1100, 640)
    save(page, "learning-notes-page.png")

    collation = CollationService()
    typed = [
        replace(d, findings=tuple(replace(f, theme=theme) for f in d.findings))
        for d, theme in zip(
            synthetic(4, seed=11),
            ("Stratergy discussions", "Info sharing", "strategy-discussion.", "Chronic neglect"),
            strict=True,
        )
    ]
    collation.add([review.dataset(), *synthetic(24), *typed])
    window2 = CollationWindow(collation, lambda *args: None, ImmediateTaskRunner())
    window2.dimension.setCurrentIndex(window2.dimension.findData(Dimension.JOURNEY_STAGE.value))
    window2.select_group(1)
    save(window2, "learning-collation.png")
    window2.dimension.setCurrentIndex(window2.dimension.findData(Dimension.THEME.value))
    save(window2, "learning-collation-themes.png")
    save_published(home)
    review.close()
    app.quit()
    return 0


def save_published(home: Path) -> None:
    """The library's Published reviews tab, with a search and a report's themes."""
    from storage.keyring_store import KeyringStore, NoKeyring
    from storage.learning_library import StoredLearningLibrary
    from tests.reviewer_app.published.corpus import make_corpus

    make_corpus(home / "published", 10)
    access = StoredLearningLibrary(
        home / "learning.library",
        None,
        KeyringStore(NoKeyring()),  # type: ignore[arg-type]
    )
    access.create("a long passphrase for the pictures only")
    window = LearningLibraryWindow(access, ImmediateTaskRunner())
    window.resize(1240, 760)
    window.show_published()
    page = window.published
    assert page is not None
    page.choose_folder = lambda: home / "published"
    page.import_folder_button.click()
    page.query.setText("discussed NEAR managers")
    page.search_button.click()
    page.reports.setCurrentRow(1)
    save(window, "learning-published.png")
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
