"""The reviewer's own text for the narrative sections of the draft report.

Each narrative section of a report template (`resources/report_templates/*.json`: the
executive summary, the introduction, the case summary, the conclusions, …) is written by the
reviewer in the app, as plain text with paragraphs separated by blank lines (lines starting
"1." or "-" make a list). The text is kept by the section's key, so it stays with the review
whichever template the report is built from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.errors import InvalidInputError

#: The longest text one section may hold (a very long report section is some 30,000 characters).
MAX_SECTION_TEXT = 200_000
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True, slots=True)
class SectionText:
    """What the reviewer has written for one section ("" : nothing yet)."""

    key: str
    text: str = ""

    @property
    def written(self) -> bool:
        return bool(self.text.strip())


def checked(section: SectionText) -> SectionText:
    """The section as it may be stored (line endings made plain), or a clear refusal."""
    if not _KEY.match(section.key):
        raise InvalidInputError(
            f"'{section.key[:70]}' is not the name of a report section: use the section keys "
            "of the report templates, such as 'executive-summary' or 'conclusions'."
        )
    text = section.text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_SECTION_TEXT:
        raise InvalidInputError(
            f"The text for the section is {len(text):,} characters long; one section can hold "
            f"up to {MAX_SECTION_TEXT:,}. Split it or shorten it."
        )
    return SectionText(section.key, text)


class ReportTextRepository(Protocol):
    def texts(self) -> dict[str, str]:
        """Every section written so far, by key (empty texts are not kept)."""
        ...

    def save_text(self, key: str, text: str) -> None:
        """Keep `text` for the section (an empty text takes the section's text away)."""
        ...
