"""The SQLAlchemy engine over one review file.

A `creator` makes each pooled connection through `storage.connection.connect`, so the key is
applied in the connect hook and never appears in a URL. Transactions are begun explicitly
(`BEGIN`), the SQLAlchemy-documented way to get real SQLite transactions from pysqlite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from storage.connection import connect
from storage.keys import DatabaseKey


def make_engine(path: Path, key: DatabaseKey, salt: bytes) -> Engine:
    def creator() -> Any:
        return connect(path, key, salt)

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
        conn.exec_driver_sql("BEGIN")

    return engine
