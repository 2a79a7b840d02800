"""The small interfaces the services depend on; `storage` implements them.

Services and the window see only these protocols, never SQL or SQLCipher, which keeps the
domain testable on its own and lets the UI be handed whatever the composition root wires in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewer_app.analysis.repository import AnalysisRepository
from reviewer_app.chronology.repository import ChronologyRepository
from reviewer_app.learning.repository import AttachedNotesRepository
from reviewer_app.people.repository import PeopleRepository
from reviewer_app.quality.repository import QualityRepository
from reviewer_app.review import Review
from reviewer_app.services.report import ReviewLog
from reviewer_app.timetable.repository import TimetableRepository


class ReviewDetailsRepository(Protocol):
    def load(self) -> Review: ...
    def save(self, details: Review) -> None: ...


@dataclass(frozen=True, slots=True)
class KeyringNotice:
    """Whether this computer can remember passphrases, and what to tell the reviewer if not."""

    available: bool
    notice: str = ""


class OpenReview(Protocol):
    """One unlocked review file and everything stored in it."""

    @property
    def path(self) -> Path: ...
    @property
    def details(self) -> ReviewDetailsRepository: ...
    @property
    def chronology(self) -> ChronologyRepository: ...
    @property
    def people(self) -> PeopleRepository: ...
    @property
    def analysis(self) -> AnalysisRepository: ...
    @property
    def quality(self) -> QualityRepository: ...
    @property
    def timetable(self) -> TimetableRepository: ...
    @property
    def log(self) -> ReviewLog: ...
    @property
    def learning_notes(self) -> AttachedNotesRepository: ...
    def change_passphrase(self, new_passphrase: str) -> str: ...
    def remember_on_this_computer(self) -> KeyringNotice: ...
    def forget_on_this_computer(self) -> None: ...
    def verify(self) -> list[str]: ...
    def backup_to(self, target: Path) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class CreatedReview:
    review: OpenReview
    recovery_code: str
    keyring: KeyringNotice


class ReviewFiles(Protocol):
    """Creates and opens review files."""

    def keyring_status(self) -> KeyringNotice: ...
    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedReview: ...
    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> OpenReview: ...
    def open_remembered(self, path: Path) -> OpenReview | None: ...
