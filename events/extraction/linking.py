"""Thread linking policy: which stored thread a mention of a happening joins, and a thread's derived fields.

Pure Python (no Django, no database; the event types are the registry's, events.extraction.event_types): events.services.threads queries the candidates, loads them into the
dicts this module reads, calls `choose_threads`, creates the new threads and recomputes the touched ones
with `thread_fields`. Events are any objects with event_type, date_start, date_end, thread_id, hidden,
corrected_fields, sentence_start and date_text_start (Django Events, or unsaved ones).

LINKING RULE. An event joins an existing thread when all of these hold:
  1. same family of event types (the registry's "family": encounters (visit, meeting, summit),
     communications (statement, letter), cooperation (agreement, military, nuclear, economic), appointment,
     protest); a postponement (flag puts_off) goes with the postponable types (encounters and cooperation: it
     is news about another happening) and is linked after the other events of its article;
  2. its interval overlaps the thread's canonical interval (two intervals of a few days and the same type
     may also be up to NEAR_DAYS apart: "July 19" and "the eve of the July 21-23 summit", unless they are
     encounters where each side names a counterpart the other lacks: separate_encounters), and the event is
     not coarser than MAX_SPAN_DAYS (a season or a quarter; "last year" is too vague to say which
     happening it is). A postponement is dated by the putting-off, so it reaches from a week before to
     60 days after its own interval;
  3. shared participants (a thread's: those of its visible mentions; of a long thread, of its latest):
     countries shared >= min(2, countries of each side) (so a Russia-North Korea visit and a Russia-China
     visit of the same month stay apart, while "a visit to North Korea" with no Russian country joins
     "Putin in Pyongyang"), and when both sides name actors, at least one actor shared; a side with no
     countries must share an actor.
The best candidate wins: first one whose interval contains the event's or lies inside it, then shared
actors x2 + shared countries + 1 for the same type, then the older thread. No candidate: a new thread. An
event already in a thread stays there while it still qualifies. An event whose corrected_fields lists
"thread" is never re-linked; a hidden event is not linked.

THREAD FIELDS (thread_fields; recomputed whenever a member changes, unless set by an editor):
  * interval and granularity: those of the most precise member (shortest interval; ties: the latest issue),
    postponements left out unless every member is one (they date the putting-off, not the happening);
  * title: that member's summary (else the first member's with a summary, else the type's label);
  * event_type: the most common type among members other than postponement (ties: the most precise
    member's); postponement only when every member is one;
  * status, from the members ordered by issue date (their anchor; then article, then sentence offset):
      - postponed if the latest member is a postponement or says postponed;
      - else occurred if any member says occurred (reported after the fact: its issue date is on or after
        the thread's start), since a later "it happened" beats an earlier "it will happen";
      - else the latest member's status (planned, reported).

LOCK KEYS (lock_keys): the linker serialises only articles that could see or change the same threads. A
candidate thread of an event meets the event's reach and, unless an editor set it (then it is never
recomputed), spans at most MAX_SPAN_DAYS. Two events whose reaches R1 <= R2 (by start) both meet such a
thread T satisfy R2.start <= T.end <= T.start + MAX_SPAN_DAYS - 1 <= R1.end + MAX_SPAN_DAYS - 1, so the
windows [R.start - MAX_SPAN_DAYS, R.end] of the two overlap and share a LOCK_BUCKET_DAYS bucket; the keys
are those buckets per family group (postponements and the families they go with form one group).
"""
from __future__ import annotations

import datetime
import functools
from collections import Counter
from dataclasses import dataclass, field

from events.extraction.event_types import default_registry

OCCURRED = "occurred"
POSTPONED = "postponed"
# Families, encounters and what a postponement may put off: the event-type registry's.
TYPES = default_registry()
ENCOUNTERS = frozenset(TYPES.codes(encounter=True))
POSTPONEMENT = TYPES.codes(puts_off=True)[0]  # the type of news that puts a happening off
MAX_SPAN_DAYS = 100
SHORT_DAYS = 3
NEAR_DAYS = 2
POSTPONEMENT_BEFORE_DAYS = 7
POSTPONEMENT_AFTER_DAYS = 60
LOCK_BUCKET_DAYS = 64
DERIVED_FIELDS = ("title", "event_type", "status", "date_start", "date_end", "granularity")


# -- intervals and families ------------------------------------------------------------------------

def span(start, end) -> int:
    return (end - start).days + 1


def reach(event) -> tuple:
    """The widest interval a thread's interval may meet to take `event` (see intervals_meet): its own,
    widened by NEAR_DAYS when it is a few days at most, or for a postponement the weeks around it (news of
    a postponement dates the putting-off, while the happening was set for a later day)."""
    if event.event_type == POSTPONEMENT:
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
    if event.event_type == POSTPONEMENT or _both_short(event, thread):
        start, end = reach(event)
        return thread["date_start"] <= end and thread["date_end"] >= start
    if thread["event_type"] == POSTPONEMENT:  # the same window, seen from the happening
        return (thread["date_start"] - datetime.timedelta(days=POSTPONEMENT_AFTER_DAYS) <= event.date_end
                and thread["date_end"] + datetime.timedelta(days=POSTPONEMENT_BEFORE_DAYS) >= event.date_start)
    return False


def _both_short(event, thread: dict) -> bool:
    """An event and a thread of the same type, both within SHORT_DAYS."""
    return (event.event_type == thread["event_type"] and span(event.date_start, event.date_end) <= SHORT_DAYS
            and span(thread["date_start"], thread["date_end"]) <= SHORT_DAYS)


def separate_encounters(event, actors, thread: dict) -> bool:
    """Encounters on different (near) days where each side names a counterpart the other lacks are two
    happenings, however near: talks with the president on the 27th and with the defence minister on the
    28th, during one visit. Near days with the same people stay one ("July 19" and "the eve of the 21st")."""
    overlap = thread["date_start"] <= event.date_end and thread["date_end"] >= event.date_start
    return (not overlap and event.event_type in ENCOUNTERS
            and bool(actors - thread["actors"]) and bool(thread["actors"] - actors))


@functools.lru_cache(maxsize=4096)
def families_match(a: str, b: str) -> bool:
    """(Memoised: a pure function of two type codes and the registry, asked for every candidate of every
    event an article links.)"""
    type_a, type_b = TYPES.get(a), TYPES.get(b)
    if type_a is None or type_b is None:
        return a == b
    if type_a.puts_off or type_b.puts_off:  # a postponement puts off a visit, talks, a summit or a deal
        other = type_b if type_a.puts_off else type_a
        return other.puts_off or other.postponable
    return type_a.family == type_b.family


@functools.lru_cache(maxsize=1024)
def compatible_types(event_type: str) -> frozenset:
    """The thread types an event of `event_type` may join (families_match, as a set for the query; memoised)."""
    return frozenset(info.code for info in TYPES.types if families_match(event_type, info.code))


@functools.lru_cache(maxsize=1024)
def _joinable_types(event_type: str) -> tuple:
    """compatible_types and the type itself (families_match accepts a type outside the registry only as itself)."""
    return tuple(sorted(compatible_types(event_type) | {event_type}))


def participants_match(actors_a, countries_a, actors_b, countries_b) -> bool:
    shared_countries = len(countries_a & countries_b)
    shared_actors = len(actors_a & actors_b)
    if actors_a and actors_b and not shared_actors:
        return False
    if not countries_a or not countries_b:
        return shared_actors > 0
    return shared_countries >= max(1, min(2, len(countries_a), len(countries_b)))


def score(event, actors, countries, candidate) -> tuple:
    """Higher is better: a thread whose interval one of the two contains (a vague "last July" belongs to the
    July 19 visit rather than to talks that straddle June and July), then shared participants and type."""
    contained = ((event.date_start <= candidate["date_start"] and candidate["date_end"] <= event.date_end)
                 or (candidate["date_start"] <= event.date_start and event.date_end <= candidate["date_end"]))
    return (contained, 2 * len(actors & candidate["actors"]) + len(countries & candidate["countries"])
            + (1 if candidate["event_type"] == event.event_type else 0), -candidate["order"])


def merged(intervals) -> list:
    """Overlapping or adjacent intervals merged (fewer terms in the candidate query, fewer lock keys)."""
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1] + datetime.timedelta(days=1):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


# -- which events, which candidates ------------------------------------------------------------------

def split_linkable(events) -> tuple[list, list]:
    """(events to link, events too vague to link: each needs a thread of its own for the timeline);
    hidden events and events whose thread an editor set are in neither."""
    linkable = [e for e in events if not e.hidden and "thread" not in (e.corrected_fields or [])]
    todo = [e for e in linkable if span(e.date_start, e.date_end) <= MAX_SPAN_DAYS]
    solo = [e for e in linkable if span(e.date_start, e.date_end) > MAX_SPAN_DAYS]
    return todo, solo


def candidate_windows(todo) -> list[tuple[frozenset, list]]:
    """[(thread types, merged [start, end] reaches)]: the thread rows that may take one of `todo`."""
    by_types = {}
    for event in todo:
        by_types.setdefault(compatible_types(event.event_type), []).append(reach(event))
    return [(types, merged(reaches)) for types, reaches in by_types.items()]


def _group(event_type: str) -> str:
    """Types that families_match may join share a group: a family, or every postponable type with the
    postponement."""
    info = TYPES.get(event_type)
    if info is None:
        return event_type
    return "postponable" if info.puts_off or info.postponable else info.family


def lock_keys(todo) -> list[int]:
    """Sorted advisory-lock keys for linking `todo` (module doc, LOCK KEYS): (family group, bucket)."""
    keys = set()
    groups = sorted({_group(info.code) for info in TYPES.types})
    for event in todo:
        start, end = reach(event)
        low = (start.toordinal() - MAX_SPAN_DAYS) // LOCK_BUCKET_DAYS
        high = end.toordinal() // LOCK_BUCKET_DAYS
        group = groups.index(_group(event.event_type))
        for bucket in range(low, high + 1):
            keys.add(bucket * 16 + group)
    return sorted(keys)


def is_candidate(thread: dict, current_ids) -> bool:
    """A thread row read for `todo` that may take one of its events: no vaguer than MAX_SPAN_DAYS unless
    an editor set it or one of the events is in it."""
    return (span(thread["date_start"], thread["date_end"]) <= MAX_SPAN_DAYS or thread["set_by_editor"]
            or thread["id"] in current_ids)


# -- choosing --------------------------------------------------------------------------------------

def new_candidate(event, index: int) -> dict:
    """A thread to create for `event` (id None until the linker inserts it)."""
    return {"id": None, "event_type": event.event_type, "date_start": event.date_start,
            "date_end": event.date_end, "set_by_editor": False, "actors": set(), "countries": set(),
            "order": 10**15 + index, "initial": (event.event_type, event.date_start, event.date_end)}


@dataclass
class Choice:
    targets: list = field(default_factory=list)  # (event, candidate dict)
    new: list = field(default_factory=list)  # candidate dicts of threads to create, in order
    linked: int = 0
    created: int = 0
    kept: int = 0


def choose_threads(todo, solo, candidates: dict, participants_of) -> Choice:
    """Choose a thread for each event of `todo` among `candidates` ({key: candidate dict with id, event_type,
    date_start, date_end, set_by_editor, actors, countries, order}), or a new one; `solo` events get a new
    thread unless they have one. `participants_of(event)` -> (actor ids, country ids). Candidates are
    updated in memory (participants, narrowed interval) as events join them, for the next events."""
    choice = Choice()
    index = CandidateIndex(candidates)
    # The happenings first, most precise first; postponements last, to join the happening they put off.
    order = sorted(todo, key=lambda e: (e.event_type == POSTPONEMENT, span(e.date_start, e.date_end),
                                        e.sentence_start, e.date_text_start))
    for event in order:
        actors, countries = participants_of(event)
        best = _best_candidate(event, actors, countries, candidates, index)
        if best is None:
            best = new_candidate(event, len(choice.new))
            choice.new.append(best)
            candidates[("new", len(choice.new))] = best
            index.add(best)
            choice.created += 1
        elif best["id"] is not None and best["id"] == event.thread_id:
            choice.kept += 1
        else:
            choice.linked += 1
        kind = best["event_type"]
        _join(best, event, actors, countries)
        index.retyped(best, kind)
        choice.targets.append((event, best))
    for event in solo:
        if event.thread_id is None:
            best = new_candidate(event, len(choice.new))
            choice.new.append(best)
            choice.targets.append((event, best))
            choice.created += 1
        else:
            choice.kept += 1
    return choice


# How far before or after an event's interval a thread's may lie and still meet it (intervals_meet: overlap,
# NEAR_DAYS either side, or a postponement's window, seen from the event or from the thread): the prune's bounds.
PRUNE_BEFORE = datetime.timedelta(days=max(NEAR_DAYS, POSTPONEMENT_BEFORE_DAYS))
PRUNE_AFTER = datetime.timedelta(days=max(NEAR_DAYS, POSTPONEMENT_AFTER_DAYS))


class CandidateIndex:
    """The candidates by event type, so that an event scores only the threads it may join: those of a type
    families_match accepts, whose interval lies within the widest reach intervals_meet allows (an event used to
    check every candidate of its article: ~20, of which ~2 fit). A candidate whose type changes as an event
    joins it (_join) moves to its new type's bucket. Pruning only skips candidates _fits would refuse, and
    the scoring's last key (the thread's order) is unique, so the choice is the same as scoring them all."""

    def __init__(self, candidates: dict):
        self.by_type = {}
        for candidate in candidates.values():
            self.add(candidate)

    def add(self, candidate) -> None:
        self.by_type.setdefault(candidate["event_type"], {})[id(candidate)] = candidate

    def retyped(self, candidate, old_type) -> None:
        if candidate["event_type"] != old_type:
            del self.by_type[old_type][id(candidate)]
            self.add(candidate)

    def plausible(self, event) -> list:
        """The candidates of a type `event` may join whose interval is within PRUNE_BEFORE/AFTER of its own."""
        low, high = event.date_start - PRUNE_BEFORE, event.date_end + PRUNE_AFTER
        found = []
        for kind in _joinable_types(event.event_type):
            for candidate in self.by_type.get(kind, {}).values():
                if candidate["date_start"] <= high and candidate["date_end"] >= low:
                    found.append(candidate)
        return found


def _fits(event, actors, countries, c, alone_ok=False) -> bool:
    if alone_ok and not c["actors"] and not c["countries"]:
        return True  # its own thread, with no other visible member: stays as it is
    return (families_match(event.event_type, c["event_type"])
            and intervals_meet(event, c)
            and participants_match(actors, countries, c["actors"], c["countries"])
            and not separate_encounters(event, actors, c))


def _best_candidate(event, actors, countries, candidates, index=None):
    """The event's own thread while it still fits, else the best-scoring candidate that fits (among those
    `index` finds plausible, if given); None (a new thread) when none fits or the event names nobody."""
    current = candidates.get(event.thread_id)
    if current is not None and _fits(event, actors, countries, current, alone_ok=True):
        return current
    if not actors and not countries:
        return None  # nobody named: nothing to say it is the same happening as another mention
    pool = candidates.values() if index is None else index.plausible(event)
    fitting = [c for c in pool if _fits(event, actors, countries, c)]
    return max(fitting, key=lambda c: score(event, actors, countries, c), default=None)


def _join(best, event, actors, countries) -> None:
    """The candidate takes the event's participants; a more precise member narrows a machine thread's
    interval for the next events of this run."""
    best["actors"] |= actors
    best["countries"] |= countries
    if (not best["set_by_editor"] and event.event_type != POSTPONEMENT
            and span(event.date_start, event.date_end) < span(best["date_start"], best["date_end"])):
        best["date_start"], best["date_end"] = event.date_start, event.date_end
        best["event_type"] = event.event_type


# -- thread fields ---------------------------------------------------------------------------------

@dataclass
class Member:
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


@dataclass
class Digest:
    """What thread_fields needs of a thread's stored members, in a few rows whatever the thread's size:
    the latest member, the most precise one (happenings before postponements), the first with a summary,
    the type counts and the newest issue date of an "occurred" member."""

    reps: list = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    occurred: object = None  # newest anchor_date among visible "occurred" members
    visible: int = 0
    hidden: int = 0


def thread_fields(members: list[Member], digest: Digest | None = None, labels=None) -> dict:
    """A thread's derived fields from its visible members (the rule in the module doc): `members` in full,
    plus the `digest` of the others. `labels`: event type -> label, for a title when no member has a
    summary (default: the type itself)."""
    reps = list(members) + (digest.reps if digest else [])
    latest = max(reps, key=lambda m: m.order)
    # A postponement is dated by the putting-off, not by the happening: it sets the date only when alone.
    happening = [m for m in reps if m.event_type != POSTPONEMENT] or reps
    precise = min(happening, key=lambda m: (span(m.date_start, m.date_end), -m.anchor.toordinal(), m.id))
    event_type = _thread_type(members, digest, precise)
    first_summary = next((m.summary for m in sorted(reps, key=lambda m: m.order) if m.summary), "")
    title = precise.summary or first_summary or (labels or {}).get(event_type, event_type)
    return {"title": title[:300], "event_type": event_type, "status": _thread_status(members, digest, latest, precise),
            "date_start": precise.date_start, "date_end": precise.date_end, "granularity": precise.granularity}


def _thread_type(members, digest, precise) -> str:
    """The most frequent type of the happening's members (the most precise member's among equals, else the
    first by name); a postponement only when there is nothing else."""
    types = Counter(m.event_type for m in members if m.event_type != POSTPONEMENT)
    if digest:
        types.update(digest.types)
    if not types:
        return POSTPONEMENT
    top = max(types.values())
    if types.get(precise.event_type) == top:
        return precise.event_type
    return sorted(t for t, n in types.items() if n == top)[0]


def _thread_status(members, digest, latest, precise) -> str:
    """Postponed when the latest member says so; occurred when a member reported it occurred on or after
    the happening's start; else the latest member's status."""
    occurred = [m.anchor for m in members if m.status == OCCURRED]
    if digest and digest.occurred is not None:
        occurred.append(digest.occurred)
    if latest.status == POSTPONED or latest.event_type == POSTPONEMENT:
        return POSTPONED
    if occurred and max(occurred) >= precise.date_start:
        return OCCURRED
    return latest.status
