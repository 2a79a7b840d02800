"""Marker sets as versioned data shipped in `resources/quality_markers/`.

A set (such as NSPCC/SCIE 2016, 18 markers) is one JSON file: its stages, markers and our own
paraphrased prompts, with a credit and links to the published source. Another set (for example
the 15 Safeguarding Adults Review markers) is added by dropping in another file; a review records
which set it uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from reviewer_app.errors import InvalidInputError
from reviewer_app.review import ReviewType

DEFAULT_SET = "nspcc-scie-2016"
_FOLDER = "quality_markers"


@dataclass(frozen=True, slots=True)
class Stage:
    key: str
    title: str


@dataclass(frozen=True, slots=True)
class Prompt:
    """One "how might you know" question, in our own words; `key` is stable within a marker."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Marker:
    number: int
    stage: str
    title: str
    summary: str
    prompts: tuple[Prompt, ...]
    #: Kinds of evidence that usually show this marker is met (see `assessment.EvidenceKind`).
    evidence_kinds: tuple[str, ...] = ()
    #: Whether the marker should be addressed before a draft goes to the panel.
    before_panel: bool = True

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    def prompt(self, key: str) -> Prompt:
        for prompt in self.prompts:
            if prompt.key == key:
                return prompt
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class MarkerSet:
    key: str
    version: int
    title: str
    short_title: str
    credit: str
    links: tuple[str, ...]
    stages: tuple[Stage, ...]
    markers: tuple[Marker, ...]
    review_types: tuple[ReviewType, ...] = ()

    def marker(self, number: int) -> Marker:
        for marker in self.markers:
            if marker.number == number:
                return marker
        raise KeyError(number)

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise KeyError(key)

    def in_stage(self, key: str) -> tuple[Marker, ...]:
        return tuple(m for m in self.markers if m.stage == key)


def _parse(data: dict[str, Any]) -> MarkerSet:
    stages = tuple(Stage(s["key"], s["title"]) for s in data["stages"])
    stage_keys = {s.key for s in stages}
    markers = []
    for m in data["markers"]:
        if m["stage"] not in stage_keys:
            raise ValueError(f"marker {m['number']} names an unknown stage {m['stage']!r}")
        prompts = tuple(Prompt(p["key"], p["text"]) for p in m["prompts"])
        if not prompts:
            raise ValueError(f"marker {m['number']} has no prompts")
        markers.append(
            Marker(
                number=int(m["number"]),
                stage=m["stage"],
                title=m["title"],
                summary=m["summary"],
                prompts=prompts,
                evidence_kinds=tuple(m.get("evidence", ())),
                before_panel=bool(m.get("before_panel", True)),
            )
        )
    return MarkerSet(
        key=data["key"],
        version=int(data["version"]),
        title=data["title"],
        short_title=data.get("short_title", data["title"]),
        credit=data["credit"],
        links=tuple(data.get("links", ())),
        stages=stages,
        markers=tuple(markers),
        review_types=tuple(ReviewType(t) for t in data.get("review_types", ())),
    )


def available_sets() -> tuple[str, ...]:
    """The keys of every marker set the app ships, in name order."""
    folder = resources.files("resources").joinpath(_FOLDER)
    return tuple(
        sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))
    )


@cache
def load_marker_set(key: str = DEFAULT_SET) -> MarkerSet:
    if key not in available_sets():
        raise InvalidInputError(
            f"This version of SCR Reviewer does not know the marker set '{key}'. Choose one of: "
            + ", ".join(available_sets())
            + "."
        )
    text = resources.files("resources").joinpath(f"{_FOLDER}/{key}.json").read_text("utf-8")
    return _parse(json.loads(text))


def default_set_for(review_type: ReviewType) -> str:
    """The set that suits a review type (the first shipped set that names it), else the default."""
    for key in available_sets():
        if review_type in load_marker_set(key).review_types:
            return key
    return DEFAULT_SET
