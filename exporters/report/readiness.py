"""The report as a source of readiness problems (for `check` and the window): the
anonymisation gate's hits, and the sections the reviewer still has to write."""

from __future__ import annotations

from collections.abc import Callable

from exporters.report.build import build_report
from exporters.report.export import check_review
from exporters.report_model import Heading, Note, NoteKind
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.problems import Category, Problem, ProblemSource, Where
from reviewer_app.reporting.inputs import ReportInputs


def anonymisation_problems(
    inputs: Callable[[], ReportInputs], register: Callable[[], PseudonymRegister]
) -> ProblemSource:
    """Every place the draft report would still identify someone, as readiness problems."""

    def problems() -> list[Problem]:
        return [
            Problem(Category.ANONYMISATION, hit.describe(), Where.REPORT)
            for hit in check_review(inputs(), register())
        ]

    return problems


REVIEWER_PROMPT = "For the reviewer: "


def drafting_problems(inputs: Callable[[], ReportInputs]) -> ProblemSource:
    """Every part of the draft report that still shows a drafting note for the reviewer (a
    section with no text yet, a finding without its questions or recommendations), one line
    per note, named by the section and the part of it."""

    def problems() -> list[Problem]:
        found = []
        for section in build_report(inputs()).sections:
            part = ""
            for block in section.blocks:
                if isinstance(block, Heading) and block.level > 1:
                    part = f" › {block.text}"
                elif (
                    isinstance(block, Note)
                    and block.kind is NoteKind.PROMPT
                    and block.text.startswith(REVIEWER_PROMPT)
                ):  # (a prompt for the safeguarding partners is not the reviewer's to write)
                    what = block.text.removeprefix(REVIEWER_PROMPT)
                    where = f"{section.title}{part}"
                    found.append(Problem(Category.REPORT, f"{where}: {what}", Where.REPORT))
        return found

    return problems
