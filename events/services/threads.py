"""Threads, the linker: link the mentions (Events) of one real happening across issues, and keep each
thread's derived fields up to date. The policy (which thread an event joins, what a thread's fields are)
is events.extraction.linking, without Django; this module does the database side, in separate steps:

  query      the candidate threads of the events (bounded date windows: index range scans) and the
             participants of each candidate's latest visible members (index lookups per member), in one
             round trip with the linking lock;
  load       rows -> the candidate dicts the policy reads;
  choose     linking.choose_threads;
  create     one insert for the new threads;
  recompute  digest reads of the touched threads (a few rows per thread whatever its size), thread_fields,
             one update for the threads that changed.

The statements that read existing threads (members' digests, the latest members' participants) are
events/services/thread_reads.py.

Concurrency (PostgreSQL): linking a new article's events takes the global linking lock in SHARED mode and,
in exclusive mode, one advisory lock per (family group, 64-day bucket) of the windows its events may find
candidates in (linking.lock_keys proves two articles that could see a common thread share a key); all are
held to the end of the article's transaction, so what an article links is committed before another that
could see the same threads reads them. Re-linking stored events (reprocess, editors' changes) takes the
global lock exclusively. Cost per article: a fixed number of statements, each bounded by the events'
date windows and the threads' latest members, not by the size of the archive.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection

from events.extraction import linking
from events.extraction.linking import (  # noqa: F401 - re-exported: the policy's names, as before the split
    DERIVED_FIELDS, ENCOUNTERS, MAX_SPAN_DAYS, NEAR_DAYS, SHORT_DAYS, TYPES, Digest, Member, compatible_types,
    families_match, intervals_meet, participants_match, reach, separate_encounters, span,
)
from events.models import Event, EventType, Thread
from events.services.db import client_side_binding as _client_side_binding  # noqa: F401
from events.services.db import in_list, run_statements, sql_value, sql_values  # noqa: F401 - run_statements: older callers import it here
from events.services.db import write_later
# The reads of existing threads (digests of their members, participants of the latest ones):
from events.services.thread_reads import (  # noqa: F401 - PARTICIPANT_MEMBERS, _digests: as before the split
    PARTICIPANT_MEMBERS, _digest_statements, _digests, _digests_from, _participants_of_threads, _participants_rows,
    _participants_statement,
)

_Member = Member  # the names tests and older callers use
_Digest = Digest
_LABELS = {value: label for value, label in EventType.choices}


def thread_fields(members, digest=None) -> dict:
    """linking.thread_fields with the event types' labels (a title when no member has a summary)."""
    return linking.thread_fields(members, digest, labels=_LABELS)


@dataclass
class LinkResult:
    linked: int = 0  # events put into an existing thread
    created: int = 0  # new threads
    kept: int = 0  # events left in their thread
    recomputed: int = 0
    deleted: int = 0  # machine threads left with no events
    thread_ids: set = field(default_factory=set)
    context: object = None  # ThreadContext read by assign_threads
    # assign_threads(new_with_events=True): the new threads, not yet inserted: [derived fields] in order, and
    # id(event) -> the index of its new thread there (NewThreads; the events' insert creates them).
    new_threads: object = None


LINKING_LOCK = 0x6D6F6E74  # "mont": the global linking lock (bigint key space)
BUCKET_LOCKS = 0x6D6F6E75  # first key of the (int, int) bucket locks (linking.lock_keys gives the second)
_LOCK_STATEMENT = ("SELECT pg_advisory_xact_lock(%s)", [LINKING_LOCK])


def _locking() -> bool:
    return connection.vendor == "postgresql" and connection.in_atomic_block


def _serialise_linking():
    """Hold the global linking lock exclusively to the end of the transaction (PostgreSQL): for re-linking
    stored events, which may move them between threads of any date."""
    if _locking():
        run_statements([_LOCK_STATEMENT])


def _lock_statements(events, todo) -> list:
    """The linking lock statements for `events` (module doc): narrow keys for a new article's events, the
    global lock for stored ones."""
    if not _locking():
        return []
    if any(event.pk is not None for event in events):
        return [_LOCK_STATEMENT]
    statements = [(f"SELECT pg_advisory_xact_lock_shared({LINKING_LOCK})", [])]
    keys = linking.lock_keys(todo)
    if keys:  # taken in key order (unnest keeps the array's order), so two articles never wait on each other
        statements.append((f"SELECT count(pg_advisory_xact_lock({BUCKET_LOCKS}, k)) FROM unnest(%s::int[]) AS k",
                           [keys]))
    return statements


def link_events(event_ids, also_threads=(), events=None, participants=None) -> LinkResult:
    """Link the given (stored) events into threads and recompute every thread they touch (module doc).

    `events` (Event objects) and `participants` ({event id: (actor ids, country ids)}) may be passed by a
    caller that has them at hand, saving their queries.
    """
    _serialise_linking()
    if events is None:
        events = list(Event.objects.filter(pk__in=list(event_ids)).only(
            "id", "thread_id", "event_type", "date_start", "date_end", "hidden", "corrected_fields",
            "sentence_start", "date_text_start"))
    if participants is None:
        participants = _participants_of_events([e.pk for e in events])
    result, moved, touched = assign_threads(events, lambda e: participants.get(e.pk, (set(), set())))
    if moved:
        Event.objects.bulk_update(moved, ["thread"])
    result.recomputed, result.deleted = recompute_threads(
        touched | {tid for tid in also_threads if tid}, result.context)
    result.thread_ids = touched
    return result


def assign_threads(events, participants_of, lock=False, new_with_events=False):
    """Choose each event's thread (creating new threads as needed) and set event.thread_id in memory.

    `events` may be unsaved Event objects (process_article links before inserting, so the rows go in with
    their thread). `participants_of(event)` -> (actor ids, country ids). Writes only the new threads.
    Returns (LinkResult, the events whose thread changed, the ids of every thread touched); the caller
    saves the events and then calls recompute_threads(touched).
    `lock`: take the linking locks first (_lock_statements), in the same round trip as the reads.
    `new_with_events` (PostgreSQL, every event unsaved): the new threads are not inserted here but given, with
    their derived fields (their members are all in `events`), in result.new_threads for the events' insert
    to create in its own statement (one round trip less); their events keep thread_id None until then, and
    they are not in `touched` (nothing to recompute).
    """
    todo, solo = linking.split_linkable(events)
    current_ids = {e.thread_id for e in events if e.thread_id}
    # The events given here are left out of the participants' read (they are in memory, maybe changed,
    # maybe unsaved) and added from participants_of.
    exclude = {e.pk for e in events if e.pk is not None}
    locks = _lock_statements(events, todo) if lock else []
    rows, participants = _query(todo, current_ids, exclude, locks)
    candidates = _load(rows, participants, current_ids, events, todo, participants_of)
    choice = linking.choose_threads(todo, solo, candidates, participants_of)
    context = ThreadContext(rows={row["id"]: row for row in rows})
    result = LinkResult(linked=choice.linked, created=choice.created, kept=choice.kept, context=context)
    if new_with_events:
        result.new_threads = NewThreads.of(choice, events)
    else:
        _create(choice.new, context)
    moved, touched = _apply(choice.targets, current_ids)
    return result, moved, touched


def _apply(targets, current_ids) -> tuple[list, set]:
    """Each event's chosen thread set in memory: (the events whose thread changed, the threads touched);
    a new thread still without an id (new_with_events) is left to the events' insert."""
    moved, touched = [], set(current_ids)
    for event, target in targets:
        if target["id"] is None:
            continue
        if event.thread_id != target["id"]:
            event.thread_id = target["id"]
            moved.append(event)
        touched.add(event.thread_id)
    return moved, touched


@dataclass
class NewThreads:
    """New threads to insert with the events of an article (assign_threads(new_with_events=True)): their
    derived fields, computed from their members in memory as recompute_threads would from the stored rows,
    and which of them each event joins."""

    fields: list  # per new thread, in creation order: thread_fields of its members
    index_of: dict  # id(event) -> index in `fields`

    @classmethod
    def of(cls, choice, events) -> "NewThreads":
        position = {id(event): n for n, event in enumerate(events)}
        index_of = {id(target): n for n, target in enumerate(choice.new)}
        members = [[] for _ in choice.new]
        event_index = {}
        for event, target in choice.targets:
            if target["id"] is None:
                event_index[id(event)] = index_of[id(target)]
                members[index_of[id(target)]].append(_new_member(event, position[id(event)]))
        return cls(fields=[thread_fields(found) for found in members], index_of=event_index)


def _new_member(event, position: int) -> Member:
    """An unsaved event as the recompute reads a stored one (thread_reads._member). Its id is not known yet:
    `position`, its place in the article's insert, orders it among the others as their ids will (new ids
    come from the sequence in insert order), and members of a new thread are all new."""
    return Member(id=position, event_type=event.event_type, status=event.status, date_start=event.date_start,
                  date_end=event.date_end, granularity=event.granularity, summary=event.summary,
                  anchor=event.anchor_date, order=(event.anchor_date, event.article_id, event.sentence_start, position))


def _candidate_filter(todo, current_ids) -> tuple[str, list]:
    """WHERE text and params selecting the thread rows that may take one of `todo` (or hold one of the
    events): per compatible type set and merged reach, a bounded date_start range (a machine thread that
    meets the reach and spans at most MAX_SPAN_DAYS starts at most MAX_SPAN_DAYS - 1 days before it; an
    index range scan on thread_date_idx), editors' threads of any length (partial index), the current ones."""
    terms, params = [], []
    back = datetime.timedelta(days=MAX_SPAN_DAYS - 1)
    for types, reaches in linking.candidate_windows(todo):
        # (sql_value: dates and types written as literals on PostgreSQL, not bound one by one; the types'
        # list is written once per set and reused with its own params, if any, in every term)
        kind_params = []
        kinds = sql_values(sorted(types), kind_params)
        for start, end in reaches:
            terms.append(f"(date_start <= {sql_value(end, params)} AND date_start >= {sql_value(start - back, params)}"
                         f" AND date_end >= {sql_value(start, params)} AND event_type IN ({kinds}))")
            params += kind_params
            terms.append(f"(set_by_editor AND date_start <= {sql_value(end, params)} AND date_end >= "
                         f"{sql_value(start, params)} AND event_type IN ({kinds}))")
            params += kind_params
    if current_ids:
        terms.append(f"id IN ({sql_values(sorted(current_ids), params)})")
    return " OR ".join(terms), params


def _query(todo, current_ids, exclude, locks) -> tuple[list, list]:
    """Step 1: (thread rows, [(thread id, actor ids, country ids)] of the candidates' latest members), with
    the lock statements first in the same round trip (each statement sees what was committed before it
    started: READ COMMITTED, so the reads follow the locks)."""
    where, params = _candidate_filter(todo, current_ids)
    statements = list(locks)
    merged = bool(where) and connection.vendor == "postgresql"
    if merged:
        keep_params = []
        keep = (f"(date_end - date_start + 1 <= {sql_value(MAX_SPAN_DAYS, keep_params)} OR set_by_editor"
                + (f" OR id IN ({sql_values(sorted(current_ids), keep_params)}))" if current_ids else ")"))
        source = (f"SELECT id FROM {connection.ops.quote_name(Thread._meta.db_table)} WHERE ({where}) AND {keep}",
                  [*params, *keep_params])
        statements += [_threads_statement(where, params), _participants_statement(source, exclude)]
    elif where:
        statements.append(_threads_statement(where, params))
    results = run_statements(statements) if statements else []
    results = results[len(locks):]
    rows = _thread_rows(results[0]) if where else []
    ids = [row["id"] for row in rows if linking.is_candidate(row, current_ids)]
    if merged:
        return rows, _participants_rows(results[1], ids)
    return rows, _participants_of_threads(ids, exclude)


def _load(rows, participants, current_ids, events, todo, participants_of) -> dict:
    """Step 2: {thread id: candidate dict} for the policy, with each candidate's participants."""
    candidates = {}
    for thread in rows:
        if linking.is_candidate(thread, current_ids):
            candidates[thread["id"]] = dict(thread, order=thread["id"], actors=set(), countries=set())
    for thread_id, actors, countries in participants:
        candidates[thread_id]["actors"] |= actors
        candidates[thread_id]["countries"] |= countries
    todo_set = set(map(id, todo))
    for event in events:  # given events that are not re-linked still count for their thread
        if event.thread_id in candidates and id(event) not in todo_set and not event.hidden:
            actors, countries = participants_of(event)
            candidates[event.thread_id]["actors"] |= actors
            candidates[event.thread_id]["countries"] |= countries
    return candidates


def _create(new, context) -> None:
    """Step 4: insert the new threads (one statement) and give their candidate dicts their ids."""
    if not new:
        return
    initial = [c["initial"] for c in new]
    if connection.vendor == "postgresql":
        ids = _insert_threads(initial)
    else:
        ids = [thread.pk for thread in Thread.objects.bulk_create([
            Thread(title="", event_type=kind, status="planned", date_start=start, date_end=end, granularity="day")
            for kind, start, end in initial])]
    for target, pk, (kind, start, end) in zip(new, ids, initial):
        target["id"] = pk
        context.rows[pk] = {"id": pk, "set_by_editor": False, "title": "", "event_type": kind, "status": "planned",
                            "date_start": start, "date_end": end, "granularity": "day"}


def _insert_threads(initial) -> list[int]:
    """PostgreSQL: insert the new threads [(type, start, end)] as bulk_create would (no history record; title,
    status and granularity until their recompute), ids returned in order, without the ORM's cost."""
    table = connection.ops.quote_name(Thread._meta.db_table)
    params = []
    values = ", ".join(f"('', {sql_value(kind, params)}, 'planned', {sql_value(start, params)}, "
                       f"{sql_value(end, params)}, 'day', false)" for kind, start, end in initial)
    sql = (f"INSERT INTO {table} (title, event_type, status, date_start, date_end, granularity, set_by_editor) "
           f"VALUES {values} RETURNING id")
    return [row[0] for row in run_statements([(sql, params)])[0]]


_THREAD_COLUMNS = ("id", *DERIVED_FIELDS, "set_by_editor")


def _threads_statement(where: str, params) -> tuple:
    table = connection.ops.quote_name(Thread._meta.db_table)
    return f"SELECT {', '.join(_THREAD_COLUMNS)} FROM {table} WHERE {where}", list(params)


def _select_threads(where: str, params) -> list[dict]:
    """Thread rows as dicts of _THREAD_COLUMNS (raw SQL: the per-article query, kept cheap)."""
    return _thread_rows(run_statements([_threads_statement(where, params)])[0])


def _thread_rows(fetched) -> list[dict]:
    rows = [dict(zip(_THREAD_COLUMNS, row)) for row in fetched]
    for row in rows:
        for name in ("date_start", "date_end"):  # SQLite hands dates back as text from raw SQL
            if isinstance(row[name], str):
                row[name] = datetime.date.fromisoformat(row[name])
        row["set_by_editor"] = bool(row["set_by_editor"])
    return rows


def _update_threads(changed) -> None:
    """Write the derived fields of the changed threads: [(thread id, values)], one statement on PostgreSQL."""
    if not changed:
        return
    if connection.vendor != "postgresql":
        for tid, values in changed:
            Thread.objects.filter(pk=tid).update(**values)
        return
    table = connection.ops.quote_name(Thread._meta.db_table)
    rows, params = [], []
    for tid, values in sorted(changed, key=lambda item: item[0]):
        # (the id, words and dates as literals, sql_value: the title alone is bound)
        rows.append(f"({sql_value(tid, params)}::bigint, {sql_value(values['title'], params)}, "
                    f"{sql_value(values['event_type'], params)}, {sql_value(values['status'], params)}, "
                    f"{sql_value(values['date_start'], params)}::date, {sql_value(values['date_end'], params)}::date, "
                    f"{sql_value(values['granularity'], params)})")
    sql = (f"UPDATE {table} AS t SET title = v.title, event_type = v.event_type, status = v.status, "
           "date_start = v.date_start, date_end = v.date_end, granularity = v.granularity "
           f"FROM (VALUES {', '.join(rows)}) AS v(id, title, event_type, status, date_start, date_end, granularity) "
           "WHERE t.id = v.id")
    if write_later(sql, params):  # a batch ingest: sent with the next round trip (nobody reads its answer)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _participants_of_events(event_ids) -> dict:
    found = {event_id: (set(), set()) for event_id in event_ids}
    if not event_ids:
        return found
    for event_id, actor_id in Event.actors.through.objects.filter(event_id__in=event_ids).values_list(
            "event_id", "actor_id"):
        found[event_id][0].add(actor_id)
    for event_id, country_id in Event.countries.through.objects.filter(event_id__in=event_ids).values_list(
            "event_id", "country_id"):
        found[event_id][1].add(country_id)
    return found


@dataclass
class ThreadContext:
    """Thread rows as read (or created) by assign_threads, reused by recompute_threads."""

    rows: dict  # thread id -> {"id", derived fields, "set_by_editor"}


def _run_with_leading(statements, leading) -> list:
    """Runs `leading`'s statements then `statements` in one round trip, hands each leading callback its rows
    and returns the rows of `statements`."""
    results = run_statements([(sql, params) for sql, params, _ in leading] + statements)
    for (_, _, callback), rows in zip(leading, results):
        callback(rows)
    return results[len(leading):]


def _read_threads(thread_ids, context, leading) -> tuple[dict, dict]:
    """({thread id: thread row}, {thread id: Digest}) for `thread_ids`, rows not in `context` read in the
    same round trip as the digests and `leading`."""
    threads = {tid: context.rows[tid] for tid in thread_ids if context is not None and tid in context.rows}
    unknown = thread_ids - set(threads)
    statements = []
    if unknown:
        statements.append(_threads_statement(f"id IN ({', '.join(['%s'] * len(unknown))})", sorted(unknown)))
    ordered = sorted(thread_ids)
    statements += _digest_statements(ordered, set())
    results = _run_with_leading(statements, leading)
    if unknown:
        for row in _thread_rows(results.pop(0)):
            threads[row["id"]] = row
    digests = _digests_from(ordered, *results)
    return threads, {tid: digests[tid] for tid in threads}


def _changed_fields(threads, digests) -> list:
    """[(thread id, derived fields)] for the machine threads whose derived fields differ from their row."""
    changed = []
    for tid, thread in threads.items():
        if thread["set_by_editor"] or not digests[tid].reps:
            continue
        values = thread_fields([], digests[tid])
        if any(thread[name] != value for name, value in values.items()):
            changed.append((tid, values))
    return changed


def recompute_threads(thread_ids, context: ThreadContext | None = None, leading=()) -> tuple[int, int]:
    """Derive each thread's interval, title, type and status from its visible members (stored: call it after
    the events are saved). Reads a digest of the members (_digests: two statements whatever their number);
    `context` (from assign_threads) saves reading the thread rows again. Threads set by an editor are
    left alone; a machine thread with no
    events is deleted. Returns (threads updated, threads deleted).
    `leading`: [(sql, params, callback)] run first, in the same round trip as the reads (process_article's
    insert of the new events); each callback gets its statement's rows.
    """
    thread_ids = {tid for tid in thread_ids if tid}
    if not thread_ids:
        if leading:
            _run_with_leading([], leading)
        return 0, 0
    threads, digests = _read_threads(thread_ids, context, leading)
    empty = [tid for tid, t in threads.items()
             if not (digests[tid].visible or digests[tid].hidden) and not t["set_by_editor"]]
    if empty:
        Thread.objects.filter(pk__in=empty).delete()
    changed = _changed_fields(threads, digests)
    _update_threads(changed)
    return len(changed), len(empty)
