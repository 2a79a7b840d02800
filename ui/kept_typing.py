"""What the reviewer typed that could not be saved, kept in memory across a lock.

When the review locks (by hand or for idleness) a form may hold text the file refuses (an
impossible date such as 31/02/2019, an empty title where one was saved). That text is never
written anywhere: the page hands it over as a `KeptForm`, the window holds it in memory only
while the review is locked (the key is dropped and no case text is shown), and after unlock the
same page types it back into the same item's form, saying it still needs correcting.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Said beside a form whose typing was put back after the review was unlocked.
PUT_BACK_NOTE = (
    "What you typed here before the review locked could not be saved, so it was kept and has "
    "been put back: correct it below."
)


@dataclass(frozen=True, slots=True)
class KeptForm:
    """One form's unsaveable typing: which item it was for, and the text of each field."""

    item_id: int | None  # None: a new item not yet added
    texts: tuple[str | None, ...]
    problem: str = ""  # what was said beside the form
    field: int = -1  # for a table edited a cell at a time: the cell's column

    def __repr__(self) -> str:  # never case text in a log or a traceback
        return f"KeptForm(item_id={self.item_id}, fields={len(self.texts)})"


#: Section key -> the kept typing of that section's page.
Kept = dict[str, KeptForm]


def describe(kept: Kept, titles: dict[str, str]) -> str:
    """The sections holding typing that cannot be saved, for a question before closing."""
    return ", ".join(titles.get(key, key) for key in kept)
