"""Make the stored old files in this folder, each with the code of the commit that made it.

    .venv/bin/python tests/storage/old_files/make_old_files.py [--replace] [NAME ...]

For each file in FILES, this checks the commit out into a temporary git worktree (outside the
repository), runs this same script there as `--write NAME OUT` with PYTHONPATH set to that
checkout, so `storage` and `reviewer_app` are the old code, moves the file here and removes the
worktree. What goes in each file is in `contents.py`; README.md says why these commits. Files
already here are kept unless --replace is given: they are test data, made once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

# Keys of contents.ENTRIES that make an entry's date, and of contents.ATTACHED_NOTE that are the
# attached copy's rather than the note's.
DATE_KEYS = ("start", "end", "precision", "qualifier", "original", "time")
ATTACHED_KEYS = ("targets", "in_report", "attached_at")

# file name -> (commit whose code makes it, schema version it is left at). None: today's code
# with its migrations stopped after that step (a version not yet in any commit; see README.md).
FILES: dict[str, tuple[str | None, int]] = {
    "review-v1.review": ("504149cdfda9895af7c1f38d9ca1a3e76bbaf2fd", 1),
    "review-v2.review": ("ed2fd3b43a81b223550a5bd19fb60d979bb227fb", 2),
    "review-v3.review": ("4b99c5739ef01ce2d8c9fc9fab9d51cc43d58c7f", 3),
    "review-v4.review": ("4b99c5739ef01ce2d8c9fc9fab9d51cc43d58c7f", 4),
    "review-v5.review": ("4b99c5739ef01ce2d8c9fc9fab9d51cc43d58c7f", 5),
    "review-v6.review": ("31a04c419018f68aa1f0b621a228616dfa0271f3", 6),
    "review-v7.review": (None, 7),
    "review-v8.review": (None, 8),
    "review-v9.review": ("9faef760a6a00742ca264d9ee01d9730aca6dc1a", 9),
    "review-v10.review": (None, 10),
    "review-v11.review": ("ef1fb60ba510850da48687c1372309674c4246af", 11),
    "review-v12.review": ("1f718aea6a628faa09a2c7a513ee4a0007d46f12", 12),
    "review-v13.review": ("770a6b89f46cb48f485030de6575a407a7b3543b", 13),
    "review-v14.review": ("9b34983f18503c2a9fe122d99681335de1b12115", 14),
    "review-v15.review": ("31bed0eab7b8412b18e03a27f8129d0229db15d6", 15),
    "learning-v1.library": ("31a04c419018f68aa1f0b621a228616dfa0271f3", 1),
}


# -- run under the old code ----------------------------------------------------------------------


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _as_is(values: dict[str, Any], *but: str, **converted: Any) -> dict[str, Any]:
    """Keyword arguments for a record: the values whose keys are its field names, taken as they
    are, but for the keys in `but` (references by name), and those given `converted`."""
    return {**{k: v for k, v in values.items() if k not in but}, **converted}


def _review_file(out: Path, version: int) -> tuple[Any, Any]:
    """A new review at `out` as that commit makes one; the open file (or None) and its engine.

    Versions 3 and 4 were never the newest version of any commit (README.md), so those files are
    made with the same commit's migrations stopped after that step, like the app's own upgrade
    test makes a version 1 file.
    """
    import contents as c

    from reviewer_app.review import (
        Methodology,
        ProtectiveMarking,
        Review,
        ReviewStatus,
        ReviewType,
        ScopePeriod,
    )
    from storage.review_file import ReviewFile

    r = c.REVIEW
    details = Review(
        title=c.title(version),
        review_type=ReviewType(r["review_type"]),
        board=r["board"],
        methodology=Methodology(r["methodology"]),
        scope=ScopePeriod(*(dt.date.fromisoformat(d) for d in r["scope"])),
        status=ReviewStatus(r["status"]),
        marking=ProtectiveMarking(r["marking"]),
        terms_of_reference=r["terms_of_reference"],
        created=dt.datetime.fromisoformat(r["created"]),
    )
    from storage.migrations import MIGRATIONS

    if version == MIGRATIONS[-1].version:
        file, _ = ReviewFile.create(out, details, c.PASSPHRASE)
        return file, file.engine
    from contextlib import closing

    from storage.connection import connect
    from storage.engine import make_engine
    from storage.keys import derive_key, new_salt
    from storage.migrations import migrate
    from storage.review_file import _insert_review

    salt = new_salt()
    key = derive_key(c.PASSPHRASE, salt)
    with closing(connect(out, key, salt, create=True)) as conn:
        migrate(conn, 0, MIGRATIONS[:version])
        _insert_review(conn, details)
    return None, make_engine(out, key, salt)


def _fill_chronology(engine: Any, version: int) -> dict[str, dict[str, int]]:
    """Agencies, the subject child, people, a batch, entries, a same-event decision."""
    import contents as c

    from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier
    from reviewer_app.chronology.entry import (
        Agency,
        AgencyType,
        ChronologyEntry,
        Flag,
        Provenance,
    )
    from reviewer_app.chronology.repository import (
        ImportBatch,
        SameEventDecision,
        SameEventStatus,
    )
    from storage.chronology_repository import SqlChronology

    chronology = SqlChronology(lambda: engine)
    ids: dict[str, dict[str, int]] = {"agency": {}, "person": {}, "entry": {}}
    for n, (name, kind) in enumerate(c.AGENCIES):
        ids["agency"][str(n)] = chronology.add_agency(Agency(name, AgencyType(kind))).id
    chronology.set_subject_date_of_birth(_day(c.SUBJECT_DATE_OF_BIRTH))
    if version == 2:
        with engine.begin() as conn:
            p = c.V2_PERSON
            conn.exec_driver_sql(
                "INSERT INTO person (role, real_name, pseudonym, relationship, date_of_birth) "
                "VALUES (?, ?, ?, ?, ?)",
                (p["role"], p["real_name"], p["pseudonym"], p["relationship"], p["date_of_birth"]),
            )
    else:
        from reviewer_app.people.model import InvolvementStatus, Person, PersonKind
        from storage.people_repository import SqlPeople

        people = SqlPeople(lambda: engine)
        for p in c.PEOPLE:
            agency = p["agency"]
            people.save_person(
                Person(
                    **_as_is(
                        p,
                        "agency",
                        kind=PersonKind(p["kind"]),
                        date_of_birth=_day(p["date_of_birth"]),
                        agency_id=None if agency is None else ids["agency"][str(agency)],
                        involvement=InvolvementStatus(p["involvement"]),
                    )
                )
            )
    with engine.connect() as conn:
        for person_id, pseudonym in conn.exec_driver_sql("SELECT id, pseudonym FROM person"):
            ids["person"][pseudonym] = person_id

    def entry(e: dict[str, Any]) -> Any:
        date = FuzzyDate(
            _day(e["start"]),
            _day(e["end"]),
            Precision(e["precision"]),
            Qualifier(e["qualifier"]),
            e["original"],
            dt.time.fromisoformat(e["time"]) if e["time"] else None,
        )
        return ChronologyEntry(
            **_as_is(
                e,
                *DATE_KEYS,
                "agency",
                "in_batch",
                "row_number",
                "original_row",
                agency_id=ids["agency"][str(e["agency"])],
                date=date,
                flags=frozenset(Flag(f) for f in e["flags"]),
                people=tuple(ids["person"][name] for name in e["people"]),
                provenance=Provenance(None, e["row_number"], e["original_row"]),
            )
        )

    b = c.BATCH
    chronology.add_batch(
        ImportBatch(
            **_as_is(
                b,
                "agency",
                agency_id=ids["agency"][str(b["agency"])],
                imported_at=dt.datetime.fromisoformat(b["imported_at"]),
            )
        ),
        [entry(e) for e in c.ENTRIES if e["in_batch"]],
    )
    for e in c.ENTRIES:
        if not e["in_batch"]:
            chronology.add(entry(e))
    with engine.connect() as conn:
        for entry_id, source in conn.exec_driver_sql("SELECT id, source FROM chronology_entry"):
            ids["entry"][source] = entry_id
    a, b_, status, score = c.SAME_EVENT
    chronology.decide_same_event(
        SameEventDecision(ids["entry"][a], ids["entry"][b_], SameEventStatus(status), score)
    )
    return ids


def _fill_analysis(engine: Any, ids: dict[str, dict[str, int]]) -> int:
    """People's involvement, an agency's details, an identifier and the analysis; returns the
    finding's id."""
    import contents as c

    from reviewer_app.analysis.conversation import (
        Conversation,
        ConversationGuide,
        ConversationKind,
        GuideQuestion,
        Mode,
        Passage,
        RecordItem,
    )
    from reviewer_app.analysis.episode import Appraisal, Episode, Factor, FactorKind, Perspective
    from reviewer_app.analysis.finding import Finding, Priority
    from reviewer_app.anonymisation.register import IdentifierKind
    from reviewer_app.people.model import (
        AgencyDetails,
        AgencyInvolvement,
        Identifier,
        InvolvementEvent,
        InvolvementStep,
        Request,
    )
    from storage.analysis_repository import SqlAnalysis
    from storage.people_repository import SqlPeople

    people, analysis = SqlPeople(lambda: engine), SqlAnalysis(lambda: engine)
    person, entry = ids["person"], ids["entry"]
    i = c.INVOLVEMENT
    people.save_involvement(
        InvolvementEvent(
            **_as_is(
                i,
                "person",
                person_id=person[i["person"]],
                step=InvolvementStep(i["step"]),
                date=_day(i["date"]),
            )
        )
    )
    d = c.AGENCY_DETAILS
    people.save_agency_details(
        AgencyDetails(
            **_as_is(
                d,
                "agency",
                agency_id=ids["agency"][str(d["agency"])],
                involvement=AgencyInvolvement(d["involvement"]),
                records_secured=_day(d["records_secured"]),
                chronology=Request(*(_day(x) for x in d["chronology"])),
                agency_report=Request(*(_day(x) for x in d["agency_report"])),
            )
        )
    )
    k = c.IDENTIFIER
    people.save_identifier(Identifier(**_as_is(k, kind=IdentifierKind(k["kind"]))))
    g = c.GUIDE
    analysis.save_guide(
        ConversationGuide(g["key"], g["title"], tuple(GuideQuestion(*q) for q in g["questions"]))
    )
    v = c.CONVERSATION
    conversation = analysis.save_conversation(
        Conversation(
            **_as_is(
                v,
                kind=ConversationKind(v["kind"]),
                date=_day(v["date"]),
                mode=Mode(v["mode"]),
                participants=tuple(person[name] for name in v["participants"]),
                record=tuple(RecordItem(*r) for r in v["record"]),
            )
        )
    )
    e = c.EPISODE
    episode = analysis.save_episode(
        Episode(
            **_as_is(
                e,
                "entries",
                start=_day(e["start"]),
                end=_day(e["end"]),
                perspectives=tuple(
                    Perspective(w, view, person[p]) for w, view, p in e["perspectives"]
                ),
                factors=tuple(Factor(FactorKind(kind), text) for kind, text in e["factors"]),
                appraisal=Appraisal(e["appraisal"]),
                entry_ids=tuple(entry[s] for s in e["entries"]),
            )
        )
    )
    p = c.PASSAGE
    passage = analysis.save_passage(
        Passage(
            conversation.id,
            p["text"],
            p["themes"],
            tuple(entry[s] for s in p["entries"]),
            (episode.id,),
        )
    )
    f = c.FINDING
    finding = analysis.save_finding(
        Finding(
            **_as_is(
                f,
                "entries",
                "episodes",
                "passages",
                priority=Priority(f["priority"]),
                episode_ids=(episode.id,),
                entry_ids=tuple(entry[s] for s in f["entries"]),
                passage_ids=(passage.id,),
            )
        )
    )
    return int(finding.id)


def _fill_quality_and_timetable(engine: Any, finding_id: int) -> None:
    import contents as c

    from reviewer_app.quality.assessment import (
        EvidenceLink,
        MarkerAssessment,
        PromptAssessment,
        Status,
    )
    from reviewer_app.timetable.rules import MilestoneKind
    from reviewer_app.timetable.schedule import DelayRecord, MilestoneRecord
    from storage.quality_repository import SqlQuality
    from storage.timetable_repository import SqlTimetable

    quality, timetable = SqlQuality(lambda: engine), SqlTimetable(lambda: engine)
    quality.choose_marker_set(c.MARKER_SET)
    number, status, notes = c.MARKER
    quality.save_marker(c.MARKER_SET, MarkerAssessment(number, Status(status), notes))
    number, key, status, notes = c.PROMPT
    quality.save_prompt(c.MARKER_SET, number, key, PromptAssessment(Status(status), notes))
    number, kind, label, prompt = c.EVIDENCE
    quality.add_evidence(c.MARKER_SET, EvidenceLink(number, kind, str(finding_id), label, prompt))
    for kind, done_on, due_override, not_applicable, note in c.MILESTONES:
        timetable.save_milestone(
            MilestoneRecord(
                MilestoneKind(kind), _day(done_on), _day(due_override), not_applicable, note
            )
        )
    d = c.DELAY
    timetable.add_delay(
        DelayRecord(
            **_as_is(
                d,
                recorded_on=_day(d["recorded_on"]),
                milestone=MilestoneKind(d["milestone"]),
                revised_date=_day(d["revised_date"]),
                board_told_on=_day(d["board_told_on"]),
            )
        )
    )


def _fill_log(engine: Any) -> None:
    import contents as c

    try:
        from reviewer_app.services.report import LogEntry  # the code of the old commits
    except ImportError:  # today's code
        from reviewer_app.reporting.log import LogEntry  # type: ignore[no-redef]

    from storage.reporting_repository import SqlReviewLog

    at, kind, summary, count = c.LOG
    SqlReviewLog(lambda: engine).record(
        LogEntry(dt.datetime.fromisoformat(at), kind, summary, count)
    )


def _note(n: dict[str, Any]) -> Any:
    from reviewer_app.learning.note import Attachment, LearningNote

    return LearningNote(
        **_as_is(
            n,
            *ATTACHED_KEYS,
            held_on=_day(n["held_on"]),
            attachments=tuple(Attachment(*a) for a in n["attachments"]),
        )
    )


def _fill_attached_note(engine: Any, finding_id: int) -> None:
    import contents as c

    from reviewer_app.learning.attached import AttachedNote, NoteTarget, TargetKind
    from storage.attached_notes_repository import SqlAttachedNotes

    n = c.ATTACHED_NOTE
    SqlAttachedNotes(lambda: engine).save(
        AttachedNote(
            note=_note(n),
            targets=tuple(
                NoteTarget(TargetKind(kind), finding_id if ref is None else ref)
                for kind, ref in n["targets"]
            ),
            in_report=n["in_report"],
            attached_at=dt.datetime.fromisoformat(n["attached_at"]),
        )
    )


def write_review(out: Path, version: int) -> None:
    file, engine = _review_file(out, version)
    if version >= 2:
        ids = _fill_chronology(engine, version)
    if version >= 3:
        finding_id = _fill_analysis(engine, ids)
    if version >= 4:
        _fill_quality_and_timetable(engine, finding_id)
    if version >= 5:
        _fill_log(engine)
    if version >= 6:
        _fill_attached_note(engine, finding_id)
    if file is not None:
        file.close()
    else:
        engine.dispose()


def write_library(out: Path) -> None:
    import contents as c

    from storage.learning_library import LearningLibraryFile, SqlLearningLibrary

    file, _ = LearningLibraryFile.create(out, c.PASSPHRASE)
    library = SqlLearningLibrary(lambda: file.engine)
    for note in c.LIBRARY_NOTES:
        library.save(_note(note))
    file.close()


def write(name: str, out: Path) -> None:
    import storage

    commit, version = FILES[name]
    if commit is not None and Path(storage.__file__).resolve().is_relative_to(REPO):
        raise SystemExit(f"{name}: this would be today's code, not the old commit's")
    if name.endswith(".library"):
        write_library(out)
    else:
        write_review(out, version)
    left = [p.name for p in out.parent.iterdir() if p.name.startswith(f"{out.name}-")]
    if left:  # a -wal or -shm file would hold data the copied file lacks
        raise SystemExit(f"{name}: {left} left beside the file after closing it")


# -- run under today's code (or any Python: this part only runs git and this script) -----------


def _git(*args: str | Path) -> None:
    subprocess.run(["git", "-C", str(REPO), *map(str, args)], check=True)


def make(name: str, replace: bool) -> None:
    target = HERE / name
    if target.exists() and not replace:
        print(f"{name}: kept (give --replace to make it again)")
        return
    commit, version = FILES[name]
    if commit is None:  # today's code, stopped after that step
        out = Path(tempfile.mkdtemp(prefix="old-file-today-")) / name
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--write", name, str(out)],
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{HERE}"},
        )
        shutil.move(out, target)
        shutil.rmtree(out.parent, ignore_errors=True)
        print(f"{name}: made by today's code at schema version {version}")
        return
    work = Path(tempfile.mkdtemp(prefix=f"old-file-{commit[:7]}-"))
    checkout = work / "checkout"
    _git("worktree", "add", "--detach", checkout, commit)
    try:
        out = work / name
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--write", name, str(out)],
            check=True,
            cwd=checkout,
            env={**os.environ, "PYTHONPATH": str(checkout)},
        )
        shutil.move(out, target)
    finally:
        _git("worktree", "remove", "--force", checkout)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{name}: made by {commit[:7]} at schema version {version}, {target.stat().st_size} bytes"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"some of {', '.join(FILES)} (default: all)")
    parser.add_argument("--replace", action="store_true", help="make files that are already here")
    parser.add_argument("--write", nargs=2, metavar=("NAME", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write(args.write[0], Path(args.write[1]))
        return 0
    unknown = set(args.names) - set(FILES)
    if unknown:
        parser.error(f"no such file: {', '.join(sorted(unknown))}")
    for name in args.names or FILES:
        make(name, args.replace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
