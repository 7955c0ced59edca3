"""Server-made SVG bars of the region's figures (a data table always goes beside them)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SERIES = (
    ("introductions", _("Kennismakingen"), "#005aa0"),
    ("placements", _("Plaatsingen"), "#2e7d32"),
    ("durable", _("Duurzaam"), "#8a4b00"),
)
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 36, 40, 12


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    fill: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    gridlines: list[tuple[str, int]]  # (y, value)
    legend: list[tuple[str, str]]
    baseline: str


def grouped_bars(figures) -> BarChart | None:
    """Per breakdown key one group of bars (introductions, placements, durable); None without data."""
    keys = sorted(figures.rows)
    if not keys:
        return None
    peak = max(max(figures.value(k, s) or 0 for s, _l, _c in SERIES) for k in keys) or 1
    plot_height = HEIGHT - BOTTOM - TOP
    group = (WIDTH - LEFT) / len(keys)
    bar_width = group * 0.8 / len(SERIES)
    bars, ticks = [], []
    for index, key in enumerate(keys):
        origin = LEFT + index * group + group * 0.1
        for position, (series, label, css) in enumerate(SERIES):
            value = figures.value(key, series)
            height = plot_height * (value or 0) / peak
            bars.append(
                Bar(
                    f"{origin + position * bar_width:.1f}",
                    f"{TOP + plot_height - height:.1f}",
                    f"{bar_width * 0.9:.1f}",
                    f"{height:.1f}",
                    css,
                    f"{key} – {label}: {'–' if value is None else value}",
                )
            )
        ticks.append(Tick(f"{origin + group * 0.4:.1f}", key))
    steps = sorted({0, peak // 2, peak})
    gridlines = [(f"{TOP + plot_height - plot_height * value / peak:.1f}", value) for value in steps]
    return BarChart(
        WIDTH,
        HEIGHT,
        bars,
        ticks,
        gridlines,
        [(str(label), css) for _s, label, css in SERIES],
        f"{TOP + plot_height:.1f}",
    )
