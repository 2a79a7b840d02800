"""Commands on review files themselves: new, verify, passphrases, backups, restore, the
demo, checks."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.app import run_window
from reviewer_app.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    NEW_PASSPHRASE_ENV,
    new_passphrase,
    open_review,
    print_recovery_code,
    print_restore_offer,
    read_json,
    terms_given,
    warn_about_location,
)
from reviewer_app.errors import DamagedReviewError, InvalidInputError
from reviewer_app.paths import AppPaths
from reviewer_app.review import Methodology, Review, ReviewType
from reviewer_app.wording import plural

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from storage.library import StoredReviewFiles


def cmd_new(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.interchange import from_document
    from reviewer_app.services.transfer import create_review_from

    path = Path(args.file)
    warn_about_location(path)
    if args.from_json:
        snapshot = from_document(read_json(Path(args.from_json)))
        created = create_review_from(
            files, path, snapshot, new_passphrase(), remember=args.remember
        )
        made = f"Created {args.file} with {len(snapshot.entries)} chronology entries."
    else:
        if not args.title:
            raise InvalidInputError("Give the review a title with --title (or use --from-json).")
        details = Review(
            title=args.title,
            review_type=ReviewType(args.type),
            board=args.board or "",
            methodology=Methodology(args.methodology),
            terms_of_reference=terms_given(args),
        )
        created = files.create(path, details, new_passphrase(), remember=args.remember)
        made = f"Created {args.file}."
    try:
        print(made)
        if args.remember and not created.keyring.available:
            print(created.keyring.notice)
        print_recovery_code(created.recovery_code)
        created.review.recovery_code_shown()
    finally:
        created.review.close()
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        problems = review.verify()
        damage = review.damaged_error() if problems else None
    finally:
        review.close()
    if damage is not None:
        print(f"error: {damage}", file=sys.stderr)
        print(
            f"{plural(len(problems), 'integrity problem')} "
            f"{'was' if len(problems) == 1 else 'were'} found:",
            file=sys.stderr,
        )
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        print_restore_offer(damage)
        return EXIT_PROBLEM
    print(f"{args.file}: encryption and structure checks passed.")
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        code = review.change_passphrase(new_passphrase())
        print(f"The passphrase of {args.file} has been changed; the old one no longer opens it.")
        print("Its automatic backups on this computer now open with the new passphrase too.")
        print_recovery_code(code)
        review.recovery_code_shown()
    finally:
        review.close()
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        review.backup_to(Path(args.out))
    finally:
        review.close()
    print(f"Encrypted backup written to {args.out}; it opens with the same passphrase.")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from storage.connection import precheck
    from storage.keys import file_id, read_salt

    try:
        salt = precheck(Path(args.file))
    except DamagedReviewError:  # cut short: its backups are what is wanted now
        salt = read_salt(Path(args.file))
    found = files.backups.list(file_id(salt))
    if not found:
        print("No automatic backups of this review on this computer yet.")
    for info in found:
        print(f"{info.taken:%d/%m/%Y %H:%M} UTC  {info.reason:<18} {info.path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from storage.backups import restore

    restore(Path(args.backup), Path(args.out))
    print(f"Restored to {args.out}. Open it with the review's passphrase.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.demo import DEFAULT_ENTRIES, DEMO_PASSPHRASE
    from reviewer_app.services.demo_review import create_demo

    passphrase = os.environ.get(NEW_PASSPHRASE_ENV) or DEMO_PASSPHRASE
    entries = DEFAULT_ENTRIES if args.entries is None else args.entries
    created = create_demo(files, Path(args.file), entries=entries, passphrase=passphrase)
    try:
        count = created.review.chronology.count()
        print(f"Created the demo review {args.file} with {count} chronology entries (synthetic).")
        if passphrase == DEMO_PASSPHRASE:
            print(f"Its passphrase is: {DEMO_PASSPHRASE}")
        print_recovery_code(created.recovery_code)
        created.review.recovery_code_shown()
    finally:
        created.review.close()
    return EXIT_OK


def cmd_screenshots(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.app import save_screenshots
    from reviewer_app.demo import DEFAULT_ENTRIES

    paths = AppPaths.default(args.data_dir)
    entries = DEFAULT_ENTRIES if args.entries is None else args.entries
    saved = save_screenshots(paths, Path(args.folder), entries=entries)
    print(f"Saved {len(saved)} screenshots of the demo review in {args.folder}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        report = review.readiness()
    finally:
        review.close()
    later = report.later_lines()
    next_step = f" ({report.next_step})" if report.next_step else ""
    if report.ready and not later:
        print(f"{args.file}: ready for the panel; nothing to put right.")
    elif report.ready:
        print(f"{args.file}: nothing stands in the way of the next milestone{next_step}.")
    else:
        lines = report.lines()
        print(
            f"{args.file}: {plural(len(lines), 'thing')} to put right before the next "
            f"milestone{next_step}:"
        )
        for line in lines:
            print(f"  {line}")
    if later:
        print(f"Later steps, for the milestones after it ({len(later)}):")
        for line in later:
            print(f"  {line}")
    if report.to_write:
        print(
            f"Still to write in the draft report ({len(report.to_write)}; the exported draft "
            "shows a note in each place):"
        )
        for problem in report.to_write:
            print(f"  {problem.message}")
    return EXIT_OK if report.ready else EXIT_PROBLEM


def cmd_self_test(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.app import self_test

    return self_test()


def cmd_window(args: argparse.Namespace, paths: AppPaths) -> int:
    return run_window(paths, Path(args.open) if args.open else None, demo=args.demo)
