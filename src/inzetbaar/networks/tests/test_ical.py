"""The iCalendar writer: escaping, folding at 75 octets, local times with their zone."""

import datetime

from django.utils import timezone

from inzetbaar.networks import ical


def test_escape_and_fold():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 100
    parts = ical.fold(line)
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_calendar_has_one_event_per_meeting_in_amsterdam_time():
    event = ical.Event(
        uid="meeting-1@example",
        start=datetime.datetime(2026, 7, 1, 13, 30),
        end=datetime.datetime(2026, 7, 1, 17, 0),
        summary="Netwerk: Masterclass, werkdruk",
        description="1. Welkom\n2. Pilots",
        location="Nijmegen",
        stamp=timezone.now(),
    )
    text = ical.calendar("Netwerk", [event, event])
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;TZID=Europe/Amsterdam:20260701T133000\r\n" in text
    assert "SUMMARY:Netwerk: Masterclass\\, werkdruk\r\n" in text
    assert "DESCRIPTION:1. Welkom\\n2. Pilots\r\n" in text
    assert "BEGIN:VTIMEZONE" in text
