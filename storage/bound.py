"""Repositories reach the engine through the open file, so a locked review fails loudly."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

EngineSource = Callable[[], Engine]


class EngineBound:
    def __init__(self, engine: EngineSource) -> None:
        self._engine_source = engine

    @property
    def _engine(self) -> Engine:
        return self._engine_source()
