"""SQL selects, numpy counts (events/selectors/facet_index.py): every count the numpy path gives equals the SQL
path's, for many filter combinations on a generated archive (the bulk loader's 3,000 mentions plus made-up
happenings with organizations, ranges and hidden mentions), whole pages byte for byte; and it steps aside
(the SQL path counts) whenever it could not be exact: inside a transaction, or with a stale snapshot that was
read a moment ago."""
import os
import random
from datetime import date
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction

from events.filters import TimelineFilter, applied_filters, filtered_happenings
from events.models import Actor, Country, Event, Happening
from events.selectors import axis as axis_module
from events.selectors import facet_index, tallies
from tests import factories as f

pytestmark = [
    pytest.mark.skipif(os.environ.get("MONITOR_TEST_DB", "postgres") == "sqlite",
                       reason="the numpy path runs on PostgreSQL only"),
    # the numpy path is used outside transactions only: the test's rows must be committed
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def uncached(settings):
    """Every count computed (no counts cache, no page cache), the numpy path on, no snapshot held."""
    settings.COUNTS_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    settings.COUNTS_INDEX = True
    settings.COUNTS_INDEX_RELOAD_SECONDS = 0
    facet_index.forget()
    yield
    facet_index.forget()


@pytest.fixture
def archive():
    from django.core.management import call_command

    from events.models import Organization
    from events.services.bulk_load import load_events

    if not Country.objects.exists():  # an earlier test's flush took the migrations' gazetteer
        call_command("load_gazetteers", verbosity=0)
    load_events(3000, [6, 7], seed=21)
    osce = Organization.objects.get_or_create(slug="osce", defaults={"name": "OSCE"})[0]
    un = Organization.objects.get_or_create(slug="un", defaults={"name": "United Nations"})[0]
    ru, kp = Country.objects.get(code="RU"), Country.objects.get(code="KP")
    winter = f.thread(title="Winter talks", start=date(2000, 11, 15), end=date(2001, 1, 20), status="reported",
                      event_type="meeting")
    f.event(summary="Talks through the winter", start=date(2000, 11, 15), end=date(2001, 1, 20),
            status="reported", event_type="meeting", countries=[ru], thread_obj=winter, organizations=[osce])
    f.event(summary="Talks resumed", start=date(2001, 1, 8), countries=[kp], thread_obj=winter, organizations=[un])
    f.event(summary="A lone range", start=date(2001, 2, 26), end=date(2001, 3, 4), granularity="week",
            countries=[ru, kp], organizations=[un])
    f.event(summary="Hidden one", start=date(2001, 3, 12), countries=[kp], hidden=True, organizations=[osce])
    assert Happening.objects.count() > 400


def combinations(n=40, seed=3):
    """Like the load test: 1-2 of country, actor, month, type, status; and the filters it does not send."""
    rng = random.Random(seed)
    countries = [c for c in Country.objects.filter(code__in=["RU", "KP", "UA", "BY", "IR", "CN", "US"])
                 .values_list("code", flat=True)]
    actors = list(Actor.objects.filter(events__hidden=False).values_list("id", flat=True).distinct()[:30])
    months = [(date(y, m, 1), date(y, m, 28)) for y in (2000, 2001) for m in (1, 3, 7, 11)]
    kinds = {
        "country": lambda: [("country", rng.choice(countries))],
        "actor": lambda: [("actor", str(rng.choice(actors)))],
        "month": lambda: list(zip(("date_from", "date_to"), map(str, rng.choice(months)))),
        "type": lambda: [("type", rng.choice(["meeting", "visit", "agreement", "statement"]))],
        "status": lambda: [("status", rng.choice(["occurred", "planned", "reported"]))],
    }
    out = [[("country", "RU"), ("country", "KP")], [("org", "un")], [("org", "osce"), ("country", "KP")],
           [("q", "talks")], [("q", "talks"), ("status", "occurred")], [("precision", "day")],
           [("min_confidence", "0.7"), ("country", "RU")], [("date_from", "2001-01-01")],
           [("date_to", "2000-06-30"), ("type", "visit"), ("type", "meeting")], [("country", "XX")]]
    for _ in range(n):
        params = []
        for kind in rng.sample(sorted(kinds), rng.choice([1, 2])):
            params += kinds[kind]()
        out.append(params)
    return out


def both_ways(compute, settings):
    settings.COUNTS_INDEX = True
    with_index = compute()
    settings.COUNTS_INDEX = False
    try:
        return with_index, compute()
    finally:
        settings.COUNTS_INDEX = True


def querysets(params):
    """The request's happening querysets: all filters, and each without one facet's (and the date's) filter."""
    filterset = TimelineFilter(_query_dict(params), queryset=Event.objects.filter(hidden=False))
    active = applied_filters(filterset)
    out = [tallies.shared(filtered_happenings(filterset), active)]
    for name in active:
        others = [n for n in active if n != name]
        out.append(tallies.shared(filtered_happenings(filterset, (name,)), others))
    return out


def _query_dict(params):
    from django.http import QueryDict

    return QueryDict(urlencode(params))


def every_count(qs):
    """Each aggregate the pages take from a set of happenings, in a comparable form."""
    from events import selectors

    window = (date(2000, 10, 1), date(2001, 3, 31))
    in_window = selectors.overlapping(qs, *window)
    return {
        "summary": tallies._summary(qs),
        "arrays": {c: tallies._array_counts(qs, c, None) for c in facet_index.ARRAYS},
        "only": tallies._array_counts(qs, "actor_ids", [1, 2, 3, 5, 8, 13, 10**6]),
        "count": selectors.timeline_count(qs.filter()),  # a clone: not shared, so not from the summary
        "month_spans": sorted(selectors.month_spans(qs.filter())),
        "extent": axis_module.extent(qs.filter()),
        "types": [(x.value, x.count) for x in selectors.choice_facets(qs.filter(), "event_type", [("meeting", "")])],
        "ts": [[(x.value, x.count) for x in facets] for facets in selectors.type_and_status_facets(
            qs.filter(), [("visit", ""), ("summit", "")], [("occurred", ""), ("planned", "")])],
        "bins": {unit: sorted(axis_module._bin_spans(qs, in_window, unit, False)) for unit in axis_module.UNITS},
    }


@pytest.mark.parametrize("selected_by", ["conditions read over the snapshot", "keys selected in SQL"])
def test_numpy_counts_equal_sql_counts_for_many_filter_combinations(archive, settings, monkeypatch, selected_by):
    from django.test.utils import CaptureQueriesContext

    from events.selectors import facet_where

    if selected_by == "keys selected in SQL":  # as for a condition facet_where does not read
        monkeypatch.setattr(facet_where, "evaluate", lambda snapshot, where: None)
    assert facet_index.select(Happening.objects.all()).count() == Happening.objects.count()  # reads the snapshot
    sizes = []
    for params in combinations():
        for qs in querysets(params):
            with CaptureQueriesContext(connection) as queries:
                selection = facet_index.select(qs)
            assert selection is not None, params  # the numpy path really counts these
            # the counts version, and (unless the conditions are read over the snapshot) the keys; over the
            # snapshot, a text search's keys are read on their own (base.in_subquery: once a request)
            text = selected_by.startswith("conditions") and any(type(node.lhs).__name__ == "KeysSubquery"
                                                                 for node in qs.query.where.children)
            assert len(queries) == (1 + text if selected_by.startswith("conditions") else 2), params
            with_index, in_sql = both_ways(lambda: every_count(qs), settings)
            assert with_index == in_sql, params
            sizes.append(selection.count())
    # not all trivial: empty sets, the whole archive (a filter's own facet set), and many in between
    total = Happening.objects.count()
    assert len(sizes) >= 80 and 0 in sizes and total in sizes
    assert len([n for n in sizes if 0 < n < total]) >= 50


def test_pages_are_byte_for_byte_the_same_with_and_without_the_index(client, archive, settings):
    urls = ["/?" + urlencode(params) for params in combinations(12, seed=8)]
    urls += ["/", "/?country=RU&country=KP", "/?axis=day&date_from=2001-01-01&date_to=2001-03-31",
             "/?axis=week&country=KP", "/?lanes=country", "/?lanes=actor&type=visit", "/?q=talks&axis=month",
             "/countries/RU/", "/export.csv?country=RU&date_from=2001-03-01&date_to=2001-03-31",
             "/actors/suggest?actor_q=a"]
    for url in urls:
        with_index, in_sql = both_ways(lambda: client.get(url), settings)
        assert with_index.status_code == in_sql.status_code == 200, url
        body = with_index.getvalue() if with_index.streaming else with_index.content
        assert body == (in_sql.getvalue() if in_sql.streaming else in_sql.content), url


def test_the_sql_path_counts_inside_a_transaction_and_with_a_snapshot_just_read(archive, settings):
    qs = Happening.objects.filter(country_ids__overlaps=[Country.objects.get(code="KP").pk])
    assert facet_index.select(qs) is not None
    with transaction.atomic():  # its own writes could be uncommitted: never the snapshot
        assert facet_index.select(qs) is None
    settings.COUNTS_INDEX_RELOAD_SECONDS = 3600
    before = tallies._array_counts(qs, "country_ids", None)
    lone = Event.objects.filter(hidden=False, thread__isnull=True, countries__code="KP").first()
    lone.countries.add(Country.objects.get(code="BY"))  # a countable change: a new counts version
    assert facet_index.select(qs) is None  # stale, and read a moment ago: the SQL path counts
    after = tallies._array_counts(qs, "country_ids", None)
    by = Country.objects.get(code="BY").pk
    assert after[by] == before.get(by, 0) + 1
    settings.COUNTS_INDEX_RELOAD_SECONDS = 0
    assert facet_index.select(qs) is not None  # read again: counts the new version
    assert tallies._array_counts(qs, "country_ids", None) == after
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM monitor_counts_version WHERE id = 1")
        assert facet_index._held[facet_index._database()][0].version == cursor.fetchone()[0]
