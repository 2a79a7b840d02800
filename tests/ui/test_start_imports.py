"""The start screen loads only what it draws: the import wizard, the report exporters and their
libraries load when first used (issue 16: cold start). Checked in a fresh interpreter, because
this test process has long since imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Libraries the start screen never uses: spreadsheets, Word, PDF (and the typesetter of the
#: publication PDF), XML, the anonymisation scan.
NOT_AT_START = ("openpyxl", "docx", "reportlab", "lxml", "pypdf", "ahocorasick", "typst")

_PROBE = """
import json, sys
import reviewer_app.cli, ui.application, ui.start_window
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_the_start_window_imports_none_of_the_heavy_libraries() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "PySide6" in loaded  # the probe really imported the window
    assert loaded.isdisjoint(NOT_AT_START), sorted(loaded & set(NOT_AT_START))
