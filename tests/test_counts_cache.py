"""The counts cache (events/selectors/counts.py): the timeline's counts are kept under the counts version, which
moves with every countable change (dates, status, type, precision, confidence, visibility, threads, links) and
not with a reworded summary; a page with cached counts is exactly the page computed without the cache, after
each kind of change; text searches and transactions never use it."""
import os
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from events.filters import TimelineFilter, filtered_happenings
from events.models import Event
from events.selectors import counts
from tests import factories as f

pytestmark = [
    pytest.mark.skipif(os.environ.get("MONITOR_TEST_DB", "postgres") == "sqlite",
                       reason="the counts version lives in PostgreSQL"),
    pytest.mark.django_db(transaction=True),  # the version moves when a writing transaction commits
]


@pytest.fixture(autouse=True)
def counts_cache(settings):
    from django.core.cache import caches

    settings.COUNTS_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SECONDS = 0
    caches["counts"].clear()
    yield
    caches["counts"].clear()


def current():
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM monitor_counts_version WHERE id = 1")
        return cursor.fetchone()[0]


@pytest.fixture
def archive():
    ru, kp = f.country("RU", "Russia"), f.country("KP", "North Korea")
    putin, kim = f.actor("Vladimir Putin"), f.actor("Kim Jong Il")
    summit = f.thread(title="Leaders meet", start=date(2000, 7, 19), status="occurred", event_type="summit")
    first = f.event(summary="Leaders to meet", start=date(2000, 7, 1), end=date(2000, 7, 31), granularity="month",
                    status="planned", event_type="summit", countries=[ru], actors=[putin], thread_obj=summit)
    second = f.event(summary="Leaders met", start=date(2000, 7, 19), event_type="summit", countries=[kp],
                     actors=[kim], thread_obj=summit)
    lone = f.event(summary="A lone statement", start=date(2001, 2, 5), event_type="statement", countries=[kp])
    other = f.event(summary="A visit to Moscow", start=date(2001, 3, 12), countries=[ru], actors=[putin])
    return {"ru": ru, "kp": kp, "kim": kim, "summit": summit, "first": first, "second": second, "lone": lone,
            "other": other}


URLS = ("/", "/?country=RU", "/?country=RU&country=KP", "/?type=summit&status=occurred", "/?actor={kim}",
        "/?date_from=2000-07-01&date_to=2000-07-31", "/?precision=day&min_confidence=0.5", "/?axis=day")


def pages(client, archive):
    return {url: client.get(url.format(kim=archive["kim"].pk)).content for url in URLS}


def uncached_pages(client, archive, settings):
    settings.COUNTS_CACHE_SECONDS = 0
    try:
        return pages(client, archive)
    finally:
        settings.COUNTS_CACHE_SECONDS = 60


def test_a_reworded_summary_keeps_the_version_countable_changes_move_it(archive):
    event = archive["other"]
    before = current()
    event.summary = "A visit to Moscow, reworded by an editor"
    event.save()
    Event.objects.filter(pk=archive["lone"].pk).update(sentence="A new sentence for the lone statement.")
    assert current() == before  # nothing countable changed: cached counts stay valid
    for change in (
        lambda: Event.objects.filter(pk=event.pk).update(date_start=date(2001, 3, 13), date_end=date(2001, 3, 13)),
        lambda: Event.objects.filter(pk=event.pk).update(status="planned"),
        lambda: Event.objects.filter(pk=event.pk).update(confidence=0.2),
        lambda: event.countries.add(archive["kp"]),
        lambda: Event.objects.filter(pk=archive["lone"].pk).update(hidden=True),
        lambda: type(archive["summit"]).objects.filter(pk=archive["summit"].pk).update(status="postponed"),
        lambda: Event.objects.filter(pk=event.pk).update(thread=archive["summit"]),
    ):
        before = current()
        change()
        assert current() > before


def test_cached_counts_equal_uncached_after_every_change(client, archive, settings):
    """After each change the pages served with the counts cache (warmed before the change) are byte for byte
    the pages computed without it: headings, facets, month bars, the axis and the cards agree."""
    event, lone, summit = archive["other"], archive["lone"], archive["summit"]
    changes = [
        lambda: None,
        lambda: Event.objects.filter(pk=event.pk).update(date_start=date(2000, 7, 20), date_end=date(2000, 7, 20)),
        lambda: event.countries.add(archive["kp"]),
        lambda: Event.objects.filter(pk=lone.pk).update(hidden=True),
        lambda: type(summit).objects.filter(pk=summit.pk).update(status="postponed", date_start=date(2000, 8, 1),
                                                                  date_end=date(2000, 8, 1)),
        lambda: Event.objects.filter(pk=event.pk).update(thread=summit),
        lambda: Event.objects.filter(pk=lone.pk).update(hidden=False, granularity="month",
                                                         date_end=date(2001, 2, 28)),
        lambda: archive["second"].actors.clear(),
    ]
    for change in changes:
        pages(client, archive)  # warm the cache under the version before the change
        change()
        cached = pages(client, archive)
        assert cached == uncached_pages(client, archive, settings)


def test_a_reword_is_served_with_cached_counts(client, archive):
    client.get("/?country=RU")
    event = archive["other"]
    event.summary = "Reworded: a visit to Moscow"
    event.save()
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/?country=RU").content.decode()
    assert "Reworded: a visit to Moscow" in body  # the cards are read fresh
    assert not [q for q in ctx.captured_queries if "MATERIALIZED" in q["sql"]]  # the counts were not


def test_text_matches_are_never_cached_nor_counted_in_a_transaction(client, archive):
    # the text's matches are a subquery on the happenings' search documents (which the counts version does not
    # follow: a reword changes them): what counts a search is never cached
    search = filtered_happenings(TimelineFilter({"q": "statement"}, queryset=Event.objects.all()))
    assert counts.sql_key(search) is None
    plain = filtered_happenings(TimelineFilter({"country": ["RU"]}, queryset=Event.objects.all()))
    assert counts.sql_key(plain) is not None
    assert '">0 events' in client.get("/?q=reworded").content.decode()
    Event.objects.filter(pk=archive["lone"].pk).update(summary="A reworded statement")
    body = client.get("/?q=reworded").content.decode()
    assert '<h2 id="results-heading" class="results-heading" tabindex="-1">1 event' in body
    with transaction.atomic():
        assert counts.version() is None
    assert counts.version() is not None
