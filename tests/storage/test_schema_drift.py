"""The schema is written twice: as DDL in the migrations (what files hold) and as SQLAlchemy
`Table`s (what queries use: storage/schema.py, and storage/learning_library.py for the library).
These tests build new files through the migrations and compare what SQLite reports
(`PRAGMA table_info`, `foreign_key_list`, `index_list`, `index_info`) with the `Table`s: the
same tables, and in each the same columns with the same declared type, NOT NULL and primary key,
the same foreign keys, named indexes and unique constraints. A column added to a migration but
not to the `Table`s (or the other way round) fails here.

Not compared: column order (rows are read by name), defaults, CHECKs and collations (the DDL's
alone), and NOT NULL on primary-key columns (SQLAlchemy makes every primary-key column NOT NULL,
while SQLite only says so when the DDL does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    create_engine,
)

from reviewer_app.review import Review
from storage import learning_library, schema
from storage.learning_library import LearningLibraryFile
from storage.review_file import ReviewFile
from tests.helpers.secrets_watch import PASSPHRASE

# The type each Core type is declared as in the DDL.
DECLARED = {Integer: "INTEGER", Text: "TEXT", Float: "REAL", LargeBinary: "BLOB"}


@dataclass(frozen=True)
class Shape:
    """One table as the comparison sees it."""

    # name -> (declared type, NOT NULL (None for a primary-key column), position in the key)
    columns: dict[str, tuple[str, bool | None, int]]
    foreign_keys: frozenset[tuple[str, str, str]]  # (column, table, column)
    indexes: frozenset[tuple[str, bool, tuple[str, ...]]]  # (name, unique, columns)
    unique: frozenset[tuple[str, ...]]  # columns of each UNIQUE constraint


def live_tables(conn: Connection) -> tuple[set[str], set[str]]:
    """Ordinary tables and FTS tables (virtual tables and their shadow tables) in the file."""
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).all()
    virtual = {name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")}
    shadows = {name for name, _ in rows if any(name.startswith(f"{v}_") for v in virtual)}
    return {name for name, _ in rows} - virtual - shadows, virtual


def live_shape(conn: Connection, table: str) -> Shape:
    def pragma(statement: str) -> list[dict[str, Any]]:
        return [dict(row) for row in conn.exec_driver_sql(statement).mappings()]

    columns = {
        str(c["name"]): (
            str(c["type"]).upper(),
            None if c["pk"] else bool(c["notnull"]),
            int(c["pk"]),
        )
        for c in pragma(f'PRAGMA table_info("{table}")')
    }
    foreign_keys = frozenset(
        (str(f["from"]), str(f["table"]), str(f["to"]))
        for f in pragma(f'PRAGMA foreign_key_list("{table}")')
    )
    indexes: set[tuple[str, bool, tuple[str, ...]]] = set()
    unique: set[tuple[str, ...]] = set()
    for index in pragma(f'PRAGMA index_list("{table}")'):
        info = sorted(pragma(f'PRAGMA index_info("{index["name"]}")'), key=lambda i: i["seqno"])
        names = tuple(str(i["name"]) for i in info)
        if index["origin"] == "c":
            indexes.add((str(index["name"]), bool(index["unique"]), names))
        elif index["origin"] == "u":
            unique.add(names)
        # origin "pk": the primary key, compared through the columns
    return Shape(columns, foreign_keys, frozenset(indexes), frozenset(unique))


def declared_shape(table: Table) -> Shape:
    key = list(table.primary_key.columns)
    columns = {
        c.name: (
            DECLARED.get(type(c.type), f"unmapped {type(c.type).__name__}"),
            None if c.primary_key else not c.nullable,
            key.index(c) + 1 if c.primary_key else 0,
        )
        for c in table.columns
    }
    foreign_keys = frozenset(
        (fk.parent.name, fk.column.table.name, fk.column.name) for fk in table.foreign_keys
    )
    indexes = frozenset(
        (str(ix.name), bool(ix.unique), tuple(c.name for c in ix.columns)) for ix in table.indexes
    )
    unique = {(c.name,) for c in table.columns if c.unique}
    unique |= {
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if type(constraint).__name__ == "UniqueConstraint"
    }
    return Shape(columns, foreign_keys, indexes, frozenset(unique))


def differences(conn: Connection, metadata: MetaData, fts_tables: set[str]) -> list[str]:
    """Every way the migrated file and the `Table`s disagree, one line each (none: [])."""
    problems: list[str] = []
    tables, virtual = live_tables(conn)
    if virtual != fts_tables:
        problems.append(f"full-text tables: file has {sorted(virtual)}, expected {fts_tables}")
    for name in sorted(tables - set(metadata.tables)):
        problems.append(f"table {name}: made by the migrations but has no Table")
    for name in sorted(set(metadata.tables) - tables):
        problems.append(f"table {name}: has a Table but the migrations do not make it")
    for name in sorted(tables & set(metadata.tables)):
        live, declared = live_shape(conn, name), declared_shape(metadata.tables[name])
        for column in sorted(live.columns.keys() | declared.columns.keys()):
            in_file, in_table = live.columns.get(column), declared.columns.get(column)
            if in_file != in_table:
                problems.append(
                    f"{name}.{column}: migrations say {in_file or 'no such column'}, "
                    f"Table says {in_table or 'no such column'} (type, NOT NULL, key position)"
                )
        for part in ("foreign_keys", "indexes", "unique"):
            in_file, in_table = getattr(live, part), getattr(declared, part)
            if in_file != in_table:
                problems.append(
                    f"{name} {part}: only in the migrations {sorted(in_file - in_table)}, "
                    f"only in the Table {sorted(in_table - in_file)}"
                )
    return problems


@pytest.fixture(scope="module")
def review_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("drift") / "new.review"
    file, _ = ReviewFile.create(path, Review(title="Schema drift"), PASSPHRASE)
    with file:
        yield file.engine


@pytest.fixture(scope="module")
def library_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("drift") / "learning.library"
    file, _ = LearningLibraryFile.create(path, PASSPHRASE)
    with file:
        yield file.engine


def test_a_new_review_file_has_exactly_the_tables_of_schema_py(review_engine: Engine) -> None:
    with review_engine.connect() as conn:
        assert differences(conn, schema.metadata, {"chronology_fts"}) == []


def test_a_new_learning_library_has_exactly_its_tables(library_engine: Engine) -> None:
    with library_engine.connect() as conn:
        assert differences(conn, learning_library.metadata, {"note_fts", "published_fts"}) == []


def test_the_review_and_the_library_keep_attached_files_in_one_shape() -> None:
    review_files = declared_shape(schema.attached_note_file)
    library_files = declared_shape(learning_library.attachment_table)
    review_columns = dict(review_files.columns)
    library_columns = dict(library_files.columns)
    assert review_columns.pop("attached_note_id") == library_columns.pop("note_id")
    assert review_columns == library_columns


# -- the comparison itself notices each kind of drift -------------------------------------------


def _plain(*ddl: str) -> Connection:
    engine = create_engine("sqlite://")
    conn = engine.connect()
    for statement in ddl:
        conn.exec_driver_sql(statement)
    return conn


def _metadata(*columns_and_indexes: object) -> MetaData:
    metadata = MetaData()
    Table("t", metadata, *columns_and_indexes)  # type: ignore[arg-type]
    return metadata


@pytest.mark.parametrize(
    ("ddl", "table", "expected"),
    [
        (  # a column the migrations add that the Table lacks
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, extra TEXT)",),
            (Column("id", Integer, primary_key=True), Column("a", Text, nullable=False)),
            "t.extra: migrations say ('TEXT', False, 0), Table says no such column",
        ),
        (  # a column in the Table that no migration adds
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL)",),
            (
                Column("id", Integer, primary_key=True),
                Column("a", Text, nullable=False),
                Column("b", Text),
            ),
            "t.b: migrations say no such column",
        ),
        (  # NOT NULL in one place only
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)",),
            (Column("id", Integer, primary_key=True), Column("a", Text, nullable=False)),
            "t.a: migrations say ('TEXT', False, 0), Table says ('TEXT', True, 0)",
        ),
        (  # another type
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL)",),
            (Column("id", Integer, primary_key=True), Column("a", Text, nullable=False)),
            "t.a: migrations say ('INTEGER', True, 0), Table says ('TEXT', True, 0)",
        ),
        (  # another primary key
            ("CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))",),
            (Column("a", Integer, primary_key=True), Column("b", Integer, nullable=False)),
            "t.b: migrations say ('INTEGER', None, 2), Table says ('INTEGER', True, 0)",
        ),
        (  # an index only in the migrations
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)", "CREATE INDEX ix_a ON t (a)"),
            (Column("id", Integer, primary_key=True), Column("a", Text)),
            "t indexes: only in the migrations [('ix_a', False, ('a',))]",
        ),
        (  # a unique column only in the Table
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)",),
            (Column("id", Integer, primary_key=True), Column("a", Text, unique=True)),
            "t unique: only in the migrations [], only in the Table [('a',)]",
        ),
        (  # a foreign key only in the Table
            ("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER)",),
            (Column("id", Integer, primary_key=True), Column("a", Integer, ForeignKey("t.id"))),
            "t foreign_keys: only in the migrations [], only in the Table [('a', 't', 'id')]",
        ),
        (  # a table with no Table
            ("CREATE TABLE t (id INTEGER PRIMARY KEY)", "CREATE TABLE u (id INTEGER PRIMARY KEY)"),
            (Column("id", Integer, primary_key=True), Index("ix_unused", "id")),
            "table u: made by the migrations but has no Table",
        ),
    ],
)
def test_the_comparison_notices_drift(
    ddl: tuple[str, ...], table: tuple[object, ...], expected: str
) -> None:
    with _plain(*ddl) as conn:
        found = differences(conn, _metadata(*table), set())
    assert any(problem.startswith(expected) for problem in found), found


def test_the_comparison_passes_a_matching_table() -> None:
    with _plain(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL UNIQUE, b REAL, c BLOB NOT NULL,"
        " d INTEGER REFERENCES t (id))",
        "CREATE INDEX ix_t ON t (b, a)",
    ) as conn:
        metadata = _metadata(
            Column("id", Integer, primary_key=True),
            Column("a", Text, nullable=False, unique=True),
            Column("b", Float),
            Column("c", LargeBinary, nullable=False),
            Column("d", Integer, ForeignKey("t.id")),
            Index("ix_t", "b", "a"),
        )
        assert differences(conn, metadata, set()) == []
