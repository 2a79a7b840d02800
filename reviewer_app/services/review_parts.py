"""The services of one open review, wired together in one place.

Each part of a review is its own service; some draw on others (the Quality Markers see the
family's involvement and the analysis, the readiness check hears from every part). This module
is where those threads are tied, so the window, the command line and the report all see the
same review.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reviewer_app.analysis.conversation import ConversationKind
from reviewer_app.people.model import PersonKind
from reviewer_app.quality.assessment import EvidenceKind, EvidenceLink
from reviewer_app.quality.suggestions import Suggestion
from reviewer_app.repositories import OpenReview
from reviewer_app.services.analysis import AnalysisService
from reviewer_app.services.people import PeopleService
from reviewer_app.services.quality import QualityService
from reviewer_app.services.readiness import Category, Problem, ProblemSource, Where
from reviewer_app.services.timetable import TimetableService

_FAMILY = (PersonKind.FAMILY, PersonKind.CHILD)


def people_service(review: OpenReview) -> PeopleService:
    return PeopleService(review.people, review.chronology)


def analysis_service(review: OpenReview) -> AnalysisService:
    return AnalysisService(review.analysis, review.chronology, review.people, review.details)


def timetable_service(review: OpenReview) -> TimetableService:
    return TimetableService(review.timetable, review.details)


def quality_service(review: OpenReview) -> QualityService:
    people = people_service(review)
    analysis = analysis_service(review)

    def family_without_involvement() -> Iterator[Suggestion]:
        for person in people.people():
            if person.kind in _FAMILY and person.id and not people.involvement(person.id):
                yield Suggestion(
                    12,
                    f"{person.pseudonym} has no involvement record yet: were they told of the "
                    "review and invited to contribute?",
                    where="people",
                )

    def evidence_for(marker: int) -> Iterable[EvidenceLink]:
        if marker in (11, 12):
            wanted = (
                (ConversationKind.PRACTITIONER, ConversationKind.LEARNING_EVENT)
                if marker == 11
                else (ConversationKind.FAMILY_MEETING,)
            )
            for conversation in analysis.conversations():
                if conversation.kind in wanted and conversation.id:
                    yield EvidenceLink(
                        marker, EvidenceKind.CONVERSATION, str(conversation.id), conversation.title
                    )
        if marker == 13:
            for episode in analysis.episodes():
                if episode.id:
                    yield EvidenceLink(marker, EvidenceKind.EPISODE, str(episode.id), episode.title)
            for finding in analysis.findings():
                if finding.id:
                    yield EvidenceLink(
                        marker, EvidenceKind.FINDING, str(finding.id), finding.statement[:80]
                    )

    return QualityService(
        review.quality,
        review.details,
        review.chronology,
        suggestion_sources=(family_without_involvement,),
        evidence_sources=(evidence_for,),
    )


def part_problems(review: OpenReview) -> list[ProblemSource]:
    """Problems the people and analysis parts know of, for the readiness check."""
    analysis = analysis_service(review)
    people = people_service(review)

    def analysis_problems() -> list[Problem]:
        return [
            Problem(Category.FINDINGS, warning.message, Where.FINDINGS)
            for warning in analysis.warnings()
            if warning.kind == "finding-without-evidence"
        ]

    def people_problems() -> list[Problem]:
        found = []
        for person in people.people():
            if not person.pseudonym.strip():
                found.append(Problem(Category.PEOPLE, "Someone has no pseudonym yet.", "people"))
            elif person.reason_missing:
                found.append(
                    Problem(
                        Category.PEOPLE,
                        f"{person.pseudonym} is not involved in the review and the reason is not "
                        "recorded.",
                        "people",
                    )
                )
        return found

    return [analysis_problems, people_problems]
