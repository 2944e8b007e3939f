"""Issue 12's "one unit of counting" in a real browser on a large synthetic archive (not only the corpus):
for a dozen filter combinations the heading, the status and type facets, a month bar and the CSV export
count the same happenings. The archive is issue 13's bulk loader (`load_events`, PostgreSQL's COPY):
20,000 mentions of a few thousand happenings over 2000-2001, Russia in most, a long tail of others.
"""
import re
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.browser.test_researcher_browser import facet_counts, heading_count, wait_htmx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk loader writes with PostgreSQL's COPY"),
]

EVENTS = 20_000

# Chosen so that each picks a different part of the archive: one country, two, a country and a status,
# a type, a date range, a text search, a precision; the loader puts Russia in most events, the US, Ukraine
# and China in many, so none of these is empty (asserted below, else the test would prove nothing).
COMBOS = [
    {}, {"country": "RU"}, {"country": "UA"}, {"country": ["RU", "US"]}, {"status": "planned"},
    {"status": "occurred"}, {"type": "visit"}, {"country": "CN", "type": "meeting"},
    {"country": "RU", "status": "occurred"}, {"date_from": "2001-01-01", "date_to": "2001-06-30"},
    {"q": "talks"}, {"precision": "day", "country": "US"},
]


def export_rows(page, base, query):
    """Data rows of the CSV export, from its trailer line (the whole archive's export takes seconds here)."""
    response = page.request.get(f"{base}/export.csv?{query}", timeout=180_000)
    assert response.ok
    trailer = re.match(r"# rows=(\d+) sha256=[0-9a-f]{64}$", response.text().splitlines()[-1])
    assert trailer
    return int(trailer[1])


@pytest.fixture
def archive(transactional_db, live_server):
    from django.core.management import call_command

    from events.services.bulk_load import load_events

    call_command("load_gazetteers", verbosity=0)  # flushed by the previous transactional test
    report = load_events(EVENTS, [6, 7], seed=12)
    assert report.events == EVENTS
    return live_server


def test_heading_facets_bars_and_exports_agree_on_a_large_archive(archive, page, shot):
    from events.models import Event

    base = archive.url
    total = None
    for combo in COMBOS:
        query = urlencode(combo, doseq=True)
        page.goto(f"{base}/?{query}")
        n = heading_count(page)
        assert n > 0, combo
        if not combo:
            total = n
            # the unit is the happening: fewer than the mentions, and at most one per mention
            assert n < Event.objects.filter(hidden=False).count()
        else:
            assert n <= total, combo
        assert export_rows(page, base, query) == n, combo
        # A status and a type per happening: each facet sums to the heading unless it is itself chosen
        # (a facet counts under every OTHER filter); a chosen value's count is the heading.
        for name in ("status", "type"):
            counts = facet_counts(page, name)
            if name not in combo:
                assert sum(counts.values()) == n, (combo, name)
            else:
                assert counts[combo[name]] == n, (combo, name)
        if isinstance(combo.get("country"), str):
            assert facet_counts(page, "country")[combo["country"]] == n, combo
        # the bar in the middle of the chart lists as many happenings as it says
        bars = page.locator("svg.month-chart a.bar").all()
        nonzero = [b for b in bars if not b.get_attribute("aria-label").endswith(": 0 events")]
        assert nonzero, combo
        bar = nonzero[len(nonzero) // 2]
        said = int(re.search(r": (\d+) event", bar.get_attribute("aria-label"))[1])
        wait_htmx(page, bar.click, "date_from=")
        assert heading_count(page) == said, (combo, bar.get_attribute("aria-label"))
    shot(page, "12-counts-agree-large-archive")
