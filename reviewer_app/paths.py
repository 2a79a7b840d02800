"""Where the app keeps its own files: one place, from platformdirs, overridable as a whole.

`--data-dir DIR` (or `REVIEWER_APP_HOME`) puts every location under one folder; tests use it
to redirect everything to a temporary directory. Reviews themselves live wherever the reviewer
saves them; these folders hold backups, settings, logs and caches — and never plaintext case data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "scr-reviewer"
HOME_ENV = "REVIEWER_APP_HOME"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path
    log: Path

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        return cls(root / "data", root / "config", root / "cache", root / "log")

    @classmethod
    def default(cls, override: Path | None = None) -> AppPaths:
        if override is None and os.environ.get(HOME_ENV):
            override = Path(os.environ[HOME_ENV])
        if override is not None:
            return cls.under(override)
        dirs = platformdirs.PlatformDirs(APP_DIR_NAME, appauthor=False)
        return cls(
            Path(dirs.user_data_dir),
            Path(dirs.user_config_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_log_dir),
        )

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.log / "reviewer-app.log"

    def all(self) -> tuple[Path, ...]:
        return (self.data, self.config, self.cache, self.log)

    def ensure(self) -> AppPaths:
        """Create the folders, readable by their owner only."""
        for folder in (*self.all(), self.backups):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        return self
