"""The export command: the draft report, the self-assessment, the rapid review and the
action plan."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reviewer_app.cli.common import EXIT_OK, open_review
from reviewer_app.errors import UserFacingError
from reviewer_app.wording import plural

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from reviewer_app.services.open_review import ReviewServices
    from storage.library import StoredReviewFiles

log = logging.getLogger(__name__)


#: `export --appendix`: which chronology entries the report's appendix lists.
APPENDIX_CHOICES: dict[str, Literal["significant", "full"]] = {
    "significant": "significant",
    "all": "full",
}


def cmd_export(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from exporters.chronology_csv import write_chronology_csv
    from reviewer_app import __version__ as version
    from reviewer_app.interchange import to_document
    from reviewer_app.new_files import write_new_atomic

    review = open_review(files, Path(args.file))
    try:
        if args.format in ("docx", "pdf"):
            return _export_report(review, args)
        if args.format == "qm-docx":
            return _export_self_assessment(review, args)
        if args.format.startswith("action-plan-"):
            return _export_action_plan(review, args)
        if args.format == "rapid-review-docx":
            return _export_rapid_review(review, args)
        snapshot = review.snapshot()
    finally:
        review.close()
    out = Path(args.out)
    if args.format == "json":
        text = json.dumps(to_document(snapshot, version), ensure_ascii=False, indent=2)
        write_new_atomic(out, text.encode("utf-8"))
    else:
        write_chronology_csv(snapshot, out)
    print(f"Exported {len(snapshot.entries)} chronology entries to {out} ({args.format}).")
    print("This file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return EXIT_OK


def _export_report(review: ReviewServices, args: argparse.Namespace) -> int:
    from reviewer_app.wiring import report_service

    if args.publication and args.format != "pdf":
        raise UserFacingError(
            "The report for publication is written as an accessible PDF only: use "
            "--format pdf with --publication."
        )
    if args.publication and args.internal_working_draft:
        raise UserFacingError(
            "A report for publication cannot be an internal working draft: choose one of "
            "--publication and --internal-working-draft."
        )
    report = report_service(review)
    result = report.export(
        report.suggested_template().id,
        args.format,
        Path(args.out),
        chronology=APPENDIX_CHOICES[args.appendix],
        override=args.internal_working_draft,
        lead_reviewer=args.lead_reviewer or "",
        for_publication=args.publication,
    )
    version = f"version {result.version}" if result.version else "unnumbered"
    if args.sent_to and result.version:
        from reviewer_app.drafts.model import Circulation, Purpose

        today = review.timetable.today()
        circulation = Circulation(result.version, today, args.sent_to, Purpose(args.purpose))
        review.drafts.record_circulation(circulation)
        version += f", sent to {args.sent_to} ({Purpose(args.purpose).label.lower()})"
    if args.publication:
        print(
            f"Report for publication written to {result.path} (accessible PDF: tagged PDF/UA-1, "
            f"British English): {result.status.label.lower()}, {version}."
        )
        print_unfinished(result.unfinished)
    else:
        print(
            f"Draft report written to {result.path} ({args.format.upper()}): "
            f"{result.status.label.lower()}, {version}."
        )
    if args.internal_working_draft:
        print(
            "Marked INTERNAL WORKING DRAFT – NOT ANONYMISED – NOT FOR CIRCULATION on the title "
            "page, the watermark and every page's header and footer."
        )
        if result.overridden:
            noun = "thing" if result.overridden == 1 else "things"
            print(
                f"The anonymisation check found {result.overridden} {noun} that could identify "
                "the family, left in by the override; the override is in the review's log."
            )
        else:
            print("The anonymisation check found nothing, so nothing was overridden.")
    print("This file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return EXIT_OK


def print_unfinished(unfinished: tuple[str, ...]) -> None:
    if not unfinished:
        return
    noun = "part has" if len(unfinished) == 1 else "parts have"
    print(
        f"{len(unfinished)} {noun} not been written yet: the prompts for the reviewer there were "
        "left out of the file, so write these before the report is published:"
    )
    for title in unfinished:
        print(f"  {title}")


def _export_self_assessment(review: ReviewServices, args: argparse.Namespace) -> int:
    exports = review.exports
    if exports is None:  # (open_review always wires the exporters)
        raise UserFacingError("This review cannot export its self-assessment here.")
    result = exports.write_self_assessment(Path(args.out))
    print(
        f"Quality Markers self-assessment written to {result.path} (DOCX, {result.markers} "
        "markers), for the safeguarding partnership; it is not part of the panel draft."
    )
    print("This file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return EXIT_OK


def _export_rapid_review(review: ReviewServices, args: argparse.Namespace) -> int:
    from exporters.rapid_review import export_rapid_review

    written = export_rapid_review(
        review.rapid_review.record(),
        review.snapshot(),
        Path(args.out),
        register=review.pseudonym_register(),
    )
    print(f"Rapid review written to {written.path} (DOCX), for the national Panel.")
    if written.missing:
        print(f"Still to write: {'; '.join(written.missing)}.")
    print("This file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return EXIT_OK


def _export_action_plan(review: ReviewServices, args: argparse.Namespace) -> int:
    from exporters.action_plan import PlanFormat, export_action_plan

    file_format: PlanFormat = "xlsx" if args.format == "action-plan-xlsx" else "docx"
    written = export_action_plan(
        review.action_plan.view(),
        review.snapshot(),
        Path(args.out),
        file_format,
        register=review.pseudonym_register(),
    )
    print(
        f"Action plan written to {written.path} ({file_format.upper()}, "
        f"{plural(written.actions, 'action')}, {written.overdue} overdue), for the safeguarding "
        "partners."
    )
    print("This file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return EXIT_OK
