"""Notes as Markdown files with front matter, so they can be read and kept anywhere.

```
---
title: "Masterclass 3: hindsight bias"
event: "Lead reviewer masterclasses 2026"
date: 2026-03-12
facilitator: "A. Facilitator"
tags: ["hindsight", "systems"]
id: 3f2a…
version: 2
---
The body, exactly as written.
```

Values are JSON (a subset of YAML), one per line, so any title survives the round trip; the body
is everything after the closing `---` line, byte for byte. Files written by hand may leave
strings unquoted and use `tags: a, b`. Attachments are not part of the Markdown file.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from reviewer_app.errors import InvalidInputError
from reviewer_app.learning.note import LearningNote, new_uid, normalise_tags

FENCE = "---"
_KEYS = ("title", "event", "date", "facilitator", "tags", "id", "version")


def to_markdown(note: LearningNote) -> str:
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [
        FENCE,
        f"title: {q(note.title)}",
        f"event: {q(note.event)}",
        f"date: {note.held_on.isoformat() if note.held_on else ''}",
        f"facilitator: {q(note.facilitator)}",
        f"tags: {json.dumps(list(note.tags), ensure_ascii=False)}",
        f"id: {note.uid}",
        f"version: {note.version}",
        FENCE,
    ]
    return "\n".join(lines) + "\n" + note.body


def _problem(name: str, what: str) -> InvalidInputError:
    return InvalidInputError(f"'{name}' is not a learning note file: {what}.")


def _value(raw: str, key: str, name: str) -> Any:
    raw = raw.strip()
    if raw.startswith(('"', "[")):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _problem(name, f"the {key} line could not be read") from exc
    if key == "tags":
        return [part for part in raw.split(",") if part.strip()]
    return raw


def from_markdown(text: str, name: str = "the file") -> LearningNote:
    """The note in a Markdown file; `InvalidInputError` (naming the problem) if it is not one."""
    if text.startswith("\ufeff"):
        text = text[1:]
    first, sep, rest = text.partition("\n")
    if first.rstrip("\r") != FENCE or not sep:
        raise _problem(name, "it does not start with a '---' line of note details")
    fields: dict[str, Any] = {}
    while True:
        line, sep, rest = rest.partition("\n")
        if not sep and line.rstrip("\r") != FENCE:
            raise _problem(name, "the note details have no closing '---' line")
        line = line.rstrip("\r")
        if line == FENCE:
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, raw = line.partition(":")
        key = key.strip().lower()
        if not colon:
            raise _problem(name, f"the line '{line[:40]}' has no 'name: value' shape")
        if key in _KEYS:
            fields[key] = _value(raw, key, name)
    body = rest
    title = fields.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _problem(name, "it has no title")
    held_on = None
    if fields.get("date"):
        try:
            held_on = dt.date.fromisoformat(str(fields["date"]))
        except ValueError as exc:
            raise _problem(name, "its date is not written as YYYY-MM-DD") from exc
    tags = fields.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _problem(name, "its tags are not a list of words")
    uid = str(fields.get("id") or "").strip().lower() or new_uid()
    try:
        version = int(fields.get("version") or 1)
    except (TypeError, ValueError) as exc:
        raise _problem(name, "its version is not a whole number") from exc
    for key in ("event", "facilitator"):
        if not isinstance(fields.get(key, ""), str):
            raise _problem(name, f"its {key} is not text")
    return LearningNote(
        title=title,
        body=body,
        event=str(fields.get("event", "")),
        held_on=held_on,
        facilitator=str(fields.get("facilitator", "")),
        tags=normalise_tags(tags),
        uid=uid,
        version=version,
    )


def file_name_for(note: LearningNote) -> str:
    """A safe file name from the title: "Masterclass 3 hindsight bias.md"."""
    kept = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in note.title)
    stem = " ".join(kept.split())[:80] or "learning note"
    return f"{stem}.md"
