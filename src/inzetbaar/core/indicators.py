"""Figures the platform counts itself, by name, so plans can follow them without knowing each app.

An app registers its indicators from AppConfig.ready() with `register_indicator`; an annual plan's
action refers to one by its key and shows its value before and after. `measure` returns None when
there is nothing to count or when the figure would be disclosed about too small a group.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Indicator:
    key: str  # stable, e.g. "absence:rate" or "instruments:wai:total"
    label: str  # translatable text (gettext_lazy)
    unit: str  # shown after the value: "%", "", "plaatsingen", …
    # (organisation, first day, last day) → value, or None when unknown or not disclosable
    compute: Callable[[object, date, date], float | None]
    higher_is_better: bool = True


_REGISTRY: dict[str, Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    # Idempotent per key, because ready() may run more than once in tests.
    _REGISTRY[indicator.key] = indicator


def get_indicator(key: str) -> Indicator | None:
    return _REGISTRY.get(key)


def all_indicators() -> list[Indicator]:
    return sorted(_REGISTRY.values(), key=lambda i: str(i.label))


def measure(key: str, organisation, start: date, end: date) -> float | None:
    indicator = _REGISTRY.get(key)
    return None if indicator is None else indicator.compute(organisation, start, end)
