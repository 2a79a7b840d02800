"""The window on a big review: time to first paint of the chronology table and the timeline,
and the memory used.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window.py [--entries 50000]

Builds a demo review of --entries entries in a temporary folder, opens it in the real window
(offscreen), and prints: opening the file and building the workspace, the table's first paint,
the timeline's first paint, a scroll through the table, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer_app.demo import DEMO_PASSPHRASE  # noqa: E402
from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.services.demo_review import create_demo  # noqa: E402
from storage.backups import BackupStore  # noqa: E402
from storage.keyring_store import KeyringStore, NoKeyring  # noqa: E402
from storage.library import StoredReviewFiles  # noqa: E402
from ui.start_window import MainWindow  # noqa: E402
from ui.tasks import ImmediateTaskRunner  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="reviewer-window-bench-"))
    paths = AppPaths.under(work / "home").ensure()
    files = StoredReviewFiles(BackupStore(paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    path = work / "big.review"
    print(f"Building a {args.entries:,}-entry demo review …", flush=True)
    create_demo(files, path, entries=args.entries).review.close()
    before = rss_mb()

    window = MainWindow(files, paths=paths, runner=ImmediateTaskRunner())
    window.resize(1366, 800)
    window.show()
    app.processEvents()

    start = time.perf_counter()
    review = files.open(path, passphrase=DEMO_PASSPHRASE)
    window.show_review(review, add_to_recent=False)
    workspace = window.workspace
    assert workspace is not None
    opened = time.perf_counter() - start

    start = time.perf_counter()
    workspace.show_section("chronology")
    workspace.chronology_page.table.viewport().repaint()
    app.processEvents()
    table_paint = time.perf_counter() - start
    assert workspace.chronology_page.model.rowCount() == args.entries

    start = time.perf_counter()
    workspace.show_section("timeline")
    workspace.timeline_page.repaint()
    app.processEvents()
    timeline_paint = time.perf_counter() - start

    workspace.show_section("chronology")
    table = workspace.chronology_page.table
    bar = table.verticalScrollBar()
    start = time.perf_counter()
    steps = 200
    for step in range(steps):
        bar.setValue(bar.maximum() * step // steps)
        table.viewport().repaint()
    scroll = (time.perf_counter() - start) / steps

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{'measure':<52} {'value':>10}")
    print(f"{'open the file + build the workspace (loads all)':<52} {opened * 1000:>8.0f}ms")
    print(f"{'chronology table: first paint':<52} {table_paint * 1000:>8.0f}ms")
    print(f"{'timeline: first paint':<52} {timeline_paint * 1000:>8.0f}ms")
    print(f"{'table: one scroll step + repaint (mean of 200)':<52} {scroll * 1000:>8.1f}ms")
    print(f"{'memory: resident after building the review':<52} {before:>8.0f}MB")
    print(f"{'memory: resident with the review open':<52} {rss_mb():>8.0f}MB")
    print(f"{'memory: peak':<52} {peak:>8.0f}MB")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
