from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from reviewer_app.analysis.conversation import (
    Conversation,
    ConversationGuide,
    ConversationKind,
    GuideQuestion,
    Mode,
    Passage,
)
from reviewer_app.analysis.episode import Appraisal, Episode, Factor, FactorKind, Perspective
from reviewer_app.analysis.finding import Finding
from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.review import Methodology, Review
from tests.reviewer_app.analysis import workbench
from tests.reviewer_app.analysis.workbench import Workbench

bench = workbench.bench


def _entries(bench: Workbench, n: int = 3) -> list[int]:
    agency = bench.review.chronology.add_agency(Agency("Police"))
    assert agency.id is not None
    return bench.review.chronology.add_many(
        [
            ChronologyEntry(agency.id, parse_uk_date(f"0{i + 1}/02/2015"), "Log", f"Event {i}")
            for i in range(n)
        ]
    )


def _conversation(bench: Workbench) -> Conversation:
    hv = bench.people.save_person(Person(PersonKind.PRACTITIONER, "Health Visitor 1", "P N"))
    assert hv.id is not None
    return bench.analysis.save_conversation(
        Conversation(
            ConversationKind.PRACTITIONER,
            "Conversation with Health Visitor 1",
            dt.date(2026, 4, 14),
            Mode.VIDEO,
            participants=(hv.id,),
            consent_notes="Agreed",
            support_notes="Supervisor offered",
            guide_key="practitioner",
            record=bench.analysis.blank_record("practitioner"),
            notes="Free notes",
        )
    )


def test_guides_are_shipped_and_the_review_keeps_its_own_edited_copy(bench: Workbench) -> None:
    keys = [g.key for g in bench.analysis.guides()]
    assert "practitioner" in keys and "family" in keys
    assert bench.analysis_repo.guides() == []
    edited = ConversationGuide("practitioner", "My guide", (GuideQuestion("q", "What mattered?"),))
    bench.analysis.save_guide(edited)
    guides = {g.key: g for g in bench.analysis.guides()}
    assert guides["practitioner"] == edited and "family" in guides  # the others were kept
    assert [i.question for i in bench.analysis.blank_record("practitioner")] == ["What mattered?"]


def test_a_conversation_with_its_structured_record_and_a_linked_passage(bench: Workbench) -> None:
    entry_ids = _entries(bench)
    conversation = _conversation(bench)
    assert conversation.id is not None
    assert [i.key for i in conversation.record][:2] == ["knew", "trying"]
    answered = conversation.with_changes(
        record=tuple(
            i if i.key != "knew" else type(i)(i.key, i.question, "Not much")
            for i in conversation.record
        )
    )
    bench.analysis.save_conversation(answered)
    assert bench.analysis.conversations() == [answered]
    episode = bench.analysis.save_episode(Episode("Bruise", entry_ids=(entry_ids[0],)))
    assert episode.id is not None
    passage = bench.analysis.save_passage(
        Passage(conversation.id, "I heard a week later.", ("information sharing",),
                (entry_ids[1],), (episode.id,))
    )  # fmt: skip
    assert bench.analysis.passages(conversation.id) == [passage]
    assert bench.analysis.themes() == ["information sharing"]


def test_an_episode_keeps_perspectives_factors_appraisal_and_safeguards(bench: Workbench) -> None:
    entry_ids = _entries(bench)
    episode = Episode(
        "Response to the first incident",
        dt.date(2015, 2, 1),
        dt.date(2015, 2, 3),
        "What happened",
        (Perspective("Mother", "Nobody asked me"), Perspective("HV 1", "I heard late", None)),
        (Factor(FactorKind.TOOL, "Form"), Factor(FactorKind.FAMILY_CONTEXT, "Fear")),
        Appraisal.MIXED,
        "Because",
        ("Panel challenge of the appraisal",),
        tuple(entry_ids[:2]),
    )
    saved = bench.analysis.save_episode(episode)
    assert bench.analysis.episodes() == [saved]
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        Episode("Backwards", dt.date(2015, 2, 3), dt.date(2015, 2, 1))


def test_warnings_for_findings_without_evidence_and_unused_episodes(bench: Workbench) -> None:
    episode = bench.analysis.save_episode(Episode("Strategy discussion"))
    finding = bench.analysis.save_finding(
        Finding("Telephone strategy discussions leave agencies out")
    )
    kinds = sorted(w.kind for w in bench.analysis.warnings())
    assert kinds == ["episode-unused", "finding-without-evidence"]
    assert episode.id is not None
    bench.analysis.save_finding(finding.with_changes(episode_ids=(episode.id,)))
    assert bench.analysis.warnings() == []


def test_deleting_an_entry_evidence_points_to_is_warned_of_and_leaves_no_link(
    bench: Workbench,
) -> None:
    entry_ids = _entries(bench)
    conversation = _conversation(bench)
    assert conversation.id is not None
    target = entry_ids[1]
    episode = bench.analysis.save_episode(Episode("E", entry_ids=(target, entry_ids[0])))
    passage = bench.analysis.save_passage(Passage(conversation.id, "Said", entry_ids=(target,)))
    finding = bench.analysis.save_finding(Finding("F", entry_ids=(target,)))
    use = bench.analysis.evidence_using_entry(target)
    assert (use.episodes, use.passages, use.findings) == ((episode,), (passage,), (finding,))
    assert use.describe() == "1 key practice episode, 1 finding, 1 conversation passage"
    assert bench.analysis.evidence_using_entry(entry_ids[2]).empty

    bench.review.chronology.delete(target)
    assert bench.analysis.episodes()[0].entry_ids == (entry_ids[0],)
    assert bench.analysis.passages()[0].entry_ids == ()
    assert bench.analysis.findings()[0].entry_ids == ()
    assert bench.analysis.evidence_using_entry(target).empty
    # a restore that still names the deleted entry drops that link instead of failing
    bench.analysis.save_finding(finding)
    assert bench.analysis.findings()[0].entry_ids == ()


def test_deleting_an_episode_cuts_links_and_restore_puts_them_back(bench: Workbench) -> None:
    conversation = _conversation(bench)
    assert conversation.id is not None
    episode = bench.analysis.save_episode(Episode("E"))
    assert episode.id is not None
    passage = bench.analysis.save_passage(
        Passage(conversation.id, "Said", episode_ids=(episode.id,))
    )
    finding = bench.analysis.save_finding(
        Finding("F", episode_ids=(episode.id,), passage_ids=(passage.id or 0,))
    )
    removal = bench.analysis.delete_episode(episode.id)
    assert bench.analysis.findings()[0].episode_ids == ()
    assert bench.analysis.passages()[0].episode_ids == ()
    bench.analysis.restore(removal)
    assert bench.analysis.episodes() == [episode]
    assert bench.analysis.findings() == [finding]
    assert bench.analysis.passages() == [passage]

    removal = bench.analysis.delete_conversation(conversation.id)
    assert bench.analysis.passages() == [] and bench.analysis.findings()[0].passage_ids == ()
    bench.analysis.restore(removal)
    assert bench.analysis.passages() == [passage] and bench.analysis.findings() == [finding]


def test_the_methodology_decides_questions_or_recommendations(bench: Workbench) -> None:
    assert bench.analysis.asks_board_questions()
    bench.review.details.save(Review(title="SILP review", methodology=Methodology.SILP))
    assert not bench.analysis.asks_board_questions()


def test_notes_import_from_docx_and_txt_and_broken_files_are_refused(
    bench: Workbench, tmp_path: Path
) -> None:
    conversation = _conversation(bench)
    document = docx.Document()
    document.add_paragraph("Reviewer: What did you know?")
    document.add_paragraph("HV: Very little — a form in my tray.")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    imported = bench.analysis.import_notes(conversation, path)
    assert "a form in my tray" in imported.transcript and imported.transcript_name == "notes.docx"
    text = tmp_path / "notes.txt"
    text.write_bytes("Caf\xe9 notes\r\nline two".encode("cp1252"))
    assert bench.analysis.import_notes(conversation, text).transcript == "Café notes\nline two"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InvalidInputError, match="damaged"):
        bench.analysis.import_notes(conversation, broken)
    with pytest.raises(InvalidInputError, match="only Word"):
        bench.analysis.import_notes(conversation, tmp_path / "notes.pdf")
