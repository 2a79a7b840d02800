"""A reviewer's search words as a safe FTS5 query.

- words: every one must be in the passage ("bruising babies"); Porter stemming in the index
  finds "bruised" for "bruising";
- "a phrase in quotes": those words together, in that order;
- `word NEAR word` (or `"phrase" NEAR word`): both within ten words of each other;
- `OR` between two terms: either.

Anything else (brackets, stars, colons, column filters) is read as plain words, so no input
can be an FTS5 syntax error or reach another column.
"""

from __future__ import annotations

import re

NEAR_DISTANCE = 10
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def _quoted(text: str) -> str:
    words = _WORD.findall(text)
    return '"' + " ".join(words) + '"' if words else ""


def fts_query(user_text: str) -> str:
    """The FTS5 query for what the reviewer typed ("" when there is nothing to look for)."""
    terms: list[str] = []  # each a quoted word or phrase, or an operator
    for match in _TERM.finditer(user_text):
        phrase, bare = match.group(1), match.group(2)
        if bare in ("NEAR", "OR"):
            terms.append(bare)
            continue
        if phrase is not None:
            quoted = _quoted(phrase)
            if quoted:
                terms.append(quoted)
        else:
            terms += [f'"{w}"' for w in _WORD.findall(bare)]
    parts: list[str] = []
    near: list[str] = []  # phrases of the NEAR group being built
    current = ""  # the expression being built (when not a NEAR group)
    operator = ""
    for term in [*terms, ""]:
        if term in ("NEAR", "OR"):
            operator = term if (current or near) else ""
            continue
        if operator == "NEAR" and term and (near or current.startswith('"')):
            near = near or [current]
            near.append(term)
            current = ""
        elif operator == "OR" and term and (current or near):
            left = _near(near) if near else current
            current, near = f"({left} OR {term})", []
        else:
            if near or current:
                parts.append(_near(near) if near else current)
            current, near = term, []
        operator = ""
    return " AND ".join(p for p in parts if p)


def _near(phrases: list[str]) -> str:
    return f"NEAR({' '.join(phrases)}, {NEAR_DISTANCE})"
