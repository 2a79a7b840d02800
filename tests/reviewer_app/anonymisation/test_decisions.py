"""The reviewer's decisions on findings: kept in the review file, and heeded by the gate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reviewer_app.anonymisation import (
    Decision,
    DecisionKind,
    GateDecisions,
    KnownIdentity,
    LeakScanner,
    Pseudonymiser,
    PseudonymRegister,
)
from reviewer_app.errors import InvalidInputError
from reviewer_app.paths import AppPaths
from storage.anonymisation_repository import SqlDecisionStore
from tests.helpers.reviews import new_review

REGISTER = PseudonymRegister(
    (
        KnownIdentity("Child M", "Jane Smith-Jones"),
        KnownIdentity("Sibling", "Will Green"),
    )
)
TEXT = "Mrs Smith said Priya was late. Will the board ask? Later Will said no."


class Editor:
    def __init__(self) -> None:
        self.added: list[tuple[str, str]] = []

    def add_to_register(self, real_name: str, pseudonym: str) -> None:
        self.added.append((real_name, pseudonym))


def test_decisions_are_kept_in_the_review_file_and_heeded(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = new_review(tmp_path / "d.review", app_paths)
    try:
        store = SqlDecisionStore(lambda: review.file.engine)
        editor = Editor()
        gate = GateDecisions(store, editor)
        hits = LeakScanner(REGISTER, unregistered=True).scan_text(
            Pseudonymiser(REGISTER).apply(TEXT)
        )
        assert [h.found for h in hits] == ["Smith", "Priya", "Will"]
        smith, priya, will = hits
        gate.replace_with(smith, "Child M")
        gate.not_a_name(will)  # "Will the board…" only
        gate.add_to_register(priya, "Health Visitor 2")
        assert editor.added == [("Priya", "Health Visitor 2")]
        with pytest.raises(InvalidInputError):
            gate.replace_with(smith, "Sibling")  # not one of the people it could be

        kept = store.decisions()
        assert [(d.kind, d.form, d.pseudonym) for d in kept] == [
            (DecisionKind.SAME_AS, "smith", "Child M"),
            (DecisionKind.NOT_A_NAME, "will", ""),
        ]
        # Both words are everyday words too, so each decision holds where it was made.
        assert kept[0].context == "mrs <> said priya" and kept[1].context == "<> the board"
        assert kept[0].made is not None
        decided = replace(REGISTER, decisions=kept)
        assert Pseudonymiser(decided).apply(TEXT).startswith("Child M said Priya")
        assert Pseudonymiser(decided).apply("Mrs Smith left") == "Mrs Smith left"
        after = LeakScanner(decided, unregistered=True).scan_text(
            Pseudonymiser(decided).apply(TEXT)
        )
        assert [h.found for h in after] == ["Priya"]  # until the person is in the register
        store.record(Decision(DecisionKind.NOT_A_NAME, "will", context="<> the board"))
        linked = PseudonymRegister(
            REGISTER.identities, decisions=(Decision(DecisionKind.SAME_AS, "js", "Child M"),)
        )
        assert Pseudonymiser(linked).apply("JS said") == "Child M said"  # anywhere
        assert len(store.decisions()) == 2  # the same decision is kept once
        store.remove(kept[0].id or 0)
        assert [d.form for d in store.decisions()] == ["will"]
    finally:
        review.close()
