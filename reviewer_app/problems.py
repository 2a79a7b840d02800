"""A problem to put right before a draft goes to the panel: plain data every part can report.

The readiness check (`services.readiness`) gathers them; other parts (the anonymisation gate in
`exporters.report`, the people and analysis services) add their own as `ProblemSource`s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    DETAILS = "Review details"
    AGENCIES = "Agency returns"
    MARKERS = "Quality markers"
    TIMETABLE = "Timetable"
    FINDINGS = "Findings"
    PEOPLE = "People"
    ANONYMISATION = "Anonymisation"
    REPORT = "Report still to write"
    DRAFTS = "Comments on drafts"
    SIGN_OFF = "Sign-off"


class Where(StrEnum):
    """Where to fix a problem: the workspace section keys (see ui/workspace/sections.py)."""

    OVERVIEW = "overview"
    AGENCIES = "agencies"
    MARKERS = "markers"
    TIMETABLE = "timetable"
    FINDINGS = "findings"
    REPORT = "report"


_WHERE_LABELS = {
    "overview": "Overview",
    "agencies": "People and agencies",
    "markers": "Quality markers",
    "timetable": "Timetable",
    "findings": "Findings",
    "report": "Report",
    "conversations": "Conversations",
    "episodes": "Key practice episodes",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to put right: a category, a plain-English message, and where to fix it."""

    category: str
    message: str
    where: str

    @property
    def where_label(self) -> str:
        return _WHERE_LABELS.get(self.where, self.where.capitalize())

    def line(self) -> str:
        """One line for the command line: "Category: message (fix it in: Page)"."""
        return f"{self.category}: {self.message} (fix it in: {self.where_label})"


#: Another part of the review's problems, e.g. findings without evidence.
ProblemSource = Callable[[], Iterable[Problem]]
