"""The window on a big review: from asking to show it to its chronology table and timeline
painted with data, and the memory used.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window.py [--entries 50000] [--repeat 5]

Builds (once, under --file if given) a demo review of --entries entries, then measures each
round in a fresh process, with the app's real threaded task runner:

* open: `files.open` — key derivation (Argon2), checks and any automatic backup taken before it
  returns, reported apart (a backup taken in the background is waited for after `shown`);
* table: `show_review` → the table holds every row, painted;
* shown: `show_review` → the table and the timeline laid out, both painted;
* CPU: the process's CPU time (user + system, every thread) over the same two stretches, which
  a busy machine inflates far less than the wall-clock times;
* floor: reading every `chronology_entry` row as plain tuples (`fetchall`) on the same open
  file — the least any window over this file pays — and the ratio shown ÷ floor;
* memory: resident as the review is shown, and with it open once what the window starts after
  showing it (the Overview's next steps, the backup) has run; the floor's own connection is
  thrown away, so its page cache is not counted as the review's.
Prints min / median of each; the goal is shown ≤ 0.5 s and ≤ 250 MB at 50,000 entries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(path: Path, home: Path, entries: int) -> dict[str, float]:
    """One round in this (fresh) process."""
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    from reviewer_app.demo import DEMO_PASSPHRASE
    from reviewer_app.paths import AppPaths
    from reviewer_app.wiring import ReviewSessionFiles, open_services
    from storage.backups import BackupStore
    from storage.keyring_store import KeyringStore, NoKeyring
    from storage.library import StoredReviewFiles
    from ui.start_window import MainWindow

    app = QApplication.instance() or QApplication([])
    paths = AppPaths.under(home).ensure()
    files = StoredReviewFiles(BackupStore(paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    window = MainWindow(ReviewSessionFiles(files), paths=paths)
    window.resize(1366, 800)
    window.show()
    app.processEvents()
    window_mb = rss_mb()

    start = time.perf_counter()
    review = files.open(path, passphrase=DEMO_PASSPHRASE)
    opened = time.perf_counter() - start

    engine = review.file.engine
    start = time.perf_counter()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM chronology_entry")).fetchall()
        floor = time.perf_counter() - start
        # The floor's connection is thrown away, not pooled: its page cache (up to 32 MiB of
        # the pages just read) belongs to the measurement, not to the open review.
        conn.invalidate()
    assert len(rows) == entries
    del rows

    start, cpu_start = time.perf_counter(), time.process_time()
    window.show_review(open_services(review), add_to_recent=False)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_section("chronology")
    model, view = workspace.chronology_page.model, workspace.timeline_page.view
    deadline = start + 300

    def wait_for(ready: Callable[[], bool]) -> None:
        while not ready():
            app.processEvents()
            time.sleep(0.001)
            if time.perf_counter() > deadline:
                raise RuntimeError("the review was not shown within 300 s")

    wait_for(lambda: model.rowCount() == entries)
    workspace.chronology_page.table.viewport().repaint()
    table, table_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    wait_for(lambda: view.timeline is not None)
    workspace.show_section("timeline")
    workspace.timeline_page.repaint()
    app.processEvents()
    shown, shown_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    waiting = getattr(review, "wait_for_backup", None)  # the open-time backup, if in background
    if waiting is not None:
        waiting()
    backup_done = time.perf_counter() - start
    shown_mb = rss_mb()
    # What the window does once the review is on screen (the Overview's next steps, the
    # backup's last writes) is let run before the memory is read again.
    settle = time.perf_counter() + 1.5
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.01)
    result = {"open": opened, "floor": floor, "table": table, "shown": shown}
    result |= {"table_cpu": table_cpu, "shown_cpu": shown_cpu}
    result["backup_done"] = backup_done
    result |= {"window_mb": window_mb, "shown_mb": shown_mb, "open_mb": rss_mb()}
    window.shut_down()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--file", type=Path, help="the demo review to use (made if missing)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reviewer-window-bench-"))
    if args.measure:
        print(json.dumps(measure(args.file, work / "home", args.entries)))
        return 0
    path = args.file or work / "big.review"
    if not path.exists():
        print(f"Building a {args.entries:,}-entry demo review …", flush=True)
        from reviewer_app.demo import DEMO_PASSPHRASE  # noqa: F401 - the demo's own passphrase
        from reviewer_app.paths import AppPaths
        from reviewer_app.services.demo_review import create_demo
        from storage.backups import BackupStore
        from storage.keyring_store import KeyringStore, NoKeyring
        from storage.library import StoredReviewFiles

        paths = AppPaths.under(work / "maker").ensure()
        files = StoredReviewFiles(BackupStore(paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
        create_demo(files, path, entries=args.entries).review.close()
    rounds = []
    for _ in range(args.repeat):
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                "--file",
                str(path),
                "--entries",
                str(args.entries),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        rounds.append(json.loads(done.stdout.strip().splitlines()[-1]))

    def row(label: str, key: str, unit: str = "s", scale: float = 1.0) -> None:
        values = [r[key] * scale for r in rounds]
        print(f"{label:<56} {min(values):>8.2f} / {statistics.median(values):<8.2f}{unit}")

    print(f"\n{args.entries:,} entries, {args.repeat} fresh processes; min / median")
    row("open the file (key derivation, checks, backup if due)", "open")
    row("floor: every row as plain tuples (fetchall)", "floor")
    row("show_review → table filled and painted", "table")
    row("show_review → table and timeline painted", "shown")
    row("  CPU time (every thread) to the table painted", "table_cpu")
    row("  CPU time (every thread) to both painted", "shown_cpu")
    ratios = [r["shown"] / r["floor"] for r in rounds]
    print(f"{'ratio shown ÷ floor':<56} {min(ratios):>8.1f} / {statistics.median(ratios):<8.1f}×")
    row("memory: resident, window alone", "window_mb", " MB")
    row("memory: resident as the review is shown", "shown_mb", " MB")
    row("memory: resident with the review open (settled)", "open_mb", " MB")
    print("\nGoal: shown ≤ 0.5 s after the key is derived; ≤ 250 MB with the review open.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
