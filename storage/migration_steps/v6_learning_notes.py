"""Schema version 6: learning notes attached to a review.

Each attached note is a full copy of a note from the reviewer's library (so the review file
stays self-contained and can be handed on), with the library original's id (`original_uid`) and
the version copied, so changes in the library can be pulled in. A note is attached to the
review as a whole and, optionally, to findings, quality markers and key practice episodes; a
link goes with the finding or episode it points to when that is deleted.
"""

from __future__ import annotations

from storage.migration_steps.attached_files import attached_files_ddl

DESCRIPTION = "learning notes attached to the review"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE attached_note (
        id INTEGER PRIMARY KEY,
        original_uid TEXT NOT NULL UNIQUE CHECK (length(original_uid) = 32),
        original_version INTEGER NOT NULL CHECK (original_version >= 1),
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        event TEXT NOT NULL DEFAULT '',
        held_on TEXT,
        facilitator TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        body TEXT NOT NULL DEFAULT '',
        in_report INTEGER NOT NULL DEFAULT 1 CHECK (in_report IN (0, 1)),
        attached_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE attached_note_target (
        id INTEGER PRIMARY KEY,
        attached_note_id INTEGER NOT NULL REFERENCES attached_note (id) ON DELETE CASCADE,
        finding_id INTEGER REFERENCES finding (id) ON DELETE CASCADE,
        episode_id INTEGER REFERENCES key_episode (id) ON DELETE CASCADE,
        marker INTEGER CHECK (marker BETWEEN 1 AND 99),
        CHECK ((finding_id IS NOT NULL) + (episode_id IS NOT NULL) + (marker IS NOT NULL) = 1)
    )
    """,
    "CREATE INDEX ix_attached_note_target ON attached_note_target (attached_note_id)",
    *attached_files_ddl(
        "attached_note_file", "attached_note_id", "attached_note", index="ix_attached_note_file"
    ),
)
