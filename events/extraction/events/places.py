"""Where an event happens: the country or capital a sentence puts it "in" or "to"."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.implied_places import is_origin
from events.extraction.events.spans import distance
from events.extraction.events.windows import PLACE_REACH

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext

_PLACE_BREAK = re.compile(r"[;(\u2013\u2014]|\b(?:that|which|who|suggests?|said)\b")
_VISIT_VERBS = frozenset({"visit", "visits", "visited", "visiting"})
# Country mentions that can be where something happens: a state's name, its capital, a city or region of it.
_PLACE_KINDS = frozenset({"name", "capital", "city", "region"})
# A town is also where something happens "at" ("received him at Sirte"; a state is not: "at Russia's request").
_TOWN_KINDS = frozenset({"capital", "city", "region"})
# A site of a town after its possessive: "at Kyiv's Boryspil airport", "at Moscow's Vnukovo airfield".
_TOWN_SITE = re.compile(r"['\u2019]s\s+(?:[A-Z][\w-]*\s+){0,2}(?:airport|airfield|air base|palace|stadium|hippodrome|"
                        r"square|cathedral|residence|dacha)\b")


def place_of(ctx: SentenceContext, near: tuple[int, int], reach: int = PLACE_REACH,
             after_only: bool = False) -> str | None:
    """The country or capital nearest `near` that the sentence puts something "in", "to" or "into" (a town
    also "at"), or that a visit verb takes ("visits Pyongyang"); "in the Russian capital" gives the capital's name (Moscow).
    A place beyond a clause break ("... suggests that Moscow's influence in the North Korean capital")
    belongs to another clause."""
    places = _places(ctx, near, reach, after_only)
    return min(places)[1] if places else None


def place_code_of(ctx: SentenceContext, near: tuple[int, int]) -> tuple[str, int] | None:
    """The country code of place_of's place ("in Tehran" -> IR), and where it is named."""
    places = _places(ctx, near, PLACE_REACH, False)
    return min(places)[2:] if places else None


def places_before(ctx: SentenceContext, position: int) -> list[tuple[int, str]]:
    """(where, code) of the sentence's places named before `position`."""
    return [(mention.start, mention.code) for mention, _ in _place_mentions(ctx) if mention.start < position]


def place_mention_starts(ctx: SentenceContext) -> set[int]:
    """Where the sentence's country mentions that name a place ("in Tehran", "visits Pyongyang") start."""
    return {mention.start for mention, _ in _place_mentions(ctx)}


def _places(ctx: SentenceContext, near, reach, after_only) -> list[tuple[int, str, str, int]]:
    places = []
    for mention, place in _place_mentions(ctx):
        if after_only and mention.start < near[1]:
            continue
        gap = distance(mention.start, mention.end, *near)
        if gap > reach:
            continue
        if gap and _PLACE_BREAK.search(ctx.text, min(near[1], mention.start), max(near[0], mention.end)):
            continue
        places.append((gap, place, mention.code, mention.start))
    return places


def _place_mentions(ctx: SentenceContext) -> list[tuple]:
    """(mention, place name) for each country mention of the sentence that names a place ("in Tehran",
    "visits Pyongyang", "in the Russian capital"). Independent of the date and trigger, so worked out once
    per sentence and kept on the article's entities: _places asks for every date, twice."""
    sentence, entities = ctx.sentence, ctx.entities
    key = (sentence.start, sentence.end)
    cache = entities.place_cache
    if key not in cache:
        cache[key] = [(mention, place) for mention in entities.countries_in(sentence.start, sentence.end)
                      for place in [_place_named(sentence, mention, ctx.gazetteer)]
                      if place and not is_origin(mention, ctx)]
    return cache[key]


def _place_named(sentence, mention, gazetteer) -> str | None:
    offset = mention.start - sentence.start
    words_before = sentence.text[:offset].split()[-2:]
    last = words_before[-1].lower() if words_before else ""
    if _named_as_place(sentence, mention, words_before, last):
        return mention.text
    if (mention.kind == "adjective" and [w.lower() for w in words_before] in (["in", "the"], ["to", "the"])
            and sentence.text[offset + len(mention.text):].startswith(" capital")):
        return gazetteer.capital_of(mention.code)
    return None


def _named_as_place(sentence, mention, words_before: list[str], last: str) -> bool:
    """"in Tehran", "to Iran", "into Bucharest", "visits Pyongyang", "at Sirte", "in the Kremlin"."""
    return bool(mention.kind in _PLACE_KINDS and (last in ("in", "to", "into") or last in _VISIT_VERBS)
                or _at_town(sentence, mention, last) or _seat_of_power(mention, words_before))


def _at_town(sentence, mention, last: str) -> bool:
    """"received him at Sirte", "at the airfield outside Kyiv", "near Moscow": a town after "at", "outside" or
    "near"; after "at" not a possessive ("at Baghdad's request") unless a site of the town follows ("at Kyiv's
    Boryspil airport")."""
    if mention.kind not in _TOWN_KINDS or last not in ("at", "outside", "near"):
        return False
    rest = sentence.text[mention.end - sentence.start:]
    return rest[:2] not in ("'s", "\u2019s") or bool(_TOWN_SITE.match(rest))


def _seat_of_power(mention, words_before: list[str]) -> bool:
    """"in the Kremlin", "at the Elysee": a capital's seat of power after "in/to/at the"."""
    return mention.kind == "capital" and [w.lower() for w in words_before] in (["in", "the"], ["to", "the"],
                                                                               ["at", "the"])
