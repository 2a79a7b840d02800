"""Learning notes survive a trip through a Markdown file exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.errors import InvalidInputError
from reviewer_app.learning.markdown import file_name_for, from_markdown, to_markdown
from reviewer_app.learning.note import LearningNote, new_uid

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)

notes = st.builds(
    LearningNote,
    title=_TEXT.filter(lambda t: t.strip() != ""),
    body=st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    event=_TEXT,
    held_on=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    facilitator=_TEXT,
    tags=st.lists(_TEXT, max_size=5).map(tuple),
    uid=st.builds(new_uid),
    version=st.integers(1, 10_000),
)


@settings(max_examples=300, deadline=None)
@given(notes)
def test_any_note_round_trips_exactly(note: LearningNote) -> None:
    assert from_markdown(to_markdown(note)) == note


@settings(max_examples=50, deadline=None)
@given(notes)
def test_round_trip_through_a_real_file(
    tmp_path_factory: pytest.TempPathFactory, note: LearningNote
) -> None:
    path = tmp_path_factory.mktemp("md") / file_name_for(note)
    path.write_bytes(to_markdown(note).encode("utf-8"))
    assert from_markdown(path.read_bytes().decode("utf-8"), path.name) == note


def test_hand_written_note_is_read() -> None:
    text = (
        "---\r\ntitle: Strategy discussions\r\ndate: 2026-03-12\r\n"
        "tags: Multi-agency, Police\r\nfacilitator: A. Facilitator\r\n---\r\n# Heading\r\n"
    )
    note = from_markdown(text)
    assert note.title == "Strategy discussions"
    assert note.held_on == dt.date(2026, 3, 12)
    assert note.tags == ("multi-agency", "police")
    assert note.body == "# Heading\r\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# Just Markdown\n", "does not start"),
        ("---\ntitle: x\n", "no closing"),
        ("---\nevent: x\n---\nbody", "no title"),
        ("---\ntitle: x\ndate: 12/03/2026\n---\n", "YYYY-MM-DD"),
        ('---\ntitle: "x\n---\n', "title line"),
    ],
)
def test_files_that_are_not_notes_are_refused(text: str, problem: str) -> None:
    with pytest.raises(InvalidInputError, match=problem):
        from_markdown(text, "n.md")


def test_import_and_export_through_the_service(tmp_path: Path) -> None:
    from reviewer_app.services.learning import LibraryService
    from tests.reviewer_app.learning.memory import MemoryLibrary

    service = LibraryService(MemoryLibrary())
    note = service.add(LearningNote(title="Hindsight: bias?", body="Body\n", tags=("bias",)))
    [path] = service.export_markdown([note.id or 0], tmp_path)
    assert path.name == "Hindsight bias.md"
    [again] = service.export_markdown([note.id or 0], tmp_path)
    assert again.name == "Hindsight bias (2).md"
    other = LibraryService(MemoryLibrary())
    [imported] = other.import_markdown([path])
    assert imported.outcome == "added" and imported.note.same_content(note)
    assert imported.note.uid == note.uid
    assert other.import_markdown([path])[0].outcome == "unchanged"
    path.write_text(path.read_text("utf-8").replace("Body", "Changed"), "utf-8")
    updated = other.import_markdown([path])[0]
    assert updated.outcome == "updated" and updated.note.version == 2
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter", "utf-8")
    with pytest.raises(InvalidInputError):
        other.import_markdown([path, bad])
    assert len(other.notes()) == 1
