"""The happenings a page reads (events.models.Happening) and the mentions behind them: the base of every
selector (events/selectors/__init__.py says what a happening is)."""
from datetime import date
from functools import cached_property

from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..models import Event, Happening


def visible_events():
    return Event.objects.filter(hidden=False)


# --- happenings ----------------------------------------------------------------------------------------

def happenings(events=None):
    """Happenings: all of them, or (`events`, an Event queryset holding every visible mention of its
    happenings) those with a mention in `events`. Brought up to date with the open transaction's writes."""
    from ..services.happenings import ensure_current

    ensure_current()
    qs = Happening.objects.all()
    if events is None:
        return qs
    return qs.filter(Q(thread_id__in=events.filter(thread__isnull=False).values("thread_id"))
                     | Q(thread_id__isnull=True, event_id__in=events.filter(thread__isnull=True).values("id")))


def overlapping(qs, first, last):
    """Happenings whose interval overlaps [first, last].

    Also bounds the start from below by the earliest month in which a happening still running in `first`'s
    month began (from the tallies' month spans): a page of one month then reads the (sort_date, event_id)
    index from there, not every happening before it. PostgreSQL: the overlap as `daterange && daterange`,
    which the GiST index happening_span_gist answers for the aggregates."""
    from django.db import connection
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    from . import month_spans

    if first > last:  # a reversed range: nothing overlaps it
        return qs.none()
    month = date(first.year, first.month, 1)
    starts = [start for start, end, _ in month_spans(happenings()) if end >= month]
    qs = qs.filter(sort_date__gte=min(starts, default=first), sort_date__lte=last)
    if connection.vendor == "postgresql":
        return qs.filter(RawSQL("daterange(sort_date, end_date, '[]') && daterange(%s, %s, '[]')", (first, last),
                                output_field=BooleanField()))
    return qs.filter(end_date__gte=first)


def in_keys(qs, keys):
    """Happenings among `qs` whose key is in `keys` (a list of any length: one array parameter on PostgreSQL)."""
    from django.db import connection
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    if connection.vendor == "postgresql":
        # the array's text ("{1,2,3}"), not a list: psycopg would quote each of tens of thousands of numbers in
        # Python (about 100 ms for a search matching 35,000 happenings); PostgreSQL reads the text once
        literal = (keys if isinstance(keys, Keys) else Keys(keys)).literal
        return qs.filter(RawSQL("key = ANY(%s::bigint[])", (literal,), output_field=BooleanField()))
    return qs.filter(key__in=keys)


def in_subquery(qs, sql, params):
    """Happenings among `qs` whose key `sql` selects (a subquery with one column, k: a text search's matches).

    As a subquery, not a list: a page walks the (sort_date, event_id) index and tests its first rows (a list of
    35,000 keys costs ~16 ms of planning per statement). The counts read the keys once a request instead,
    with the counts version they reflect (KeysSubquery.keys_at, selectors/facet_where.py)."""
    return qs.filter(KeysSubquery(sql, params))


class KeysSubquery(RawSQL):
    """`key IN (SELECT k FROM (sql))`, whose keys can also be read on their own (in_subquery)."""

    def __init__(self, sql, params):
        from django.db.models import BooleanField

        super().__init__(f"key IN (SELECT k FROM ({sql}) AS subquery)", params, output_field=BooleanField())
        self.subquery = (sql, list(params))

    def keys_at(self, version):
        """The selected keys (numpy int64, in no order) when the counts version is `version` as they are read (one
        statement, memoised for the request), else None."""
        import numpy as np

        from .counts import request_memo

        sql, params = self.subquery
        hashable = tuple(tuple(p) if isinstance(p, list) else p for p in params)
        read_version, text = request_memo(("subquery keys", sql, hashable), self._read)
        if read_version != version:
            return None
        return np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, dtype=np.int64)

    def _read(self):
        from django.db import connection

        sql, params = self.subquery
        with connection.cursor() as cursor:
            cursor.execute("SELECT (SELECT n FROM monitor_counts_version WHERE id = 1), "
                           f"string_agg(k::text, ',') FROM ({sql}) AS subquery", params)  # np.isin needs no order
            return cursor.fetchone()


class Keys(list):
    """Happening keys, with their PostgreSQL array text built once (in_keys)."""

    @classmethod
    def from_text(cls, text):
        """Keys from their text "1,2,3" (as string_agg returns them, sorted): the array text is that text."""
        keys = cls(map(int, text.split(","))) if text else cls()
        keys.__dict__["literal"] = "{" + (text or "") + "}"
        return keys

    @cached_property
    def literal(self):
        return "{" + ",".join(map(str, map(int, self))) + "}"


def _as_happenings(qs):
    return qs if qs.model is Happening else happenings(qs)


def _unfiltered(qs):
    """True for the whole archive (no condition): its counts come from the tallies."""
    return qs.model is Happening and not qs.query.where.children


def mentions_of(qs):
    """Every visible mention (an Event queryset) of the happenings `qs`: their keys are read once, then the
    mentions found by thread id or id (index scans; for the exports)."""
    from django.db import connection
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    qs = _as_happenings(qs)
    mentions = visible_events()
    if connection.vendor != "postgresql":
        return mentions.filter(Q(thread_id__in=qs.filter(thread_id__isnull=False).values("thread_id"))
                               | Q(thread__isnull=True, id__in=qs.filter(thread_id__isnull=True).values("event_id")))
    keys = list(qs.values_list("key", flat=True))
    threads, lone = [k for k in keys if k > 0], [-k for k in keys if k < 0]
    return mentions.filter(RawSQL(
        "(events_event.thread_id = ANY(%s::bigint[]) OR (events_event.thread_id IS NULL "
        "AND events_event.id = ANY(%s::bigint[])))", (threads, lone), output_field=BooleanField()))
