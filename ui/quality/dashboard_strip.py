"""Progress by stage at a glance: one card per stage with a bar and what needs attention."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from reviewer_app.quality.dashboard import StageProgress
from ui.style import heading, plain_label


class StageCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("stageCard")
        self.setStyleSheet(
            "QFrame#stageCard { border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.title = heading("", 1.1)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.summary = plain_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)

    def show_progress(self, progress: StageProgress) -> None:
        self.title.setText(progress.stage.title)
        self.bar.setRange(0, max(1, progress.total))
        self.bar.setValue(progress.settled)
        self.bar.setFormat(f"{progress.settled} of {progress.total}")
        self.summary.setText(progress.summary)
        self.bar.setAccessibleName(f"{progress.stage.title}: {progress.summary}")
        self.setAccessibleName(f"{progress.stage.title}: {progress.summary}")


class DashboardStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[StageCard] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def show_stages(self, stages: Sequence[StageProgress]) -> None:
        while len(self.cards) < len(stages):
            card = StageCard()
            self.cards.append(card)
            self._layout.addWidget(card, 1)
        for card, progress in zip(self.cards, stages, strict=False):
            card.show_progress(progress)

    def summaries(self) -> list[str]:
        return [card.summary.text() for card in self.cards]
