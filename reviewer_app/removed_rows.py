"""What a deletion took out of the file, kept in memory so that undo can put it back exactly."""

from __future__ import annotations

from dataclasses import dataclass

#: (table name, column values) as stored.
StoredRow = tuple[str, tuple[tuple[str, object], ...]]


@dataclass(frozen=True, slots=True)
class RemovedRows:
    """Rows taken out of the file exactly as they were stored, with every row that pointed at
    them (links, evidence, notes attached, actions answering a finding), so that a restore can
    put them back under the same ids. Held in memory only, for undo; never written anywhere."""

    #: in the order to insert them again: the deleted rows first, then what depended on them
    rows: tuple[StoredRow, ...]
    ids: tuple[int, ...]
