"""Which words of the report the reviewer wrote, and which are the app's own.

While a report is built, every text that comes from the review passes through the
pseudonymiser, which wraps it in two private-use characters; the app's headings, prompts and
notes never are. When the report is finished the marks are taken out again and what remains is,
for each text, the spans the reviewer wrote. The leak scan reads those spans for everything, and
the app's own words only for what cannot be an everyday word (see `scan`).

Marks that come apart (a marked text cut in two) fail safe: an opening mark with no closing one
counts to the end of the text, a closing mark with no opening one from its start.
"""

from __future__ import annotations

import re

OPEN = "\ue000"
CLOSE = "\ue001"
Span = tuple[int, int]
_MARKS = re.compile("[\ue000\ue001]")


def mark(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}" if text else text


def is_marked(text: str) -> bool:
    return OPEN in text or CLOSE in text


def unmark(text: str) -> tuple[str, tuple[Span, ...]]:
    """The text without marks, and the spans (in it) that were marked."""
    if OPEN not in text and CLOSE not in text:
        return text, ()
    if text[0] == OPEN and text[-1] == CLOSE and text.count(OPEN) == 1 and text.count(CLOSE) == 1:
        return text[1:-1], ((0, len(text) - 2),) if len(text) > 2 else ()  # marked whole
    spans: list[Span] = []
    depth = opened = 0
    for removed, found in enumerate(_MARKS.finditer(text)):
        at = found.start() - removed  # where the mark falls in the text without marks
        if found.group(0) == OPEN:
            if depth == 0:
                opened = at
            depth += 1
        elif depth == 0:  # closing with no opening: from the start of the text
            spans = [(0, at)]
        else:
            depth -= 1
            if depth == 0:
                spans.append((opened, at))
    plain = strip_marks(text)
    if depth:
        spans.append((opened, len(plain)))
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return plain, tuple(merged)


def strip_marks(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "") if is_marked(text) else text
