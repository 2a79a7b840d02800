"""Editable reference lists shipped in `resources/`: the typology, the child's journey, guides."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from reviewer_app.analysis.conversation import ConversationGuide, GuideQuestion


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str
    description: str = ""


def _load(name: str) -> Any:
    return json.loads(resources.files("resources").joinpath(name).read_text("utf-8"))


def typology() -> tuple[Choice, ...]:
    """The six Learning Together categories (resources/typology.json)."""
    return tuple(
        Choice(c["key"], c["label"], c.get("description", ""))
        for c in _load("typology.json")["categories"]
    )


def journey_stages() -> tuple[Choice, ...]:
    """Stages of the child's journey through services (resources/journey_stages.json)."""
    return tuple(Choice(s["key"], s["label"]) for s in _load("journey_stages.json")["stages"])


def guide_from_dict(data: Any) -> ConversationGuide:
    return ConversationGuide(
        key=str(data["key"]),
        title=str(data["title"]),
        questions=tuple(GuideQuestion(str(q["key"]), str(q["text"])) for q in data["questions"]),
    )


def guide_to_dict(guide: ConversationGuide) -> dict[str, Any]:
    return {
        "key": guide.key,
        "title": guide.title,
        "questions": [{"key": q.key, "text": q.text} for q in guide.questions],
    }


def shipped_guides() -> tuple[ConversationGuide, ...]:
    """The guides in resources/conversation_guides/, in file-name order."""
    folder = resources.files("resources").joinpath("conversation_guides")
    found = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".json")), key=lambda i: i.name
    )
    return tuple(guide_from_dict(json.loads(item.read_text("utf-8"))) for item in found)


def label_of(choices: tuple[Choice, ...], key: str) -> str:
    return next((c.label for c in choices if c.key == key), key)
