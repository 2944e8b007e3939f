"""How many happenings: the whole archive's tallies (HappeningTally), and for a filtered set of happenings one
summary query (heading, facets, month spans, extent) or one count per id array, all kept in the counts cache
(selectors/counts.py)."""
from datetime import date

from django.core.exceptions import EmptyResultSet

from ..models import Happening, HappeningTally
from .base import _as_happenings, _unfiltered


def _tally(kind):
    """{value: happenings} of the whole archive for one kind (country, actor, topic, org, type, status, span):
    from the counts cache (every kind, one query per counts version), else one query."""
    from ..services.happenings import ensure_current
    from .counts import cached, version

    ensure_current()
    if version() is not None:
        return cached("tallies", "all", _all_tallies).get(kind, {})
    return dict(HappeningTally.objects.filter(kind=kind, n__gt=0).values_list("value", "n"))


def _all_tallies():
    out = {}
    for kind, value, n in HappeningTally.objects.filter(n__gt=0).values_list("kind", "value", "n"):
        out.setdefault(kind, {})[value] = n
    return out


def _id_tally(kind):
    return {int(value): n for value, n in _tally(kind).items()}


_ARRAY_KIND = {"country_ids": "country", "actor_ids": "actor", "topic_ids": "topic", "org_ids": "org"}


def shared(qs, filters=()):
    """Mark a filtered happening queryset that several selectors read in one request (the heading, the facets
    that count under the same filters, the month bars, the time axis): they then take their numbers from one
    summary query over it (summary()) instead of one aggregate each. `filters`: the names of the filters it
    applies (a facet never counts under its own filter, so the summary leaves those out). The mark is on
    this object only (a QuerySet's clones do not carry it)."""
    qs._summary = None
    qs._summary_skip = {_FILTER_KIND[name] for name in filters if name in _FILTER_KIND}
    return qs


_FILTER_KIND = {"country": "country", "actor": "actor", "topic": "topic", "org": "org"}


def summary(qs):
    """{kind: {value: happenings}} among a shared() queryset, for the kinds "ts" ("type|status"), "span" ((first
    month, last month) as "YYYY-MM/YYYY-MM"), "actor", "topic", "country", "org" (ids) and "extent" ("first/last"
    start): one query that reads the happenings once (a materialized CTE) and aggregates them each way (kept in
    the counts cache: selectors/counts.py). None when `qs` is not shared or is the whole archive (the tallies
    hold that)."""
    if qs.model is not Happening or not hasattr(qs, "_summary") or _unfiltered(qs):
        return None
    if qs._summary is not None:
        return qs._summary
    from .counts import cached, sql_key

    key = sql_key(qs)
    qs._summary = cached("summary", key and (key, sorted(qs._summary_skip)), lambda: _summary(qs))
    return qs._summary


def _summary(qs):
    from django.db import connection

    from .facet_index import select

    selection = select(qs)
    if selection is not None:
        return selection.summary(qs._summary_skip)
    out = {kind: {} for kind in ("ts", "span", "actor", "topic", "country", "org", "extent")}
    try:
        sql, params = qs.order_by().values("event_type", "status", "sort_date", "end_date", "actor_ids",
                                           "topic_ids", "country_ids", "org_ids").query.sql_with_params()
    except EmptyResultSet:
        return out
    # every branch gives (kind, text, integer, integer, n): integers group faster than text
    if connection.vendor == "postgresql":
        head = f"WITH h AS MATERIALIZED ({sql}) "
        month = "(EXTRACT(YEAR FROM {0})::int * 12 + EXTRACT(MONTH FROM {0})::int - 1)"
        arrays = ("SELECT '{kind}', NULL, x, NULL::bigint, COUNT(*) FROM (SELECT unnest(h.{column}) AS x FROM h) s "
                  "GROUP BY x")
        days = "({} - DATE '1900-01-01')"
    else:
        head = f"WITH h AS ({sql}) "
        month = "(CAST(strftime('%%Y', {0}) AS INTEGER) * 12 + CAST(strftime('%%m', {0}) AS INTEGER) - 1)"
        arrays = ("SELECT '{kind}', NULL, j.value, NULL, COUNT(*) FROM h, json_each(h.{column}) j GROUP BY j.value")
        days = "CAST(julianday({}) - julianday('1900-01-01') AS INTEGER)"
    parts = [
        "SELECT 'ts', event_type || '|' || status, NULL, NULL, COUNT(*) FROM h GROUP BY 2",
        f"SELECT 'span', NULL, {month.format('sort_date')}, {month.format('end_date')}, COUNT(*) FROM h "
        f"GROUP BY 3, 4",
        *[arrays.format(kind=kind, column=column) for column, kind in _ARRAY_KIND.items()
          if kind not in qs._summary_skip],
        f"SELECT 'extent', NULL, MIN({days.format('sort_date')}), MAX({days.format('sort_date')}), COUNT(*) FROM h",
    ]
    with connection.cursor() as cursor:
        cursor.execute(head + " UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    for kind, text, i, j, n in rows:
        value = _summary_value(kind, text, i, j)
        if value is not None:
            out[kind][value] = n
    return out


def _summary_value(kind, text, i, j):
    """The key of one summary row: "type|status", "YYYY-MM/YYYY-MM" (months as year*12+month-1), "first/last"
    start (days since 1900-01-01; None for an empty set), or an id."""
    from datetime import timedelta

    if kind == "ts":
        return text
    if kind == "span":
        return f"{i // 12:04d}-{i % 12 + 1:02d}/{j // 12:04d}-{j % 12 + 1:02d}"
    if kind == "extent":
        epoch = date(1900, 1, 1)
        return None if i is None else f"{epoch + timedelta(days=int(i))}/{epoch + timedelta(days=int(j))}"
    return str(int(i))


def array_counts(qs, column, only=None):
    """{id: happenings among `qs`} for one id array column (country_ids, actor_ids, topic_ids, org_ids): one
    query (the tallies for the whole archive). `only`: count just these ids."""
    qs = _as_happenings(qs)
    known = _known_counts(qs, _ARRAY_KIND[column])
    if known is not None:
        return known if only is None else {pk: known[pk] for pk in only if pk in known}
    if only is not None:
        only = [int(pk) for pk in only]
        if not only:
            return {}
        qs = qs.filter(**{f"{column}__overlaps": only})
    from .counts import cached, sql_key

    key = sql_key(qs)
    return cached("array_counts", key and (key, column, only), lambda: _array_counts(qs, column, only))


def _known_counts(qs, kind):
    """{id: happenings} of one kind already known without a query of its own: the tallies' for the whole
    archive, or a shared queryset's summary (None otherwise)."""
    if _unfiltered(qs):
        return _id_tally(kind)
    known = summary(qs) if kind not in getattr(qs, "_summary_skip", ()) else None
    return None if known is None else {int(pk): n for pk, n in known[kind].items()}


def _array_counts(qs, column, only):
    from django.db import connection

    from .facet_index import select

    selection = select(qs)
    if selection is not None:
        return selection.array_counts(column, only)

    try:
        sql, params = qs.order_by().values(column).query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (an empty text query)
        return {}
    params = list(params)
    if connection.vendor == "postgresql":
        query = f"SELECT x, COUNT(*) FROM ({sql}) s CROSS JOIN LATERAL unnest(s.{column}) AS x"
        if only is not None:
            query += " WHERE x = ANY(%s)"
            params.append(only)
        query += " GROUP BY x"
    else:
        query = f"SELECT j.value, COUNT(*) FROM ({sql}) s, json_each(s.{column}) j"
        if only is not None:
            query += f" WHERE j.value IN ({', '.join(['%s'] * len(only))})"
            params += only
        query += " GROUP BY j.value"
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {int(pk): n for pk, n in cursor.fetchall()}
