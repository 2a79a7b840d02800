"""Commands for the review's lifecycle: timetable, terms of reference, comments, drafts,
sign-off, publishing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.cli.common import EXIT_OK, EXIT_PROBLEM, open_review
from reviewer_app.cli.export import print_unfinished
from reviewer_app.errors import UserFacingError
from reviewer_app.wording import plural

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from exporters.api import ExportResult
    from storage.library import StoredReviewFiles


def cmd_timetable(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.timetable.schedule import clock_lines

    review = open_review(files, Path(args.file))
    try:
        schedule = review.timetable.schedule()
    finally:
        review.close()
    for line in clock_lines(schedule):
        print(line)
    return EXIT_OK


def cmd_terms_from_rapid_review(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        terms = review.rapid_review.seed_terms_of_reference()
    finally:
        review.close()
    print(
        f"Terms of reference started from the rapid review ({len(terms.splitlines())} lines); "
        "shape them into key lines of enquiry on the Overview."
    )
    return EXIT_OK


def cmd_import_comments(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        imported = review.drafts.import_comments(Path(args.docx), args.from_name, args.version)
    finally:
        review.close()
    print(imported.summary(args.from_name.strip()))
    return EXIT_OK


def cmd_drafts(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.drafts.listing import draft_lines

    review = open_review(files, Path(args.file))
    try:
        lines = draft_lines(
            review.drafts.versions(), review.drafts.circulations(), review.drafts.comments()
        )
    finally:
        review.close()
    for line in lines:
        print(line)
    return EXIT_OK


def cmd_sign_off(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.drafts.sign_off import Signatory, SignOff

    review = open_review(files, Path(args.file))
    try:
        who = Signatory(args.by)
        review.sign_off.add_sign_off(SignOff(who, args.on, args.name or "", args.version))
        missing = review.sign_off.final_gate()
    finally:
        review.close()
    print(f"Sign-off recorded: {who.label}, {args.on.strftime('%d/%m/%Y')}.")
    print(f"The final gate now finds {plural(len(missing), 'thing')} before publication.")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    """The final gate; with --out, the publication step: the gate, the accessible publication
    PDF, then the record of it and the publication milestone (nothing recorded on a refusal)."""
    from reviewer_app.services.sign_off import PUBLICATION_COMMAND
    from reviewer_app.wiring import report_service

    if args.out is None and (args.on is not None or args.where is not None):
        raise UserFacingError(
            "--on and --where say when and where the report is published: give them with "
            "--out REPORT.pdf, which writes the report for publication and records it."
        )
    review = open_review(files, Path(args.file))
    try:
        if args.out is None:
            blocking = review.sign_off.final_gate()
        else:
            report = report_service(review)
            template = report.suggested_template().id
            results: list[ExportResult] = []

            def write() -> ExportResult:
                try:
                    written = report.export(template, "pdf", Path(args.out), for_publication=True)
                except UserFacingError as error:
                    raise UserFacingError(f"{error}\nThe publication was not recorded.") from error
                results.append(written)
                return written

            on = args.on or review.timetable.today()
            published = review.sign_off.publish_file(write, on, args.where or "")
            print(
                f"Report for publication written to {args.out} (accessible PDF: tagged "
                f"PDF/UA-1, British English), version {published.version or '-'}."
            )
            print_unfinished(results[-1].unfinished)
            where = f", {published.where}" if published.where else ""
            print(
                f"Publication recorded: {published.file_name}, "
                f"{published.published_on.strftime('%d/%m/%Y')}{where}; the timetable's "
                "publication milestone is marked done."
            )
            print("This file is not encrypted: keep it safe until it is published.")
            return EXIT_OK
    finally:
        review.close()
    if not blocking:
        print(f"{args.file}: the final gate finds nothing; the report may be published.")
        print(f"Write it and record the publication with: {PUBLICATION_COMMAND}")
        return EXIT_OK
    print(f"{args.file}: {plural(len(blocking), 'thing')} to put right before publication:")
    for problem in blocking:
        print(f"  {problem.line()}")
    return EXIT_PROBLEM
