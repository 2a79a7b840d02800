"""Render the window's screens offscreen into docs/screenshots/ (synthetic data, real review
files in a temporary folder).

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.review import (  # noqa: E402
    Methodology,
    Review,
    ReviewStatus,
    ReviewType,
    ScopePeriod,
)
from storage.keyring_store import NoKeyring  # noqa: E402
from tests.helpers.reviews import Sessions  # noqa: E402
from ui.application import application  # noqa: E402
from ui.new_review_dialog import NewReviewDialog  # noqa: E402
from ui.recovery_code_dialog import RecoveryCodeDialog  # noqa: E402
from ui.start_window import MainWindow  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402
from ui.unlock_dialog import UnlockDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PASSPHRASE = "lantern orchard pebble kettle"
REVIEW = Review(
    title="Review 2026/02 (Child R)",
    review_type=ReviewType.LCSPR,
    board="Northshire Safeguarding Children Partnership",
    methodology=Methodology.LEARNING_TOGETHER,
    status=ReviewStatus.GATHERING,
    scope=ScopePeriod(dt.date(2021, 9, 1), dt.date(2025, 6, 30)),
    created=dt.datetime(2026, 2, 9, 10, 30, tzinfo=dt.UTC),
)


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    app = application()
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="scr-screens-"))
    reviews = home / "Documents" / "Reviews"
    reviews.mkdir(parents=True)
    paths = AppPaths.under(home / "app").ensure()

    files = Sessions(paths, NoKeyring())
    names = ("review-2026-02.review", "rapid-review-2025-11.review", "lcspr-2025-04.review")
    codes = [files.add(reviews / name, REVIEW, PASSPHRASE) for name in names]

    window = MainWindow(files, paths=paths, runner=ImmediateTaskRunner())
    for name in reversed(names):
        window.recent.add(reviews / name)
    window.resize(960, 680)
    window.show()
    window.show_start()
    save(window, "start-window.png")

    dialog = NewReviewDialog(Sessions(paths), ImmediateTaskRunner(), window)  # with a keyring
    dialog.choose_path = lambda: reviews / "review-2026-03.review"
    dialog.title.setText("Review 2026/03")
    dialog.board.setText("Northshire Safeguarding Children Partnership")
    dialog.passphrase.passphrase.setText(PASSPHRASE)
    dialog.passphrase.confirm.setText(PASSPHRASE)
    dialog.choose.click()
    dialog.show()
    save(dialog, "new-review.png")
    dialog.close()

    unlock = UnlockDialog(files, reviews / names[0], ImmediateTaskRunner(), window)
    unlock.show()
    unlock.passphrase.setText("not the passphrase")
    unlock.accept()
    save(unlock, "unlock.png")
    unlock.passphrase.setText(PASSPHRASE)
    unlock.accept()
    assert unlock.review is not None
    window.show_review(unlock.review)
    save(window, "overview.png")

    code = RecoveryCodeDialog(codes[0], file_name=names[0], parent=window)
    code.show()
    save(code, "recovery-code.png")
    code.kept.setChecked(True)
    code.close()

    window.lock()
    save(window, "locked.png")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
