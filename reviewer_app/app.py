"""The composition root: the one module (with `cli`) that knows every layer and wires them.

Start-up order, as in Vorta: locations, logging, services over storage, then Qt — and only
when a window is wanted, so the command line never pays for Qt.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.crash import safe_report
from reviewer_app.paths import AppPaths
from reviewer_app.wiring import (
    DeferredLearningLibrary,
    DeferredSessionFiles,
    Once,
    ReviewSessionFiles,
    open_services,
    report_service,
)

if TYPE_CHECKING:
    # Storage (SQLAlchemy, SQLCipher, the keyring) loads when first used, not at start.
    from reviewer_app.services.open_review import ReviewServices
    from storage.keyring_store import KeyringStore
    from storage.learning_library import StoredLearningLibrary
    from storage.library import StoredReviewFiles

log = logging.getLogger(__name__)


class _OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


def configure_logging(paths: AppPaths, *, verbose: bool = False) -> None:
    """Rotating log in the platform log folder. Messages never carry keys or case text."""
    paths.ensure()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_reviewer_app", False):
            root.removeHandler(handler)
            handler.close()
    handler = _OwnerOnlyRotatingHandler(
        paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler._reviewer_app = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)


def tell(text: str) -> None:
    """Write a line to stderr, if there is one: a windowed program (the Windows and macOS
    bundles, `pythonw`) has none, and its error paths must still reach the crash notice."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
    except (OSError, ValueError, AttributeError):
        pass  # a closed or broken stream: the log has it anyway


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        with contextlib.suppress(Exception):  # never raise before the crash notice is shown
            log.error("unexpected error:\n%s", safe_report(exc))
        tell("SCR Reviewer met an unexpected problem; details are in the log.")

    sys.excepthook = hook


def build_review_files(paths: AppPaths, keyring: KeyringStore | None = None) -> StoredReviewFiles:
    from storage.backups import BackupStore
    from storage.library import StoredReviewFiles

    return StoredReviewFiles(BackupStore(paths.backups), keyring)


def run_window(paths: AppPaths, open_path: Path | None = None, *, demo: bool = False) -> int:
    """Open the window; returns the process exit code."""
    if not _display_available():
        tell(
            "SCR Reviewer needs a desktop display to open its window, and none was found "
            "(no DISPLAY or WAYLAND_DISPLAY). The command line works without one: "
            "try 'reviewer-app --help'."
        )
        return 0
    from ui.application import run

    # The start screen needs none of storage: the review files and the learning library are
    # set up when first used (the keyring notice is worked out just after the window shows).
    files = Once(lambda: build_review_files(paths))
    sessions = DeferredSessionFiles(files)

    def open_demo() -> ReviewServices:
        from reviewer_app.services.demo_review import open_demo

        return open_services(open_demo(files(), paths.data))

    def library() -> StoredLearningLibrary:
        return build_learning_library(paths, files().keyring)

    return int(
        run(
            sessions,
            paths=paths,
            open_path=open_path,
            demo=demo,
            demo_opener=open_demo,
            library=DeferredLearningLibrary(library),
        )
    )


def build_learning_library(paths: AppPaths, keyring: KeyringStore) -> StoredLearningLibrary:
    """The reviewer's own learning library: a second encrypted file in the user data folder."""
    from storage.backups import BackupStore
    from storage.learning_library import StoredLearningLibrary, default_library_path

    return StoredLearningLibrary(
        default_library_path(paths.data), BackupStore(paths.backups), keyring
    )


def _display_available() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reviewer-app-gui` launcher and the bundle's windowed program: the
    window, on the review given as the only argument (a double-clicked `.review` file). Any
    other arguments are a command for the command line (`reviewer_app.cli`)."""
    args = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-psn_")]
    if args and not (len(args) == 1 and args[0].lower().endswith(".review")):
        from reviewer_app.cli import main as command_line

        return command_line(args)
    paths = AppPaths.default().ensure()
    configure_logging(paths)
    install_excepthook()
    return run_window(paths, Path(args[0]) if args else None)


def save_screenshots(paths: AppPaths, folder: Path, *, entries: int = 300) -> list[Path]:
    """Open the demo review offscreen and save a PNG of the start screen and every page."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtWidgets import QApplication

    from reviewer_app.services.demo_review import create_demo
    from ui.start_window import MainWindow
    from ui.tasks import ImmediateTaskRunner
    from ui.workspace.sections import SECTIONS

    app = QApplication.instance() or QApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    files = build_review_files(paths)
    window = MainWindow(ReviewSessionFiles(files), paths=paths, runner=ImmediateTaskRunner())
    window.resize(1366, 800)
    window.show()
    saved: list[Path] = []

    def grab(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        target = folder / f"{name}.png"
        window.grab().save(str(target))
        saved.append(target)

    grab("start-window")
    with tempfile.TemporaryDirectory(prefix="reviewer-shots-") as work:
        created = create_demo(files, Path(work) / "demo.review", entries=entries)
        window.show_review(open_services(created.review), add_to_recent=False)
        workspace = window.workspace
        assert workspace is not None
        for section in SECTIONS:
            workspace.show_section(section.key)
            if section.key == "chronology":
                entry = next(
                    (e for e in workspace.chronology.entries() if e.source.startswith("Strategy")),
                    None,
                )
                if entry is not None and entry.id is not None:
                    workspace.chronology_page.select_entry(entry.id)
            grab(f"page-{section.key}")
        window.lock()
        grab("locked")
    window.close()
    return saved


def self_test() -> int:
    """Prove a build works end to end: make the demo review, open it in the window (offscreen),
    export it, lock it. Everything happens in a temporary folder; the keyring is not touched."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtWidgets import QApplication

    from reviewer_app.services.demo_review import create_demo
    from storage.keyring_store import KeyringStore, NoKeyring
    from ui.start_window import MainWindow
    from ui.tasks import ImmediateTaskRunner

    app = QApplication.instance() or QApplication([])
    # Windows: a handle still open (a pooled connection, antivirus scanning a fresh export)
    # must not fail the test at clean-up.
    with tempfile.TemporaryDirectory(
        prefix="reviewer-self-test-", ignore_cleanup_errors=True
    ) as work:
        folder = Path(work)
        paths = AppPaths.under(folder / "home").ensure()
        files = build_review_files(paths, KeyringStore(NoKeyring()))
        created = create_demo(files, folder / "demo.review")
        review = open_services(created.review)
        count = len(review.chronology.entries())
        problems = review.verify()
        if problems:
            tell(f"self-test: the demo review failed its checks: {problems[:3]}")
            return 1
        window = MainWindow(ReviewSessionFiles(files), paths=paths, runner=ImmediateTaskRunner())
        window.show()
        if not window.show_review(review, add_to_recent=False) or window.workspace is None:
            tell("self-test: the window could not show the demo review")
            return 1
        app.processEvents()
        shown = window.workspace.chronology_page.model.rowCount()
        exported = _self_test_export(review, folder)
        window.lock()
        window.close()
        if shown != count:
            tell(f"self-test: the table shows {shown} of {count} entries")
            return 1
        print(f"self-test passed: {count} entries shown; exported {', '.join(exported)}")
    return 0


def _self_test_export(review: ReviewServices, folder: Path) -> list[str]:
    """The draft report as DOCX and PDF and the report for publication (Typst, with its own
    native library, template and fonts), through the anonymisation gate, and the chronology
    CSV."""
    from exporters.chronology_csv import write_chronology_csv

    written = []
    report = report_service(review)
    template = report.suggested_template().id
    for file_format in ("docx", "pdf"):
        result = report.export(template, file_format, folder / f"report.{file_format}")
        written.append(f"{result.path.name} ({result.size:,} bytes)")
    published = report.export(template, "pdf", folder / "published.pdf", for_publication=True)
    written.append(f"{published.path.name} ({published.size:,} bytes)")
    target = folder / "chronology.csv"
    write_chronology_csv(review.snapshot(), target)
    written.append(f"{target.name} ({target.stat().st_size:,} bytes)")
    return written
