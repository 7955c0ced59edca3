"""Server-made SVG geometry for the absence pages: a trend line per unit with the sector benchmark as a
dashed line, and bars of units side by side. Templates draw it; a data table always goes beside it.
Coordinates are formatted with a dot whatever the page's language."""

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 420, 190
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 30


@dataclass(frozen=True)
class Tick:
    label: str
    x: str
    y: str


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    left: int
    right: str
    bottom: str
    segments: list[str]  # polylines of consecutive shown points (a hidden period breaks the line)
    points: list[tuple[str, str]]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    benchmark_y: str | None


def scale_top(values, benchmark: float | None) -> float:
    """A round top of the y axis above every value and the benchmark (at least 5 %)."""
    top = max([v for v in values if v is not None] + [benchmark or 0.0, 5.0])
    step = 2 if top <= 10 else 5
    return float(math.ceil(top / step) * step)


def trend(labels: list[str], values: list[float | None], top: float, benchmark: float | None) -> Trend:
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(values)

    def x(i: int) -> float:
        return LEFT + (inner_w * (i + 0.5) / count)

    def y(value: float) -> float:
        return TOP + inner_h * (1 - min(value, top) / top)

    segments, current, points = [], [], []
    for i, value in enumerate(values):
        if value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        point = (f"{x(i):.1f}", f"{y(value):.1f}")
        points.append(point)
        current.append(",".join(point))
    if current:
        segments.append(" ".join(current))
    steps = 4
    y_ticks = [
        Tick(f"{top * k / steps:g}", f"{LEFT - 4}", f"{y(top * k / steps) + 3:.1f}") for k in range(steps + 1)
    ]
    every = max(1, math.ceil(count / 8))
    x_ticks = [
        Tick(label, f"{x(i):.1f}", f"{HEIGHT - BOTTOM + 14}")
        for i, label in enumerate(labels)
        if i % every == 0
    ]
    return Trend(
        WIDTH,
        HEIGHT,
        LEFT,
        f"{WIDTH - RIGHT}",
        f"{HEIGHT - BOTTOM}",
        segments,
        points,
        y_ticks,
        x_ticks,
        f"{y(benchmark):.1f}" if benchmark is not None else None,
    )


BAR_LABELS, BAR_WIDTH, BAR_STEP, BAR_HEIGHT = 170, 220, 26, 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    empty: bool  # no one to count (as opposed to hidden)
    y: str
    text_y: str
    width: str
    value_x: str


@dataclass(frozen=True)
class Bars:
    width: int
    height: int
    left: int
    bars: list[Bar]
    benchmark_x: str | None


def bars(rows: list[tuple[str, float | None, bool]], top: float, benchmark: float | None) -> Bars:
    """One bar per (label, value or None, nobody to count) row, on the same scale as the trends."""
    drawn = []
    for index, (label, value, empty) in enumerate(rows):
        width = 0.0 if value is None else BAR_WIDTH * min(value, top) / top
        y = 6 + index * BAR_STEP
        short = label if len(label) <= 24 else label[:23] + "…"
        drawn.append(
            Bar(
                short,
                value,
                empty,
                f"{y}",
                f"{y + BAR_HEIGHT - 4}",
                f"{width:.1f}",
                f"{BAR_LABELS + width + 5:.1f}",
            )
        )
    benchmark_x = (
        f"{BAR_LABELS + BAR_WIDTH * min(benchmark, top) / top:.1f}" if benchmark is not None else None
    )
    return Bars(BAR_LABELS + BAR_WIDTH + 60, 12 + len(rows) * BAR_STEP, BAR_LABELS, drawn, benchmark_x)
