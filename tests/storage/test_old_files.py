"""Files made by earlier versions of the app still open, migrate and read back (TagStudio's
tests/test_migrations.py is the model).

`tests/storage/old_files/` holds a review file of every schema version and a learning library,
each made by the code of an old commit (see the README there and `make_old_files.py`), with the
contents in `old_files/contents.py`. Each test copies one to a tmp folder and opens it with
today's `StoredReviewFiles`, as the window does: the file must be backed up before migrating,
migrate to today's version, pass SQLite's integrity check, give back through today's
repositories exactly what the old version wrote, take new work, and end with the schema a new
file gets (so no released migration has been edited since).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from reviewer_app.analysis.finding import Finding
from reviewer_app.paths import AppPaths
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.review import Review, ReviewType
from reviewer_app.timetable.rapid_review import Answer, Decision, RapidReview
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import MilestoneRecord, compute_schedule
from storage.backups import BackupStore
from storage.connection import connect, precheck
from storage.keyring_store import KeyringStore, NoKeyring
from storage.keys import derive_key
from storage.learning_library import LearningLibraryFile, StoredLearningLibrary
from storage.library import StoredReview, StoredReviewFiles
from storage.migrations import SCHEMA_VERSION
from storage.review_file import ReviewFile
from tests.helpers.secrets_watch import register
from tests.storage.old_files import contents as c

OLD_FILES = Path(__file__).parent / "old_files"
PASSPHRASE = register(c.PASSPHRASE)
REVIEWS = [pytest.param(f"review-v{n}.review", n, id=f"v{n}") for n in range(1, SCHEMA_VERSION)]


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _raw_value(path: Path, query: str) -> Any:
    """One value read from a file with SQLCipher alone, changing nothing (no migration)."""
    salt = precheck(path)
    with closing(connect(path, derive_key(PASSPHRASE, salt), salt)) as conn:
        return conn.execute(query).fetchone()[0]


def _schema(path: Path) -> set[tuple[str, str, str, str]]:
    salt = precheck(path, "file")
    with closing(connect(path, derive_key(PASSPHRASE, salt), salt)) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(t, n, tbl, " ".join((sql or "").split())) for t, n, tbl, sql in rows}


@pytest.fixture
def files(app_paths: AppPaths) -> StoredReviewFiles:
    return StoredReviewFiles(BackupStore(app_paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]


def _open(name: str, tmp_path: Path, files: StoredReviewFiles) -> StoredReview:
    path = tmp_path / name
    shutil.copyfile(OLD_FILES / name, path)
    return files.open(path, passphrase=PASSPHRASE)


@pytest.fixture
def opened(
    request: pytest.FixtureRequest, tmp_path: Path, files: StoredReviewFiles
) -> Iterator[StoredReview]:
    review = _open(request.param, tmp_path, files)
    yield review
    review.close()


def test_there_is_a_stored_review_of_every_earlier_version() -> None:
    stored = {p.name for p in OLD_FILES.glob("review-v*.review")}
    assert {f"review-v{n}.review" for n in range(1, SCHEMA_VERSION)} <= stored
    for name in stored:
        assert _raw_value(OLD_FILES / name, "PRAGMA user_version") == int(name[8:-7])


@pytest.mark.parametrize(("name", "version"), REVIEWS)
def test_an_old_review_is_backed_up_then_migrated(
    name: str, version: int, tmp_path: Path, files: StoredReviewFiles
) -> None:
    before = (OLD_FILES / name).read_bytes()
    review = _open(name, tmp_path, files)
    with review.file.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
    assert review.verify() == []
    backups = {b.reason: b.path for b in files.backups.list(review.file.file_id)}
    review.close()
    assert (OLD_FILES / name).read_bytes() == before  # the stored file is left as it was
    if version == SCHEMA_VERSION:
        assert "before-migration" not in backups
        return
    copy = backups["before-migration"]  # the file as it was, under the same passphrase
    assert _raw_value(copy, "PRAGMA user_version") == version
    assert _raw_value(copy, "SELECT title FROM review") == c.title(version)


@pytest.mark.parametrize(("opened", "version"), REVIEWS, indirect=["opened"])
def test_an_old_review_reads_back_what_its_version_wrote(
    opened: StoredReview, version: int
) -> None:
    review = opened
    _check_details(review, version)
    ids = _check_chronology(review, version)
    _check_people(review, version, ids)
    finding_id = _check_analysis(review, version, ids)
    _check_quality_and_timetable(review, version, finding_id)
    assert review.rapid_review.load() == RapidReview()  # no file before version 9 had one
    entries = review.log.entries()
    if version >= 5:
        at, kind, summary, count = c.LOG
        assert [(e.at, e.kind, e.summary, e.count) for e in entries] == [
            (dt.datetime.fromisoformat(at), kind, summary, count)
        ]
    else:
        assert entries == []
    _check_attached_note(review, version, finding_id)


@pytest.mark.parametrize(("name", "version"), REVIEWS)
def test_a_migrated_review_takes_new_work_and_has_the_schema_of_a_new_one(
    name: str, version: int, tmp_path: Path, files: StoredReviewFiles
) -> None:
    review = _open(name, tmp_path, files)
    saved = review.analysis.save_finding(Finding("A finding added after the upgrade."))
    person = review.people.save_person(
        Person(PersonKind.FAMILY, "Added after upgrade", other_names=("A",), interpreter=True)
    )
    rapid = RapidReview("What happened.", criteria_met=Answer.YES, decision=Decision.LCSPR)
    review.rapid_review.save(rapid)
    aware = MilestoneRecord(MilestoneKind.BECAME_AWARE, done_on=dt.date(2026, 1, 5))
    review.timetable.save_milestone(aware)
    review.close()
    review = files.open(tmp_path / name, passphrase=PASSPHRASE)
    assert review.rapid_review.load() == rapid
    assert aware in review.timetable.milestones()
    assert saved in review.analysis.findings()
    assert person.id is not None
    assert review.people.person(person.id) == person
    review.close()
    new = tmp_path / "new.review"
    ReviewFile.create(new, Review(title="Today's"), PASSPHRASE)[0].close()
    assert _schema(tmp_path / name) == _schema(new)


def test_the_old_learning_library_opens_and_reads_back(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "learning-v1.library"
    shutil.copyfile(OLD_FILES / "learning-v1.library", path)
    library = StoredLearningLibrary(path, BackupStore(app_paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    notes = {n.uid: n for n in library.open(passphrase=PASSPHRASE).notes()}
    assert set(notes) == {n["uid"] for n in c.LIBRARY_NOTES}
    for expected in c.LIBRARY_NOTES:
        _check_note(notes[expected["uid"]], expected)
    assert library.file is not None
    assert library.file.verify() == []
    library.close()
    new = tmp_path / "new.library"
    LearningLibraryFile.create(new, PASSPHRASE)[0].close()
    assert _raw_value(path, "PRAGMA user_version") == LearningLibraryFile.schema_version()
    assert _schema(path) == _schema(new)


# -- what each part should hold ------------------------------------------------------------------


def _same(got: Any, expected: dict[str, Any], *but: str, **converted: Any) -> None:
    """Each value in `expected` is `got`'s attribute of that name, but for the keys in `but`
    (references by name, checked apart) and those whose expected value is given `converted`
    (dates given as text, say). Enumerations compare equal to their stored values."""
    wanted = {**{k: v for k, v in expected.items() if k not in but}, **converted}
    assert {k: getattr(got, k) for k in wanted} == wanted


def _check_details(review: StoredReview, version: int) -> None:
    details, r = review.details.load(), c.REVIEW
    created = dt.datetime.fromisoformat(r["created"])
    _same(details, r, "scope", title=c.title(version), created=created)
    assert details.scope is not None
    assert (details.scope.start.isoformat(), details.scope.end.isoformat()) == r["scope"]


def _check_chronology(review: StoredReview, version: int) -> dict[str, dict[Any, Any]]:
    """Checks the chronology; returns names by id: agency, person (pseudonym), entry (source)."""
    chronology = review.chronology
    agencies, entries, people = chronology.agencies(), chronology.entries(), review.people.people()
    ids: dict[str, dict[Any, Any]] = {
        "agency": {a.id: a.name for a in agencies},
        "person": {p.id: p.pseudonym for p in people},
        "entry": {e.id: e.source for e in entries},
    }
    if version < 2:
        assert (agencies, entries, people) == ([], [], [])
        assert (chronology.batches(), chronology.same_event_decisions()) == ([], [])
        assert chronology.subject_date_of_birth() is None
        return ids
    assert sorted((a.name, a.agency_type) for a in agencies) == sorted(c.AGENCIES)
    assert chronology.subject_date_of_birth() == _day(c.SUBJECT_DATE_OF_BIRTH)
    [batch], b = chronology.batches(), c.BATCH
    _same(batch, b, "agency", imported_at=dt.datetime.fromisoformat(b["imported_at"]))
    assert ids["agency"][batch.agency_id] == c.AGENCIES[b["agency"]][0]
    by_source = {e.source: e for e in entries}
    assert set(by_source) == {e["source"] for e in c.ENTRIES}
    for e in c.ENTRIES:
        got = by_source[e["source"]]
        date = {k: e[k] for k in ("start", "end", "precision", "qualifier", "original", "time")}
        time = dt.time.fromisoformat(e["time"]) if e["time"] else None
        _same(got.date, date, start=_day(e["start"]), end=_day(e["end"]), time=time)
        others = {k: v for k, v in e.items() if k not in date}
        references = ("agency", "in_batch", "people", "row_number", "original_row")
        _same(got, others, *references, flags=frozenset(e["flags"]))
        assert ids["agency"][got.agency_id] == c.AGENCIES[e["agency"]][0]
        assert sorted(ids["person"][p] for p in got.people) == sorted(e["people"])
        assert got.provenance.batch_id == (batch.id if e["in_batch"] else None)
        assert got.provenance.row_number == e["row_number"]
        assert got.provenance.original == e["original_row"]
    [decision] = chronology.same_event_decisions()
    a, b_, status, score = c.SAME_EVENT
    assert {ids["entry"][decision.entry_a], ids["entry"][decision.entry_b]} == {a, b_}
    assert (decision.status, decision.score) == (status, score)
    return ids


def _check_people(review: StoredReview, version: int, ids: dict[str, dict[Any, Any]]) -> None:
    if version < 2:
        return
    people = {p.pseudonym: p for p in review.people.people()}
    child = people.pop(c.SUBJECT_PSEUDONYM)
    assert (child.kind, child.is_subject) == ("child", True)
    assert child.date_of_birth == _day(c.SUBJECT_DATE_OF_BIRTH)
    if version == 2:  # a row from version 2, with the columns version 3 added at their defaults
        [mother], p = people.values(), c.V2_PERSON
        _same(mother, p, "role", kind=p["role"], date_of_birth=_day(p["date_of_birth"]))
        assert not mother.is_subject
        assert (mother.other_names, mother.agency_id, mother.interpreter) == ((), None, False)
        assert (mother.involvement, mother.job_title, mother.nhs_number) == (
            "not-yet-asked",
            "",
            "",
        )
        return
    assert set(people) == {p["pseudonym"] for p in c.PEOPLE}
    for p in c.PEOPLE:
        got = people[p["pseudonym"]]
        _same(got, p, "agency", date_of_birth=_day(p["date_of_birth"]))
        agency = None if p["agency"] is None else c.AGENCIES[p["agency"]][0]
        assert ids["agency"].get(got.agency_id) == agency


def _check_analysis(review: StoredReview, version: int, ids: dict[str, dict[Any, Any]]) -> int:
    """Checks people's involvement, agencies' details, identifiers and the analysis; returns the
    finding's id (0 before version 3)."""
    people, analysis = review.people, review.analysis
    if version < 3:
        assert (people.involvement(), people.agency_details(), people.identifiers()) == ([], [], [])
        assert (analysis.guides(), analysis.conversations(), analysis.passages()) == ([], [], [])
        assert (analysis.episodes(), analysis.findings()) == ([], [])
        return 0
    person, entry = ids["person"], ids["entry"]
    [event], i = people.involvement(), c.INVOLVEMENT
    _same(event, i, "person", date=_day(i["date"]))
    assert person[event.person_id] == i["person"]
    [details], d = people.agency_details(), c.AGENCY_DETAILS
    _same(
        details,
        d,
        "agency",
        "chronology",
        "agency_report",
        records_secured=_day(d["records_secured"]),
    )
    assert ids["agency"][details.agency_id] == c.AGENCIES[d["agency"]][0]
    for request, dates in (
        (details.chronology, d["chronology"]),
        (details.agency_report, d["agency_report"]),
    ):
        assert (request.requested, request.due, request.received) == tuple(_day(x) for x in dates)
    [identifier] = people.identifiers()
    _same(identifier, c.IDENTIFIER)
    [guide], g = analysis.guides(), c.GUIDE
    _same(guide, g, "questions")
    assert tuple((q.key, q.text) for q in guide.questions) == g["questions"]
    [conversation], v = analysis.conversations(), c.CONVERSATION
    _same(conversation, v, "participants", "record", date=_day(v["date"]))
    assert tuple(person[p] for p in conversation.participants) == v["participants"]
    assert tuple((r.key, r.question, r.answer) for r in conversation.record) == v["record"]
    [episode], e = analysis.episodes(), c.EPISODE
    _same(
        episode, e, "perspectives", "factors", "entries", start=_day(e["start"]), end=_day(e["end"])
    )
    perspectives = tuple((p.who, p.view, person[p.person_id]) for p in episode.perspectives)
    assert perspectives == e["perspectives"]
    assert tuple((f.kind, f.text) for f in episode.factors) == e["factors"]
    assert sorted(entry[i] for i in episode.entry_ids) == sorted(e["entries"])
    [passage], p = analysis.passages(), c.PASSAGE
    _same(passage, p, "entries", "episodes", conversation_id=conversation.id)
    assert sorted(entry[i] for i in passage.entry_ids) == sorted(p["entries"])
    assert passage.episode_ids == (episode.id,)
    [finding], f = analysis.findings(), c.FINDING
    _same(finding, f, "entries", "episodes", "passages")
    assert sorted(entry[i] for i in finding.entry_ids) == sorted(f["entries"])
    assert (finding.episode_ids, finding.passage_ids) == ((episode.id,), (passage.id,))
    assert finding.id is not None
    return finding.id


def _check_quality_and_timetable(review: StoredReview, version: int, finding_id: int) -> None:
    quality, timetable = review.quality, review.timetable
    if version < 4:
        assert quality.marker_set_key() is None
        assert (timetable.milestones(), timetable.delays()) == ([], [])
        return
    assert quality.marker_set_key() == c.MARKER_SET
    [marker] = quality.assessments(c.MARKER_SET)
    assert (marker.number, marker.status, marker.notes) == c.MARKER
    number, key, status, notes = c.PROMPT
    assert marker.number == number
    assert {k: (p.status, p.notes) for k, p in marker.prompts.items()} == {key: (status, notes)}
    [link] = quality.evidence(c.MARKER_SET)
    number, kind, label, prompt = c.EVIDENCE
    assert (link.marker, link.kind, link.ref, link.label, link.prompt) == (
        number,
        kind,
        str(finding_id),
        label,
        prompt,
    )
    milestones = [
        (m.kind, _iso(m.done_on), _iso(m.due_override), m.not_applicable, m.note)
        for m in timetable.milestones()
    ]
    assert sorted(milestones) == sorted(c.MILESTONES)
    [delay], d = timetable.delays(), c.DELAY
    dates = {k: _day(d[k]) for k in ("recorded_on", "revised_date", "board_told_on")}
    _same(delay, d, **dates)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _check_note(note: Any, expected: dict[str, Any]) -> None:
    _same(
        note,
        expected,
        "attachments",
        "targets",
        "in_report",
        "attached_at",
        held_on=_day(expected["held_on"]),
    )
    attachments = tuple((a.name, a.data, a.media_type) for a in note.attachments)
    assert attachments == expected["attachments"]


def _check_attached_note(review: StoredReview, version: int, finding_id: int) -> None:
    attached = review.learning_notes.attached()
    if version < 6:
        assert attached == []
        return
    [copy], n = attached, c.ATTACHED_NOTE
    _check_note(copy.note, n)
    assert sorted((t.kind, t.ref) for t in copy.targets) == sorted(
        (kind, finding_id if ref is None else ref) for kind, ref in n["targets"]
    )
    _same(
        copy,
        n,
        *(k for k in n if k not in ("in_report", "attached_at")),
        attached_at=dt.datetime.fromisoformat(n["attached_at"]),
    )


@pytest.mark.parametrize(("opened", "version"), REVIEWS[3:], indirect=["opened"])
def test_milestones_stored_before_the_became_aware_milestone_still_make_a_timetable(
    opened: StoredReview, version: int
) -> None:
    """Kinds are stored by key: the old keys keep their meaning, and the new first milestone
    (becoming aware) simply has no date until the reviewer records one."""
    records = opened.timetable.milestones()
    for review_type in (ReviewType.SCR, ReviewType.LCSPR):
        schedule = {s.kind: s for s in compute_schedule(review_type, records, dt.date(2026, 2, 2))}
        assert schedule[MilestoneKind.TERMS_OF_REFERENCE].done_on == dt.date(2026, 1, 20)
        assert schedule[MilestoneKind.PUBLICATION].record.not_applicable
        assert schedule[MilestoneKind.BECAME_AWARE].start_missing
