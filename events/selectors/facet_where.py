"""A happening queryset's conditions read over the snapshot (selectors/facet_index.py) instead of in SQL.

The queryset stays the definition of what matches: its WHERE tree, as Django built it from the filters
(events/filters.py filtered_happenings, base.overlapping, base.in_keys, the lanes' and type-ahead's `overlaps`),
is evaluated node by node on the snapshot's columns. Only the conditions those build are known here: an id
array `&&` ids (IdsOverlap), `IN` a list on type, status or precision, `>=`/`<=` on the dates or the
confidence, the date-range overlap and the key array of base.py (as their exact SQL text), the keys of
base.in_subquery (a text search's, read once a request at the snapshot's counts version), AND/OR of those,
and a queryset that can match nothing. Anything else (a text search too big for a key array, a negation, a
subquery, a column not in the snapshot) gives None: then PostgreSQL selects the keys (facet_index.select).
tests/test_facet_index.py compares the counts of both with the SQL aggregates.
"""
from __future__ import annotations

from datetime import date

import numpy as np

_EPOCH = date(1970, 1, 1)
OVERLAP_SQL = "daterange(sort_date, end_date, '[]') && daterange(%s, %s, '[]')"
KEYS_SQL = "key = ANY(%s::bigint[])"


class Unknown(Exception):
    """A condition this module does not read: select the keys in SQL."""


def evaluate(snapshot, where):
    """The rows of `snapshot` that satisfy the WHERE tree `where` (a boolean mask), or None."""
    try:
        return _node(snapshot, where)
    except Unknown:
        return None


def _node(snapshot, node):
    kind = type(node).__name__
    if kind == "NothingNode":
        return np.zeros(len(snapshot), dtype=bool)
    if kind == "WhereNode":
        return _where(snapshot, node)
    handler = _LOOKUPS.get(kind)
    if handler is None or getattr(node, "negated", False):
        raise Unknown(kind)
    return handler(snapshot, node)


def _where(snapshot, node):
    if node.negated or node.connector not in ("AND", "OR"):
        raise Unknown("negated or XOR")
    masks = [_node(snapshot, child) for child in node.children]
    if not masks:
        return np.ones(len(snapshot), dtype=bool)
    combine = np.logical_and if node.connector == "AND" else np.logical_or
    return combine.reduce(masks)


def _column(node):
    target = getattr(getattr(node, "lhs", None), "target", None)
    column = getattr(target, "column", None)
    if column is None or getattr(node.lhs, "alias", "events_happening") != "events_happening":
        raise Unknown("not a column of the happening table")
    return column


def _overlaps(snapshot, node):
    column = _column(node)
    if column not in snapshot.arrays:
        raise Unknown(column)
    return snapshot.arrays[column].rows_with([int(pk) for pk in node.rhs])


def _in(snapshot, node):
    column = _column(node)
    if column not in snapshot.categories or not isinstance(node.rhs, (list, tuple, set, frozenset)):
        raise Unknown(column)
    names, codes = snapshot.categories[column]
    wanted = [i for i, name in enumerate(names) if name in {str(getattr(v, "value", v)) for v in node.rhs}]
    return np.isin(codes, wanted)


def _compare(op):
    def handler(snapshot, node):
        values = _ordered(snapshot, _column(node))
        return op(values, _scalar(node.rhs))
    return handler


def _ordered(snapshot, column):
    values = {"sort_date": snapshot.sort_day, "end_date": snapshot.end_day, "confidence": snapshot.confidence}
    if column not in values:
        raise Unknown(column)
    return values[column]


def _scalar(value):
    if isinstance(value, date):
        return (value - _EPOCH).days
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise Unknown(type(value).__name__)


def _raw(snapshot, node):
    """`Exact(RawSQL(...), True)`: base.overlapping's date-range overlap or base.in_keys's key array."""
    raw = node.lhs
    if node.rhs is not True or type(raw).__name__ not in ("RawSQL", "KeysSubquery"):
        raise Unknown("expression")
    if hasattr(raw, "keys_at"):  # base.in_subquery (a text search): its keys read once, at this version
        keys = raw.keys_at(snapshot.version)
        if keys is None:
            raise Unknown("keys of another counts version")
        return np.isin(snapshot.keys, keys)
    if raw.sql == OVERLAP_SQL:
        first, last = (_scalar(day) for day in raw.params)
        return (snapshot.sort_day <= last) & (snapshot.end_day >= first)
    if raw.sql == KEYS_SQL:
        text = raw.params[0].strip("{}")
        keys = np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, dtype=np.int64)
        return np.isin(snapshot.keys, keys)
    raise Unknown(raw.sql)


_LOOKUPS = {
    "IdsOverlap": _overlaps,
    "In": _in,
    "GreaterThanOrEqual": _compare(np.greater_equal),
    "LessThanOrEqual": _compare(np.less_equal),
    "Exact": _raw,
}
