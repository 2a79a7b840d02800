"""Undo steps for the review's own details, on the one operation path (`ui.operations`)."""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.services.review_details import ReviewDetailsService, ReviewFacts
from ui.operations import Change, Replace


def edit_details_command(
    service: ReviewDetailsService,
    before: ReviewFacts,
    after: ReviewFacts,
    on_change: Callable[[ReviewFacts], None],
) -> Replace[ReviewFacts]:
    """Change the review's details; each step is written to the file at once."""

    def heard(change: Change) -> None:
        shown = change.shown
        assert isinstance(shown, ReviewFacts)
        on_change(shown)

    return Replace("Edit review details", service.save, before, after, changed=heard)
