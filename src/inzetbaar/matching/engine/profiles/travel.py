"""Travel between home and work estimated from coordinates, and the hard maximum a candidate can be asked.

Travel time = great-circle distance × a detour factor (roads and tracks are not straight) at an average
door-to-door speed per travel mode. The hard maximum is the candidate's own wish, capped for people on
WW by the "passend werk" rule: at most 2 h of travel a day (round trip) in the first 6 months of
unemployment, at most 3 h after that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180.0

# Door-to-door averages including walking, waiting and parking, for commutes of 5–40 km in the
# Netherlands; deliberately modest because many job seekers have no car.
DEFAULT_SPEEDS_KMH = {"car": 45.0, "public_transport": 30.0, "bicycle": 15.0, "mixed": 30.0}
DEFAULT_DETOUR_FACTOR = 1.3
PASSEND_WERK_MONTHS = 6
PASSEND_WERK_DAILY_MINUTES_EARLY = 120
PASSEND_WERK_DAILY_MINUTES_LATER = 180
# Without a wish and without the WW rule, the later passend-werk limit is still a sensible ceiling.
DEFAULT_MAX_ONE_WAY_MINUTES = PASSEND_WERK_DAILY_MINUTES_LATER / 2


@dataclass(frozen=True)
class TravelModel:
    """Constants of the travel estimate; the defaults are documented in docs/matching-profiles.md."""

    detour_factor: float = DEFAULT_DETOUR_FACTOR
    speeds_kmh: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SPEEDS_KMH))
    default_mode: str = "mixed"

    def speed_kmh(self, mode: str | None) -> float:
        return self.speeds_kmh[mode or self.default_mode]

    def minutes_for_distance(self, distance_km: float, mode: str | None = None) -> float:
        return distance_km * self.detour_factor / self.speed_kmh(mode) * 60.0

    def reach_km(self, max_minutes: float, mode: str | None = None) -> float:
        """Straight-line radius that the maximum travel time covers; blocking searches this far."""
        return max_minutes / 60.0 * self.speed_kmh(mode) / self.detour_factor


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; the reference the fast kernel approximation is tested against."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def passend_werk_one_way_minutes(months_unemployed: float) -> float:
    """One-way share of the daily travel that WW "passend werk" allows (round trip counted)."""
    daily = (
        PASSEND_WERK_DAILY_MINUTES_EARLY
        if months_unemployed < PASSEND_WERK_MONTHS
        else PASSEND_WERK_DAILY_MINUTES_LATER
    )
    return daily / 2


def max_one_way_minutes(wish_minutes: float | None, months_unemployed: float | None) -> float:
    """The hard travel maximum: the candidate's wish, never above the passend-werk limit when on WW."""
    limits = [DEFAULT_MAX_ONE_WAY_MINUTES if wish_minutes is None else wish_minutes]
    if months_unemployed is not None:
        limits.append(passend_werk_one_way_minutes(months_unemployed))
    return min(limits)
