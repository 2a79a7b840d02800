"""A small library of synthetic published reviews, and a review with a finding, for the tests
of published reviews linked to findings (issue 19, item 4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer_app.analysis.finding import Finding
from reviewer_app.paths import AppPaths
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.published import PublishedLibrary
from storage.keyring_store import KeyringStore
from storage.learning_library import StoredLearningLibrary
from tests.helpers.reviews import MemoryKeyring, new_services
from tests.helpers.secrets_watch import PASSPHRASE, register
from tests.reviewer_app.published.corpus import Made, make_corpus

COUNT = 6  # two of them planted with "Bruising in non-mobile babies" (seed 19)
THEME = "Bruising in non-mobile babies"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Made]:
    return make_corpus(tmp_path_factory.mktemp("published") / "reports", COUNT)


@pytest.fixture
def access(tmp_path: Path) -> Iterator[StoredLearningLibrary]:
    opened = StoredLearningLibrary(
        tmp_path / "learning.library", None, KeyringStore(MemoryKeyring())
    )
    register(opened.create(PASSPHRASE).recovery_code)
    yield opened
    opened.close()


@pytest.fixture
def library(access: StoredLearningLibrary, corpus: list[Made]) -> PublishedLibrary:
    store = access.published
    assert store is not None
    published = PublishedLibrary(store)
    published.import_files([m.path for m in corpus])
    return published


@pytest.fixture
def services(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    opened = new_services(tmp_path / "case.review", app_paths)
    yield opened
    opened.close()


def bruising_finding(services: ReviewServices) -> Finding:
    return services.analysis.save_finding(
        Finding("Bruising in a baby who cannot crawl was not referred.", theme=THEME)
    )


def with_theme(corpus: list[Made]) -> list[Made]:
    return [m for m in corpus if THEME in m.themes]
