"""The small interfaces the services depend on; `storage` implements them.

Services and the window see only these protocols, never SQL or SQLCipher, which keeps the
domain testable on its own and lets the UI be handed whatever the composition root wires in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewer_app.actions.model import ActionPlanRepository
from reviewer_app.analysis.published_evidence import PublishedEvidenceRepository
from reviewer_app.analysis.repository import AnalysisRepository
from reviewer_app.anonymisation.decisions import DecisionStore
from reviewer_app.chronology.repository import ChronologyRepository
from reviewer_app.chronology.requests import RequestRepository
from reviewer_app.drafts.model import DraftsRepository
from reviewer_app.drafts.sign_off import SignOffRepository
from reviewer_app.learning.repository import AttachedNotesRepository
from reviewer_app.people.repository import PeopleRepository
from reviewer_app.quality.repository import QualityRepository
from reviewer_app.reporting.log import ReviewLog
from reviewer_app.reporting.sections import ReportTextRepository
from reviewer_app.review import Review
from reviewer_app.review_file import KeyringNotice, ReviewFile
from reviewer_app.timetable.rapid_review import RapidReviewRepository
from reviewer_app.timetable.repository import TimetableRepository


class ReviewDetailsRepository(Protocol):
    def load(self) -> Review: ...
    def save(self, details: Review) -> None: ...


class OpenReview(ReviewFile, Protocol):
    """One unlocked review file and everything stored in it."""

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
    def rapid_review(self) -> RapidReviewRepository: ...
    @property
    def requests(self) -> RequestRepository: ...
    @property
    def drafts(self) -> DraftsRepository: ...
    @property
    def sign_off(self) -> SignOffRepository: ...
    @property
    def action_plan(self) -> ActionPlanRepository: ...
    @property
    def log(self) -> ReviewLog: ...
    @property
    def learning_notes(self) -> AttachedNotesRepository: ...
    @property
    def published_evidence(self) -> PublishedEvidenceRepository: ...
    @property
    def decisions(self) -> DecisionStore: ...
    @property
    def report_text(self) -> ReportTextRepository: ...


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
