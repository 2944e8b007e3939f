"""Seats of power whose state the article decides: Moscow's White House is the Russian government's."""
from __future__ import annotations

import dataclasses

from events.extraction.entities import ArticleEntities
from events.extraction.events.rules import EventRules


def home_seats(entities: ArticleEntities, rules: EventRules) -> None:
    """Gives the home state the article's mentions of an ambiguous seat (event_rules.json, ambiguous_seats: "the
    White House") when the article names the seat's usual state nowhere else (no other mention, no person of it)
    and names the home state; in place (positions do not change)."""
    home, seats = rules.home_state, rules.ambiguous_seats
    if not home or not seats or not any(m.text in seats for m in entities.countries):
        return
    named = _states_named(entities, seats)
    if home in named:
        entities.countries = [_seat_of(m, home, seats, named) for m in entities.countries]


def _states_named(entities: ArticleEntities, seats: dict) -> set:
    """The states the article names other than by an ambiguous seat, and its people's states."""
    named = {m.code for m in entities.countries if m.text not in seats}
    return named | {m.ref.country for m in entities.actors if m.ref.country}


def _seat_of(mention, home: str, seats: dict, named: set):
    """The mention, given the home state when it is an ambiguous seat of a state named nowhere else."""
    if seats.get(mention.text) == mention.code and mention.code not in named:
        return dataclasses.replace(mention, code=home)
    return mention
