"""kill -9 at random moments of the real commands, run as a reviewer runs them (issue 14).

Each trial copies a prepared review (with its automatic backups) into a folder of its own,
starts `python -m reviewer_app COMMAND …`, waits until the command is at work on the file
(seen from outside: the review's `-wal` appearing, or a temporary file beside a target), waits a
random part of the time the command takes, and sends SIGKILL. Then, as the next run of the app
would, it checks:

- the review opens (with the old or the new passphrase) and passes every integrity check;
- nothing committed is lost, and an import is all or nothing, with no agency left without it;
- no target holds a partial file (it is absent, or whole and good);
- the recovery code in force has been shown, or the next open will show it;
- every backup the app lists opens with the key in force.

10 trials of each command in every run; 100 with `pytest --slow-crash` (see docs/security.md).
"""

from __future__ import annotations

import collections
import dataclasses
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry
from reviewer_app.new_files import is_partial
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage import recovery_code
from storage.backups import BackupStore, opens_with
from storage.connection import connect, integrity_problems
from storage.keyring_store import KeyringStore, NoKeyring
from storage.keys import DatabaseKey, derive_key, file_id, read_salt
from storage.library import StoredReviewFiles
from tests.helpers.secrets_watch import (
    LOG_ROOTS,
    NEW_PASSPHRASE,
    PASSPHRASE,
    register,
    scan_text,
)

ROOT = Path(__file__).resolve().parents[2]
BASE_ENTRIES = 300
IMPORT_ROWS = 3000
BIG_TEXT = 6 * 1024 * 1024  # makes copies take long enough to be killed part-way
BASE_AGENCY = "Base Agency"
NEW_AGENCY = "Newly Named Agency"
OLD_STAMP = "20000101T000000000000Z"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def trials(request: pytest.FixtureRequest) -> int:
    """10 per command; 100 with --slow-crash; KILL_TRIALS=N to choose (when investigating)."""
    chosen = 100 if request.config.getoption("--slow-crash") else 10
    return int(os.environ.get("KILL_TRIALS", chosen))


@dataclasses.dataclass(frozen=True)
class Base:
    review: Path
    home: Path
    salt: bytes
    old_key: DatabaseKey
    new_key: DatabaseKey
    csv: Path

    @property
    def old_code(self) -> str:
        return recovery_code.encode(self.old_key)

    @property
    def new_code(self) -> str:
        return recovery_code.encode(self.new_key)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """A closed review of BASE_ENTRIES entries and a large text, with three automatic backups
    (all recent, so opening takes none), and an agency's CSV of IMPORT_ROWS rows."""
    folder = tmp_path_factory.mktemp("kill-base")
    home = folder / "home"
    paths = AppPaths.under(home).ensure()
    files = StoredReviewFiles(BackupStore(paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    path = folder / "base.review"
    created = files.create(path, Review(title="Killed at random"), PASSPHRASE)
    register(created.recovery_code)
    review = created.review
    review.recovery_code_shown()
    review.details.save(Review(title="Killed at random", terms_of_reference="t" * BIG_TEXT))
    agency = review.chronology.add_agency(Agency(BASE_AGENCY, AgencyType.POLICE))
    assert agency.id is not None
    date = parse_uk_date("03/02/2015")
    review.chronology.add_many(
        [ChronologyEntry(agency.id, date, f"Log {n}", f"Visit {n}") for n in range(BASE_ENTRIES)]
    )
    review.file.take_backup(files.backups)
    review.file.take_backup(files.backups)
    review.close()  # the first automatic backup, with the content
    salt = read_salt(path)
    assert len(files.backups.list(file_id(salt))) == 3
    csv = folder / "agency.csv"
    lines = ["Date,Source,Details of contact,Action / Outcome"]
    lines += [f"03/02/2016,Row {n},Contact number {n},Advice given" for n in range(IMPORT_ROWS)]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    old_key, new_key = derive_key(PASSPHRASE, salt), derive_key(NEW_PASSPHRASE, salt)
    for key in (old_key, new_key):
        register(recovery_code.encode(key))
    return Base(path, home, salt, old_key, new_key, csv)


@dataclasses.dataclass
class Trial:
    folder: Path
    review: Path
    home: Path
    code: str
    stdout: str = ""
    killed: bool = False

    @property
    def backups(self) -> BackupStore:
        return BackupStore(AppPaths.under(self.home).backups)

    def files(self) -> StoredReviewFiles:
        return StoredReviewFiles(self.backups, KeyringStore(NoKeyring()))  # type: ignore[arg-type]


def _new_trial(base: Base, folder: Path) -> Trial:
    folder.mkdir()
    shutil.copytree(base.home, folder / "home")
    shutil.copyfile(base.review, folder / "r.review")
    LOG_ROOTS.add(folder / "home" / "log")
    return Trial(folder, folder / "r.review", folder / "home", base.old_code)


def _env(trial: Trial) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEWER_APP_")}
    env["REVIEWER_APP_HOME"] = str(trial.home)
    env["REVIEWER_APP_RECOVERY_CODE"] = trial.code  # the code opens it without a slow KDF
    env["REVIEWER_APP_NEW_PASSPHRASE"] = NEW_PASSPHRASE
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the real keyring
    return env


def _run(
    trial: Trial, args: list[str], started: Callable[[], bool], kill_after: float | None
) -> float:
    """Run the command; once `started()` is true, wait `kill_after` seconds and SIGKILL it
    (None: let it finish). Returns the seconds from the start signal to the end."""
    child = subprocess.Popen(
        [sys.executable, "-m", "reviewer_app", *args],
        cwd=ROOT,
        env=_env(trial),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not started() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    at = time.monotonic()
    if kill_after is not None:
        while child.poll() is None and time.monotonic() - at < kill_after:
            time.sleep(0.001)
        if child.poll() is None:
            child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
            trial.killed = True
    out, err = child.communicate(timeout=120)
    took = time.monotonic() - at
    scan_text(f"reviewer-app {args[0]} (kill trial) stderr", err)
    trial.stdout = out
    if not trial.killed:
        assert child.returncode == 0, err
    assert "unexpected problem" not in err and "Traceback" not in err
    return took


def _wal_of(path: Path) -> Callable[[], bool]:
    return lambda: Path(f"{path}-wal").exists()


def _partial_beside(target: Path) -> Callable[[], bool]:
    return lambda: any(is_partial(p) for p in target.parent.glob(f".{target.name}.*"))


# -- what every trial must leave ------------------------------------------------------------------


def _key_in_force(base: Base, trial: Trial) -> DatabaseKey:
    if opens_with(trial.review, base.old_key, base.salt):
        return base.old_key
    assert opens_with(trial.review, base.new_key, base.salt), "neither passphrase opens it"
    return base.new_key


def _check_review(base: Base, trial: Trial) -> tuple[int, set[str]]:
    """The review opens as the next run would open it, verifies, and has shown (or will show)
    its code; every listed backup opens with its key. Returns (entries, agencies)."""
    key = _key_in_force(base, trial)
    code = recovery_code.encode(key)
    review = trial.files().open(trial.review, code=code)  # settles what a kill left
    try:
        assert review.verify() == []
        if key is base.new_key:
            assert code in trial.stdout or review.unshown_recovery_code() == code
        else:
            assert review.unshown_recovery_code() is None
        with review.file.engine.connect() as conn:
            entries = conn.exec_driver_sql("SELECT count(*) FROM chronology_entry").scalar_one()
            agencies = {
                name: (used, batches)
                for name, used, batches in conn.exec_driver_sql(
                    "SELECT name, (SELECT count(*) FROM chronology_entry e WHERE e.agency_id = "
                    "a.id), (SELECT count(*) FROM import_batch b WHERE b.agency_id = a.id) "
                    "FROM agency a"
                )
            }
    finally:
        review.close()
    assert all(used or batches for used, batches in agencies.values()), "an orphan agency"
    listed = trial.backups.list(file_id(base.salt))
    assert len(listed) >= 3
    for info in listed:
        assert opens_with(info.path, key, base.salt), f"{info.path.name} does not follow the key"
    folder = trial.backups.folder(file_id(base.salt))
    assert not list(folder.glob("*.rekeyed")), "re-encrypted copies left unsettled"
    assert not [p for p in folder.iterdir() if is_partial(p)], "unfinished files left"
    return int(entries), set(agencies)


def _check_target(target: Path, key: DatabaseKey, salt: bytes, entries: int) -> None:
    """A target is absent, or a whole copy that opens, verifies and holds every entry."""
    if not target.exists():
        return
    with closing(connect(target, key, salt)) as conn:
        assert integrity_problems(conn) == []
        got = conn.execute("SELECT count(*) FROM chronology_entry").fetchone()[0]
    assert got == entries


def _trials(
    base: Base,
    tmp_path: Path,
    trials: int,
    args: Callable[[Trial], list[str]],
    started: Callable[[Trial], Callable[[], bool]],
    check: Callable[[Trial], None],
    seed: int,
    prepare: Callable[[Trial], None] = lambda trial: None,
    outcomes: collections.Counter[str] | None = None,
) -> tuple[int, int]:
    """Run one uninterrupted trial to time the command, then `trials` killed ones; returns
    (trials killed part-way, trials run). Each kill comes at a random moment of the time the
    command's work takes (the median of the runs that finished, so one slow run on a busy
    machine does not push the kills past the end)."""
    rng = random.Random(seed)
    first = _new_trial(base, tmp_path / "t0")
    prepare(first)
    durations = [_run(first, args(first), started(first), None)]
    check(first)
    killed = 0
    for n in range(1, trials + 1):
        window = statistics.median(durations)
        trial = _new_trial(base, tmp_path / f"t{n}")
        prepare(trial)
        took = _run(trial, args(trial), started(trial), rng.uniform(0.0, window * 1.1))
        if not trial.killed:
            durations.append(took)
        killed += trial.killed
        check(trial)
    assert killed >= trials // 3, f"only {killed} of {trials} runs were killed part-way"
    seen = f" ({dict(outcomes)})" if outcomes else ""
    print(f"\n{args(first)[0]}: {killed} of {trials} runs killed part-way{seen}; all checks held")
    return killed, trials + 1


# -- the commands ---------------------------------------------------------------------------------


def test_kill_during_import_chronology(base: Base, tmp_path: Path, trials: int) -> None:
    outcomes: collections.Counter[str] = collections.Counter()

    def check(trial: Trial) -> None:
        entries, agencies = _check_review(base, trial)
        if trial.killed and entries == BASE_ENTRIES:
            assert agencies == {BASE_AGENCY}
            outcomes["nothing imported"] += 1
        else:
            assert (entries, agencies) == (BASE_ENTRIES + IMPORT_ROWS, {BASE_AGENCY, NEW_AGENCY})
            outcomes["all imported"] += 1

    _trials(
        base,
        tmp_path,
        trials,
        lambda t: ["import-chronology", str(t.review), str(base.csv), "--agency", NEW_AGENCY],
        lambda t: _wal_of(t.review),
        check,
        seed=1401,
        outcomes=outcomes,
    )


def test_kill_during_backup(base: Base, tmp_path: Path, trials: int) -> None:
    outcomes: collections.Counter[str] = collections.Counter()

    def check(trial: Trial) -> None:
        entries, _ = _check_review(base, trial)
        assert entries == BASE_ENTRIES
        target = trial.folder / "copy.review"
        _check_target(target, base.old_key, base.salt, entries)
        if not trial.killed:
            assert target.exists()
        outcomes["whole copy" if target.exists() else "no copy"] += 1

    _trials(
        base,
        tmp_path,
        trials,
        lambda t: ["backup", str(t.review), "--out", str(t.folder / "copy.review")],
        lambda t: _partial_beside(t.folder / "copy.review"),
        check,
        seed=1402,
        outcomes=outcomes,
    )


def test_kill_during_change_passphrase(base: Base, tmp_path: Path, trials: int) -> None:
    outcomes: collections.Counter[str] = collections.Counter()

    def check(trial: Trial) -> None:
        in_force = _key_in_force(base, trial)
        entries, _ = _check_review(base, trial)
        assert entries == BASE_ENTRIES
        if not trial.killed:
            assert in_force is base.new_key
            assert base.new_code in trial.stdout
        if in_force is base.old_key:
            outcomes["old passphrase in force"] += 1
        elif base.new_code in trial.stdout:
            outcomes["new, code printed"] += 1
        else:
            outcomes["new, code shown at the next open"] += 1

    _trials(
        base,
        tmp_path,
        trials,
        lambda t: ["change-passphrase", str(t.review)],
        lambda t: _wal_of(t.review),
        check,
        seed=1403,
        outcomes=outcomes,
    )


def test_kill_during_restore(base: Base, tmp_path: Path, trials: int) -> None:
    newest = BackupStore(AppPaths.under(base.home).backups).list(file_id(base.salt))[0].path

    outcomes: collections.Counter[str] = collections.Counter()

    def check(trial: Trial) -> None:
        target = trial.folder / "restored.review"
        if target.exists():
            assert target.read_bytes() == newest.read_bytes()
        elif not trial.killed:
            raise AssertionError("the restore finished but wrote nothing")
        outcomes["whole copy" if target.exists() else "no copy"] += 1
        assert not [p for p in trial.folder.iterdir() if p.name == "restored.review-wal"]

    _trials(
        base,
        tmp_path,
        trials,
        lambda t: ["restore", str(newest), "--out", str(t.folder / "restored.review")],
        lambda t: _partial_beside(t.folder / "restored.review"),
        check,
        seed=1404,
        outcomes=outcomes,
    )


def test_kill_during_the_automatic_backup_on_open(base: Base, tmp_path: Path, trials: int) -> None:
    def age_backups(trial: Trial) -> None:
        """Make every backup old, so opening the review takes a new one."""
        for n, info in enumerate(trial.backups.list(file_id(base.salt))):
            info.path.rename(
                info.path.with_name(f"200001{n + 1:02d}T000000000000Z-automatic.review")
            )

    def any_partial(trial: Trial) -> Callable[[], bool]:
        folder = trial.backups.folder(file_id(base.salt))
        return lambda: any(is_partial(p) for p in folder.iterdir())

    outcomes: collections.Counter[str] = collections.Counter()

    def check(trial: Trial) -> None:
        listed = trial.backups.list(file_id(base.salt))
        fresh = [b for b in listed if not b.path.name.startswith("2000")]
        outcomes["backup whole" if fresh else "no backup yet"] += 1
        entries, _ = _check_review(base, trial)  # (this open takes one if none was)
        assert entries == BASE_ENTRIES
        listed = trial.backups.list(file_id(base.salt))
        fresh = [b for b in listed if not b.path.name.startswith("2000")]
        if not trial.killed:
            assert len(fresh) == 1
        for info in fresh:  # a backup taken now is whole and good, or not there at all
            _check_target(info.path, base.old_key, base.salt, BASE_ENTRIES)

    _trials(
        base,
        tmp_path,
        trials,
        lambda t: ["verify", str(t.review)],
        any_partial,
        check,
        seed=1405,
        prepare=age_backups,
        outcomes=outcomes,
    )
