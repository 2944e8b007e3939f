"""The article's other side, when an event's clause gives one of its two states and only implies the other.

Nearly every Monitor article is about a pair of states: the home state (event_rules.json home_state: the archive
reports Russia's dealings with the world) and the article's subject state (implied_places.subject_state: the one
it names most besides the home state). Many of its happenings have one side named and the other implied by the
story: "the guest was given a banquet that evening" (the host's state), "the Foreign Ministry summoned the
ambassador on Thursday" (the home state's ministry), "the visit began in the capital on Wednesday" (the
visitor's state). Whether the other side takes part is decided by a small logistic model over general features
of the event and the article (its type and status, whether a place is named or implied, how many states and
people the clause and the sentence give, whether the paragraph or the article's opening names the missing
state, how much the article is about the pair, what the event told before had), never the article's words beyond
closed lists. Not offered for an organization's summit or meeting (organization_parties decides its parties) or in
a text that names its subject state fewer than MIN_SUBJECT_MENTIONS times. The weights are
data (data/attachment_model.json, "implied_side"), written by scripts/train_implied_side.py and chosen by
leave-batch-out cross-validation on the development set's gold; at run time a sum of dict look-ups.

    implied_side(reading, ctx, countries, actors) -> countries
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from events.extraction.events.attachment_features import SentenceView
from events.extraction.events.attachment_sides import segment
from events.extraction.events.implied_places import state_counts_of, subject_state_of

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "attachment_model.json"
_MODEL_PATH = str(MODEL_FILE)
SWITCH = "MONITOR_IMPLIED_SIDE"  # "off": never add (the trainer records with it off)
_recorder: list | None = None  # (mention key, missing code, features) while the trainer records
# The article is about a pair only when its subject state recurs (a one-line text names a state once or twice).
MIN_SUBJECT_MENTIONS = 3

# A journey home meets no one ("flew back to Moscow", "returned home"); words naming both sides of a relation.
_HOMEWARD = re.compile(r"\b(?:home|back\s+to|returned\s+to)\b")
_PAIR = re.compile(r"\b(?:two|both)\s+(?:[a-z]+\s+)?(?:sides|ministries|ministers|governments|countries|leaders|"
                   r"presidents|delegations|men|states)\b|\b(?:counterparts?|bilateral|joint|guests?|hosts?|"
                   r"visitors?)\b", re.IGNORECASE)
_HOMEWARD_WORDS = ("home", "back", "returned")
_PAIR_WORDS = ("two", "both", "counterpart", "bilateral", "joint", "guest", "host", "visitor")
_GATHERINGS = frozenset({"summit", "meeting"})
# A state's own internal happenings: an election, an appointment (none of the development set's 34 wants the other
# side; the model learns types only from their counts).
_ONE_STATES = frozenset({"election", "appointment"})
_OPENING_REFERENCE = re.compile(r"(?:The|He|She|It|That|This|They|His|Its|Their)\b")


def candidate(reading: Reading, ctx: SentenceContext, countries: list, actors: list,
              previous: tuple[int, frozenset] | None = None) -> tuple[str, list] | None:
    """(the missing state, the features) when exactly one of the article's pair is among `countries`; `previous`:
    where the event told before this one stands and its states."""
    pair = _pair_with_one_present(reading, ctx, countries)
    if pair is None:
        return None
    home, subject, present, missing = pair
    features = _features(missing, present, reading, ctx, countries, actors)
    if previous is not None:
        role = "home" if missing == home else "subject"
        features += _previous_features(previous, ctx, home, subject, missing, role)
    return missing, features


def _pair_with_one_present(reading: Reading, ctx: SentenceContext, countries: list):
    """(home, subject, the present one, the missing one) when the article is about a pair and exactly one of it is
    among `countries`; None otherwise, or for an organization's gathering."""
    home, subject = ctx.rules.home_state, _subject(ctx)
    if not home or not subject or subject == home:
        return None
    present = [code for code in (home, subject) if code in countries]
    if len(present) != 1 or _subject_mentions(ctx) < MIN_SUBJECT_MENTIONS:
        return None
    if _no_other_side(reading, ctx):
        return None
    return home, subject, present[0], subject if present[0] == home else home


def _no_other_side(reading: Reading, ctx: SentenceContext) -> bool:
    """A state's own election or appointment has no other side; an organization's gathering has its members' or the
    named ones, not the pair."""
    return reading.event_type in _ONE_STATES or _organization_gathering(reading, ctx)


def _organization_gathering(reading: Reading, ctx: SentenceContext) -> bool:
    return reading.event_type in _GATHERINGS and bool(
        ctx.entities.organizations_in(ctx.sentence.start, ctx.sentence.end))


def _previous_features(previous: tuple[int, frozenset], ctx: SentenceContext, home: str, subject: str,
                       missing: str, role: str) -> list[str]:
    """Where the event told before stands (same paragraph or before it) and which of the pair it had."""
    at, states = previous
    near = "paragraph" if ctx.text.find("\n", at, ctx.sentence.start) < 0 else "before"
    told = "both" if {home, subject} <= states else "missing" if missing in states else "not_missing"
    return [f"previous_{near}_{told}", f"{role}|previous_{near}_{told}"]


def _features(missing: str, present: str, reading: Reading, ctx: SentenceContext, countries: list,
              actors: list) -> list[str]:
    role = "home" if missing == ctx.rules.home_state else "subject"
    named = {m.code for m in ctx.country_mentions}
    base = (_event_features(missing, present, reading, ctx, countries, actors, named)
            + _flag_features(missing, present, ctx, actors, named)
            + _story_features(missing, present, reading, ctx))
    return ["bias", "role=" + role] + base + [f"{role}|{f}" for f in base]


def _where(place, present: str, missing: str) -> str:
    if place is None:
        return "no_place"
    if place[0] == present:
        return "place_present"
    return "place_missing" if place[0] == missing else "place_other"


def _event_features(missing, present, reading, ctx, countries, actors, named) -> list[str]:
    """The event's type, status, place and counts, the article's dominance, the type's groups."""
    others = len(named - {present, missing})
    groups = [g for g, members in (("two_party", ctx.rules.two_party), ("encounter", ctx.rules.encounters),
                                   ("statement", ctx.rules.statements)) if reading.event_type in members]
    return [
        f"type={reading.event_type}", f"status={reading.status}", _where(reading.place, present, missing),
        "n_states=" + _bucket(len(countries), (1, 2)),
        "n_actors=" + _bucket(len(actors), (0, 1)),
        "sentence_states=" + _bucket(others, (0, 1)),
        "dominance=" + _dominance(ctx),
    ] + groups


def _flag_features(missing, present, ctx, actors, named) -> list[str]:
    """The yes/no facts of the sentence and its paragraph."""
    text, sentence = ctx.text, ctx.sentence
    lowered = sentence.text.lower()
    paragraph_start = text.rfind("\n", 0, sentence.start) + 1
    paragraph_end = text.find("\n", sentence.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    flags = [
        ("present_not_named", present not in named),
        ("no_state_named", not named),
        ("actor_without_state", any(ref.country is None for ref in actors)),
        ("actors_all_present", bool(actors) and all(ref.country == present for ref in actors)),
        ("homeward", _has(_HOMEWARD, _HOMEWARD_WORDS, text, sentence.start, sentence.end, lowered)),
        ("pair_words", _has(_PAIR, _PAIR_WORDS, text, sentence.start, sentence.end, lowered)),
        ("opens_with_reference", bool(_OPENING_REFERENCE.match(text, sentence.start))),
        ("missing_before_in_paragraph", _names(ctx, missing, paragraph_start, sentence.start)),
        ("missing_after_in_paragraph", _names(ctx, missing, sentence.end, paragraph_end)),
        ("missing_in_opening", missing in _opening_states(ctx)),
        ("organization_named", bool(ctx.entities.organizations_in(sentence.start, sentence.end))),
    ]
    return [name for name, holds in flags if holds]


def _story_features(missing, present, reading, ctx) -> list[str]:
    """Where the story is (the last place told, the visits' places) and where the sentence names the missing
    state: in the event's stretch, or walled off (a quotation, an aside, past a semicolon)."""
    features = _last_place_feature(missing, present, ctx)
    if ctx.visit_places:
        visited = set(ctx.visit_places.values())
        features += [f"visit_place_{k}" for k, c in (("missing", missing), ("present", present)) if c in visited]
    where_named = _named_at(ctx, missing)
    if where_named:
        features.append("missing_reachable" if _reachable(where_named, reading, ctx) else "missing_walled")
    return features


def _last_place_feature(missing: str, present: str, ctx: SentenceContext) -> list[str]:
    """The state of the last place an encounter was told in before this sentence, as missing/present/other."""
    told = [code for at, code in ctx.told_places if at < ctx.sentence.start]
    if not told:
        return []
    return ["last_place=" + ("missing" if told[-1] == missing else "present" if told[-1] == present else "other")]


def _named_at(ctx: SentenceContext, code: str) -> list[int]:
    """Where the sentence names the state, or a person of it."""
    return ([m.start for m in ctx.country_mentions if m.code == code]
            + [m.start for m in ctx.actor_mentions if m.ref.country == code])


def _reachable(positions: list[int], reading: Reading, ctx: SentenceContext) -> bool:
    """Is one of the positions in the event's stretch of the sentence (attachment_sides' segment) and outside
    any quotation, aside, relative clause or parentheses that does not hold the date?"""
    if "attachment view" not in ctx.memo:
        ctx.memo["attachment view"] = SentenceView(ctx)
    view, date = ctx.memo["attachment view"], reading.timex["start"]
    start, end = segment(reading, ctx)
    return any(start <= at < end and not view.walled(at, date) for at in positions)


def _bucket(n: int, edges: tuple) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _names(ctx: SentenceContext, code: str, start: int, end: int) -> bool:
    """Does the stretch name the state, or a person of it?"""
    if start >= end:
        return False
    entities = ctx.entities
    return (any(m.code == code for m in entities.countries_in(start, end))
            or any(m.ref.country == code for m in entities.actors_in(start, end)))


def _opening_states(ctx: SentenceContext) -> set:
    """The states the article's first paragraph names (or its people's): the pair it is about."""
    if "opening states" not in ctx.article_memo:
        end = ctx.text.find("\n")
        end = len(ctx.text) if end < 0 else end
        entities = ctx.entities
        ctx.article_memo["opening states"] = ({m.code for m in entities.countries_in(0, end)}
                                              | {m.ref.country for m in entities.actors_in(0, end) if m.ref.country})
    return ctx.article_memo["opening states"]


def _subject(ctx: SentenceContext) -> str | None:
    if "pair subject" not in ctx.article_memo:
        ctx.article_memo["pair subject"] = subject_state_of(ctx)
    return ctx.article_memo["pair subject"]


def _has(pattern: re.Pattern, literals: tuple, text: str, start: int, end: int, lowered: str) -> bool:
    """Does the pattern match in text[start:end]? (Searched only when one of its literal words occurs.)"""
    return any(word in lowered for word in literals) and bool(pattern.search(text, start, end))


def _subject_mentions(ctx: SentenceContext) -> int:
    counts = state_counts_of(ctx)
    return counts.most_common(1)[0][1] if counts else 0


def _dominance(ctx: SentenceContext) -> str:
    """How much the article is about its subject state: the subject's share of the mentions of states other than
    the home state (names and people), in three bands."""
    counts = state_counts_of(ctx)
    top, total = (counts.most_common(1)[0][1] if counts else 0), sum(counts.values())
    share = top / total if total else 0.0
    return "low" if share < 0.5 else "mid" if share < 0.75 else "high"


@lru_cache(maxsize=2)
def _model(path: str, switch: str) -> tuple[dict, float] | None:
    if switch == "off" or not Path(path).exists():
        return None
    spec = json.loads(Path(path).read_text(encoding="utf-8")).get("implied_side")
    if not spec or not spec.get("enabled"):
        return None
    return dict(spec["weights"]), float(spec["threshold"])


def implied_side(reading: Reading, ctx: SentenceContext, countries: list, actors: list) -> list:
    """`countries` with the article's other side added when the model finds it implied."""
    model = _model(_MODEL_PATH, os.environ.get(SWITCH, ""))
    if model is None and _recorder is None:
        return countries
    previous = ctx.article_memo.get("previous event")
    found = candidate(reading, ctx, countries, actors, previous)
    ctx.article_memo["previous event"] = (ctx.sentence.start, frozenset(countries))
    if found is None:
        return countries
    missing, features = found
    if _recorder is not None:
        _recorder.append((f"{ctx.sentence.start}:{reading.timex['start']}", missing, features))
    if model is None:
        return countries
    weights, threshold = model
    if sum(weights.get(f, 0.0) for f in features) < threshold:
        return countries
    ctx.article_memo["previous event"] = (ctx.sentence.start, frozenset(countries + [missing]))
    return countries + [missing]
