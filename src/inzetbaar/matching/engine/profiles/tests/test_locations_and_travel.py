"""Locations (municipality, postcode CSV, coordinates), travel estimates and the passend-werk limit."""

import math

import pytest

from inzetbaar.matching.engine.profiles.errors import ProfileError
from inzetbaar.matching.engine.profiles.factors import distance_km
from inzetbaar.matching.engine.profiles.locations import LocationResolver, Point, load_postcode_centroids
from inzetbaar.matching.engine.profiles.travel import TravelModel, haversine_km, max_one_way_minutes


def test_postcode_csv_is_read_with_either_separator_and_decimal_comma(tmp_path):
    path = tmp_path / "pc4.csv"
    path.write_text("PC4;lat;lon\n1012;52,3731;4,8922\n3011;51.9200;4.4850\n", encoding="utf-8")
    assert load_postcode_centroids(path) == {"1012": Point(52.3731, 4.8922), "3011": Point(51.92, 4.485)}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("postcode,latitude,longitude\n1012,52.37,4.89\n012,52.1,5.1\n", "row 3: postcode '012'"),
        ("postcode,latitude,longitude\n1012,noord,4.89\n", "row 2: latitude 'noord' is not a number"),
        (
            "postcode,latitude,longitude\n1012,48.85,2.35\n",
            "row 2: latitude 48.85 lies outside the Netherlands",
        ),
        ("postcode,x,y\n1012,1,2\n", "no latitude column"),
    ],
)
def test_postcode_csv_errors_name_row_and_field(tmp_path, rows, message):
    path = tmp_path / "pc4.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_postcode_centroids(path)


def test_resolver_accepts_municipality_code_variants_postcodes_and_coordinates(resolver):
    amsterdam = resolver.resolve({"municipality": "GM0363"}, "c")
    assert resolver.resolve({"municipality": "363"}, "c") == amsterdam
    assert resolver.resolve({"latitude": 52.0, "longitude": 5.0}, "c") == Point(52.0, 5.0)
    with_postcodes = LocationResolver(postcodes={"1012": Point(52.37, 4.89)})
    assert with_postcodes.resolve({"postcode": "1012 AB"}, "c") == Point(52.37, 4.89)


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ({"municipality": "GM9999"}, "candidates\\[0\\]: location.municipality 'GM9999' is not a known"),
        ({"postcode": "1012"}, "needs a postcode centroid CSV"),
        ({"latitude": 40.0, "longitude": 5.0}, "outside the Netherlands"),
        ({"street": "Dam 1"}, "needs municipality, postcode or latitude/longitude"),
    ],
)
def test_resolver_errors_name_the_entry(resolver, location, message):
    with pytest.raises(ProfileError, match=message):
        resolver.resolve(location, "candidates[0]")


def test_real_municipality_table_resolves_amsterdam():
    point = LocationResolver().resolve({"municipality": "GM0363"}, "c")
    assert math.isclose(point.latitude, 52.37, abs_tol=0.1) and math.isclose(
        point.longitude, 4.9, abs_tol=0.1
    )


def test_kernel_distance_stays_within_a_tenth_percent_of_great_circle():
    for (lat1, lon1), (lat2, lon2) in [((52.37, 4.89), (51.92, 4.48)), ((53.22, 6.57), (50.85, 5.69))]:
        fast = distance_km(lat1, lon1, math.cos(math.radians(lat1)), lat2, lon2, math.cos(math.radians(lat2)))
        assert fast == pytest.approx(haversine_km(lat1, lon1, lat2, lon2), rel=1e-3)


def test_travel_minutes_use_detour_factor_and_mode_speed():
    model = TravelModel()
    assert model.minutes_for_distance(10.0, "bicycle") == pytest.approx(10 * 1.3 / 15 * 60)
    assert model.reach_km(model.minutes_for_distance(7.0, "car"), "car") == pytest.approx(7.0)


@pytest.mark.parametrize(
    ("wish", "months", "limit"),
    [(None, None, 90), (45, None, 45), (None, 5, 60), (None, 7, 90), (75, 3, 60), (120, 12, 90), (30, 2, 30)],
)
def test_passend_werk_caps_the_wish_at_two_then_three_hours_a_day(wish, months, limit):
    assert max_one_way_minutes(wish, months) == limit
