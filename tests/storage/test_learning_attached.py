"""Notes attached to a review: copied in whole, linked to their original, pulled on request."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.analysis.finding import Finding
from reviewer_app.learning.attached import NoteTarget, TargetKind
from reviewer_app.learning.note import Attachment, LearningNote
from reviewer_app.paths import AppPaths
from reviewer_app.reporting.inputs import LearningNoteInput
from reviewer_app.services.learning import (
    AttachedNotesService,
    LibraryService,
    learning_note_inputs,
)
from reviewer_app.wiring import open_services
from storage.attached_notes_repository import SqlAttachedNotes
from storage.learning_library import LearningLibraryFile, SqlLearningLibrary
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE, register


def test_attach_refresh_detach_and_report_inputs(tmp_path: Path, app_paths: AppPaths) -> None:
    library_file, code = LearningLibraryFile.create(tmp_path / "l.library", PASSPHRASE)
    register(code)
    library = LibraryService(SqlLearningLibrary(lambda: library_file.engine))
    original = library.add(
        LearningNote(
            title="Hindsight bias",
            body="Judge practice by what was known then.",
            event="Masterclass 3",
            tags=("bias",),
            attachments=(Attachment("slide.png", b"png-bytes", "image/png"),),
        )
    )
    review = new_review(tmp_path / "r.review", app_paths)
    analysis = open_services(review).analysis
    finding = analysis.save_finding(Finding("Bruising was not referred"))
    assert finding.id is not None
    service = AttachedNotesService(SqlAttachedNotes(lambda: review.file.engine))

    target = NoteTarget(TargetKind.FINDING, finding.id)
    attached = service.attach(original, [target, NoteTarget(TargetKind.MARKER, 13)])
    assert attached.note.same_content(original)
    assert attached.note.uid == original.uid and attached.note.version == 1
    assert attached.targets == (target, NoteTarget(TargetKind.MARKER, 13))
    assert service.attached_to(target) == [attached]
    # attaching again adds targets to the one copy
    again = service.attach(original, [NoteTarget(TargetKind.MARKER, 11)])
    assert len(service.attached()) == 1 and len(again.targets) == 3

    assert service.behind(library) == []
    changed = library.update(original.with_changes(body="Judge by what was known at the time."))
    assert changed.version == 2
    [(stale, newer)] = service.behind(library)
    change = service.pull(stale, newer)
    assert change.after.note.body == "Judge by what was known at the time."
    assert change.after.note.version == 2 and change.after.targets == again.targets
    assert service.behind(library) == []

    assert service.report_inputs() == (
        LearningNoteInput(
            "Hindsight bias", "Judge by what was known at the time.", "Masterclass 3"
        ),
    )
    hidden = service.change(change.after, in_report=False).after
    assert learning_note_inputs([hidden]) == ()

    # deleting the finding takes its link with it, not the note
    analysis.delete_finding(finding.id)
    assert target not in service.attached()[0].targets

    removed = service.detach(hidden.id or 0)
    assert service.attached() == []
    assert service.put_back(removed) == removed
    # the copy stays in the review when the library is closed: the file is self-contained
    library_file.close()
    review.close()
    reopened = review_files(app_paths).open(tmp_path / "r.review", passphrase=PASSPHRASE)
    copies = AttachedNotesService(SqlAttachedNotes(lambda: reopened.file.engine)).attached()
    assert [c.note.title for c in copies] == ["Hindsight bias"]
    assert copies[0].note.attachments[0].data == b"png-bytes"
    reopened.close()
