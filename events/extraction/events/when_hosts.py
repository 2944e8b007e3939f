"""The host of a visit told in a "when" clause is named in the main clause: "Jiang proposed the treaty when Putin came
to Beijing in July", "the pledge Kim gave Putin when the Russian president visited Pyongyang": the visit's clause
(from "when") names only the guest; the person of the visited state the main clause names is his host."""
from __future__ import annotations

import re

from events.extraction.events.clauses import last_clause_break
from events.extraction.events.context import Reading, SentenceContext
from events.extraction.events.spans import AND_VERB

_WHEN_BEFORE = re.compile(r"\bwhen\s*$")


def with_hosts_before_when(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` and, for a visit whose clause opens with "when", the people of the visited state named in the
    predicate "when" attaches to ("Jiang proposed ... when", "the pledge Kim gave Putin when"; not one of an earlier
    predicate: "saw Fernandes ... and spoke of a declaration to be signed when Putin goes to India"), unless the
    guest's own compatriots are already there (a visit home has no host)."""
    if reading.event_type != "visit" or not reading.place or not actors:
        return actors
    visited = reading.place[0]
    low = _predicate_before_when(reading, ctx)
    if low is None or any(ref.country == visited for ref in actors):
        return actors
    return list(actors) + _hosts_between(low, reading.clause[0], visited, {ref.name for ref in actors}, ctx)


def _hosts_between(low: int, high: int, visited: str, names: set, ctx: SentenceContext) -> list:
    """The people of state `visited` named in text[low:high], less `names`, once each."""
    hosts = [m.ref for m in ctx.actor_mentions
             if low <= m.start and m.end <= high and m.ref.country == visited and m.ref.name not in names]
    return list(dict.fromkeys(hosts))


def _predicate_before_when(reading: Reading, ctx: SentenceContext) -> int | None:
    """Where the predicate a "when" clause (the reading's) attaches to starts: after the last clause break and the
    last "and" and verb before "when"; None when the clause does not open with "when"."""
    start = reading.clause[0]
    when = _WHEN_BEFORE.search(ctx.text, max(ctx.sentence.start, start - 6), start)
    if not when:
        return None
    low = last_clause_break(ctx.text, ctx.sentence.start, when.start(), ctx)
    return max([low] + [match.end() for match in AND_VERB.finditer(ctx.text, low, when.start())])
