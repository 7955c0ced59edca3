"""The one place where settings read environment variables; each variable carries its help text.

`inzetbaar manage settings_help` (see core/management) lists every variable read, with its default and help.
"""

import os
from dataclasses import dataclass
from typing import Any

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help: str


REGISTRY: dict[str, EnvVar] = {}


def config(name: str, default: Any = None, *, help: str, cast: type = str) -> Any:
    """Read `name` from the environment, cast it, and remember it with its help text."""
    REGISTRY[name] = EnvVar(name, default, help)
    raw = os.environ.get(name)
    if raw is None:
        return default
    if cast is bool:
        lowered = raw.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"{name}: expected a boolean (true/false), got {raw!r}")
    if cast is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    try:
        return cast(raw)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from exc
