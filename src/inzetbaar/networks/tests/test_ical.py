"""The iCalendar feed: one event per meeting, local times with their zone, text that survives a round trip."""

import datetime

import icalendar
from django.utils import timezone

from inzetbaar.networks import ical


def meeting(**changes):
    values = dict(
        uid="meeting-1@example",
        start=datetime.datetime(2026, 7, 1, 13, 30),
        end=datetime.datetime(2026, 7, 1, 17, 0),
        summary="Netwerk: Masterclass, werkdruk; pilots",
        description="1. Welkom\n2. Pilots",
        location="Nijmegen",
        stamp=timezone.now(),
    )
    return ical.Event(**{**values, **changes})


def test_calendar_has_one_event_per_meeting_in_amsterdam_time():
    text = ical.calendar("Netwerk", [meeting(), meeting(uid="meeting-2@example")])
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;TZID=Europe/Amsterdam:20260701T133000\r\n" in text
    assert "SUMMARY:Netwerk: Masterclass\\, werkdruk\\; pilots\r\n" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Amsterdam" in text


def test_long_and_special_text_is_folded_and_reads_back_unchanged():
    description = "Agenda: " + "één, twee; drie\n" * 20
    text = ical.calendar("Netwerk", [meeting(description=description)])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = icalendar.Calendar.from_ical(text)
    (event,) = parsed.walk("VEVENT")
    assert str(event["DESCRIPTION"]) == description
    assert event.decoded("DTSTART") == datetime.datetime(2026, 7, 1, 13, 30, tzinfo=ical.AMSTERDAM)
    assert event.decoded("DTEND").utcoffset() == datetime.timedelta(hours=2)  # summer time
