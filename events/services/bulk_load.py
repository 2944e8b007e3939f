"""Bulk loader: synthetic issues, articles, threads and events straight into PostgreSQL with COPY.

    python manage.py load_events --events 1000000 [--volumes 1-7] [--seed 1]

For page benchmarks at archive scale (a million events), where ingesting through extraction would take
hours. Nothing is extracted: each event is written as the extraction would have stored it (a sentence in
its article's body at the offsets given, a date phrase, an interval, type, status, summary, actors,
countries, topics, an anchor date) and each thread as linking would have derived it. The distribution is
archive-like, drawn from a seeded random generator:

* happenings (threads) spread over the volumes' years, more in later years (the archive grew);
* each happening mentioned 1..40 times (geometric, about 7 on average) in issues from a month before it to
  two months after; one article carries about 10 mentions;
* countries follow the Monitor's beat (Russia in most events, the CIS next, the rest a long tail, Zipf-like),
  actors are the gazetteer's people of those countries plus invented officials (needs_review), a few
  topics each; postponements, hidden mentions and low-confidence dates at small rates.

Rows are added, never replaced: ids come from the tables' own sequences (reserved in one block), so the
loader can run on a database that already holds an ingested archive. One transaction: all or nothing.
PostgreSQL only.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from events.extraction.calendar import calendar_date, issues_in_volume
from events.models import Actor, Article, Country, Event, Issue, Thread, Topic
from events.synthetic import MONTHS

TYPES = ["meeting", "visit", "agreement", "statement", "summit", "military", "economic", "protest", "nuclear",
         "appointment", "letter", "postponement"]
TYPE_WEIGHTS = [20, 16, 12, 12, 5, 7, 6, 5, 4, 4, 4, 2]
_VERBS = {"meeting": "held talks with", "visit": "visited", "agreement": "signed an agreement with",
          "statement": "issued a statement on", "summit": "met at a summit with", "military": "agreed on arms deliveries to",
          "economic": "signed a trade deal with", "protest": "protested to", "nuclear": "agreed on a reactor for",
          "appointment": "named a new envoy to", "letter": "sent a letter to", "postponement": "put off talks with"}
EVENTS_PER_ARTICLE = 10


@dataclass
class LoadReport:
    issues: int = 0
    articles: int = 0
    threads: int = 0
    events: int = 0
    actors: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"loaded {self.events} events in {self.threads} threads, {self.articles} articles, "
                f"{self.issues} new issues, {self.actors} new actors in {self.seconds:.1f} s")


def _reserve_ids(cursor, model, count: int) -> int:
    """The first of `count` consecutive ids taken from `model`'s sequence (lock held to commit)."""
    table = model._meta.db_table
    cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    cursor.execute(f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), "
                   f"(SELECT last_value FROM {sequence}))")
    first = cursor.fetchone()[0] + 1
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, n + 1)]


BEAT = {"RU": 40, "UA": 8, "BY": 5, "GE": 5, "AZ": 4, "AM": 4, "KZ": 4, "US": 8, "CN": 5, "IR": 3, "KP": 2}


@dataclass
class _World:
    """The gazetteer as the loader draws from it: countries with their weights, actors by country, topics."""
    countries: list
    country_weights: list
    actors_by_country: dict
    topics: list

    @classmethod
    def read(cls) -> "_World":
        countries = list(Country.objects.values_list("id", "code", "name"))
        if not countries:
            raise ValueError("no countries in the database: run migrations (they load the gazetteer) first")
        rest = [c for c in countries if c[1] not in BEAT]
        rest_weights = _zipf_weights(len(rest))
        country_weights = [BEAT.get(code, 0) or rest_weights[rest.index((pk, code, name))] * 2
                           for pk, code, name in countries]
        actors_by_country = defaultdict(list)
        for pk, country_id, name in Actor.objects.values_list("id", "country_id", "name"):
            actors_by_country[country_id].append((pk, name))
        return cls(countries, country_weights, actors_by_country, list(Topic.objects.values_list("id", flat=True)))


def load_events(total: int, volumes: list[int], seed: int = 1, progress=None) -> LoadReport:
    if connection.vendor != "postgresql":
        raise ValueError("load_events needs PostgreSQL (it uses COPY)")
    if total < 1:
        raise ValueError("the number of events must be at least 1")
    import time

    started = time.perf_counter()
    rng = random.Random(seed)
    report = LoadReport()
    world = _World.read()
    # Issue days of the chosen volumes, with a weight growing over the years.
    days = [(v, n, calendar_date(v, n)) for v in volumes for n in range(1, issues_in_volume(v) + 1)]

    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        # A million rows take minutes: no statement or lock timeout of the web's settings for this load.
        cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute("SET LOCAL lock_timeout = 0")
        report.actors = _invent_officials(total, seed, rng, world)
        # Happenings and their mentions, in memory (ids assigned from reserved blocks below).
        threads, mentions = _happenings(total, rng, world, days)
        by_issue = defaultdict(list)
        for thread_index, issue_index in mentions:
            by_issue[issue_index].append(thread_index)
        issue_ids, report.issues = _store_issues(cursor, by_issue, days, now)
        plan = _article_plan(by_issue)
        first_article = _reserve_ids(cursor, Article, len(plan))
        first_thread = _reserve_ids(cursor, Thread, len(threads))
        first_event = _reserve_ids(cursor, Event, len(mentions))
        rows = _Rows(rng, world, seed, now, first_article, first_thread, first_event)
        cursor.execute(f"SELECT issue_id, MAX(position) FROM {Article._meta.db_table} GROUP BY issue_id")
        positions = dict(cursor.fetchall())
        for offset, (issue_index, group) in enumerate(plan):
            v, n, anchor = days[issue_index]
            issue_id = issue_ids[(v, n)]
            positions[issue_id] = positions.get(issue_id, 0) + 1
            rows.article(offset, issue_id, positions[issue_id], anchor, [(i, threads[i]) for i in group])
        report.articles = _copy(cursor, Article, "id, issue_id, position, headline, body, source_name, content_hash, "
                                "ingested_at, processed_at", rows.articles)
        report.threads = _copy(cursor, Thread, "id, title, event_type, status, date_start, date_end, granularity, "
                               "set_by_editor", rows.thread_rows(threads))
        report.events = _copy(cursor, Event, _EVENT_COLUMNS, rows.events)
        links = rows.links
        for name, column in (("actors", "actor_id"), ("countries", "country_id"), ("topics", "topic_id")):
            through = getattr(Event, name).through._meta.db_table
            with cursor.copy(f"COPY {through} (event_id, {column}) FROM STDIN") as copy:
                for row in links[name]:
                    copy.write_row(row)
        # the happening table (events/services/happenings.py): recomputed whole here rather than at commit
        cursor.execute("DELETE FROM events_happeningdirty")
        cursor.execute("SELECT events_happening_refresh(NULL)")
        # and the happenings' search documents (events/services/happening_text.py), likewise
        cursor.execute("DELETE FROM events_happeningtextdirty")
        cursor.execute("SELECT events_happeningtext_refresh(NULL)")
        cursor.execute("ANALYZE")
    report.seconds = time.perf_counter() - started
    return report


_EVENT_COLUMNS = ("id, article_id, thread_id, extraction_key, sentence_start, sentence_end, sentence, date_text, "
                  "date_text_start, date_text_end, timex_value, timex_mod, anchor_date, date_start, date_end, "
                  "granularity, event_type, status, summary, reported_dates, confidence, hidden, corrected_fields, "
                  "created_at, updated_at")


def _invent_officials(total, seed, rng, world) -> int:
    """Invented officials (needs_review): one per ~2,000 events, created first (the actors table is small).
    Returns how many were created."""
    invented = []
    existing_names = set(Actor.objects.values_list("name", flat=True))
    for i in range(max(5, total // 2000)):
        name = f"Synthetic Official {seed}-{i}"
        if name not in existing_names:
            pk, code, _ = rng.choices(world.countries, world.country_weights)[0]
            invented.append(Actor(name=name, country_id=pk, needs_review=True, description="invented for load tests"))
    created = Actor.objects.bulk_create(invented)
    for actor in created:
        world.actors_by_country[actor.country_id].append((actor.pk, actor.name))
    return len(created)


def _happenings(total, rng, world, days):
    """(threads, mentions): happenings drawn until there are `total` mentions, each mention a (thread index,
    issue index) in an issue from a month before the happening to two months after it."""
    day_weights = [1 + i / len(days) for i in range(len(days))]
    day_index = {d: i for i, (_, _, d) in enumerate(days)}
    threads, mentions = [], []
    while len(mentions) < total:
        thread = _happening(rng, world, days[rng.choices(range(len(days)), day_weights)[0]][2])
        threads.append(thread)
        count = min(40, int(rng.expovariate(1 / 6)) + 1, total - len(mentions))
        for _ in range(count):
            mentions.append((len(threads) - 1, _mention_issue(rng, thread["start"], days, day_index)))
    return threads, mentions


def _happening(rng, world, day) -> dict:
    kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
    start = day + dt.timedelta(days=rng.randint(-3, 3))
    length = rng.choice([0, 0, 0, 1, 2]) if kind in ("visit", "summit", "meeting") else 0
    chosen = {c for c in rng.choices(world.countries, world.country_weights, k=rng.choice([1, 2, 2, 2, 3]))}
    people = []
    for pk, code, name in chosen:
        if world.actors_by_country[pk] and rng.random() < 0.6:
            people.append(rng.choice(world.actors_by_country[pk]))
    return {"type": kind, "start": start, "end": start + dt.timedelta(days=length), "countries": chosen,
            "actors": people, "topics": rng.sample(world.topics, k=min(len(world.topics), rng.choice([0, 1, 1, 2])))}


def _mention_issue(rng, start, days, day_index) -> int:
    """The issue of one mention: a day from a month before to two months after, moved on to the next issue
    day (the last one past the end)."""
    seen = start + dt.timedelta(days=rng.randint(-30, 60))
    index = day_index.get(seen)
    while index is None:
        seen += dt.timedelta(days=1)
        index = day_index.get(seen, None if seen <= days[-1][2] else len(days) - 1)
    return index


def _store_issues(cursor, by_issue, days, now):
    """({(volume, number): issue id}, issues created): existing issues reused, missing ones created."""
    cursor.execute(f"SELECT volume, number, id FROM {Issue._meta.db_table}")
    issue_ids = {(v, n): pk for v, n, pk in cursor.fetchall()}
    missing = [i for i in sorted(by_issue) if (days[i][0], days[i][1]) not in issue_ids]
    first = _reserve_ids(cursor, Issue, len(missing)) if missing else 0
    with cursor.copy(f"COPY {Issue._meta.db_table} (id, volume, number, date, date_method, date_confidence, "
                     "date_note, created_at) FROM STDIN") as copy:
        for offset, i in enumerate(missing):
            v, n, d = days[i]
            issue_ids[(v, n)] = first + offset
            copy.write_row((first + offset, v, n, d, "calendar", 0.6, "bulk-loaded (synthetic)", now))
    return issue_ids, len(missing)


def _article_plan(by_issue) -> list:
    """Articles of ~EVENTS_PER_ARTICLE mentions each: [(issue index, [thread indexes])]."""
    plan = []
    for issue_index in sorted(by_issue):
        group = by_issue[issue_index]
        for k in range(0, len(group), EVENTS_PER_ARTICLE):
            plan.append((issue_index, group[k:k + EVENTS_PER_ARTICLE]))
    return plan


class _Rows:
    """The rows of the articles, events and links, built article by article (bodies made of the mentions'
    sentences), and of the threads from their members."""

    def __init__(self, rng, world, seed, now, first_article, first_thread, first_event):
        self.rng, self.seed, self.now = rng, seed, now
        self.names = {pk: name for pk, code, name in world.countries}
        self.first_article, self.first_thread, self.event_id = first_article, first_thread, first_event
        self.articles, self.events = [], []
        self.links = {"actors": [], "countries": [], "topics": []}
        self.members = defaultdict(list)
        self.thread_title = {}

    def article(self, offset, issue_id, position, anchor, group):
        body, cursor_at = [], 0
        for thread_index, t in group:
            sentence = self.event(offset, thread_index, t, anchor, len(body), cursor_at)
            body.append(sentence)
            cursor_at += len(sentence) + 1
        article_id = self.first_article + offset
        self.articles.append((article_id, issue_id, position, "SYNTHETIC ARTICLE", " ".join(body),
                              f"bulk-{self.seed}", f"bulk-{self.seed}-{article_id}", self.now, self.now))

    def event(self, offset, thread_index, t, anchor, number, start) -> str:
        """One mention's event row and links; returns its sentence (at `start` in the article's body)."""
        who = [name for _, name in t["actors"]] or [self.names[pk] for pk, _, _ in t["countries"]]
        other = [self.names[pk] for pk, _, _ in t["countries"]]
        date_text = f"on {MONTHS[t['start'].month - 1]} {t['start'].day}"
        sentence = f"{who[0]} {_VERBS[t['type']]} {other[-1]} {date_text}."
        summary = f"{' and '.join(who[:2])}: {t['type']}"
        status = ("postponed" if t["type"] == "postponement" else
                  "occurred" if t["start"] < anchor else "planned")
        hidden = self.rng.random() < 0.01
        date_start = sentence.index(date_text) + start
        self.events.append((
            self.event_id, self.first_article + offset, self.first_thread + thread_index, f"s{number}:d0", start,
            start + len(sentence), sentence, date_text, date_start, date_start + len(date_text),
            t["start"].isoformat(), "", anchor, t["start"], t["end"], "day", t["type"], status, summary,
            "[]", round(self.rng.uniform(0.4, 0.95), 2), hidden, "[]", self.now, self.now))
        self.links["actors"].extend((self.event_id, pk) for pk, _ in t["actors"])
        self.links["countries"].extend((self.event_id, pk) for pk, _, _ in t["countries"])
        self.links["topics"].extend((self.event_id, pk) for pk in t["topics"])
        self.members[thread_index].append((anchor, status))
        self.thread_title.setdefault(thread_index, summary)
        self.event_id += 1
        return sentence

    def thread_rows(self, threads):
        for index, t in enumerate(threads):
            statuses = [s for _, s in sorted(self.members[index])]
            status = "postponed" if statuses[-1] == "postponed" else \
                "occurred" if "occurred" in statuses else statuses[-1]
            yield (self.first_thread + index, self.thread_title[index][:300], t["type"], status, t["start"],
                   t["end"], "day", False)


def _copy(cursor, model, columns: str, rows) -> int:
    """COPY the rows into the model's table; returns how many."""
    count = 0
    with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
