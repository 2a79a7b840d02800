"""Commands for learning across reviews: the learning dataset, published reviews, collation."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.cli.common import EXIT_OK, EXIT_PROBLEM, open_library, open_review
from reviewer_app.errors import InvalidInputError
from reviewer_app.wording import plural

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from storage.library import StoredReviewFiles


def cmd_export_learning(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from exporters.learning_dataset import write_dataset

    review = open_review(files, Path(args.file))
    try:
        dataset = review.dataset()
        if args.region:
            dataset = replace(dataset, region=args.region)
        write_dataset(dataset, args.format, Path(args.out))
    finally:
        review.close()
    print(
        f"Anonymised learning dataset written to {args.out} ({args.format.upper()}, "
        f"{plural(len(dataset.findings), 'finding')}). It holds no names, dates of birth or free "
        "text from the case."
    )
    return EXIT_OK


def cmd_published(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    """Import a folder of published reviews into the library, or search it."""
    from reviewer_app.services.published import PublishedLibrary

    library = open_library(args, files)
    try:
        store = library.published
        assert store is not None
        published = PublishedLibrary(store)
        if args.action == "import":
            result = published.import_folder(
                Path(args.folder),
                progress=lambda done, of, name: (
                    print(f"{done}/{of} {name}", file=sys.stderr) if name else None
                ),
            )
            for _name, reason in result.refused:
                print(f"refused: {reason}", file=sys.stderr)
            for name in result.needs_text:
                print(
                    f"needs a text version: '{name}' is scanned (no text to read)", file=sys.stderr
                )
            for name in result.duplicates:
                print(f"already in the library: '{name}'", file=sys.stderr)
            print(result.summary)
            return EXIT_OK
        hits = published.search(
            args.query, theme=args.theme or "", year_from=args.year_from, limit=args.limit
        )
        for hit in hits:
            year = hit.year if hit.year is not None else "-"
            snippet = " ".join(hit.plain_snippet().split())
            print(f"{year}\t{hit.title}\t{hit.page}\t{snippet}")
        if not hits:
            print("Nothing in the published reviews matches that search.", file=sys.stderr)
        return EXIT_OK
    finally:
        library.close()


COLLATE_BY = {
    "theme": "theme",
    "category": "category",
    "stage": "journey-stage",
    "agency-type": "agency-type",
}


def cmd_collate(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    """Collate learning datasets given on the command line: one group a line on stdout
    (label, findings, reviews), every refusal on stderr; optionally a table or a briefing."""
    from exporters.briefing import export_briefing
    from exporters.collation_table import TableFormat, write_collation_table
    from exporters.report.export import Format
    from reviewer_app.learning.collation import Dimension, briefing_for
    from reviewer_app.services.collation import CollationService

    service = CollationService()
    if args.merges:
        service.import_merges(Path(args.merges))
    result = service.import_files([Path(name) for name in args.files])
    for refusal in result.refused:
        what = "kept out" if refusal.quarantined else "refused"
        print(f"{what}: {refusal.describe()}", file=sys.stderr)
    for note in (*result.flagged, *result.duplicates):
        print(f"note: {note}", file=sys.stderr)
    print(result.summary, file=sys.stderr)
    if not service.collation.held:
        print("error: no learning dataset could be collated.", file=sys.stderr)
        return EXIT_PROBLEM
    dimension = Dimension(COLLATE_BY[args.by])
    if args.briefing is not None:
        if not args.out:
            raise InvalidInputError("Give --out with a .docx or .pdf file name for the briefing.")
        group = service.collation.theme_group(args.briefing)
        if group is None:
            raise InvalidInputError(
                f"No collated finding has the theme '{args.briefing}'. Run without --briefing "
                "to list the themes."
            )
        out = Path(args.out)
        if out.suffix.lower() not in (".docx", ".pdf"):
            raise InvalidInputError("A briefing is written as .docx or .pdf.")
        file_format: Format = "pdf" if out.suffix.lower() == ".pdf" else "docx"
        export_briefing(briefing_for(group), file_format, out, overwrite=args.overwrite)
        print(f"Briefing on '{group.label}' written to {out}.", file=sys.stderr)
        return EXIT_OK
    for group in service.collation.groups(dimension):
        print(f"{group.label}\t{group.count}\t{group.review_count}")
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() not in (".csv", ".xlsx"):
            raise InvalidInputError("The collated table is written as .csv or .xlsx.")
        table_format: TableFormat = "xlsx" if out.suffix.lower() == ".xlsx" else "csv"
        write_collation_table(
            service.collation, table_format, out, dimension=dimension, overwrite=args.overwrite
        )
        print(f"Collated table written to {out}.", file=sys.stderr)
    return EXIT_OK
