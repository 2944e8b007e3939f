"""Extraction service: runs events.extraction on a stored Article and stores its Event mentions.

`process_article(article)` runs inside the caller's transaction (ingest: one per article; reprocess: one per
article too) and:

* runs `extract_article(article.body, article.issue.date, gazetteer)` with the gazetteer built from the
  database (events.services.gazetteer, cached per process);
* upserts one Event per mention, keyed by (article, extraction_key = mention.key);
* maps actors to Actor rows by canonical name (an unknown one becomes a new Actor with needs_review=True
  and the country the mention gives), countries by ISO code, topics by name; stores reported dates as ISO
  strings and the issue date as anchor_date;
* FIELD-LEVEL PROTECTION: a field named in event.corrected_fields is never written, the m2m fields
  (actors, countries, topics) included; `hidden` and `thread` are never written here (linking leaves an
  event whose corrected_fields has "thread" alone). date_start and date_end move together: when an editor
  corrected either, both are kept (the interval must stay ordered). Uncorrected fields do update;
* deletes the article's events that are no longer extracted, except those an editor touched (non-empty
  corrected_fields or hidden=True), which are kept;
* links the article's events into threads (events.services.threads) and sets article.processed_at.

Writes are bulk (bulk_create / bulk_update / through-table rows), so storing a new article takes a fixed
number of queries whatever its number of events. Machine writes therefore leave no simple-history records;
editors' corrections (events.services.corrections) do.
"""
from __future__ import annotations

import datetime
import functools
import json
import logging
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import NOT_PROVIDED
from django.db.models.base import ModelState
from django.utils import timezone

from events.models import Article, Event, EventType, Granularity, Status, Thread
from events.services.db import run_statements
from events.services.mention_actors import mention_actor_ids

logger = logging.getLogger(__name__)

# Machine-only fields: always rewritten from the mention.
MACHINE_FIELDS = ("sentence_start", "sentence_end", "sentence", "date_text", "date_text_start", "date_text_end",
                  "timex_value", "timex_mod", "anchor_date", "reported_dates", "confidence")
# Correctable scalar fields the machine also sets (Event.CORRECTABLE_FIELDS less hidden, thread, m2m).
CORRECTABLE_SCALARS = ("date_start", "date_end", "granularity", "event_type", "status", "summary")
M2M_FIELDS = ("actors", "countries", "topics", "organizations")
_M2M_TARGET = {"actors": "actor_id", "countries": "country_id", "topics": "topic_id",
               "organizations": "organization_id"}
_LIMITS = {"date_text": 200, "timex_value": 50, "timex_mod": 20, "summary": 300}
# Plausibility cap (issue 14): one upload made a thread of 26,578 mentions. A Monitor article has a few dozen
# dated mentions at most; past this many only the first are stored, with a warning the ingest report shows.
MAX_EVENTS_PER_ARTICLE = 100
CAP_WARNING = "event mentions over the cap"
_CHOICES = {"event_type": set(EventType.values), "status": set(Status.values), "granularity": set(Granularity.values)}


@dataclass
class ProcessResult:
    article_id: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0  # no longer extracted, kept because an editor touched them
    event_ids: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    threads: object = None  # events.services.threads.LinkResult
    orphaned_threads: set = field(default_factory=set)  # threads of deleted events, to recompute
    events: list = field(default_factory=list)  # the stored Event objects

    def add(self, other: "ProcessResult"):
        for name in ("created", "updated", "unchanged", "deleted", "kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.warnings.extend(other.warnings)


def protected_fields(event: Event) -> set:
    """The fields of `event` that re-processing must not write."""
    corrected = set(event.corrected_fields or [])
    if corrected & {"date_start", "date_end"}:
        corrected |= {"date_start", "date_end"}
    return corrected | {"hidden", "thread"}


def editor_touched(event: Event) -> bool:
    return bool(event.corrected_fields) or event.hidden


def run_extraction(article: Article, gazetteer=None):
    """The mentions of `article` (no database writes). In a one-process batch ingest the result may have been
    extracted ahead, for exactly these arguments (events.services.extract_ahead)."""
    from events.extraction.pipeline import extract_article
    from events.services.extract_ahead import active

    ahead = active()
    if ahead is not None and gazetteer is not None:
        return ahead.extract(article.body, article.issue.date, gazetteer)
    return extract_article(article.body, article.issue.date, gazetteer)


def process_article(article, *, gazetteer=None, link=True, mark_processed=True) -> ProcessResult:
    """Extract event mentions from `article` and store them (inside the caller's transaction).

    `gazetteer`: an events.services.gazetteer.GazetteerSnapshot (default: the database's, cached).
    `mark_processed=False`: the caller has already written the row's processed_at in this transaction
    (ingest inserts a new article with it); `article.processed_at` is None there, meaning "no events yet".
    Returns a ProcessResult with counts; idempotent (a second run changes nothing).
    """
    from events.services.gazetteer import get_gazetteer_snapshot

    snapshot = gazetteer if gazetteer is not None else get_gazetteer_snapshot()
    mentions = run_extraction(article, snapshot.gazetteer)
    capped = None
    if len(mentions) > MAX_EVENTS_PER_ARTICLE:
        capped = (f"{len(mentions)} {CAP_WARNING} of {MAX_EVENTS_PER_ARTICLE} per article: only the first "
                  f"{MAX_EVENTS_PER_ARTICLE} stored")
        mentions = list(mentions)[:MAX_EVENTS_PER_ARTICLE]
    # No savepoint of its own (two round trips saved per article): a failure here rolls back the caller's
    # whole transaction, which is what ingest and reprocess want (one transaction per article).
    with transaction.atomic(savepoint=False):
        # Two runs over the same article at once (two reprocess commands) cannot both insert a mention:
        # the (article, extraction_key) constraint fails one of them, whose transaction rolls back.
        result = store_mentions(article, mentions, snapshot, link=link)
        if capped:
            result.warnings.insert(0, capped)
        if mark_processed:
            article.processed_at = timezone.now()
            Article.objects.filter(pk=article.pk).update(processed_at=article.processed_at)

    for warning in result.warnings:
        logger.warning("article %s: %s", article.pk, warning)
    return result


def _mention_values(mention, anchor, result) -> dict | None:
    values = {
        "sentence_start": mention.sentence_start, "sentence_end": mention.sentence_end,
        "sentence": mention.sentence, "date_text": mention.date_text,
        "date_text_start": mention.date_text_start, "date_text_end": mention.date_text_end,
        "timex_value": mention.timex_value or "", "timex_mod": mention.timex_mod or "",
        "anchor_date": anchor, "reported_dates": [d.isoformat() for d in mention.reported_dates],
        "confidence": float(mention.confidence), "date_start": mention.date_start, "date_end": mention.date_end,
        "granularity": mention.granularity, "event_type": mention.event_type, "status": mention.status,
        "summary": mention.summary or "",
    }
    for name, choices in _CHOICES.items():
        if values[name] not in choices:
            result.warnings.append(f"mention {mention.key}: {name} {values[name]!r} is not one of "
                                   f"{sorted(choices)}; mention skipped")
            return None
    if values["date_end"] < values["date_start"]:
        result.warnings.append(f"mention {mention.key}: date_end before date_start; mention skipped")
        return None
    for name, limit in _LIMITS.items():
        values[name] = values[name][:limit]
    return values


def _desired_m2m(mention, snapshot, actor_ids, result) -> dict:
    actors = _known_ids((ref.name.strip()[:200] for ref in mention.actors), actor_ids)
    countries = _known_ids(mention.countries, snapshot.country_ids, mention, "country code", result)
    topics = _known_ids(mention.topics, snapshot.topic_ids, mention, "topic", result)
    organizations = _known_ids(getattr(mention, "organizations", []), snapshot.organization_ids, mention,
                               "organization", result)
    return {"actors": actors, "countries": countries, "topics": topics, "organizations": organizations}


def _known_ids(keys, ids, mention=None, what="", result=None) -> list:
    """The ids of `keys` in first-seen order without repeats; a key missing from `ids` is warned about
    when `result` is given (countries, topics) and silently skipped otherwise (actors are created first)."""
    found = []
    for key in keys:
        found_id = ids.get(key)
        if found_id is None:
            if result is not None:
                result.warnings.append(f"mention {mention.key}: {what} {key!r} is not in the gazetteer")
        elif found_id not in found:
            found.append(found_id)
    return found


def _current_m2m(event_ids) -> dict:
    current = {event_id: {name: set() for name in M2M_FIELDS} for event_id in event_ids}
    if not event_ids:
        return current
    for name in M2M_FIELDS:
        through = getattr(Event, name).through
        target = _M2M_TARGET[name]
        for event_id, target_id in through.objects.filter(event_id__in=event_ids).values_list("event_id", target):
            current[event_id][name].add(target_id)
    return current


@dataclass
class MentionDiff:
    """What storing an article's mentions changes (store_mentions' first step, no event writes)."""

    new_events: list = field(default_factory=list)  # unsaved Events
    new_m2m: list = field(default_factory=list)  # per new event {"actors": [ids], "countries": ..., "topics": ...}
    participants: dict = field(default_factory=dict)  # id(event) -> (actor ids, country ids) as they will be stored
    updates: dict = field(default_factory=dict)  # tuple of changed field names -> [events]
    m2m_add: dict = field(default_factory=lambda: {name: [] for name in M2M_FIELDS})  # name -> [(event id, target)]
    m2m_remove: dict = field(default_factory=lambda: {name: [] for name in M2M_FIELDS})
    deletable: list = field(default_factory=list)  # stored events no longer extracted, untouched by editors


def store_mentions(article, mentions, snapshot, link=True) -> ProcessResult:
    """Upsert the mentions as the article's Events, honouring editors' corrections (see the module doc).

    Steps: diff (what changes), remove (events no longer extracted), link (threads chosen before the rows
    are written, so new events go in with their thread), update (changed fields and links), insert (new
    events with their links and, for an article whose events are all new, their new threads, in the same
    round trip as the recompute reads of the existing threads they joined).
    """
    result = ProcessResult(article_id=article.pk)
    diff = diff_mentions(article, mentions, snapshot, result)
    remove_events(diff, result)
    touched = _choose_threads(diff, result) if link else set()
    update_events(diff)
    leading = insert_events(diff, result)
    if leading and not link:
        for (_, _, callback), rows in zip(leading, run_statements([(sql, params) for sql, params, _ in leading])):
            callback(rows)
    if link:
        from events.services.threads import recompute_threads

        result.threads.recomputed, result.threads.deleted = recompute_threads(
            touched | result.orphaned_threads, result.threads.context, leading=leading)
        created = {event.thread_id for event in result.events if id(event) in _new_thread_index(result)}
        result.threads.recomputed += len(created)  # their fields were derived before the insert
        result.threads.thread_ids = touched | created
    result.event_ids = [event.pk for event in result.events]
    return result


def _new_thread_index(result) -> dict:
    new = result.threads.new_threads if result.threads is not None else None
    return new.index_of if new is not None else {}


def _choose_threads(diff, result) -> set:
    """Step 3: the threads of the article's events, chosen before the rows are written; stored events that
    moved are written now. Returns the ids of the threads touched. When every event is new (PostgreSQL),
    the new threads are inserted with the events (insert_events)."""
    from events.services.threads import assign_threads

    # lock=True: the linking locks are taken in the same round trip as the reads of the candidate threads.
    with_events = connection.vendor == "postgresql" and all(event.pk is None for event in result.events)
    result.threads, moved, touched = assign_threads(result.events, lambda e: diff.participants[id(e)], lock=True,
                                                    new_with_events=with_events)
    moved_existing = [event for event in moved if event.pk is not None]
    if moved_existing:
        Event.objects.bulk_update(moved_existing, ["thread"])
    return touched


def diff_mentions(article, mentions, snapshot, result) -> MentionDiff:
    """Step 1: compare the mentions with the article's stored events. Fills result.events (every event the
    article will have, new ones unsaved), the counts of updated/unchanged/kept, and the warnings; creates
    only the Actor rows of unknown names."""
    anchor = article.issue.date
    # Never processed (a new article from ingest): it has no events yet, no need to look (the events of an
    # article are only ever created here, in the transaction that also sets processed_at).
    never = article.processed_at is None
    existing = {} if never else {event.extraction_key: event for event in article.events.all()}
    current_m2m = _current_m2m([event.pk for event in existing.values()])
    actor_ids = mention_actor_ids(mentions, snapshot)
    diff = MentionDiff()
    seen = set()
    for mention in mentions:
        if mention.key in seen:
            result.warnings.append(f"mention {mention.key}: duplicate key; later one skipped")
            continue
        values = _mention_values(mention, anchor, result)
        if values is None:
            continue
        seen.add(mention.key)
        desired = _desired_m2m(mention, snapshot, actor_ids, result)
        event = existing.get(mention.key)
        if event is None:
            _diff_new(new_event(article, mention.key, values), desired, diff, result)
        else:
            result.events.append(event)
            _diff_stored(event, values, desired, current_m2m[event.pk], diff, result)
    _diff_gone([event for key, event in existing.items() if key not in seen], current_m2m, diff, result)
    return diff


def new_event(article, key, values) -> Event:
    """Event(article=article, extraction_key=key, **values), the same attributes and state, without Model.__init__
    (~8x its speed: an ingest builds thousands): each field's default (called anew when callable), then the values."""
    fixed, fresh = _event_defaults()
    event = Event.__new__(Event)
    event._state = ModelState()
    event._state.db = article._state.db or DEFAULT_DB_ALIAS  # as the article descriptor's __set__ leaves it
    event._state.fields_cache["article"] = article
    attributes = event.__dict__
    attributes.update(fixed)
    for name, default in fresh:
        attributes[name] = default()
    attributes.update(values)
    attributes["article_id"] = article.pk
    attributes["extraction_key"] = key
    return event


@functools.cache
def _event_defaults() -> tuple:
    """({attname: default} of Event's fields with a plain default, [(attname, callable)] of the others)."""
    fixed, fresh = {}, []
    for model_field in Event._meta.concrete_fields:
        if callable(model_field.default) and model_field.default is not NOT_PROVIDED:
            fresh.append((model_field.attname, model_field.default))
        else:
            fixed[model_field.attname] = model_field.get_default()
    return fixed, fresh


def _diff_new(event, desired, diff, result) -> None:
    result.events.append(event)
    diff.new_events.append(event)
    diff.new_m2m.append(desired)
    diff.participants[id(event)] = (set(desired["actors"]), set(desired["countries"]))


def _diff_gone(gone, current_m2m, diff, result) -> None:
    """Stored events no longer extracted: deleted, unless an editor touched them (those stay, and are linked
    like the rest)."""
    diff.deletable = [event for event in gone if not editor_touched(event)]
    result.kept = len(gone) - len(diff.deletable)
    for event in gone:
        if editor_touched(event):
            result.events.append(event)
            diff.participants[id(event)] = (current_m2m[event.pk]["actors"], current_m2m[event.pk]["countries"])


def _diff_stored(event, values, desired, current, diff, result) -> None:
    """A stored event against its mention: changed fields set in memory, link changes noted."""
    protected = protected_fields(event)
    changed = tuple(name for name, value in values.items()
                    if name not in protected and getattr(event, name) != value)
    for name in changed:
        setattr(event, name, values[name])
    stored = {name: current[name] if name in protected else set(desired[name]) for name in M2M_FIELDS}
    diff.participants[id(event)] = (stored["actors"], stored["countries"])
    m2m_changed = _diff_links(event, desired, current, protected, diff)
    if changed:
        diff.updates.setdefault(changed, []).append(event)
    if changed or m2m_changed:
        result.updated += 1
    else:
        result.unchanged += 1


def _diff_links(event, desired, current, protected, diff) -> bool:
    """Note the links to add and remove of a stored event (not of a corrected field); True if any."""
    m2m_changed = False
    for name in M2M_FIELDS:
        if name in protected:
            continue
        want, have = set(desired[name]), current[name]
        diff.m2m_add[name].extend((event.pk, target) for target in want - have)
        diff.m2m_remove[name].extend((event.pk, target) for target in have - want)
        m2m_changed = m2m_changed or want != have
    return m2m_changed


def remove_events(diff, result) -> None:
    """Step 2: delete the events no longer extracted (their threads are recomputed after linking)."""
    if diff.deletable:
        result.orphaned_threads = {event.thread_id for event in diff.deletable if event.thread_id}
        Event.objects.filter(pk__in=[event.pk for event in diff.deletable]).delete()
        result.deleted = len(diff.deletable)


def update_events(diff) -> None:
    """Step 4: write the changed fields (one bulk update per set of fields) and drop the links no longer wanted."""
    if diff.updates:
        now = timezone.now()
        for fields, events in diff.updates.items():
            for event in events:
                event.updated_at = now
            Event.objects.bulk_update(events, list(fields) + ["updated_at"])
    for name in M2M_FIELDS:
        through = getattr(Event, name).through
        target = _M2M_TARGET[name]
        for event_id in {event_id for event_id, _ in diff.m2m_remove[name]}:
            targets = [t for e, t in diff.m2m_remove[name] if e == event_id]
            through.objects.filter(event_id=event_id, **{f"{target}__in": targets}).delete()


def insert_events(diff, result) -> list:
    """Step 5: insert the new events and links. On PostgreSQL the new events go in one statement with their
    links and new threads (_insert_events_statement), returned as [(sql, params, callback)] for the caller to
    send with the threads' recompute reads (one round trip); elsewhere bulk_create and the links now."""
    leading = []
    m2m_add = diff.m2m_add
    if diff.new_events:
        result.created = len(diff.new_events)
        if connection.vendor == "postgresql":
            new_threads = result.threads.new_threads if result.threads is not None else None
            statement = _insert_events_statement(diff.new_events, diff.new_m2m, new_threads)
            leading.append((*statement, lambda rows: _set_event_ids(diff.new_events, rows)))
        else:
            Event.objects.bulk_create(diff.new_events)
            for event, desired in zip(diff.new_events, diff.new_m2m):
                for name in M2M_FIELDS:
                    m2m_add[name].extend((event.pk, target) for target in desired[name])
    _insert_links(m2m_add)
    return leading


# Columns of a new machine Event and the PostgreSQL type each is cast to from the JSON document (_insert_events_statement).
_EVENT_COLUMNS = (
    ("article_id", "bigint"), ("thread_id", "bigint"), ("extraction_key", "text"), ("sentence_start", "integer"),
    ("sentence_end", "integer"), ("sentence", "text"), ("date_text", "text"), ("date_text_start", "integer"),
    ("date_text_end", "integer"), ("timex_value", "text"), ("timex_mod", "text"), ("anchor_date", "date"),
    ("date_start", "date"), ("date_end", "date"), ("granularity", "text"), ("event_type", "text"),
    ("status", "text"), ("summary", "text"), ("reported_dates", "jsonb"), ("confidence", "double precision"),
    ("hidden", "boolean"), ("corrected_fields", "jsonb"), ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
)
# A new thread's columns in the document (threads.NewThreads' fields; set_by_editor false).
_THREAD_COLUMNS = (("title", "text"), ("event_type", "text"), ("status", "text"), ("date_start", "date"),
                   ("date_end", "date"), ("granularity", "text"))


def _insert_events_statement(events, links, new_threads=None) -> tuple:
    """PostgreSQL: (sql, params) inserting new Events and their actor, country, topic and organization links (`links`: per
    event {"actors": [ids], ...}) in one statement, the rows travelling as one JSON document (json.dumps
    instead of the driver's per-value array conversion); it returns (id, extraction_key, thread_id) per event,
    for _set_event_ids. `new_threads` (threads.NewThreads): threads inserted first in the same statement, each
    event of one of them given its id (each row carries the index of its new thread, or null)."""
    now = timezone.now()
    for event in events:
        event.created_at = event.updated_at = now
    rows = [_event_row(event) for event in events]
    link_rows = {name: [[event.extraction_key, target] for event, desired in zip(events, links)
                        for target in desired[name]] for name in M2M_FIELDS}
    document = {"rows": rows, **link_rows}
    with_threads = bool(new_threads and new_threads.fields)
    if with_threads:
        _add_new_threads(document, events, new_threads)
    return _insert_events_sql(with_threads), [json.dumps(document, default=_json_value)]


_EVENT_NAMES = tuple(name for name, _ in _EVENT_COLUMNS)
_TEMPORAL = (datetime.date, datetime.datetime)
_TEMPORAL_INDEXES = tuple(i for i, (_, kind) in enumerate(_EVENT_COLUMNS) if kind in ("date", "timestamptz"))


def _event_row(event) -> list:
    """An event's values in _EVENT_COLUMNS order, dates and times as ISO text (what _json_value writes for them,
    without json's callback per value), read from the instance's attributes directly."""
    attributes = event.__dict__
    row = [attributes[name] if name in attributes else getattr(event, name) for name in _EVENT_NAMES]
    for index in _TEMPORAL_INDEXES:
        value = row[index]
        if isinstance(value, _TEMPORAL):
            row[index] = value.isoformat()
    return row


def _add_new_threads(document, events, new_threads) -> None:
    """The new threads' rows into the document, and each event row's index of its new thread (or null)."""
    document["threads"] = [[values[name] for name, _ in _THREAD_COLUMNS] for values in new_threads.fields]
    for row, event in zip(document["rows"], events):
        row.append(new_threads.index_of.get(id(event)))


@functools.lru_cache(maxsize=2)
def _insert_events_sql(with_threads=False) -> str:
    names = [name for name, _ in _EVENT_COLUMNS]
    columns = ", ".join(names)
    table = connection.ops.quote_name(Event._meta.db_table)
    values = [f"(r.v->{i})::{kind}" if kind == "jsonb" else f"(r.v->>{i})::{kind}" for i, (_, kind) in enumerate(_EVENT_COLUMNS)]
    sql = "WITH d AS (SELECT %s::jsonb AS doc), "
    if with_threads:
        # Each new thread's id is taken (nk, numbered as in the document) before the rows go in, so an event
        # finds its thread's id by that number, whatever order the rows are written in.
        threads = connection.ops.quote_name(Thread._meta.db_table)
        thread_values = ", ".join(f"(nk.v->>{i})::{kind}" for i, (_, kind) in enumerate(_THREAD_COLUMNS))
        sql += (f"nk AS MATERIALIZED (SELECT t.k - 1 AS k, nextval(pg_get_serial_sequence('{threads}', 'id')) AS id, "
                f"t.v FROM d, jsonb_array_elements(d.doc->'threads') WITH ORDINALITY AS t(v, k) ORDER BY t.k), "
                f"nt AS (INSERT INTO {threads} (id, {', '.join(n for n, _ in _THREAD_COLUMNS)}, set_by_editor) "
                f"SELECT nk.id, {thread_values}, false FROM nk ORDER BY nk.k), ")
        values[1] = f"COALESCE({values[1]}, (SELECT nk.id FROM nk WHERE nk.k = (r.v->>{len(_EVENT_COLUMNS)})::bigint))"
    sql += (f"ev AS (INSERT INTO {table} ({columns}) SELECT {', '.join(values)} FROM d, "
            f"jsonb_array_elements(d.doc->'rows') AS r(v) RETURNING id, extraction_key, thread_id)")
    for name in M2M_FIELDS:
        through = connection.ops.quote_name(getattr(Event, name).through._meta.db_table)
        sql += (f", l_{name} AS (INSERT INTO {through} (event_id, {_M2M_TARGET[name]}) "
                f"SELECT ev.id, (l.v->>1)::bigint FROM d, jsonb_array_elements(d.doc->'{name}') AS l(v) "
                f"JOIN ev ON ev.extraction_key = l.v->>0 ON CONFLICT DO NOTHING)")
    return sql + " SELECT id, extraction_key, thread_id FROM ev"


def _set_event_ids(events, rows) -> None:
    ids = {key: (pk, thread_id) for pk, key, thread_id in rows}
    for event in events:
        event.pk, event.thread_id = ids[event.extraction_key]
        event._state.adding = False
        event._state.db = connection.alias


def _json_value(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _insert_links(m2m_add):
    """Insert the new (event, actor/country/topic/organization) pairs: on PostgreSQL all tables in one statement."""
    if not any(m2m_add.values()):
        return
    if connection.vendor != "postgresql":
        for name, pairs in m2m_add.items():
            if pairs:
                through = getattr(Event, name).through
                through.objects.bulk_create([through(event_id=e, **{_M2M_TARGET[name]: t}) for e, t in pairs],
                                            ignore_conflicts=True)
        return
    statements, params = [], []
    for name in M2M_FIELDS:
        through = getattr(Event, name).through
        table = connection.ops.quote_name(through._meta.db_table)
        statements.append(f"INSERT INTO {table} (event_id, {_M2M_TARGET[name]}) "
                          "SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING")
        params += [[e for e, _ in m2m_add[name]], [t for _, t in m2m_add[name]]]
    sql = "WITH " + ", ".join(f"l{i} AS ({statement})" for i, statement in enumerate(statements[:-1]))
    sql += f" {statements[-1]}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@dataclass
class ReprocessReport:
    articles: int = 0
    failed: list = field(default_factory=list)  # (article id, message)
    totals: ProcessResult = field(default_factory=lambda: ProcessResult(article_id=None))

    def summary(self) -> str:
        t = self.totals
        text = (f"{self.articles} articles reprocessed: events {t.created} created, {t.updated} updated, "
                f"{t.unchanged} unchanged, {t.deleted} deleted, {t.kept} kept (editor-touched, no longer extracted)")
        if self.failed:
            text += f"; {len(self.failed)} failed: " + "; ".join(f"article {pk}: {msg}" for pk, msg in self.failed)
        return text


def reprocess_articles(article_ids=None, progress=None) -> ReprocessReport:
    """Run extraction again over stored articles (all, or `article_ids`), one transaction per article.

    The gazetteer is rebuilt from the database first, so editors' changes take effect. Corrected fields are
    honoured (process_article). An article that fails is rolled back alone and reported; the rest go on.
    Unknown ids raise ValueError before anything is written.
    """
    from events.services.gazetteer import invalidate_gazetteer

    queryset = Article.objects.select_related("issue").order_by("issue__volume", "issue__number", "position", "id")
    if article_ids:
        wanted = {int(pk) for pk in article_ids}
        found = set(queryset.filter(pk__in=wanted).values_list("pk", flat=True))
        if wanted - found:
            raise ValueError(f"no article with id {', '.join(str(pk) for pk in sorted(wanted - found))}")
        queryset = queryset.filter(pk__in=wanted)
    invalidate_gazetteer()
    report = ReprocessReport()
    for article in queryset.iterator(chunk_size=200):
        try:
            with transaction.atomic():
                result = process_article(article)
        except Exception as exc:  # one bad article must not stop the run; it is reported
            logger.exception("reprocessing article %s failed", article.pk)
            report.failed.append((article.pk, f"{type(exc).__name__}: {exc}"))
            continue
        report.articles += 1
        report.totals.add(result)
        if progress:
            progress(article, result)
    return report
