"""The linking policy's candidate prune (linking.CandidateIndex): an event scores only the threads of a type it
may join whose interval is near its own, and chooses exactly what scoring every candidate chooses."""
import copy
import datetime as dt
import random
from types import SimpleNamespace

import pytest

from events.extraction import linking

TYPES = [info.code for info in linking.TYPES.types]


def event(kind, start, days=1, thread_id=None, position=0):
    return SimpleNamespace(event_type=kind, date_start=start, date_end=start + dt.timedelta(days=days - 1),
                           thread_id=thread_id, hidden=False, corrected_fields=[], sentence_start=position,
                           date_text_start=position)


def thread(pk, kind, start, days=1, actors=(), countries=()):
    return {"id": pk, "event_type": kind, "date_start": start, "date_end": start + dt.timedelta(days=days - 1),
            "set_by_editor": False, "actors": set(actors), "countries": set(countries), "order": pk}


def test_the_index_leaves_out_other_families_and_far_intervals():
    day = dt.date(2001, 7, 20)
    near, far, other = thread(1, "meeting", day), thread(2, "visit", day + dt.timedelta(days=90)), thread(3, "letter", day)
    put_off_later = thread(4, "postponement", day + dt.timedelta(days=50))
    index = linking.CandidateIndex({1: near, 2: far, 3: other, 4: put_off_later})
    assert sorted(c["id"] for c in index.plausible(event("visit", day))) == [1, 4]
    assert [c["id"] for c in index.plausible(event("statement", day))] == [3]


def test_a_thread_whose_type_changes_as_an_event_joins_it_moves_bucket():
    day = dt.date(2001, 7, 20)
    long_talks = thread(1, "meeting", day, days=5, actors={1}, countries={1, 2})
    candidates = {1: long_talks}
    choice = linking.choose_threads([event("visit", day)], [], candidates, lambda e: ({1}, {1, 2}))
    assert choice.linked == 1 and long_talks["event_type"] == "visit"  # narrowed to the visit's day and type
    index = linking.CandidateIndex(candidates)
    assert index.by_type["visit"] and not index.by_type.get("meeting")


def _random_case(rng):
    base = dt.date(2001, 1, 1)
    people, states = range(1, 6), range(1, 5)

    def some(pool, most):
        return set(rng.sample(list(pool), rng.randint(0, most)))

    candidates = {}
    for pk in range(1, rng.randint(1, 25)):
        candidates[pk] = thread(pk, rng.choice(TYPES), base + dt.timedelta(days=rng.randint(0, 150)),
                                rng.choice([1, 1, 2, 3, 7, 30, 90]), some(people, 2), some(states, 3))
    events = [event(rng.choice(TYPES), base + dt.timedelta(days=rng.randint(0, 150)), rng.choice([1, 1, 2, 3, 10, 31]),
                    thread_id=rng.choice([None, None, None, *candidates]), position=i) for i in range(rng.randint(1, 12))]
    participants = {id(e): (some(people, 2), some(states, 3)) for e in events}
    return events, candidates, participants


def _choices(events, candidates, participants):
    choice = linking.choose_threads(events, [], candidates, lambda e: participants[id(e)])
    return [(e.sentence_start, target["order"]) for e, target in choice.targets], choice.created, choice.linked


@pytest.mark.parametrize("seed", range(40))
def test_the_pruned_choice_is_the_choice_of_scoring_every_candidate(seed, monkeypatch):
    rng = random.Random(seed)
    for _ in range(25):
        events, candidates, participants = _random_case(rng)
        pruned = _choices(events, copy.deepcopy(candidates), participants)
        with monkeypatch.context() as patch:  # every candidate scored, as before the index
            patch.setattr(linking.CandidateIndex, "plausible", lambda self, e: [
                c for bucket in self.by_type.values() for c in bucket.values()])
            everything = _choices(events, copy.deepcopy(candidates), participants)
        assert pruned == everything
