"""The gate finds the same with the possible names read from resources/names/possible_names.txt
as with them worked out from the name lists and the dictionary (as it did before): on the demo
report with names planted in it, and on reports hypothesis writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.report.build import build_report
from exporters.report.context import ReportOptions
from exporters.report.export import check_report
from reviewer_app.anonymisation import words
from reviewer_app.anonymisation.compiled import compile_register
from reviewer_app.anonymisation.hits import HitKind
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import Hit
from reviewer_app.reporting.inputs import ReportInputs, register_for
from tests.exporters.report_fixtures import REGISTER, demo_inputs, finding, with_analysis

BASE = demo_inputs(120)
SOME_NAMES = sorted(words.given_names())[::97] + sorted(words.surnames())[::53]
OTHER_WORDS = ("Hope", "Will", "Mark", "March", "Monday", "London", "English", "Grace", "Dr")


@contextmanager
def _worked_out_from_the_lists(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        patch.setattr(words, "is_possible_name", words.possible_name_by_the_lists)
        compile_register.cache_clear()
        yield
    compile_register.cache_clear()


def _hits(inputs: ReportInputs, register: PseudonymRegister) -> list[Hit]:
    full = register_for(inputs.snapshot, register)
    report = build_report(inputs, None, full, ReportOptions(chronology="full"))
    return check_report(report, full)


def _with_text(text: str) -> ReportInputs:
    """The demo with the text as a finding (what the reviewer wrote) and a chronology entry's
    text (an agency's)."""
    inputs = with_analysis(BASE, findings=(finding(text),))
    entries = list(inputs.snapshot.entries)
    entries[0] = replace(entries[0], event=text, comment=text)
    return replace(inputs, snapshot=replace(inputs.snapshot, entries=tuple(entries)))


def _compare(inputs: ReportInputs, monkeypatch: pytest.MonkeyPatch) -> list[Hit]:
    fast = _hits(inputs, REGISTER)
    with _worked_out_from_the_lists(monkeypatch):
        slow = _hits(inputs, REGISTER)
    assert fast == slow
    return fast


def test_the_demo_report_with_names_planted_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    planted = " ".join(
        f"{name.title()} saw {other} and {name.title()}'s sister."
        for name, other in zip(SOME_NAMES, OTHER_WORDS * 60, strict=False)
    )
    hits = _compare(_with_text(planted), monkeypatch)
    assert any(hit.kind is HitKind.POSSIBLE_NAME for hit in hits)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(SOME_NAMES).map(str.title),
            st.sampled_from(SOME_NAMES).map(lambda n: n.title() + "'s"),
            st.sampled_from(OTHER_WORDS),
            st.text("abcdefghijklmnopqrstuvwxyzé", min_size=2, max_size=9).map(str.title),
            st.sampled_from(("the", "visit", "Mother", "Philippa", "Quartermaine's", ".", "-")),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_a_report_hypothesis_writes_finds_the_same(
    monkeypatch: pytest.MonkeyPatch, parts: list[str]
) -> None:
    _compare(_with_text(" ".join(parts)), monkeypatch)
