"""The collation kept in the learning library (`reviewer_app.learning.repository.CollationStore`).

Each held dataset is stored as the JSON the app writes (`reviewer_app.learning.dataset`), so
what is read back is exactly what was checked on import.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Column, Index, MetaData, Table, Text, delete, insert, select

from reviewer_app.learning.collation import HeldDataset
from reviewer_app.learning.dataset import from_json, to_json
from storage.bound import EngineBound

metadata = MetaData()
dataset_table = Table(
    "collated_dataset",
    metadata,
    Column("key", Text, primary_key=True),
    Column("dataset_id", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    Column("flag", Text, nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_collated_dataset_id", "dataset_id"),
)
merge_table = Table(
    "theme_merge",
    metadata,
    Column("variant", Text, primary_key=True),
    Column("canonical", Text, nullable=False),
)
dismissed_table = Table(
    "theme_merge_dismissed",
    metadata,
    Column("variant", Text, primary_key=True),
    Column("canonical", Text, primary_key=True),
)


class SqlCollationStore(EngineBound):
    """Implements `reviewer_app.learning.repository.CollationStore`."""

    def held(self) -> list[HeldDataset]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(dataset_table).order_by(dataset_table.c.imported_at))
            return [
                HeldDataset(
                    from_json(row.body, row.file_name or "a stored dataset"),
                    file_name=row.file_name,
                    imported_at=row.imported_at,
                    flag=row.flag,
                    key=row.key,
                )
                for row in rows
            ]

    def add(self, held: Sequence[HeldDataset]) -> None:
        if not held:
            return
        with self._engine.begin() as conn:
            conn.execute(
                insert(dataset_table).prefix_with("OR IGNORE"),
                [
                    {
                        "key": h.key,
                        "dataset_id": h.dataset.dataset_id,
                        "file_name": h.file_name,
                        "imported_at": h.imported_at,
                        "flag": h.flag,
                        "body": to_json(h.dataset),
                    }
                    for h in held
                ],
            )

    def remove(self, key: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(dataset_table).where(dataset_table.c.key == key))

    def clear(self) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(dataset_table))

    def merges(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            return {r.variant: r.canonical for r in conn.execute(select(merge_table))}

    def save_merges(self, merges: dict[str, str]) -> None:
        """The whole merge list, replacing what was kept (one transaction)."""
        with self._engine.begin() as conn:
            conn.execute(delete(merge_table))
            if merges:
                conn.execute(
                    insert(merge_table),
                    [{"variant": v, "canonical": c} for v, c in merges.items()],
                )

    def dismissed(self) -> set[tuple[str, str]]:
        with self._engine.connect() as conn:
            return {(r.variant, r.canonical) for r in conn.execute(select(dismissed_table))}

    def dismiss(self, variant: str, canonical: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                insert(dismissed_table).prefix_with("OR IGNORE"),
                {"variant": variant, "canonical": canonical},
            )
