"""Progress against the markers at a glance, by stage, for the window and for exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer_app.quality.assessment import SelfAssessment, Status
from reviewer_app.quality.markers import Stage
from reviewer_app.quality.suggestions import Suggestion

NO_EVIDENCE = "Marked addressed, but no evidence is linked yet."


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One marker's line: what the window's table and an exported summary both show."""

    stage: str
    stage_title: str
    number: int
    title: str
    status: Status
    prompts_settled: int
    prompts_total: int
    evidence: int
    attention: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        """Plain text cells: marker, stage, status, prompts, evidence, needs attention."""
        return (
            f"{self.number}. {self.title}",
            self.stage_title,
            self.status.label,
            f"{self.prompts_settled} of {self.prompts_total}",
            str(self.evidence),
            " ".join(self.attention),
        )


@dataclass(frozen=True, slots=True)
class StageProgress:
    stage: Stage
    total: int
    addressed: int
    not_applicable: int
    in_progress: int
    not_started: int
    attention: int

    @property
    def settled(self) -> int:
        return self.addressed + self.not_applicable

    @property
    def summary(self) -> str:
        parts = [f"{self.settled} of {self.total} settled"]
        if self.in_progress:
            parts.append(f"{self.in_progress} in progress")
        if self.attention:
            noun = "marker needs" if self.attention == 1 else "markers need"
            parts.append(f"{self.attention} {noun} attention")
        return ", ".join(parts)


def dashboard_rows(
    assessment: SelfAssessment, suggestions: Sequence[Suggestion] = ()
) -> list[DashboardRow]:
    gaps: dict[int, list[str]] = {}
    for suggestion in suggestions:
        if suggestion.is_gap:
            gaps.setdefault(suggestion.marker, []).append(suggestion.message)
    rows = []
    for marker in assessment.marker_set.markers:
        recorded = assessment.of(marker.number)
        status = assessment.status(marker.number)
        attention = list(gaps.get(marker.number, ()))
        if status is Status.ADDRESSED and not recorded.evidence:
            attention.append(NO_EVIDENCE)
        rows.append(
            DashboardRow(
                stage=marker.stage,
                stage_title=assessment.marker_set.stage(marker.stage).title,
                number=marker.number,
                title=marker.title,
                status=status,
                prompts_settled=sum(recorded.prompt(p.key).status.settled for p in marker.prompts),
                prompts_total=len(marker.prompts),
                evidence=len(recorded.evidence),
                attention=tuple(attention),
            )
        )
    return rows


def stage_progress(assessment: SelfAssessment, rows: Sequence[DashboardRow]) -> list[StageProgress]:
    found = []
    for stage in assessment.marker_set.stages:
        mine = [r for r in rows if r.stage == stage.key]
        found.append(
            StageProgress(
                stage=stage,
                total=len(mine),
                addressed=sum(r.status is Status.ADDRESSED for r in mine),
                not_applicable=sum(r.status is Status.NOT_APPLICABLE for r in mine),
                in_progress=sum(r.status is Status.IN_PROGRESS for r in mine),
                not_started=sum(r.status is Status.NOT_STARTED for r in mine),
                attention=sum(bool(r.attention) for r in mine),
            )
        )
    return found


def dashboard_text(assessment: SelfAssessment, rows: Sequence[DashboardRow]) -> list[str]:
    """The dashboard as plain lines, for a report appendix or the command line."""
    lines = [assessment.marker_set.title, ""]
    for progress in stage_progress(assessment, rows):
        lines.append(f"{progress.stage.title}: {progress.summary}")
        for row in rows:
            if row.stage != progress.stage.key:
                continue
            lines.append(
                f"  {row.number}. {row.title}: {row.status.label} "
                f"(prompts {row.prompts_settled} of {row.prompts_total}, "
                f"evidence {row.evidence})"
            )
            lines.extend(f"      - {note}" for note in row.attention)
    lines += ["", assessment.marker_set.credit]
    return lines
