"""SQL selects, numpy counts: the aggregates of a filtered set of happenings computed in the web process.

The happening queryset stays the one definition of what matches (every filter, the text search's keys
included): PostgreSQL only returns the matching happenings' keys, in one statement that also reads the counts
version (selectors/counts.py), as one text ("1,5,-9,..."). The counting itself (heading, type and status
facets, month spans, country/actor/topic/organization facets, the time axis's bins, the extent) is done with
np.bincount over a columnar snapshot of events_happening held by each process (155,162 rows at a million
events: a few MB), instead of a materialized CTE aggregated six ways in SQL (226 ms for Russia or North Korea).

Exactness: the snapshot is read in one statement together with the counts version it reflects, and the keys
of a selection in one statement with the version they reflect; a selection is counted only when both
versions are the same (the version row is bumped in every transaction that changes a happening row, so equal
versions mean equal rows). Otherwise the caller's SQL aggregate runs (select() returns None): inside a
transaction (its own writes), on SQLite, when COUNTS_INDEX is off, and while the snapshot is stale and was
reloaded less than COUNTS_INDEX_RELOAD_SECONDS ago (an ingest moving the version every second does not make
every request reload it). tests/test_facet_index.py compares both paths for many filter combinations.
"""
from __future__ import annotations

import threading
import time
from datetime import date, timedelta

import numpy as np
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection

ARRAYS = ("country_ids", "actor_ids", "topic_ids", "org_ids")
_EPOCH = date(1970, 1, 1)
_DAYS_1900 = (_EPOCH - date(1900, 1, 1)).days  # the summary's extent counts days from 1900-01-01
_lock = threading.Lock()
_held = {}  # database (host, port, name) -> [snapshot, when it was read (time.monotonic())]


def _enabled():
    return (getattr(settings, "COUNTS_INDEX", True) and connection.vendor == "postgresql"
            and not connection.in_atomic_block)


def _reload_seconds():
    return float(getattr(settings, "COUNTS_INDEX_RELOAD_SECONDS", 10))


# --- the snapshot ------------------------------------------------------------------------------------------

def _ints(text):
    """A comma-separated text of integers (or None) as an int64 array."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _column_sql(column):
    return (f"string_agg(COALESCE(cardinality({column}), 0)::text, ','), "
            f"string_agg(NULLIF(array_to_string({column}, ','), ''), ',')")


# One statement: one MVCC snapshot for the version and every row. Aggregates without ORDER BY see the rows in
# the same order, so the texts are aligned row by row; type, status and precision come as their 1-based
# position among the distinct values (each list read once: a materialized CTE, read by init plans).
_DISTINCT = "ARRAY(SELECT DISTINCT {0} FROM events_happening ORDER BY 1)"
_LOAD_SQL = (
    f"WITH d AS MATERIALIZED (SELECT {_DISTINCT.format('event_type')} AS types, "
    f"{_DISTINCT.format('status')} AS statuses, {_DISTINCT.format('granularity')} AS precisions) "
    "SELECT (SELECT n FROM monitor_counts_version WHERE id = 1), (SELECT types FROM d), (SELECT statuses FROM d), "
    "string_agg(key::text, ','), string_agg((sort_date - DATE '1970-01-01')::text, ','), "
    "string_agg((end_date - DATE '1970-01-01')::text, ','), "
    "string_agg(array_position((SELECT types FROM d), event_type)::text, ','), "
    "string_agg(array_position((SELECT statuses FROM d), status)::text, ','), "
    "(SELECT precisions FROM d), string_agg(array_position((SELECT precisions FROM d), granularity)::text, ','), "
    "string_agg(confidence::text, ','), "
    + ", ".join(_column_sql(column) for column in ARRAYS)
    + " FROM events_happening"
)


class Snapshot:
    """The happening table's countable columns at one counts version, rows in key order."""

    def __init__(self, row):
        version, types, statuses, keys, sort_day, end_day, type_pos, status_pos, precisions, precision_pos, \
            confidence, *arrays = row
        keys = _ints(keys)
        order = np.argsort(keys, kind="stable")
        rank = np.empty(len(keys), dtype=np.int64)
        rank[order] = np.arange(len(keys))
        self.version = version
        self.keys = keys[order]
        self.sort_day = _ints(sort_day)[order].astype(np.int32)
        self.end_day = _ints(end_day)[order].astype(np.int32)
        self.types, self.statuses = list(types or []), list(statuses or [])
        self.type_code = (_ints(type_pos)[order] - 1).astype(np.int32)
        self.status_code = (_ints(status_pos)[order] - 1).astype(np.int32)
        self.ts_width = max(len(self.statuses), 1)
        self.ts_code = self.type_code * self.ts_width + self.status_code
        self.confidence = (np.fromstring(confidence, dtype=np.float64, sep=",") if confidence
                           else np.zeros(0, dtype=np.float64))[order]
        self.categories = {"event_type": (self.types, self.type_code), "status": (self.statuses, self.status_code),
                           "granularity": (list(precisions or []), (_ints(precision_pos)[order] - 1).astype(np.int32))}
        self.arrays = {column: _CsrColumn(_ints(lengths), _ints(ids), rank)
                       for column, lengths, ids in zip(ARRAYS, arrays[0::2], arrays[1::2])}
        self._pairs = {}
        self._pairs_lock = threading.Lock()

    def __len__(self):
        return len(self.keys)

    def mask(self, keys):
        """The rows of `keys` as a boolean mask, or None if one of them is not in the snapshot."""
        pos = np.searchsorted(self.keys, keys)
        if len(keys) and (pos.max() >= len(self.keys) or not np.array_equal(self.keys[pos], keys)):
            return None
        mask = np.zeros(len(self.keys), dtype=bool)
        mask[pos] = True
        return mask

    def pairs(self, unit):
        """(pair code per row, [(first bin day, last bin day)] per code, {code: (first, last) as dates},
        {code: the summary's label}):
        each happening's first and last bin of `unit` ("year", "month", "week", "day"; "month" is also the
        month bars' spans), computed once; the dates as they are asked for."""
        if unit not in self._pairs:
            with self._pairs_lock:
                if unit not in self._pairs:
                    code, days = _pair_codes(_bin_day(self.sort_day, unit), _bin_day(self.end_day, unit))
                    self._pairs[unit] = (code, days, {}, {})
        return self._pairs[unit]

    def span_label(self, code):
        """The summary's "YYYY-MM/YYYY-MM" of a month pair code (tallies._summary_value)."""
        labels = self.pairs("month")[3]
        if code not in labels:
            first, last = self.pair_dates("month", code)
            from .tallies import _summary_value

            labels[code] = _summary_value("span", None, _month(first), _month(last))
        return labels[code]

    def pair_dates(self, unit, code):
        _, days, dates, _ = self.pairs(unit)
        if code not in dates:
            b0, b1 = days[code].tolist()
            dates[code] = (_EPOCH + timedelta(days=b0), _EPOCH + timedelta(days=b1))
        return dates[code]


class _CsrColumn:
    """One id array column: for every (happening, id) entry its row and its id's position in `values`."""

    def __init__(self, lengths, ids, rank):
        self.values, code = np.unique(ids, return_inverse=True)
        self.code = code.astype(np.int32)
        self.row = rank[np.repeat(np.arange(len(lengths)), lengths)].astype(np.int32)
        self.rows = len(lengths)
        # the inverted index: the rows of each id, ids in the order of `values`
        by_id = np.argsort(self.code, kind="stable")
        self.rows_by_id = self.row[by_id]
        self.starts = np.searchsorted(self.code[by_id], np.arange(len(self.values) + 1))
        # the entries in row order: a few selected rows' entries are read without touching the others
        by_row = np.argsort(self.row, kind="stable")
        self.code_by_row = self.code[by_row]
        self.row_starts = np.searchsorted(self.row[by_row], np.arange(self.rows + 1))

    def rows_with(self, ids):
        """The rows whose array holds any of `ids` (a boolean mask)."""
        mask = np.zeros(self.rows, dtype=bool)
        for pk in set(ids):
            i = int(np.searchsorted(self.values, pk))
            if i < len(self.values) and self.values[i] == pk:
                mask[self.rows_by_id[self.starts[i]:self.starts[i + 1]]] = True
        return mask

    def counts(self, selection):
        """{id: happenings among the Selection} for the ids with at least one."""
        if len(selection.rows) * 4 < self.rows:  # few rows: gather their entries only
            starts = self.row_starts[selection.rows]
            lengths = self.row_starts[selection.rows + 1] - starts
            within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            codes = self.code_by_row[np.repeat(starts, lengths) + within]
        else:
            codes = self.code[selection.mask[self.row]]
        n = np.bincount(codes, minlength=len(self.values))
        hit = np.flatnonzero(n)
        return dict(zip(self.values[hit].tolist(), n[hit].tolist()))


def _bin_day(days, unit):
    """The first day (days since 1970-01-01) of the year, month, ISO week or day each of `days` is in."""
    if unit == "week":
        return days - (days + 3) % 7  # 1970-01-01 was a Thursday; weeks start on Monday
    if unit == "day":
        return days
    step = "datetime64[Y]" if unit == "year" else "datetime64[M]"
    return days.astype("datetime64[D]").astype(step).astype("datetime64[D]").astype(np.int64)


def _pair_codes(first, last):
    if not len(first):
        return np.zeros(0, dtype=np.int64), np.zeros((0, 2), dtype=np.int64)
    first, last = first.astype(np.int64), last.astype(np.int64)
    low = min(first.min(), last.min())
    width = max(first.max(), last.max()) - low + 1
    uniq, code = np.unique((first - low) * width + (last - low), return_inverse=True)
    return code.astype(np.int32), np.stack([uniq // width + low, uniq % width + low], axis=1)


def _load():
    with connection.cursor() as cursor:
        cursor.execute(_LOAD_SQL)
        return Snapshot(cursor.fetchone())


def _database():
    s = connection.settings_dict
    return s.get("HOST"), s.get("PORT"), s.get("NAME")


def snapshot_for(version):
    """This database's snapshot at `version`: the one held, else a new one unless the last was read less than
    COUNTS_INDEX_RELOAD_SECONDS ago or another thread is reading one (None: count in SQL)."""
    held = _held.setdefault(_database(), [None, float("-inf")])
    if held[0] is not None and held[0].version == version:
        return held[0]
    if time.monotonic() - held[1] < _reload_seconds() or not _lock.acquire(blocking=False):
        return None
    try:
        held[1] = time.monotonic()
        held[0] = _load()
    finally:
        _lock.release()
    return held[0] if held[0].version == version else None


def forget():
    """Drop the held snapshots (tests)."""
    _held.clear()


# --- selections --------------------------------------------------------------------------------------------

def select(qs):
    """The Selection of the happenings of the Happening queryset `qs`, or None (count in SQL: module doc).

    Its conditions are read over the snapshot of the request's counts version when they are all of the kinds
    the filters build (selectors/facet_where.py): no query. Otherwise one statement reads its keys and the
    counts version (once per request for the same SQL)."""
    if not _enabled():
        return None
    from .counts import current_version, request_memo

    current = current_version()
    snapshot = None if current is None else snapshot_for(current[3])
    if snapshot is None:
        return None
    from .facet_where import evaluate

    mask = evaluate(snapshot, qs.query.where)
    if mask is not None:
        return Selection(snapshot, mask)
    try:
        sql, params = qs.order_by().values("key").query.sql_with_params()
    except EmptyResultSet:
        sql, params = None, ()
    return request_memo(("selection", sql, tuple(map(_hashable, params))), lambda: _select(sql, params))


def via_index(qs, counted, otherwise):
    """counted(selection) over the snapshot when select(qs) can count `qs` exactly now, else otherwise()
    (the SQL aggregate)."""
    selection = select(qs)
    return otherwise() if selection is None else counted(selection)


def _hashable(param):
    return tuple(param) if isinstance(param, list) else param


def _select(sql, params):
    with connection.cursor() as cursor:
        if sql is None:  # a filter that can match nothing
            cursor.execute("SELECT n, NULL FROM monitor_counts_version WHERE id = 1")
        else:
            cursor.execute("SELECT (SELECT n FROM monitor_counts_version WHERE id = 1), "
                           f"string_agg(s.key::text, ',') FROM ({sql}) s", params)
        version, keys = cursor.fetchone()
    snapshot = snapshot_for(version)
    mask = None if snapshot is None else snapshot.mask(np.sort(_ints(keys)))
    return None if mask is None else Selection(snapshot, mask)


class Selection:
    """Some happenings of a snapshot (a boolean mask over its rows), and their aggregates in the shapes of
    the SQL path's (selectors/tallies.py, axis.py, __init__.py)."""

    def __init__(self, snapshot, mask):
        self.snapshot, self.mask = snapshot, mask
        self.rows = np.flatnonzero(mask)

    def count(self):
        return len(self.rows)

    def field_counts(self, field):
        """{type or status: happenings} (field "event_type" or "status")."""
        s = self.snapshot
        codes, names = (s.type_code, s.types) if field == "event_type" else (s.status_code, s.statuses)
        n = np.bincount(codes[self.rows], minlength=len(names))
        return {names[i]: int(n[i]) for i in np.flatnonzero(n)}

    def ts_counts(self):
        """{"type|status": happenings}."""
        s = self.snapshot
        width = s.ts_width
        n = np.bincount(s.ts_code[self.rows], minlength=len(s.types) * width)
        return {f"{s.types[i // width]}|{s.statuses[i % width]}": int(n[i]) for i in np.flatnonzero(n)}

    def array_counts(self, column, only=None):
        counts = self.snapshot.arrays[column].counts(self)
        if only is None:
            return counts
        return {pk: counts[pk] for pk in dict.fromkeys(int(pk) for pk in only) if pk in counts}

    def bin_spans(self, unit):
        """[(first bin, last bin, happenings)] in `unit` (dates of the bins' first days)."""
        return [(*self.snapshot.pair_dates(unit, code), n) for code, n in self._pair_counts(unit)]

    def _pair_counts(self, unit):
        code, days, _, _ = self.snapshot.pairs(unit)
        n = np.bincount(code[self.rows], minlength=len(days))
        hit = np.flatnonzero(n)
        return zip(hit.tolist(), n[hit].tolist())

    def extent(self):
        """(first, last) start date, (None, None) when empty."""
        if not len(self.rows):
            return None, None
        days = self.snapshot.sort_day[self.rows]
        return _EPOCH + timedelta(days=int(days.min())), _EPOCH + timedelta(days=int(days.max()))

    def summary(self, skip=()):
        """tallies.summary()'s {kind: {value: happenings}} ("ts", "span", the array kinds not in `skip`,
        "extent")."""
        from .tallies import _ARRAY_KIND, _summary_value

        out = {"ts": self.ts_counts(), "extent": {},
               "span": {self.snapshot.span_label(code): n for code, n in self._pair_counts("month")}}
        for column, kind in _ARRAY_KIND.items():
            out[kind] = {} if kind in skip else {str(pk): n for pk, n in self.array_counts(column).items()}
        count = self.count()
        if count:
            days = self.snapshot.sort_day[self.rows]
            value = _summary_value("extent", None, int(days.min()) + _DAYS_1900, int(days.max()) + _DAYS_1900)
            out["extent"][value] = count
        return out


def _month(day):
    return day.year * 12 + day.month - 1
