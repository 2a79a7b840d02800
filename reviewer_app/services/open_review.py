"""The services of one open review, built once and shared by the window and the command line.

Each part of a review is its own service; some draw on others (the Quality Markers see the
family's involvement and the analysis, the readiness check hears from every part). They are
tied together here, once per open review, over one `ChangeBus`: a change made through any of
them is heard by all, so no copy goes stale. The composition root (`reviewer_app.wiring`)
adds what only the exporters can do (the draft report, the anonymisation gate, the learning
dataset) through `ReviewExports`, and hands the whole set to the window or the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Protocol

from reviewer_app.analysis.conversation import ConversationKind
from reviewer_app.anonymisation.actions import GateDecisions
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.errors import DamagedReviewError
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.learning.dataset import LearningDataset
from reviewer_app.people.model import PersonKind
from reviewer_app.problems import Category, Problem, ProblemSource, Where
from reviewer_app.quality.assessment import EvidenceKind, EvidenceLink
from reviewer_app.quality.suggestions import Suggestion
from reviewer_app.reporting.inputs import (
    MarkerAssessmentInput,
    ReportInputs,
    SelfAssessmentInputs,
)
from reviewer_app.reporting.log import ReviewLog
from reviewer_app.repositories import OpenReview
from reviewer_app.review import Methodology, Review
from reviewer_app.review_file import KeyringNotice, ReviewFile
from reviewer_app.services.action_plan import ActionPlanService
from reviewer_app.services.analysis import AnalysisService
from reviewer_app.services.changes import ChangeBus
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.drafts import DraftsService
from reviewer_app.services.finding_evidence import FindingEvidenceService
from reviewer_app.services.gate_decisions import DecisionService
from reviewer_app.services.learning import (
    AttachedNotesService,
    anonymised_dataset,
    learning_note_inputs,
)
from reviewer_app.services.people import PeopleService
from reviewer_app.services.quality import QualityService
from reviewer_app.services.rapid_review import RapidReviewService
from reviewer_app.services.readiness import Guidance, ReadinessReport, check_readiness, next_steps
from reviewer_app.services.report_text import ReportTextService
from reviewer_app.services.requests import RequestService
from reviewer_app.services.review_details import ReviewDetailsService
from reviewer_app.services.sign_off import SignOffService
from reviewer_app.services.timetable import TimetableService
from reviewer_app.services.transfer import take_snapshot

_FAMILY = (PersonKind.FAMILY, PersonKind.CHILD)

DatasetFormat = Literal["json", "csv"]


@dataclass(frozen=True, slots=True)
class ReportSources:
    """What the exporters read from the open review, always current when called."""

    inputs: Callable[[], ReportInputs]
    register: Callable[[], PseudonymRegister]
    log: ReviewLog
    dataset: Callable[[], LearningDataset]
    #: The Quality Markers self-assessment as it stands (None: not available here)
    self_assessment: Callable[[], SelfAssessmentInputs] | None = None
    #: The review's methodology alone, without the entries (None: from `inputs`)
    methodology: Callable[[], Methodology] | None = None


class SelfAssessmentWritten(Protocol):
    """What writing the self-assessment gives back (`exporters.self_assessment`)."""

    @property
    def path(self) -> Path: ...
    @property
    def markers(self) -> int: ...


class ReviewExports(Protocol):
    """What only the exporters can do for an open review (built by the composition root)."""

    @property
    def report(self) -> object:
        """The draft report's actions (`exporters.report.service.ReportService`)."""
        ...

    def anonymisation_problems(self) -> Iterable[Problem]: ...
    def drafting_problems(self) -> Iterable[Problem]:
        """The parts of the draft report the reviewer still has to write."""
        ...

    def write_learning_dataset(self, path: Path, file_format: DatasetFormat) -> LearningDataset: ...
    def write_self_assessment(
        self, path: Path, *, overwrite: bool = False
    ) -> SelfAssessmentWritten:
        """The Quality Markers self-assessment as a DOCX for the partnership, through the
        anonymisation gate (raises `exporters.api.ExportBlockedError`; nothing written)."""
        ...


ExportsFactory = Callable[[ReportSources], ReviewExports]


class ReviewServices:
    """One open review: its services, its file's own actions, and what it can export."""

    def __init__(self, review: OpenReview, exports: ExportsFactory | None = None) -> None:
        self._file: ReviewFile = review
        self.changes = ChangeBus()
        changes = self.changes
        self.details = ReviewDetailsService(review.details, review.chronology, changes)
        self.chronology = ChronologyService(review.chronology, changes)
        self.people = PeopleService(review.people, review.chronology, changes)
        self.analysis = AnalysisService(
            review.analysis, review.chronology, review.people, review.details, changes
        )
        self.timetable = TimetableService(review.timetable, review.details, changes=changes)
        self.rapid_review = RapidReviewService(review.rapid_review, changes, details=review.details)
        #: Chronology requests sent to agencies (request packs) and their answers.
        self.requests = RequestService(
            review.requests,
            self.chronology,
            review.details,
            self.timetable,
            self,
            changes,
            returns=self.people,
        )
        self.drafts = DraftsService(review.drafts, review.log, changes)
        self.action_plan = ActionPlanService(review.action_plan, review.analysis.findings, changes)
        self.sign_off = SignOffService(
            review.sign_off,
            changes,
            gate=self._final_gate,
            publication_done=self.timetable.save_milestone,
            milestone=self.timetable.record,
        )
        self.learning_notes = AttachedNotesService(review.learning_notes, changes)
        #: Published reviews linked to findings as evidence that they are systemic (copies).
        self.finding_evidence = FindingEvidenceService(review.published_evidence, changes)
        self.decisions = DecisionService(review.decisions, changes)
        #: The reviewer's text for the report's narrative sections (the Report page's editor).
        self.report_text = ReportTextService(review.report_text, changes)
        #: What the Report page does when the reviewer chooses an action on a finding.
        self.gate_decisions = GateDecisions(self.decisions, self.people)
        self.quality = QualityService(
            review.quality,
            review.details,
            review.chronology,
            suggestion_sources=(self._family_without_involvement,),
            evidence_sources=(self._evidence_for,),
            changes=changes,
        )
        self._snapshot: Callable[[], ReviewSnapshot] = lambda: take_snapshot(review)
        self._details_source = review.details
        sources = ReportSources(
            self.report_inputs,
            self.pseudonym_register,
            review.log,
            self.dataset,
            self.self_assessment_inputs,
            lambda: review.details.load().methodology,
        )
        self.exports: ReviewExports | None = exports(sources) if exports is not None else None

    # -- the file ------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self._file.path

    def change_passphrase(self, new_passphrase: str) -> str:
        return self._file.change_passphrase(new_passphrase)

    def unshown_recovery_code(self) -> str | None:
        """The recovery code in force if it was never shown (see `ReviewFile`)."""
        return self._file.unshown_recovery_code()

    def recovery_code_shown(self) -> None:
        self._file.recovery_code_shown()

    def damaged_error(self) -> DamagedReviewError:
        return self._file.damaged_error()

    def remember_on_this_computer(self) -> KeyringNotice:
        return self._file.remember_on_this_computer()

    def forget_on_this_computer(self) -> None:
        self._file.forget_on_this_computer()

    def verify(self) -> list[str]:
        return self._file.verify()

    def backup_to(self, target: Path) -> None:
        self._file.backup_to(target)

    def shown(self) -> None:
        """The window has painted the review: the automatic backup due at open may start."""
        self._file.shown()

    def close(self) -> None:
        self._file.close()

    # -- the whole review ----------------------------------------------------------------------
    def snapshot(self) -> ReviewSnapshot:
        """Everything in the review as plain domain objects (for the report and interchange)."""
        return self._snapshot()

    def pseudonym_register(self) -> PseudonymRegister:
        """Who and what the anonymisation gate must know about in this review, with the
        reviewer's decisions on what it found before."""
        return replace(self.people.pseudonym_register(), decisions=self.decisions.decisions())

    def report_inputs(self) -> ReportInputs:
        snapshot = self.snapshot()
        return ReportInputs(
            snapshot=snapshot,
            quality_markers=self._marker_inputs(),
            learning_notes=learning_note_inputs(self.learning_notes.attached()),
            published_evidence=self.finding_evidence.report_inputs(),
            section_text=snapshot.report_sections,
        )

    def self_assessment_inputs(self) -> SelfAssessmentInputs:
        """The Quality Markers self-assessment as it stands, for its own export."""
        board = self.quality.dashboard()
        return SelfAssessmentInputs(self.snapshot(), board.assessment, tuple(board.rows))

    def dataset(self) -> LearningDataset:
        """The review's learning dataset, through the anonymisation gate."""
        return anonymised_dataset(self.snapshot(), self.pseudonym_register())

    def readiness(self) -> ReadinessReport:
        """Everything to put right before a draft goes to the panel, the gate's hits included."""
        gate: list[ProblemSource] = []
        drafting: list[ProblemSource] = []
        if self.exports is not None:
            gate.append(self.exports.anonymisation_problems)
            drafting.append(self.exports.drafting_problems)
        return check_readiness(
            self._details_source,
            self.chronology,
            self.quality,
            self.timetable,
            [*self._part_problems(), *gate],
            drafting,
        )

    def _final_gate(self) -> list[Problem]:
        """Before publication, everything the readiness check finds blocks, later steps too."""
        report = self.readiness()
        return [*report.problems, *report.later]

    def next_steps(self) -> Guidance:
        return next_steps(
            self._details_source,
            self.chronology,
            self.quality,
            self.timetable,
            self._part_problems(),
        )

    # -- threads between the parts -------------------------------------------------------------
    def _marker_inputs(self) -> tuple[MarkerAssessmentInput, ...]:
        return tuple(
            MarkerAssessmentInput(
                number=row.number,
                title=row.title,
                stage=row.stage_title,
                status=row.status.label,
                evidence=f"{row.evidence} linked" if row.evidence else "",
            )
            for row in self.quality.dashboard_rows()
        )

    def _family_without_involvement(self) -> Iterator[Suggestion]:
        for person in self.people.people():
            if person.kind in _FAMILY and person.id and not self.people.involvement(person.id):
                yield Suggestion(
                    12,
                    f"{person.pseudonym} has no involvement record yet: were they told of the "
                    "review and invited to contribute?",
                    where="people",
                )

    def _evidence_for(self, marker: int) -> Iterable[EvidenceLink]:
        if marker in (11, 12):
            wanted = (
                (ConversationKind.PRACTITIONER, ConversationKind.LEARNING_EVENT)
                if marker == 11
                else (ConversationKind.FAMILY_MEETING,)
            )
            for conversation in self.analysis.conversations():
                if conversation.kind in wanted and conversation.id:
                    yield EvidenceLink(
                        marker, EvidenceKind.CONVERSATION, str(conversation.id), conversation.title
                    )
        if marker == 13:
            for episode in self.analysis.episodes():
                if episode.id:
                    yield EvidenceLink(marker, EvidenceKind.EPISODE, str(episode.id), episode.title)
            for finding in self.analysis.findings():
                if finding.id:
                    yield EvidenceLink(
                        marker, EvidenceKind.FINDING, str(finding.id), finding.statement[:80]
                    )

    def _part_problems(self) -> list[ProblemSource]:
        """Problems the people and analysis parts know of, for the readiness check."""

        def analysis_problems() -> list[Problem]:
            return [
                Problem(Category.FINDINGS, warning.message, Where.FINDINGS)
                for warning in self.analysis.warnings()
                if warning.kind == "finding-without-evidence"
            ]

        def people_problems() -> list[Problem]:
            found = []
            for person in self.people.people():
                if not person.pseudonym.strip():
                    found.append(
                        Problem(Category.PEOPLE, "Someone has no pseudonym yet.", "people")
                    )
                elif person.reason_missing:
                    found.append(
                        Problem(
                            Category.PEOPLE,
                            f"{person.pseudonym} is not involved in the review and the reason is "
                            "not recorded.",
                            "people",
                        )
                    )
            return found

        return [analysis_problems, people_problems, self.drafts.problems]


@dataclass(frozen=True, slots=True)
class CreatedSession:
    review: ReviewServices
    recovery_code: str
    keyring: KeyringNotice


class ReviewSessions(Protocol):
    """Creates and opens reviews as service sets: what the window is handed."""

    def keyring_status(self) -> KeyringNotice: ...
    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedSession: ...
    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> ReviewServices: ...
    def open_remembered(self, path: Path) -> ReviewServices | None: ...
