"""The "Publication calendar" page (read only; the selector does the reading)."""
from django.http import Http404
from django.shortcuts import render

from events.calendar_selectors import calendar_page


def publication_calendar(request):
    raw = request.GET.get("volume", "").strip()
    volume = None
    if raw:
        if not raw.isdigit() or not 1 <= int(raw) <= 99:
            raise Http404("No such volume.")
        volume = int(raw)
    page = calendar_page(volume)
    if volume is not None and volume not in page.volumes:
        raise Http404("No such volume in the archive.")
    return render(request, "events/calendar.html", {"page": page})
