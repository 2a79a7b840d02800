"""Report templates, one per methodology, kept as data in resources/report_templates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from reviewer_app.errors import InvalidInputError
from reviewer_app.review import Methodology

SECTION_KINDS = frozenset(
    {
        "title-page",
        "contents",
        "introduction",
        "terms-of-reference",
        "methodology",
        "involvement",
        "executive-summary",
        "family-involvement",
        "practitioner-involvement",
        "lived-experience",
        "equality",
        "follow-up",
        "improvements",
        "partnership-response",
        "references",
        "case-summary",
        "appraisal",
        "findings",
        "conclusions",
        "chronology",
        "quality-markers",
        "glossary",
        "learning-notes",
    }
)
DEFAULT_TEMPLATE = "generic"
#: The kinds of section that hold text the reviewer writes in the app (the others are made
#: from the review's data alone: the title page, the findings, the chronology, the glossary…;
#: the terms of reference are the review's own, written in its details).
WRITTEN_KINDS = frozenset(
    {
        "executive-summary",
        "introduction",
        "methodology",
        "family-involvement",
        "practitioner-involvement",
        "lived-experience",
        "case-summary",
        "appraisal",
        "equality",
        "follow-up",
        "improvements",
        "conclusions",
        "partnership-response",
    }
)


@dataclass(frozen=True, slots=True)
class TemplateSection:
    key: str
    kind: str
    title: str = ""
    prompt: str = ""
    guidance: tuple[str, ...] = ()
    appendix: bool = False
    #: The method as the methodology section names it ("the Significant Incident Learning
    #: Process (SILP)"): the template's, never the review's methodology label.
    method: str = ""
    items: tuple[str, ...] = ()  # fixed entries (the references a method rests on)


@dataclass(frozen=True, slots=True)
class ReportTemplate:
    id: str
    name: str
    methodologies: tuple[str, ...]
    sections: tuple[TemplateSection, ...]
    chronology: str = "significant"  # "significant" | "full"
    follow_up: str = "recommendations"  # "questions" (for the board) | "recommendations"


def _section(obj: dict[str, Any], where: str) -> TemplateSection:
    kind = obj.get("kind")
    if kind not in SECTION_KINDS:
        raise InvalidInputError(f"The report template has an unknown section kind at {where}.")
    return TemplateSection(
        key=str(obj["key"]),
        kind=str(kind),
        title=str(obj.get("title", "")),
        prompt=str(obj.get("prompt", "")),
        guidance=tuple(str(g) for g in obj.get("guidance", ())),
        appendix=bool(obj.get("appendix", False)),
        method=str(obj.get("method", "")),
        items=tuple(str(i) for i in obj.get("items", ())),
    )


def written_sections(template: ReportTemplate) -> tuple[TemplateSection, ...]:
    """The template's sections the reviewer writes text for, in the report's order."""
    return tuple(s for s in template.sections if s.kind in WRITTEN_KINDS)


def template_from_data(data: dict[str, Any]) -> ReportTemplate:
    sections = tuple(
        _section(obj, f"sections[{n}]") for n, obj in enumerate(data.get("sections", ()))
    )
    return ReportTemplate(
        id=str(data["id"]),
        name=str(data["name"]),
        methodologies=tuple(str(m) for m in data.get("methodologies", ())),
        sections=sections,
        chronology=str(data.get("chronology", "significant")),
        follow_up=str(data.get("follow_up", "recommendations")),
    )


@cache
def available_templates() -> tuple[ReportTemplate, ...]:
    """Every template shipped, Learning Together first."""
    folder = resources.files("resources").joinpath("report_templates")
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            found.append(template_from_data(json.loads(item.read_text("utf-8"))))
    order = {"learning-together": 0, "silp": 1, "generic": 2}
    return tuple(sorted(found, key=lambda t: (order.get(t.id, 9), t.id)))


def template_by_id(template_id: str) -> ReportTemplate:
    for template in available_templates():
        if template.id == template_id:
            return template
    names = ", ".join(t.id for t in available_templates())
    raise InvalidInputError(f"There is no report template called '{template_id}' ({names}).")


def template_for(methodology: Methodology) -> ReportTemplate:
    """The template that suits a review's methodology (the general one otherwise)."""
    for template in available_templates():
        if methodology.value in template.methodologies:
            return template
    return template_by_id(DEFAULT_TEMPLATE)
