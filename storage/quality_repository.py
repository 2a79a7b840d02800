"""The self-assessment against the quality markers, in the review file.

Implements `reviewer_app.quality.repository.QualityRepository` with SQLAlchemy Core. Rows exist
only for what the reviewer has recorded; a marker with no row is simply "not started".
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.sqlite import insert as upsert

from reviewer_app.quality.assessment import (
    EvidenceLink,
    MarkerAssessment,
    PromptAssessment,
    Status,
)
from storage.bound import EngineBound
from storage.rows import record_row
from storage.schema import quality_evidence, quality_marker, quality_prompt, quality_settings


class SqlQuality(EngineBound):
    def marker_set_key(self) -> str | None:
        with self._engine.connect() as conn:
            key = conn.execute(select(quality_settings.c.marker_set)).scalar_one_or_none()
        return str(key) if key is not None else None

    def choose_marker_set(self, key: str) -> None:
        statement = upsert(quality_settings).values(id=1, marker_set=key)
        with self._engine.begin() as conn:
            conn.execute(
                statement.on_conflict_do_update(index_elements=["id"], set_={"marker_set": key})
            )

    def assessments(self, set_key: str) -> list[MarkerAssessment]:
        with self._engine.connect() as conn:
            markers = conn.execute(
                select(quality_marker).where(quality_marker.c.marker_set == set_key)
            ).all()
            prompts = conn.execute(
                select(quality_prompt).where(quality_prompt.c.marker_set == set_key)
            ).all()
        by_marker: dict[int, dict[str, PromptAssessment]] = {}
        for p in prompts:
            by_marker.setdefault(p.marker, {})[p.prompt] = PromptAssessment(
                Status(p.status), p.notes
            )
        found = {
            m.marker: MarkerAssessment(
                m.marker, Status(m.status), m.notes, by_marker.pop(m.marker, {})
            )
            for m in markers
        }
        for number, prompt_map in by_marker.items():  # prompts recorded, marker itself not
            found[number] = MarkerAssessment(number, prompts=prompt_map)
        return [found[n] for n in sorted(found)]

    def save_marker(self, set_key: str, value: MarkerAssessment) -> None:
        statement = upsert(quality_marker).values(
            marker_set=set_key, marker=value.number, status=value.status.value, notes=value.notes
        )
        with self._engine.begin() as conn:
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["marker_set", "marker"],
                    set_={"status": value.status.value, "notes": value.notes},
                )
            )

    def save_prompt(self, set_key: str, number: int, key: str, value: PromptAssessment) -> None:
        statement = upsert(quality_prompt).values(
            marker_set=set_key,
            marker=number,
            prompt=key,
            status=value.status.value,
            notes=value.notes,
        )
        with self._engine.begin() as conn:
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["marker_set", "marker", "prompt"],
                    set_={"status": value.status.value, "notes": value.notes},
                )
            )

    def evidence(self, set_key: str) -> list[EvidenceLink]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(quality_evidence)
                .where(quality_evidence.c.marker_set == set_key)
                .order_by(quality_evidence.c.marker, quality_evidence.c.id)
            ).all()
        return [EvidenceLink(r.marker, r.kind, r.ref, r.label, r.prompt, r.id) for r in rows]

    def add_evidence(self, set_key: str, link: EvidenceLink) -> EvidenceLink:
        """Store a link; one with an id (a removal being undone) gets its old id back."""
        values = record_row(link, quality_evidence, marker_set=set_key)
        if link.id is not None:
            values["id"] = link.id
        with self._engine.begin() as conn:
            new_id = conn.execute(insert(quality_evidence).values(**values)).inserted_primary_key
        assert new_id is not None
        return EvidenceLink(
            link.marker, link.kind, link.ref, link.label, link.prompt, int(new_id[0])
        )

    def remove_evidence(self, evidence_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(quality_evidence).where(quality_evidence.c.id == evidence_id))
