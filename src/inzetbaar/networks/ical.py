"""The network's meetings as an iCalendar (RFC 5545) feed, written with the `icalendar` library.

Times carry the Europe/Amsterdam zone and the feed includes that zone's VTIMEZONE, so calendar apps
place a half-day meeting at the right hour in summer and winter.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

PRODID = "-//Inzetbaar//Lerende netwerken//NL"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.datetime  # naive, local time in Europe/Amsterdam
    end: datetime.datetime
    summary: str
    description: str
    location: str
    stamp: datetime.datetime  # aware


def calendar(name: str, events: list[Event]) -> str:
    feed = icalendar.Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", PRODID)
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", event.stamp.astimezone(datetime.UTC))
        entry.add("dtstart", event.start.replace(tzinfo=AMSTERDAM))
        entry.add("dtend", event.end.replace(tzinfo=AMSTERDAM))
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        if event.location:
            entry.add("location", event.location)
        feed.add_component(entry)
    feed.add_missing_timezones()
    return feed.to_ical().decode("utf-8")
