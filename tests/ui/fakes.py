"""In-memory stand-ins for `ReviewFiles` and `OpenReview`: the window's tests need no real files.

They follow the protocol's contract where the window can notice it: the same errors (and
messages) for a wrong passphrase or code, a refusal to create over an existing path, a weak
passphrase refused, and a closed review that can no longer be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.chronology.repository import (
    EntryFilter,
    ImportBatch,
    Progress,
    SameEventDecision,
)
from reviewer_app.errors import (
    RecoveryCodeTypoError,
    ReviewExistsError,
    ReviewLockedError,
    ReviewNotFoundError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from reviewer_app.passphrases import require_acceptable
from reviewer_app.repositories import CreatedReview, KeyringNotice
from reviewer_app.review import Review
from tests.helpers.secrets_watch import register

NO_KEYRING = KeyringNotice(
    False,
    "This computer has no secure keyring available, so SCR Reviewer cannot remember "
    "passphrases here. Your reviews are just as safe: you will type the passphrase each time.",
)
KEYRING = KeyringNotice(True)


def fake_code(number: int) -> str:
    """A recovery-code-shaped string: fourteen groups of four."""
    letters = "ABCDEFGHJKMNPQRSTVWXYZ"
    groups = [
        f"{letters[(number + i) % len(letters)]}{(number * 37 + i) % 1000:03d}" for i in range(14)
    ]
    return register("-".join(groups))


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class FakeChronology:
    """An in-memory `ChronologyRepository`: enough for the window to show an empty or small
    chronology (search is a plain substring match, not FTS)."""

    def __init__(self) -> None:
        self._agencies: list[Agency] = []
        self._entries: dict[int, ChronologyEntry] = {}
        self._batches: list[ImportBatch] = []
        self._decisions: list[SameEventDecision] = []
        self._dob: dt.date | None = None
        self._next = 1

    def _id(self) -> int:
        self._next += 1
        return self._next

    def agencies(self) -> list[Agency]:
        return sorted(self._agencies, key=lambda a: a.name.lower())

    def add_agency(self, agency: Agency) -> Agency:
        stored = replace(agency, id=self._id())
        self._agencies.append(stored)
        return stored

    def agency_named(self, name: str) -> Agency | None:
        return next((a for a in self._agencies if a.name.lower() == name.lower()), None)

    def remove_unused_agency(self, agency_id: int) -> None:
        used = any(e.agency_id == agency_id for e in self._entries.values()) or any(
            b.agency_id == agency_id for b in self._batches
        )
        if not used:
            self._agencies = [a for a in self._agencies if a.id != agency_id]

    def entries(self) -> list[ChronologyEntry]:
        return sorted(self._entries.values(), key=lambda e: e.sort_key)

    def entry(self, entry_id: int) -> ChronologyEntry:
        return self._entries[entry_id]

    def count(self) -> int:
        return len(self._entries)

    def add(self, entry: ChronologyEntry) -> ChronologyEntry:
        stored = entry.with_changes(id=self._id())
        self._entries[stored.id or 0] = stored
        return stored

    def add_many(self, entries: Sequence[ChronologyEntry]) -> list[int]:
        return [self.add(e).id or 0 for e in entries]

    def update(self, entry: ChronologyEntry) -> None:
        self._entries[entry.id or 0] = entry

    def delete(self, entry_id: int) -> None:
        self._entries.pop(entry_id, None)

    def search(self, query: EntryFilter) -> list[int]:
        words = query.text.lower().split()
        return [
            e.id or 0
            for e in self.entries()
            if all(w in f"{e.source} {e.event} {e.outcome} {e.comment}".lower() for w in words)
            and (not query.agency_ids or e.agency_id in query.agency_ids)
        ]

    def batches(self) -> list[ImportBatch]:
        return list(self._batches)

    def add_batch(
        self,
        batch: ImportBatch,
        entries: Sequence[ChronologyEntry],
        replaces: int | None = None,
        progress: Progress | None = None,
    ) -> ImportBatch:
        if replaces is not None:
            self.remove_batch(replaces)
        stored = replace(batch, id=self._id())
        self._batches.append(stored)
        for e in entries:
            self.add(replace(e, provenance=e.provenance.with_batch(stored.id)))
        return stored

    def remove_batch(self, batch_id: int) -> int:
        gone = [i for i, e in self._entries.items() if e.provenance.batch_id == batch_id]
        for i in gone:
            del self._entries[i]
        self._batches = [b for b in self._batches if b.id != batch_id]
        return len(gone)

    def same_event_decisions(self) -> list[SameEventDecision]:
        return list(self._decisions)

    def decide_same_event(self, decision: SameEventDecision) -> None:
        self._decisions.append(decision)

    def subject_date_of_birth(self) -> dt.date | None:
        return self._dob

    def set_subject_date_of_birth(self, date_of_birth: dt.date | None) -> None:
        self._dob = date_of_birth


@dataclass
class StoredReview:
    details: Review
    passphrase: str
    code: str
    remembered: bool = False
    chronology: FakeChronology = field(default_factory=FakeChronology)


class FakeDetails:
    def __init__(self, owner: FakeOpenReview) -> None:
        self.owner = owner
        self.loads = 0

    def load(self) -> Review:
        self.owner.require_open()
        self.loads += 1
        return self.owner.stored.details

    def save(self, details: Review) -> None:
        self.owner.require_open()
        self.owner.stored.details = details


class FakeOpenReview:
    def __init__(self, files: FakeReviewFiles, path: Path, stored: StoredReview) -> None:
        self.files = files
        self._path = path
        self.stored = stored
        self.closed = False
        self._details = FakeDetails(self)
        self.backups: list[Path] = []

    def require_open(self) -> None:
        if self.closed:
            raise ReviewLockedError("The review is locked. Unlock it to carry on.")

    @property
    def path(self) -> Path:
        return self._path

    @property
    def details(self) -> FakeDetails:
        return self._details

    @property
    def chronology(self) -> FakeChronology:
        self.require_open()
        return self.stored.chronology

    def change_passphrase(self, new_passphrase: str) -> str:
        self.require_open()
        require_acceptable(new_passphrase)
        self.stored.passphrase = new_passphrase
        self.stored.code = self.files.next_code()
        return self.stored.code

    def remember_on_this_computer(self) -> KeyringNotice:
        self.require_open()
        if self.files.keyring.available:
            self.stored.remembered = True
        return self.files.keyring

    def forget_on_this_computer(self) -> None:
        self.stored.remembered = False

    def verify(self) -> list[str]:
        self.require_open()
        return []

    def backup_to(self, target: Path) -> None:
        self.require_open()
        self.backups.append(target)

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeReviewFiles:
    keyring: KeyringNotice = KEYRING
    stored: dict[Path, StoredReview] = field(default_factory=dict)
    created: list[tuple[Path, Review, bool]] = field(default_factory=list)
    opened: list[FakeOpenReview] = field(default_factory=list)
    open_attempts: int = 0
    codes_made: int = 0

    def next_code(self) -> str:
        self.codes_made += 1
        return fake_code(self.codes_made)

    def add(self, path: Path, details: Review, passphrase: str, *, remembered: bool = False) -> str:
        """A review that already exists (as if made earlier); returns its recovery code."""
        code = self.next_code()
        self.stored[path] = StoredReview(details, passphrase, code, remembered)
        return code

    def _open(self, path: Path) -> FakeOpenReview:
        review = FakeOpenReview(self, path, self.stored[path])
        self.opened.append(review)
        return review

    def keyring_status(self) -> KeyringNotice:
        return self.keyring

    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedReview:
        require_acceptable(passphrase)
        if path in self.stored or path.exists():
            raise ReviewExistsError(
                f"There is already a file at '{path}'. Choose another name: an existing file "
                "is never replaced."
            )
        self.created.append((path, details, remember))
        code = self.add(path, details, passphrase)
        review = self._open(path)
        notice = self.keyring
        if remember:
            notice = review.remember_on_this_computer()
        return CreatedReview(review, code, notice)

    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> FakeOpenReview:
        self.open_attempts += 1
        stored = self._existing(path)
        if code is not None:
            if len(_normalise(code)) != 56:
                raise RecoveryCodeTypoError(
                    "A recovery code has 56 letters and digits in groups of four. Please check "
                    "it against your printed copy."
                )
            if _normalise(code) != _normalise(stored.code):
                raise WrongRecoveryCodeError(f"That recovery code does not open '{path.name}'.")
        elif passphrase != stored.passphrase:
            raise WrongPassphraseError(
                f"That passphrase does not open '{path.name}'. Please check it and try again."
            )
        return self._open(path)

    def open_remembered(self, path: Path) -> FakeOpenReview | None:
        stored = self._existing(path)
        return self._open(path) if stored.remembered and self.keyring.available else None

    def _existing(self, path: Path) -> StoredReview:
        if path not in self.stored:
            raise ReviewNotFoundError(f"There is no file at '{path}'. Check the folder.")
        return self.stored[path]
