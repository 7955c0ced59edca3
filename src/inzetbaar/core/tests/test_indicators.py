from datetime import date

from inzetbaar.core.indicators import Indicator, all_indicators, get_indicator, measure, register_indicator


def test_a_registered_indicator_is_measured_by_key_and_an_unknown_key_gives_none():
    register_indicator(Indicator("test:days", "Dagen", "", lambda org, start, end: (end - start).days))
    assert get_indicator("test:days").label == "Dagen"
    assert "test:days" in [i.key for i in all_indicators()]
    assert measure("test:days", None, date(2026, 1, 1), date(2026, 1, 31)) == 30
    assert measure("test:unknown", None, date(2026, 1, 1), date(2026, 1, 31)) is None
