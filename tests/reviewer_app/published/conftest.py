"""A fresh learning library for each published-review test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer_app.services.published import PublishedLibrary
from storage.keyring_store import KeyringStore
from storage.learning_library import StoredLearningLibrary
from tests.helpers.reviews import MemoryKeyring
from tests.helpers.secrets_watch import PASSPHRASE, register


@pytest.fixture
def library(tmp_path: Path) -> Iterator[PublishedLibrary]:
    access = StoredLearningLibrary(
        tmp_path / "learning.library", None, KeyringStore(MemoryKeyring())
    )
    register(access.create(PASSPHRASE).recovery_code)
    store = access.published
    assert store is not None
    yield PublishedLibrary(store)
    access.close()
