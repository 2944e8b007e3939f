from datetime import date

import pytest
from django.http import QueryDict

from events import selectors
from events.filters import TimelineFilter, input_notes
from tests import factories as f


def run(query):
    params = QueryDict(query)
    fs = TimelineFilter(params, queryset=selectors.visible_events())
    return set(fs.qs.values_list("summary", flat=True)), input_notes(params, fs)


@pytest.fixture
def world(db):
    ru, ir, kp = f.country("RU", "Russia"), f.country("IR", "Iran"), f.country("KP", "North Korea")
    putin, khatami = f.actor("Vladimir Putin"), f.actor("Mohammad Khatami")
    nukes = f.topic("Nuclear energy")
    f.event(summary="tehran", countries=[ru, ir], actors=[putin, khatami], topics=[nukes], start=date(2001, 3, 12))
    f.event(summary="pyongyang", countries=[ru, kp], actors=[putin], event_type="summit", status="planned",
            start=date(2001, 3, 1), end=date(2001, 5, 31), granularity="season")
    f.event(summary="kremlin", countries=[ru], status="postponed", start=date(2000, 12, 28),
            sentence="Sergeev announced an arms deal on December 28 in Moscow.", date_text="December 28")
    f.event(summary="secret", countries=[ir], hidden=True)
    return locals()


def test_no_filter_shows_visible_events(world):
    assert run("")[0] == {"tehran", "pyongyang", "kremlin"}


def test_several_countries_select_any_of_them(world):
    assert run("country=IR")[0] == {"tehran"}
    assert run("country=IR&country=KP")[0] == {"tehran", "pyongyang"}


def test_actor_topic_type_status(world):
    assert run(f"actor={world['khatami'].pk}")[0] == {"tehran"}
    assert run(f"actor={world['putin'].pk}")[0] == {"tehran", "pyongyang"}
    assert run("topic=nuclear-energy")[0] == {"tehran"}
    assert run("type=summit")[0] == {"pyongyang"}
    assert run("status=planned&status=postponed")[0] == {"pyongyang", "kremlin"}


def test_date_range_selects_overlapping_intervals(world):
    # "spring 2001" overlaps 15-20 April; the 12 March visit does not
    assert run("date_from=2001-04-15&date_to=2001-04-20")[0] == {"pyongyang"}
    assert run("date_to=2000-12-31")[0] == {"kremlin"}


def test_free_text_searches_sentence_summary_and_actor_names(world):
    assert run("q=arms+deal")[0] == {"kremlin"}
    assert run("q=khatami")[0] == {"tehran"}


@pytest.mark.parametrize("query,note", [
    ("date_from=2001-02-30", "From"),
    ("date_from=yesterday", "From"),
    ("country=XX", "Countries"),
    ("actor=999999", "Actors"),
    ("actor=abc", "Actors"),
    ("actor=99999999999999999999999", "Actors"),
    ("status=done", "Status"),
    ("q=" + "a%00b", "Text"),
    ("utm_source=x", "utm_source"),
])
def test_bad_input_is_ignored_with_a_note(world, query, note):
    found, notes = run(query)
    assert found == {"tehran", "pyongyang", "kremlin"}
    assert any(note in n for n in notes), notes


def test_bad_value_does_not_drop_the_good_filters(world):
    found, notes = run("country=KP&date_from=nonsense")
    assert found == {"pyongyang"}
    assert len(notes) == 1


def test_injection_attempts_are_plain_text(world):
    found, notes = run("q=%27%3B+DROP+TABLE+events_event%3B--")
    assert found == set() and notes == []
    assert run("")[0] == {"tehran", "pyongyang", "kremlin"}
