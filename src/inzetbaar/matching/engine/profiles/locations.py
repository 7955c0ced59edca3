"""Where people live and work: a profile's location (municipality, postcode or coordinates) as a point.

Municipality centroids come from the project's own data (``inzetbaar.data``); four-digit postcode
centroids from a CSV that a user supplies (public CBS/PDOK data converted to WGS84 latitude/longitude).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ProfileError

POSTCODE_COLUMNS = {
    "postcode": ("postcode", "pc4", "postcode4", "postcode_4"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng"),
}
# A generous box around the Netherlands, islands included: a point outside is a data error.
LATITUDE_RANGE = (50.5, 53.8)
LONGITUDE_RANGE = (3.2, 7.4)
POSTCODE_PATTERN = re.compile(r"^[1-9][0-9]{3}$")
MUNICIPALITY_PATTERN = re.compile(r"^(?:GM)?([0-9]{1,4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def check_in_netherlands(latitude: float, longitude: float, where: str) -> Point:
    if not (LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]):
        raise ProfileError(f"{where}: latitude {latitude} lies outside the Netherlands")
    if not (LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]):
        raise ProfileError(f"{where}: longitude {longitude} lies outside the Netherlands")
    return Point(latitude, longitude)


def municipality_key(code: str) -> str | None:
    """``GM0363``, ``gm363`` and ``0363`` all become ``GM0363``; anything else is not a code."""
    match = MUNICIPALITY_PATTERN.match(code.strip())
    return f"GM{int(match.group(1)):04d}" if match else None


def load_postcode_centroids(path: str | Path) -> dict[str, Point]:
    """Read a four-digit postcode centroid CSV; all-or-nothing, with the row and field of the first error."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ProfileError(f"{path}: cannot read postcode file ({error.strerror})") from error
    with handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        columns = find_postcode_columns(reader.fieldnames or [], path)
        return {
            postcode: point
            for postcode, point in (
                parse_postcode_row(row, columns, f"{path} row {number}")
                for number, row in enumerate(reader, start=2)
            )
        }


def find_postcode_columns(fieldnames: Iterable[str], path: Path) -> dict[str, str]:
    by_lower = {name.strip().lower(): name for name in fieldnames}
    columns = {}
    for role, aliases in POSTCODE_COLUMNS.items():
        found = next((by_lower[alias] for alias in aliases if alias in by_lower), None)
        if found is None:
            raise ProfileError(f"{path}: no {role} column (expected one of: {', '.join(aliases)})")
        columns[role] = found
    return columns


def parse_postcode_row(row: Mapping[str, str], columns: Mapping[str, str], where: str) -> tuple[str, Point]:
    postcode = (row.get(columns["postcode"]) or "").strip()
    if not POSTCODE_PATTERN.match(postcode):
        raise ProfileError(f"{where}: postcode {postcode!r} is not a four-digit postcode")
    coordinates = []
    for role in ("latitude", "longitude"):
        raw = (row.get(columns[role]) or "").strip().replace(",", ".")
        try:
            coordinates.append(float(raw))
        except ValueError:
            raise ProfileError(f"{where}: {columns[role]} {raw!r} is not a number") from None
    return postcode, check_in_netherlands(*coordinates, where)


def load_municipality_centroids() -> dict[str, Point]:
    """Municipality code → centroid, from the project's own municipality table."""
    from inzetbaar.data import load_municipalities

    return {m.cbs_code.upper(): Point(m.latitude, m.longitude) for m in load_municipalities()}


@dataclass
class LocationResolver:
    """Turns a profile's ``location`` object into a point; tables load only when first needed."""

    postcodes: Mapping[str, Point] | None = None
    municipality_loader: Callable[[], Mapping[str, Point]] = load_municipality_centroids
    _municipalities: Mapping[str, Point] | None = None

    @property
    def municipalities(self) -> Mapping[str, Point]:
        if self._municipalities is None:
            self._municipalities = self.municipality_loader()
        return self._municipalities

    def resolve(self, location: object, where: str) -> Point:
        if not isinstance(location, Mapping):
            raise ProfileError(
                f"{where}: location must be an object with municipality, postcode or coordinates"
            )
        if "latitude" in location or "longitude" in location:
            return self.from_coordinates(location, where)
        if "postcode" in location:
            return self.from_postcode(location["postcode"], where)
        if "municipality" in location:
            return self.from_municipality(location["municipality"], where)
        raise ProfileError(f"{where}: location needs municipality, postcode or latitude/longitude")

    def from_coordinates(self, location: Mapping, where: str) -> Point:
        latitude, longitude = location.get("latitude"), location.get("longitude")
        for name, value in (("latitude", latitude), ("longitude", longitude)):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ProfileError(f"{where}: location.{name} must be a number, got {value!r}")
        return check_in_netherlands(float(latitude), float(longitude), where)

    def from_postcode(self, postcode: object, where: str) -> Point:
        text = str(postcode).strip()[:4]
        if not POSTCODE_PATTERN.match(text):
            raise ProfileError(f"{where}: location.postcode {postcode!r} does not start with four digits")
        if self.postcodes is None:
            raise ProfileError(
                f"{where}: location.postcode {text} needs a postcode centroid CSV (--postcodes)"
            )
        if text not in self.postcodes:
            raise ProfileError(f"{where}: location.postcode {text} is not in the postcode centroid CSV")
        return self.postcodes[text]

    def from_municipality(self, code: object, where: str) -> Point:
        key = municipality_key(str(code))
        if key is None or key not in self.municipalities:
            raise ProfileError(
                f"{where}: location.municipality {code!r} is not a known CBS municipality code"
            )
        return self.municipalities[key]
