"""The plain settings file: recently used review files and the auto-lock time.

Settings are not encrypted, so they hold file paths only: never a title, a board, a name or
anything else from inside a review. Other keys in the settings file are left as they are.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from reviewer_app.new_files import write_new_atomic

log = logging.getLogger(__name__)

KEY = "recent_reviews"
LIMIT = 10


class RecentReviews:
    def __init__(self, settings_file: Path, limit: int = LIMIT) -> None:
        self.settings_file = settings_file
        self.limit = limit

    def paths(self) -> list[Path]:
        entries = self._read().get(KEY, [])
        if not isinstance(entries, list):
            return []
        return [Path(entry) for entry in entries if isinstance(entry, str) and entry][: self.limit]

    def add(self, path: Path) -> None:
        """Put `path` at the top of the list (once)."""
        path = _absolute(path)
        rest = [p for p in self.paths() if _absolute(p) != path]
        self._write([path, *rest][: self.limit])

    def remove(self, path: Path) -> None:
        path = _absolute(path)
        self._write([p for p in self.paths() if _absolute(p) != path])

    def _read(self) -> dict[str, object]:
        return _read_settings(self.settings_file)

    def _write(self, paths: list[Path]) -> None:
        _write_setting(self.settings_file, KEY, [str(p) for p in paths])


AUTO_LOCK_KEY = "auto_lock_minutes"
WELCOMED_KEY = "welcomed"


def has_been_welcomed(settings_file: Path) -> bool:
    return _read_settings(settings_file).get(WELCOMED_KEY) is True


def mark_welcomed(settings_file: Path) -> None:
    _write_setting(settings_file, WELCOMED_KEY, True)


def auto_lock_minutes(settings_file: Path, default: int = 10) -> int:
    value = _read_settings(settings_file).get(AUTO_LOCK_KEY, default)
    return value if isinstance(value, int) and 0 <= value <= 240 else default


def set_auto_lock_minutes(settings_file: Path, minutes: int) -> None:
    _write_setting(settings_file, AUTO_LOCK_KEY, int(minutes))


def _read_settings(settings_file: Path) -> dict[str, object]:
    try:
        data = json.loads(settings_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("the settings file could not be read; using the defaults")
        return {}
    return data if isinstance(data, dict) else {}


def _write_setting(settings_file: Path, key: str, value: object) -> None:
    data = _read_settings(settings_file)
    data[key] = value
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2) + "\n"
    # Written beside the file, then put in its place: a crash never leaves half a settings file.
    write_new_atomic(settings_file, text.encode("utf-8"), replace=True)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path.expanduser()))
