"""Undo commands for the review's own details."""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.services.review_details import ReviewDetailsService, ReviewFacts
from ui.undo import ReplaceCommand


def edit_details_command(
    service: ReviewDetailsService,
    before: ReviewFacts,
    after: ReviewFacts,
    on_change: Callable[[ReviewFacts], None],
) -> ReplaceCommand[ReviewFacts]:
    """Change the review's details; each redo/undo is written to the file at once."""

    def save(facts: ReviewFacts) -> None:
        service.save(facts)
        on_change(facts)

    return ReplaceCommand("Edit review details", save, before, after)
