"""SQLAlchemy Core tables mirroring the migrated schema (queries only; DDL lives in migrations)."""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, Table, Text

metadata = MetaData()

review = Table(
    "review",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("review_type", Text, nullable=False),
    Column("board", Text, nullable=False),
    Column("methodology", Text, nullable=False),
    Column("scope_start", Text),
    Column("scope_end", Text),
    Column("status", Text, nullable=False),
    Column("marking", Text, nullable=False),
    Column("terms_of_reference", Text, nullable=False),
    Column("created", Text, nullable=False),
)

agency = Table(
    "agency",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("agency_type", Text, nullable=False),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role", Text, nullable=False),
    Column("real_name", Text, nullable=False),
    Column("pseudonym", Text, nullable=False),
    Column("relationship", Text, nullable=False),
    Column("date_of_birth", Text),
    Column("is_subject", Integer, nullable=False),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id"), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("file_format", Text, nullable=False),
    Column("sheet", Text),
    Column("imported_at", Text, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("left_out", Integer, nullable=False),
    Column("mapping", Text, nullable=False),
)

chronology_entry = Table(
    "chronology_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id"), nullable=False),
    Column("batch_id", Integer, ForeignKey("import_batch.id")),
    Column("date_start", Text),
    Column("date_end", Text),
    Column("date_precision", Text, nullable=False),
    Column("date_qualifier", Text, nullable=False),
    Column("date_original", Text, nullable=False),
    Column("time", Text),
    Column("sequence", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("practitioner", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("agency_comment", Text, nullable=False),
    Column("comment", Text, nullable=False),
    Column("flags", Integer, nullable=False),
    Column("row_number", Integer),
    Column("original_row", Text, nullable=False),
)

entry_person = Table(
    "entry_person",
    metadata,
    Column("entry_id", Integer, ForeignKey("chronology_entry.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), primary_key=True),
)

same_event = Table(
    "same_event",
    metadata,
    Column("entry_a", Integer, ForeignKey("chronology_entry.id"), primary_key=True),
    Column("entry_b", Integer, ForeignKey("chronology_entry.id"), primary_key=True),
    Column("status", Text, nullable=False),
    Column("score", Float, nullable=False),
)
