"""`ReviewFiles` and `OpenReview` for real: review files, the keyring and backups wired together.

Automatic backups: when a review is opened and its newest automatic backup is more than 12
hours old (or it has none), one is taken, holding the review as it was when opened: a read
transaction is pinned as the file opens and the copy is made from it on a background thread,
so the reviewer does not wait for it (closing, locking or changing the passphrase waits for it
to finish; an interrupted copy never reaches the backups' place, see `storage/backups.py`).
When a review is closed or locked after changes, one is taken if the newest is more than 12
hours old, or if the review had none when this session began: so the first automatic backup of
a new review (and of one made from JSON) holds what was put in it, not an empty shell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
import threading
from pathlib import Path

from reviewer_app.actions.model import ActionPlanRepository
from reviewer_app.analysis.published_evidence import PublishedEvidenceRepository
from reviewer_app.analysis.repository import AnalysisRepository
from reviewer_app.anonymisation.decisions import DecisionStore
from reviewer_app.chronology.repository import ChronologyRepository
from reviewer_app.chronology.requests import RequestRepository
from reviewer_app.drafts.model import DraftsRepository
from reviewer_app.drafts.sign_off import SignOffRepository
from reviewer_app.errors import DamagedReviewError, UserFacingError, WrongPassphraseError
from reviewer_app.learning.repository import AttachedNotesRepository
from reviewer_app.passphrases import require_acceptable
from reviewer_app.people.repository import PeopleRepository
from reviewer_app.quality.repository import QualityRepository
from reviewer_app.reporting.log import ReviewLog
from reviewer_app.reporting.sections import ReportTextRepository
from reviewer_app.repositories import CreatedReview, ReviewDetailsRepository
from reviewer_app.review import Review
from reviewer_app.review_file import KeyringNotice
from reviewer_app.timetable.rapid_review import RapidReviewRepository
from reviewer_app.timetable.repository import TimetableRepository
from storage.action_plan_repository import SqlActionPlan
from storage.analysis_repository import SqlAnalysis
from storage.anonymisation_repository import SqlDecisionStore
from storage.attached_notes_repository import SqlAttachedNotes
from storage.backups import BackupStore
from storage.chronology_repository import SqlChronology
from storage.connection import precheck
from storage.drafts_repository import SqlDrafts
from storage.finding_evidence_repository import SqlFindingEvidence
from storage.keyring_store import KeyringStore
from storage.keys import file_id, read_salt
from storage.people_repository import SqlPeople
from storage.quality_repository import SqlQuality
from storage.rapid_review_repository import SqlRapidReview
from storage.report_sections_repository import SqlReportText
from storage.reporting_repository import SqlReviewLog
from storage.request_repository import SqlRequests
from storage.review_file import ReviewFile
from storage.review_repository import SqlReviewDetails
from storage.sign_off_repository import SqlSignOff
from storage.timetable_repository import SqlTimetable

log = logging.getLogger(__name__)

AUTOMATIC_BACKUP_INTERVAL = dt.timedelta(hours=12)


#: How long the open-time backup waits for the window to say the review is on screen before it
#: starts anyway (the command line never says so; closing the review starts it at once).
BACKUP_HOLD_SECONDS = 10.0


def _yield_to_the_window() -> None:
    """Lower this thread's scheduling priority where the system allows it per thread (Linux):
    the background backup then gives way to reading and painting the review. Elsewhere it is
    left as it is."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


class StoredReview:
    """Implements `reviewer_app.repositories.OpenReview` over a `ReviewFile`."""

    def __init__(
        self,
        file: ReviewFile,
        keyring: KeyringStore,
        backups: BackupStore,
        *,
        first_backup_due: bool = False,
    ) -> None:
        self.file = file
        self._keyring = keyring
        self._backups = backups
        #: The review had no automatic backup when this session began: one is taken at close
        #: if anything was written, so the first one holds the review's content.
        self._first_backup_due = first_backup_due
        self._backup: threading.Thread | None = None  # the open-time backup, while it runs
        self._backup_may_start = threading.Event()  # set once the review is on screen
        self._details = SqlReviewDetails(lambda: file.engine)
        self._chronology = SqlChronology(lambda: file.engine)
        self._people = SqlPeople(lambda: file.engine)
        self._analysis = SqlAnalysis(lambda: file.engine)
        self._quality = SqlQuality(lambda: file.engine)
        self._timetable = SqlTimetable(lambda: file.engine)
        self._rapid_review = SqlRapidReview(lambda: file.engine)
        self._requests = SqlRequests(lambda: file.engine)
        self._drafts = SqlDrafts(lambda: file.engine)
        self._sign_off = SqlSignOff(lambda: file.engine)
        self._action_plan = SqlActionPlan(lambda: file.engine)
        self._log = SqlReviewLog(lambda: file.engine)
        self._learning_notes = SqlAttachedNotes(lambda: file.engine)
        self._published_evidence = SqlFindingEvidence(lambda: file.engine)
        self._decisions = SqlDecisionStore(lambda: file.engine)
        self._report_text = SqlReportText(lambda: file.engine)

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def details(self) -> ReviewDetailsRepository:
        return self._details

    @property
    def chronology(self) -> ChronologyRepository:
        return self._chronology

    @property
    def people(self) -> PeopleRepository:
        return self._people

    @property
    def analysis(self) -> AnalysisRepository:
        return self._analysis

    @property
    def quality(self) -> QualityRepository:
        return self._quality

    @property
    def timetable(self) -> TimetableRepository:
        return self._timetable

    @property
    def rapid_review(self) -> RapidReviewRepository:
        return self._rapid_review

    @property
    def requests(self) -> RequestRepository:
        return self._requests

    @property
    def drafts(self) -> DraftsRepository:
        return self._drafts

    @property
    def sign_off(self) -> SignOffRepository:
        return self._sign_off

    @property
    def action_plan(self) -> ActionPlanRepository:
        return self._action_plan

    @property
    def log(self) -> ReviewLog:
        return self._log

    @property
    def learning_notes(self) -> AttachedNotesRepository:
        return self._learning_notes

    @property
    def published_evidence(self) -> PublishedEvidenceRepository:
        return self._published_evidence

    @property
    def decisions(self) -> DecisionStore:
        return self._decisions

    @property
    def report_text(self) -> ReportTextRepository:
        return self._report_text

    def change_passphrase(self, new_passphrase: str) -> str:
        self.wait_for_backup()  # backups follow the key: the new one must be among them
        return self.file.change_passphrase(new_passphrase, self._keyring)

    def unshown_recovery_code(self) -> str | None:
        return self.file.unshown_recovery_code()

    def recovery_code_shown(self) -> None:
        self.file.recovery_code_shown()

    def damaged_error(self) -> DamagedReviewError:
        return self.file.damaged_error()

    def remember_on_this_computer(self) -> KeyringNotice:
        status = self.file.remember_key(self._keyring)
        return KeyringNotice(status.available, status.notice)

    def forget_on_this_computer(self) -> None:
        self._keyring.forget(self.file.file_id)

    def verify(self) -> list[str]:
        return self.file.verify()

    def backup_to(self, target: Path) -> None:
        self.file.backup_to(target)

    def _newest_automatic(self) -> dt.datetime | None:
        newest = next(
            (b for b in self._backups.list(self.file.file_id) if b.reason == "automatic"), None
        )
        return newest.taken if newest is not None else None

    def _due(self) -> bool:
        newest = self._newest_automatic()
        return newest is None or dt.datetime.now(dt.UTC) - newest >= AUTOMATIC_BACKUP_INTERVAL

    def take_automatic_backup_if_due(self) -> Path | None:
        if not self._due():
            return None
        return self.file.take_backup(self._backups)

    def start_automatic_backup_if_due(self) -> bool:
        """Take the automatic backup if due, on a background thread, of the review as it is now
        (a pinned read transaction); True if one was started (in a synced or network folder,
        where the file has no write-ahead log, it is taken before this returns). The copy waits
        until the review is on screen (`shown`, or `BACKUP_HOLD_SECONDS` at most), so it never
        competes with reading and painting it. A copy that fails is logged and leaves nothing
        behind; damage it finds is reported when the review is next used."""
        if self._backup is not None or not self._due():
            return False
        source = self.file.pinned_snapshot()
        if str(source.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            # With the rollback journal (a synced or network folder) a pinned reader would hold
            # writers off for the whole copy: it is taken now, as the review opens.
            try:
                self.file.take_backup(self._backups, source=source)
            finally:
                source.close()
            return False

        def take() -> None:
            self._backup_may_start.wait(BACKUP_HOLD_SECONDS)
            _yield_to_the_window()
            try:
                self.file.take_backup(self._backups, source=source)
            except (UserFacingError, OSError) as exc:
                log.warning("the automatic backup at open was not taken (%s)", type(exc).__name__)
            finally:
                source.close()

        self._backup = threading.Thread(target=take, name="automatic backup", daemon=True)
        self._backup.start()
        return True

    def shown(self) -> None:
        """The review is on screen: the open-time backup may start."""
        self._backup_may_start.set()

    def wait_for_backup(self) -> None:
        """Return once the open-time backup (if any is running) has finished (started now if
        it was still waiting for the review to be shown)."""
        self._backup_may_start.set()
        running, self._backup = self._backup, None
        if running is not None:
            running.join()

    def close(self) -> None:
        """Close the review, first taking an automatic backup if this session's changes are
        due one (a backup that cannot be taken never stops the review closing)."""
        self.wait_for_backup()
        try:
            file = self.file
            changed = file.is_open and file.written and not file.is_damaged
            if changed and (self._first_backup_due or self._due()):
                file.take_backup(self._backups)
                self._first_backup_due = False
        except (UserFacingError, OSError) as exc:
            log.warning("the automatic backup at close was not taken (%s)", type(exc).__name__)
        finally:
            self.file.close()


class StoredReviewFiles:
    """Implements `reviewer_app.repositories.ReviewFiles`."""

    def __init__(self, backups: BackupStore, keyring: KeyringStore | None = None) -> None:
        self.backups = backups
        self.keyring = keyring if keyring is not None else KeyringStore()

    def keyring_status(self) -> KeyringNotice:
        status = self.keyring.status()
        return KeyringNotice(status.available, status.notice)

    def _wrap(self, file: ReviewFile) -> StoredReview:
        """An opened file as a review, with its automatic backup taken first if due."""
        stored = StoredReview(file, self.keyring, self.backups)
        try:
            stored._first_backup_due = stored._newest_automatic() is None
            stored.start_automatic_backup_if_due()
        except BaseException:
            file.close()
            raise
        return stored

    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedReview:
        """A new review. No backup yet: the first is taken when it is closed with content."""
        require_acceptable(passphrase, (details.title, details.board, path.stem))
        file, code = ReviewFile.create(path, details, passphrase, self.backups)
        notice = self.keyring_status()
        if remember:
            status = file.remember_key(self.keyring)
            notice = KeyringNotice(status.available, status.notice)
        stored = StoredReview(file, self.keyring, self.backups, first_backup_due=True)
        return CreatedReview(stored, code, notice)

    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> StoredReview:
        file = ReviewFile.open(path, passphrase=passphrase, code=code, backups=self.backups)
        return self._wrap(file)

    def open_remembered(self, path: Path) -> StoredReview | None:
        """Open with the key this computer remembers, or None (then ask for the passphrase)."""
        try:
            salt = precheck(path)
        except DamagedReviewError:  # cut short: opening says so, with a backup to offer
            salt = read_salt(path)
        key = self.keyring.recall(file_id(salt))
        if key is None:
            return None
        try:
            file = ReviewFile.open(path, key=key, backups=self.backups)
        except WrongPassphraseError:
            log.info("a remembered key no longer opens its review; forgetting it")
            self.keyring.forget(file_id(salt))
            return None
        return self._wrap(file)
