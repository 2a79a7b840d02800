"""Commands for agencies' chronologies: importing one, and the request pack sent to an agency."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.cli.common import EXIT_OK, open_review
from reviewer_app.errors import InvalidInputError

if TYPE_CHECKING:
    from reviewer_app.chronology.entry import AgencyType

    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from reviewer_app.chronology.importing import ImportPreview
    from storage.library import StoredReviewFiles


def cmd_import_chronology(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.importers import preview_file
    from reviewer_app.importers.column_choices import parse_choice
    from reviewer_app.importers.pack_return import pack_reference, preview_pack_return

    reference = pack_reference(Path(args.source))
    if reference is not None:  # a request pack's template, sent back: read as it was sent
        print(f"{Path(args.source).name} is the template of chronology request {reference}.")
        preview = preview_pack_return(Path(args.source))
    else:
        choices = [parse_choice(text) for text in args.column or ()]
        preview = preview_file(
            Path(args.source),
            sheet=args.sheet,
            source_default=args.source_default or "",
            choices=choices,
        )
    blocking = preview.blocking_problems
    print(
        f"{preview.file_name}: {len(preview.rows)} rows read, {len(preview.importable)} can be "
        f"imported, {len({p.row_number for p in blocking})} have problems that keep them out; "
        f"{preview.skipped_rows} title, blank or repeated header rows skipped."
    )
    for note in preview.notes:
        print(f"note: {note}")
    for problem in preview.problems:
        print(f"{'problem' if problem.blocking else 'warning'}: {problem.message}")
    if args.report:
        _write_report(preview, Path(args.report), args.agency)
    if args.dry_run:
        print("Dry run: nothing was imported.")
        return EXIT_OK
    review = open_review(files, Path(args.file))
    try:
        returned = review.requests.recognise(Path(args.source)) if reference else None
        if returned is not None:
            from reviewer_app.services.requests import check_agency

            check_agency(returned, args.agency)
            agency = returned.agency
            result = review.requests.import_returned(returned, replaces=args.replace_batch)
        else:
            agency, result = review.chronology.import_for_agency(
                preview, args.agency, agency_type(args.agency_type), replaces=args.replace_batch
            )
    finally:
        review.close()
    if returned is not None:
        print(f"Request {returned.request.reference} to {agency.name} is now marked received.")
    print(
        f"Imported {result.imported} entries for {agency.name} as batch {result.batch.id}"
        + (f"; {result.left_out} rows left out." if result.left_out else ".")
    )
    return EXIT_OK


def cmd_request_pack(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from exporters.request_pack import write_request_pack
    from reviewer_app.chronology.dates import parse_uk_date

    due = None
    if args.due:
        parsed = parse_uk_date(args.due)
        if parsed.start is None or parsed.start != parsed.end:
            raise InvalidInputError(
                f"'{args.due}' is not one day. Give the deadline as dd/mm/yyyy, or leave "
                "--due out to use the timetable's date for agencies' returns."
            )
        due = parsed.start
    out = Path(args.out)
    if not out.is_dir():
        raise InvalidInputError(f"There is no folder at '{out}'. Make it first, or choose another.")
    review = open_review(files, Path(args.file))
    try:
        pack = review.requests.prepare(args.agency, due)
        written = write_request_pack(pack, out)
        review.requests.record(pack, agency_type(args.agency_type))
    finally:
        review.close()
    print(f"Request pack {pack.reference} for {pack.agency} written to {out}:")
    for path in written.paths:
        print(f"  {path.name}")
    when = f"{pack.due_on:%d/%m/%Y}" if pack.due_on else "no date set in the timetable"
    print(f"Due: {when}. The agency's completed template is recognised when you import it.")
    print("These files are not encrypted: send them securely, and delete them when done.")
    return EXIT_OK


def _write_report(preview: ImportPreview, path: Path, agency: str) -> None:
    from exporters.validation_report import write_validation_report

    write_validation_report(preview, path, agency)
    print(f"Validation report for the agency written to {path}.")


def agency_type(value: str) -> AgencyType:
    """The agency type given on the command line (loaded here, not when the parser is built)."""
    from reviewer_app.chronology.entry import AgencyType

    return AgencyType(value)
