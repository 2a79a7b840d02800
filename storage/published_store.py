"""Published case reviews kept in the learning library
(`reviewer_app.published.repository.PublishedStore`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    delete,
    insert,
    select,
    text,
    update,
)

from reviewer_app.errors import InvalidInputError
from reviewer_app.published.report import Passage, PublishedReport, ReadStatus, Section
from reviewer_app.published.repository import (
    MARK_END,
    MARK_START,
    SearchHit,
    SearchQuery,
    StoredTheme,
)
from reviewer_app.published.themes import ThemeSuggestion
from storage.bound import EngineBound

metadata = MetaData()
report_table = Table(
    "published_report",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("file_name", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("year", Integer),
    Column("partnership", Text, nullable=False),
    Column("review_type", Text, nullable=False),
    Column("pages", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
)
passage_table = Table(
    "published_passage",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("published_report.id"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("section", Text, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_published_passage_report", "report_id"),
)
theme_table = Table(
    "published_theme",
    metadata,
    Column("report_id", Integer, ForeignKey("published_report.id"), primary_key=True),
    Column("theme", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("score", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("state", Text, nullable=False),
)
passage_theme_table = Table(
    "published_passage_theme",
    metadata,
    Column("passage_id", Integer, ForeignKey("published_passage.id"), primary_key=True),
    Column("theme", Text, primary_key=True),
    Index("ix_published_passage_theme", "theme"),
)
STATES = ("suggested", "confirmed", "rejected")


def _report(row: Any, passages: tuple[Passage, ...] = ()) -> PublishedReport:
    return PublishedReport(
        file_name=row.file_name,
        title=row.title,
        year=row.year,
        partnership=row.partnership,
        review_type=row.review_type,
        pages=row.pages,
        status=ReadStatus(row.status),
        content_hash=row.content_hash,
        passages=passages,
        id=row.id,
        imported_at=row.imported_at,
    )


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


class SqlPublishedStore(EngineBound):
    """Implements `reviewer_app.published.repository.PublishedStore`."""

    def has(self, content_hash: str) -> int | None:
        with self._engine.connect() as conn:
            found = conn.execute(
                select(report_table.c.id).where(report_table.c.content_hash == content_hash)
            ).scalar()
            return int(found) if found is not None else None

    def add(
        self,
        report: PublishedReport,
        themes: Sequence[ThemeSuggestion],
        passage_themes: Sequence[Sequence[str]],
    ) -> int:
        """The report, its passages and themes in one transaction; returns its id."""
        with self._engine.begin() as conn:
            report_id = _new_id(
                conn.execute(
                    insert(report_table).values(
                        content_hash=report.content_hash,
                        file_name=report.file_name,
                        title=report.title,
                        year=report.year,
                        partnership=report.partnership,
                        review_type=report.review_type,
                        pages=report.pages,
                        status=report.status.value,
                        imported_at=report.imported_at,
                    )
                )
            )
            tagged: list[dict[str, Any]] = []
            for passage, passage_tags in zip(report.passages, passage_themes, strict=True):
                passage_id = _new_id(
                    conn.execute(
                        insert(passage_table).values(
                            report_id=report_id,
                            page=passage.page,
                            section=passage.section.value,
                            text=passage.text,
                        )
                    )
                )
                tagged += [{"passage_id": passage_id, "theme": t} for t in passage_tags]
            if tagged:
                conn.execute(insert(passage_theme_table), tagged)
            if themes:
                conn.execute(
                    insert(theme_table),
                    [
                        {
                            "report_id": report_id,
                            "theme": t.theme,
                            "kind": t.kind,
                            "score": t.score,
                            "evidence": t.evidence,
                            "state": "suggested",
                        }
                        for t in themes
                    ],
                )
            return report_id

    def reports(self) -> list[PublishedReport]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(report_table).order_by(report_table.c.year.desc(), report_table.c.title)
            )
            return [_report(row) for row in rows]

    def report(self, report_id: int, *, with_passages: bool = False) -> PublishedReport:
        with self._engine.connect() as conn:
            row = conn.execute(select(report_table).where(report_table.c.id == report_id)).first()
            if row is None:
                raise InvalidInputError("That published review is no longer in the library.")
            passages: tuple[Passage, ...] = ()
            if with_passages:
                c = passage_table.c
                passages = tuple(
                    Passage(p.page, Section(p.section), p.text, p.id)
                    for p in conn.execute(
                        select(passage_table).where(c.report_id == report_id).order_by(c.id)
                    )
                )
            return _report(row, passages)

    def describe(
        self, report_id: int, *, title: str, year: int | None, partnership: str, review_type: str
    ) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                update(report_table)
                .where(report_table.c.id == report_id)
                .values(title=title, year=year, partnership=partnership, review_type=review_type)
            )

    def remove(self, report_id: int) -> None:
        with self._engine.begin() as conn:
            passages = select(passage_table.c.id).where(passage_table.c.report_id == report_id)
            conn.execute(
                delete(passage_theme_table).where(passage_theme_table.c.passage_id.in_(passages))
            )
            conn.execute(delete(passage_table).where(passage_table.c.report_id == report_id))
            conn.execute(delete(theme_table).where(theme_table.c.report_id == report_id))
            conn.execute(delete(report_table).where(report_table.c.id == report_id))

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Passages matching an FTS5 query, best first (bm25), with a highlighted snippet."""
        if not query.fts:
            return []
        clauses = ["published_fts MATCH :q"]
        values: dict[str, Any] = {"q": query.fts, "limit": query.limit}
        if query.year_from is not None:
            clauses.append("r.year >= :year_from")
            values["year_from"] = query.year_from
        if query.year_to is not None:
            clauses.append("r.year <= :year_to")
            values["year_to"] = query.year_to
        if query.review_type:
            clauses.append("r.review_type = :review_type")
            values["review_type"] = query.review_type
        if query.theme:
            clauses.append(
                "EXISTS (SELECT 1 FROM published_passage_theme pt WHERE pt.passage_id = p.id "
                "AND pt.theme = :theme)"
            )
            values["theme"] = query.theme
        values |= {"start": MARK_START, "end": MARK_END}
        where = " AND ".join(clauses)  # fixed clauses only; every value is bound
        statement = text(
            "SELECT p.id AS passage_id, p.page, p.section, r.id AS report_id, r.title, r.year, "
            "r.partnership, r.review_type, "
            "snippet(published_fts, 0, :start, :end, '…', 24) AS snippet "
            "FROM published_fts JOIN published_passage p ON p.id = published_fts.rowid "
            "JOIN published_report r ON r.id = p.report_id "
            "WHERE " + where + " ORDER BY bm25(published_fts) LIMIT :limit"
        )
        with self._engine.connect() as conn:
            try:
                rows = conn.execute(statement, values).all()
            except Exception as exc:  # an FTS5 syntax error the query builder did not foresee
                raise InvalidInputError(
                    'That search could not be run: use words, "phrases in quotes" and NEAR.'
                ) from exc
        return [
            SearchHit(
                report_id=row.report_id,
                title=row.title,
                year=row.year,
                partnership=row.partnership,
                review_type=row.review_type,
                page=row.page,
                section=Section(row.section),
                snippet=row.snippet,
                passage_id=row.passage_id,
            )
            for row in rows
        ]

    def themes(self, report_id: int | None = None) -> list[StoredTheme]:
        statement = select(theme_table).order_by(
            theme_table.c.report_id, theme_table.c.score.desc(), theme_table.c.theme
        )
        if report_id is not None:
            statement = statement.where(theme_table.c.report_id == report_id)
        with self._engine.connect() as conn:
            return [
                StoredTheme(r.report_id, r.theme, r.kind, r.score, r.evidence, r.state)
                for r in conn.execute(statement)
            ]

    def set_theme_state(self, report_id: int, theme: str, state: str) -> None:
        if state not in STATES:
            raise InvalidInputError(f"A theme is suggested, confirmed or rejected, not '{state}'.")
        with self._engine.begin() as conn:
            conn.execute(
                update(theme_table)
                .where(theme_table.c.report_id == report_id, theme_table.c.theme == theme)
                .values(state=state)
            )
