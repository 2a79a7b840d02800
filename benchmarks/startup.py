"""Start-up time and bundle size: to the start screen, and to a 50,000-entry review's chronology.

    .venv/bin/python benchmarks/startup.py [--entries 50000] [--repeat 3]

Runs the app as a reviewer would (a new process each time, offscreen), from the source tree and,
when `packaging/build` has made it, from the bundle in dist/scr-reviewer, and prints the best
wall-clock time of each. The window quits by itself once the screen has been painted
(REVIEWER_APP_EXIT_WHEN_SHOWN=1).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "scr-reviewer" / "scr-reviewer"
DEMO_PASSPHRASE = "demonstration only - not a real case"


def timed(command: list[str], home: Path, repeat: int) -> float:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "REVIEWER_APP_HOME": str(home),
        "REVIEWER_APP_EXIT_WHEN_SHOWN": "1",
    }
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reviewer-startup-"))
    home = work / "home"
    source = [sys.executable, "-m", "reviewer_app"]
    print(f"Making a {args.entries:,}-entry demo review …", flush=True)
    subprocess.run(
        [*source, "demo", str(home / "data" / "demo.review"), "--entries", str(args.entries)],
        env={**os.environ, "REVIEWER_APP_HOME": str(home)},
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text('{"welcomed": true}\n')
    rows = []
    builds = [("source tree", source)]
    if BUNDLE.exists():
        builds.append(("bundle (dist/scr-reviewer)", [str(BUNDLE)]))
    for name, command in builds:
        start_screen = timed(command, home, args.repeat)
        chronology = timed([*command, "--demo"], home, args.repeat)
        rows.append((name, start_screen, chronology))
    print(f"\n{'build':<28} {'start screen':>13} {'50k chronology':>15}")
    for name, start_screen, chronology in rows:
        print(f"{name:<28} {start_screen:>12.2f}s {chronology:>14.2f}s")
    if BUNDLE.exists():
        files = BUNDLE.parent.rglob("*")
        size = sum(p.stat().st_size for p in files if p.is_file() and not p.is_symlink())
        print(f"\nbundle size: {size / 1e6:.0f} MB ({BUNDLE.parent})")
    else:
        print("\nno bundle: run packaging/build to measure it too")
    return 0


if __name__ == "__main__":
    sys.exit(main())
