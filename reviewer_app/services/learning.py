"""Use cases for the reviewer's learning: the library, notes attached to a review, the learning
dataset (through the anonymisation gate) and collation across reviews.

The library lives in its own encrypted file, reached through `LearningLibraryAccess`, which the
composition root provides (`storage.learning_library.StoredLearningLibrary`); the notes attached
to a review live in the review file, through `AttachedNotesRepository`
(`storage.attached_notes_repository.SqlAttachedNotes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.analysis.episode import Episode
from reviewer_app.analysis.finding import Finding
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import Hit, LeakScanner, TextPiece
from reviewer_app.errors import FileAlreadyThereError, InvalidInputError, UserFacingError
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.learning.attached import AttachedNote, NoteTarget, TargetChoice, TargetKind
from reviewer_app.learning.dataset import LearningDataset
from reviewer_app.learning.dataset_builder import build_dataset
from reviewer_app.learning.markdown import file_name_for, from_markdown, to_markdown
from reviewer_app.learning.note import LearningNote
from reviewer_app.learning.repository import (
    AttachedNotesRepository,
    LearningLibraryAccess,
    LearningLibraryRepository,
    LibraryCreated,
)
from reviewer_app.new_files import write_new_atomic
from reviewer_app.reporting.inputs import LearningNoteInput, register_for
from reviewer_app.services.changes import ChangeBus, Part, writes

#: Markdown files bigger than this are not notes (1 MiB of text is several hundred pages).
MAX_NOTE_FILE_BYTES = 1024 * 1024


# -- the library ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportedNote:
    note: LearningNote
    outcome: str  # "added" | "updated" | "unchanged"
    before: LearningNote | None = None  # the library's note before an update (for undo)


class LibraryService:
    def __init__(self, repository: LearningLibraryRepository) -> None:
        self._repository = repository

    def notes(self, text: str = "", tag: str = "") -> list[LearningNote]:
        everything = self._repository.notes()
        if not text.strip() and not tag.strip():
            return everything
        wanted = set(self._repository.search(text, tag))
        return [n for n in everything if n.id in wanted]

    def note(self, note_id: int) -> LearningNote:
        return self._repository.note(note_id)

    def by_uid(self, uid: str) -> LearningNote | None:
        return self._repository.by_uid(uid)

    def tags(self) -> list[tuple[str, int]]:
        return self._repository.tags()

    def add(self, note: LearningNote) -> LearningNote:
        return self._repository.save(note.with_changes(id=None))

    def update(self, note: LearningNote) -> LearningNote:
        """Save an edit; the version goes up when anything changed."""
        if note.id is None:
            raise InvalidInputError("Only a note already in the library can be changed.")
        stored = self._repository.note(note.id)
        if stored.same_content(note):
            return stored
        return self._repository.save(note.with_changes(version=stored.version + 1, uid=stored.uid))

    def put_back(self, note: LearningNote) -> LearningNote:
        """Store `note` exactly as it was (undoing a delete or an edit): same id, same version."""
        return self._repository.save(note)

    def delete(self, note_id: int) -> LearningNote:
        """Remove a note; returns it, so the deletion can be undone."""
        note = self._repository.note(note_id)
        self._repository.delete(note_id)
        return note

    # -- Markdown files ----------------------------------------------------------------------
    def import_markdown_text(self, text: str, name: str = "the file") -> ImportedNote:
        note = from_markdown(text, name)
        existing = self._repository.by_uid(note.uid)
        if existing is None:
            return ImportedNote(self._repository.save(note.with_changes(id=None)), "added")
        merged = note.with_changes(attachments=existing.attachments, id=existing.id)
        if existing.same_content(merged):
            return ImportedNote(existing, "unchanged")
        saved = self._repository.save(
            merged.with_changes(version=max(existing.version + 1, note.version))
        )
        return ImportedNote(saved, "updated", existing)

    def import_markdown(self, paths: Sequence[Path]) -> list[ImportedNote]:
        """Read every file before saving any, so one bad file changes nothing."""
        texts: list[tuple[str, str]] = []
        for path in paths:
            if path.stat().st_size > MAX_NOTE_FILE_BYTES:
                raise InvalidInputError(f"'{path.name}' is too big to be a learning note.")
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidInputError(
                    f"'{path.name}' is not a UTF-8 text file, so it is not a learning note."
                ) from exc
            from_markdown(text, path.name)  # refuse a bad file before anything is saved
            texts.append((text, path.name))
        return [self.import_markdown_text(text, name) for text, name in texts]

    def export_markdown(self, note_ids: Iterable[int], folder: Path) -> list[Path]:
        """Each note as a Markdown file in `folder` (never over an existing file), with its
        attachments beside it in a folder named after the note. These files are not encrypted."""
        written: list[Path] = []
        for note_id in note_ids:
            note = self._repository.note(note_id)
            path = _free_name(folder / file_name_for(note))
            write_new_atomic(path, to_markdown(note).encode("utf-8"))
            written.append(path)
            if note.attachments:
                extra = _free_name(folder / f"{path.stem} attachments")
                extra.mkdir(mode=0o700)
                for attachment in note.attachments:
                    write_new_atomic(_free_name(extra / attachment.name), attachment.data)
        return written


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileAlreadyThereError(f"There are too many files named like '{path.name}' already.")


# -- notes attached to a review ----------------------------------------------------------------


def target_choices(
    findings: Iterable[Finding],
    markers: Iterable[tuple[int, str]],
    episodes: Iterable[Episode],
) -> list[TargetChoice]:
    """What a note can be attached to, labelled for the attach dialog, in the review's order."""
    choices = [
        TargetChoice(NoteTarget(TargetKind.FINDING, f.id), f"Finding {n}: {_short(f.statement)}")
        for n, f in enumerate(findings, start=1)
        if f.id is not None
    ]
    choices += [
        TargetChoice(
            NoteTarget(TargetKind.EPISODE, e.id), f"Key practice episode: {_short(e.title)}"
        )
        for e in episodes
        if e.id is not None
    ]
    choices += [
        TargetChoice(NoteTarget(TargetKind.MARKER, number), f"Quality marker {number}: {title}")
        for number, title in markers
    ]
    return choices


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def learning_note_inputs(attached: Iterable[AttachedNote]) -> tuple[LearningNoteInput, ...]:
    """The report appendix's learning notes: those marked for the report, in attached order."""
    return tuple(
        LearningNoteInput(title=a.note.title, text=a.note.body, source=a.note.source)
        for a in attached
        if a.in_report
    )


@dataclass(frozen=True, slots=True)
class Change:
    """An attached note before and after a change, so it can be undone."""

    before: AttachedNote
    after: AttachedNote


class AttachedNotesService:
    def __init__(
        self, repository: AttachedNotesRepository, changes: ChangeBus | None = None
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository

    def attached(self) -> list[AttachedNote]:
        return self._repository.attached()

    def attached_to(self, target: NoteTarget) -> list[AttachedNote]:
        return [a for a in self.attached() if target in a.targets]

    @writes(Part.LEARNING)
    def attach(
        self, note: LearningNote, targets: Iterable[NoteTarget] = (), *, in_report: bool = True
    ) -> AttachedNote:
        """Copy a library note into the review. Attaching a note that is already there adds the
        new targets to the copy there is (one copy per note and review)."""
        wanted = tuple(sorted(set(targets)))
        existing = next((a for a in self.attached() if a.note.uid == note.uid), None)
        if existing is not None:
            joined = tuple(sorted({*existing.targets, *wanted}))
            return self._repository.save(existing.with_changes(targets=joined))
        copy = AttachedNote(note=note.with_changes(id=None), targets=wanted, in_report=in_report)
        return self._repository.save(copy)

    @writes(Part.LEARNING)
    def detach(self, attached_id: int) -> AttachedNote:
        """Remove the copy from the review; returns it so the removal can be undone."""
        found = next((a for a in self.attached() if a.id == attached_id), None)
        if found is None:
            raise InvalidInputError("That note is no longer attached to this review.")
        self._repository.remove(attached_id)
        return found

    @writes(Part.LEARNING)
    def put_back(self, attached: AttachedNote) -> AttachedNote:
        return self._repository.save(attached)

    @writes(Part.LEARNING)
    def change(self, attached: AttachedNote, **changes: object) -> Change:
        """Change targets or `in_report` of an attached note."""
        after = self._repository.save(attached.with_changes(**changes))
        return Change(attached, after)

    def behind(self, library: LibraryService) -> list[tuple[AttachedNote, LearningNote]]:
        """Attached notes whose library original has changed since they were copied."""
        found = []
        for attached in self.attached():
            original = library.by_uid(attached.note.uid)
            if original is not None and attached.is_behind(original):
                found.append((attached, original))
        return found

    @writes(Part.LEARNING)
    def pull(self, attached: AttachedNote, original: LearningNote) -> Change:
        """Bring the copy up to date with the library's note (keeping its targets)."""
        if original.uid != attached.note.uid:
            raise InvalidInputError("That library note is not the original of this copy.")
        after = self._repository.save(attached.with_changes(note=original.with_changes(id=None)))
        return Change(attached, after)

    def report_inputs(self) -> tuple[LearningNoteInput, ...]:
        return learning_note_inputs(self.attached())


# -- the learning dataset ------------------------------------------------------------------------


class DatasetBlockedError(UserFacingError):
    """The anonymisation gate found something identifying in the dataset; nothing was written.
    The message says where and what kind, never the found text."""

    title = "The learning dataset was not exported"

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        lines = [h.describe(with_text=False) for h in hits[:25]]
        if len(hits) > 25:
            lines.append(f"… and {len(hits) - 25} more")
        noun = "thing" if len(hits) == 1 else "things"
        super().__init__(
            f"The anonymisation check found {len(hits)} {noun} in the learning dataset that "
            "could identify the family, so nothing was exported. Change the findings' themes or "
            "questions for the board, then export again:\n  " + "\n  ".join(lines)
        )


def dataset_pieces(dataset: LearningDataset) -> list[TextPiece]:
    return [TextPiece(where, what, text) for where, what, text in dataset.texts() if text]


def dataset_hits(dataset: LearningDataset, register: PseudonymRegister) -> list[Hit]:
    return LeakScanner(register).scan_pieces(dataset_pieces(dataset))


def anonymised_dataset(snapshot: ReviewSnapshot, register: PseudonymRegister) -> LearningDataset:
    """The review's learning dataset, pseudonymised and scanned; `DatasetBlockedError` if the
    gate finds anything identifying left in it."""
    full = register_for(snapshot, register)
    pseudonymiser = Pseudonymiser(full)
    dataset = build_dataset(snapshot, pseudonymiser.apply)
    hits = dataset_hits(dataset, full)
    if hits:
        raise DatasetBlockedError(hits)
    return dataset


__all__ = [
    "AttachedNotesRepository",
    "AttachedNotesService",
    "DatasetBlockedError",
    "LearningLibraryAccess",
    "LearningLibraryRepository",
    "LibraryCreated",
    "LibraryService",
    "anonymised_dataset",
    "dataset_hits",
    "learning_note_inputs",
    "target_choices",
]
