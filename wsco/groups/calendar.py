"""A meeting's `.ics` invitation (RFC 5545), through `icalendar`."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from wsco.groups.models import Meeting, MeetingStatus


def meeting_ics(meeting: Meeting) -> bytes:
    """Return the invitation to `meeting` as an iCalendar file.

    The times are UTC (every calendar shows them in its own zone); the UID stays the same and
    SEQUENCE grows, so a calendar updates the event it has rather than adding another.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//WSCO//Working groups//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH")
    event = Event()
    event.add("uid", f"groups-meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("summary", f"{meeting.group.name}: {meeting.title}")
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("sequence", meeting.sequence)
    event.add("location", meeting.place or meeting.link)
    event.add("url", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    agenda = [item.problem.title for item in meeting.agenda.select_related("problem")]
    description = "\n".join(f"- {title}" for title in agenda)
    if meeting.link:
        description = f"{meeting.link}\n\n{description}"
    event.add("description", description)
    if meeting.status == MeetingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
