"""The first run: a welcome that explains how reviews are protected, the demo one click away,
and the user guide shown inside the app from the copy shipped with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import visible_dialog
from ui.application import start
from ui.guide_dialog import GuideDialog
from ui.recent import has_been_welcomed
from ui.tasks import ImmediateTaskRunner
from ui.welcome_dialog import WelcomeDialog


def test_first_run_welcomes_and_opens_the_demo_in_one_click(
    qtbot, app_paths: AppPaths, tmp_path: Path
) -> None:
    files = Sessions(app_paths)
    demo = tmp_path / "demo.review"
    files.add(demo, Review(title="Child M (demonstration)"), PASSPHRASE)
    window = start(
        files,
        paths=app_paths,
        open_path=None,
        demo=False,
        demo_opener=lambda: files.open(demo, passphrase=PASSPHRASE),
        runner=ImmediateTaskRunner(),
    )
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(WelcomeDialog)))
    welcome = visible_dialog(window, WelcomeDialog)
    assert isinstance(welcome, WelcomeDialog)
    text = " ".join(label.text() for label in welcome.findChildren(QLabel))
    for promise in (
        "encrypted file",
        "no network connection",
        "passphrase",
        "keyring",
        "recovery code",
        str(app_paths.data),
    ):
        assert promise in text
    welcome.demo_button.click()
    qtbot.waitUntil(lambda: window.review is not None)
    assert window.windowTitle() == "Child M (demonstration)"
    assert has_been_welcomed(app_paths.settings_file)

    again = start(files, paths=app_paths, open_path=None, demo=False, runner=ImmediateTaskRunner())
    qtbot.addWidget(again)
    qtbot.wait(50)
    assert not any(d.isVisible() for d in again.findChildren(WelcomeDialog))


def test_the_user_guide_renders_inside_the_app_with_its_pictures(qtbot) -> None:
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    for heading in (
        "SCR Reviewer: user guide",
        "Where your reviews are",
        "Importing agencies",
        "The chronology",
        "The timeline",
        "Locking",
    ):
        assert heading in text
    document = dialog.browser.document()
    image = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl("images/page-timeline.png")
    )
    if image is None:  # resolved lazily: ask the browser to load it as it would when painting
        image = dialog.browser.loadResource(
            QTextDocument.ResourceType.ImageResource, QUrl("images/page-timeline.png")
        )
    assert image is not None and not getattr(image, "isNull", lambda: False)()
