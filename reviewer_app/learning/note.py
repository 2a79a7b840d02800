"""A learning note from a masterclass or event, and the small files that may go with it."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field, replace

from reviewer_app.errors import InvalidInputError

#: The largest attachment kept inside the library (and copied into a review): 5 MiB. Notes are
#: for slides' key pages and handouts, not recordings; big files would slow every backup.
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
_TAG_SPACE = re.compile(r"\s+")


def new_uid() -> str:
    """A random id that follows a note through Markdown files and into reviews."""
    return uuid.uuid4().hex


def normalise_tag(text: str) -> str:
    """Tags are compared in lower case with single spaces: "Hindsight  Bias" = "hindsight bias"."""
    return _TAG_SPACE.sub(" ", text.strip()).lower()


def normalise_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tidied, without blanks or repeats, in alphabetical order."""
    return tuple(sorted({normalise_tag(t) for t in tags if normalise_tag(t)}))


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as a comma-separated list."""
    return normalise_tags(text.split(","))


@dataclass(frozen=True, slots=True)
class Attachment:
    """A small file kept with a note (a handout page, a diagram)."""

    name: str
    data: bytes
    media_type: str = "application/octet-stream"
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip() or "/" in self.name or "\\" in self.name:
            raise InvalidInputError("An attachment needs a plain file name.")
        if len(self.data) > MAX_ATTACHMENT_BYTES:
            raise InvalidInputError(
                f"'{self.name}' is {len(self.data) / 1048576:.1f} MiB; attachments can be at "
                f"most {MAX_ATTACHMENT_BYTES // 1048576} MiB. Attach the key pages only."
            )

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class LearningNote:
    """One note. `uid` stays the same in Markdown files and in the copies attached to reviews;
    `version` goes up by one whenever the library's note is changed."""

    title: str
    body: str = ""  # Markdown
    event: str = ""  # the masterclass or event: "Masterclass 3: hindsight bias"
    held_on: dt.date | None = None
    facilitator: str = ""
    tags: tuple[str, ...] = ()
    uid: str = field(default_factory=new_uid)
    version: int = 1
    attachments: tuple[Attachment, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidInputError("A learning note needs a title.")
        if not re.fullmatch(r"[0-9a-f]{32}", self.uid):
            raise InvalidInputError("A learning note's id must be 32 hexadecimal characters.")
        if self.version < 1:
            raise InvalidInputError("A learning note's version starts at 1.")
        object.__setattr__(self, "tags", normalise_tags(self.tags))

    def with_changes(self, **changes: object) -> LearningNote:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def source(self) -> str:
        """Where the note comes from, in a line: "Masterclass 3 (12/03/2026, A. Facilitator)"."""
        when = self.held_on.strftime("%d/%m/%Y") if self.held_on else ""
        extra = [x for x in (when, self.facilitator.strip()) if x]
        event = self.event.strip()
        if extra:
            return f"{event} ({', '.join(extra)})".strip() if event else ", ".join(extra)
        return event

    def same_content(self, other: LearningNote) -> bool:
        """The same words and metadata (ids, versions and attachment row ids aside)."""
        return (
            self.title,
            self.body,
            self.event,
            self.held_on,
            self.facilitator,
            self.tags,
            tuple((a.name, a.media_type, a.data) for a in self.attachments),
        ) == (
            other.title,
            other.body,
            other.event,
            other.held_on,
            other.facilitator,
            other.tags,
            tuple((a.name, a.media_type, a.data) for a in other.attachments),
        )
