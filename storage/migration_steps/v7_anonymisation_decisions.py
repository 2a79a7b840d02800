"""Schema version 7: the reviewer's decisions on what the anonymisation gate found.

"Not a name" (a capitalised word that is an ordinary word in this review, or a registered
person's everyday-word name that is not them in one place) and "same as" (a form the gate could
not place, such as half of a double-barrelled surname, that names a registered person). Each
holds the found form as a normalised key, and for a decision about one place the two words
either side of it (`context`); never more of the case text than that.
"""

from __future__ import annotations

DESCRIPTION = "decisions on what the anonymisation check found"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE anonymisation_decision (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('not-a-name', 'same-as')),
        form TEXT NOT NULL CHECK (trim(form) <> ''),
        pseudonym TEXT NOT NULL DEFAULT '',
        context TEXT NOT NULL DEFAULT '',
        made TEXT NOT NULL
    )
    """,
)
