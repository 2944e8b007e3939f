"""Full-text search over the visible mentions, one interface on PostgreSQL and SQLite.

    parse(query)              -> Query: the words, "quoted phrases" and prefix* terms of a user's text
                                 (operators, quotes left open, NUL and anything past MAX_TERMS dropped);
    matching_mentions(query)  -> the visible mentions matching EVERY term (an Event queryset);
    best_matches(events, q)   -> the top happenings by relevance, an exact phrase first;
    highlight(text, query)    -> escaped text with the hits in <mark>.

A term matches a mention when it is found (stemmed: "talks" finds "talk") in its sentence or summary, in
its article's headline, or in the name or an alias of one of its actors, compared by name key
(events.extraction.namekey, stored as Actor.name_key) so that transliteration variants meet ("Sergeyev"
finds Sergeev, "Kim Jong Il" finds Kim Jong-il).

Sentences and summaries: PostgreSQL full-text search (to_tsvector('english') with a GIN index, migration
0009; prefixes as 'word:*', phrases with <->) or SQLite FTS5 (porter tokenizer, the events_event_fts
table). Any other database falls back to substring matching.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..extraction.namekey import name_key
from ..models import Actor, Article, Event

MAX_TERMS = 8
MAX_QUERY = 200
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
# Left out of a query with other words (PostgreSQL's English configuration drops them, FTS5 does not).
STOP_WORDS = frozenset("a an and are as at be by for from has have in is it its of on or not the to was were with".split())


@dataclass(frozen=True)
class Term:
    words: tuple  # lower-case words; several for a phrase
    prefix: bool = False

    @property
    def text(self):
        return " ".join(self.words)


@dataclass
class Query:
    terms: list = field(default_factory=list)
    raw: str = ""

    def __bool__(self):
        return bool(self.terms)


def parse(text) -> Query:
    """Terms of a user's query: "a phrase", word, pref* (everything else is ignored, never an error)."""
    text = (text or "")[:MAX_QUERY].replace("\x00", " ")
    terms = [term for match in _TOKEN.finditer(text) for term in _match_terms(match)]
    return Query(_content_terms(terms), " ".join(_WORD.findall(text)).lower())


def _match_terms(match) -> list:
    """The terms of one token of the query: a quoted phrase is one term, other words one term each (a
    single word ending in * is a prefix)."""
    phrase, token = match.group(1), match.group(2)
    if phrase is not None:
        words = tuple(w.lower() for w in _WORD.findall(phrase))
        return [Term(words[:MAX_TERMS])] if words else []
    words = _WORD.findall(token)
    prefix = token.endswith("*") and len(words) == 1
    return [Term((word.lower(),), prefix=prefix) for word in words]


def _content_terms(terms) -> list:
    """Each term once, stop words dropped unless nothing else is left, at most MAX_TERMS."""
    unique = list(dict.fromkeys(terms))
    content = [t for t in unique if len(t.words) > 1 or t.prefix or t.words[0] not in STOP_WORDS]
    return (content or unique)[:MAX_TERMS]


# --- names -------------------------------------------------------------------------------------------------

def _actor_links(text):
    """A subquery of the mentions naming an actor whose name or an alias holds `text` by name key
    (events.extraction.namekey: "Sergeyev" = Sergeev, "Kim Jong Il" = Kim Jong-il), or None when the key
    is too short to mean anything."""
    key = name_key(text)
    if len(key) < 3:
        return None
    actors = Actor.objects.filter(Q(name_key__contains=key) | Q(aliases__name_key__contains=key)).values("id")
    return Event.actors.through.objects.filter(actor_id__in=actors).values("event_id")


# --- matching ---------------------------------------------------------------------------------------------

def _pg_tsquery(term):
    words = [w for w in term.words]
    if term.prefix:
        return f"{words[0]}:*"
    return " <-> ".join(words)


def _fts5_match(term):
    phrase = '"' + " ".join(term.words) + '"'
    return phrase + " *" if term.prefix else phrase


def _text_ids(term):
    """A subquery of the ids of mentions whose sentence or summary holds `term` (full text)."""
    vendor = connection.vendor
    if vendor == "postgresql":
        return RawSQL(
            "SELECT id FROM events_event WHERE to_tsvector('english'::regconfig, coalesce(sentence, '') || ' ' || "
            "coalesce(summary, '')) @@ to_tsquery('english'::regconfig, %s)", [_pg_tsquery(term)])
    if vendor == "sqlite" and sqlite_fulltext_ready(connection):
        return RawSQL("SELECT rowid FROM events_event_fts WHERE events_event_fts MATCH %s", [_fts5_match(term)])
    text = term.text
    return Event.objects.filter(Q(sentence__icontains=text) | Q(summary__icontains=text)).values("id")


def _sql(source):
    """(sql, params) of a RawSQL or a queryset."""
    if isinstance(source, RawSQL):
        return source.sql, list(source.params)
    sql, params = source.query.sql_with_params()
    return sql, list(params)


def _term_ids(term):
    """(sql, params): the ids of the mentions matching one term, as a UNION of its three sources (the full
    text, the headline, the actors' names), so that the mentions are found by semi-join on their ids rather
    than by testing every mention against three subqueries."""
    headlines = Event.objects.filter(article_id__in=Article.objects.filter(headline__icontains=term.text)
                                     .values("id")).values("id")
    parts = [_sql(_text_ids(term)), _sql(headlines)]
    links = _actor_links(term.text)
    if links is not None:
        parts.append(_sql(links))
    return (" UNION ".join(f"SELECT * FROM ({sql}) AS p{i}" for i, (sql, _) in enumerate(parts)),
            [p for _, params in parts for p in params])


def matching_ids(query):
    """(sql, params) selecting the ids of the mentions (hidden or not) matching every term of `query`."""
    parts = [_term_ids(term) for term in query.terms]
    sql = " INTERSECT ".join(f"SELECT * FROM ({part}) AS t{i}" for i, (part, _) in enumerate(parts))
    params = [p for _, ps in parts for p in ps]
    # The whole query may be a name typed as words ("Kim Jong Il" for Kim Jong-il): its actors count too.
    if len(query.terms) > 1 and all(len(t.words) == 1 for t in query.terms):
        links = _actor_links(query.raw)
        if links is not None:
            link_sql, link_params = _sql(links)
            sql = f"SELECT * FROM ({sql}) AS every_term UNION SELECT * FROM ({link_sql}) AS whole_name"
            params += link_params
    return sql, params


def matching_among(mentions, query):
    """`mentions` (a few: a page's) narrowed to those matching every term of `query`. PostgreSQL tests each
    row (its text against the query, its article's headline, its actors) instead of computing every match in
    the archive first, as matching_mentions does."""
    query = query if isinstance(query, Query) else parse(query)
    if not query:
        return mentions.none()
    if connection.vendor != "postgresql":
        return mentions.filter(id__in=RawSQL(*matching_ids(query)))
    from django.db.models import BooleanField

    def term_q(term):
        text = RawSQL("to_tsvector('english'::regconfig, coalesce(events_event.sentence, '') || ' ' || "
                      "coalesce(events_event.summary, '')) @@ to_tsquery('english'::regconfig, %s)",
                      [_pg_tsquery(term)], output_field=BooleanField())
        q = Q(text) | Q(article_id__in=Article.objects.filter(headline__icontains=term.text).values("id"))
        links = _actor_links(term.text)
        return q | Q(id__in=links) if links is not None else q

    every_term = Q()
    for term in query.terms:
        every_term &= term_q(term)
    if len(query.terms) > 1 and all(len(t.words) == 1 for t in query.terms):
        links = _actor_links(query.raw)
        if links is not None:
            every_term |= Q(id__in=links)
    return mentions.filter(every_term)


def matching_keys(query, limit):
    """Sorted keys of the happenings with a visible mention matching every term of `query` (at most `limit`
    + 1 of them: more means "too many"); none for a query with no terms.

    PostgreSQL, one term: the keys are read from the matching rows themselves (the full-text index's rows, the
    mentions of matching headlines and actors), never by joining the matching ids back to every mention (a
    hash join over the whole table: 2.3 s for "talks" at a million mentions, 0.5 s this way). Otherwise the
    keys of matching_mentions()."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    from . import Keys

    query = query if isinstance(query, Query) else parse(query)
    if not query:
        return Keys()
    if connection.vendor != "postgresql" or len(query.terms) != 1:
        keys = (matching_mentions(query).annotate(_key=Coalesce(F("thread_id"), -F("id")))
                .values_list("_key", flat=True).distinct().order_by()[: limit + 1])
        return Keys(sorted(keys))
    term = query.terms[0]
    headlines = Event.objects.filter(article_id__in=Article.objects.filter(headline__icontains=term.text)
                                     .values("id")).values("id")
    others = [_sql(headlines)]
    links = _actor_links(term.text)
    if links is not None:
        others.append(_sql(links))
    sql = ("SELECT COALESCE(thread_id, -id) AS k FROM events_event WHERE NOT hidden AND "
           "to_tsvector('english'::regconfig, coalesce(sentence, '') || ' ' || coalesce(summary, '')) "
           "@@ to_tsquery('english'::regconfig, %s) UNION SELECT COALESCE(thread_id, -id) FROM events_event "
           "WHERE NOT hidden AND id IN (" + " UNION ".join(f"SELECT * FROM ({part}) AS p{i}"
                                                          for i, (part, _) in enumerate(others)) + ") LIMIT %s")
    params = [_pg_tsquery(term), *[p for _, ps in others for p in ps], limit + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Keys(sorted(k for (k,) in cursor.fetchall()))


def matching_mentions(query):
    """Visible mentions matching every term of `query` (text or Query); none for a query with no terms."""
    query = query if isinstance(query, Query) else parse(query)
    mentions = Event.objects.filter(hidden=False)
    if not query:
        return mentions.none()
    return mentions.filter(id__in=RawSQL(*matching_ids(query)))


# --- ranking and highlighting -------------------------------------------------------------------------------

def _stem(word):
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def score(text, query):
    """Relevance of one text: the whole query as an exact phrase first, then phrases, then words found."""
    low = " ".join(_WORD.findall((text or "").lower()))
    points = 100.0 if query.raw and len(query.terms) > 1 and f" {query.raw} " in f" {low} " else 0.0
    words = set(low.split())
    points += sum(_term_points(term, low, words) for term in query.terms)
    return points - len(low) / 10000  # shorter wins a tie


def _term_points(term, low, words) -> int:
    """A phrase found: 20; a word found as it is: 10, by its stem: 6."""
    if len(term.words) > 1:
        return 20 if f" {term.text} " in f" {low} " else 0
    if any(w.startswith(_stem(term.words[0])) for w in words):
        return 10 if term.words[0] in words else 6
    return 0


def best_matches(events, query, *, limit=5, candidates=400):
    """[(score, mention)] of the best-matching happenings among `events` (mentions, or happenings) (one
    mention each), best first."""
    query = query if isinstance(query, Query) else parse(query)
    if not query:
        return []
    rows = list(_matching_mentions_of(events, query, candidates).select_related("article__issue")
                .defer("article__body").order_by("date_start", "id")[:candidates])
    best = {}
    for mention in rows:
        value = max(score(mention.sentence, query), score(mention.summary, query))
        key = mention.thread_id or -mention.pk
        if key not in best or value > best[key][0]:
            best[key] = (value, mention)
    return sorted(best.values(), key=lambda pair: (-pair[0], pair[1].date_start, pair[1].pk))[:limit]


def _matching_mentions_of(events, query, candidates):
    """The mentions matching `query` among `events`: mentions, or happenings (events.filters.filtered_happenings,
    which already hold the text filter), then of the first `candidates` of them in timeline order."""
    if events.model is Event:
        return events.filter(id__in=matching_mentions(query).values("id"))
    keys = list(events.order_by("sort_date", "event_id").values_list("key", flat=True)[:candidates])
    mentions = Event.objects.filter(Q(thread_id__in=[k for k in keys if k > 0])
                                    | Q(thread__isnull=True, id__in=[-k for k in keys if k < 0]), hidden=False)
    return matching_among(mentions, query)


def attach_hits(items, query):
    """Give each timeline item `hit`: its first mention's sentence matching `query`, highlighted (1 query)."""
    if not items:
        return
    first = _first_matching_sentences(items, query)
    for item in items:
        sentence = first.get(item.event.thread_id or -item.event.pk)
        item.hit = highlight(sentence, query) if sentence else None


def _first_matching_sentences(items, query) -> dict:
    """{happening key: the sentence of its earliest visible mention matching `query`}: one query."""
    threads = [i.event.thread_id for i in items if i.event.thread_id]
    lone = [i.event.pk for i in items if not i.event.thread_id]
    candidates = Event.objects.filter(Q(thread_id__in=threads) | Q(id__in=lone), hidden=False)
    rows = (matching_among(candidates, query).order_by("date_start", "id").values_list("id", "thread_id", "sentence"))
    first = {}
    for pk, thread_id, sentence in rows:
        first.setdefault(thread_id or -pk, sentence)
    return first


def highlight(text, query):
    """`text` escaped, with the words that match a term of `query` (stem or prefix) in <mark>."""
    query = query if isinstance(query, Query) else parse(query)
    stems = _highlight_stems(query)
    if not stems:
        return escape(text or "")
    return _marked(text or "", stems)


def _highlight_stems(query) -> list:
    """What a word must start with to be marked: a word term's stem (a prefix term as it is), a phrase's words."""
    stems = [(_stem(t.words[0]) if not t.prefix else t.words[0]) for t in query.terms if len(t.words) == 1]
    for term in query.terms:
        if len(term.words) > 1:
            stems.extend(term.words)
    return [s for s in stems if len(s) >= 2]


def _marked(text, stems):
    out, last = [], 0
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        if any(word.startswith(s) for s in stems):
            out.append(escape(text[last:match.start()]))
            out.append(f"<mark class=\"hit\">{escape(match.group(0))}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


# --- SQLite's full-text table -------------------------------------------------------------------------------

_READY = {}


def sqlite_fulltext_ready(conn):
    """True when events_event_fts and its three triggers exist (checked once per connection alias)."""
    if conn.alias not in _READY:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('events_event_fts', "
                           "'events_event_fts_ai', 'events_event_fts_ad', 'events_event_fts_au')")
            _READY[conn.alias] = cursor.fetchone()[0] == 4
    return _READY[conn.alias]


def ensure_sqlite_fulltext(conn):
    """(Re)create the FTS5 table and triggers when a migration dropped them, then re-index."""
    if conn.vendor != "sqlite":
        return
    from importlib import import_module

    migration = import_module("events.migrations.0009_event_fulltext")
    _READY.pop(conn.alias, None)
    with conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'events_event'")
        if not cursor.fetchone()[0]:
            return
    if sqlite_fulltext_ready(conn):
        return
    with conn.cursor() as cursor:
        for sql in migration.SQLITE:
            cursor.execute(sql)
    _READY.pop(conn.alias, None)
