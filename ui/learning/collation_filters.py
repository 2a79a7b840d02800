"""Which collated datasets and findings are counted: years, type of review, age band, region,
stage of the child's journey. One row of choices; `changed` carries the new filter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reviewer_app.analysis.reference import journey_stages
from reviewer_app.learning.checks import FIRST_YEAR
from reviewer_app.learning.collation import CollationFilter
from reviewer_app.learning.dataset import AGE_BANDS
from reviewer_app.review import REGIONS, ReviewType

ANY = "Any"


def _choices(name: str, items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem(ANY, "")
    for label, key in items:
        box.addItem(label, key)
    return box


class FilterBar(QWidget):
    changed = Signal(object)  # CollationFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        this_year = dt.date.today().year
        self.year_from = QSpinBox()
        self.year_to = QSpinBox()
        for box, name, value in (
            (self.year_from, "From year", FIRST_YEAR),
            (self.year_to, "To year", this_year),
        ):
            box.setRange(FIRST_YEAR, this_year)
            box.setValue(value)
            box.setAccessibleName(name)
            for editor in box.findChildren(QLineEdit):  # the spin box's own text field
                editor.setAccessibleName(name)
        self.review_type = _choices("Type of review", [(t.label, t.value) for t in ReviewType])
        self.age_band = _choices("Child's age band", [(a, a) for a in AGE_BANDS])
        self.region = _choices("Region", [(r, r) for r in REGIONS])
        self.stage = _choices(
            "Stage of the child's journey", [(s.label, s.key) for s in journey_stages()]
        )
        self.reset_button = QPushButton("Show &all")
        self.reset_button.setAccessibleName("Show all")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("&Years", self.year_from),
            ("to", self.year_to),
            ("&Type", self.review_type),
            ("A&ge", self.age_band),
            ("Re&gion", self.region),
            ("&Stage", self.stage),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        for spin in (self.year_from, self.year_to):
            spin.valueChanged.connect(lambda _v: self._emit())
        for choice in self._boxes():
            choice.currentIndexChanged.connect(lambda _i: self._emit())
        self.reset_button.clicked.connect(self.reset)

    def current(self) -> CollationFilter:
        """The filter as chosen (the full span of years counts datasets with no year too)."""
        low, high = self.year_from.value(), self.year_to.value()
        whole = low == self.year_from.minimum() and high == self.year_to.maximum()

        def chosen(box: QComboBox) -> frozenset[str]:
            key = box.currentData()
            return frozenset({key}) if key else frozenset()

        return CollationFilter(
            year_from=None if whole else min(low, high),
            year_to=None if whole else max(low, high),
            review_types=chosen(self.review_type),
            age_bands=chosen(self.age_band),
            regions=chosen(self.region),
            stages=chosen(self.stage),
        )

    def reset(self) -> None:
        widgets = (self.year_from, self.year_to, self.review_type, self.age_band, self.region,
                   self.stage)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.year_from.setValue(self.year_from.minimum())
        self.year_to.setValue(self.year_to.maximum())
        for choice in self._boxes():
            choice.setCurrentIndex(0)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _boxes(self) -> tuple[QComboBox, ...]:
        return (self.review_type, self.age_band, self.region, self.stage)

    def _emit(self) -> None:
        self.changed.emit(self.current())
