"""Random byte flips in a closed review (seeded), then every command (issue 14).

Each command, run through the real command line (`reviewer_app.cli.main`), either works on the
data it can read undamaged, or says plainly that the file is damaged and gives the
`reviewer-app restore` command for the newest good backup; it never shows the crash notice and
never changes the damaged file. SQLCipher's per-page HMAC means damage is never read as data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import shutil
import sys
from pathlib import Path

import pytest

from reviewer_app import cli
from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import create_review_from
from storage.backups import BackupStore
from storage.keyring_store import KeyringStore, NoKeyring
from storage.keys import derive_key, read_salt
from storage.library import StoredReviewFiles
from storage.recovery_code import encode
from tests.helpers.damage import flip_random_bytes
from tests.helpers.secrets_watch import (
    LOG_ROOTS,
    NEW_PASSPHRASE,
    PASSPHRASE,
    register,
    scan_text,
)

TRIALS = 10
SEED = 20261130


@dataclasses.dataclass(frozen=True)
class Base:
    review: Path
    home: Path
    code: str
    csv: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """The demonstration review (a little of everything), closed, with its first backup."""
    folder = tmp_path_factory.mktemp("tamper-base")
    paths = AppPaths.under(folder / "home").ensure()
    files = StoredReviewFiles(BackupStore(paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    path = folder / "base.review"
    created = create_review_from(files, path, build_demo(120), PASSPHRASE)
    register(created.recovery_code)
    created.review.recovery_code_shown()
    created.review.close()
    assert len(files.backups.list(read_salt(path).hex())) == 1
    csv = folder / "agency.csv"
    csv.write_text(
        "Date,Source,Details of contact,Action / Outcome\n03/02/2016,Row 1,A contact,Advice\n",
        encoding="utf-8",
    )
    salt = read_salt(path)
    return Base(path, folder / "home", encode(derive_key(PASSPHRASE, salt)), csv)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commands(review: Path, out: Path, csv: Path) -> list[tuple[list[str], bool]]:
    """Each command, and whether it opens the review with the passphrase (else the code)."""
    r = str(review)
    return [
        (["verify", r], True),
        (["export", r, "--format", "json", "--out", str(out / "out.json")], False),
        (["export", r, "--format", "csv", "--out", str(out / "out.csv")], False),
        (["check", r], False),
        (["backups", r], False),
        (["backup", r, "--out", str(out / "copy.review")], False),
        (["export-learning", r, "--out", str(out / "learning.json")], False),
        (["import-chronology", r, str(csv), "--agency", "Tamper Agency"], False),
        (["change-passphrase", r], False),
    ]


def test_random_byte_flips_give_the_damage_message_with_a_restore_never_a_crash(
    base: Base,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main installs its own
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("REVIEWER_APP_NEW_PASSPHRASE", NEW_PASSPHRASE)
    rng = random.Random(SEED)
    outcomes: dict[str, int] = {"worked": 0, "damage reported": 0}
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        home = folder / "home"
        shutil.copytree(base.home, home)
        LOG_ROOTS.add(home / "log")
        review = folder / "r.review"
        shutil.copyfile(base.review, review)
        flipped = flip_random_bytes(review, rng, rng.randint(1, 16))
        monkeypatch.setenv("REVIEWER_APP_HOME", str(home))
        for args, by_passphrase in _commands(review, folder, base.csv):
            if by_passphrase:
                monkeypatch.delenv("REVIEWER_APP_RECOVERY_CODE", raising=False)
                monkeypatch.setenv("REVIEWER_APP_PASSPHRASE", PASSPHRASE)
            else:
                monkeypatch.delenv("REVIEWER_APP_PASSPHRASE", raising=False)
                monkeypatch.setenv("REVIEWER_APP_RECOVERY_CODE", base.code)
            before = _digest(review)
            where = f"trial {trial} (bytes at {flipped}), {args[0]}"
            code = cli.main(args)  # an exception escaping here would be the crash notice
            _out, err = capsys.readouterr()
            scan_text(f"tamper {where}", err)
            assert "unexpected problem" not in err and "Traceback" not in err, where
            if "damaged" in err:
                assert code == cli.EXIT_PROBLEM, where
                assert err.startswith("error: "), where
                assert "reviewer-app restore " in err, f"{where}: no restore offer"
                assert _digest(review) == before, f"{where}: the damaged file was changed"
                outcomes["damage reported"] += 1
            else:
                assert err == "", f"{where}: {err}"
                assert code == cli.EXIT_OK or args[0] == "check", where
                outcomes["worked"] += 1
    print(f"\ntamper: {TRIALS} files, {sum(outcomes.values())} commands: {outcomes}")
    assert outcomes["damage reported"] > 0
