"""Root test configuration: every location redirected, Qt offscreen, secrets watched.

Anything a test registers as secret (passphrases, keys, recovery codes, marker strings) must
never appear in a log file or in any test's captured stderr; the session fails if it does.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reviewer_app.paths import HOME_ENV, AppPaths  # noqa: E402
from tests.helpers import secrets_watch  # noqa: E402

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="reviewer-app-tests-"))
os.environ[HOME_ENV] = str(_SESSION_HOME / "default-home")


@pytest.fixture(autouse=True)
def app_paths(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> AppPaths:
    """Each test gets its own data/config/cache/log folders (and REVIEWER_APP_HOME)."""
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv(HOME_ENV, str(home))
    secrets_watch.LOG_ROOTS.add(home / "log")
    return AppPaths.under(home).ensure()


@pytest.fixture(autouse=True, scope="session")
def _watch_keys() -> Iterator[None]:
    """Every database key made during the run is registered as a secret."""
    from storage import keys

    original_init = keys.DatabaseKey.__init__

    def recording_init(self: keys.DatabaseKey, raw: bytes | bytearray) -> None:
        original_init(self, raw)
        secrets_watch.register(bytes(raw).hex())

    keys.DatabaseKey.__init__ = recording_init  # type: ignore[method-assign]
    yield
    keys.DatabaseKey.__init__ = original_init  # type: ignore[method-assign]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    captured = getattr(report, "capstderr", "") + getattr(report, "caplog", "")
    secrets_watch.scan_text(f"stderr/log of {item.nodeid}", captured)
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    secrets_watch.LOG_ROOTS.add(_SESSION_HOME)
    leaks = secrets_watch.scan_logs() + secrets_watch.LEAKS
    if leaks:
        sys.stderr.write("\nSECRET LEAK: a key, passphrase or marker reached a log or stderr:\n")
        for where in leaks:
            sys.stderr.write(f"  {where}\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow-crash",
        action="store_true",
        default=False,
        help="kill -9 each command at 100 random moments (tests/storage/test_kill_trials.py), "
        "not 10; and 750 mutated agency files, not 100 "
        "(tests/reviewer_app/importers/test_hostile_files.py)",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked for a platform are skipped elsewhere, saying why (markers in pyproject)."""
    if item.get_closest_marker("posix_only") and os.name != "posix":
        pytest.skip("POSIX only: file modes and the resource module do not exist on Windows")
    if item.get_closest_marker("linux_only") and not sys.platform.startswith("linux"):
        pytest.skip("Linux only: needs /proc, D-Bus or gnome-keyring")
