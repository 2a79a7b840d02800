"""Use cases of the drafts and the comments round: versions sent out, comments read back from
returned copies into the response log, and the reviewer's responses.

The version numbers are the report's own (each export records its version in the review's
log, `reviewer_app.reporting.log`); this service never counts versions itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer_app.drafts.model import Circulation, DraftComment, DraftsRepository
from reviewer_app.errors import InvalidInputError
from reviewer_app.problems import Category, Problem, Where
from reviewer_app.reporting.log import EXPORT_KIND, ReviewLog, exported_version
from reviewer_app.services.changes import ChangeBus, Part, writes


@dataclass(frozen=True, slots=True)
class DraftVersion:
    """A version of the report as first exported: its number, date and status key."""

    number: int
    exported_on: dt.date
    status: str


@dataclass(frozen=True, slots=True)
class ImportedComments:
    version: int
    added: tuple[DraftComment, ...]
    already_logged: int  # read before from the same copy, so not added again

    def summary(self, from_name: str) -> str:
        count = len(self.added)
        noun = "comment or change" if count == 1 else "comments and changes"
        text = f"{count} {noun} from {from_name} on version {self.version} added to the log."
        if self.already_logged:
            text += f" {self.already_logged} already in the log were not added again."
        return text


class DraftsService:
    def __init__(
        self,
        repository: DraftsRepository,
        log: ReviewLog | None,
        changes: ChangeBus | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._log = log
        self._today = today

    def today(self) -> dt.date:
        return self._today()

    # -- versions and who they went to ---------------------------------------------------------
    def versions(self) -> list[DraftVersion]:
        """Every version of the report exported so far, oldest first."""
        if self._log is None:
            return []
        found: dict[int, DraftVersion] = {}
        for entry in self._log.entries(EXPORT_KIND):
            parsed = exported_version(entry)
            if parsed is not None and entry.count not in found:
                found[entry.count] = DraftVersion(entry.count, entry.at.date(), parsed[0])
        return [found[n] for n in sorted(found)]

    def circulations(self) -> list[Circulation]:
        return self._repository.circulations()

    @writes(Part.DRAFTS)
    def record_circulation(self, circulation: Circulation) -> Circulation:
        self._check_version(circulation.version)
        return self._repository.add_circulation(circulation)

    @writes(Part.DRAFTS)
    def remove_circulation(self, circulation: Circulation) -> None:
        if circulation.id is not None:
            self._repository.remove_circulation(circulation.id)

    # -- the response log ----------------------------------------------------------------------
    def comments(self) -> list[DraftComment]:
        return self._repository.comments()

    def unanswered(self) -> list[DraftComment]:
        return [c for c in self._repository.comments() if not c.answered]

    @writes(Part.DRAFTS)
    def import_comments(
        self, path: Path, from_name: str, version: int | None = None
    ) -> ImportedComments:
        """Read a returned copy's comments and tracked changes into the log (all or none)."""
        if not from_name.strip():
            raise InvalidInputError(
                "Say who returned the copy (a person, agency or group), so their comments can "
                "be answered."
            )
        # lxml, through the reader, is loaded when a copy is first read, not at start
        from reviewer_app.importers.word_comments import read_returned_copy

        copy = read_returned_copy(path)
        number = version or copy.version
        if number is None:
            raise InvalidInputError(
                f"'{path.name}' does not say which version of the draft it is (its title page "
                "has no 'Version' line). Say which version it is, then import it again."
            )
        self._check_version(number)
        logged = self._repository.comments()
        fresh = [
            c for c in copy.comments if not any(old.same_as(c, number, from_name) for old in logged)
        ]
        today = self._today()
        added = self._repository.add_comments(
            [DraftComment(number, from_name.strip(), c, today) for c in fresh]
        )
        return ImportedComments(number, tuple(added), len(copy.comments) - len(fresh))

    @writes(Part.DRAFTS)
    def remove_imported(self, imported: ImportedComments) -> ImportedComments:
        """Take an import's comments out of the log again (undo); returns them as stored."""
        ids = [c.id for c in imported.added if c.id is not None]
        kept = tuple(c for c in self._repository.comments() if c.id in ids)
        self._repository.remove_comments(ids)
        return replace(imported, added=kept)

    @writes(Part.DRAFTS)
    def restore_imported(self, imported: ImportedComments) -> None:
        """Put back comments `remove_imported` took out, with their ids and responses (redo)."""
        self._repository.add_comments(list(imported.added))

    @writes(Part.DRAFTS)
    def save_response(self, comment: DraftComment) -> None:
        """Store the comment's response and whether the draft changed (nothing else of it)."""
        self._repository.update_comment(comment)

    @writes(Part.DRAFTS)
    def respond(self, comment: DraftComment, response: str, draft_changed: bool) -> DraftComment:
        updated = replace(comment, response=response, draft_changed=draft_changed)
        self._repository.update_comment(updated)
        return updated

    def problems(self) -> list[Problem]:
        """For the next draft's readiness check: each returned copy with comments unanswered."""
        waiting: dict[tuple[int, str], int] = {}
        for comment in self.unanswered():
            key = (comment.version, comment.from_name)
            waiting[key] = waiting.get(key, 0) + 1
        found = []
        for (number, who), count in sorted(waiting.items()):
            noun = "comment or change" if count == 1 else "comments and changes"
            found.append(
                Problem(
                    Category.DRAFTS,
                    f"{count} {noun} from {who} on version {number} of the draft "
                    f"{'has' if count == 1 else 'have'} no response yet.",
                    Where.TIMETABLE,
                )
            )
        return found

    def _check_version(self, number: int) -> None:
        known = [v.number for v in self.versions()]
        if self._log is not None and number not in known:
            exported = ", ".join(str(n) for n in known) or "none yet"
            raise InvalidInputError(
                f"Version {number} of the draft was never exported from this review "
                f"(versions exported: {exported}). Check the copy is of this review's draft."
            )
