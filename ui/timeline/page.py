"""The timeline page: the view with its zoom controls, silence threshold and key.

The page only lays out widgets and loads data: the entries are read and sorted into lanes by
the task runner (off the GUI thread), and everything after that is the view's.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.services.chronology import ChronologyService
from ui.errors import show_error
from ui.style import plain_label
from ui.tasks import TaskRunner
from ui.timeline.describe import month_range_text
from ui.timeline.lanes import LaneGrouping, Timeline, build_timeline, group_by_agency
from ui.timeline.legend import TimelineLegend
from ui.timeline.units import day_label
from ui.timeline.view import DEFAULT_SILENCE_DAYS, ZOOM_STEP, TimelineView

#: Zoom presets: about this many days across the view.
PRESETS = (
    ("Years", "Show about five years at a time", 5 * 365.25),
    ("Months", "Show about nine months at a time", 9 * 30.44),
    ("Weeks", "Show about eight weeks at a time", 8 * 7.0),
)
LOAD_FAILED = "The timeline could not be loaded."


LOADING = "Loading the timeline…"


class TimelinePage(QWidget):
    """Every agency's chronology entries on one time line, one lane per agency.

    `entry_activated(entry_id)` is emitted when the reviewer clicks an entry or presses Enter
    on it; `show_entry(entry_id)` selects an entry and centres the view on it.
    """

    entry_activated = Signal(int)
    #: The timeline has been laid out from the review (or could not be).
    loaded = Signal()

    def __init__(
        self,
        service: ChronologyService,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        grouping: LaneGrouping = group_by_agency,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePage")
        self.setAccessibleName("Timeline")
        self._service = service
        self._runner = runner
        self._grouping = grouping
        self._loaded_once = False
        self._pending_entry: int | None = None

        self.view = TimelineView(self)
        self.view.entry_activated.connect(self.entry_activated)
        self.view.view_changed.connect(self._update_shown)

        self.fit_button = self._button("Fit all", "Show the whole chronology", self.view.fit_all)
        self.preset_buttons = [
            self._button(text, tip, self._preset(days)) for text, tip, days in PRESETS
        ]
        for button, (text, _tip, _days) in zip(self.preset_buttons, PRESETS, strict=True):
            button.setAccessibleName(f"Zoom to {text.lower()}")
        self.zoom_out_button = self._button(
            "−", "Zoom out (minus key, or Ctrl with the mouse wheel)", self._zoom_out
        )
        self.zoom_out_button.setAccessibleName("Zoom out")
        self.zoom_in_button = self._button(
            "+", "Zoom in (plus key, or Ctrl with the mouse wheel)", self._zoom_in
        )
        self.zoom_in_button.setAccessibleName("Zoom in")

        self.shown = plain_label(wrap=False)
        self.shown.setObjectName("timelineShown")
        self.shown.setAccessibleName("Dates shown")

        self.threshold = QSpinBox()
        self.threshold.setObjectName("silenceThreshold")
        self.threshold.setRange(7, 3650)
        self.threshold.setSingleStep(30)
        self.threshold.setValue(DEFAULT_SILENCE_DAYS)
        self.threshold.setSuffix(" days")
        self.threshold.setAccessibleName("Shade silent periods longer than, in days")
        self.threshold.setToolTip(
            "Gaps longer than this between an agency's entries are shaded in its lane"
        )
        self.threshold.valueChanged.connect(self.view.set_silence_threshold)
        threshold_label = QLabel("Shade silences longer than")
        threshold_label.setBuddy(self.threshold)

        controls = QHBoxLayout()
        controls.setSpacing(6)
        controls.addWidget(self.fit_button)
        for button in self.preset_buttons:
            controls.addWidget(button)
        controls.addWidget(self.zoom_out_button)
        controls.addWidget(self.zoom_in_button)
        controls.addSpacing(12)
        controls.addWidget(self.shown, 1)
        controls.addWidget(threshold_label)
        controls.addWidget(self.threshold)

        self.legend = TimelineLegend()
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

        order: list[QWidget] = [
            self.fit_button,
            *self.preset_buttons,
            self.zoom_out_button,
            self.zoom_in_button,
            self.threshold,
            self.view,
        ]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        return button

    def _preset(self, days: float) -> Callable[[], None]:
        def show() -> None:
            self.view.show_days(days)

        return show

    def _zoom_in(self) -> None:
        self.view.zoom(ZOOM_STEP)

    def _zoom_out(self) -> None:
        self.view.zoom(1 / ZOOM_STEP)

    # -- loading ----------------------------------------------------------------------------
    def show_loading(self) -> None:
        """Say the timeline is on its way (before it is first laid out)."""
        if not self._loaded_once:
            self.view.set_message(LOADING)

    def reload(self) -> None:
        """Read the entries again (in the task runner) and lay them out."""
        service, grouping = self._service, self._grouping
        self.show_loading()

        def work() -> Timeline:
            timeline = build_timeline(service.entry_rows(), service.agencies(), grouping)
            timeline.birth = service.subject_date_of_birth()
            return timeline

        self._runner.start(work, self._loaded, self._failed)

    def _loaded(self, timeline: object) -> None:
        assert isinstance(timeline, Timeline)
        self.view.set_timeline(timeline, keep_view=self._loaded_once)
        self._loaded_once = True
        self._update_shown()
        if self._pending_entry is not None:
            entry, self._pending_entry = self._pending_entry, None
            self.view.show_entry(entry)
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.view.set_message(LOAD_FAILED)
        self.loaded.emit()
        show_error(self, error)

    # -- for the workspace ------------------------------------------------------------------
    def show_entry(self, entry_id: int) -> None:
        """Select `entry_id` and centre the timeline on it (once loaded, if still loading)."""
        if self.view.timeline is None:
            self._pending_entry = entry_id
        else:
            self.view.show_entry(entry_id)

    def set_review_period(self, start: dt.date | None, end: dt.date | None) -> None:
        """The review's period: silent periods are looked for within it (default: the span of
        the dated entries)."""
        self.view.set_period(start, end)

    def _update_shown(self) -> None:
        if self.view.domain() is None:
            self.shown.setText("")
            return
        first, last = self.view.visible_range()
        if (last - first).days > 120:
            text = month_range_text(first, last)
        else:
            text = f"{day_label(first.toordinal())} – {day_label(last.toordinal())}"
        self.shown.setText(f"Showing {text}")
