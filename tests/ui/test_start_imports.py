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


#: Packages and modules the start screen does not use either: storage (SQLAlchemy, SQLCipher,
#: the keyring), the services, the exporters, the import wizard, the learning library and the
#: review's pages. They load when a review is first created or opened (the keyring's notice is
#: worked out just after the window is shown).
NOT_SHOWN_WITH_START = (
    *NOT_AT_START,
    "sqlalchemy",
    "sqlcipher3",
    "keyring",
    "storage",
    "exporters",
    "reviewer_app.services",
    "reviewer_app.learning",
    "reviewer_app.importers",
    "ui.importing",
    "ui.learning",
    "ui.workspace",
    "ui.chronology",
    "ui.timeline",
)


def _excluded(name: str) -> bool:
    return any(name == root or name.startswith(root + ".") for root in NOT_SHOWN_WITH_START)


def _start(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """`reviewer-app ARGS` as launched, told to quit once its first screen is shown (as
    benchmarks/startup.py runs it), with no passphrase in its environment."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text('{"welcomed": true}\n', encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REVIEWER_APP_PASSPHRASE", "REVIEWER_APP_RECOVERY_CODE"}
    }
    env |= {"QT_QPA_PLATFORM": "offscreen", "REVIEWER_APP_HOME": str(home)}
    env |= {"REVIEWER_APP_EXIT_WHEN_SHOWN": "1", **extra}
    return subprocess.run(
        [sys.executable, "-m", "reviewer_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_real_start_shows_the_start_screen_without_storage(tmp_path: Path) -> None:
    """`reviewer-app` as launched: the modules loaded when the start screen is shown."""
    modules = tmp_path / "modules.txt"
    done = _start(tmp_path, REVIEWER_APP_SHOWN_MODULES=str(modules))
    assert "reviewer-app-shown-at" in done.stderr, done.stderr[-2000:]
    loaded = modules.read_text(encoding="utf-8").split()
    assert "ui.start_window" in loaded and "PySide6.QtWidgets" in loaded
    assert [name for name in loaded if _excluded(name)] == []


def test_a_start_measurement_never_waits_on_a_passphrase_prompt(tmp_path: Path) -> None:
    """With the window told to quit once shown, a review that asks for its passphrase makes it
    say so and exit, instead of waiting for ever (benchmarks/startup.py)."""
    from tests.helpers.files import make_review

    review = tmp_path / "asks.review"
    make_review(review)
    # the fail backend: nothing is remembered, so the passphrase would be asked for
    done = _start(
        tmp_path, "--open", str(review), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )
    assert "reviewer-app-not-shown UnlockDialog" in done.stderr, done.stderr[-2000:]
    assert done.returncode != 0
