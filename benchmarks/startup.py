"""Start-up time: launch → the start screen painted, side by side with a bare PySide6 window;
and launch → a 50,000-entry review's chronology table and timeline painted.

    .venv/bin/python benchmarks/startup.py [--entries 50000] [--repeat 5]

Runs the app as a reviewer would (a new process each time, offscreen), from the source tree and,
when `packaging/build` has made it, from the bundle in dist/scr-reviewer. The window reports the
moment its first screen has been painted and quits (REVIEWER_APP_EXIT_WHEN_SHOWN=1); the figure
is launch → that moment, not process exit. It never waits on a passphrase prompt: a window that
would ask for one (or show an error) reports so and exits, and the run stops with that reason.
The floor is a bare PySide6 QMainWindow shown and painted the same way, launched alternately
with the app so both see the same machine. Prints min / median and the ratio app ÷ floor.
`--entries 0` skips the review.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "scr-reviewer" / "scr-reviewer"
SHOWN = "reviewer-app-shown-at"

#: The floor: the least any PySide6 app pays to show and paint a main window.
FLOOR = f"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(920, 640)
window.show()
window.repaint()
app.processEvents()
print("{SHOWN}", time.time(), file=sys.stderr, flush=True)
"""


def launch(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to the child's 'shown' line (wall clock on both sides)."""
    start = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    for line in done.stderr.splitlines():
        if line.startswith(SHOWN):
            return float(line.split()[1]) - start
        if line.startswith("reviewer-app-not-shown"):
            raise RuntimeError(f"{command} stopped at a dialog ({line.split()[-1]}), not shown")
    raise RuntimeError(f"{command} never reported its window shown:\n{done.stderr[-2000:]}")


def figures(samples: list[float]) -> str:
    return f"{min(samples):6.2f} / {statistics.median(samples):5.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reviewer-startup-"))
    home = work / "home"
    env = {
        key: value
        for key, value in os.environ.items()
        # a passphrase in the environment would make the demo unopenable by --demo
        if key not in {"REVIEWER_APP_NEW_PASSPHRASE", "REVIEWER_APP_PASSPHRASE"}
    }
    env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "REVIEWER_APP_HOME": str(home),
        "REVIEWER_APP_EXIT_WHEN_SHOWN": "1",
    }
    source = [sys.executable, "-m", "reviewer_app"]
    if args.entries:
        print(f"Making a {args.entries:,}-entry demo review …", flush=True)
        subprocess.run(
            [*source, "demo", str(home / "data" / "demo.review"), "--entries", str(args.entries)],
            env={k: v for k, v in env.items() if k != "REVIEWER_APP_EXIT_WHEN_SHOWN"},
            check=True,
            capture_output=True,
            cwd=ROOT,
            timeout=600,
        )
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text('{"welcomed": true}\n')
    builds = [("source tree", source)]
    if BUNDLE.exists():
        builds.append(("bundle (dist/scr-reviewer)", [str(BUNDLE)]))
    floor_command = [sys.executable, "-c", FLOOR]
    launch(floor_command, env)  # warm the file cache for both
    print(
        f"\n{'launch → painted (min / median)':<36} {'app':>16} {'bare PySide6':>16} {'ratio':>14}"
    )
    for name, command in builds:
        try:
            launch(command, env)
        except RuntimeError:  # a bundle built before the window reported when it was shown
            print(f"{name}: does not report when shown; rebuild it (packaging/build)")
            continue
        app, floor = [], []
        for _ in range(args.repeat):
            floor.append(launch(floor_command, env))
            app.append(launch(command, env))
        low, middle = min(app) / min(floor), statistics.median(app) / statistics.median(floor)
        ratio = f"{low:4.1f} / {middle:4.1f}×"
        print(f"{name + ': start screen':<36} {figures(app):>16} {figures(floor):>16} {ratio:>14}")
        if args.entries:
            chronology = [launch([*command, "--demo"], env) for _ in range(args.repeat)]
            print(f"{name + f': {args.entries:,} chronology':<36} {figures(chronology):>16}")
    print("\nGoal: start screen ≤ 1.0 s and ≤ 3× the bare window.")
    if BUNDLE.exists():
        files = BUNDLE.parent.rglob("*")
        size = sum(p.stat().st_size for p in files if p.is_file() and not p.is_symlink())
        print(f"bundle size: {size / 1e6:.0f} MB ({BUNDLE.parent})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
