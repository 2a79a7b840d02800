"""The library window, the review's Learning notes page and the collation window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from exporters.briefing import export_briefing
from reviewer_app.learning.attached import NoteTarget, TargetKind
from reviewer_app.learning.collation import Dimension
from reviewer_app.learning.dataset import to_json
from reviewer_app.learning.markdown import to_markdown
from reviewer_app.learning.note import LearningNote
from reviewer_app.learning.themes import theme_key
from reviewer_app.paths import AppPaths
from reviewer_app.services.collation import CollationService
from reviewer_app.services.learning import (
    LibraryService,
    target_choices,
)
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.published import PublishedLibrary
from storage.keyring_store import KeyringStore, NoKeyring
from storage.learning_library import StoredLearningLibrary
from tests.helpers.reviews import demo_services
from tests.helpers.secrets_watch import PASSPHRASE, register
from tests.reviewer_app.learning.memory import MemoryLibrary
from tests.reviewer_app.learning.test_collation import synthetic
from tests.ui.learning.fakes import MemoryAccess
from tests.ui.support import Shown
from ui.learning.collation_page import CollationWindow
from ui.learning.learning_page import LearningNotesPage
from ui.learning.library_page import LearningLibraryWindow
from ui.tasks import ImmediateTaskRunner

_NAMED_KINDS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QListWidget,
    QTableView,
    QTextBrowser,
    QPlainTextEdit,
)


def _unnamed_controls(root: QWidget) -> list[str]:
    """Controls a screen reader would announce without a name."""
    return [
        type(w).__name__
        for w in root.findChildren(QWidget)
        if isinstance(w, _NAMED_KINDS) and w.isVisibleTo(root) and not w.accessibleName()
    ]


def test_library_is_created_then_edited_with_undo(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths
) -> None:
    access = StoredLearningLibrary(
        app_paths.data / "learning.library",
        None,
        KeyringStore(NoKeyring()),  # type: ignore[arg-type]
    )
    window = LearningLibraryWindow(access, ImmediateTaskRunner())
    qtbot.addWidget(window)
    codes: list[str] = []
    window.unlock.show_code = lambda code: codes.append(register(code))
    assert window.unlock.fields is not None
    window.unlock.fields.passphrase.setText(PASSPHRASE)
    window.unlock.fields.confirm.setText(PASSPHRASE)
    assert window.unlock.button.isEnabled()
    window.unlock.button.click()
    assert codes and access.repository is not None
    page = window.page
    assert page is not None and window.tabs.currentWidget() is page

    page.edit_note = lambda _note: LearningNote(
        title="Hindsight bias", body="# Hindsight\n\n*Known then*", tags=("bias",)
    )
    page.new_button.click()
    assert page.list.count() == 1
    assert "Known then" in page.view.toPlainText() and "#" not in page.view.toPlainText()
    page.edit_note = lambda note: note.with_changes(body="Changed") if note else None
    page.edit_button.click()
    assert LibraryService(access.repository).notes()[0].version == 2
    window.undo_stack.undo()
    assert LibraryService(access.repository).notes()[0].body.endswith("*Known then*")
    window.undo_stack.undo()
    assert page.list.count() == 0
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert LibraryService(access.repository).notes()[0].body == "Changed"
    assert _unnamed_controls(window) == []
    window.close()
    assert access.repository is None


def test_wrong_passphrase_is_said_inline_and_changes_nothing(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "learning.library"
    first = StoredLearningLibrary(path, None, KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    register(first.create(PASSPHRASE).recovery_code)
    first.close()
    access = StoredLearningLibrary(path, None, KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    window = LearningLibraryWindow(access, ImmediateTaskRunner())
    qtbot.addWidget(window)
    window.unlock.passphrase.setText("not the right passphrase")
    window.unlock.button.click()
    assert "does not open" in window.unlock.error.text()
    assert window.page is None
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.button.click()
    assert window.page is not None
    window.close()


def test_search_tags_import_and_export(qtbot: QtBot, tmp_path: Path) -> None:
    library = MemoryLibrary()
    service = LibraryService(library)
    service.add(LearningNote(title="Strategy discussions", body="Convene early", tags=("police",)))
    source = tmp_path / "in.md"
    source.write_text(to_markdown(LearningNote(title="Hindsight", tags=("bias",))), "utf-8")
    window = LearningLibraryWindow(MemoryAccess(library), ImmediateTaskRunner())
    qtbot.addWidget(window)
    page = window.page
    assert page is not None
    page.choose_import_files = lambda: [source]
    page.import_button.click()
    assert page.list.count() == 2
    page.search.setText("convene")
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["Strategy discussions"]
    page.search.clear()
    page.tag.setCurrentIndex(page.tag.findData("bias"))
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["Hindsight"]
    out = tmp_path / "out"
    out.mkdir()
    page.choose_export_folder = lambda: out
    page.export_button.click()
    assert [p.name for p in out.iterdir()] == ["Hindsight.md"]


@pytest.fixture
def demo_review(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    review = demo_services(tmp_path / "demo.review", app_paths, 40)
    yield review
    review.close()


def _learning_page(review: ReviewServices, library: MemoryLibrary) -> LearningNotesPage:
    exports = review.exports
    assert exports is not None
    page = LearningNotesPage(
        review.learning_notes,
        lambda: LibraryService(library),
        lambda: target_choices(
            review.analysis.findings(),
            [(r.number, r.title) for r in review.quality.dashboard_rows()],
            review.analysis.episodes(),
        ),
        QUndoStack(),
        ImmediateTaskRunner(),
        export_dataset=lambda path, fmt: exports.write_learning_dataset(path, fmt),  # type: ignore[arg-type]
    )
    page.reload()
    return page


def test_attach_pull_and_report_choice_with_undo(qtbot: QtBot, demo_review: ReviewServices) -> None:
    library = MemoryLibrary()
    note = LibraryService(library).add(LearningNote(title="Hindsight bias", body="Known then"))
    page = _learning_page(demo_review, library)
    qtbot.addWidget(page)
    finding_id = demo_review.analysis.findings()[0].id or 0
    target = NoteTarget(TargetKind.FINDING, finding_id)
    page.choose_attachment = lambda notes, choices: (notes[0], (target,))
    page.attach_button.click()
    assert page.list.count() == 1 and "Finding 1:" in page.list.item(0).text()
    assert page.service.report_inputs()[0].title == "Hindsight bias"
    page.undo_stack.undo()
    assert page.list.count() == 0
    page.undo_stack.redo()
    assert page.list.count() == 1

    LibraryService(library).update(note.with_changes(body="Known at the time"))
    page.reload()
    assert "changed in your library" in page.list.item(0).text()
    page.pull_button.click()
    assert page.service.attached()[0].note.body == "Known at the time"
    page.in_report.setChecked(False)
    assert page.service.report_inputs() == ()
    page.undo_stack.undo()
    assert len(page.service.report_inputs()) == 1
    page.detach_button.click()
    assert page.service.attached() == []
    assert _unnamed_controls(page) == []


def test_dataset_export_from_the_page(
    qtbot: QtBot,
    demo_review: ReviewServices,
    tmp_path: Path,
    message_boxes: list[Shown],
) -> None:
    page = _learning_page(demo_review, MemoryLibrary())
    qtbot.addWidget(page)
    out = tmp_path / "learning.csv"
    page.choose_dataset_path = lambda: (out, "csv")
    page.dataset_button.click()
    assert out.exists() and "written" in page.status.text()
    analysis = demo_review.analysis
    analysis.save_finding(analysis.findings()[0].with_changes(theme="The Ashworth family"))
    blocked = tmp_path / "blocked.json"
    page.choose_dataset_path = lambda: (blocked, "json")
    page.dataset_button.click()
    assert not blocked.exists()
    assert message_boxes[-1].title == "The learning dataset was not exported"
    assert "Finding 1 — theme" in message_boxes[-1].text


def test_collation_window_counts_and_briefing(
    qtbot: QtBot, tmp_path: Path, message_boxes: list[Shown]
) -> None:
    datasets = synthetic(21)
    paths = []
    for d in datasets:
        paths.append(tmp_path / f"{d.dataset_id}.json")
        paths[-1].write_text(to_json(d), "utf-8")
    window = CollationWindow(CollationService(), export_briefing, ImmediateTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.choose_files = lambda: paths
    window.import_button.click()
    total = sum(len(d.findings) for d in datasets)
    assert f"21 reviews and {total} findings" in window.summary.text()
    model = window.groups_model
    assert sum(g.count for g in model.groups) == total
    assert "Tools" in window.chart.accessibleDescription()
    window.dimension.setCurrentIndex(window.dimension.findData(Dimension.THEME.value))
    row = next(i for i, g in enumerate(model.groups) if g.key == theme_key("Strategy discussions"))
    window.select_group(row)
    assert window.findings_model.rowCount() == model.groups[row].count
    assert window.briefing_button.isEnabled()
    out = tmp_path / "briefing.docx"
    window.choose_briefing_path = lambda theme: (out, "docx")
    window.briefing_button.click()
    assert out.exists() and "briefing was written" in window.summary.text()
    assert _unnamed_controls(window) == []
    window.dimension.setCurrentIndex(window.dimension.findData(Dimension.CATEGORY.value))
    assert not window.briefing_button.isEnabled()


def test_a_file_can_be_attached_to_a_note_with_undo(
    qtbot: QtBot, tmp_path: Path, message_boxes: list[object]
) -> None:
    library = MemoryLibrary()
    service = LibraryService(library)
    service.add(LearningNote(title="Hindsight bias", body="Outcome knowledge colours judgement"))
    window = LearningLibraryWindow(MemoryAccess(library), ImmediateTaskRunner())
    qtbot.addWidget(window)
    page = window.page
    assert page is not None
    page.list.setCurrentRow(0)
    handout = tmp_path / "handout page 3.png"
    handout.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048)
    page.choose_attachment = lambda: handout
    page.attach_button.click()
    [note] = service.notes()
    assert [(a.name, a.media_type, a.data) for a in note.attachments] == [
        ("handout page 3.png", "image/png", handout.read_bytes())
    ]
    window.undo_stack.undo()
    assert service.notes()[0].attachments == ()
    window.undo_stack.redo()
    assert len(service.notes()[0].attachments) == 1

    too_big = tmp_path / "whole handbook.pdf"
    too_big.write_bytes(b"0" * (5 * 1048576 + 1))
    page.list.setCurrentRow(0)
    page.choose_attachment = lambda: too_big
    page.attach_button.click()
    assert len(service.notes()[0].attachments) == 1  # refused, nothing changed
    assert message_boxes, "the reviewer is told why"


def test_collation_window_merges_filters_removes_and_explains_refusals(
    qtbot: QtBot, tmp_path: Path, message_boxes: list[Shown]
) -> None:
    from dataclasses import replace

    from reviewer_app.learning.collation import CollationFilter
    from tests.reviewer_app.learning.test_collation_gate import _leaky

    datasets = [d for d in synthetic(40) if d.findings][:18]
    paths = []
    for n, d in enumerate(datasets):
        if n % 3 == 0:  # a slip of the keyboard in some themes
            d = replace(
                d, findings=tuple(replace(f, theme="Stratergy discussions") for f in d.findings)
            )
        paths.append(tmp_path / f"{d.dataset_id}.json")
        paths[-1].write_text(to_json(d), "utf-8")
    leak = tmp_path / "given-to-me.json"
    leak.write_text(to_json(_leaky()), "utf-8")
    window = CollationWindow(CollationService(), export_briefing, ImmediateTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    assert "not kept" in window.kept.text()
    window.choose_files = lambda: [*paths, leak]
    window.import_button.click()
    summary = window.import_summary
    assert "given-to-me.json" in summary.details.toPlainText()
    assert "Jayden" not in summary.details.toPlainText()
    saved = tmp_path / "refused.csv"
    summary.choose_path = lambda: saved
    summary.save_button.click()
    assert "given-to-me.json" in saved.read_text("utf-8")
    summary.close()

    window.dimension.setCurrentIndex(window.dimension.findData(Dimension.THEME.value))
    assert window.merge_area.isVisible()
    texts = [window.merges.list.item(i).text() for i in range(window.merges.list.count())]
    assert any("Stratergy discussions" in t and "Strategy discussions" in t for t in texts)
    before = len(window.groups_model.groups)
    row = next(i for i, t in enumerate(texts) if "Stratergy" in t)
    window.merges.list.setCurrentRow(row)
    qtbot.keyClick(window.merges.list, Qt.Key.Key_Return)
    assert len(window.groups_model.groups) == before - 1
    assert "now counts as" in window.summary.text()

    first_year = min(d.review_year for d in datasets if d.review_year)
    window.filters.year_to.setValue(first_year)
    assert isinstance(window.service.collation.filter, CollationFilter)
    counted = [d for d in datasets if d.review_year is not None and d.review_year <= first_year]
    assert window.summary.text().startswith(f"{len(counted)} review")
    window.filters.reset()

    window.datasets_button.click()
    dialog = window.datasets_dialog
    assert dialog.table.rowCount() == len(datasets)
    dialog.table.selectRow(0)
    dialog.remove_button.click()
    assert dialog.table.rowCount() == len(datasets) - 1
    assert len(window.service.collation.held) == len(datasets) - 1
    dialog.close()

    table = tmp_path / "collated.xlsx"
    window.choose_table_path = lambda: table
    window.table_button.click()
    assert table.exists()
    merges = tmp_path / "merges.json"
    window.choose_merges_path = lambda saving: merges
    window.share_button.click()
    assert "counts_as" in merges.read_text("utf-8")
    assert _unnamed_controls(window) == []


def test_published_reviews_are_imported_searched_and_themed_in_the_library_window(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:
    from tests.reviewer_app.published.corpus import make_corpus, make_scanned_pdf

    made = make_corpus(tmp_path / "reports", 6)
    make_scanned_pdf(tmp_path / "reports" / "scanned.pdf")
    access = StoredLearningLibrary(
        app_paths.data / "learning.library",
        None,
        KeyringStore(NoKeyring()),  # type: ignore[arg-type]
    )
    register(access.create(PASSPHRASE).recovery_code)
    window = LearningLibraryWindow(access, ImmediateTaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.show_published()
    page = window.published
    assert page is not None and window.tabs.currentWidget() is page
    page.choose_folder = lambda: tmp_path / "reports"
    page.import_folder_button.click()
    assert page.status.text().startswith("6 published reviews added")
    assert "scanned.pdf" in message_boxes[-1].text and "text version" in message_boxes[-1].text
    assert page.reports.count() == 7
    page.query.setText(made[3].phrase)
    page.search_button.click()
    assert made[3].title in page.results.toPlainText()
    assert 'font-weight:700;">quillon0003' in page.results.toHtml()  # the word found, in bold
    row = next(
        i
        for i in range(page.reports.count())
        if page.reports.item(i).text().startswith(made[0].title + " ")
    )
    page.reports.setCurrentRow(row)
    assert page.themes.count() >= 2
    page.themes.setCurrentRow(0)
    page.confirm_button.click()
    assert "confirmed" in page.themes.item(0).text()
    page.partnership.setText("Westvale Safeguarding Children Partnership")
    page.save_button.click()
    assert page.library.report(page.current_id() or 0).partnership.startswith("Westvale")
    assert _unnamed_controls(window) == []
    window.close()


Done = Callable[[object], None]
Failed = Callable[[Exception], None]


class HeldTaskRunner:
    """Work started is held until the test lets it run, as a worker thread would."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], object], Done, Failed]] = []

    def start(
        self,
        work: Callable[[], object],
        done: Done,
        failed: Failed,
    ) -> None:
        self.held.append((work, done, failed))

    def run_all(self) -> None:
        while self.held:
            work, done, failed = self.held.pop(0)
            try:
                result = work()
            except Exception as error:
                failed(error)
            else:
                done(result)


def _library(app_paths: AppPaths) -> StoredLearningLibrary:
    access = StoredLearningLibrary(
        app_paths.data / "learning.library",
        None,
        KeyringStore(NoKeyring()),  # type: ignore[arg-type]
    )
    register(access.create(PASSPHRASE).recovery_code)
    return access


def test_closing_the_library_during_a_published_import_waits_for_it_to_stop(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths
) -> None:
    from tests.reviewer_app.published.corpus import make_corpus

    make_corpus(tmp_path / "reports", 4, seed=41)
    access = _library(app_paths)
    runner = HeldTaskRunner()
    window = LearningLibraryWindow(access, runner)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    page = window.published
    assert page is not None
    page.choose_folder = lambda: tmp_path / "reports"
    page.import_folder_button.click()
    assert page.busy and runner.held
    window.close()  # the window goes at once; the file stays open while the import stops
    assert not window.isVisible() and access.published is not None
    assert "Stopping" in page.status.text()
    runner.run_all()  # the import sees the request and stops before its first file
    assert access.published is None
    assert "stopped before the end" in page.status.text()


def test_locking_during_a_published_import_hides_the_library_and_says_nothing(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:
    """Locking closes the window, then the file, while the import still runs: the window is
    gone at once, and the import's failure on the closed file is not shown over the lock."""
    from tests.reviewer_app.published.corpus import make_corpus

    make_corpus(tmp_path / "reports", 2, seed=42)
    access = _library(app_paths)
    runner = HeldTaskRunner()
    window = LearningLibraryWindow(access, runner)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    page = window.published
    assert page is not None
    page.choose_folder = lambda: tmp_path / "reports"
    page.import_folder_button.click()
    shown = len(message_boxes)
    window.close()
    access.close()  # as the start window does on locking
    assert not window.isVisible()
    runner.run_all()  # the library is closed: nothing is read from it, nothing is shown
    assert len(message_boxes) == shown


def test_the_collation_window_refuses_changes_once_its_library_is_closed(
    qtbot: QtBot, tmp_path: Path, app_paths: AppPaths, message_boxes: list[Shown]
) -> None:
    access = _library(app_paths)
    assert access.collation is not None
    datasets = [d for d in synthetic(30, seed=8) if d.findings][:6]
    paths = []
    for d in datasets:
        paths.append(tmp_path / f"{d.dataset_id}.json")
        paths[-1].write_text(to_json(d), "utf-8")
    runner = HeldTaskRunner()
    published = access.published
    assert published is not None
    counting = PublishedLibrary(published)
    service = CollationService(
        access.collation, published=lambda chosen: counting.theme_counts(year_from=chosen.year_from)
    )
    window = CollationWindow(service, export_briefing, runner)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.choose_files = lambda: paths
    window.import_button.click()
    # while the datasets are read in the background, nothing else may change the collation
    assert not window.clear_button.isEnabled() and not window.merge_area.isEnabled()
    runner.run_all()
    assert window.clear_button.isEnabled() and len(window.service.collation.held) == 6

    access.close()  # the library window was closed, say
    for dimension in Dimension:  # counting goes on, without the published reviews' counts
        window.dimension.setCurrentIndex(window.dimension.findData(dimension.value))
    window.clear_button.click()
    assert "learning library is closed" in message_boxes[-1].text
    assert len(window.service.collation.held) == 6  # nothing changed
    window.datasets_button.click()
    window.datasets_dialog.table.selectRow(0)
    window.datasets_dialog.remove_button.click()
    assert len(window.service.collation.held) == 6
    window.datasets_dialog.close()
    window.choose_files = lambda: paths[:1]
    more = synthetic(1, seed=99)[0]
    paths[0].write_text(to_json(more), "utf-8")
    window.import_button.click()
    runner.run_all()
    assert "learning library is closed" in message_boxes[-1].text
    assert len(window.service.collation.held) == 6 and window.import_button.isEnabled()


def test_not_the_same_by_keyboard_and_shared_merges_used_in_another_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from dataclasses import replace

    datasets = [d for d in synthetic(40, seed=13) if d.findings][:12]
    paths = []
    for n, d in enumerate(datasets):
        if n % 3 == 0:
            d = replace(
                d, findings=tuple(replace(f, theme="Stratergy discussions") for f in d.findings)
            )
        paths.append(tmp_path / f"{d.dataset_id}.json")
        paths[-1].write_text(to_json(d), "utf-8")

    def window_with_datasets() -> CollationWindow:
        window = CollationWindow(CollationService(), export_briefing, ImmediateTaskRunner())  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        window.choose_files = lambda: paths
        window.import_button.click()
        window.dimension.setCurrentIndex(window.dimension.findData(Dimension.THEME.value))
        return window

    def offered(window: CollationWindow) -> list[str]:
        return [window.merges.list.item(i).text() for i in range(window.merges.list.count())]

    first = window_with_datasets()
    row = next(i for i, t in enumerate(offered(first)) if "Stratergy" in t)
    first.merges.list.setCurrentRow(row)
    qtbot.keyClick(first.merges.list, Qt.Key.Key_Delete)  # Not the same
    assert not any("Stratergy" in t for t in offered(first))
    before = len(first.groups_model.groups)

    second = window_with_datasets()
    row = next(i for i, t in enumerate(offered(second)) if "Stratergy" in t)
    second.merges.list.setCurrentRow(row)
    qtbot.keyClick(second.merges.list, Qt.Key.Key_Return)  # Merge
    shared = tmp_path / "merges.json"
    second.choose_merges_path = lambda saving: shared
    second.share_button.click()

    first.choose_merges_path = lambda saving: shared
    first.use_shared_button.click()
    assert len(first.groups_model.groups) == before - 1
    assert "1 theme merge added" in first.summary.text()
