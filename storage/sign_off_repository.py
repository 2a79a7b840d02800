"""Sign-off and publication of the report, in the review file.

Implements `reviewer_app.drafts.sign_off.SignOffRepository` with SQLAlchemy Core.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.sqlite import insert as upsert

from reviewer_app.drafts.sign_off import Publication, Signatory, SignOff
from storage.bound import EngineBound
from storage.schema import publication as publication_table
from storage.schema import sign_off as sign_off_table

_SIGNATORIES = {s.value: s for s in Signatory}


class SqlSignOff(EngineBound):
    def sign_offs(self) -> list[SignOff]:
        t = sign_off_table
        with self._engine.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.signed_on, t.c.id)).all()
        return [
            SignOff(
                _SIGNATORIES.get(r.signatory, Signatory.BOARD),
                dt.date.fromisoformat(r.signed_on),
                r.name,
                r.version,
                r.note,
                r.id,
            )
            for r in rows
        ]

    def add_sign_off(self, sign_off: SignOff) -> SignOff:
        values = {
            "signatory": sign_off.signatory.value,
            "signed_on": sign_off.signed_on.isoformat(),
            "name": sign_off.name,
            "version": sign_off.version,
            "note": sign_off.note,
        }
        if sign_off.id is not None:
            values["id"] = sign_off.id
        with self._engine.begin() as conn:
            key = conn.execute(insert(sign_off_table).values(**values)).inserted_primary_key
        assert key is not None
        return SignOff(
            sign_off.signatory,
            sign_off.signed_on,
            sign_off.name,
            sign_off.version,
            sign_off.note,
            int(key[0]),
        )

    def remove_sign_off(self, sign_off_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(sign_off_table).where(sign_off_table.c.id == sign_off_id))

    def publication(self) -> Publication | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(publication_table)).first()
        if row is None:
            return None
        return Publication(
            dt.date.fromisoformat(row.published_on), row.file_name, row.place, row.version, row.note
        )

    def save_publication(self, publication: Publication | None) -> None:
        with self._engine.begin() as conn:
            if publication is None:
                conn.execute(delete(publication_table))
                return
            values = {
                "published_on": publication.published_on.isoformat(),
                "file_name": publication.file_name,
                "place": publication.where,
                "version": publication.version,
                "note": publication.note,
            }
            statement = upsert(publication_table).values(id=1, **values)
            conn.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))
