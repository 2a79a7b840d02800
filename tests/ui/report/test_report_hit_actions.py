"""The Report page lists each finding with its form and the actions offered, and acts on them."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from exporters.report.service import ReportService
from reviewer_app.anonymisation import (
    Decision,
    GateDecisions,
    KnownIdentity,
    PseudonymRegister,
)
from tests.exporters.report_fixtures import demo_inputs
from ui.report.page import HIT_COLUMNS, ReportPage
from ui.tasks import ImmediateTaskRunner

PEOPLE = (KnownIdentity("Child M", "Jane Smith-Jones"), KnownIdentity("Mother", "Mary Jones"))


class Store:
    def __init__(self) -> None:
        self.kept: list[Decision] = []

    def decisions(self) -> tuple[Decision, ...]:
        return tuple(self.kept)

    def record(self, decision: Decision) -> Decision:
        self.kept.append(decision)
        return decision

    def remove(self, decision_id: int) -> None:
        raise AssertionError("not used")


class People:
    def __init__(self) -> None:
        self.added: list[tuple[str, str]] = []

    def add_to_register(self, real_name: str, pseudonym: str) -> None:
        self.added.append((real_name, pseudonym))


def test_each_finding_shows_where_the_form_and_the_actions_and_the_actions_work(
    qtbot: QtBot,
) -> None:
    store, people = Store(), People()
    text = "Mrs Smith agreed. Dr Olusegun Bakare was told. Jones had left."
    inputs = replace(demo_inputs(40), section_text={"conclusions": text})

    def register() -> PseudonymRegister:
        return PseudonymRegister(PEOPLE, decisions=store.decisions())

    page = ReportPage(
        ReportService(lambda: inputs, register),
        ImmediateTaskRunner(),
        GateDecisions(store, people),
    )
    qtbot.addWidget(page)
    assert [page.hits.headerItem().text(n) for n in range(6)] == HIT_COLUMNS
    rows = [
        [page.hits.topLevelItem(r).text(c) for c in range(6)]
        for r in range(page.hits.topLevelItemCount())
    ]
    assert [r[2] for r in rows] == ["Smith", "Dr Olusegun Bakare", "Jones"]
    smith, stranger, jones = rows
    assert smith[0].startswith("14. Conclusions")
    assert smith[4].startswith("part of a surname")
    assert smith[5] == "replace with pseudonym “Child M”; not a name"
    assert stranger[4].startswith("possible name not in the register")
    assert stranger[5] == "add to register; not a name"
    assert "shared by Child M and Mother" in jones[4]
    assert not page.hit_buttons.isHidden()

    page.hits.setCurrentItem(page.hits.topLevelItem(1))
    assert page.register_button.isEnabled() and not page.replace_button.isEnabled()
    page.ask_new_pseudonym = lambda found: "Paediatrician 1"
    page.register_button.click()
    assert people.added == [("Olusegun Bakare", "Paediatrician 1")]

    page.hits.setCurrentItem(page.hits.topLevelItem(2))
    page.choose_pseudonym = lambda choices: choices[1]
    page.replace_button.click()
    assert (store.kept[-1].form, store.kept[-1].pseudonym) == ("jones", "Mother")
    # The preview was checked again with the decision: Jones is now Mother.
    assert [page.hits.topLevelItem(r).text(2) for r in range(page.hits.topLevelItemCount())] == [
        "Smith",
        "Dr Olusegun Bakare",
    ]
