"""The reviewer's learning library: a second encrypted file, protected exactly like a review.

Same SQLCipher settings, Argon2id key from a passphrase, recovery code, optional keyring,
owner-only creation, refusal of wrong, damaged, foreign and newer files without a write: it is
an `EncryptedFile` with its own application id ("SCRL"), its own migrations and its own word in
messages. Attachments are kept inside the encrypted file as blobs, up to
`reviewer_app.learning.note.MAX_ATTACHMENT_BYTES` each.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    Column,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection as SaConnection

from reviewer_app.errors import InvalidInputError, ReviewLockedError, WrongPassphraseError
from reviewer_app.learning.note import Attachment, LearningNote
from reviewer_app.learning.repository import (
    CollationStore,
    LearningLibraryRepository,
    LibraryCreated,
)
from reviewer_app.published.repository import PublishedStore
from storage.backups import BackupStore
from storage.bound import EngineBound, upsert_by_id
from storage.chronology_repository import fts_query
from storage.collation_store import SqlCollationStore
from storage.collation_store import metadata as collation_tables
from storage.connection import precheck
from storage.keyring_store import KeyringStore
from storage.keys import file_id
from storage.migration_steps import collation, published_reviews, v8_key_derivation
from storage.migration_steps.attached_files import attached_files_ddl
from storage.migrations import Migration
from storage.published_store import SqlPublishedStore
from storage.published_store import metadata as published_tables
from storage.review_file import EncryptedFile
from storage.schema import attached_files, key_derivation_table

log = logging.getLogger(__name__)

LIBRARY_APPLICATION_ID = 0x5343524C  # "SCRL": marks a SQLCipher file as a learning library
FILE_NAME = "learning.library"
AUTOMATIC_BACKUP_INTERVAL = dt.timedelta(hours=12)

_V1 = (
    """
    CREATE TABLE note (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        event TEXT NOT NULL DEFAULT '',
        held_on TEXT,
        facilitator TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE note_tag (
        note_id INTEGER NOT NULL REFERENCES note (id) ON DELETE CASCADE,
        tag TEXT NOT NULL CHECK (trim(tag) <> ''),
        PRIMARY KEY (note_id, tag)
    )
    """,
    "CREATE INDEX ix_note_tag ON note_tag (tag)",
    *attached_files_ddl("note_attachment", "note_id", "note", index="ix_note_attachment"),
    """
    CREATE VIRTUAL TABLE note_fts USING fts5 (
        title, event, facilitator, body,
        content = 'note', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
        INSERT INTO note_fts (rowid, title, event, facilitator, body)
        VALUES (new.id, new.title, new.event, new.facilitator, new.body);
    END
    """,
    """
    CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
        INSERT INTO note_fts (note_fts, rowid, title, event, facilitator, body)
        VALUES ('delete', old.id, old.title, old.event, old.facilitator, old.body);
    END
    """,
    """
    CREATE TRIGGER note_fts_update AFTER UPDATE ON note BEGIN
        INSERT INTO note_fts (note_fts, rowid, title, event, facilitator, body)
        VALUES ('delete', old.id, old.title, old.event, old.facilitator, old.body);
        INSERT INTO note_fts (rowid, title, event, facilitator, body)
        VALUES (new.id, new.title, new.event, new.facilitator, new.body);
    END
    """,
)

LIBRARY_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "learning notes", _V1),
    Migration(2, v8_key_derivation.DESCRIPTION, v8_key_derivation.key_derivation_ddl()),
    Migration(3, collation.DESCRIPTION, collation.STATEMENTS),
    Migration(4, published_reviews.DESCRIPTION, published_reviews.STATEMENTS),
)

metadata = MetaData()
note_table = Table(
    "note",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", Text, nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("held_on", Text),
    Column("facilitator", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("updated", Text, nullable=False),
)
tag_table = Table(
    "note_tag",
    metadata,
    Column("note_id", Integer, ForeignKey("note.id"), primary_key=True),
    Column("tag", Text, primary_key=True),
    Index("ix_note_tag", "tag"),
)
attachment_table = attached_files(
    "note_attachment", metadata, "note_id", "note", index="ix_note_attachment"
)
key_derivation = key_derivation_table(metadata)
for _other in (collation_tables, published_tables):  # one metadata for the whole file
    for _table in _other.tables.values():
        _table.to_metadata(metadata)


class LearningLibraryFile(EncryptedFile):
    """The open library file."""

    APPLICATION_ID: ClassVar[int] = LIBRARY_APPLICATION_ID
    MIGRATIONS: ClassVar[tuple[Migration, ...]] = LIBRARY_MIGRATIONS
    NOUN: ClassVar[str] = "learning library"
    #: The library lives at one place in the data folder: a restored copy elsewhere is no use.
    OFFERS_RESTORE: ClassVar[bool] = False

    @classmethod
    def create(cls, path: Path, passphrase: str) -> tuple[LearningLibraryFile, str]:
        """A new, empty library at `path` (which must not exist); it and its recovery code."""
        return cls._create_file(path, passphrase, lambda conn: None)


# -- the notes -----------------------------------------------------------------------------------


def _note_row(note: LearningNote) -> dict[str, Any]:
    return {
        "uid": note.uid,
        "version": note.version,
        "title": note.title,
        "event": note.event,
        "held_on": note.held_on.isoformat() if note.held_on else None,
        "facilitator": note.facilitator,
        "body": note.body,
        "updated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


class SqlLearningLibrary(EngineBound):
    """Implements `reviewer_app.learning.repository.LearningLibraryRepository`."""

    def _load(self, conn: SaConnection, ids: list[int] | None = None) -> list[LearningNote]:
        c = note_table.c
        statement = select(note_table).order_by(func.lower(c.title), c.id)
        if ids is not None:
            statement = statement.where(c.id.in_(ids))
        rows = conn.execute(statement).mappings().all()
        wanted = [r["id"] for r in rows]
        tags: dict[int, list[str]] = {}
        for row in conn.execute(
            select(tag_table.c.note_id, tag_table.c.tag).where(tag_table.c.note_id.in_(wanted))
        ).mappings():
            tags.setdefault(int(row["note_id"]), []).append(str(row["tag"]))
        files: dict[int, list[Attachment]] = {}
        a = attachment_table.c
        for row in conn.execute(
            select(attachment_table).where(a.note_id.in_(wanted)).order_by(a.position, a.id)
        ).mappings():
            files.setdefault(row["note_id"], []).append(
                Attachment(row["name"], bytes(row["data"]), row["media_type"], row["id"])
            )
        return [
            LearningNote(
                title=r["title"],
                body=r["body"],
                event=r["event"],
                held_on=dt.date.fromisoformat(r["held_on"]) if r["held_on"] else None,
                facilitator=r["facilitator"],
                tags=tuple(tags.get(r["id"], ())),
                uid=r["uid"],
                version=r["version"],
                attachments=tuple(files.get(r["id"], ())),
                id=r["id"],
            )
            for r in rows
        ]

    def notes(self) -> list[LearningNote]:
        with self._engine.connect() as conn:
            return self._load(conn)

    def note(self, note_id: int) -> LearningNote:
        with self._engine.connect() as conn:
            found = self._load(conn, [note_id])
        if not found:
            raise InvalidInputError("That note is no longer in the library.")
        return found[0]

    def by_uid(self, uid: str) -> LearningNote | None:
        with self._engine.connect() as conn:
            ids: list[Any] = list(
                conn.execute(select(note_table.c.id).where(note_table.c.uid == uid)).scalars()
            )
            return self._load(conn, [int(ids[0])])[0] if ids else None

    def save(self, note: LearningNote) -> LearningNote:
        """Insert (no id, or an id no longer there: a deletion undone) or update, with tags and
        attachments, in one transaction."""
        row = _note_row(note)
        with self._engine.begin() as conn:
            note_id = upsert_by_id(conn, note_table, note.id, row)
            conn.execute(delete(tag_table).where(tag_table.c.note_id == note_id))
            if note.tags:
                conn.execute(insert(tag_table), [{"note_id": note_id, "tag": t} for t in note.tags])
            conn.execute(delete(attachment_table).where(attachment_table.c.note_id == note_id))
            if note.attachments:
                conn.execute(
                    insert(attachment_table),
                    [
                        {
                            "note_id": note_id,
                            "position": n,
                            "name": f.name,
                            "media_type": f.media_type,
                            "data": f.data,
                        }
                        for n, f in enumerate(note.attachments)
                    ],
                )
            return self._load(conn, [note_id])[0]

    def delete(self, note_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(note_table).where(note_table.c.id == note_id))

    def search(self, text_query: str = "", tag: str = "") -> list[int]:
        """Ids of notes holding every word (as a prefix) in title, event, facilitator, body or
        tags, and carrying `tag` when given."""
        c = note_table.c
        statement = select(c.id)
        if tag.strip():
            statement = statement.where(
                c.id.in_(select(tag_table.c.note_id).where(tag_table.c.tag == tag.strip().lower()))
            )
        if text_query.strip():
            match = fts_query(text_query)
            if not match:
                return []
            in_text = (
                select(text("rowid"))
                .select_from(text("note_fts"))
                .where(text("note_fts MATCH :match").bindparams(match=match))
            )
            wanted_tag = " ".join(text_query.split()).lower()
            in_tags = select(tag_table.c.note_id).where(
                tag_table.c.tag.contains(wanted_tag, autoescape=True)
            )
            statement = statement.where(c.id.in_(in_text) | c.id.in_(in_tags))
        with self._engine.connect() as conn:
            ids: list[Any] = list(conn.execute(statement).scalars())
        return [int(i) for i in ids]

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use and how many notes carry it, alphabetically."""
        t = tag_table.c
        statement = select(t.tag, func.count().label("notes")).group_by(t.tag).order_by(t.tag)
        with self._engine.connect() as conn:
            rows = conn.execute(statement).mappings().all()
        return [(str(row["tag"]), int(row["notes"])) for row in rows]


# -- opening and closing: what the composition root hands to the window ----------------------


class StoredLearningLibrary:
    """Implements `reviewer_app.learning.repository.LearningLibraryAccess` over one library file
    (by default `AppPaths.data / "learning.library"`)."""

    def __init__(
        self, path: Path, backups: BackupStore | None = None, keyring: KeyringStore | None = None
    ) -> None:
        self._path = path
        self._backups = backups
        self._keyring = keyring if keyring is not None else KeyringStore()
        self.file: LearningLibraryFile | None = None
        self._repository: SqlLearningLibrary | None = None
        self._collation: SqlCollationStore | None = None
        self._published: SqlPublishedStore | None = None

    @property
    def path(self) -> Path:
        return self._path

    def exists(self) -> bool:
        return self._path.exists()

    @property
    def repository(self) -> LearningLibraryRepository | None:
        return self._repository

    @property
    def collation(self) -> CollationStore | None:
        """The collation kept in the open library (None while it is closed)."""
        return self._collation

    @property
    def published(self) -> PublishedStore | None:
        """The published reviews kept in the open library (None while it is closed)."""
        return self._published

    def _engine(self) -> Engine:
        if self.file is None:
            raise ReviewLockedError("The learning library is closed. Open it to carry on.")
        return self.file.engine

    def _use(self, file: LearningLibraryFile) -> SqlLearningLibrary:
        self.close()
        self.file = file
        self._repository = SqlLearningLibrary(self._engine)
        self._collation = SqlCollationStore(self._engine)
        self._published = SqlPublishedStore(self._engine)
        self._take_backup_if_due(file)
        return self._repository

    def _take_backup_if_due(self, file: LearningLibraryFile) -> None:
        if self._backups is None:
            return
        newest = next(
            (b for b in self._backups.list(file.file_id) if b.reason == "automatic"), None
        )
        if newest is None or dt.datetime.now(dt.UTC) - newest.taken >= AUTOMATIC_BACKUP_INTERVAL:
            file.take_backup(self._backups)

    def create(self, passphrase: str, *, remember: bool = False) -> LibraryCreated:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        file, code = LearningLibraryFile.create(self._path, passphrase)
        notice = self._keyring.status().notice
        if remember:
            notice = file.remember_key(self._keyring).notice
        self._use(file)
        return LibraryCreated(code, notice)

    def open(self, *, passphrase: str | None = None, code: str | None = None) -> SqlLearningLibrary:
        file = LearningLibraryFile.open(
            self._path, passphrase=passphrase, code=code, backups=self._backups
        )
        return self._use(file)

    def open_remembered(self) -> SqlLearningLibrary | None:
        salt = precheck(self._path, LearningLibraryFile.NOUN)
        key = self._keyring.recall(file_id(salt))
        if key is None:
            return None
        try:
            file = LearningLibraryFile.open(self._path, key=key, backups=self._backups)
        except WrongPassphraseError:
            log.info("a remembered key no longer opens the learning library; forgetting it")
            self._keyring.forget(file_id(salt))
            return None
        return self._use(file)

    def remember_on_this_computer(self) -> str:
        if self.file is None:
            return ""
        return self.file.remember_key(self._keyring).notice

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file = None
        self._repository = None
        self._collation = None
        self._published = None


def default_library_path(data_folder: Path) -> Path:
    return data_folder / FILE_NAME
