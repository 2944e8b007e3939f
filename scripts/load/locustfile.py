"""Load mix for Monitor Timeline (locust). Run through scripts/load_test.py, which starts gunicorn on the
loopback, bounds the run in time and count, and writes the summary; or alone:

    locust -f scripts/load/locustfile.py --headless -H http://127.0.0.1:8000 -u 8 -r 4 -t 60s

Visitors (all users but LOAD_EDITORS, default 1) browse: the timeline, filters (countries, actors, dates, types,
statuses), htmx fragments, "load more", text searches, event/article/actor/country pages, the actor
type-ahead and now and then a one-month CSV export. Editors (LOAD_EDITORS of the users) log into the admin and save an event with a reason, then look at the timeline.

LOAD_MAX_REQUESTS (default 100000) stops the whole run after that many requests, whatever the time.
LOAD_EDITOR_USER / LOAD_EDITOR_PASSWORD: the editor account (scripts/load_test.py creates it).
Only 127.0.0.1 / localhost hosts are accepted.
"""
from __future__ import annotations

import os
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

COUNTRIES = ["RU", "UA", "BY", "GE", "AZ", "AM", "KZ", "US", "CN", "IR", "KP", "DE", "FR", "TR", "IN", "JP"]
TYPES = ["meeting", "visit", "agreement", "statement", "summit", "military", "economic"]
STATUSES = ["occurred", "planned", "postponed", "reported"]
WORDS = ["talks", "visit", "agreement", "nuclear", "summit", "minister", "president", "trade", "arms", "gas"]
TYPE_AHEAD = ["pu", "ser", "iva", "kuc", "sha", "kha", "lu", "ye", "ab", "mi"]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "100000"))
EVENT_LINK = re.compile(r'href="/events/(\d+)/"')
ACTOR_LINK = re.compile(r'href="/actors/(\d+)/"')
ARTICLE_LINK = re.compile(r'href="/articles/(\d+)/"')
MORE_LINK = re.compile(r'hx-get="(/\?[^"]*after=[^"]+)"')
KNOWN = {"events": set(), "actors": set(), "articles": set()}
_count = {"n": 0}


@events.test_start.add_listener
def _only_loopback(environment, **kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"refusing to load {host!r}: this load test targets the loopback only")


@events.init.add_listener
def _remember(environment, **kwargs):
    _count["environment"] = environment


@events.request.add_listener
def _budget(name=None, response=None, **kwargs):
    _count["n"] += 1
    _note_cache(name, response)
    if _count["n"] == MAX_REQUESTS:
        runner = getattr(_count.get("environment"), "runner", None)
        if runner is not None:
            runner.quit()


CACHE_STATS = os.environ.get("LOAD_CACHE_STATS", "")
_cache_seen = {}


def _note_cache(name, response):
    """Count the page cache's answers (the X-Page-Cache header: hit, miss, or none: not cacheable) per page."""
    header = getattr(response, "headers", None)
    state = (header.get("X-Page-Cache", "none") if header is not None else "none").split(",")[0]
    per_page = _cache_seen.setdefault(name or "?", {})
    per_page[state] = per_page.get(state, 0) + 1


@events.quitting.add_listener
def _write_cache_stats(environment, **kwargs):
    if CACHE_STATS:
        import json

        with open(CACHE_STATS, "w") as out:
            json.dump(_cache_seen, out, indent=1, sort_keys=True)


def _learn(text):
    for pattern, bucket in ((EVENT_LINK, "events"), (ACTOR_LINK, "actors"), (ARTICLE_LINK, "articles")):
        found = pattern.findall(text)
        if found:
            KNOWN[bucket].update(found[:20])
            if len(KNOWN[bucket]) > 2000:
                KNOWN[bucket] = set(random.sample(sorted(KNOWN[bucket]), 1000))


def _pick(bucket):
    return random.choice(tuple(KNOWN[bucket])) if KNOWN[bucket] else None


def _filters():
    params = []
    for _ in range(random.choice([1, 1, 2])):
        kind = random.random()
        if kind < 0.35:
            params.append(("country", random.choice(COUNTRIES)))
        elif kind < 0.5 and KNOWN["actors"]:
            params.append(("actor", _pick("actors")))
        elif kind < 0.7:
            year = random.randint(1995, 2001)
            month = random.randint(1, 12)
            params += [("date_from", f"{year}-{month:02d}-01"), ("date_to", f"{year}-{month:02d}-28")]
        elif kind < 0.85:
            params.append(("type", random.choice(TYPES)))
        else:
            params.append(("status", random.choice(STATUSES)))
    return "&".join(f"{k}={v}" for k, v in params)


def _as_visitor_behind_the_proxy(user):
    """Each simulated user comes from an address of its own, as nginx would forward it (X-Forwarded-For;
    load_test.py runs gunicorn with MONITOR_BEHIND_PROXY=1): per-visitor limits apply per visitor."""
    user.client.headers["X-Forwarded-For"] = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


class Visitor(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        _as_visitor_behind_the_proxy(self)

    @task(10)
    def timeline(self):
        with self.client.get("/", name="/ timeline", catch_response=True) as response:
            _learn(response.text)
            self._more = MORE_LINK.findall(response.text)

    @task(10)
    def filtered(self):
        with self.client.get(f"/?{_filters()}", name="/?filters", catch_response=True) as response:
            _learn(response.text)

    @task(6)
    def fragment(self):
        self.client.get(f"/?{_filters()}", name="/?filters (htmx fragment)",
                        headers={"HX-Request": "true", "HX-Trigger": "filters"})

    @task(3)
    def load_more(self):
        more = getattr(self, "_more", None)
        if more:
            self.client.get(more[0].replace("&amp;", "&"), name="/?after= (load more)", headers={"HX-Request": "true"})
        else:
            self.timeline()

    @task(4)
    def search(self):
        self.client.get(f"/?q={random.choice(WORDS)}", name="/?q= (search)")

    @task(6)
    def event_page(self):
        pk = _pick("events")
        if pk:
            with self.client.get(f"/events/{pk}/", name="/events/[id]/", catch_response=True) as response:
                _learn(response.text)

    @task(2)
    def article_page(self):
        pk = _pick("articles")
        if pk:
            self.client.get(f"/articles/{pk}/", name="/articles/[id]/")

    @task(3)
    def actor_page(self):
        pk = _pick("actors")
        if pk:
            self.client.get(f"/actors/{pk}/", name="/actors/[id]/")

    @task(3)
    def country_page(self):
        self.client.get(f"/countries/{random.choice(COUNTRIES)}/", name="/countries/[code]/")

    @task(3)
    def type_ahead(self):
        self.client.get(f"/actors/suggest?actor_q={random.choice(TYPE_AHEAD)}", name="/actors/suggest",
                        headers={"HX-Request": "true"})

    @task(1)
    def export(self):
        year, month = random.randint(1996, 2001), random.randint(1, 12)
        self.client.get(f"/export.csv?country={random.choice(COUNTRIES)}&date_from={year}-{month:02d}-01"
                        f"&date_to={year}-{month:02d}-28", name="/export.csv (one month, one country)")


class _FormParser(HTMLParser):
    """The fields of the admin change form as a browser would submit them (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.fields, self._select, self._textarea, self._in_form = [], None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if self._in_form:
            self._field_start(tag, a)

    def _field_start(self, tag, a):
        if tag == "option":
            if self._select and "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
            return
        if not a.get("name"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file", "image"):
            self._input(a)
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def _input(self, a):
        """An input's name and value, as submitted (a checkbox or radio button only when checked)."""
        if a.get("type") in ("checkbox", "radio") and "checked" not in a:
            return
        self.fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "form":
            self._in_form = False


class Editor(HttpUser):
    fixed_count = int(os.environ.get("LOAD_EDITORS", "1"))
    wait_time = between(5.0, 15.0)

    def on_start(self):
        _as_visitor_behind_the_proxy(self)
        user = os.environ.get("LOAD_EDITOR_USER", "loadtest")
        password = os.environ.get("LOAD_EDITOR_PASSWORD", "")
        page = self.client.get("/admin/login/", name="/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post("/admin/login/?next=/admin/", name="/admin/login/ (POST)",
                         headers={"Referer": f"{self.host}/admin/login/"},
                         data={"csrfmiddlewaretoken": token[1] if token else "", "username": user,
                               "password": password, "next": "/admin/"})
        self.saves, self.token = 0, f"{random.getrandbits(32):08x}"

    @task(3)
    def save_event(self):
        pk = _pick("events")
        if not pk:
            self.client.get("/", name="/ timeline (editor)")
            return
        url = f"/admin/events/event/{pk}/change/"
        page = self.client.get(url, name="/admin/events/event/[id]/change/")
        if page.status_code != 200:
            return
        parser = _FormParser()
        parser.feed(page.text)
        fields = [(k, v) for k, v in parser.fields if k not in ("change_reason", "_save", "_continue")]
        self.saves += 1
        summary = next((v for k, v in fields if k == "summary"), "")
        fields = [(k, v) for k, v in fields if k != "summary"]
        # A mark unique to this editor and save (and run: the same events are edited run after run), kept whole
        # however long the summary: the same text again is "Nothing changed" and the form comes back (by
        # design), which is not what this test measures.
        mark = f" [load {self.token}-{self.saves}]"
        fields += [("summary", summary.split(" [load")[0][:300 - len(mark)] + mark),
                   ("change_reason", f"load test edit {self.saves}: summary wording"), ("_save", "Save")]
        with self.client.post(url, data=fields, name="/admin/events/event/[id]/change/ (save)",
                              headers={"Referer": f"{self.host}{url}"},
                              catch_response=True, allow_redirects=False) as response:
            if response.status_code != 302:
                response.failure(f"save not accepted: {response.status_code}")

    @task(1)
    def look(self):
        self.client.get("/", name="/ timeline (editor)")
