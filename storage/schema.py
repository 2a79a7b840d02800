"""SQLAlchemy Core tables mirroring the migrated schema (queries only; DDL lives in migrations)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text

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
