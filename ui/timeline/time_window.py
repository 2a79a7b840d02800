"""The stretch of time on screen: zooming and panning within sensible limits (no Qt).

The view never shows less than a few hours across or more than the whole review, and panning
stops at the review's ends (with a little room either side, see `layout.padded`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ui.timeline.layout import TimeScale

MAX_PX_PER_DAY = 400.0


@dataclass(slots=True)
class TimeWindow:
    left: float = 0.0  # where the time line starts on screen (right of the lane labels)
    width: float = 1.0  # how wide it is
    domain: tuple[float, float] | None = None  # the days there are to show
    scale: TimeScale = field(default_factory=lambda: TimeScale(0.0, 1.0))

    def lowest_zoom(self) -> float:
        """Zoomed all the way out, the whole domain just fits."""
        if self.domain is None:
            return 1e-6
        return self.width / max(self.domain[1] - self.domain[0], 1.0)

    @property
    def fitted(self) -> bool:
        return self.domain is not None and self.scale.px_per_day <= self.lowest_zoom() * 1.001

    def set(self, scale: TimeScale) -> None:
        """Show `scale`, held within the zoom limits and the domain."""
        ppd = min(max(scale.px_per_day, self.lowest_zoom()), MAX_PX_PER_DAY)
        origin = scale.origin
        if self.domain is not None:
            first, stop = self.domain
            origin = min(max(origin, first), max(stop - self.width / ppd, first))
        self.scale = TimeScale(origin, ppd, self.left)

    def fit(self) -> None:
        if self.domain is not None:
            self.set(TimeScale.fit(*self.domain, self.left, self.width))

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        anchor = self.left + self.width / 2 if anchor_x is None else anchor_x
        self.set(self.scale.zoomed(factor, anchor, self.lowest_zoom(), MAX_PX_PER_DAY))

    def show_days(self, days: float, middle: float | None = None) -> None:
        """About `days` across, centred on `middle` (default: the middle now shown)."""
        if middle is None:
            first, stop = self.visible()
            middle = (first + stop) / 2
        scale = TimeScale(0.0, self.width / max(days, 1e-3), self.left)
        self.set(scale.centred_on(middle, self.width))

    def pan(self, dx: float) -> None:
        self.set(self.scale.panned(dx))

    def centre_on(self, day: float) -> None:
        self.set(self.scale.centred_on(day, self.width))

    def visible(self) -> tuple[float, float]:
        return self.scale.visible(self.width)

    def visible_dates(self) -> tuple[dt.date, dt.date]:
        """The first and last day (at least partly) on screen."""
        first, stop = self.visible()
        return dt.date.fromordinal(int(first)), dt.date.fromordinal(math.ceil(stop) - 1)

    def resize(self, left: float, width: float) -> None:
        """A new size keeps a fitted view fitted, and otherwise the zoom and the first day."""
        fitted = self.fitted
        self.left, self.width = left, max(width, 1.0)
        if fitted:
            self.fit()
        else:
            self.set(TimeScale(self.scale.origin, self.scale.px_per_day, left))

    # -- the horizontal scroll bar, in pixels from the start of the domain ------------------
    def scroll_range(self) -> tuple[int, int]:
        """(maximum, value) for a scroll bar whose page is the view's width."""
        if self.domain is None:
            return 0, 0
        ppd = self.scale.px_per_day
        maximum = max(0, round((self.domain[1] - self.domain[0]) * ppd - self.width))
        return maximum, round((self.scale.origin - self.domain[0]) * ppd)

    def scroll_to(self, value: int) -> None:
        if self.domain is not None:
            ppd = self.scale.px_per_day
            self.set(TimeScale(self.domain[0] + value / ppd, ppd, self.left))
