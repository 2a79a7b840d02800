"""Learning across reviews: importing learning datasets through the gate, and the collation
they make, kept in the reviewer's learning library when it is open.

Each file is read and checked on its own: any error of any kind refuses that file with a plain
reason and costs no other file anything. Each dataset in a readable file passes the gate
(`reviewer_app.learning.checks`) or is quarantined with a message naming the file, the dataset,
the finding and the field, never the text. What passes is held (the same content once; an id
reused with other findings held too and flagged) and, with the library open, kept there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer_app.errors import UserFacingError
from reviewer_app.learning.checks import problems_of, valid_id
from reviewer_app.learning.collation import Collation, CollationFilter, HeldDataset
from reviewer_app.learning.dataset import LearningDataset, read_datasets
from reviewer_app.learning.repository import CollationStore
from reviewer_app.learning.themes import MergeSuggestion, ThemeMerges
from reviewer_app.new_files import write_new_atomic

log = logging.getLogger(__name__)

MAX_DATASET_FILE_BYTES = 20 * 1024 * 1024
#: Refusals listed on the first screen of a summary; the rest are counted ("…and 12 more").
FIRST_SCREEN = 8


@dataclass(frozen=True, slots=True)
class Refusal:
    """A file that could not be read, or a dataset in it the gate kept out (quarantined)."""

    file_name: str
    reason: str
    quarantined: bool = False

    def describe(self) -> str:
        return f"'{self.file_name}': {self.reason}"


@dataclass(frozen=True, slots=True)
class CollationImport:
    added: int
    duplicates: tuple[str, ...] = ()  # one note per dataset skipped as already held
    flagged: tuple[str, ...] = ()  # one note per dataset kept but flagged
    refused: tuple[Refusal, ...] = ()

    @property
    def summary(self) -> str:
        parts = [f"{self.added} review{'s' if self.added != 1 else ''} added"]
        if self.duplicates:
            n = len(self.duplicates)
            parts.append(f"{n} already held (skipped)")
        if self.flagged:
            n = len(self.flagged)
            parts.append(f"{n} flagged for a reused id")
        quarantined = sum(1 for r in self.refused if r.quarantined)
        unreadable = len(self.refused) - quarantined
        if quarantined:
            parts.append(f"{quarantined} kept out by the anonymisation check")
        if unreadable:
            parts.append(f"{unreadable} file{'s' if unreadable != 1 else ''} refused")
        return ", ".join(parts) + "."

    def lines(self, limit: int = FIRST_SCREEN) -> list[str]:
        """What to show: every refusal and note up to `limit`, then "…and N more"."""
        every = [r.describe() for r in self.refused] + list(self.flagged) + list(self.duplicates)
        if len(every) <= limit:
            return every
        return [*every[:limit], f"…and {len(every) - limit} more"]


@dataclass(frozen=True, slots=True)
class ReadDatasets:
    """What reading some files found: the datasets that passed the gate, and the refusals."""

    held: tuple[HeldDataset, ...]
    refused: tuple[Refusal, ...]


def refusals_csv(refusals: Iterable[Refusal]) -> str:
    """The refusals as CSV (file, what happened, reason) for the collator's records."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["file", "what happened", "reason"])
    for r in refusals:
        writer.writerow(
            [r.file_name, "kept out (quarantined)" if r.quarantined else "refused", r.reason]
        )
    return out.getvalue()


def _short_id(dataset: LearningDataset) -> str:
    """How a message names a dataset: by its id only if the id has the shape this app writes
    (an id is text from the file, and could hold anything)."""
    if not dataset.dataset_id:
        return "a dataset with no id"
    if not valid_id(dataset.dataset_id):
        return "a dataset with an id this app does not write"
    return f"dataset {dataset.dataset_id[:12]}"


def read_dataset_file(path: Path) -> tuple[list[LearningDataset], list[Refusal]]:
    """The datasets in one file, or the reason it is refused. Never raises."""
    name = path.name
    try:
        if path.stat().st_size > MAX_DATASET_FILE_BYTES:
            return [], [Refusal(name, "too big to be a learning dataset (over 20 MB).")]
        text = path.read_bytes().decode("utf-8")
        datasets = read_datasets(text, name)
        if not datasets:
            return [], [Refusal(name, "holds no learning dataset (nothing under its headings).")]
        return datasets, []
    except UnicodeDecodeError:
        return [], [Refusal(name, "not a UTF-8 text file.")]
    except UserFacingError as exc:
        return [], [Refusal(name, _reason(str(exc), name))]
    except OSError as exc:
        return [], [Refusal(name, f"could not be read ({exc.strerror or 'an error'}).")]
    except Exception as exc:  # any other failure refuses this file only
        log.info("a learning dataset file could not be read: %s", type(exc).__name__)
        return [], [Refusal(name, "could not be read as a learning dataset.")]


def gate(
    found: Sequence[tuple[str, LearningDataset]],
) -> tuple[list[tuple[str, LearningDataset]], list[Refusal]]:
    """(file name, dataset) pairs split into those that pass the checks and the refusals of
    those that do not (quarantined, naming the dataset, the finding and the field)."""
    passed: list[tuple[str, LearningDataset]] = []
    refused: list[Refusal] = []
    for (name, dataset), problems in zip(found, problems_of([d for _n, d in found]), strict=True):
        if problems:
            listed = "; ".join(p.describe() for p in problems[:5])
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            refused.append(Refusal(name, f"{_short_id(dataset)}: {listed}{more}.", True))
        else:
            passed.append((name, dataset))
    return passed, refused


def _reason(message: str, name: str) -> str:
    """A read error's message without the file name it starts with (the refusal names it)."""
    prefix = f"'{name}' is "
    return message[len(prefix) :] if message.startswith(prefix) else message


class CollationService:
    """The collation, and what the collator does to it. With `store` (the open learning
    library) everything is kept; without, it lasts as long as the window."""

    def __init__(
        self,
        store: CollationStore | None = None,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        published: Callable[[CollationFilter], Counter[str]] | None = None,
    ) -> None:
        self.store = store
        self._now = now
        self._published = published
        if store is not None:
            self.collation = Collation(store.held(), merges=ThemeMerges(store.merges()))
            self.dismissed = store.dismissed()
        else:
            self.collation = Collation()
            self.dismissed = set()

    @property
    def kept(self) -> bool:
        """Whether the collation is kept in the learning library."""
        return self.store is not None

    # -- datasets --------------------------------------------------------------------------
    def import_files(self, paths: Sequence[Path]) -> CollationImport:
        """Read, check and hold every dataset of every file; a bad file or dataset is refused
        with its reason and the rest are held."""
        return self.hold(self.read_files(paths))

    def read_files(self, paths: Sequence[Path]) -> ReadDatasets:
        """Read and check every file (the slow part, safe on a worker thread: it touches
        neither the collation nor the library)."""
        stamp = self._now().isoformat(timespec="seconds")
        found: list[tuple[str, LearningDataset]] = []
        refused: list[Refusal] = []
        for path in paths:
            datasets, refusals = read_dataset_file(path)
            refused += refusals
            found += [(path.name, d) for d in datasets]
        passed, quarantined = gate(found)
        held = [HeldDataset(d, file_name=name, imported_at=stamp) for name, d in passed]
        return ReadDatasets(tuple(held), (*refused, *quarantined))

    def hold(self, read: ReadDatasets) -> CollationImport:
        """Hold what `read_files` passed (on the thread that owns the collation)."""
        return self._hold(list(read.held), read.refused)

    def add(self, datasets: Iterable[LearningDataset], file_name: str = "") -> CollationImport:
        """Hold datasets made in this app: they pass the same gate as an imported file (a
        dataset made here passed it when exported, but the gate costs little and never trusts)."""
        stamp = self._now().isoformat(timespec="seconds")
        passed, quarantined = gate([(file_name, d) for d in datasets])
        held = [HeldDataset(d, file_name=name, imported_at=stamp) for name, d in passed]
        named = (replace(r, file_name=r.file_name or "made in this app") for r in quarantined)
        return self._hold(held, tuple(named))

    def _hold(self, held: list[HeldDataset], refused: tuple[Refusal, ...]) -> CollationImport:
        result = self.collation.add(held)
        if self.store is not None and result.added:
            try:
                self.store.add(result.added)
            except Exception:  # not kept (the library was closed, say): not held either
                for h in result.added:
                    self.collation.remove(h.key)
                raise
        duplicates = tuple(
            f"'{new.file_name}': {_short_id(new.dataset)} holds the same findings as one "
            f"already imported{f' from {old.file_name!r}' if old.file_name else ''} (skipped)."
            for new, old in result.duplicates
        )
        flagged = tuple(
            f"'{h.file_name}': {_short_id(h.dataset)} {h.flag}." for h in result.flagged
        )
        return CollationImport(len(result.added), duplicates, flagged, refused)

    # Each change below is kept in the library first and made in the window only once it is
    # kept: with the library closed meanwhile, the change is refused and nothing changes.

    def remove(self, key: str) -> HeldDataset | None:
        if self.store is not None and any(h.key == key for h in self.collation.held):
            self.store.remove(key)
        return self.collation.remove(key)

    def clear(self) -> None:
        if self.store is not None:
            self.store.clear()
        self.collation.clear()

    def set_filter(self, chosen: CollationFilter) -> None:
        self.collation.filter = chosen

    # -- themes ----------------------------------------------------------------------------
    def published_by_theme(self) -> dict[str, int] | None:
        """For each theme group, how many published reviews in the library have that theme
        (confirmed, or suggested and not rejected), within the filter's years and types of
        review (published reviews have no age band, region or stage to filter by); None
        without the library, or once it is closed."""
        if self._published is None:
            return None
        try:
            published = self._published(self.collation.filter)
        except UserFacingError:  # the library was closed since the window opened
            return None
        counts: Counter[str] = Counter()
        for theme, n in published.items():
            counts[self.collation.theme_group_key(theme)] += n
        return dict(counts)

    def suggestions(self) -> list[MergeSuggestion]:
        return self.collation.merge_suggestions(self.dismissed)

    def merge(self, variant: str, into: str) -> None:
        changed = ThemeMerges(dict(self.collation.merges.items()))
        changed.merge(variant, into)
        self._keep_merges(changed)

    def unmerge(self, variant: str) -> None:
        changed = ThemeMerges(dict(self.collation.merges.items()))
        changed.unmerge(variant)
        self._keep_merges(changed)

    def dismiss(self, suggestion: MergeSuggestion) -> None:
        if self.store is not None:
            self.store.dismiss(suggestion.variant, suggestion.into)
        self.dismissed.add((suggestion.variant, suggestion.into))

    def _keep_merges(self, changed: ThemeMerges) -> None:
        if self.store is not None:
            self.store.save_merges(dict(changed.items()))
        self.collation.merges = changed

    def export_merges(self, path: Path, *, overwrite: bool = False) -> Path:
        write_new_atomic(path, self.collation.merges.to_json().encode("utf-8"), replace=overwrite)
        return path

    def import_merges(self, path: Path) -> int:
        """Add the merges in a shared file; returns how many were added."""
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserFacingError(f"'{path.name}' is not a UTF-8 text file.") from exc
        except OSError as exc:
            raise UserFacingError(f"'{path.name}' could not be read ({exc.strerror}).") from exc
        shared = ThemeMerges.from_json(text, path.name)
        before = len(self.collation.merges)
        changed = ThemeMerges(dict(self.collation.merges.items()))
        for variant, into in shared.items():
            changed.merge(variant, into)
        self._keep_merges(changed)
        return len(changed) - before

    def write_refusals(self, refusals: Iterable[Refusal], path: Path) -> Path:
        write_new_atomic(path, refusals_csv(refusals).encode("utf-8"), replace=True)
        return path
