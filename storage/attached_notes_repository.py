"""Learning notes attached to a review, kept in the review file (schema version 6)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection as SaConnection

from reviewer_app.learning.attached import AttachedNote, NoteTarget, TargetKind
from reviewer_app.learning.note import Attachment, LearningNote
from storage.bound import EngineBound, upsert_by_id
from storage.schema import attached_note, attached_note_file, attached_note_target


def _row(attached: AttachedNote) -> dict[str, Any]:
    note = attached.note
    return {
        "original_uid": note.uid,
        "original_version": note.version,
        "title": note.title,
        "event": note.event,
        "held_on": note.held_on.isoformat() if note.held_on else None,
        "facilitator": note.facilitator,
        "tags": json.dumps(list(note.tags), ensure_ascii=False),
        "body": note.body,
        "in_report": int(attached.in_report),
        "attached_at": attached.attached_at.isoformat(),
    }


def _target_row(attached_id: int, target: NoteTarget) -> dict[str, Any]:
    return {
        "attached_note_id": attached_id,
        "finding_id": target.ref if target.kind is TargetKind.FINDING else None,
        "episode_id": target.ref if target.kind is TargetKind.EPISODE else None,
        "marker": target.ref if target.kind is TargetKind.MARKER else None,
    }


class SqlAttachedNotes(EngineBound):
    """Implements `reviewer_app.learning.repository.AttachedNotesRepository`."""

    def _load(self, conn: SaConnection) -> list[AttachedNote]:
        rows = conn.execute(select(attached_note).order_by(attached_note.c.id)).mappings().all()
        targets: dict[int, list[NoteTarget]] = {}
        for t in conn.execute(select(attached_note_target)).mappings():
            if t["finding_id"] is not None:
                target = NoteTarget(TargetKind.FINDING, int(t["finding_id"]))
            elif t["episode_id"] is not None:
                target = NoteTarget(TargetKind.EPISODE, int(t["episode_id"]))
            else:
                target = NoteTarget(TargetKind.MARKER, int(t["marker"]))
            targets.setdefault(int(t["attached_note_id"]), []).append(target)
        files: dict[int, list[Attachment]] = {}
        f = attached_note_file.c
        for a in conn.execute(select(attached_note_file).order_by(f.position, f.id)).mappings():
            files.setdefault(int(a["attached_note_id"]), []).append(
                Attachment(a["name"], bytes(a["data"]), a["media_type"], int(a["id"]))
            )
        return [
            AttachedNote(
                note=LearningNote(
                    title=r["title"],
                    body=r["body"],
                    event=r["event"],
                    held_on=dt.date.fromisoformat(r["held_on"]) if r["held_on"] else None,
                    facilitator=r["facilitator"],
                    tags=tuple(json.loads(r["tags"])),
                    uid=r["original_uid"],
                    version=int(r["original_version"]),
                    attachments=tuple(files.get(int(r["id"]), ())),
                ),
                targets=tuple(sorted(targets.get(int(r["id"]), ()))),
                in_report=bool(r["in_report"]),
                attached_at=dt.datetime.fromisoformat(r["attached_at"]),
                id=int(r["id"]),
            )
            for r in rows
        ]

    def attached(self) -> list[AttachedNote]:
        with self._engine.connect() as conn:
            return self._load(conn)

    def save(self, attached: AttachedNote) -> AttachedNote:
        """Insert (no id, or an id no longer there: a removal undone) or replace, whole."""
        row = _row(attached)
        with self._engine.begin() as conn:
            attached_id = upsert_by_id(conn, attached_note, attached.id, row)
            for table in (attached_note_target, attached_note_file):
                conn.execute(delete(table).where(table.c.attached_note_id == attached_id))
            if attached.targets:
                conn.execute(
                    insert(attached_note_target),
                    [_target_row(attached_id, t) for t in attached.targets],
                )
            if attached.note.attachments:
                conn.execute(
                    insert(attached_note_file),
                    [
                        {
                            "attached_note_id": attached_id,
                            "position": n,
                            "name": a.name,
                            "media_type": a.media_type,
                            "data": a.data,
                        }
                        for n, a in enumerate(attached.note.attachments)
                    ],
                )
            return next(a for a in self._load(conn) if a.id == attached_id)

    def remove(self, attached_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(attached_note).where(attached_note.c.id == attached_id))
