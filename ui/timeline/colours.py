"""Colours for the timeline, taken from the palette so light and dark themes both work.

Agencies get hues from the Okabe–Ito set (chosen to stay apart for people with colour-vision
deficiencies), each nudged lighter or darker until it reaches a 3:1 contrast with the
background (WCAG's figure for graphical objects). Shape, outline and fill carry meaning as
well as colour, so no distinction rests on hue alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# Okabe & Ito (2008), ordered so neighbouring lanes differ most; then Tol's wine and grey-brown.
_HUES = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#882255",
    "#8C6D31",
)
MIN_CONTRAST = 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def with_contrast(colour: QColor, background: QColor, ratio: float = MIN_CONTRAST) -> QColor:
    """`colour`, made darker on a light background (lighter on a dark one) until it stands out."""
    dark_background = background.lightnessF() < 0.5
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    adjusted = QColor(colour)
    for _step in range(40):
        if contrast_ratio(adjusted, background) >= ratio:
            break
        lightness = min(lightness + 0.025, 1.0) if dark_background else max(lightness - 0.025, 0)
        adjusted = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
    return adjusted


def agency_colour(index: int, background: QColor) -> QColor:
    base = QColor(_HUES[index % len(_HUES)])
    if index >= len(_HUES):  # more agencies than hues: turn the wheel by the golden angle
        hue = (base.hslHueF() + 0.382 * (index // len(_HUES))) % 1.0
        base = QColor.fromHslF(hue, base.hslSaturationF(), base.lightnessF())
    return with_contrast(base, background)


def translucent(colour: QColor, alpha: float) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(alpha)
    return faded


@dataclass(frozen=True)
class TimelineColours:
    """Every colour a paint needs, worked out once per palette change."""

    background: QColor
    lane_alternate: QColor
    label_background: QColor
    text: QColor
    faint_text: QColor
    grid: QColor
    silence: QColor
    density: QColor
    highlight: QColor
    emphasis: QColor
    lanes: tuple[QColor, ...]

    @classmethod
    def from_palette(cls, palette: QPalette, lanes: int) -> TimelineColours:
        role = QPalette.ColorRole
        base = palette.color(role.Base)
        text = palette.color(role.Text)
        faint = palette.color(QPalette.ColorGroup.Disabled, role.Text)
        if contrast_ratio(faint, base) < 4.5:
            faint = with_contrast(faint, base, 4.5)
        grid = translucent(text, 0.14)
        silence = translucent(palette.color(role.Mid), 0.55)
        return cls(
            background=base,
            lane_alternate=palette.color(role.AlternateBase),
            label_background=palette.color(role.Window),
            text=text,
            faint_text=faint,
            grid=grid,
            silence=silence,
            density=with_contrast(palette.color(role.Highlight), base),
            highlight=palette.color(role.Highlight),
            emphasis=text,
            lanes=tuple(agency_colour(i, base) for i in range(max(lanes, 1))),
        )
