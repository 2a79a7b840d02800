"""A library access over the in-memory library, for window tests that need no file."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.learning.repository import LearningLibraryRepository, LibraryCreated
from tests.reviewer_app.learning.memory import MemoryLibrary


class MemoryAccess:
    def __init__(self, library: MemoryLibrary | None = None, *, is_open: bool = True) -> None:
        self.library = library or MemoryLibrary()
        self._open = is_open
        self.closed = 0

    @property
    def path(self) -> Path:
        return Path("learning.library")

    def exists(self) -> bool:
        return True

    def create(self, passphrase: str, *, remember: bool = False) -> LibraryCreated:
        raise AssertionError("not used")

    def open(
        self, *, passphrase: str | None = None, code: str | None = None
    ) -> LearningLibraryRepository:
        self._open = True
        return self.library

    def open_remembered(self) -> LearningLibraryRepository | None:
        return None

    @property
    def repository(self) -> LearningLibraryRepository | None:
        return self.library if self._open else None

    @property
    def collation(self) -> None:
        return None  # the collation is kept only in a real library file

    @property
    def published(self) -> None:
        return None  # published reviews are kept only in a real library file

    def close(self) -> None:
        self._open = False
        self.closed += 1
