"""Server-made SVG charts: the radar of a person's scale scores and the bars of a company scan's perspectives
(a data table always goes beside them)."""

import math
from dataclasses import dataclass

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 110
RINGS = (0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Axis:
    label: str
    x: str  # end of the axis line; coordinates formatted with a dot whatever the language
    y: str
    label_x: str
    label_y: str
    anchor: str


@dataclass(frozen=True)
class Radar:
    size: int
    axes: list[Axis]
    rings: list[str]
    points: str  # the current scores as an SVG polygon
    previous_points: str  # the previous wave, or ""


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return CENTRE + RADIUS * fraction * math.cos(angle), CENTRE + RADIUS * fraction * math.sin(angle)


def _polygon(fractions: list[float]) -> str:
    count = len(fractions)
    return " ".join("{:.1f},{:.1f}".format(*_point(i, count, f)) for i, f in enumerate(fractions))


def _fraction(score: float | None, low: float, high: float) -> float:
    return 0.0 if score is None else max(0.0, min(1.0, (score - low) / (high - low)))


def radar(scales) -> Radar | None:
    """A radar of the scales that have a score range; None when fewer than three can be drawn."""
    drawn = [s for s in scales if s.range is not None]
    if len(drawn) < 3:
        return None
    count = len(drawn)
    axes = []
    for index, scale in enumerate(drawn):
        x, y = _point(index, count, 1.0)
        lx, ly = _point(index, count, 1.22)
        anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
        axes.append(Axis(scale.title, f"{x:.1f}", f"{y:.1f}", f"{lx:.1f}", f"{ly + 4:.1f}", anchor))
    rings = [_polygon([ring] * count) for ring in RINGS]
    current = _polygon([_fraction(s.score, *s.range) for s in drawn])
    has_previous = any(s.previous is not None for s in drawn)
    previous = _polygon([_fraction(s.previous, *s.range) for s in drawn]) if has_previous else ""
    return Radar(SIZE, axes, rings, current, previous)


BAR_WIDTH = 240  # the longest bar, for the highest score
BAR_LABELS = 150  # room left of the bars for the labels
BAR_STEP = 28  # vertical distance between bars
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    score: float | None  # shown at the bar's end (formatted by the template, in the page's language)
    y: str  # top of the bar
    text_y: str  # baseline of the label and the value
    width: str
    value_x: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bars: list[Bar]


def bars(values: list[tuple[str, float | None]], low: float, high: float) -> BarChart:
    """Horizontal bars, one per label, measured from ``low`` (no bar) to ``high`` (the longest bar)."""
    drawn = []
    for index, (label, score) in enumerate(values):
        width = BAR_WIDTH * _fraction(score, low, high)
        top = 4 + index * BAR_STEP
        drawn.append(
            Bar(
                label,
                score,
                f"{top:.1f}",
                f"{top + BAR_HEIGHT - 5:.1f}",
                f"{width:.1f}",
                f"{BAR_LABELS + width + 6:.1f}",
            )
        )
    return BarChart(BAR_LABELS + BAR_WIDTH + 40, 8 + len(values) * BAR_STEP, BAR_LABELS, drawn)
