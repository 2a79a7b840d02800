"""Drafts sent out and the response log, in the review file.

Implements `reviewer_app.drafts.model.DraftsRepository` with SQLAlchemy Core.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select, update

from reviewer_app.drafts.model import (
    ChangeKind,
    Circulation,
    DraftComment,
    Purpose,
    ReturnedComment,
)
from storage.bound import EngineBound
from storage.schema import draft_circulation as circulation_table
from storage.schema import draft_comment as comment_table

_PURPOSES = {p.value: p for p in Purpose}
_KINDS = {k.value: k for k in ChangeKind}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _comment_values(comment: DraftComment) -> dict[str, Any]:
    said = comment.comment
    return {
        "version": comment.version,
        "from_name": comment.from_name,
        "kind": said.kind.value,
        "author": said.author,
        "said": said.said,
        "passage": said.passage,
        "paragraph": said.paragraph,
        "made_on": said.made_on.isoformat() if said.made_on else None,
        "received_on": comment.received_on.isoformat(),
        "response": comment.response,
        "draft_changed": int(comment.draft_changed),
    }


class SqlDrafts(EngineBound):
    def circulations(self) -> list[Circulation]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(circulation_table).order_by(
                    circulation_table.c.version, circulation_table.c.sent_on, circulation_table.c.id
                )
            ).all()
        return [
            Circulation(
                version=r.version,
                sent_on=dt.date.fromisoformat(r.sent_on),
                sent_to=r.sent_to,
                purpose=_PURPOSES.get(r.purpose, Purpose.OTHER),
                note=r.note,
                id=r.id,
            )
            for r in rows
        ]

    def add_circulation(self, circulation: Circulation) -> Circulation:
        values = {
            "version": circulation.version,
            "sent_on": circulation.sent_on.isoformat(),
            "sent_to": circulation.sent_to,
            "purpose": circulation.purpose.value,
            "note": circulation.note,
        }
        if circulation.id is not None:
            values["id"] = circulation.id
        with self._engine.begin() as conn:
            new_id = conn.execute(insert(circulation_table).values(**values)).inserted_primary_key
        assert new_id is not None
        return Circulation(
            circulation.version,
            circulation.sent_on,
            circulation.sent_to,
            circulation.purpose,
            circulation.note,
            int(new_id[0]),
        )

    def remove_circulation(self, circulation_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(circulation_table).where(circulation_table.c.id == circulation_id))

    def comments(self) -> list[DraftComment]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(comment_table).order_by(comment_table.c.version, comment_table.c.id)
            ).all()
        return [
            DraftComment(
                version=r.version,
                from_name=r.from_name,
                comment=ReturnedComment(
                    _KINDS.get(r.kind, ChangeKind.COMMENT),
                    r.author,
                    r.said,
                    r.passage,
                    r.paragraph,
                    _day(r.made_on),
                ),
                received_on=dt.date.fromisoformat(r.received_on),
                response=r.response,
                draft_changed=bool(r.draft_changed),
                id=r.id,
            )
            for r in rows
        ]

    def add_comments(self, comments: list[DraftComment]) -> list[DraftComment]:
        """Store them all in one transaction (a returned copy is read whole or not at all)."""
        stored = []
        with self._engine.begin() as conn:
            for comment in comments:
                values = _comment_values(comment)
                if comment.id is not None:
                    values["id"] = comment.id
                key = conn.execute(insert(comment_table).values(**values)).inserted_primary_key
                assert key is not None
                stored.append(
                    DraftComment(
                        comment.version,
                        comment.from_name,
                        comment.comment,
                        comment.received_on,
                        comment.response,
                        comment.draft_changed,
                        int(key[0]),
                    )
                )
        return stored

    def update_comment(self, comment: DraftComment) -> None:
        if comment.id is None:
            return
        with self._engine.begin() as conn:
            conn.execute(
                update(comment_table)
                .where(comment_table.c.id == comment.id)
                .values(**_comment_values(comment))
            )

    def remove_comments(self, comment_ids: list[int]) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(comment_table).where(comment_table.c.id.in_(comment_ids)))
