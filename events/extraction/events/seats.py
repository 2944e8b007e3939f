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
    named = {m.code for m in entities.countries if m.text not in seats}
    named |= {m.ref.country for m in entities.actors if m.ref.country}
    if home not in named:
        return
    entities.countries = [dataclasses.replace(m, code=home)
                          if seats.get(m.text) == m.code and m.code not in named else m for m in entities.countries]
