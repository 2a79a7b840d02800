"""The sections the Report page offers for writing are exactly those whose text reaches the
report: a kind missing from `WRITTEN_KINDS` would keep a section's prompt for ever, and an extra
one would offer a box whose text goes nowhere."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exporters.report.build import build_report, without_marks
from exporters.report.templates import (
    SECTION_KINDS,
    WRITTEN_KINDS,
    available_templates,
    written_sections,
)
from exporters.report_model import Report
from tests.exporters.report_fixtures import demo_inputs

MARK = "Zebra crossing paragraph written for this section only."


def _text(report: Report, key: str) -> str:
    section = next(s for s in report.sections if s.key == key)
    return "\n".join(str(getattr(b, "text", "")) for b in section.blocks)


@pytest.mark.parametrize("template", available_templates(), ids=lambda t: t.id)
def test_text_given_for_a_section_appears_in_it_exactly_when_the_kind_is_written(
    template: object,
) -> None:
    from exporters.report.templates import ReportTemplate

    assert isinstance(template, ReportTemplate)
    inputs = demo_inputs(40)
    for section in template.sections:
        built = without_marks(
            build_report(replace(inputs, section_text={section.key: MARK}), template)
        )
        appears = MARK in _text(built, section.key)
        assert appears == (section.kind in WRITTEN_KINDS), section.key
    assert {s.kind for s in written_sections(template)} <= WRITTEN_KINDS <= SECTION_KINDS
    assert written_sections(template)[0].key == "executive-summary"
