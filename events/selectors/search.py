"""Full-text search, one interface on PostgreSQL and SQLite.

    parse(query)                    -> Query: the words, "quoted phrases" and prefix* terms of a user's text
                                       (operators, quotes left open, NUL and anything past MAX_TERMS dropped);
    matching_happenings(qs, query)  -> the happenings of `qs` matching the query (a subquery);
    matching_keys(query, limit)     -> their keys; matching_keys_sql(query): the SQL selecting them;
    matching_mentions(query)        -> the visible mentions matching EVERY term themselves (an Event queryset);
    best_matches(happenings, q)     -> the top happenings by relevance, an exact phrase first;
    attach_hits(items, q)           -> each card's matching sentence, highlighted;
    highlight(text, query)          -> escaped text with the hits in <mark>.

The unit is the happening, as for every other filter: a happening matches when its visible mentions together
hold every term, each term found (stemmed: "talks" finds "talk") in a sentence or summary, in an article
headline, or in the name or an alias of an actor, compared by name key (events.extraction.namekey, stored as
Actor.name_key) so that transliteration variants meet ("Sergeyev" finds Sergeev, "Kim Jong Il" finds Kim
Jong-il); a "phrase" must be found within one text.

PostgreSQL: each happening's search document (events/services/happening_text.py: a tsvector of its texts with
a GIN index, kept with the mentions in their transaction) and its actors' id array (GIN): one index lookup
returns the matching happenings ("talks", 23% of a million mentions: 35,173 happenings in ~15 ms), and a page
walks the (sort_date, event_id) index testing each happening's document, stopping after 51. SQLite: the FTS5
table of the mentions (porter tokenizer, events_event_fts), per term, intersected by happening. Any other
database falls back to substring matching. The mentions' own index (to_tsvector('english') of sentence and
summary, migration 0009) answers matching_mentions and marks which mentions of the cards shown hold a term.
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
    # what one request has read for this query: the mentions of happenings by key (_mention_rows) and the keys
    # of the cards shown (attach_hits), so that "Best matches" ranks the cards shown without reading them again
    rows: dict = field(default_factory=dict, repr=False, compare=False)
    shown: list = field(default=None, repr=False, compare=False)

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


def _actor_ids(text) -> list:
    """Ids of the actors whose name or an alias holds `text` by name key (none for a key under 3 characters)."""
    key = name_key(text)
    if len(key) < 3:
        return []
    return sorted(set(Actor.objects.filter(Q(name_key__contains=key) | Q(aliases__name_key__contains=key))
                      .values_list("id", flat=True)))


def _whole_name(query) -> bool:
    """True when the query may be a name typed as words ("Kim Jong Il" for Kim Jong-il)."""
    return len(query.terms) > 1 and all(len(t.words) == 1 for t in query.terms)


def matching_keys_sql(query):
    """(sql, params) selecting the keys (column k) of the happenings matching `query` (a Query with terms).

    A happening matches when, for EVERY term, its visible mentions hold the term (in a sentence or summary, a
    headline of their articles, or the name or an alias of one of their actors), or when the whole query is the
    name of one of its actors. A phrase must be found within one text (one sentence + summary, or one headline).
    The same unit as the other filters: "talks Moscow" finds a happening whose one mention says talks and
    another Moscow, as "Russia and Kim" finds a summit whose mentions name each once.

    PostgreSQL: one lookup of the happenings' search documents (GIN index, events/services/happening_text.py)
    for all the terms at once, and of the actor arrays (GIN) for the terms that name actors. Elsewhere the same
    from the mentions: per term the happenings of the matching mentions (FTS5), intersected."""
    if connection.vendor == "postgresql":
        return _pg_keys_sql(query)
    parts = []
    for term in query.terms:
        sql, params = _term_ids(term)
        parts.append((f"SELECT COALESCE(thread_id, -id) AS k FROM events_event WHERE NOT hidden AND id IN ({sql})",
                      params))
    sql = " INTERSECT ".join(f"SELECT k FROM ({part}) AS t{i}" for i, (part, _) in enumerate(parts))
    params = [p for _, ps in parts for p in ps]
    links = _actor_links(query.raw) if _whole_name(query) else None
    if links is not None:
        link_sql, link_params = _sql(links)
        sql = (f"SELECT k FROM ({sql}) AS every_term UNION SELECT COALESCE(thread_id, -id) FROM events_event "
               f"WHERE NOT hidden AND id IN ({link_sql})")
        params += link_params
    return f"SELECT k FROM ({sql}) AS matching", params


_DOCUMENT = "SELECT key AS k FROM events_happeningtext WHERE document @@ to_tsquery('english'::regconfig, %s)"
_ACTORS = "SELECT key AS k FROM events_happening WHERE actor_ids && %s::bigint[]"


def _pg_keys_sql(query):
    """matching_keys_sql on PostgreSQL: the terms' tsqueries AND-ed in one document lookup when no term names an
    actor; otherwise per term (document lookup UNION actor lookup), intersected."""
    from ..services import happening_text, happenings

    happening_text.ensure_current()
    happenings.ensure_current()  # the actors' arrays
    terms = [(_pg_tsquery(term), _actor_ids(term.text)) for term in query.terms]
    sql, params = _pg_every_term(terms)
    whole = _actor_ids(query.raw) if _whole_name(query) else []
    if whole:
        sql, params = f"SELECT k FROM ({sql}) AS every_term UNION {_ACTORS}", [*params, whole]
    return f"SELECT k FROM ({sql}) AS matching", params


def _pg_every_term(terms):
    """(sql, params) of the happenings matching every (tsquery, actor ids) of `terms`."""
    if not any(ids for _, ids in terms):
        return _DOCUMENT, [" & ".join(f"({tsquery})" for tsquery, _ in terms)]
    parts = [(f"{_DOCUMENT} UNION {_ACTORS}", [tsquery, ids]) if ids else (_DOCUMENT, [tsquery])
             for tsquery, ids in terms]
    return (" INTERSECT ".join(f"SELECT k FROM ({part}) AS t{i}" for i, (part, _) in enumerate(parts)),
            [p for _, ps in parts for p in ps])


def matching_happenings(happenings, query):
    """`happenings` (a Happening queryset) narrowed to those matching `query` (matching_keys_sql), as a
    subquery."""
    from .base import in_subquery

    query = query if isinstance(query, Query) else parse(query)
    if not query:
        return happenings.filter(key__in=[])
    return in_subquery(happenings, *matching_keys_sql(query))


def matching_keys(query, limit):
    """Sorted keys of the happenings matching `query` (matching_keys_sql), at most `limit` + 1 of them (more
    means "too many"); none for a query with no terms. PostgreSQL: one read of the document index ("talks", 23%
    of the mentions of a million: 35,173 happenings in about 15 ms)."""
    from . import Keys

    query = query if isinstance(query, Query) else parse(query)
    if not query:
        return Keys()
    sql, params = matching_keys_sql(query)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"{sql} LIMIT %s", [*params, limit + 1])
            return Keys(sorted(k for (k,) in cursor.fetchall()))
        # the keys as one text, sorted by the database: no row and no number per key through the driver
        cursor.execute(f"SELECT string_agg(k::text, ',' ORDER BY k) FROM ({sql} LIMIT %s) AS first",
                       [*params, limit + 1])
        return Keys.from_text(cursor.fetchone()[0])


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


BEST_CANDIDATES = 50  # happenings ranked for "Best matches": phrase matches, and the cards shown (or the first)


def best_matches(events, query, *, limit=5, candidates=BEST_CANDIDATES):
    """[(score, mention)] of the best-matching happenings among `events`, one mention each, best first: the
    whole query as an exact phrase first. `events`: happenings already narrowed to the query
    (filters.filtered_happenings), or mentions (then their mentions matching every term are ranked).

    Only a few happenings are ranked: the first `candidates` in timeline order holding the whole query as a
    phrase (when it has several words), and the cards shown (attach_hits before, with the same Query), else the
    first `candidates` in timeline order; each by its best mention (score()); a happening found by a headline
    or a name only, by its earliest mention."""
    query = query if isinstance(query, Query) else parse(query)
    if not query:
        return []
    if events.model is Event:
        rows = (events.filter(id__in=matching_mentions(query).values("id")).order_by("date_start", "id")
                .values_list("id", "thread_id", "date_start", "sentence", "summary")[: candidates * 8])
        rows = [(*row, 1) for row in rows]
    else:
        rows = _mention_rows(_candidate_keys(events, query, candidates), query)
    ranked = _best_per_happening(rows, query)[:limit]
    mentions = Event.objects.select_related("article__issue").defer("article__body").in_bulk(
        [pk for _, _, pk in ranked])
    return [(value, mentions[pk]) for value, _, pk in ranked if pk in mentions]


SCORED_PER_HAPPENING = 3  # of a happening's mentions holding a term, the first this many are scored


def _best_per_happening(rows, query) -> list:
    """[(score, date_start, mention id)] of each happening's best mention among `rows` (mention id, thread id,
    date_start, sentence, summary, terms found in its text), best first: of its mentions whose text holds the
    most terms, the first SCORED_PER_HAPPENING are scored (score() is ~20 us a text); a happening none of whose
    texts holds a term (found by a headline or an actor's name) scores 0 by its first mention."""
    best = {}
    for key, group in _scored_rows(rows).items():
        values = [(max(score(sentence, query), score(summary, query)) if found else 0.0, start, pk)
                  for pk, _, start, sentence, summary, found in group]
        best[key] = max(values, key=lambda v: (v[0], -v[1].toordinal(), -v[2]))
    return sorted(best.values(), key=lambda v: (-v[0], v[1], v[2]))


def _scored_rows(rows) -> dict:
    """{happening key: the rows to score}: its first SCORED_PER_HAPPENING rows holding the most terms."""
    groups = {}
    for row in rows:
        groups.setdefault(row[1] or -row[0], []).append(row)
    out = {}
    for key, group in groups.items():
        most = max(row[5] for row in group)
        out[key] = [row for row in group if row[5] == most][:SCORED_PER_HAPPENING]
    return out


def _candidate_keys(happenings, query, candidates) -> list:
    """Keys of the happenings to rank: the first `candidates` (timeline order) holding the whole query as one
    phrase when it has several words, then the cards shown (else the first `candidates`)."""
    order = ("sort_date", "event_id")
    if query.shown is not None:
        keys = query.shown[:candidates]
    else:
        keys = list(happenings.order_by(*order).values_list("key", flat=True)[:candidates])
    words = tuple(query.raw.split())[:MAX_TERMS]
    if len(words) < 2:
        return keys
    sql, params = matching_keys_sql(Query([Term(words)], query.raw))
    phrase = list(happenings.filter(key__in=RawSQL(sql, params)).order_by(*order)
                  .values_list("key", flat=True)[:candidates])
    return phrase + [k for k in keys if k not in set(phrase)]


def _text_match(term):
    """A boolean expression: the sentence or summary of the mention (events_event's row) holds `term`."""
    from django.db.models import BooleanField, ExpressionWrapper

    if connection.vendor == "postgresql":
        return RawSQL("to_tsvector('english'::regconfig, coalesce(events_event.sentence, '') || ' ' || "
                      "coalesce(events_event.summary, '')) @@ to_tsquery('english'::regconfig, %s)",
                      [_pg_tsquery(term)], output_field=BooleanField())
    if connection.vendor == "sqlite" and sqlite_fulltext_ready(connection):
        return RawSQL("events_event.id IN (SELECT rowid FROM events_event_fts WHERE events_event_fts MATCH %s)",
                      [_fts5_match(term)], output_field=BooleanField())
    return ExpressionWrapper(Q(sentence__icontains=term.text) | Q(summary__icontains=term.text),
                             output_field=BooleanField())


def _mention_rows(keys, query) -> list:
    """[(id, thread id, date_start, sentence, summary, how many terms its text holds)] of the visible mentions
    of the happenings `keys`, in (date_start, id) order: one query for those not read before with `query`."""
    missing = [key for key in dict.fromkeys(keys) if key not in query.rows]
    if missing:
        for key in missing:
            query.rows[key] = []
        for row in _read_mention_rows(missing, query):
            query.rows[row[1] or -row[0]].append(row)
    return sorted((row for key in dict.fromkeys(keys) for row in query.rows[key]), key=lambda row: (row[2], row[0]))


def _read_mention_rows(keys, query) -> list:
    threads, lone = [k for k in keys if k > 0], [-k for k in keys if k < 0]
    names = [f"_t{i}" for i in range(len(query.terms))]
    rows = (Event.objects.filter(Q(thread_id__in=threads) | Q(thread__isnull=True, id__in=lone), hidden=False)
            .annotate(**{name: _text_match(term) for name, term in zip(names, query.terms)})
            .values_list("id", "thread_id", "date_start", "sentence", "summary", *names))
    return [(*row[:5], sum(bool(found) for found in row[5:])) for row in rows]


def attach_hits(items, query):
    """Give each timeline item `hit`: the sentence of its happening's mention whose text holds the most terms
    of `query` (the earliest of them; the earliest mention when none does), highlighted. One query."""
    if not items:
        return
    keys = [item.event.thread_id or -item.event.pk for item in items]
    if query.shown is None:
        query.shown = keys
    best = _best_sentences(_mention_rows(keys, query))
    for item, key in zip(items, keys):
        sentence = best.get(key, (0, None))[1]
        item.hit = highlight(sentence, query) if sentence else None


def _best_sentences(rows) -> dict:
    """{happening key: (terms found, sentence)} of the first of its `rows` whose text holds the most terms."""
    best = {}
    for pk, thread_id, _, sentence, _, found in rows:
        key = thread_id or -pk
        if key not in best or found > best[key][0]:
            best[key] = (found, sentence)
    return best


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
