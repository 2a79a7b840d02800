from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from reviewer_app.chronology.dates import Precision, parse_uk_date
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry, Flag, Provenance
from reviewer_app.chronology.repository import EntryFilter, ImportBatch
from reviewer_app.chronology.rows import EntryRows, sketch_of
from reviewer_app.errors import InvalidInputError
from reviewer_app.paths import AppPaths
from storage.chronology_repository import SqlChronology
from storage.library import StoredReview
from tests.helpers.reviews import new_review


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> StoredReview:
    opened = new_review(tmp_path / "c.review", app_paths)
    yield opened
    opened.close()


def _entry(agency: int, date: str, event: str, **more: object) -> ChronologyEntry:
    return ChronologyEntry(
        agency, parse_uk_date(date), more.pop("source", "Case note"), event, **more
    )  # type: ignore[arg-type]


def _count_text_reads(repo: SqlChronology, monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """Each read of entries' texts from now on: how many ids it asked for (None: every entry)."""
    reads: list[int | None] = []
    read = repo._entry_texts

    def counted(ids: list[int] | None) -> dict[int, tuple[object, ...]]:
        reads.append(None if ids is None else len(ids))
        return read(ids)

    monkeypatch.setattr(repo, "_entry_texts", counted)
    return reads


def test_agency_names_are_unique_ignoring_case(review: StoredReview) -> None:
    repo = review.chronology
    police = repo.add_agency(Agency("Northshire Police", AgencyType.POLICE))
    assert police.id is not None
    assert repo.agency_named("northshire police") == police
    with pytest.raises(InvalidInputError, match="already an agency"):
        repo.add_agency(Agency("NORTHSHIRE POLICE"))


def test_entries_round_trip_with_every_field(review: StoredReview) -> None:
    repo = review.chronology
    agency = repo.add_agency(Agency("Police")).id
    assert agency is not None
    entry = ChronologyEntry(
        agency_id=agency,
        date=parse_uk_date("03/02/2015 14:30"),
        source="Incident log 15/123",
        event="Attended: “shouting” heard — £20 taken.\nSecond paragraph.",
        outcome="Arrest",
        practitioner="PC 1",
        agency_comment="Agency view",
        comment="Reviewer's note",
        flags=frozenset({Flag.SIGNIFICANT, Flag.CHILD_SEEN}),
        sequence=2,
        provenance=Provenance(None, 14, (("Date", "03/02/2015 14:30"), ("Details", "x"))),
    )
    stored = repo.add(entry)
    assert stored.id is not None
    assert repo.entry(stored.id) == stored
    changed = stored.with_changes(comment="Changed", flags=frozenset())
    repo.update(changed)
    assert repo.entry(stored.id) == changed
    repo.delete(stored.id)
    assert repo.count() == 0
    with pytest.raises(InvalidInputError, match="no longer in the review"):
        repo.update(changed)  # never a silent no-op


def test_storage_refuses_an_entry_without_source_even_past_the_domain(review: StoredReview) -> None:
    from sqlalchemy import insert

    from storage.schema import chronology_entry

    agency = review.chronology.add_agency(Agency("Police")).id
    with pytest.raises(IntegrityError), review.file.engine.begin() as conn:
        conn.execute(
            insert(chronology_entry).values(
                agency_id=agency,
                date_precision="day",
                date_qualifier="on",
                source=" ",
                event="x",
                original_row="[]",
            )
        )


def test_batch_is_all_or_nothing(review: StoredReview) -> None:
    repo = review.chronology
    agency = repo.add_agency(Agency("Police")).id
    assert agency is not None
    good = _entry(agency, "01/01/2015", "fine")
    bad = good.with_changes(agency_id=9999)  # breaks the foreign key half-way through
    batch = ImportBatch(agency_id=agency, file_name="p.xlsx", file_format="xlsx", row_count=3)
    with pytest.raises(IntegrityError):
        repo.add_batch(batch, [good, good, bad])
    assert repo.count() == 0
    assert repo.batches() == []


def test_remove_and_replace_a_batch_keeps_the_reviewers_work(review: StoredReview) -> None:
    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    first = repo.add_batch(
        ImportBatch(agency_id=police, file_name="v1.xlsx", file_format="xlsx", row_count=2),
        [_entry(police, "01/01/2015", "Visit one"), _entry(police, "02/01/2015", "Visit two")],
    )
    own = repo.add(_entry(police, "05/01/2015", "Reviewer's own entry"))
    visit_one = next(e for e in repo.entries() if e.event == "Visit one")
    repo.update(visit_one.with_changes(comment="Key moment", flags=frozenset({Flag.SIGNIFICANT})))

    assert first.id is not None
    second = repo.add_batch(
        ImportBatch(agency_id=police, file_name="v2.xlsx", file_format="xlsx", row_count=2),
        [_entry(police, "01/01/2015", "Visit one"), _entry(police, "03/01/2015", "Visit three")],
        replaces=first.id,
    )
    events = {e.event: e for e in repo.entries()}
    assert set(events) == {"Visit one", "Visit three", "Reviewer's own entry"}
    assert events["Visit one"].comment == "Key moment"
    assert Flag.SIGNIFICANT in events["Visit one"].flags
    assert [b.file_name for b in repo.batches()] == ["v2.xlsx"]
    assert second.id is not None
    assert repo.remove_batch(second.id) == 2
    assert [e.id for e in repo.entries()] == [own.id]


def test_full_text_search_with_filters(review: StoredReview) -> None:
    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    social = repo.add_agency(Agency("Social care")).id
    assert police is not None and social is not None
    a = repo.add(
        _entry(
            police,
            "14/09/2013",
            "Domestic incident: Mr K arrested",
            flags=frozenset({Flag.SIGNIFICANT}),
        )
    )
    b = repo.add(_entry(social, "16/09/2013", "Police notification of domestic incident"))
    c = repo.add(
        _entry(social, "Feb 2014", "Home visit, Child seen", comment="domestic abuse not discussed")
    )
    repo.add(_entry(police, "2012", "Unrelated call"))
    assert repo.search(EntryFilter(text="domestic")) == [a.id, b.id, c.id]
    assert repo.search(EntryFilter(text="DOMEST")) == [a.id, b.id, c.id]  # prefix, any case
    assert repo.search(EntryFilter(text="domestic", agency_ids=frozenset({social}))) == [b.id, c.id]
    assert repo.search(
        EntryFilter(text="domestic", date_from=dt.date(2014, 2, 10), date_to=dt.date(2014, 3, 1))
    ) == [c.id]
    assert repo.search(EntryFilter(flags=frozenset({Flag.SIGNIFICANT}))) == [a.id]
    assert repo.search(EntryFilter(text='"; DROP TABLE x; --')) == []  # never an FTS syntax error
    # The unordered search a filter uses finds the same entries, words alone or with filters.
    for query in (
        EntryFilter(text="domestic"),
        EntryFilter(text="home visit"),
        EntryFilter(text="domestic", agency_ids=frozenset({social})),
        EntryFilter(flags=frozenset({Flag.SIGNIFICANT})),
        EntryFilter(text='"; DROP TABLE x; --'),
        EntryFilter(agency_ids=frozenset({police})),
        EntryFilter(text="domestic", agency_ids=frozenset({social}), date_to=dt.date(2013, 1, 1)),
        EntryFilter(text="unrelated call"),
        EntryFilter(text="zzz"),
    ):
        assert repo.search_ids(query) == frozenset(repo.search(query)), query
    assert repo.search_ids(EntryFilter(text="home visit")) == {c.id}
    repo.update(repo.entry(c.id).with_changes(comment="nothing relevant"))  # index follows edits
    assert repo.search(EntryFilter(text="abuse")) == []
    assert repo.search_ids(EntryFilter(text="abuse")) == frozenset()


def test_subject_date_of_birth(review: StoredReview) -> None:
    repo = review.chronology
    assert repo.subject_date_of_birth() is None
    repo.set_subject_date_of_birth(dt.date(2013, 4, 17))
    repo.set_subject_date_of_birth(dt.date(2013, 4, 18))
    assert repo.subject_date_of_birth() == dt.date(2013, 4, 18)


def test_cancelling_during_a_batch_rolls_everything_back(review: StoredReview) -> None:
    from reviewer_app.errors import OperationCancelled

    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    rows = [_entry(police, "01/01/2015", f"Visit {n}") for n in range(2500)]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 2000:
            raise OperationCancelled("Import cancelled.")

    batch = ImportBatch(agency_id=police, file_name="p.xlsx", file_format="xlsx", row_count=2500)
    with pytest.raises(OperationCancelled):
        repo.add_batch(batch, rows, progress=progress)
    assert seen == [(1000, 2500), (2000, 2500)]
    assert repo.count() == 0 and repo.batches() == []


def test_a_batch_streams_from_a_generator_with_its_total(review: StoredReview) -> None:
    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    original = (("Date", "01/01/2015"), ("Details", "Visit"))
    entries = (
        _entry(police, "01/01/2015", f"Visit {n}").with_changes(
            provenance=Provenance(None, n + 2, original)
        )
        for n in range(1500)
    )
    seen: list[tuple[int, int]] = []
    batch = ImportBatch(agency_id=police, file_name="p.csv", file_format="csv", row_count=1500)
    stored = repo.add_batch(batch, entries, progress=lambda d, t: seen.append((d, t)), total=1500)
    assert seen == [(1000, 1500), (1500, 1500)]
    found = repo.entries()
    assert len(found) == 1500 and {e.provenance.batch_id for e in found} == {stored.id}
    assert found[0].provenance.original == original
    assert repo.search(EntryFilter(text="visit")) == [e.id for e in found]


def test_provenance_keeps_text_pairs_as_given_and_converts_the_rest() -> None:
    cells = (("Date", "01/01/2015"), ("Details", "Visit"))
    assert Provenance(None, 2, cells).original is cells
    assert Provenance(None, 2, [["Date", 5]]).original == (("Date", "5"),)  # type: ignore[list-item]


def _search_trigger_sql(review: StoredReview) -> str | None:
    with review.file.engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = "
            "'chronology_fts_insert'"
        ).first()
    return None if found is None else str(found[0])


def test_an_imported_batch_is_searchable_and_later_entries_still_are(
    review: StoredReview,
) -> None:
    """A batch is indexed for search in one statement, not row by row; the trigger that
    indexes ordinary edits is back, unchanged, once the import is in."""
    from reviewer_app.errors import OperationCancelled

    repo = review.chronology
    trigger = _search_trigger_sql(review)
    assert trigger is not None
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    early = repo.add(_entry(police, "01/01/2014", "Earlier hospital visit"))
    rows = [_entry(police, "01/01/2015", f"Hospital visit {n}") for n in range(2500)]
    batch = ImportBatch(agency_id=police, file_name="p.csv", file_format="csv", row_count=2500)
    stored = repo.add_batch(batch, rows)
    found = repo.search(EntryFilter(text="hospital"))
    assert len(found) == 2501 and found[0] == early.id
    assert len(repo.search(EntryFilter(text="visit 2499"))) == 1

    def cancel(done: int, total: int) -> None:
        raise OperationCancelled("Import cancelled.")

    with pytest.raises(OperationCancelled):
        repo.add_batch(batch, [_entry(police, "02/01/2015", "Cancelled clinic")], progress=cancel)
    assert repo.search(EntryFilter(text="clinic")) == []
    assert _search_trigger_sql(review) == trigger
    later = repo.add(_entry(police, "03/01/2015", "Clinic by hand"))
    assert repo.search(EntryFilter(text="clinic")) == [later.id]
    assert _search_trigger_sql(review) == trigger
    # A replacing import takes the old batch's words out of the index with its rows.
    repo.add_batch(batch, [_entry(police, "04/01/2015", "Ward round")], replaces=stored.id)
    assert repo.search(EntryFilter(text="hospital")) == [early.id]
    assert len(repo.search(EntryFilter(text="ward"))) == 1


def test_entry_rows_are_in_date_order_and_made_into_entries_when_asked(
    review: StoredReview,
) -> None:
    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    dates = ["2014", "14/09/2013 10:30", "14/09/2013", "Sep 2013", "unknown", "14/09/2013 09:00"]
    dates += ["around 2012", "13/09/2013", "14/09/2013"]
    for n, date in enumerate(dates):
        repo.add(_entry(police, date, f"Event {n}", sequence=n % 3))
    rows = repo.entry_rows()
    assert rows.decoded == 0 and len(rows) == len(dates)
    expected = sorted((repo.entry(i) for i in rows.ids), key=lambda e: e.sort_key)
    assert list(rows.ids) == [e.id for e in expected]  # the order, read from the raw columns
    assert rows[2] == expected[2] and rows.decoded == 1 and rows[2] is rows[2]
    assert list(rows) == expected == repo.entries()
    assert rows[-2:] == expected[-2:]


def test_sketches_read_from_the_rows_match_the_entries_they_describe(
    review: StoredReview,
) -> None:
    """What the timeline lays out is read from the stored rows without making entries, and is
    what the entries themselves say, including rows already made into entries."""
    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    nursery = repo.add_agency(Agency("Nursery")).id
    assert police is not None and nursery is not None
    dates = ["2014", "14/09/2013 10:30", "w/c 16/03/2015", "Sep 2013", "unknown", "around 2012"]
    dates += ["before 13/09/2013", "between 01/01/2014 and 05/02/2014", "spring 2015", "14/09/2013"]
    for n, date in enumerate(dates):
        flags = frozenset({Flag.SIGNIFICANT}) if n % 3 == 0 else frozenset()
        repo.add(_entry(police if n % 2 else nursery, date, f"Event {n}", flags=flags))
    rows = repo.entry_rows()
    rows[3]  # one row made into an entry first: the sketches still come from the columns
    sketches = rows.sketches()
    assert rows.decoded == 1
    assert sketches == [sketch_of(entry) for entry in repo.entries()]
    assert [s.entry_id for s in sketches] == list(rows.ids)
    unknown = next(s for s in sketches if s.first is None)
    assert unknown.stop is None and unknown.precision is Precision.UNKNOWN
    assert repo.entries_per_agency() == {police: 5, nursery: 5}
    assert rows.by_id()[rows.ids[7]] is rows[7] and rows.ids[7] in rows.by_id()
    assert 10**9 not in rows.by_id() and len(rows.by_id()) == len(dates)


def test_original_rows_are_read_a_page_at_a_time_and_match_a_full_read(
    review: StoredReview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chronology is read without the agency's original rows; an entry made from it reads
    its own (with the next page's) and equals the entry read whole from its stored row."""
    from storage import entry_columns

    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    count = entry_columns.ORIGINALS_PAGE * 2 + 7
    entries = (
        _entry(police, f"{1 + n % 28:02d}/0{1 + n % 9}/2015", f"Visit {n}").with_changes(
            provenance=Provenance(None, n + 2, (("Row", str(n)), ("Details", f"Visit {n}")))
        )
        for n in range(count)
    )
    batch = ImportBatch(agency_id=police, file_name="p.csv", file_format="csv", row_count=count)
    repo.add_batch(batch, entries, total=count)
    reads: list[int] = []
    read = repo._original_rows
    monkeypatch.setattr(repo, "_original_rows", lambda ids: reads.append(len(ids)) or read(ids))
    rows = repo.entry_rows()
    assert reads == []  # nothing of the original rows read to list the entries
    assert rows[0].provenance.original == repo.entry(rows.ids[0]).provenance.original
    assert rows[1] == repo.entry(rows.ids[1]) and reads == [entry_columns.ORIGINALS_PAGE]
    backwards = [rows[i] for i in reversed(range(len(rows)))][::-1]
    assert backwards == [repo.entry(i) for i in rows.ids]
    assert [e.provenance.original for e in backwards] == [
        repo.entry(i).provenance.original for i in rows.ids
    ]
    assert len({e.provenance.original for e in backwards}) == count
    page = entry_columns.ORIGINALS_PAGE
    assert reads == [page, 7, page]  # a query a page (the first, the last, then the middle)


def test_texts_are_read_a_page_at_a_time_then_in_one_pass_and_match_a_full_read(
    review: StoredReview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chronology is listed without the entries' texts; an entry made reads its page's
    texts, and once `PAGES_BEFORE_ALL` pages have been read (a sort that makes every entry) the
    rest come in one pass. Either way each entry equals the entry read whole from its row."""
    from storage import entry_columns

    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    page = entry_columns.ORIGINALS_PAGE
    count = page * (entry_columns.PAGES_BEFORE_ALL + 2) + 5
    entries = (
        _entry(
            police,
            f"{1 + n % 28:02d}/0{1 + n % 9}/2015",
            f"Visit {n}",
            source=f"Note {n % 5}",
            outcome=f"Outcome {n}" if n % 2 else "",
            practitioner=f"SW {n % 4}",
            agency_comment=f"Agency {n}" if n % 3 else "",
            comment=f"Comment {n}" if n % 4 == 0 else "",
        )
        for n in range(count)
    )
    batch = ImportBatch(agency_id=police, file_name="p.csv", file_format="csv", row_count=count)
    repo.add_batch(batch, entries, total=count)
    reads = _count_text_reads(repo, monkeypatch)
    rows = repo.entry_rows()
    assert reads == []  # listed, ordered and sketched without a text
    rows.sketches()
    assert reads == []
    assert rows[page + 3] == repo.entry(rows.ids[page + 3]) and reads == [page]
    made = [rows[i * page] for i in range(entry_columns.PAGES_BEFORE_ALL + 3)]
    assert reads == [page] * entry_columns.PAGES_BEFORE_ALL + [None]  # then the rest at once
    assert made == [repo.entry(rows.ids[i * page]) for i in range(len(made))]
    assert list(rows) == [repo.entry(i) for i in rows.ids]
    assert len(reads) == entry_columns.PAGES_BEFORE_ALL + 1


def test_rows_read_before_a_write_stay_as_they_were_read(
    review: StoredReview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows the pages show are the chronology as it was read, whatever is written next
    through the service (an edit, a delete and undo, a delete and a new entry that takes the
    deleted one's id): an entry first made after the write is never half old and half new, nor
    another entry's texts."""
    from reviewer_app.services.chronology import ChronologyService

    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    count = 600
    batch = ImportBatch(agency_id=police, file_name="p.csv", file_format="csv", row_count=count)
    made = (_entry(police, f"{1 + n % 28:02d}/03/2015", f"Visit {n}") for n in range(count))
    repo.add_batch(batch, made, total=count)
    service = ChronologyService(repo)
    whole = {e.id: e for e in repo.entries()}
    reads = _count_text_reads(repo, monkeypatch)
    rows = service.entry_rows()
    assert isinstance(rows, EntryRows) and rows.decoded == 0

    first, last = rows.ids[0], max(rows.ids)
    service.update_entry(whole[first].with_changes(event="Changed", date=parse_uk_date("2016")))
    assert reads == [1]  # the edited entry's texts only, read before the edit
    removed = service.remove_entries([last])
    service.restore_entries(removed)
    service.remove_entries([last])
    newcomer = service.add_entry(_entry(police, "01/01/2020", "Someone else's visit"))
    assert newcomer.id == last  # SQLite gave the deleted entry's id to the new one

    assert [rows[i] for i in range(len(rows))] == [whole[i] for i in rows.ids]
    fresh = service.entry_rows()  # read again after the writes: the chronology as it is now
    assert fresh is not rows and fresh[fresh.ids.index(first)].event == "Changed"
    assert fresh[fresh.ids.index(last)] == newcomer
    before = [fresh[i] for i in range(0, len(fresh), 2)]  # half of them made before
    service.remove_batch(whole[first].provenance.batch_id or 0)  # every imported entry goes
    assert [fresh[i] for i in range(len(fresh))][::2] == before
    assert [e.id for e in fresh] == list(fresh.ids) and service.entry_rows() != fresh


def test_the_chronology_is_listed_from_its_index_alone(review: StoredReview) -> None:
    """What opening a review reads of every entry is in `ix_entry_overview`: SQLite lists it from
    the index without reading the table's pages (texts and original rows included)."""
    from sqlalchemy.dialects import sqlite

    from storage.chronology_repository import _ENTRY_COLUMNS
    from storage.entry_columns import every_entry

    sql = str(every_entry(_ENTRY_COLUMNS).compile(dialect=sqlite.dialect()))
    with review.file.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "COVERING INDEX ix_entry_overview" in plan
