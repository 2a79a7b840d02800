"""What tests may assume about the platform they run on.

`posix_only` and `linux_only` (markers registered in pyproject.toml, skipped by tests/conftest.py
elsewhere) mark whole tests that cannot run on Windows or macOS. An owner-only check inside a
wider test uses `assert_owner_only`, so the rest of that test runs everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

POSIX = os.name == "posix"


def assert_owner_only(path: Path | str) -> None:
    """0600 on POSIX. On Windows a file's mode is only its read-only flag; what protects the
    file there is its folder's access list (docs/security.md), so there is nothing to check."""
    if POSIX:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode == 0o600, f"{path} has mode {mode:o}, not 600"
