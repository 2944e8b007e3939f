"""What the linker and the recompute read of existing threads (events.services.threads): each thread's
digest (its representative members: a few rows per thread whatever its size, events.extraction.linking
.Digest) and the participants (actors, countries) of its most recent visible members, as SQL statements
that travel in one round trip with the linker's other statements (events.services.db.run_statements).
"""
from __future__ import annotations

import datetime

from django.db import connection

from events.extraction.linking import Digest, Member
from events.models import Event, EventType
from events.services.db import run_statements, sql_value, sql_values


# Members are ordered in time by their anchor (the issue date they were resolved against), then by article
# (ingest order) and position in it: no join needed.
_MEMBER_FIELDS = ("id", "thread_id", "hidden", "event_type", "status", "date_start", "date_end", "granularity",
                  "summary", "anchor_date", "article_id", "sentence_start")


def _member(row) -> Member:
    (pk, thread_id, hidden, event_type, status, start, end, granularity, summary, anchor, article_id,
     sentence_start) = row
    return Member(id=pk, event_type=event_type, status=status, date_start=start, date_end=end,
                   granularity=granularity, summary=summary, anchor=anchor,
                   order=(anchor, article_id, sentence_start, pk), thread_id=thread_id)


def _digests(thread_ids, exclude_events) -> dict:
    return _digests_from(thread_ids, *run_statements(_digest_statements(thread_ids, exclude_events)))


def _digest_statements(thread_ids, exclude_events) -> list:
    """The two statements of a digest: type/hidden counts with the newest "occurred" issue, representatives."""
    table = connection.ops.quote_name(Event._meta.db_table)
    # (ids and the status written as literals on PostgreSQL, sql_value: no client-side binding per value)
    occurred_params, params = [], []
    occurred = sql_value("occurred", occurred_params)
    members = f"thread_id IN ({sql_values(thread_ids, params)})"
    if exclude_events:
        members += f" AND id NOT IN ({sql_values(exclude_events, params)})"
    counts = (f"SELECT thread_id, event_type, hidden, COUNT(*), MAX(CASE WHEN status = {occurred} THEN anchor_date END) "
              f"FROM {table} WHERE {members} GROUP BY thread_id, event_type, hidden")
    if connection.vendor == "postgresql":
        return [(counts, occurred_params + params), _representatives_lookups(thread_ids, exclude_events)]
    return [(counts, occurred_params + params), _representatives_statement(members, params)]


def _digests_from(thread_ids, rows, ranked) -> dict:
    digests = {tid: Digest() for tid in thread_ids}
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
        # LATERAL ... OFFSET 0: one index lookup on (event_id, ...) per member, never a hash join over the
        # whole link table (the planner cannot know how few members the CTE holds).
        # Aggregated on the server: one row per (thread, link table), not one per link (~400 rows an article
        # fetched and added one by one cost more client CPU than the read itself).
        parts.append(f"SELECT m.thread_id, {which}, array_agg(t.target) FROM m CROSS JOIN LATERAL (SELECT "
                     f"{_LINK_COLUMN[name]} AS target FROM {through} WHERE event_id = m.event_id OFFSET 0) t "
                     f"GROUP BY m.thread_id")
    return sql + " UNION ALL ".join(parts), [*source[1], *exclude_events]


def _participants_rows(fetched, thread_ids) -> list:
    """[(thread id, actor ids, country ids)] for `thread_ids` from the participants' statement's rows
    ((thread id, 0 actors / 1 countries, [target ids]))."""
    by_thread = {tid: (set(), set()) for tid in thread_ids}
    for thread_id, which, targets in fetched:
        if thread_id in by_thread:
            by_thread[thread_id][which].update(targets)
    return [(tid, a, c) for tid, (a, c) in by_thread.items()]


_LINK_COLUMN = {"actors": "actor_id", "countries": "country_id"}
