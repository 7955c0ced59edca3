"""Checks on the bundled municipality / labour-market-region reference data."""

import dataclasses
import math
import re

import pytest

from inzetbaar.data import Municipality, labour_market_regions, load_municipalities

# CBS's own codes for the 35 regions; AM04, AM16 and AM31 are not in use.
CBS_REGION_CODES = {f"AM{n:02d}" for n in range(1, 39)} - {"AM04", "AM16", "AM31"}

PROVINCES = {
    "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
    "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
}  # fmt: skip


def by_code(code: str) -> Municipality:
    return next(m for m in load_municipalities() if m.cbs_code == code)


def haversine_km(a: Municipality, b: Municipality) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_342_municipalities_of_2025():
    assert len(load_municipalities()) == 342


def test_codes_and_names_are_unique_and_well_formed():
    munis = load_municipalities()
    codes = [m.cbs_code for m in munis]
    names = [m.name for m in munis]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"GM\d{4}", code) for code in codes)
    assert codes == sorted(codes)


def test_exactly_35_regions_each_with_municipalities():
    regions = labour_market_regions()
    assert len(regions) == 35
    assert set(regions) == CBS_REGION_CODES
    assert list(regions) == sorted(regions)
    assert len(set(regions.values())) == 35
    used = {m.region_code for m in load_municipalities()}
    assert used == set(regions)


def test_each_region_code_has_one_name():
    names_per_code: dict[str, set[str]] = {}
    for m in load_municipalities():
        names_per_code.setdefault(m.region_code, set()).add(m.region_name)
    assert all(len(names) == 1 for names in names_per_code.values())


def test_provinces_are_the_twelve_dutch_provinces():
    assert {m.province for m in load_municipalities()} == PROVINCES


def test_coordinates_lie_inside_the_netherlands():
    for m in load_municipalities():
        assert 50.7 <= m.latitude <= 53.6, m
        assert 3.3 <= m.longitude <= 7.3, m


@pytest.mark.parametrize(
    ("code", "name", "region_code", "region_name"),
    [
        ("GM0363", "Amsterdam", "AM18", "Groot Amsterdam"),
        ("GM0935", "Maastricht", "AM30", "Zuid-Limburg"),
        ("GM0014", "Groningen", "AM01", "Groningen"),
        ("GM0034", "Almere", "AM11", "Flevoland"),
        ("GM0344", "Utrecht", "AM13", "Midden-Utrecht"),
        ("GM0599", "Rotterdam", "AM22", "Rijnmond"),
        ("GM0193", "Zwolle", "AM36", "Regio Zwolle"),
        ("GM0228", "Ede", "AM38", "FoodValley"),
    ],
)
def test_known_memberships(code, name, region_code, region_name):
    m = by_code(code)
    assert (m.name, m.region_code, m.region_name) == (name, region_code, region_name)


def test_recent_mergers_are_reflected():
    codes = {m.cbs_code for m in load_municipalities()}
    # Created 2022-2025: Land van Cuijk, Maashorst, Dijk en Waard, Voorne aan Zee.
    assert {"GM1982", "GM1991", "GM1980", "GM1992"} <= codes
    # Merged away: Beemster, Weesp, Heerhugowaard, Langedijk, Brielle, Hellevoetsluis, Westvoorne, Uden.
    assert not {"GM0370", "GM0457", "GM0398", "GM0416", "GM0501", "GM0530", "GM0614", "GM0856"} & codes


def test_amsterdam_rotterdam_distance():
    assert 50 <= haversine_km(by_code("GM0363"), by_code("GM0599")) <= 65


def test_loading_is_cached_and_records_are_immutable():
    munis = load_municipalities()
    assert load_municipalities() is munis
    with pytest.raises(dataclasses.FrozenInstanceError):
        munis[0].name = "Elders"
