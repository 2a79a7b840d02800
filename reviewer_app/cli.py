"""The command line: the scriptable face of the same services the window uses.

Passphrases come from `REVIEWER_APP_PASSPHRASE` / `REVIEWER_APP_NEW_PASSPHRASE` (or
`REVIEWER_APP_RECOVERY_CODE`), then the key this computer remembers, then a terminal prompt —
never from the command line itself, where other users could read them. Expected failures print
one `error:` line on stderr and exit non-zero, without a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reviewer_app import __version__
from reviewer_app.app import build_review_files, configure_logging, install_excepthook, run_window
from reviewer_app.chronology.entry import AgencyType
from reviewer_app.crash import safe_report
from reviewer_app.drafts.model import Purpose
from reviewer_app.errors import DamagedReviewError, InvalidInputError, UserFacingError
from reviewer_app.learning.dataset import REGIONS
from reviewer_app.paths import AppPaths
from reviewer_app.review import Methodology, Review, ReviewType

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from reviewer_app.chronology.importing import ImportPreview
    from reviewer_app.learning.repository import LearningLibraryAccess
    from reviewer_app.services.open_review import ReviewServices
    from storage.library import StoredReviewFiles

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "REVIEWER_APP_PASSPHRASE"  # noqa: S105 - a variable name
NEW_PASSPHRASE_ENV = "REVIEWER_APP_NEW_PASSPHRASE"  # noqa: S105
RECOVERY_CODE_ENV = "REVIEWER_APP_RECOVERY_CODE"

#: `export --appendix`: which chronology entries the report's appendix lists.
APPENDIX_CHOICES: dict[str, Literal["significant", "full"]] = {
    "significant": "significant",
    "all": "full",
}

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {message}\n(see '{self.prog} --help')\n")


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase was given. Set {PASSPHRASE_ENV} or run the command in a terminal "
            "so it can ask."
        )
    return getpass.getpass(f"{label}: ")


def _new_passphrase() -> str:
    if os.environ.get(NEW_PASSPHRASE_ENV):
        return os.environ[NEW_PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No new passphrase was given. Set {NEW_PASSPHRASE_ENV} or run the command in a "
            "terminal so it can ask."
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Type it again: ") != first:
        raise InvalidInputError("The two passphrases were different. Nothing was changed.")
    return first


def warn_about_location(path: Path) -> None:
    """One `warning:` line on stderr when a review is in a synced or network folder."""
    from reviewer_app.locations import classify

    try:
        line = classify(path).command_line_warning(path)
    except Exception:  # detection is best effort; it never stops a command
        line = ""
    if line:
        print(line, file=sys.stderr)


def open_review(files: StoredReviewFiles, path: Path) -> ReviewServices:
    """The review's services. Env passphrase or code, then the remembered key, then a prompt.

    If the review's recovery code was never shown (the command that made it was interrupted),
    it is shown now, before anything else."""
    from reviewer_app.wiring import open_services

    warn_about_location(path)
    if os.environ.get(PASSPHRASE_ENV):
        review = open_services(files.open(path, passphrase=os.environ[PASSPHRASE_ENV]))
    elif os.environ.get(RECOVERY_CODE_ENV):
        review = open_services(files.open(path, code=os.environ[RECOVERY_CODE_ENV]))
    else:
        remembered = files.open_remembered(path)
        if remembered is not None:
            review = open_services(remembered)
        else:
            passphrase = _prompt(f"Passphrase for {path.name}")
            review = open_services(files.open(path, passphrase=passphrase))
    try:
        _show_unshown_code(review, path)
    except BaseException:
        review.close()
        raise
    return review


def _show_unshown_code(review: ReviewServices, path: Path) -> None:
    code = review.unshown_recovery_code()
    if code is None:
        return
    print(
        f"The recovery code that opens {path.name} now has never been shown: the command that "
        "set its passphrase was interrupted before it could show it."
    )
    _print_recovery_code(code)
    review.recovery_code_shown()


def _print_recovery_code(code: str) -> None:
    """Print the code; flushed, so a closed pipe fails here, before it is marked as shown."""
    if sys.stdout is None:  # the windowed program has no console: the code must not be lost
        raise UserFacingError(
            "There is no console here to show the recovery code. Run the command with "
            "scr-reviewer-cli (or reviewer-app); the code is shown when the review is next opened."
        )
    print(
        "\nRecovery code (shown once: print it or write it down, and keep it somewhere safe,"
        " away from this computer):\n\n"
        f"    {code}\n\n"
        "It opens this review if the passphrase is ever forgotten. It changes whenever the "
        "passphrase changes.\n"
    )
    sys.stdout.flush()


# -- commands ------------------------------------------------------------------------------
def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvalidInputError(f"There is no file at '{path}'.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(
            f"'{path.name}' is not valid JSON, so nothing was created. Check it is the file "
            "'reviewer-app export --format json' wrote."
        ) from exc


def _terms(args: argparse.Namespace) -> str:
    """The terms of reference from --terms, or from the file --terms-file names."""
    if args.terms_file:
        path = Path(args.terms_file)
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError as exc:
            raise InvalidInputError(f"There is no file at '{path}'.") from exc
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"'{path.name}' is not plain text (UTF-8). Save the terms of reference as a "
                "plain text file and try again."
            ) from exc
    return (args.terms or "").strip()


def cmd_new(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.interchange import from_document
    from reviewer_app.services.transfer import create_review_from

    path = Path(args.file)
    warn_about_location(path)
    if args.from_json:
        snapshot = from_document(_read_json(Path(args.from_json)))
        created = create_review_from(
            files, path, snapshot, _new_passphrase(), remember=args.remember
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
            terms_of_reference=_terms(args),
        )
        created = files.create(path, details, _new_passphrase(), remember=args.remember)
        made = f"Created {args.file}."
    try:
        print(made)
        if args.remember and not created.keyring.available:
            print(created.keyring.notice)
        _print_recovery_code(created.recovery_code)
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
        print(f"{len(problems)} integrity problem(s) were found:", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        _print_restore_offer(damage)
        return EXIT_PROBLEM
    print(f"{args.file}: encryption and structure checks passed.")
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        code = review.change_passphrase(_new_passphrase())
        print(f"The passphrase of {args.file} has been changed; the old one no longer opens it.")
        print("Its automatic backups on this computer now open with the new passphrase too.")
        _print_recovery_code(code)
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
        _print_recovery_code(created.recovery_code)
        created.review.recovery_code_shown()
    finally:
        created.review.close()
    return EXIT_OK


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
                preview, args.agency, AgencyType(args.agency_type), replaces=args.replace_batch
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
        review.requests.record(pack, AgencyType(args.agency_type))
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
            f"{args.file}: {len(lines)} thing(s) to put right before the next milestone{next_step}:"
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


def _day(text: str) -> dt.date:
    """A date given as dd/mm/yyyy (UK) or YYYY-MM-DD."""
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as dd/mm/yyyy")


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
    print(f"The final gate now finds {len(missing)} thing(s) before publication.")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.drafts.sign_off import Publication
    from reviewer_app.services.sign_off import PUBLICATION_EXPORT

    review = open_review(files, Path(args.file))
    try:
        if args.published_file is None:
            blocking = review.sign_off.final_gate()
        else:
            on = args.on or review.timetable.today()
            review.sign_off.publish(
                Publication(on, args.published_file, args.where or "", args.version)
            )
            print(f"Publication recorded: {args.published_file}, {on.strftime('%d/%m/%Y')}.")
            return EXIT_OK
    finally:
        review.close()
    if not blocking:
        print(f"{args.file}: the final gate finds nothing; the report may be published.")
        print(f"Write the publication file with: {PUBLICATION_EXPORT}")
        return EXIT_OK
    print(f"{args.file}: {len(blocking)} thing(s) to put right before publication:")
    for problem in blocking:
        print(f"  {problem.line()}")
    return EXIT_PROBLEM


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
        f"{len(dataset.findings)} finding(s)). It holds no names, dates of birth or free text "
        "from the case."
    )
    return EXIT_OK


LIBRARY_PASSPHRASE_ENV = "REVIEWER_APP_LIBRARY_PASSPHRASE"  # noqa: S105 - a variable name


def _open_library(args: argparse.Namespace, files: StoredReviewFiles) -> LearningLibraryAccess:
    """The reviewer's learning library, opened with its remembered key or its passphrase."""
    from reviewer_app.app import build_learning_library

    library = build_learning_library(AppPaths.default(args.data_dir), files.keyring)
    if not library.exists():
        raise InvalidInputError(
            "There is no learning library on this computer yet. Create it in the window "
            "(Tools › Learning library…), then run this again."
        )
    if library.open_remembered() is None:
        passphrase = os.environ.get(LIBRARY_PASSPHRASE_ENV) or _library_prompt()
        library.open(passphrase=passphrase)
    return library


def _library_prompt() -> str:
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase for the learning library was given. Set {LIBRARY_PASSPHRASE_ENV} or "
            "run the command in a terminal to be asked for it."
        )
    return getpass.getpass("Learning library passphrase: ")


def cmd_published(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    """Import a folder of published reviews into the library, or search it."""
    from reviewer_app.services.published import PublishedLibrary

    library = _open_library(args, files)
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


def cmd_self_test(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from reviewer_app.app import self_test

    return self_test()


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
        from reviewer_app.drafts.model import Circulation

        today = review.timetable.today()
        circulation = Circulation(result.version, today, args.sent_to, Purpose(args.purpose))
        review.drafts.record_circulation(circulation)
        version += f", sent to {args.sent_to} ({Purpose(args.purpose).label.lower()})"
    if args.publication:
        print(
            f"Report for publication written to {result.path} (accessible PDF: tagged PDF/UA-1, "
            f"British English): {result.status.label.lower()}, {version}."
        )
        _print_unfinished(result.unfinished)
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


def _print_unfinished(unfinished: tuple[str, ...]) -> None:
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
        f"Action plan written to {written.path} ({file_format.upper()}, {written.actions} "
        f"action(s), {written.overdue} overdue), for the safeguarding partners."
    )
    print("This file is not encrypted: keep it safe, and delete it when it is no longer needed.")
    return EXIT_OK


def cmd_window(args: argparse.Namespace, paths: AppPaths) -> int:
    return run_window(paths, Path(args.open) if args.open else None, demo=args.demo)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reviewer-app",
        description="SCR Reviewer: an encrypted, offline workspace for case reviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep settings, backups and logs here")
    parser.add_argument("--verbose", action="store_true", help="more detail in the log")
    parser.add_argument("--open", metavar="FILE", help="open this review in the window")
    parser.add_argument("--demo", action="store_true", help="open the window on the demo review")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create a new, encrypted review file")
    new.add_argument("file")
    new.add_argument("--title")
    new.add_argument("--from-json", metavar="PATH", help="a review exported as JSON")
    new.add_argument("--type", choices=[t.value for t in ReviewType], default="lcspr")
    new.add_argument("--board", help="the commissioning safeguarding partnership or board")
    new.add_argument(
        "--methodology", choices=[m.value for m in Methodology], default="learning-together"
    )
    new.add_argument("--terms", metavar="TEXT", help="the terms of reference")
    new.add_argument(
        "--terms-file", metavar="PATH", help="the terms of reference, from a plain text file"
    )
    new.add_argument(
        "--remember", action="store_true", help="remember the key in this computer's keyring"
    )
    new.set_defaults(handler=cmd_new)

    demo = sub.add_parser("demo", help="create the synthetic demonstration review")
    demo.add_argument("file")
    demo.add_argument(
        "--entries",
        type=int,
        help="how many chronology entries (the demo's usual number if not given)",
    )
    demo.set_defaults(handler=cmd_demo)

    imp = sub.add_parser("import-chronology", help="import an agency's chronology file")
    imp.add_argument("file", help="the review")
    imp.add_argument("source", help="the agency's file (.xlsx, .docx, .csv or .pdf)")
    imp.add_argument("--agency", required=True, help="the agency's name (created if new)")
    imp.add_argument(
        "--agency-type", choices=[t.value for t in AgencyType], default=AgencyType.OTHER.value
    )
    imp.add_argument("--sheet", help="the sheet (or table) to read, if not the first")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen only")
    imp.add_argument("--replace-batch", type=int, metavar="ID", help="replace an earlier import")
    imp.add_argument("--report", metavar="PATH", help="write a validation report (.docx or .csv)")
    imp.add_argument(
        "--source-default",
        metavar="TEXT",
        help="the source of rows the agency gave none for (else the file name and row number)",
    )
    imp.add_argument(
        "--column",
        action="append",
        metavar="FIELD=HEADING",
        help="read the column with this heading as FIELD (date, time, source, practitioner, "
        "event, outcome, agency-comment or ignore); may be given more than once",
    )
    imp.set_defaults(handler=cmd_import_chronology)

    pack = sub.add_parser("request-pack", help="write a chronology request pack for an agency")
    pack.add_argument("file", help="the review")
    pack.add_argument("--agency", required=True, help="the agency's name (added if new)")
    pack.add_argument(
        "--agency-type", choices=[t.value for t in AgencyType], default=AgencyType.OTHER.value
    )
    pack.add_argument("--out", required=True, metavar="DIR", help="the folder to write it in")
    pack.add_argument("--due", metavar="DATE", help="the deadline (default: the timetable's)")
    pack.set_defaults(handler=cmd_request_pack)

    export = sub.add_parser(
        "export",
        help="export the draft report (docx, pdf), the quality-marker self-assessment "
        "(qm-docx), the action plan (action-plan-docx, action-plan-xlsx), the rapid review for "
        "the national Panel (rapid-review-docx) or the data (json, csv)",
    )
    export.add_argument("file")
    export.add_argument(
        "--format",
        choices=[
            "docx",
            "pdf",
            "qm-docx",
            "json",
            "csv",
            "action-plan-docx",
            "action-plan-xlsx",
            "rapid-review-docx",
        ],
        required=True,
    )
    export.add_argument("--out", required=True)
    export.add_argument(
        "--internal-working-draft",
        action="store_true",
        help="export the report as an internal working draft, marked as not anonymised and "
        "not for circulation, even if the anonymisation check finds names (recorded)",
    )
    export.add_argument(
        "--lead-reviewer",
        metavar="NAME",
        help="the lead reviewer's name for the title page, over the one in the review's details",
    )
    export.add_argument(
        "--publication",
        action="store_true",
        help="with --format pdf: the final version for publication, an accessible (tagged "
        "PDF/UA-1) file with no draft marks; never exported over the anonymisation check",
    )
    export.add_argument(
        "--appendix",
        choices=sorted(APPENDIX_CHOICES),
        default="significant",
        help="the report's chronology appendix: the entries marked significant (the default) "
        "or all entries of the merged chronology",
    )
    export.add_argument(
        "--sent-to", metavar="NAME", help="record that this draft goes to NAME today (docx, pdf)"
    )
    export.add_argument(
        "--purpose",
        choices=[p.value for p in Purpose],
        default=Purpose.FACTUAL_ACCURACY.value,
        help="what the draft goes out for, with --sent-to",
    )
    export.set_defaults(handler=cmd_export)

    comments = sub.add_parser(
        "import-comments",
        help="read the comments and tracked changes on a returned copy of a draft into the "
        "response log",
    )
    comments.add_argument("file", help="the review")
    comments.add_argument("docx", help="the returned copy (.docx)")
    comments.add_argument(
        "--from", dest="from_name", required=True, metavar="NAME", help="who returned it"
    )
    comments.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="the draft's version, if its title page does not say",
    )
    comments.set_defaults(handler=cmd_import_comments)

    drafts = sub.add_parser(
        "drafts", help="the draft versions, who they went to, and the response log"
    )
    drafts.add_argument("file")
    drafts.set_defaults(handler=cmd_drafts)

    verify = sub.add_parser("verify", help="check a review's encryption and structure")
    verify.add_argument("file")
    verify.set_defaults(handler=cmd_verify)

    change = sub.add_parser("change-passphrase", help="set a new passphrase (and recovery code)")
    change.add_argument("file")
    change.set_defaults(handler=cmd_change_passphrase)

    backup = sub.add_parser("backup", help="write an encrypted copy of a review")
    backup.add_argument("file")
    backup.add_argument("--out", required=True)
    backup.set_defaults(handler=cmd_backup)

    listing = sub.add_parser("backups", help="list this computer's automatic backups of a review")
    listing.add_argument("file")
    listing.set_defaults(handler=cmd_backups)

    shots = sub.add_parser("screenshots", help="save a picture of every page (demo review)")
    shots.add_argument("folder")
    shots.add_argument(
        "--entries",
        type=int,
        help="how many chronology entries (the demo's usual number if not given)",
    )
    shots.set_defaults(handler=cmd_screenshots)

    learning = sub.add_parser(
        "export-learning", help="the review's anonymised learning dataset (json, csv)"
    )
    learning.add_argument("file")
    learning.add_argument("--out", required=True)
    learning.add_argument("--format", choices=["json", "csv"], default="json")
    learning.add_argument(
        "--region", choices=REGIONS, help="the partnership's region (coarse: one of ten)"
    )
    learning.set_defaults(handler=cmd_export_learning)

    published = sub.add_parser("published", help="the library of published case reviews")
    published_actions = published.add_subparsers(dest="action", required=True, metavar="ACTION")
    imports = published_actions.add_parser(
        "import", help="import a folder of published reviews (PDF, Word)"
    )
    imports.add_argument("folder")
    search = published_actions.add_parser(
        "search", help="search them (one result a line: year, title, page, snippet)"
    )
    search.add_argument("query")
    search.add_argument("--theme", help="only passages on this practice-issue theme")
    search.add_argument("--year-from", type=int, metavar="YEAR")
    search.add_argument("--limit", type=int, default=50)
    published.set_defaults(handler=cmd_published)

    collate = sub.add_parser(
        "collate", help="collate learning datasets (one group a line: label, findings, reviews)"
    )
    collate.add_argument("files", nargs="+", metavar="FILE")
    collate.add_argument("--by", choices=sorted(COLLATE_BY), default="theme")
    collate.add_argument("--out", help="a .csv or .xlsx table; with --briefing, a .docx or .pdf")
    collate.add_argument("--briefing", metavar="THEME", help="write a briefing on this theme")
    collate.add_argument("--merges", metavar="FILE", help="theme merges shared as JSON")
    collate.add_argument("--overwrite", action="store_true")
    collate.set_defaults(handler=cmd_collate)

    ready = sub.add_parser("check", help="readiness for the panel (exit 1 with problems)")
    ready.add_argument("file")
    ready.set_defaults(handler=cmd_check)

    sign = sub.add_parser("sign-off", help="record the panel's or a partner's sign-off")
    sign.add_argument("file")
    sign.add_argument(
        "--by", required=True, choices=["panel", "local-authority", "police", "health", "board"]
    )
    sign.add_argument("--on", required=True, type=_day, metavar="DATE", help="dd/mm/yyyy")
    sign.add_argument("--name", metavar="TEXT", help="who signed, by role")
    sign.add_argument("--version", type=int, metavar="N", help="the draft version signed off")
    sign.set_defaults(handler=cmd_sign_off)

    publish = sub.add_parser(
        "publish",
        help="run the final gate (exit 1 if anything is in the way); with --published-file, "
        "record the publication",
    )
    publish.add_argument("file")
    publish.add_argument("--published-file", metavar="NAME", help="the file that was published")
    publish.add_argument("--on", type=_day, metavar="DATE", help="dd/mm/yyyy (default today)")
    publish.add_argument("--where", metavar="TEXT", help="where it is published")
    publish.add_argument("--version", type=int, metavar="N", help="the version published")
    publish.set_defaults(handler=cmd_publish)

    seed = sub.add_parser(
        "terms-from-rapid-review",
        help="start the terms of reference from the rapid review that decided on an LCSPR",
    )
    seed.add_argument("file")
    seed.set_defaults(handler=cmd_terms_from_rapid_review)

    clocks = sub.add_parser(
        "timetable",
        help="the statutory milestones, one line each: key, due, done (ISO dates or -), status",
    )
    clocks.add_argument("file")
    clocks.set_defaults(handler=cmd_timetable)

    check = sub.add_parser("self-test", help="check that this installation works, offscreen")
    check.set_defaults(handler=cmd_self_test)

    rest = sub.add_parser("restore", help="restore a backup to a new review file")
    rest.add_argument("backup")
    rest.add_argument("--out", required=True)
    rest.set_defaults(handler=cmd_restore)
    return parser


Handler = Callable[[argparse.Namespace, "StoredReviewFiles"], int]


def _print_restore_offer(error: DamagedReviewError) -> None:
    """The command that restores the newest good backup as a new file (never over one)."""
    offer = error.restore
    if offer is None:
        return
    damaged = error.path or Path("review.review")
    target = offer.suggested_target(damaged)
    print(
        f"To restore the backup of {offer.taken_text} as a new review file, run:\n"
        f"    reviewer-app restore {shlex.quote(str(offer.backup))} --out "
        f"{shlex.quote(str(target))}\n"
        "It opens with the same passphrase and recovery code as the damaged file. The damaged "
        "file is left as it is.",
        file=sys.stderr,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = AppPaths.default(args.data_dir).ensure()
    configure_logging(paths, verbose=args.verbose)
    install_excepthook()
    try:
        if args.command is None:
            return cmd_window(args, paths)
        handler: Handler = args.handler
        return handler(args, build_review_files(paths))
    except DamagedReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        _print_restore_offer(exc)
        log.info("command failed with %s", type(exc).__name__)
        return EXIT_PROBLEM
    except UserFacingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        log.info("command failed with %s", type(exc).__name__)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("error: cancelled; nothing was changed.", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or "an unexpected file problem"
        print(f"error: a file could not be read or written{where}: {reason}.", file=sys.stderr)
        log.error("file system error:\n%s", safe_report(exc))
        return EXIT_PROBLEM
