"""The reviewer's text for the report's narrative sections, in the review file.

Implements `reviewer_app.reporting.sections.ReportTextRepository` with SQLAlchemy Core.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as upsert

from storage.bound import EngineBound
from storage.schema import report_section as table


class SqlReportText(EngineBound):
    def texts(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(table.c.key, table.c.text).order_by(table.c.key)).all()
        return {r.key: r.text for r in rows if r.text.strip()}

    def save_text(self, key: str, text: str) -> None:
        with self._engine.begin() as conn:
            if not text.strip():
                conn.execute(delete(table).where(table.c.key == key))
                return
            statement = upsert(table).values(key=key, text=text)
            conn.execute(
                statement.on_conflict_do_update(index_elements=["key"], set_={"text": text})
            )
