"""The SQLAlchemy engine over one review file.

A `creator` makes each pooled connection through `storage.connection.connect`, so the key is
applied in the connect hook and never appears in a URL. Transactions are begun explicitly
(`BEGIN`), the SQLAlchemy-documented way to get real SQLite transactions from pysqlite.

Damage met by any query, in any repository, is turned here into the one error the file gives
for it (`on_damage`), and once the file is known to be damaged no transaction begins on it
(`refuse`): the app stops writing to a damaged file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from reviewer_app.errors import DamagedReviewError
from storage.connection import connect
from storage.damage import is_damage
from storage.keys import DatabaseKey

DamageHandler = Callable[[BaseException], BaseException]


def make_engine(
    path: Path,
    key: DatabaseKey,
    salt: bytes,
    *,
    on_damage: DamageHandler | None = None,
    refuse: Callable[[], None] | None = None,
    on_commit: Callable[[], None] | None = None,
) -> Engine:
    def creator() -> Any:
        try:
            return connect(path, key, salt)
        except (DamagedReviewError, sqlcipher3.DatabaseError) as exc:
            if on_damage is not None and (isinstance(exc, DamagedReviewError) or is_damage(exc)):
                raise on_damage(exc) from exc
            raise

    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher3.dbapi2,
        creator=creator,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        hide_parameters=True,  # errors must never carry case text into a log
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if refuse is not None:
            refuse()
        conn.exec_driver_sql("BEGIN")

    if on_commit is not None:

        @event.listens_for(engine, "commit")
        def _commit(conn: Any) -> None:
            on_commit()

    if on_damage is not None:

        @event.listens_for(engine, "handle_error")
        def _error(context: ExceptionContext) -> None:
            original = context.original_exception
            if isinstance(original, DamagedReviewError) or is_damage(original):
                raise on_damage(original) from original

    return engine
