"""Threads: link the mentions (Events) of one real happening across issues, and derive the thread's fields.

LINKING RULE. An event joins an existing thread when all of these hold:
  1. same family of event types (the registry's "family": encounters (visit, meeting, summit),
     communications (statement, letter), cooperation (agreement, military, nuclear, economic), appointment,
     protest); a postponement (flag puts_off) goes with the postponable types (encounters and cooperation: it
     is news about another happening) and is linked after the other events of its article;
  2. its interval overlaps the thread's canonical interval (two intervals of a few days and the same type
     may also be up to NEAR_DAYS apart: "July 19" and "the eve of the July 21-23 summit", unless they are
     encounters where each side names a counterpart the other lacks: separate_encounters), and the event is
     not coarser than MAX_SPAN_DAYS (a season or a quarter; "last year" is too vague to say which
     happening it is). A postponement is
     dated by the putting-off, so it reaches from a week before to 60 days after its own interval;
  3. shared participants (a thread's: those of its visible mentions; of a long thread, of its 10 latest):
     countries shared >= min(2, countries of each side) (so a Russia-North Korea visit
     and a Russia-China visit of the same month stay apart, while "a visit to North Korea" with no Russian
     country joins "Putin in Pyongyang"), and when both sides name actors, at least one actor shared; a
     side with no countries must share an actor.
The best candidate wins: first one whose interval contains the event's or lies inside it, then shared
actors x2 + shared countries + 1 for the same type, then the older thread. No candidate: a new thread. An event already in a thread stays there while it still qualifies.
An event whose corrected_fields lists "thread" is never re-linked; a hidden event is not linked.

THREAD FIELDS (recomputed whenever a member changes, unless set_by_editor):
  * interval and granularity: those of the most precise member (shortest interval; ties: the latest issue),
    postponements left out unless every member is one (they date the putting-off, not the happening);
  * title: that member's summary (else the first member's with a summary, else type + countries);
  * event_type: the most common type among members other than postponement (ties: the most precise
    member's); postponement only when every member is one;
  * status, from the members ordered by issue date (their anchor_date; then article, then sentence offset):
      - postponed if the latest member is a postponement or says postponed;
      - else occurred if any member says occurred (reported after the fact: its issue date is on or after
        the thread's start), since a later "it happened" beats an earlier "it will happen";
      - else the latest member's status (planned, reported).
Concurrency: linking takes a PostgreSQL advisory lock held to the end of the caller's transaction, so
parallel ingests link one article at a time (extraction itself runs in parallel before it).
Cheap: a fixed number of queries per call, whatever the number of events (candidates, their participants,
members for the recomputation, one bulk update each for events and threads).
"""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection

from events.extraction.event_types import default_registry
from events.models import Event, EventType, Thread

# Families, encounters and what a postponement may put off: the event-type registry's.
TYPES = default_registry()
ENCOUNTERS = frozenset(TYPES.codes(encounter=True))
DERIVED_FIELDS = ("title", "event_type", "status", "date_start", "date_end", "granularity")
MAX_SPAN_DAYS = 100
SHORT_DAYS = 3
NEAR_DAYS = 2
POSTPONEMENT_BEFORE_DAYS = 7
POSTPONEMENT_AFTER_DAYS = 60


@dataclass
class LinkResult:
    linked: int = 0  # events put into an existing thread
    created: int = 0  # new threads
    kept: int = 0  # events left in their thread
    recomputed: int = 0
    deleted: int = 0  # machine threads left with no events
    thread_ids: set = field(default_factory=set)
    context: object = None  # ThreadContext read by assign_threads


@dataclass
class _Member:
    id: int
    event_type: str
    status: str
    date_start: object
    date_end: object
    granularity: str
    summary: str
    anchor: object
    order: tuple
    thread_id: int | None = None


def reach(event) -> tuple:
    """The widest interval a thread's interval may meet to take `event` (see intervals_meet): its own,
    widened by NEAR_DAYS when it is a few days at most, or for a postponement the weeks around it (news of
    a postponement dates the putting-off, while the happening was set for a later day)."""
    if event.event_type == EventType.POSTPONEMENT:
        return (event.date_start - datetime.timedelta(days=POSTPONEMENT_BEFORE_DAYS),
                event.date_end + datetime.timedelta(days=POSTPONEMENT_AFTER_DAYS))
    if span(event.date_start, event.date_end) <= SHORT_DAYS:
        near = datetime.timedelta(days=NEAR_DAYS)
        return event.date_start - near, event.date_end + near
    return event.date_start, event.date_end


def intervals_meet(event, thread: dict) -> bool:
    """Overlap; a postponement within its reach; two short intervals of the same type within NEAR_DAYS
    ("July 19" and "the eve of the July 21-23 summit", read as July 20, for one visit)."""
    if thread["date_start"] <= event.date_end and thread["date_end"] >= event.date_start:
        return True
    if event.event_type == EventType.POSTPONEMENT:
        start, end = reach(event)
        return thread["date_start"] <= end and thread["date_end"] >= start
    if thread["event_type"] == EventType.POSTPONEMENT:  # the same window, seen from the happening
        return (thread["date_start"] - datetime.timedelta(days=POSTPONEMENT_AFTER_DAYS) <= event.date_end
                and thread["date_end"] + datetime.timedelta(days=POSTPONEMENT_BEFORE_DAYS) >= event.date_start)
    if (event.event_type == thread["event_type"] and span(event.date_start, event.date_end) <= SHORT_DAYS
            and span(thread["date_start"], thread["date_end"]) <= SHORT_DAYS):
        start, end = reach(event)
        return thread["date_start"] <= end and thread["date_end"] >= start
    return False


def separate_encounters(event, actors, thread: dict) -> bool:
    """Encounters on different (near) days where each side names a counterpart the other lacks are two
    happenings, however near: talks with the president on the 27th and with the defence minister on the
    28th, during one visit. Near days with the same people stay one ("July 19" and "the eve of the 21st")."""
    overlap = thread["date_start"] <= event.date_end and thread["date_end"] >= event.date_start
    return (not overlap and event.event_type in ENCOUNTERS
            and bool(actors - thread["actors"]) and bool(thread["actors"] - actors))


def compatible_types(event_type: str) -> frozenset:
    """The thread types an event of `event_type` may join (families_match, as a set for the query)."""
    return frozenset(other for other in EventType.values if families_match(event_type, other))


def families_match(a: str, b: str) -> bool:
    type_a, type_b = TYPES.get(a), TYPES.get(b)
    if type_a is None or type_b is None:
        return a == b
    if type_a.puts_off or type_b.puts_off:  # a postponement puts off a visit, talks, a summit or a deal
        other = type_b if type_a.puts_off else type_a
        return other.puts_off or other.postponable
    return type_a.family == type_b.family


def span(start, end) -> int:
    return (end - start).days + 1


def participants_match(actors_a, countries_a, actors_b, countries_b) -> bool:
    shared_countries = len(countries_a & countries_b)
    shared_actors = len(actors_a & actors_b)
    if actors_a and actors_b and not shared_actors:
        return False
    if not countries_a or not countries_b:
        return shared_actors > 0
    return shared_countries >= max(1, min(2, len(countries_a), len(countries_b)))


def _score(event, actors, countries, candidate) -> tuple:
    """Higher is better: a thread whose interval one of the two contains (a vague "last July" belongs to the
    July 19 visit rather than to talks that straddle June and July), then shared participants and type."""
    contained = ((event.date_start <= candidate["date_start"] and candidate["date_end"] <= event.date_end)
                 or (candidate["date_start"] <= event.date_start and event.date_end <= candidate["date_end"]))
    return (contained, 2 * len(actors & candidate["actors"]) + len(countries & candidate["countries"])
            + (1 if candidate["event_type"] == event.event_type else 0), -candidate["order"])


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


def assign_threads(events, participants_of, lock=False):
    """Choose each event's thread (creating new threads as needed) and set event.thread_id in memory.

    `events` may be unsaved Event objects (process_article links before inserting, so the rows go in with
    their thread). `participants_of(event)` -> (actor ids, country ids). Writes only the new threads.
    Returns (LinkResult, the events whose thread changed, the ids of every thread touched); the caller
    saves the events and then calls recompute_threads(touched).
    `lock`: take the linking lock first (_serialise_linking), in the same round trip as the reads.
    """
    result = LinkResult()
    touched = {e.thread_id for e in events if e.thread_id}
    linkable = [e for e in events if not e.hidden and "thread" not in (e.corrected_fields or [])]
    todo = [e for e in linkable if span(e.date_start, e.date_end) <= MAX_SPAN_DAYS]
    # Too vague to link: still needs a thread of its own for the timeline.
    solo = [e for e in linkable if span(e.date_start, e.date_end) > MAX_SPAN_DAYS]

    # Candidates: threads of a compatible type whose interval meets an event's reach (one OR term per type
    # group and merged interval: few terms, and few threads to read the members of).
    by_types = {}
    for event in todo:
        by_types.setdefault(compatible_types(event.event_type), []).append(reach(event))
    terms, params = [], []
    for types, reaches in by_types.items():
        for reach_start, reach_end in _merged(reaches):
            terms.append(f"(date_start <= %s AND date_end >= %s AND event_type IN ({', '.join(['%s'] * len(types))}))")
            params += [reach_end, reach_start, *sorted(types)]
    current_ids = {e.thread_id for e in events if e.thread_id}
    if current_ids:
        terms.append(f"id IN ({', '.join(['%s'] * len(current_ids))})")
        params += sorted(current_ids)
    candidates = {}
    where = " OR ".join(terms)
    # The participants of the other members of these threads: the events given here are left out of the
    # read (they are in memory, maybe changed, maybe unsaved) and added below.
    exclude = {e.pk for e in events if e.pk is not None}
    statements = [_LOCK_STATEMENT] if lock and _locking() else []
    merged = bool(terms) and connection.vendor == "postgresql"
    if merged:
        # Lock, candidate threads and their members' participants in one round trip: each statement sees
        # what was committed before it started (READ COMMITTED), so the reads follow the lock. The thread
        # filter below is repeated in SQL for the participants' statement.
        keep = (f"(date_end - date_start + 1 <= %s OR set_by_editor"
                + (f" OR id IN ({', '.join(['%s'] * len(current_ids))}))" if current_ids else ")"))
        keep_params = [MAX_SPAN_DAYS, *sorted(current_ids)]
        source = (f"SELECT id FROM {connection.ops.quote_name(Thread._meta.db_table)} "
                  f"WHERE ({where}) AND {keep}", [*params, *keep_params])
        statements += [_threads_statement(where, params), _participants_statement(source, exclude)]
    elif terms:
        statements.append(_threads_statement(where, params))
    results = run_statements(statements) if statements else []
    if lock and _locking():
        results.pop(0)
    found = _thread_rows(results[0]) if terms else []
    rows = {}
    for thread in found:
        rows[thread["id"]] = thread
        if span(thread["date_start"], thread["date_end"]) > MAX_SPAN_DAYS and not thread["set_by_editor"] \
                and thread["id"] not in current_ids:
            continue
        candidates[thread["id"]] = dict(thread, order=thread["id"], actors=set(), countries=set())
    context = ThreadContext(rows=rows)
    if merged:
        participants = _participants_rows(results[1], candidates)
    else:
        participants = _participants_of_threads(list(candidates), exclude)
    for thread_id, actors, countries in participants:
        candidates[thread_id]["actors"] |= actors
        candidates[thread_id]["countries"] |= countries
    for event in events:  # given events that are not re-linked still count for their thread
        if event.thread_id in candidates and event not in todo and not event.hidden:
            actors, countries = participants_of(event)
            candidates[event.thread_id]["actors"] |= actors
            candidates[event.thread_id]["countries"] |= countries

    new_threads = []  # candidate dicts holding an unsaved Thread under "object"
    targets = []  # (event, candidate)
    # The happenings first, most precise first; postponements last, to join the happening they put off.
    order = sorted(todo, key=lambda e: (e.event_type == EventType.POSTPONEMENT, span(e.date_start, e.date_end),
                                        e.sentence_start, e.date_text_start))
    for event in order:
        actors, countries = participants_of(event)

        def fits(c, alone_ok=False):
            if alone_ok and not c["actors"] and not c["countries"]:
                return True  # its own thread, with no other visible member: stays as it is
            return (families_match(event.event_type, c["event_type"])
                    and intervals_meet(event, c)
                    and participants_match(actors, countries, c["actors"], c["countries"])
                    and not separate_encounters(event, actors, c))
        current = candidates.get(event.thread_id)
        if current is not None and fits(current, alone_ok=True):
            best = current
        elif not actors and not countries:
            best = None  # nobody named: nothing to say it is the same happening as another mention
        else:
            fitting = [c for c in candidates.values() if fits(c)]
            best = max(fitting, key=lambda c: _score(event, actors, countries, c), default=None)
        if best is None:
            best = _new_thread(event, new_threads)
            candidates[("new", len(new_threads))] = best
            result.created += 1
        elif best["id"] is not None and best["id"] == event.thread_id:
            result.kept += 1
        else:
            result.linked += 1
        best["actors"] |= actors
        best["countries"] |= countries
        # A more precise member narrows a machine thread's interval for the next events of this run.
        if (not best["set_by_editor"] and event.event_type != EventType.POSTPONEMENT
                and span(event.date_start, event.date_end) < span(best["date_start"], best["date_end"])):
            best["date_start"], best["date_end"] = event.date_start, event.date_end
            best["event_type"] = event.event_type
        targets.append((event, best))
    for event in solo:
        if event.thread_id is None:
            targets.append((event, _new_thread(event, new_threads)))
            result.created += 1
        else:
            result.kept += 1

    if new_threads:
        created = Thread.objects.bulk_create([t["object"] for t in new_threads])
        for target, thread in zip(new_threads, created):
            target["id"] = thread.pk
            context.rows[thread.pk] = {"id": thread.pk, "set_by_editor": False,
                                       **{name: getattr(thread, name) for name in DERIVED_FIELDS}}
    moved = []
    for event, target in targets:
        if event.thread_id != target["id"]:
            event.thread_id = target["id"]
            moved.append(event)
        touched.add(event.thread_id)
    result.context = context
    return result, moved, touched


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
        rows.append("(%s::bigint, %s, %s, %s, %s::date, %s::date, %s)")
        params += [tid, values["title"], values["event_type"], values["status"], values["date_start"],
                   values["date_end"], values["granularity"]]
    sql = (f"UPDATE {table} AS t SET title = v.title, event_type = v.event_type, status = v.status, "
           "date_start = v.date_start, date_end = v.date_end, granularity = v.granularity "
           f"FROM (VALUES {', '.join(rows)}) AS v(id, title, event_type, status, date_start, date_end, granularity) "
           "WHERE t.id = v.id")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _merged(intervals):
    """Overlapping or adjacent intervals merged (fewer OR terms in the candidate query)."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _new_thread(event, new_threads) -> dict:
    thread = Thread(title="", event_type=event.event_type, status="planned", date_start=event.date_start,
                    date_end=event.date_end, granularity="day")
    candidate = {"id": None, "object": thread, "event_type": event.event_type, "date_start": event.date_start,
                 "date_end": event.date_end, "set_by_editor": False, "actors": set(), "countries": set(),
                 "order": 10**15 + len(new_threads)}
    new_threads.append(candidate)
    return candidate


LINKING_LOCK = 0x6D6F6E74  # "mont": the advisory lock that serialises thread linking across processes


_LOCK_STATEMENT = ("SELECT pg_advisory_xact_lock(%s)", [LINKING_LOCK])


def _locking() -> bool:
    return connection.vendor == "postgresql" and connection.in_atomic_block


def _serialise_linking():
    """Hold a transaction-scoped lock while linking (PostgreSQL), so that concurrent ingests neither create
    two threads for one happening nor deadlock on shared thread rows; released at commit or rollback."""
    if _locking():
        run_statements([_LOCK_STATEMENT])


def run_statements(statements) -> list:
    """Run [(sql, params)] in order and return each one's rows (None for a statement without rows).

    With PostgreSQL through psycopg's client-side binding (Django's default) the statements travel as one
    query string, in one round trip; they still run one after the other, each with its own snapshot (READ
    COMMITTED), so a statement after a lock sees what the lock's holder committed. Otherwise one by one.
    """
    results = []
    with connection.cursor() as cursor:
        if len(statements) > 1 and _client_side_binding(cursor):
            cursor.execute("; ".join(sql for sql, _ in statements), [p for _, params in statements for p in params])
            for index in range(len(statements)):
                if index:
                    cursor.nextset()
                results.append(cursor.fetchall() if cursor.description is not None else None)
            return results
        for sql, params in statements:
            cursor.execute(sql, params)
            results.append(cursor.fetchall() if cursor.description is not None else None)
    return results


def _client_side_binding(cursor) -> bool:
    if connection.vendor != "postgresql":
        return False
    try:
        from psycopg import ClientCursor
    except ImportError:  # pragma: no cover - psycopg2
        return False
    return isinstance(getattr(cursor, "cursor", None), ClientCursor)


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


# Members are ordered in time by their anchor (the issue date they were resolved against), then by article
# (ingest order) and position in it: no join needed.
_MEMBER_FIELDS = ("id", "thread_id", "hidden", "event_type", "status", "date_start", "date_end", "granularity",
                  "summary", "anchor_date", "article_id", "sentence_start")


def _member(row) -> _Member:
    (pk, thread_id, hidden, event_type, status, start, end, granularity, summary, anchor, article_id,
     sentence_start) = row
    return _Member(id=pk, event_type=event_type, status=status, date_start=start, date_end=end,
                   granularity=granularity, summary=summary, anchor=anchor,
                   order=(anchor, article_id, sentence_start, pk), thread_id=thread_id)


@dataclass
class _Digest:
    """What thread_fields needs of a thread's stored members, in a few rows whatever the thread's size:
    the latest member, the most precise one (happenings before postponements), the first with a summary,
    the type counts and the newest issue date of an "occurred" member."""

    reps: list = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    occurred: object = None  # newest anchor_date among visible "occurred" members
    visible: int = 0
    hidden: int = 0


def _digests(thread_ids, exclude_events) -> dict:
    return _digests_from(thread_ids, *run_statements(_digest_statements(thread_ids, exclude_events)))


def _digest_statements(thread_ids, exclude_events) -> list:
    """The two statements of a digest: type/hidden counts with the newest "occurred" issue, representatives."""
    table = connection.ops.quote_name(Event._meta.db_table)
    members = f"thread_id IN ({', '.join(['%s'] * len(thread_ids))})"
    params = list(thread_ids)
    if exclude_events:
        members += f" AND id NOT IN ({', '.join(['%s'] * len(exclude_events))})"
        params += list(exclude_events)
    counts = (f"SELECT thread_id, event_type, hidden, COUNT(*), MAX(CASE WHEN status = %s THEN anchor_date END) "
              f"FROM {table} WHERE {members} GROUP BY thread_id, event_type, hidden")
    if connection.vendor == "postgresql":
        return [(counts, ["occurred"] + params), _representatives_lookups(thread_ids, exclude_events)]
    return [(counts, ["occurred"] + params), _representatives_statement(members, params)]


def _digests_from(thread_ids, rows, ranked) -> dict:
    digests = {tid: _Digest() for tid in thread_ids}
    for thread_id, event_type, hidden, n, occurred in rows:
        digest = digests[thread_id]
        if hidden:
            digest.hidden += n
            continue
        digest.visible += n
        if event_type != EventType.POSTPONEMENT:
            digest.types[event_type] += n
        if isinstance(occurred, str):  # SQLite hands dates back as text from raw SQL
            occurred = datetime.date.fromisoformat(occurred)
        if occurred is not None and (digest.occurred is None or occurred > digest.occurred):
            digest.occurred = occurred
    for row in ranked:
        digests[row[1]].reps.append(_member(row))
    return digests


def _representatives_lookups(thread_ids, exclude_events) -> tuple:
    """PostgreSQL: per thread, the latest visible member and the first with a summary, each one index lookup
    on event_thread_order_idx, and the most precise (a top-1 over the thread's members): the same winners as
    _representatives_statement's three orderings (thread_fields only picks from these), without sorting
    every member three times. A thread whose members have no summary gets no summary row, and needs none."""
    table = connection.ops.quote_name(Event._meta.db_table)
    columns = ", ".join(f"e.{name}" for name in _MEMBER_FIELDS)
    where = "e.thread_id = th.id AND NOT e.hidden"
    if exclude_events:
        where += f" AND e.id NOT IN ({', '.join(['%s'] * len(exclude_events))})"
    excluded = list(exclude_events)
    sql = (f"SELECT r.* FROM unnest(%s::bigint[]) AS th(id) CROSS JOIN LATERAL ("
           f"(SELECT {columns} FROM {table} e WHERE {where} "
           f"ORDER BY e.anchor_date DESC, e.article_id DESC, e.sentence_start DESC, e.id DESC LIMIT 1) UNION ALL "
           f"(SELECT {columns} FROM {table} e WHERE {where} AND e.summary <> '' "
           f"ORDER BY e.anchor_date, e.article_id, e.sentence_start, e.id LIMIT 1) UNION ALL "
           f"(SELECT {columns} FROM {table} e WHERE {where} ORDER BY CASE WHEN e.event_type = %s THEN 1 ELSE 0 END, "
           f"(e.date_end - e.date_start), e.anchor_date DESC, e.id LIMIT 1)) AS r")
    return sql, [list(thread_ids), *excluded, *excluded, *excluded, EventType.POSTPONEMENT.value]


def _representatives_statement(members: str, params) -> tuple:
    """Per thread: the latest visible member, the most precise, and the first with a summary."""
    table = connection.ops.quote_name(Event._meta.db_table)
    if connection.vendor == "sqlite":
        length = "(julianday(date_end) - julianday(date_start))"
    else:
        length = "(date_end - date_start)"
    columns = ", ".join(_MEMBER_FIELDS)
    where = members + " AND NOT hidden"
    sql = f"""
        SELECT {columns} FROM (
            SELECT {columns},
                ROW_NUMBER() OVER (PARTITION BY thread_id
                    ORDER BY anchor_date DESC, article_id DESC, sentence_start DESC, id DESC) AS r_latest,
                ROW_NUMBER() OVER (PARTITION BY thread_id
                    ORDER BY CASE WHEN event_type = %s THEN 1 ELSE 0 END, {length}, anchor_date DESC, id) AS r_precise,
                ROW_NUMBER() OVER (PARTITION BY thread_id
                    ORDER BY CASE WHEN summary = '' THEN 1 ELSE 0 END, anchor_date, article_id, sentence_start, id
                ) AS r_summary
            FROM {table} WHERE {where}
        ) ranked WHERE r_latest = 1 OR r_precise = 1 OR r_summary = 1"""
    return sql, [EventType.POSTPONEMENT.value] + params


PARTICIPANT_MEMBERS = 10  # participants of a thread: from its most recent visible members, at most this many


def _participants_of_threads(thread_ids, exclude_events):
    """(thread id, actor ids, country ids) over the visible members of each thread, less `exclude_events`.

    One statement. On PostgreSQL only the PARTICIPANT_MEMBERS most recent members of each thread are read
    (index lookups), so the cost stays flat however often a happening is mentioned; the participants of a
    long thread are those its latest mentions name."""
    if not thread_ids:
        return []
    if connection.vendor == "postgresql":
        statement = _participants_statement(("SELECT * FROM unnest(%s::bigint[])", [list(thread_ids)]),
                                            exclude_events)
        return _participants_rows(run_statements([statement])[0], thread_ids)
    by_thread = {tid: (set(), set()) for tid in thread_ids}
    events = connection.ops.quote_name(Event._meta.db_table)
    parts, params = [], []
    for which, name in enumerate(("actors", "countries")):
        through = connection.ops.quote_name(getattr(Event, name).through._meta.db_table)
        target = _LINK_COLUMN[name]
        not_these = ""
        if exclude_events:
            not_these = f" AND e.id NOT IN ({', '.join(['%s'] * len(exclude_events))})"
        parts.append(f"SELECT e.thread_id, {which}, t.{target} FROM {through} t "
                     f"JOIN {events} e ON e.id = t.event_id "
                     f"WHERE e.thread_id IN ({', '.join(['%s'] * len(thread_ids))}) AND NOT e.hidden{not_these}")
        params += [*thread_ids, *exclude_events]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        for thread_id, which, target_id in cursor.fetchall():
            by_thread[thread_id][which].add(target_id)
    return [(tid, a, c) for tid, (a, c) in by_thread.items()]


def _participants_statement(source, exclude_events) -> tuple:
    """PostgreSQL: the statement reading the participants of the threads whose ids `source` (sql, params)
    selects: only the PARTICIPANT_MEMBERS most recent visible members of each (index lookups on
    event_thread_visible_idx), found once for both link tables."""
    events = connection.ops.quote_name(Event._meta.db_table)
    not_these = ""
    if exclude_events:
        not_these = f" AND e.id NOT IN ({', '.join(['%s'] * len(exclude_events))})"
    sql = (f"WITH m AS MATERIALIZED (SELECT th.id AS thread_id, r.id AS event_id FROM ({source[0]}) AS th(id) "
           f"CROSS JOIN LATERAL (SELECT e.id FROM {events} e WHERE e.thread_id = th.id AND NOT e.hidden{not_these} "
           f"ORDER BY e.id DESC LIMIT {PARTICIPANT_MEMBERS}) r) ")
    parts = []
    for which, name in enumerate(("actors", "countries")):
        through = connection.ops.quote_name(getattr(Event, name).through._meta.db_table)
        parts.append(f"SELECT m.thread_id, {which}, t.{_LINK_COLUMN[name]} FROM m JOIN {through} t "
                     f"ON t.event_id = m.event_id")
    return sql + " UNION ALL ".join(parts), [*source[1], *exclude_events]


def _participants_rows(fetched, thread_ids) -> list:
    """[(thread id, actor ids, country ids)] for `thread_ids` from the participants' statement's rows."""
    by_thread = {tid: (set(), set()) for tid in thread_ids}
    for thread_id, which, target_id in fetched:
        if thread_id in by_thread:
            by_thread[thread_id][which].add(target_id)
    return [(tid, a, c) for tid, (a, c) in by_thread.items()]


_LINK_COLUMN = {"actors": "actor_id", "countries": "country_id"}


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
    statements = [(sql, params) for sql, params, _ in leading]
    if not thread_ids:
        results = run_statements(statements) if statements else []
        for (_, _, callback), rows in zip(leading, results):
            callback(rows)
        return 0, 0
    threads = {tid: context.rows[tid] for tid in thread_ids if context is not None and tid in context.rows}
    unknown = thread_ids - set(threads)
    if unknown:
        statements.append(_threads_statement(f"id IN ({', '.join(['%s'] * len(unknown))})", sorted(unknown)))
    ordered = sorted(thread_ids)
    statements += _digest_statements(ordered, set())
    results = run_statements(statements)
    for (_, _, callback), rows in zip(leading, results):
        callback(rows)
    results = results[len(leading):]
    if unknown:
        for row in _thread_rows(results.pop(0)):
            threads[row["id"]] = row
    digests = _digests_from(ordered, *results)
    digests = {tid: digests[tid] for tid in threads}
    empty = [tid for tid, t in threads.items()
             if not (digests[tid].visible or digests[tid].hidden) and not t["set_by_editor"]]
    if empty:
        Thread.objects.filter(pk__in=empty).delete()
    changed = []
    for tid, thread in threads.items():
        if thread["set_by_editor"] or not digests[tid].reps:
            continue
        values = thread_fields([], digests[tid])
        if any(thread[name] != value for name, value in values.items()):
            changed.append((tid, values))
    _update_threads(changed)
    return len(changed), len(empty)


def thread_fields(members: list[_Member], digest: _Digest | None = None) -> dict:
    """A thread's derived fields from its visible members (the rule in the module doc): `members` in full,
    plus the `digest` of the others."""
    reps = list(members) + (digest.reps if digest else [])
    latest = max(reps, key=lambda m: m.order)
    # A postponement is dated by the putting-off, not by the happening: it sets the date only when alone.
    happening = [m for m in reps if m.event_type != EventType.POSTPONEMENT] or reps
    precise = min(happening, key=lambda m: (span(m.date_start, m.date_end), -m.anchor.toordinal(), m.id))
    types = Counter(m.event_type for m in members if m.event_type != EventType.POSTPONEMENT)
    if digest:
        types.update(digest.types)
    if types:
        top = max(types.values())
        event_type = precise.event_type if types.get(precise.event_type) == top else \
            sorted(t for t, n in types.items() if n == top)[0]
    else:
        event_type = EventType.POSTPONEMENT
    occurred = [m.anchor for m in members if m.status == "occurred"]
    if digest and digest.occurred is not None:
        occurred.append(digest.occurred)
    if latest.status == "postponed" or latest.event_type == EventType.POSTPONEMENT:
        status = "postponed"
    elif occurred and max(occurred) >= precise.date_start:
        status = "occurred"
    else:
        status = latest.status
    first_summary = next((m.summary for m in sorted(reps, key=lambda m: m.order) if m.summary), "")
    title = precise.summary or first_summary or EventType(event_type).label
    return {"title": title[:300], "event_type": event_type, "status": status, "date_start": precise.date_start,
            "date_end": precise.date_end, "granularity": precise.granularity}
