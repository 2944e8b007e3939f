"""Places a sentence implies rather than names: where "there" points, where an arrival with no destination
took place ("Kharrazi, who had flown in on Saturday"), and a traveller's origin, which is no place of the
event ("From Ulaanbaatar Putin flew on to Brunei"; "on his way home from the summit in Shanghai")."""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from events.extraction.entities import ArticleEntities
    from events.extraction.events.context import SentenceContext
    from events.extraction.events.rules import EventRules
    from events.extraction.events.triggers import Trigger

# A traveller's origin as a detour of the sentence: "on his way home from the APEC summit in Shanghai", or the
# opening "From Ulaanbaatar" (a few words and "in" between). A plain "flew to Ljubljana from Warsaw", "returned
# to Tbilisi from Moscow" or "flew home from Moscow" keeps its origin: the trip there is the news.
_WAY_FROM = re.compile(r"\bway\s+(?:home\s+|back\s+)?from\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:in\s+)?$")
_OPENING_FROM = re.compile(r"\s*From\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:in\s+)?")
ORIGIN_LOOKBACK = 50
_TOWN_KINDS = frozenset({"capital", "city", "region"})
_THERE = re.compile(r"\bthere\b")
# An arrival that names no destination: "who had flown in on Saturday", "who arrived on Monday".
# A return visit or coming back with no place named: to the archive's home state (the Monitor tells of
# visits to and from Russia: "Halonen is to pay a return visit next spring").
_RETURN = re.compile(r"return visit|invitation to return|com(?:e|es|ing) back|came back", re.IGNORECASE)
# A visit's verb done on the spot with no place named ("toured the missile works", "visited a plant"): where the
# paragraph's last told encounter took place. (A meeting with no place keeps none: the paragraph's last place is
# too often another meeting's.)
_ON_THE_SPOT = re.compile(r"tour(?:s|ed|ing)?|visit(?:s|ed|ing)|inspect(?:s|ed|ing)", re.IGNORECASE)
_ARRIVAL = re.compile(r"(?:arriv\w*|fl(?:y|ies|ew|own) in|landed|touch(?:ed|es|ing)? down)$", re.IGNORECASE)


def is_origin(mention, ctx: SentenceContext) -> bool:
    """Is a town (capital, city, region) named as where a traveller comes from?"""
    if mention.kind not in _TOWN_KINDS:
        return False
    if _WAY_FROM.search(ctx.text, max(ctx.sentence.start, mention.start - ORIGIN_LOOKBACK), mention.start):
        return True
    return mention.start - ctx.sentence.start <= ORIGIN_LOOKBACK and bool(
        _OPENING_FROM.fullmatch(ctx.text, ctx.sentence.start, mention.start))


def remember_place(place: tuple[str, int | None] | None, event_type: str, ctx: SentenceContext) -> None:
    """Keeps where a happening the sentence names took place (not what a statement says: its place may be
    its content's), for the implied places of later encounters ("signed a declaration in the Kremlin on
    Wednesday ... Bouteflika, who had arrived on Tuesday")."""
    if place and place[1] is not None and event_type not in ctx.rules.statements:
        ctx.told_places.append((place[1], place[0]))


def implied_place(low: int, high: int, main: Trigger, ctx: SentenceContext) -> tuple[str, None] | None:
    """(code, None) of the place an encounter between `low` and `high` implies: "there" is the last place
    named before it (in the sentence or the paragraph); an arrival with no destination, or a tour or visit of
    something that is no place ("toured the missile works"), took place where the paragraph's last encounter did
    (an arrival: or an earlier paragraph's, in a state of the article's pair);
    a return visit with no place, to the home state (event_rules.json
    home_state). None when nothing is implied or nothing was told."""
    there = _THERE.search(ctx.text, low, high)
    if there:
        return _last_place_before(there.start(), ctx)
    if _ARRIVAL.search(ctx.text, main.start, main.end):
        return _last_place_before(main.start, ctx, across=True)
    if _RETURN.fullmatch(ctx.text, main.start, main.end) and ctx.rules.home_state:
        return ctx.rules.home_state, None
    if _ON_THE_SPOT.fullmatch(ctx.text, main.start, main.end):
        return _last_place_before(main.start, ctx)
    return None


def _last_place_before(position: int, ctx: SentenceContext, across: bool = False) -> tuple[str, None] | None:
    """The last place named before `position` in its paragraph: told by an earlier encounter, or named "in"
    or "to" in the sentence itself ("flew on to Brunei ...; he is to see them there today"). `across`: an earlier
    paragraph's too when its state is one of the article's pair (an arrival opening a new paragraph, "The guest
    arrived on Friday evening", is in the story's place; a third state's place there is another trip's)."""
    from events.extraction.events.places import places_before  # (places imports nothing of this module)
    candidates = [(at, code) for at, code in ctx.told_places if at < position]
    candidates += places_before(ctx, position)
    if not candidates:
        return None
    at, code = max(candidates)
    if "\n" in ctx.text[at:position] and not (across and code in (ctx.rules.home_state, subject_state_of(ctx))):
        return None  # another paragraph's
    return code, None


def subject_state_of(ctx: SentenceContext) -> str | None:
    """The article's subject state (subject_state), worked out once per article."""
    counts = state_counts_of(ctx)
    return counts.most_common(1)[0][0] if counts else None


def state_counts_of(ctx: SentenceContext) -> Counter:
    """How often the article names each state but the home state (state_counts), worked out once per article."""
    if "state counts" not in ctx.article_memo:
        ctx.article_memo["state counts"] = state_counts(ctx.entities, len(ctx.text), ctx.rules)
    return ctx.article_memo["state counts"]


def subject_state(entities: ArticleEntities, length: int, rules: EventRules) -> str | None:
    """The state the article is about besides the home state (event_rules.json, home_state): the one its
    country mentions and its people's states name most (ties: the first named); None when there is none."""
    counts = state_counts(entities, length, rules)
    return counts.most_common(1)[0][0] if counts else None


def state_counts(entities: ArticleEntities, length: int, rules: EventRules) -> Counter:
    """Mentions of each state but the home state in the article: by name, adjective, capital or town, and by its
    people (in order of first mention, so that most_common breaks ties by the first named)."""
    codes = [m.code for m in entities.countries_in(0, length)]
    codes += [m.ref.country for m in entities.actors_in(0, length) if m.ref.country]
    return Counter(code for code in codes if code != rules.home_state)
