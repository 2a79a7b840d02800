"""The anonymisation gate as a source of readiness problems (for `check` and the window)."""

from __future__ import annotations

from collections.abc import Callable

from exporters.report.export import check_review
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
