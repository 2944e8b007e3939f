"""Learned attachment: which of a sentence's persons and states take part in one of its dated events.

The hand rules (participants.py, extract.py) choose an event's actors and countries; this step looks again at
every candidate: each person the sentence names (after anaphora) and each person the rules chose from outside
it, each state the sentence names (names, demonyms, capitals, seats of power, towns), its persons' states, the
event's place, the article's home and subject states and the rules' states. A logistic model over general
features (attachment_features.py: where the name stands relative to the date and trigger, what stands between,
how it is introduced, whether the rules chose it) scores each; those at or above the model's threshold are the
event's. The weights are data (data/attachment_model.json), written by scripts/train_attachment.py from the
development set's gold; at run time scoring is a sum of dict look-ups.

    attach_parties(reading, ctx, actors, countries, inherited) -> (actors, countries)
"""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from events.extraction.events.attachment_features import SentenceView, anchor_span, bucket, position_features
from events.extraction.events.attachment_coordinates import (owned_happening_actors, own_clause_actors, reported_actors,
                                                             statement_actors,
                                                             with_list_mates)
from events.extraction.events.attachment_model import AttachmentModel, default_model
from events.extraction.events.attachment_sides import other_side, without_topics
from events.extraction.events.implied_places import is_origin, subject_state_of
from events.extraction.events.implied_side import implied_side
from events.extraction.events.participants import acts_through_agent, counterpart_with
from events.extraction.events.triggers import possessor

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

# The learned step is on when the stored model is; scripts/train_attachment.py and tests may switch it.
USE_MODEL = True
_recorder: list | None = None


@dataclass
class Candidate:
    """One possible party of an event: an ActorRef (kind "actor") or an ISO code (kind "country")."""
    kind: str
    value: object
    chosen: bool  # by the hand rules
    features: list[str] = field(default_factory=list)


@contextlib.contextmanager
def recording():
    """Collects (mention key, candidates) for every event read while the block runs (the trainer's data)."""
    global _recorder
    previous, _recorder = _recorder, []
    try:
        yield _recorder
    finally:
        _recorder = previous


def attach_parties(reading: Reading, ctx: SentenceContext, actors: list, countries: list,
                   inherited: bool = False, model: AttachmentModel | None = None) -> tuple[list, list]:
    """The event's actors and countries: the rules' (`actors`, `countries`), rescored by the model when it is on (only
    the kinds it decides: the others' candidates are not even gathered, unless the trainer records them)."""
    model = model or (default_model() if USE_MODEL else None)
    if not inherited:
        actors, countries = _rules_parties(reading, ctx, actors, countries)
    if _recorder is not None:
        people = actor_candidates(reading, ctx, actors, inherited)
        states = country_candidates(reading, ctx, countries, actors, inherited)
        _recorder.append((f"{ctx.sentence.start}:{reading.timex['start']}", people, states))
    if model is None:
        return actors, countries
    return _model_actors(model, reading, ctx, actors, inherited), _model_countries(model, reading, ctx, countries,
                                                                                   actors, inherited)


def _rules_parties(reading: Reading, ctx: SentenceContext, actors: list, countries: list) -> tuple[list, list]:
    """The hand rules' narrowing of a sentence's own parties to this event's."""
    actors = reported_actors(reading, ctx, own_clause_actors(reading, ctx, actors))
    actors, countries = with_list_mates(ctx, actors, countries)
    kept = statement_actors(reading, ctx, owned_happening_actors(reading, ctx, actors))
    countries = _without_states_of(ctx, countries, [ref for ref in actors if ref not in kept], kept)
    countries = other_side(reading, ctx, without_topics(ctx, countries, kept))
    return kept, implied_side(reading, ctx, countries, kept)


def _model_actors(model: AttachmentModel, reading: Reading, ctx: SentenceContext, actors: list,
                  inherited: bool) -> list:
    doubtful = _doubtful_actors(model, reading, ctx, actors)
    if not doubtful:
        return actors
    candidates = actor_candidates(reading, ctx, actors, inherited, only_chosen=True, scored=doubtful)
    dropped = {c.value.name for c in candidates} - {ref.name for ref in _kept_by_model(model, candidates, reading, ctx)}
    return [ref for ref in actors if ref.name not in dropped]


def _doubtful_actors(model: AttachmentModel, reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """The rules' actors the model may overrule: none when it does not decide people or the event is a summit; else
    those named outside the event's clause."""
    if not model.decides("actor") or reading.event_type == "summit":
        return []
    return [ref for ref in actors if not _in_event_clause(ref, reading, ctx) and not _in_event_relative(ref, reading, ctx)]


def _in_event_clause(ref, reading: Reading, ctx: SentenceContext) -> bool:
    """Whether the rules' actor `ref` is named (at his mention nearest the event) inside the event's own clause. The
    model overrules the rules almost only for people named outside it (on the burned parts 72 of its 76 drops), so
    the others are kept without working out their features (most of the step's cost)."""
    mentions = [m for m in ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end) if m.ref.name == ref.name]
    if not mentions:
        return False
    start, end = reading.clause
    return start <= _nearest(mentions, reading).start < end


# A relative clause whose antecedent is the event itself: "visited Pyongyang in July, during which he and Kim ...".
_EVENT_RELATIVE = re.compile(r"[,;(\s]*(?:after|during|at|in|following|in\s+the\s+course\s+of)\s+which\b", re.I)


def _in_event_relative(ref, reading: Reading, ctx: SentenceContext) -> bool:
    """Whether `ref` is named in a "..., during (after, at) which" clause opening right after the event's clause: its
    people are the event's own, so the model (whose position features see only "another clause") keeps them."""
    end = reading.clause[1]
    opener = _EVENT_RELATIVE.match(ctx.text, end)
    if opener is None:
        return False
    stop = ctx.sentence.end
    return any(m.ref.name == ref.name and opener.end() <= m.start < stop
               for m in ctx.entities.actors_in(opener.end(), stop))


def _model_countries(model: AttachmentModel, reading: Reading, ctx: SentenceContext, countries: list, actors: list,
                     inherited: bool) -> list:
    if not model.decides("country"):
        return countries
    return _accepted(model, country_candidates(reading, ctx, countries, actors, inherited))


def _without_states_of(ctx: SentenceContext, countries: list, dropped: list, kept: list) -> list:
    """`countries` less the states only the `dropped` people brought: not a kept person's, not named in the sentence."""
    named = {m.code for m in ctx.country_mentions}
    gone = {ref.country for ref in dropped if ref.country} - {ref.country for ref in kept} - named
    return [code for code in countries if code not in gone]


def _accepted(model: AttachmentModel, candidates: list[Candidate]) -> list:
    """The candidates the model accepts; the rules' choice for a kind the model does not decide."""
    if not candidates or not model.decides(candidates[0].kind):
        return [c.value for c in candidates if c.chosen]
    return [c.value for c in candidates if model.accepts(c.kind, c.features)]


def _kept_by_model(model: AttachmentModel, candidates: list[Candidate], reading: Reading,
                   ctx: SentenceContext) -> list:
    """The rules' actors the model does not overrule. The model only takes people away: cross-validated on the burned
    batches and on val8/val9, nearly all its gain is dropping the rules' extra people, while what it adds is mostly
    wrong. A counterpart the clause introduces by "with" is never dropped (a meeting's other side); nor, by the caller,
    a summit's people (its leaders are often the rules' inference from the states taking part, which the model's
    features do not see), nor anyone named inside the event's own clause."""
    return [c.value for c in candidates
            if c.chosen and (model.accepts(c.kind, c.features) or _met_with(c.value, reading, ctx))]


def _met_with(ref, reading: Reading, ctx: SentenceContext) -> bool:
    """Whether `ref` is a meeting's counterpart named after "with" (participants.counterpart_with's rule)."""
    return any(m.ref.name == ref.name and counterpart_with(m, reading.main, ctx) for m in ctx.actor_mentions)


def _view(ctx: SentenceContext) -> SentenceView:
    if "attachment view" not in ctx.memo:
        ctx.memo["attachment view"] = SentenceView(ctx)
    return ctx.memo["attachment view"]


def _with_choice(features: list[str], chosen: bool) -> list[str]:
    """Each feature alone and joined with the rules' choice (the model learns when to overrule them)."""
    mark = "R|" if chosen else "N|"
    return ["bias", "rule" if chosen else "norule"] + features + [mark + f for f in features]


def actor_candidates(reading: Reading, ctx: SentenceContext, actors: list, inherited: bool,
                     only_chosen: bool = False, scored: list | None = None) -> list[Candidate]:
    """The rules' actors first (in their order; only those of `scored` when given), then (unless `only_chosen`) the
    sentence's other persons in text order."""
    view = _view(ctx)
    mentions = ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end)
    by_name: dict[str, list] = {}
    for mention in mentions:
        by_name.setdefault(mention.ref.name, []).append(mention)
    chosen = {ref.name for ref in actors}
    refs = list(actors if scored is None else scored) + (
        [] if only_chosen else _other_people(by_name, chosen, reading.timex["start"], view))
    common = [f"type={reading.event_type}", "n_people=" + bucket(len(by_name), (1, 2, 3, 5)),
              "n_rule_actors=" + bucket(len(actors), (0, 1, 2))] + _type_groups(reading, ctx)
    if inherited:
        common.append("inherited")
    candidates = []
    for ref in refs:
        feats = common + _actor_features(ref, by_name.get(ref.name, []), reading, ctx, view, actors)
        candidates.append(Candidate("actor", ref, ref.name in chosen, _with_choice(feats, ref.name in chosen)))
    return candidates


def _other_people(by_name: dict, chosen: set, date: int, view: SentenceView) -> list:
    """The sentence's persons the rules did not choose, in text order, unless every mention is walled off."""
    return [ms[0].ref for name, ms in by_name.items()
            if name not in chosen and not all(view.walled(m.start, date) for m in ms)]


def _nearest(mentions: list, reading: Reading):
    low, high = anchor_span(reading)
    return min(mentions, key=lambda m: max(0, low - m.end, m.start - high))


def _actor_features(ref, mentions: list, reading: Reading, ctx: SentenceContext, view: SentenceView,
                    actors: list) -> list[str]:
    if not mentions:
        return ["outside_sentence"] + _state_relation(ref.country, reading, ctx, actors)
    mention = _nearest(mentions, reading)
    feats = position_features(mention.start, mention.end, reading, view)
    word = mention.text.lower()
    if word in ("he", "him", "his", "she", "her", "they", "them", "their"):
        feats.append("pronoun")
    elif mention.text[:1].islower() or word.startswith("the "):
        feats.append("description")
    if len(mentions) > 1:
        feats.append("several_mentions")
    if not ref.known:
        feats.append("unknown_person")
    if acts_through_agent(mention, ctx):
        feats.append("agent_for")
    if mention.start == view.first_actor:
        feats.append("first_person")
    if ref.name == possessor(reading.main, ctx.actor_mentions, ctx.text):
        feats.append("trigger_owner")
    return feats + _state_relation(ref.country, reading, ctx, actors)


def _state_relation(code: str | None, reading: Reading, ctx: SentenceContext, actors: list) -> list[str]:
    """How a person's state stands to the event: none, the place, the home state, another chosen person's."""
    if not code:
        return ["no_state"]
    feats = []
    if reading.place and reading.place[0] == code:
        feats.append("state_is_place")
    if code == ctx.rules.home_state:
        feats.append("state_is_home")
    if code == subject_state_of(ctx):
        feats.append("state_is_subject")
    return feats


def country_candidates(reading: Reading, ctx: SentenceContext, countries: list, actors: list,
                       inherited: bool) -> list[Candidate]:
    """The rules' states first, then those the sentence names, its persons' states, the place, the home and
    subject states."""
    view = _view(ctx)
    named = _grouped(ctx.country_mentions, lambda m: m.code)
    people = _grouped(ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end), lambda m: m.ref.country)
    chosen = set(countries)
    common = [f"type={reading.event_type}", "n_states=" + bucket(len(set(named) | set(people)), (1, 2, 3, 5)),
              "n_rule_states=" + bucket(len(countries), (0, 1, 2))] + _type_groups(reading, ctx)
    if inherited:
        common.append("inherited")
    candidates = []
    for code in _country_codes(reading, ctx, countries, named, people):
        feats = common + _country_features(code, named.get(code, []), people.get(code, []), reading, ctx, view,
                                           actors, countries)
        candidates.append(Candidate("country", code, code in chosen, _with_choice(feats, code in chosen)))
    return candidates


def _grouped(mentions, key) -> dict[str, list]:
    """Mentions by `key` (a state's code), in text order; those without one left out."""
    groups: dict[str, list] = {}
    for mention in mentions:
        if key(mention):
            groups.setdefault(key(mention), []).append(mention)
    return groups


def _country_codes(reading: Reading, ctx: SentenceContext, countries: list, named: dict, people: dict) -> list[str]:
    """The candidate states: the rules', those named (or whose persons are named) outside a quotation, aside,
    relative clause or parentheses that does not hold the date, the place, the home and the subject state."""
    view, date = _view(ctx), reading.timex["start"]
    seen = [code for code in list(named) + list(people)
            if not all(view.walled(m.start, date) for m in named.get(code, []) + people.get(code, []))]
    extra = [reading.place[0] if reading.place else None, ctx.rules.home_state, subject_state_of(ctx)]
    return list(dict.fromkeys(list(countries) + seen + [c for c in extra if c]))


def _country_features(code: str, named: list, people: list, reading: Reading, ctx: SentenceContext,
                      view: SentenceView, actors: list, countries: list) -> list[str]:
    feats = []
    if named:
        mention = _nearest(named, reading)
        feats += ["c:" + f for f in position_features(mention.start, mention.end, reading, view)]
        feats += sorted({"kind=" + m.kind for m in named})
        if is_origin(mention, ctx):
            feats.append("origin")
    else:
        feats.append("not_named")
    if people:
        mention = _nearest(people, reading)
        feats += ["p:" + f for f in position_features(mention.start, mention.end, reading, view)]
    if any(ref.country == code for ref in actors):
        feats.append("state_of_rule_actor")
    feats += _place_features(code, reading)
    return feats + _implied_pair_features(code, reading, ctx, countries)


# Words that name both sides of a relation without naming them ("the two ministries", "both ministers", "each
# other", "his counterpart", "bilateral").
_PAIR_WORDS = re.compile(r"\b(?:(?:the\s+)?(?:two|both)\s+(?:[a-z]+\s+)?(?:ministries|ministers|sides|governments|countries|"
                         r"leaders|presidents|premiers|delegations|men|states|capitals|parties|nations)|each other|"
                         r"one another|counterparts?|bilateral|joint|guests?|hosts?)\b")


def _implied_pair_features(code: str, reading: Reading, ctx: SentenceContext, countries: list) -> list[str]:
    """The home and subject states (the article's pair), with what the rules chose and the event's kind: a
    two-party happening told by one state often has the other side only implied."""
    home, subject = ctx.rules.home_state, subject_state_of(ctx)
    role = {home: "home_state", subject: "subject_state"}.get(code) if code else None
    if role is None:
        return []
    other_chosen = (subject if role == "home_state" else home) in countries
    pair_words = bool(_PAIR_WORDS.search(ctx.text, ctx.sentence.start, ctx.sentence.end))
    feats = [role, f"{role}|others={bucket(len([c for c in countries if c != code]), (0, 1, 2))}"]
    feats += [role + suffix for suffix, holds in (("|pair_other_chosen", other_chosen), ("|pair_words", pair_words),
                                                  ("|pair_words_other_chosen", pair_words and other_chosen)) if holds]
    return feats + [f"{role}|{group}" for group in _type_groups(reading, ctx)]


def _type_groups(reading: Reading, ctx: SentenceContext) -> list[str]:
    """The event type's flags (event_types.json): two-party, encounter, statement."""
    rules, kind = ctx.rules, reading.event_type
    return [name for name, members in (("two_party", rules.two_party), ("encounter", rules.encounters),
                                       ("statement", rules.statements)) if kind in members]


def _place_features(code: str, reading: Reading) -> list[str]:
    place = reading.place
    if not place or place[0] != code:
        return []
    start, end = reading.clause
    if place[1] is None:
        return ["place_remembered"]
    return ["place_in_clause" if start <= place[1] < end else "place_out_clause"]
