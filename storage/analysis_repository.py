"""Conversations, passages, key practice episodes and findings in the review file.

Implements `reviewer_app.analysis.repository.AnalysisRepository`. Links live in link tables
whose foreign keys cascade (see migration version 3); saving an object rewrites its links, and
links to things no longer in the file (an entry deleted meanwhile) are dropped, never stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select

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
from reviewer_app.removed_rows import RemovedRows
from storage.bound import EngineBound, upsert_by_id
from storage.people_repository import day_of, iso
from storage.row_removal import remove_rows, restore_rows
from storage.rows import record_row
from storage.schema import (
    chronology_entry,
    conversation,
    conversation_guide,
    conversation_person,
    episode_entry,
    finding,
    finding_entry,
    finding_episode,
    finding_passage,
    key_episode,
    passage,
    passage_entry,
    passage_episode,
    person,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _links(conn: Connection, table: Table, owner: str, other: str) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = {}
    for link in conn.execute(select(table.c[owner], table.c[other])).mappings():
        found.setdefault(int(link[owner]), []).append(int(link[other]))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _set_links(
    conn: Connection,
    table: Table,
    owner: str,
    owner_id: int,
    other: str,
    target: Table,
    ids: Iterable[int],
) -> tuple[int, ...]:
    """Replace the owner's links; returns the ids stored (sorted, only those in the file)."""
    conn.execute(delete(table).where(table.c[owner] == owner_id))
    wanted = sorted(set(ids))
    if not wanted:
        return ()
    existing: list[Any] = list(
        conn.execute(select(target.c.id).where(target.c.id.in_(wanted))).scalars()
    )
    stored = sorted(int(i) for i in existing)
    if stored:
        conn.execute(insert(table), [{owner: owner_id, other: i} for i in stored])
    return tuple(stored)


NOT_BACK = (
    "What was deleted could not be brought back: the review has changed since (something it "
    "belonged to may have been deleted too), so nothing was changed."
)


class SqlAnalysis(EngineBound):
    # -- guides ---------------------------------------------------------------------------
    def guides(self) -> list[ConversationGuide]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(conversation_guide).order_by(
                    conversation_guide.c.position, conversation_guide.c.key
                )
            ).all()
        return [
            ConversationGuide(
                r.key,
                r.title,
                tuple(GuideQuestion(q["key"], q["text"]) for q in json.loads(r.questions)),
            )
            for r in rows
        ]

    def save_guide(self, guide: ConversationGuide) -> None:
        questions = _dumps([{"key": q.key, "text": q.text} for q in guide.questions])
        with self._engine.begin() as conn:
            position = conn.execute(
                select(conversation_guide.c.position).where(conversation_guide.c.key == guide.key)
            ).scalar()
            if position is None:
                position = len(conn.execute(select(conversation_guide.c.key)).all())
            conn.execute(delete(conversation_guide).where(conversation_guide.c.key == guide.key))
            conn.execute(
                insert(conversation_guide).values(
                    key=guide.key, title=guide.title, questions=questions, position=position
                )
            )

    # -- conversations --------------------------------------------------------------------
    def conversations(self) -> list[Conversation]:
        with self._engine.connect() as conn:
            people = _links(conn, conversation_person, "conversation_id", "person_id")
            rows = conn.execute(select(conversation)).all()
        found = [
            Conversation(
                kind=ConversationKind(r.kind),
                title=r.title,
                date=day_of(r.date),
                mode=Mode(r.mode),
                participants=people.get(r.id, ()),
                consent_notes=r.consent_notes,
                support_notes=r.support_notes,
                guide_key=r.guide_key,
                record=tuple(
                    RecordItem(i["key"], i["question"], i["answer"]) for i in json.loads(r.record)
                ),
                notes=r.notes,
                transcript=r.transcript,
                transcript_name=r.transcript_name,
                id=r.id,
            )
            for r in rows
        ]
        found.sort(key=lambda c: (c.date is None, c.date, c.id or 0))
        return found

    def save_conversation(self, c: Conversation) -> Conversation:
        row = record_row(
            c,
            conversation,
            kind=c.kind.value,
            title=c.title.strip(),
            date=iso(c.date),
            mode=c.mode.value,
            record=_dumps(
                [{"key": i.key, "question": i.question, "answer": i.answer} for i in c.record]
            ),
        )
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, conversation, c.id, row)
            people = _set_links(
                conn, conversation_person, "conversation_id", new_id, "person_id", person,
                c.participants,
            )  # fmt: skip
        return c.with_changes(id=new_id, participants=people)

    def delete_conversation(self, conversation_id: int) -> RemovedRows:
        with self._engine.begin() as conn:
            return remove_rows(conn, "conversation", [conversation_id])

    # -- passages -------------------------------------------------------------------------
    def passages(self, conversation_id: int | None = None) -> list[Passage]:
        statement = select(passage).order_by(passage.c.id)
        if conversation_id is not None:
            statement = statement.where(passage.c.conversation_id == conversation_id)
        with self._engine.connect() as conn:
            entries = _links(conn, passage_entry, "passage_id", "entry_id")
            episodes = _links(conn, passage_episode, "passage_id", "episode_id")
            rows = conn.execute(statement).all()
        return [
            Passage(
                r.conversation_id,
                r.text,
                tuple(json.loads(r.themes)),
                entries.get(r.id, ()),
                episodes.get(r.id, ()),
                r.id,
                use_in_report=bool(r.use_in_report),
            )
            for r in rows
        ]

    def save_passage(self, p: Passage) -> Passage:
        row = record_row(p, passage, themes=_dumps(list(p.themes)))
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, passage, p.id, row)
            entries = _set_links(
                conn, passage_entry, "passage_id", new_id, "entry_id", chronology_entry,
                p.entry_ids,
            )  # fmt: skip
            episodes = _set_links(
                conn, passage_episode, "passage_id", new_id, "episode_id", key_episode,
                p.episode_ids,
            )  # fmt: skip
        return p.with_changes(id=new_id, entry_ids=entries, episode_ids=episodes)

    def delete_passage(self, passage_id: int) -> RemovedRows:
        with self._engine.begin() as conn:
            return remove_rows(conn, "passage", [passage_id])

    # -- key practice episodes ------------------------------------------------------------
    def episodes(self) -> list[Episode]:
        with self._engine.connect() as conn:
            entries = _links(conn, episode_entry, "episode_id", "entry_id")
            rows = conn.execute(select(key_episode)).all()
        found = [
            Episode(
                title=r.title,
                start=day_of(r.date_start),
                end=day_of(r.date_end),
                narrative=r.narrative,
                perspectives=tuple(
                    Perspective(p["who"], p["view"], p.get("person_id"))
                    for p in json.loads(r.perspectives)
                ),
                factors=tuple(
                    Factor(FactorKind(f["kind"]), f["text"]) for f in json.loads(r.factors)
                ),
                appraisal=Appraisal(r.appraisal),
                reasoning=r.reasoning,
                safeguards=tuple(json.loads(r.safeguards)),
                entry_ids=entries.get(r.id, ()),
                id=r.id,
            )
            for r in rows
        ]
        found.sort(key=lambda e: (e.start is None, e.start, e.id or 0))
        return found

    def save_episode(self, e: Episode) -> Episode:
        row = record_row(
            e,
            key_episode,
            title=e.title.strip(),
            date_start=iso(e.start),
            date_end=iso(e.end),
            perspectives=_dumps(
                [{"who": p.who, "view": p.view, "person_id": p.person_id} for p in e.perspectives]
            ),
            factors=_dumps([{"kind": f.kind.value, "text": f.text} for f in e.factors]),
            appraisal=e.appraisal.value,
            safeguards=_dumps(list(e.safeguards)),
        )
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, key_episode, e.id, row)
            entries = _set_links(
                conn, episode_entry, "episode_id", new_id, "entry_id", chronology_entry,
                e.entry_ids,
            )  # fmt: skip
        return e.with_changes(id=new_id, entry_ids=entries)

    def delete_episode(self, episode_id: int) -> RemovedRows:
        with self._engine.begin() as conn:
            return remove_rows(conn, "key_episode", [episode_id])

    # -- findings -------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        with self._engine.connect() as conn:
            episodes = _links(conn, finding_episode, "finding_id", "episode_id")
            entries = _links(conn, finding_entry, "finding_id", "entry_id")
            passages = _links(conn, finding_passage, "finding_id", "passage_id")
            rows = conn.execute(select(finding).order_by(finding.c.id)).all()
        return [
            Finding(
                statement=r.statement,
                category=r.category,
                how_it_showed=r.how_it_showed,
                systemic_evidence=r.systemic_evidence,
                why_it_matters=r.why_it_matters,
                board_questions=r.board_questions,
                recommendations=r.recommendations,
                priority=Priority(r.priority),
                theme=r.theme,
                journey_stage=r.journey_stage,
                episode_ids=episodes.get(r.id, ()),
                entry_ids=entries.get(r.id, ()),
                passage_ids=passages.get(r.id, ()),
                id=r.id,
            )
            for r in rows
        ]

    def save_finding(self, f: Finding) -> Finding:
        row = record_row(f, finding, statement=f.statement.strip(), priority=f.priority.value)
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, finding, f.id, row)
            episodes, entries, passages = (
                _set_links(conn, table, "finding_id", new_id, other, target, ids)
                for table, other, target, ids in (
                    (finding_episode, "episode_id", key_episode, f.episode_ids),
                    (finding_entry, "entry_id", chronology_entry, f.entry_ids),
                    (finding_passage, "passage_id", passage, f.passage_ids),
                )
            )
        return f.with_changes(
            id=new_id, episode_ids=episodes, entry_ids=entries, passage_ids=passages
        )

    def delete_finding(self, finding_id: int) -> RemovedRows:
        with self._engine.begin() as conn:
            return remove_rows(conn, "finding", [finding_id])

    # -- undo -----------------------------------------------------------------------------
    def restore(self, removed: RemovedRows) -> None:
        """Put back what a `delete_*` took out, under the same ids, with its links, evidence,
        notes attached and the actions that answered it (all or none)."""
        with self._engine.begin() as conn:
            restore_rows(conn, removed, NOT_BACK)
