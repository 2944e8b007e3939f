"""The whole article: its sentences' dated event mentions."""
from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from events.extraction.entities import ArticleEntities, Gazetteer
from events.extraction.events.attachment import attach_parties
from events.extraction.events.backoff import backoff_triggers, definite_subject
from events.extraction.events.clauses import (PAIR_OF_PEOPLE, event_clause, next_happening_start, pronoun_subject,
                                              time_aside_after)
from events.extraction.events.conjuncts import without_objects_before_departure
from events.extraction.events.context import Reading, SentenceContext
from events.extraction.events.dates import (bounds_a_span, deadline_start, first_day_of_days_ended, granularity,
                                            has_interval, is_event_date, is_future, iso_day, issue_week_part,
                                            reported_dates_of, year_end_ahead)
from events.extraction.events.participants import (acts_through_agent, clause_countries, countries_in_order,
                                                   display_name, event_actors, event_countries,
                                                   statement_content_start, unique_actors, unique_in_order)
from events.extraction.events.inviters import without_inviters
from events.extraction.events.when_hosts import with_hosts_before_when
from events.extraction.events.where_guests import with_where_guests
from events.extraction.events.implied_places import implied_place, remember_place, subject_state_of
from events.extraction.events.places import place_code_of
from events.extraction.events.own_subject import (without_owners_of_other_happenings,
                                                 without_people_before_own_subject)
from events.extraction.events.principal_pair import principal_pair, principal_partner
from events.extraction.events.rules import EventRules, default_rules
from events.extraction.events.seats import home_seats
from events.extraction.events.spans import distance, quotation_spans
from events.extraction.events.status import decide_type_and_status
from events.extraction.events.summaries import describe
from events.extraction.events.triggers import (BackoffTrigger, Trigger, explicit_meeting_first, find_triggers,
                                               gathering_as_summit, governed_first, owned_triggers, possessor, purpose_first,
                                               received_person_first,
                                               venue_summit_last)
from events.extraction.events.windows import CLOSE_TRIGGER, SET_FOR_LOOKBACK
from events.extraction.mention import EventMention
from events.extraction.sentences import Sentence


def extract_events(text: str, anchor: datetime.date, timexes: list[dict], sentences: list[Sentence],
                   entities: ArticleEntities, gazetteer: Gazetteer,
                   rules: EventRules | None = None) -> list[EventMention]:
    rules = rules or default_rules()
    home_seats(entities, rules)
    quotes = quotation_spans(text)
    ordered = sorted(timexes, key=lambda t: t["start"])
    mentions = []
    position = 0
    visit_places: dict[str, str] = {}  # visitor's name -> country code of the place of their visit
    told_places: list[tuple[int, str]] = []  # (where, code) of the encounters' places told so far
    article_memo: dict = {}  # what is worked out once per article when a sentence first asks (the subject state)
    triggers = find_triggers(text, 0, len(text), rules)
    trigger_starts = [trigger.start for trigger in triggers]
    for sentence in sentences:
        inside = []
        while position < len(ordered) and ordered[position]["start"] < sentence.end:
            if ordered[position]["start"] >= sentence.start:
                inside.append(ordered[position])
            position += 1
        if inside:
            in_sentence = triggers[bisect.bisect_left(trigger_starts, sentence.start):
                                   bisect.bisect_left(trigger_starts, sentence.end)]
            ctx = SentenceContext(text, anchor, sentence, in_sentence, entities, gazetteer, rules, quotes, visit_places,
                                  told_places, article_memo)
            mentions.extend(_sentence_events(ctx, inside, _antecedent(mentions, sentence, text)))
    return mentions


# A sentence that opens on a definite happening ("The trip, originally expected this past spring, had been
# put off twice") speaks of the one the sentence before told.
_EVENT_ANAPHOR = re.compile(r"\s*(?:The|This|That|His|Her|Their|Its)\s+(?:[a-z-]+\s+){0,2}?"
                            r"(?P<noun>trip|visit|talks|meeting|summit|tour|journey|session|deal|agreement|treaty|"
                            r"accord|ceremony|signing)\b")
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
# How far back (characters, within the paragraph) the happening it speaks of may be told.
ANTECEDENT_REACH = 600


def _antecedent(mentions: list[EventMention], sentence: Sentence, text: str) -> EventMention | None:
    """The last mention before `sentence`, when it is near and in the same paragraph."""
    if not mentions:
        return None
    last = mentions[-1]
    if sentence.start - last.sentence_end > ANTECEDENT_REACH or "\n" in text[last.sentence_end:sentence.start]:
        return None
    return last


def _inherited(ctx: SentenceContext, antecedent: EventMention | None) -> EventMention | None:
    """The antecedent whose parties a sentence naming nobody takes: it opens on a definite happening of
    the antecedent's type (or both are encounters: "the trip" after an arrival), or its subject is a personal
    pronoun for the antecedent's people (clauses.pronoun_subject: "They dined together that evening")."""
    if antecedent is None:
        return None
    if antecedent.actors and pronoun_subject(ctx.text, ctx.sentence.start, ctx.sentence.end):
        return _pronoun_parties(ctx, antecedent)
    return _same_happening(ctx, antecedent)


def _pronoun_parties(ctx: SentenceContext, antecedent: EventMention):
    """The antecedent's people, and their states (not its place: "They dined at a dacha" after a summit abroad);
    "he"/"she" is the antecedent's first person, as _with_pronoun_person takes it."""
    opening = (ctx.sentence.start, min(ctx.sentence.end, ctx.sentence.start + 60))
    pair = PAIR_OF_PEOPLE.search(ctx.text, *opening)
    people = (antecedent.actors[:1] if _PERSONAL_PRONOUN.search(ctx.text, *opening)
              else (pair and _last_pair(pair.start(), ctx)) or antecedent.actors)
    return _Parties(list(people), unique_in_order(a.country for a in people if a.country))


def _same_happening(ctx: SentenceContext, antecedent: EventMention) -> EventMention | None:
    """The antecedent, when the sentence opens on a definite happening of its type (or both are encounters)."""
    match = _EVENT_ANAPHOR.match(ctx.text, ctx.sentence.start)
    if not match:
        return None
    priority = ctx.rules.trigger_priority(match.group("noun").lower())
    noun_type = ctx.rules.type_order[priority] if priority is not None else None
    encounters = ctx.rules.encounters
    if noun_type == antecedent.event_type or (noun_type in encounters and antecedent.event_type in encounters):
        return antecedent
    return None


def _sentence_events(ctx: SentenceContext, timexes: list[dict],
                     antecedent: EventMention | None = None) -> list[EventMention]:
    """The sentence's event mentions from its time expressions `timexes`; fills the context's claimants
    and mentions (none unless a date may date an event and the sentence names an actor or a country, or
    opens on a definite happening the sentence before told: then that one's parties are its own)."""
    candidates = _candidate_dates(ctx, timexes)
    if not candidates:
        return []
    _find_parties(ctx)
    named = _names_parties(ctx)
    inherited = None if named else _parties_from_outside(ctx, antecedent)
    story = not named and inherited is None
    if story:
        inherited = _story_pair_parties(ctx)
        if inherited is None:
            return []
    ctx.topics = unique_in_order(m.name for m in ctx.entities.topics_in(ctx.sentence.start, ctx.sentence.end))
    ctx.reported = reported_dates_of([t for t in timexes if t.get("role") == "citation"])
    return _mentions_of(candidates, ctx, inherited, antecedent, story)


def _story_pair_parties(ctx: SentenceContext) -> _Parties | None:
    """The parties of a sentence that names none and inherits none: the article's two states (its subject state
    and the home state), whose story it goes on telling ("The talks proper took place on Sunday morning", "The
    contract, signed in June 1994, ..."); only a happening of the trigger vocabulary takes them
    (_mentions_of: `story`), not the back-off's guesses. None when the article has no subject state."""
    subject = subject_state_of(ctx)
    return _Parties([], [subject, ctx.rules.home_state]) if subject else None


# The happenings of the article's own encounter, whose people a sentence naming nobody may leave unsaid (not a
# summit: "The summit itself opened on Friday" is a many-sided one the pair attended).
_PAIR_TYPES = frozenset({"meeting", "agreement"})
# A body that meets on its own ("The intergovernmental commission is to meet in March"): not the pair's encounter.
_MEETING_BODY = re.compile(r"\b(?:[Cc]ommission|[Cc]ommittee|[Cc]ouncil|[Gg]roup|[Dd]elegations?|[Ee]xperts|"
                           r"[Pp]arliaments?|[Aa]ssembly|[Ss]ession)\b")


def _story_pair_people(reading: Reading, ctx: SentenceContext) -> list:
    """The people of a sentence that names no party and goes on telling the article's encounter ("The formal
    talks were held on Sunday", "By the afternoon the two sides had signed"): the article's principal pair
    (principal_pair) for a meeting or a signing near the issue date, not a body's meeting; else nobody.
    (A sentence naming a place but no person takes no pair: on the parts not read that lowered actors.)"""
    if reading.event_type not in _PAIR_TYPES or _MEETING_BODY.search(ctx.sentence.text) \
            or not _near_the_issue(reading.timex, ctx):
        return []
    return list(principal_pair(ctx))


# "The talks with Prime Minister X": an encounter with one named person, its other side left unsaid.
_ENCOUNTER_WITH = re.compile(r"\b(?:talks|meeting|meetings|negotiations|conversation|discussions)\s+with\s+"
                             r"(?:(?:[A-Z][\w.-]*|the|of|and|[a-z]+-)\s+){0,5}$")


def _with_principal_partner(actors: list, countries: list, ctx: SentenceContext) -> tuple[list, list]:
    """"The talks with Prime Minister Costas Simitis, which filled most of Friday, ...": a sentence whose only
    person is named right after "talks/meeting with" and is of one of the article's two states has the other
    state's principal (principal_pair.principal_partner) for the unnamed side."""
    if len(actors) != 1 or len(ctx.actors) != 1:
        return actors, countries
    mention = next((m for m in ctx.actor_mentions if m.ref.name == actors[0].name), None)
    before = ctx.text[max(ctx.sentence.start, mention.start - 80):mention.start] if mention else ""
    if not _ENCOUNTER_WITH.search(before):
        return actors, countries
    partner = principal_partner(actors[0], ctx)
    if partner is None:
        return actors, countries
    return [partner] + list(actors), unique_in_order([partner.country] + list(countries))


# How far from the issue date (days) the pair's own encounter lies; an older treaty ("the declaration of October
# 1993") was signed by others.
PAIR_REACH_DAYS = 200


def _near_the_issue(timex: dict, ctx: SentenceContext) -> bool:
    day = iso_day(timex["earliest"])
    return abs((day - ctx.anchor).days) <= PAIR_REACH_DAYS


def _mentions_of(candidates: list[dict], ctx: SentenceContext, inherited, antecedent,
                 story: bool = False) -> list[EventMention]:
    """A mention for each candidate date read as an event, with `inherited` parties when the sentence names
    none of its own; with `story` (the parties are only the article's pair) a date the back-off alone reads
    makes none."""
    mentions = []
    for timex in candidates:
        reading = _read(timex, ctx)
        if reading is None or (story and isinstance(reading.main, BackoffTrigger)):
            continue
        summary = describe(reading, ctx)
        actors, countries = ((inherited.actors, inherited.countries) if inherited is not None
                             else _parties(reading, summary, ctx, antecedent))
        if story:
            actors = _story_pair_people(reading, ctx)
        elif inherited is None:
            actors, countries = _with_principal_partner(actors, countries, ctx)
        actors, countries = attach_parties(reading, ctx, actors, countries, inherited is not None)
        countries = _with_unnamed_visit_host(reading, ctx, countries)
        countries = _named_treaty_parties(timex, ctx, countries)
        actors = without_inviters(reading, ctx, actors)
        actors = with_hosts_before_when(reading, ctx, actors)
        actors = without_objects_before_departure(reading, ctx, actors)
        if inherited is None:
            actors = without_people_before_own_subject(reading, ctx, actors)
            actors = without_owners_of_other_happenings(reading, ctx, actors)
            actors = with_where_guests(actors, reading, ctx)
        mentions.append(_mention(reading, ctx, summary, actors, countries))
    return mentions


_YEAR_ONLY = re.compile(r"\d{4}$")


def _named_treaty_parties(timex: dict, ctx: SentenceContext, countries: list) -> list:
    """A bare year naming a treaty of fixed parties ("the 1972 ABM treaty", "the ABM Treaty of 1972"): the
    treaty's parties (event_rules.json named_treaty_parties), not the states of the sentence that recalls it."""
    rules = ctx.rules
    if not rules.named_treaty_parties or not _YEAR_ONLY.match(timex["text"].strip()):
        return countries
    found = (rules.named_treaty_after.match(ctx.text, timex["end"])
             or rules.named_treaty_before.search(ctx.text, max(0, timex["start"] - 60), timex["start"]))
    return list(rules.named_treaty_parties[found.group(1).lower()]) if found else countries


# Statuses of a visit that has not (yet) taken place; a journey's words that go away or home, not to a host.
_NOT_YET = frozenset({"planned", "postponed", "cancelled"})
# (a journey's own word, not a ceremony's that types a visit: "the funeral is set for Saturday")
_JOURNEY = re.compile(r"visit|trip|travel|arriv|com[ei]|came|tour|fl[yoie]|is\s|are\s|was\s|were\s|missions?\b|stop|delegation",
                      re.IGNORECASE)
_AWAY = re.compile(r"\b(?:home|back|le(?:ft|aves?|aving)|depart\w*|return\w*)\b", re.IGNORECASE)


def _with_unnamed_visit_host(reading: Reading, ctx: SentenceContext, countries: list) -> list:
    """A visit still to come, or put off, that names and implies no place ("Sattar is expected later this month,
    the first visit at that level"; "A visit by the Slovak foreign minister had been planned for June but was put
    off") goes to the archive's home state (event_rules.json home_state), the host of the Monitor's visits. Its
    countries only: its people stay as found (no host is named)."""
    home = ctx.rules.home_state
    if reading.place is not None or reading.status not in _NOT_YET or not home or home in countries or not countries:
        return countries
    return countries + [home] if _journey_there(reading, ctx) else countries


def _journey_there(reading: Reading, ctx: SentenceContext) -> bool:
    """Is the event a visit (or a visit's postponement) told by a journey's word, not by going home or away?"""
    if reading.event_type not in ("visit", "postponement", "cancellation"):
        return False
    if not any(t.event_type == "visit" and _JOURNEY.match(ctx.text, t.start, t.end) for t in reading.own[:2]):
        return False
    return not any(_AWAY.search(ctx.text, t.start, t.end) for t in reading.own)


def _parties_from_outside(ctx: SentenceContext, antecedent: EventMention | None):
    """The parties of a sentence that names none: the happening just told's (_inherited), else the
    article's (_subject_state_parties); None when neither applies."""
    return _inherited(ctx, antecedent) or _subject_state_parties(ctx) or _definite_subject_parties(ctx, antecedent)


def _definite_subject_parties(ctx: SentenceContext, antecedent: EventMention | None):
    """The states (not the people) of the happening just told (`antecedent`: near, same paragraph), for a sentence
    that names no party and opens on a definite subject ("The deputies threw out the bills on Thursday", "The
    funeral of the victims is set for Saturday": it goes on with the story just told); None otherwise."""
    if antecedent is None or not antecedent.countries or not definite_subject(ctx):
        return None
    return _Parties([], list(antecedent.countries))


@dataclass(frozen=True)
class _Parties:
    actors: list
    countries: list


def _subject_state_parties(ctx: SentenceContext) -> _Parties | None:
    """The parties of a sentence that names none, from the article: "The presidential election, set for
    November 11, will be a second test": a state's own happening (event_rules.json, subject_state_types: an
    election) is the article's subject state's (subject_state); "The two governments have been at odds since
    talks broke down in mid-August": the subject state and the home state. None otherwise."""
    pair = ctx.rules.home_state and ctx.rules.article_pair.search(ctx.text, ctx.sentence.start, ctx.sentence.end)
    own = any(t.event_type in ctx.rules.subject_state_types for t in ctx.triggers)
    body = _BODY_SUBJECT.match(ctx.text, ctx.sentence.start) and any(t.event_type in ctx.rules.encounters
                                                                     for t in ctx.triggers)
    pair = pair or body
    subject = subject_state_of(ctx) if pair or own else None
    if not subject:
        return None
    return _Parties([], [subject, ctx.rules.home_state] if pair else [subject])  # "the two governments": both


# "The Supreme State Council is due to hold its first session", "The joint commission meets again in May": a body
# of the article's two states (a capitalized name of a council, commission ... with no state in it) gathering.
_BODY_SUBJECT = re.compile(r"\s*The\s+(?:[A-Z][\w-]*\s+){0,4}(?:Council|Commission|Committee|Assembly|Parliament|"
                           r"Court|Cabinet|commission|council|committee)\b")


def _candidate_dates(ctx: SentenceContext, timexes: list[dict]) -> list[dict]:
    """Sets the context's claimants (event-role dates with an interval, not skipped) and returns those
    that may date an event."""
    ctx.claimants = [t for t in timexes if t.get("role") == "event" and has_interval(t)
                     and t.get("value") not in ctx.rules.skip_values and not bounds_a_span(t, ctx.text, ctx.rules)]
    return [t for t in ctx.claimants if is_event_date(t, ctx.text, ctx.quotes, ctx.rules)]


def _find_parties(ctx: SentenceContext) -> None:
    """Sets the context's actor and country mentions and its distinct actors."""
    sentence = ctx.sentence
    # "President Putin's envoy ... is to visit Grozny": a person named for whom an agent acts takes no
    # part by that mention.
    ctx.actor_mentions = [m for m in ctx.entities.actors_in(sentence.start, sentence.end)
                          if not acts_through_agent(m, ctx)]
    ctx.country_mentions = ctx.entities.countries_in(sentence.start, sentence.end)
    ctx.actors = unique_actors(ctx.actor_mentions)


def _names_parties(ctx: SentenceContext) -> bool:
    """Does the sentence name an actor or a country of its own?"""
    return bool(ctx.actors) or bool(countries_in_order(ctx.country_mentions, ctx.actor_mentions))


def _parties(reading: Reading, summary: str, ctx: SentenceContext,
             antecedent: EventMention | None) -> tuple[list, list]:
    """The event's actors and countries, from its own sentence and, where it names too few, the happening
    just told (`antecedent`)."""
    if reading.event_type in ctx.rules.subject_state_types:
        return _own_state_parties(reading, summary, ctx)
    actors = event_actors(reading, summary, ctx)
    actors = _unclaimed_actors(reading, ctx) if actors == [] else actors or []
    # A statement's states are also those of the people its content names ("confirmed ... whether the
    # meeting between Kim and Putin would be rescheduled"); other events take their own people's states.
    statement = reading.event_type in ctx.rules.statements
    countries = event_countries(reading, ctx, None if statement else actors)
    actors, countries = _with_pair_of_people(actors, countries, reading, ctx)
    if antecedent is None:
        return actors, countries
    countries = _with_both_sides(countries, ctx, antecedent)
    return _with_pronoun_person(actors, countries, reading, ctx, antecedent)


def _own_state_parties(reading: Reading, summary: str, ctx: SentenceContext) -> tuple[list, list]:
    """A state's own happening (event_rules.json, subject_state_types: an election) has for actors only the people
    its clause names (not the sentence's others: "Putin met X, whose party, the heir of ..., won the elections in
    July"; "the Serbian elections set for December 23, while Montenegro's president ..."), for countries those its clause names or its people's, else the article's subject state."""
    start, end = reading.clause
    named = {m.ref.name for m in ctx.actor_mentions if start <= m.start < end}
    words = set(summary.replace(":", " ").split())  # (and the one its summary names: "X's movement won the elections")
    actors = [ref for ref in event_actors(reading, summary, ctx) or []
              if ref.name in named or set(display_name(ref.name).split()) <= words]
    countries = clause_countries(reading, ctx, actors)
    if not countries:
        subject = subject_state_of(ctx)
        countries = [subject] if subject else []
    return actors, countries


def _unclaimed_actors(reading: Reading, ctx: SentenceContext) -> list:
    """A clause that names nobody ("The statement, signed on Tuesday, embarrassed ...") keeps the sentence's
    people, less those of a later date's own happening ("..., and Foreign Minister Lee had to explain it to
    the US ambassador the same day": Lee is the same day's, not Tuesday's), and those of what a statement says
    ("The opposition said on Friday that he was too soft": he is spoken about; unnamed speakers are nobody)."""
    timex = reading.timex
    cut = next_happening_start(timex, max(timex["end"], reading.main.end), ctx.sentence.end, ctx)
    cut = min(cut, statement_content_start(reading, ctx))
    return unique_actors(m for m in ctx.actor_mentions if m.start < cut)


def _with_both_sides(countries: list, ctx: SentenceContext, antecedent: EventMention) -> list:
    """"Both sides agreed that the next summit ...": the sentence names fewer than two states; the two
    sides are the parties of the happening just told."""
    if len(countries) < 2 and ctx.rules.pair_anaphor.search(ctx.text, ctx.sentence.start, ctx.sentence.end):
        return countries + [code for code in antecedent.countries if code not in countries]
    return countries


def _with_pair_of_people(actors: list, countries: list, reading: Reading, ctx: SentenceContext) -> tuple[list, list]:
    """"That night the two couples dined at Putin's residence": the clause names fewer than two people and calls
    them a pair (clauses.PAIR_OF_PEOPLE); the pair are the last two people of two states named before it
    (_last_pair), with their states."""
    start, end = reading.clause
    if len(actors) >= 2:
        return actors, countries
    pair = PAIR_OF_PEOPLE.search(ctx.text, start, end)
    if not pair:
        return actors, countries
    names = {ref.name for ref in actors}
    added = [ref for ref in _last_pair(pair.start(), ctx) if ref.name not in names]
    states = [ref.country for ref in added if ref.country and ref.country not in countries]
    return list(actors) + added, countries + unique_in_order(states)


# How far back (characters, within the paragraph) "the two men" may find its two people.
PAIR_REACH = 600


def _last_pair(position: int, ctx: SentenceContext) -> list:
    """The last person named before `position` (in the paragraph, within PAIR_REACH) and the last before him of
    another state: the two sides just told ("Putin and Schroeder each spoke ... That night the two couples dined");
    [] when there are not two."""
    low = max(ctx.text.rfind("\n", 0, position) + 1, position - PAIR_REACH)
    people = [m.ref for m in reversed(ctx.entities.actors_in(low, position))]
    if not people:
        return []
    last = people[0]
    other = next((ref for ref in people[1:] if ref.name != last.name and ref.country != last.country), None)
    return [] if other is None else [other, last]


def _with_pronoun_person(actors: list, countries: list, reading: Reading, ctx: SentenceContext,
                         antecedent: EventMention) -> tuple[list, list]:
    """"That afternoon he opened the office": the sentence names no person; "he" is the person the
    happening just told was about (its first actor), and that person's state is a party."""
    if ctx.actors or not antecedent.actors or not _PERSONAL_PRONOUN.search(ctx.text, *reading.clause):
        return actors, countries
    actors = antecedent.actors[:1]
    if actors[0].country and actors[0].country not in countries:
        countries = [actors[0].country] + countries
    return actors, countries


def _read(timex: dict, ctx: SentenceContext) -> Reading | None:
    """The date read as an event (its triggers, type, status, clause and place), or None when no trigger
    of the sentence is its own."""
    own = owned_triggers(timex, ctx.claimants, ctx.triggers, ctx.rules, ctx.text)
    if is_future(iso_day(timex["earliest"]), iso_day(timex["latest"]), ctx.anchor):
        # A report is made now, not later: a future date belongs to what is reported, so a
        # reporting verb ("said ... next year") cannot type it.
        own = [trigger for trigger in own if trigger.event_type not in ctx.rules.statements]
    own = _without_time_aside(timex, own, ctx)
    own = own or _moved_happening(timex, ctx) or backoff_triggers(timex, ctx)
    if not own or _qualifies_another_noun(timex, own[0], ctx):
        return None
    own = governed_first(own, ctx.triggers, ctx.text, ctx.rules)
    own = purpose_first(own, ctx.text, ctx.rules)
    own = explicit_meeting_first(timex, own, ctx)
    own = received_person_first(timex, own, ctx)
    own = gathering_as_summit(own, ctx)
    event_type, status = decide_type_and_status(timex, venue_summit_last(own, ctx), ctx)
    main = own[0]
    place = _event_place(timex, own, event_type, ctx)
    return Reading(timex, own, event_type, status, event_clause(timex, main, ctx), place)


def _without_time_aside(timex: dict, own: list[Trigger], ctx: SentenceContext) -> list[Trigger]:
    """The date's triggers less those of a time aside right after it (clauses.time_aside_after), when one outside
    it is left."""
    aside_end = time_aside_after(timex, ctx.text)
    if aside_end is None or len(own) < 2:
        return own
    kept = [trigger for trigger in own if not timex["end"] <= trigger.start < aside_end]
    return kept or own


# "this year's chairman": a possessive date, then up to two words before its noun.
_POSSESSIVE_DATE = re.compile(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}")


def _qualifies_another_noun(timex: dict, main: Trigger, ctx: SentenceContext) -> bool:
    """A possessive date qualifies the noun after it ("Kuchma, this year's chairman of the council, flew to Minsk"):
    it dates a happening only when that noun is its trigger ("last week's talks")."""
    match = _POSSESSIVE_DATE.match(ctx.text, timex["end"])
    return bool(match) and not timex["end"] <= main.start <= match.end()


def _moved_happening(timex: dict, ctx: SentenceContext) -> list[Trigger]:
    """"his next visit, first planned for the spring, may now take place in the autumn": a date the happening
    was moved to (status_cues.new_date_before_date) shares the trigger the earlier date took: the last
    schedulable trigger before it in the sentence."""
    before = ctx.text[max(ctx.sentence.start, timex["start"] - SET_FOR_LOOKBACK):timex["start"]]
    if not ctx.rules.new_date_before.search(before):
        return []
    earlier = [t for t in ctx.triggers if t.end <= timex["start"] and t.event_type in ctx.rules.schedulable]
    return earlier[-1:]


def _event_place(timex: dict, own: list[Trigger], event_type: str, ctx: SentenceContext):
    """The event's place (code, where named): "in Tehran" near the date and trigger; for "Sergeev's
    visit" with no place, where the article put the same person's visit ("Sergeev's visit to Tehran last
    week"), which is remembered for later sentences."""
    main = own[0]
    place = _named_or_implied_place(timex, main, event_type, ctx)
    visit = next((trigger for trigger in own if trigger.event_type == "visit"), None)
    visitor = (possessor(visit, ctx.actor_mentions, ctx.text) or _subject_right_before(visit, ctx)
               if visit is not None else None)
    if not visitor:
        _remember_relative_visitor(visit, place, event_type, ctx)
        return place
    if place:
        if event_type == "visit":
            ctx.visit_places[visitor] = place[0]
        return place
    return _remembered_visit_place(visitor, ctx)


def _remembered_visit_place(visitor: str, ctx: SentenceContext):
    """Where the article put the visitor's earlier visit (a main clause's, else a relative clause's), or None."""
    if visitor in ctx.visit_places:
        return ctx.visit_places[visitor], None
    relative = ctx.article_memo.get(_RELATIVE_VISITS, {})
    return (relative[visitor], None) if visitor in relative else None


# "Wu Bangguo, who arrived in Moscow on Sunday, ...": the visitor of a relative clause, whose place a later visit of
# theirs with none takes ("Wu's trip had first been planned for December"). Kept apart from visit_places, which the
# implied-side model reads as it was trained.
_RELATIVE_VISITS = "relative clause visits"
_WHO_GAP = re.compile(r",\s+who\s+(?:[a-z]+\s+){0,2}")


def _remember_relative_visitor(visit: Trigger | None, place, event_type: str, ctx: SentenceContext) -> None:
    if visit is None or not place or event_type != "visit":
        return
    code = place[0]
    for mention in reversed(ctx.actor_mentions):
        if mention.end <= visit.start:
            if _WHO_GAP.fullmatch(ctx.text, mention.end, visit.start):
                ctx.article_memo.setdefault(_RELATIVE_VISITS, {})[mention.ref.name] = code
            return


def _named_or_implied_place(timex: dict, main: Trigger, event_type: str, ctx: SentenceContext):
    """The place the sentence names near the date and trigger (remembered for later sentences), else the
    one an encounter implies ("there", an arrival with no destination: implied_places)."""
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    place = place_code_of(ctx, (low, high))
    remember_place(place, event_type, ctx)
    if place is None and event_type in ctx.rules.encounters:
        return implied_place(low, high, main, ctx)
    return place


_SUBJECT_GAP = re.compile(r"\s+(?:[a-z]+\s+){0,3}")


def _subject_right_before(trigger: Trigger, ctx: SentenceContext) -> str | None:
    """The person named right before a visit's verb, a few lower-case words at most between them ("Mubarak
    himself last came to Russia"): the visitor, whose place later visits without one may take."""
    for mention in reversed(ctx.actor_mentions):
        if mention.end <= trigger.start:
            return mention.ref.name if _SUBJECT_GAP.fullmatch(ctx.text, mention.end, trigger.start) else None
    return None


def _mention(reading: Reading, ctx: SentenceContext, summary: str, actors, countries) -> EventMention:
    """confidence counts the sentence's actors (ctx.actors): a named person near the date makes the
    date's reading surer even when that person is not the event's."""
    timex, sentence = reading.timex, ctx.sentence
    earliest = datetime.date.fromisoformat(first_day_of_days_ended(timex, ctx.text, sentence.start,
                                                                   ctx.rules.days_ended_before))
    latest = datetime.date.fromisoformat(_joined_latest(timex, ctx))
    grain = granularity(timex["value"], earliest, latest, timex.get("mod"))
    earliest, latest = issue_week_part(earliest, latest, timex["value"], reading.status, ctx.anchor)
    earliest = deadline_start(timex, ctx.text, ctx.rules, earliest, ctx.anchor)
    earliest = year_end_ahead(earliest, latest, timex["text"], reading.status, ctx.anchor)
    gap = distance(timex["start"], timex["end"], reading.main.start, reading.main.end)
    return EventMention(
        key=f"{sentence.start}:{timex['start']}",
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        sentence=sentence.text,
        date_text=timex["text"],
        date_text_start=timex["start"],
        date_text_end=timex["end"],
        timex_value=timex["value"],
        timex_mod=timex.get("mod") or "",
        date_start=earliest,
        date_end=latest,
        granularity=grain,
        event_type=reading.event_type,
        status=reading.status,
        summary=summary,
        actors=list(actors),
        countries=list(countries),
        topics=list(ctx.topics),
        reported_dates=list(ctx.reported),
        confidence=confidence_of(grain, gap, reading.status, ctx.actors, countries),
    )


_JOINED_DAYS = re.compile(r"\s+and\s+")
# "ran from Friday to Sunday", "from May 3 through May 5": a range opened by "from" runs to the second date.
_RANGE_TO = re.compile(r"\s+(?:to|through)\s+")
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)


def _joined_latest(timex: dict, ctx: SentenceContext) -> str:
    """The last day of the happening a date opens: "spent Monday and Tuesday in Ulaanbaatar" is both days,
    "bought tanks in 1996 and 1997" both years, when the next date of the sentence follows after a bare "and"
    (or "to", "through" after a "from": "ran from Friday to Sunday") and is a later one of the same kind (both
    days, both years: the same TIMEX3 value shape)."""
    ranged = bool(_FROM_BEFORE.search(ctx.text, max(0, timex["start"] - 6), timex["start"]))
    for other in ctx.claimants:
        joined = _JOINED_DAYS.fullmatch(ctx.text, timex["end"], other["start"]) or \
            (ranged and _RANGE_TO.fullmatch(ctx.text, timex["end"], other["start"]))
        if (other["start"] > timex["end"] and joined
                and _same_shape(timex, other) and other["earliest"] > timex["latest"]):
            return other["latest"]
    return timex["latest"]


def _same_shape(timex: dict, other: dict) -> bool:
    """Two single days, or two values of one shape ("1996" and "1997", "2001-05" and "2001-06")."""
    if timex["earliest"] == timex["latest"] and other["earliest"] == other["latest"]:
        return True
    first, second = timex["value"], other["value"]
    return len(first) == len(second) and first[:1].isdigit() and second[:1].isdigit() and \
        first.replace("-", "").isdigit() and second.replace("-", "").isdigit() and not timex.get("mod")


_GRAIN_SCORE = {"day": 0.2, "week": 0.15, "month": 0.1}


def confidence_of(grain: str, trigger_gap: int, status: str, actors: list, countries: list) -> float:
    score = 0.4
    score += _GRAIN_SCORE.get(grain, 0.0)
    score += 0.15 if trigger_gap <= CLOSE_TRIGGER else 0.05
    score += 0.1 if actors else 0.0
    score += 0.05 if countries else 0.0
    score -= 0.15 if status == "reported" else 0.0
    return round(min(0.95, max(0.05, score)), 2)
