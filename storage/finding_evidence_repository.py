"""Published reviews linked to findings, kept in the review file as copies (finding_evidence)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from reviewer_app.analysis.published_evidence import PublishedEvidence
from storage.bound import EngineBound, upsert_by_id
from storage.schema import finding_evidence


def _row(e: PublishedEvidence) -> dict[str, Any]:
    return {"finding_id": e.finding_id, **e.copied()}


def _evidence(r: Any) -> PublishedEvidence:
    return PublishedEvidence(
        finding_id=int(r["finding_id"]),
        title=r["title"],
        passage=r["passage"],
        year=None if r["year"] is None else int(r["year"]),
        partnership=r["partnership"],
        review_type=r["review_type"],
        page=int(r["page"]),
        section=r["section"],
        library_report_id=r["library_report_id"],
        library_passage_id=r["library_passage_id"],
        id=int(r["id"]),
    )


class SqlFindingEvidence(EngineBound):
    """Implements `reviewer_app.analysis.published_evidence.PublishedEvidenceRepository`."""

    def evidence(self) -> list[PublishedEvidence]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(finding_evidence).order_by(finding_evidence.c.id))
            return [_evidence(r) for r in rows.mappings()]

    def save(self, evidence: PublishedEvidence) -> PublishedEvidence:
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, finding_evidence, evidence.id, _row(evidence))
        return evidence.with_changes(id=new_id)

    def remove(self, evidence_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(finding_evidence).where(finding_evidence.c.id == evidence_id))
