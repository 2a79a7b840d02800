"""The drafts and the response log as `reviewer-app drafts` prints them: tab-separated lines
that a script can read, one record per line (tabs and new lines inside text become spaces).

    version<TAB>N<TAB>first exported (ISO)<TAB>status
    sent<TAB>N<TAB>date (ISO)<TAB>to whom<TAB>purpose
    comment<TAB>N<TAB>from<TAB>kind<TAB>Word author<TAB>passage<TAB>what was said<TAB>
        response (or -)<TAB>changed | unchanged
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from reviewer_app.drafts.model import Circulation, DraftComment


class VersionLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def exported_on(self) -> dt.date: ...
    @property
    def status(self) -> str: ...


def _flat(text: str) -> str:
    return " ".join(text.split()) or "-"


def draft_lines(
    versions: Sequence[VersionLike],
    circulations: Sequence[Circulation],
    comments: Sequence[DraftComment],
) -> list[str]:
    lines = []
    numbers = sorted(
        {v.number for v in versions} | {c.version for c in circulations}
        | {c.version for c in comments}
    )  # fmt: skip
    by_number = {v.number: v for v in versions}
    for number in numbers:
        version = by_number.get(number)
        if version is not None:
            lines.append(f"version\t{number}\t{version.exported_on.isoformat()}\t{version.status}")
        for sent in (c for c in circulations if c.version == number):
            lines.append(
                f"sent\t{number}\t{sent.sent_on.isoformat()}\t{_flat(sent.sent_to)}\t"
                f"{sent.purpose.value}"
            )
        for comment in (c for c in comments if c.version == number):
            said = comment.comment
            lines.append(
                "\t".join(
                    (
                        "comment",
                        str(number),
                        _flat(comment.from_name),
                        said.kind.value,
                        _flat(said.author),
                        _flat(said.passage),
                        _flat(said.said),
                        _flat(comment.response),
                        "changed" if comment.draft_changed else "unchanged",
                    )
                )
            )
    return lines
