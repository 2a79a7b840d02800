"""The command line's arguments: every command, its options and its handler."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, overload

from reviewer_app import __version__
from reviewer_app.cli.chronology import cmd_import_chronology, cmd_request_pack
from reviewer_app.cli.common import Parser, day_given
from reviewer_app.cli.export import APPENDIX_CHOICES, cmd_export
from reviewer_app.cli.files import (
    cmd_backup,
    cmd_backups,
    cmd_change_passphrase,
    cmd_check,
    cmd_demo,
    cmd_new,
    cmd_restore,
    cmd_screenshots,
    cmd_self_test,
    cmd_verify,
)
from reviewer_app.cli.learning import COLLATE_BY, cmd_collate, cmd_export_learning, cmd_published
from reviewer_app.cli.lifecycle import (
    cmd_drafts,
    cmd_import_comments,
    cmd_publish,
    cmd_sign_off,
    cmd_terms_from_rapid_review,
    cmd_timetable,
)
from reviewer_app.review import REGIONS, Methodology, ReviewType

#: The defaults of `--agency-type` and `--purpose` (an `AgencyType` and a `Purpose` value: a
#: test holds them to their enums, which are not loaded to build the parser).
AGENCY_TYPE_DEFAULT = "other"
PURPOSE_DEFAULT = "factual-accuracy"


class _ValuesOf(Sequence[str]):
    """The values of the enum `name` in `module`, read when argparse first asks for them
    (checking that option, or writing the help): building the parser, which the window's start
    does too, then loads no module the start screen does not use (give the argument a metavar,
    or argparse lists the choices as it is added)."""

    def __init__(self, module: str, name: str) -> None:
        self._where = (module, name)
        self._values: list[str] | None = None

    def _all(self) -> list[str]:
        if self._values is None:
            module, name = self._where
            self._values = [member.value for member in getattr(import_module(module), name)]
        return self._values

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, value: object) -> bool:
        return value in self._all()


_AGENCY_TYPES = _ValuesOf("reviewer_app.chronology.entry", "AgencyType")
_PURPOSES = _ValuesOf("reviewer_app.drafts.model", "Purpose")
# With a metavar, argparse does not list the choices as the argument is added; the help names
# them (%(choices)s) when it is shown.
_AGENCY_TYPE_HELP = "the agency's type: %(choices)s (default: %(default)s)"

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
        "--agency-type",
        choices=_AGENCY_TYPES,
        default=AGENCY_TYPE_DEFAULT,
        metavar="TYPE",
        help=_AGENCY_TYPE_HELP,
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
        "--agency-type",
        choices=_AGENCY_TYPES,
        default=AGENCY_TYPE_DEFAULT,
        metavar="TYPE",
        help=_AGENCY_TYPE_HELP,
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
        choices=_PURPOSES,
        default=PURPOSE_DEFAULT,
        metavar="PURPOSE",
        help="what the draft goes out for, with --sent-to: %(choices)s (default: %(default)s)",
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
    sign.add_argument("--on", required=True, type=day_given, metavar="DATE", help="dd/mm/yyyy")
    sign.add_argument("--name", metavar="TEXT", help="who signed, by role")
    sign.add_argument("--version", type=int, metavar="N", help="the draft version signed off")
    sign.set_defaults(handler=cmd_sign_off)

    publish = sub.add_parser(
        "publish",
        help="the publication step: run the final gate (exit 1 if anything is in the way); "
        "with --out, write the accessible publication PDF and record the publication",
    )
    publish.add_argument("file")
    publish.add_argument(
        "--out", metavar="REPORT.pdf", help="where to write the report for publication"
    )
    publish.add_argument(
        "--on",
        type=day_given,
        metavar="DATE",
        help="the date of publication, dd/mm/yyyy (default today)",
    )
    publish.add_argument("--where", metavar="TEXT", help="where it is published")
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
