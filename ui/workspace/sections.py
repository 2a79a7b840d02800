"""The parts of a review, in the order a reviewer works through them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    purpose: str


SECTIONS = (
    Section("overview", "Overview", "The review's details, terms of reference and scope."),
    Section("chronology", "Chronology", "The merged multi-agency chronology."),
    Section("timeline", "Timeline", "Every agency's entries on one time axis."),
    Section(
        "people",
        "People",
        "The child, the family and the practitioners, each with a pseudonym; what was asked of "
        "each agency; names and places that must not appear in a report.",
    ),
    Section("agencies", "Agencies and imports", "Agencies and every import from them."),
    Section(
        "timetable",
        "Timetable",
        "The review's milestones and statutory clocks, warnings, the delay log, the rapid "
        "review, the drafts sent out with the comments that came back, and the action plan.",
    ),
    Section(
        "conversations",
        "Conversations",
        "Conversations with practitioners, agency representatives and family members, with "
        "notes structured by a conversation guide and passages linked to the chronology.",
    ),
    Section(
        "episodes",
        "Key practice episodes",
        "The episodes chosen for deeper analysis: what happened, each person's view, the "
        "contributory factors and an appraisal of practice.",
    ),
    Section(
        "findings",
        "Findings",
        "Findings sorted by the Learning Together typology, each traced to its evidence, with "
        "questions for the board.",
    ),
    Section(
        "markers",
        "Quality markers",
        "A running self-assessment against the 18 NSPCC/SCIE Quality Markers, backed by the "
        "evidence the review already holds.",
    ),
    Section(
        "learning",
        "Learning notes",
        "Masterclass learning notes from your own library, attached to this review.",
    ),
    Section(
        "report",
        "Report",
        "The draft report for the panel (Word and PDF), through the anonymisation check.",
    ),
)
