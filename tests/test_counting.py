"""One unit everywhere: the heading, every facet count, every month bar, the entity pages and the exports
count the same happenings for the same filters (issue 12), and the exports are hardened (issue 14)."""
import calendar
import csv
import hashlib
import io
import json
import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests import factories as f


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def archive(db):
    """Made-up happenings whose mentions disagree on countries, actors and dates (the hard cases):

    * a Russia-North Korea summit thread with three mentions: one names Russia + Putin (planned, spring),
      one North Korea + Kim (occurred, 19 Jul), one both (occurred);
    * a Russia-Iran visit thread whose two mentions name Iran and Russia separately (Feb; Mar);
    * a thread spanning Nov 2000 - Jan 2001 (a range) with one mention;
    * lone mentions (no thread) and a hidden mention that must never count;
    * organizations on some mentions: the OSCE on the winter talks and the lone arms deal, the UN on Kim's
      mention of the summit and on the hidden one (which must not count).
    """
    from events.models import Organization

    osce, un = Organization.objects.get(slug="osce"), Organization.objects.get(slug="un")
    ru, kp, ir = f.country("RU", "Russia"), f.country("KP", "North Korea"), f.country("IR", "Iran")
    putin, kim, khatami = f.actor("Vladimir Putin"), f.actor("Kim Jong Il"), f.actor("Mohammad Khatami")
    nukes, arms = f.topic("Nuclear energy"), f.topic("Arms sales")
    summit = f.thread(title="Putin in Pyongyang", start=date(2000, 7, 19), status="occurred", event_type="summit")
    f.event(summary="Putin to go to Pyongyang", start=date(2000, 3, 1), end=date(2000, 5, 31), granularity="season",
            status="planned", event_type="summit", countries=[ru], actors=[putin], thread_obj=summit)
    f.event(summary="Kim receives guest", start=date(2000, 7, 19), event_type="summit", countries=[kp],
            actors=[kim], thread_obj=summit, topics=[arms], organizations=[un])
    f.event(summary="Summit held", start=date(2000, 7, 19), event_type="summit", countries=[ru, kp],
            actors=[putin, kim], thread_obj=summit)
    visit = f.thread(title="Khatami visit", start=date(2001, 3, 12), status="occurred", event_type="visit")
    f.event(summary="Khatami plans trip", start=date(2001, 2, 1), end=date(2001, 2, 28), granularity="month",
            status="planned", countries=[ir], actors=[khatami], thread_obj=visit, topics=[nukes])
    f.event(summary="Khatami in Moscow", start=date(2001, 3, 12), countries=[ru], actors=[khatami, putin],
            thread_obj=visit)
    span = f.thread(title="Talks over winter", start=date(2000, 11, 15), end=date(2001, 1, 20), granularity="day",
                    status="reported", event_type="meeting")
    f.event(summary="Talks over winter", start=date(2000, 11, 15), end=date(2001, 1, 20), status="reported",
            event_type="meeting", countries=[ru, ir], thread_obj=span, organizations=[osce])
    f.event(summary="Lone statement", start=date(2000, 12, 5), event_type="statement", countries=[kp], actors=[kim])
    f.event(summary="Lone arms deal", start=date(2001, 3, 20), event_type="agreement", countries=[ru, ir],
            topics=[arms, nukes], status="reported", organizations=[osce])
    f.event(summary="Hidden one", start=date(2001, 3, 12), countries=[ru, kp, ir], actors=[putin], hidden=True,
            organizations=[un])
    return locals()


HEADING = re.compile(r'<h2 id="results-heading"[^>]*>(\d+) events?')
FACET = re.compile(r'<input type="checkbox" name="(\w+)" value="([^"]+)"[^>]*>(?:(?!</li>).)*?'
                   r'<span class="facet-count" id="count-\w+-[^"]+">(\d+)</span>', re.S)
BAR = re.compile(r'<a href="/\?([^"]*)" class="bar[^"]*" aria-label="[^:]+: (\d+) event')


def page_numbers(client, query):
    body = client.get("/?" + query).content.decode()
    heading = int(HEADING.search(body)[1])
    facets = [(name, value, int(n)) for name, value, n in FACET.findall(body)]
    bars = [(q.replace("&amp;", "&"), int(n)) for q, n in BAR.findall(body)]
    return heading, facets, bars


def csv_rows(client, query):
    text = b"".join(client.get("/export.csv?" + query).streaming_content).decode()
    lines = text.splitlines(keepends=True)
    assert lines[-1].startswith("# rows=")
    return list(csv.DictReader(io.StringIO("".join(lines[:-1])))), lines[-1]


COMBINATIONS = [
    "", "country=RU", "country=KP", "country=RU&country=IR", "actor={putin}", "actor={kim}&country=RU",
    "topic=arms-sales", "type=summit", "status=planned", "status=reported&country=IR", "date_from=2000-07-01&date_to=2000-07-31",
    "date_from=2001-01-01", "q=khatami", "precision=day", "country=KP&actor={putin}&status=occurred",
    "org=osce", "org=un&country=RU", "org=osce&org=un&status=reported",
]


@pytest.mark.parametrize("combo", COMBINATIONS)
def test_heading_facets_bars_and_exports_agree(client, archive, combo):
    query = combo.format(putin=archive["putin"].pk, kim=archive["kim"].pk)
    heading, facets, bars = page_numbers(client, query)
    # The export has one row per happening the heading counts; the mentions export has each one's mentions.
    rows, trailer = csv_rows(client, query)
    assert len(rows) == heading and trailer.startswith(f"# rows={heading} ")
    mentions, _ = csv_rows(client, query + "&unit=mentions")
    assert len(mentions) == sum(int(r["mentions"]) for r in rows)
    # Each facet's count is what the heading says once that choice is the only one of its filter
    # (faceted search: counted under every OTHER active filter).
    params = [p for p in query.split("&") if p]
    assert facets
    for name, value, count in facets:
        others = [p for p in params if not p.startswith(name + "=")]
        alone = "&".join(others + [urlencode({name: value})])
        assert page_numbers(client, alone)[0] == count, (name, value, alone)
    # Each bar counts what choosing it lists (every other filter kept).
    for bar_query, count in bars:
        assert page_numbers(client, bar_query)[0] == count, bar_query


def test_the_happening_is_counted_once_however_many_mentions(client, archive):
    heading, facets, _ = page_numbers(client, "")
    # 3 threads + 2 lone mentions; the hidden mention counts nowhere
    assert heading == 5
    counts = {(n, v): c for n, v, c in facets}
    # Russia: the summit, the visit, the winter talks, the lone arms deal (4 happenings from 6 mentions)
    assert counts[("country", "RU")] == 4
    # the summit's mentions name Russia and North Korea separately: choosing both keeps it once
    # every happening names Russia or North Korea somewhere
    assert page_numbers(client, "country=RU&country=KP")[0] == 5
    # a happening with a Russian mention and a Kim mention matches Kim AND Russia
    assert page_numbers(client, f"actor={archive['kim'].pk}&country=RU")[0] == 1
    assert counts[("status", "planned")] == 0  # both planning mentions belong to happenings that occurred
    assert counts[("status", "occurred")] == 3  # the summit, the visit and the lone statement


def test_month_bars_count_every_month_a_happening_overlaps(client, archive):
    _, _, bars = page_numbers(client, "")
    by_month = {q.split("date_from=")[1][:7]: n for q, n in bars}
    # winter talks (15 Nov - 20 Jan) count in Nov, Dec and Jan; the Dec lone statement adds to December
    assert (by_month["2000-11"], by_month["2000-12"], by_month["2001-01"]) == (1, 2, 1)
    # a month with nothing starting and nothing spanning is an empty bar
    assert by_month["2000-09"] == 0


def test_actor_and_country_pages_count_like_the_facets(client, archive):
    _, facets, _ = page_numbers(client, "")
    counts = {(n, v): c for n, v, c in facets}
    body = client.get(archive["putin"].get_absolute_url()).content.decode()
    assert f'{counts[("actor", str(archive["putin"].pk))]} events match' in body
    body = client.get("/countries/KP/").content.decode()
    assert f'{counts[("country", "KP")]} events match' in body


def test_active_filter_count_counts_only_applied_parameters(client, archive):
    body = client.get("/?country=ZZ&status=occurred&foo=1&q=", follow=True).content.decode()
    assert '<span id="active-count" class="active-count">(1 active)</span>' in body


# --- exports: hardened ----------------------------------------------------------------------------------

def test_csv_trailer_counts_rows_and_checks_the_bytes(client, archive):
    text = b"".join(client.get("/export.csv").streaming_content).decode()
    body, trailer = text[:text.rindex("# rows=")], text[text.rindex("# rows="):]
    assert trailer == f"# rows=5 sha256={hashlib.sha256(body.encode()).hexdigest()}\n"
    cut = body[: len(body) // 2]
    assert hashlib.sha256(cut.encode()).hexdigest() not in trailer  # a cut-short file fails the check


def test_json_is_streamed_and_ends_with_its_row_count(client, archive):
    response = client.get("/export.json?unit=mentions")
    assert response.streaming
    data = json.loads(b"".join(response.streaming_content))
    assert data["unit"] == "mentions" and data["row_count"] == len(data["rows"]) == 8
    assert {"article_headline", "url", "sentence", "date_text"} <= set(data["rows"][0])


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(client, db, start):
    payload = start + "HYPERLINK(\"http://evil.example\",\"x\")"
    f.event(summary=payload, sentence=payload + " on March 12.", date_text="on March 12")
    rows, _ = csv_rows(client, "")
    assert rows[0]["title"] == "'" + payload
    assert rows[0]["sentence"].startswith("'" + start)
    # JSON carries the text as it is (it is not a spreadsheet format)
    data = json.loads(b"".join(client.get("/export.json").streaming_content))
    assert data["rows"][0]["title"] == payload


def test_exports_never_read_article_bodies_and_take_few_queries(client, archive):
    from events.services import happenings

    happenings.ensure_current()  # SQLite recomputes the changed happenings at the first read: set-up, not export
    for unit in ("happenings", "mentions"):
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(f"/export.csv?unit={unit}&country=RU").streaming_content)
        selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
        assert not any('"events_article"."body"' in sql for sql in selects), selects
        # the country value, the happenings' keys, the rows, and their actors, countries, topics
        assert len(selects) <= 6


def test_anonymous_exports_are_rate_limited(client, archive, settings):
    settings.EXPORT_ANON_RATE = (3, 60)
    for _ in range(3):
        assert client.get("/export.csv").status_code == 200
    refused = client.get("/export.json")
    assert refused.status_code == 429 and int(refused["Retry-After"]) <= 60
    assert "Too many exports" in refused.content.decode()
    staff = User.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(staff)
    assert client.get("/export.csv").status_code == 200


def test_the_export_limit_counts_each_visitor_behind_the_proxy(client, archive, settings):
    """Behind nginx every request comes from 127.0.0.1: the limit is per visitor (the address nginx appended
    last to X-Forwarded-For), and a visitor's own X-Forwarded-For claims do not escape it."""
    settings.EXPORT_ANON_RATE = (2, 60)
    settings.BEHIND_PROXY = True
    for visitor in ("198.51.100.7", "203.0.113.9"):
        for _ in range(2):
            assert client.get("/export.csv", HTTP_X_FORWARDED_FOR=visitor).status_code == 200
    assert client.get("/export.csv", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    spoofed = "192.0.2.1, 198.51.100.7"  # a claimed address, then the one nginx saw
    assert client.get("/export.csv", HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    settings.BEHIND_PROXY = False  # not behind a proxy: the header is anyone's to write, and ignored
    codes = [client.get("/export.csv", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_export_events_command_keeps_its_contract(archive):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("export_events", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == Event.objects.filter(hidden=False).count() == 8  # mentions, as the contract says
    assert set(rows[0]) == {"id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence",
                            "summary", "event_type", "status", "actors", "countries", "topics", "reported",
                            "issue", "article_id", "corrected"}


def test_index_pages_count_like_the_facets(client, archive):
    _, facets, _ = page_numbers(client, "")
    counts = {(n, v): c for n, v, c in facets}
    actors = client.get("/actors/").content.decode()
    putin = archive["putin"]
    assert f'<a href="/?actor={putin.pk}">{counts[("actor", str(putin.pk))]}</a>' in actors
    countries = client.get("/countries/").content.decode()
    assert f'aria-label="{counts[("country", "RU")]} events with Russia on the timeline">' in countries
    topics = client.get("/topics/").content.decode()
    assert f'Arms sales</a> <span class="facet-count">{counts[("topic", "arms-sales")]}</span>' in topics
    issues = client.get("/issues/").content.decode()
    assert "Volume 7" in issues and "event mention" in issues


def test_time_axis_zooms_from_years_to_days_and_draws_fuzzy_dates_as_spans(client, archive):
    body = client.get("/?axis=year").content.decode()
    assert 'data-unit="year"' in body and 'aria-label="2000: 3 events"' in body
    # choosing a year zooms into its months; a month into weeks; a week into days
    assert 'href="/?date_from=2000-01-01&amp;date_to=2000-12-31&amp;axis=month"' in body
    body = client.get("/?date_from=2000-01-01&date_to=2000-12-31&axis=month").content.decode()
    assert 'data-unit="month"' in body and body.count('class="bar') == 12
    # few events in the window: each drawn as a span with its precision (the spring plan is a season)
    assert 'class="span precision-season"' not in body  # the thread's own interval is a day: 19 Jul
    assert 'class="span precision-day"' in body
    # zoom out from months goes to the decade's years
    assert 'date_from=2000-01-01&amp;date_to=2009-12-31&amp;axis=year' in body
    body = client.get("/?date_from=2000-07-17&date_to=2000-07-23").content.decode()
    assert 'data-unit="day"' in body and 'aria-label="19 Jul 2000: 1 event"' in body


def test_organization_facet_index_and_page_count_like_the_heading(client, archive):
    # The OSCE is named on two visible happenings (the winter talks, the lone arms deal); the UN on one (the
    # summit, through Kim's mention; the hidden mention naming it counts nowhere).
    heading, facets, _ = page_numbers(client, "")
    counts = {(n, v): c for n, v, c in facets}
    assert counts[("org", "osce")] == 2 and counts[("org", "un")] == 1
    # Faceted: under "status=reported" the OSCE keeps both (both happenings were reported), the UN none.
    _, facets, _ = page_numbers(client, "status=reported")
    counts = {(n, v): c for n, v, c in facets}
    assert counts[("org", "osce")] == 2 and counts[("org", "un")] == 0
    # The index lists every organization of the gazetteer (with 0 when none names it), the named first.
    body = client.get("/organizations/").content.decode()
    # most events first: the OSCE (2) before the UN (1) before NATO (0)
    assert body.index('"/organizations/osce/"') < body.index('"/organizations/un/"') < body.index(
        '"/organizations/nato/"')
    assert 'aria-label="2 events naming' in body and 'href="/?org=osce"' in body
    # The organization's page: its timeline fixed on it, the same count, its members, the org's actors.
    body = client.get("/organizations/un/").content.decode()
    assert "1 event match" in body and "Kim Jong Il" in body
    assert "Member states on record" in body and "/countries/RU/" in body
    assert client.get("/organizations/no-such-body/").status_code == 404
    assert client.get("/organizations/" + "x" * 300 + "/").status_code == 404


LANE = re.compile(r'<g class="lane" role="img" aria-label="([^":]+): (\d+) events? in this window')
LANE_BAR = re.compile(r'<title>([^,<]+), ([^:<]+): (\d+) events?</title>')


@pytest.mark.parametrize("combo", ["", "country=RU&country=KP", "status=occurred", "date_from=2000-11-01&date_to=2001-03-31"])
def test_axis_lanes_count_what_choosing_the_lane_lists(client, archive, combo):
    # ?lanes=country splits the axis into one row per country (the chosen ones, else the top ones): a
    # lane's total is the heading with that country as the only country filter (and the window as the
    # date filter); each lane bar is that heading for the bar's period.
    body = client.get(f"/?{combo}&lanes=country&axis=month").content.decode()
    lanes = LANE.findall(body)
    assert lanes
    names = {"Russia": "RU", "North Korea": "KP", "Iran": "IR"}
    params = [p for p in combo.split("&") if p and not p.startswith("country=")]
    window = re.search(r'Events per month, (\d+ \w+ \d{4}) – (\d+ \w+ \d{4})', body)
    from datetime import datetime
    first, last = (datetime.strptime(window[i], "%d %b %Y").date() for i in (1, 2))
    dates = [p for p in params if not p.startswith("date_")] + [f"date_from={first}", f"date_to={last}"]
    for name, total in lanes:
        assert page_numbers(client, "&".join(dates + [f"country={names[name]}"]))[0] == int(total), name
    # the bars: each a month of one lane
    bars = LANE_BAR.findall(body)
    assert bars
    for name, month, n in bars[:6]:
        start = datetime.strptime(month, "%b %Y").date()
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        query = "&".join([p for p in params if not p.startswith("date_")]
                         + [f"date_from={start}", f"date_to={end}", f"country={names[name]}"])
        assert page_numbers(client, query)[0] == int(n), (name, month)


def test_axis_lanes_by_actor_follow_the_chosen_actors(client, archive):
    kim = archive["kim"]
    body = client.get(f"/?actor={kim.pk}&lanes=actor").content.decode()
    # the chosen actor is the only lane; its total is the heading
    heading = int(HEADING.search(body)[1])
    assert LANE.findall(body) == [("Kim Jong Il", str(heading))]
    # a lane value nobody asked for, or a bad one, is ignored without an error
    assert client.get("/?lanes=planet").status_code == 200
    assert 'class="lane"' not in client.get("/?lanes=planet").content.decode()
