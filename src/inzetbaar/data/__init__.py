"""Reference data on Dutch municipalities and the labour-market regions they belong to.

``municipalities.csv`` holds the municipal division of 1 January 2025 (342 municipalities) with the CBS
code, province, UWV/CBS labour-market region (arbeidsmarktregio) and a point that stands for the
municipality (its main town, checked to lie inside the municipal boundary). CBS numbers the 35 regions
AM01..AM38 with gaps (AM04, AM16 and AM31 are not in use), so codes are kept exactly as CBS publishes them.

This module deliberately imports nothing from Django, so scripts and tests can use it on their own.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

__all__ = ["Municipality", "labour_market_regions", "load_municipalities"]

_CSV_NAME = "municipalities.csv"
_COLUMNS = ("cbs_code", "name", "province", "region_code", "region_name", "latitude", "longitude")


@dataclass(frozen=True, slots=True)
class Municipality:
    cbs_code: str
    name: str
    province: str
    region_code: str
    region_name: str
    latitude: float
    longitude: float


@functools.cache
def load_municipalities() -> tuple[Municipality, ...]:
    """All municipalities, in CBS code order."""
    text = resources.files(__package__).joinpath(_CSV_NAME).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    # Fail loudly on a changed header rather than silently mapping the wrong column.
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ValueError(f"{_CSV_NAME}: unexpected header {reader.fieldnames!r}")
    rows = [
        Municipality(
            cbs_code=row["cbs_code"],
            name=row["name"],
            province=row["province"],
            region_code=row["region_code"],
            region_name=row["region_name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
        )
        for row in reader
    ]
    return tuple(sorted(rows, key=lambda m: m.cbs_code))


def labour_market_regions() -> dict[str, str]:
    """Labour-market region code -> name, in code order."""
    regions = {m.region_code: m.region_name for m in load_municipalities()}
    return dict(sorted(regions.items()))
