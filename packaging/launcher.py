"""Entry point of the bundled programs (packaging/scr-reviewer.spec builds two from this file).

- `scr-reviewer-cli`: the command line, exactly as `reviewer-app`.
- `scr-reviewer`: the window (windowed on Windows and macOS, so it has no console and
  `sys.stderr` is None there), on the review file given as its only argument if there is one
  (a double-clicked `.review` file); given a command, it runs the command line.
"""

import sys
from pathlib import Path


def main() -> int:
    if Path(sys.executable).stem.lower().endswith("-cli"):
        from reviewer_app.cli import main as command_line

        return command_line()
    from reviewer_app.app import main as window

    return window(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
