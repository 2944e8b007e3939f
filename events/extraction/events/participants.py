"""An event's actors and countries: those of the clause governing its date, and the names they are shown by."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from events.extraction.events.clauses import (after_coordinate_conjunction, coordinate_conjunction, coordinate_opening,
                                             next_happening_start, opening_phrase_end)
from events.extraction.events.conjuncts import conjunct_openings
from events.extraction.events.implied_places import is_origin, subject_state_of
from events.extraction.events.places import place_mention_starts
from events.extraction.events.spans import (SPECULATION_BREAK, asides_between, distance, in_cause, inside,
                                           same_span)
from events.extraction.events.triggers import owned_triggers, possessor
from events.extraction.events.windows import SUMMARY_REACH, WITH_BEFORE_LOOKBACK
from events.extraction.mention import ActorRef

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

# Surnames written first: the display name is the full name ("Kim Jong-il", not "Il").
SURNAME_FIRST = frozenset({"Kim", "Lee", "Pak", "Park", "Pek", "Paek", "Jo", "Kang", "Han", "Lim", "Choi", "Ri",
                           "Jiang", "Zhu", "Tang", "Chi", "Li", "Hu", "Wen"})
# "with" before a named counterpart, over its title ("with North Korean Foreign Minister Pek Nam Sun").
_WITH_BEFORE = re.compile(r"\bwith\s+(?:(?:the|his|her|its|their)\s+)?(?:[A-Z][\w.'\u2019-]*\s+){0,5}$")
_POSSESSIVE_AFTER = re.compile(r"[\u2019']s\s+(?:[a-z][\w-]*\s+){0,2}")
_NAME_WORD = re.compile(r"[\w'\u2019.-]+")


def unique_in_order(values) -> list:
    seen, result = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def unique_mentions(mentions) -> list:
    """The first mention of each actor, in order."""
    seen, result = set(), []
    for mention in mentions:
        if mention.ref.name not in seen:
            seen.add(mention.ref.name)
            result.append(mention)
    return result


def unique_actors(mentions) -> list[ActorRef]:
    return [mention.ref for mention in unique_mentions(mentions)]


def countries_in_order(country_mentions, actor_mentions) -> list[str]:
    """Countries named in the sentence and those of its actors ("Sergeev" -> Russia), by first appearance."""
    located = [(m.start, m.code) for m in country_mentions]
    located += [(m.start, m.ref.country) for m in actor_mentions if m.ref.country]
    return unique_in_order(code for _, code in sorted(located))


def _own_span(mention_start: int, reading: Reading, ctx: SentenceContext, asides) -> bool:
    """Is a name at `mention_start` the clause's own: outside its dash asides and outside quotations
    (unless the date is in the same quotation)?"""
    quotes = ctx.quotes
    return not inside(asides, mention_start) and (
        not inside(quotes, mention_start) or same_span(quotes, mention_start, reading.timex["start"]))


def event_countries(reading: Reading, ctx: SentenceContext, actors=None) -> list[str]:
    """The event's countries, by first appearance: its actors' ("Sergeev" -> Russia), those named in the
    clause that governs its date (event_clause), and its place: "in Tehran" within that clause, or, for
    "Sergeev's visit" with no place, where the article put the same person's visit (`reading.place` is the
    code and where the sentence names it, None when an earlier sentence did). A country named only in
    another clause ("days after a Chinese-U.S. summit"), a dash aside or a quotation is not the event's,
    however near. "The two countries" in the clause are the first two named before it in the sentence.
    When the clause names no country and no actor has one, the sentence's countries stand (nothing
    better is known)."""
    codes = clause_countries(reading, ctx, actors)
    return codes if codes else countries_in_order(ctx.country_mentions, ctx.actor_mentions)


def clause_countries(reading: Reading, ctx: SentenceContext, actors=None) -> list[str]:
    """event_countries' own findings (the clause's countries, its people's states, its place); [] when there are
    none."""
    asides = asides_between(ctx.text, reading.clause[0], reading.clause[1], (reading.timex["start"], reading.main.start))
    located = (_clause_countries(reading, ctx)
               + _people_states(ctx, actors, _later_happening_start(reading, ctx), asides,
                                _people_from(reading, ctx)))
    located = [(at, code) for at, code in located if not in_cause(ctx.text, ctx.sentence.start, at)]
    if not located:
        return []
    located = _without_other_places(located, reading, ctx)
    codes = unique_in_order(code for _, code in sorted(located))
    return _with_place(codes, reading, ctx)


def _without_other_places(located: list[tuple[int, str]], reading: Reading,
                          ctx: SentenceContext) -> list[tuple[int, str]]:
    """`located` less the states the clause names only as the place of another happening: an event has one place,
    so when its own place is named in its clause ("fresh from the CIS summit in Moscow on November 30"), a state
    named there only as somewhere else one goes or stays ("arrived in Greece") is not its party, unless a person
    of that state is named too."""
    if not _own_place_in_clause(reading, ctx):
        return located
    gone = _named_only_as_places(located, _places_not_destinations(ctx), reading.place[0])
    return [(at, code) for at, code in located if code not in gone] if gone else located


def _places_not_destinations(ctx: SentenceContext) -> set[int]:
    return {at for at in place_mention_starts(ctx) if not _DESTINATION.search(ctx.text, max(0, at - 20), at)}


def _named_only_as_places(located: list[tuple[int, str]], places: set[int], own: str) -> set[str]:
    """The states of `located` other than `own` whose every entry stands at one of `places`."""
    elsewhere = {code for at, code in located if code != own and at in places}
    return elsewhere - {code for at, code in located if at not in places}


def _own_place_in_clause(reading: Reading, ctx: SentenceContext) -> bool:
    """Is the event's place named in its clause, and not as a journey home ("flew home to Tehran yesterday after four
    days in Russia": home is no event's place)?"""
    place = reading.place
    return bool(place and place[1] is not None and reading.clause[0] <= place[1] < reading.clause[1]
                and not _HOMEWARD_PLACE.search(ctx.text, max(0, place[1] - 12), place[1]))


# A journey's own destination ("the visit to Russia ... may now take place in October") is the event's, wherever the
# sentence puts another place; a journey home ends at no event's place.
_DESTINATION = re.compile(r"\b(?:visit|trip|journey|voyage)\s+to\s+$")
_HOMEWARD_PLACE = re.compile(r"\bhome\s+(?:to\s+)?$")


def _later_happening_start(reading: Reading, ctx: SentenceContext) -> int:
    """Where a later date's own happening of the sentence begins, outside the event's clause (a statement's
    clause holds what it says, later dates and all: "said on Sunday that she had received no reply to the
    invitation she sent to Putin last summer"); the sentence's end when none does."""
    timex = reading.timex
    cut = next_happening_start(timex, max(timex["end"], reading.main.end), ctx.sentence.end, ctx)
    return max(cut, reading.clause[1])


def _people_states(ctx: SentenceContext, actors, cut: int, asides=(), start: int = 0) -> list[tuple[int, str]]:
    """(position, code) of the event's people's states ("Sergeev" -> Russia): of `actors` when given (the
    event's own), else of everyone the sentence names before a later date's own happening (`cut`: "Norway
    promised its share last week, and Mexico's minister, Martens, said on Monday ...": Martens is Monday's); a
    person of another clause ("..., and he will meet Polish President Kwasniewski in early June") does not
    bring his state to this clause's event, nor does one named in an aside of the clause ("Tuomioja, who saw
    Ivanov in Moscow this past February, said yesterday ..."), nor one named before the clause (`start`: "Ivanov
    flew to Belgrade and saw Milosevic, who conceded defeat that evening": the relative clause's statement is no
    Russian's)."""
    chosen = None if actors is None else {ref.name for ref in actors}
    return [(m.start, m.ref.country) for m in ctx.actor_mentions
            if m.ref.country and (m.ref.name in chosen if chosen is not None else start <= m.start < cut
                                  and not inside(asides, m.start))]


def _people_from(reading: Reading, ctx: SentenceContext) -> int:
    """Where the people whose states the event may take begin: the event's clause when it is a relative clause or a
    coordinate main clause of its own; else the sentence (relative_clause_start)."""
    start = reading.clause[0]
    # ("..., and the South Korean ministry asked ..."; or right after one: "..., but Karroubi told ... on Monday")
    if coordinate_conjunction(ctx.text, start) or after_coordinate_conjunction(ctx.text, start):
        return start
    return relative_clause_start(reading, ctx)


def relative_clause_start(reading: Reading, ctx: SentenceContext) -> int:
    """Where the event's clause starts when the date is in a non-restrictive relative clause ("saw Milosevic, who
    conceded defeat that evening": at Milosevic); 0 otherwise (a statement's content may stand before its clause:
    "X will go to Moscow, the ministry announced")."""
    return reading.clause[0] if _in_relative_clause(reading, ctx) else 0


def _with_place(codes: list[str], reading: Reading, ctx: SentenceContext) -> list[str]:
    """`codes` and, last, the country of the event's place when the clause names it, or the sentence's opening
    phrase right before the clause does ("In Washington, Senate Democrats said on Sunday ..."), or an earlier
    sentence placed the same visit."""
    start, end = reading.clause
    place = reading.place
    if place and (place[1] is None or start <= place[1] < end or _opening_place(place[1], start, ctx)) \
            and place[0] not in codes:
        codes.append(place[0])
    return codes


# The sentence's opening phrase of place: "In Washington, ", "In Tokyo too, ".
_OPENING_PLACE = re.compile(r"\s*In\s+(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)?(?:\s+too)?\s*,\s*")


def _opening_place(at: int, clause_start: int, ctx: SentenceContext) -> bool:
    """Is the place at `at` named in the sentence's opening "In X," and does the event's clause follow it?"""
    opening = _OPENING_PLACE.match(ctx.text, ctx.sentence.start)
    return bool(opening and at < opening.end() <= clause_start + 1
                and not ctx.text[opening.end():clause_start].strip())


def _clause_countries(reading: Reading, ctx: SentenceContext) -> list[tuple[int, str]]:
    """(position, code) of the countries named in the event's clause, outside its asides and other
    quotations; "the two countries" there adds the first two named before the clause. A town a traveller
    comes from ("From Ulaanbaatar Putin flew on to Brunei") is none of the event's."""
    start, end = reading.clause
    asides = asides_between(ctx.text, start, end, (reading.timex["start"], reading.main.start))
    # (nor one named in an earlier verb's predicate with its own date: "flew on to Windhoek yesterday and is in
    # Pretoria today": Namibia is yesterday's)
    asides += earlier_conjuncts(reading, start, ctx)
    located = [(m.start, m.code) for m in ctx.country_mentions
               if start <= m.start and m.end <= end and _own_span(m.start, reading, ctx, asides)
               and not is_origin(m, ctx)]
    return located + _pair_before(located, start, end, ctx)


def _pair_before(located: list[tuple[int, str]], start: int, end: int, ctx: SentenceContext) -> list[tuple[int, str]]:
    """"the two countries" in a clause naming fewer than two: the first two named before the clause,
    placed at its start; "the two governments" likewise, and when the sentence names fewer than two, the article's
    subject and home states ("the settlement of Hanoi's debt, which the two governments reached last autumn")."""
    kind = _pair_kind(start, end, ctx) if len({code for _, code in located}) < 2 else None
    if kind is None:
        return []
    before = unique_in_order(m.code for m in ctx.country_mentions if m.end <= start)
    # (and "the two countries" after one of the article's pair named alone: "a visit by China's premier ... the
    # treaty which the two countries plan to sign next year" is the article's pair too)
    if kind == "governments" or _one_of_the_pair(before, ctx):
        before = unique_in_order(before + [subject_state_of(ctx), ctx.rules.home_state])
    return [(start, code) for code in before[:2] if code]


def _one_of_the_pair(before: list[str], ctx: SentenceContext) -> bool:
    home = ctx.rules.home_state
    return len(before) == 1 and bool(home) and before[0] in (home, subject_state_of(ctx))


def _pair_kind(start: int, end: int, ctx: SentenceContext) -> str | None:
    """"pair" when text[start:end] says "the two countries", "governments" for "the two governments" (with a home
    state to fall back on), else None."""
    if ctx.rules.pair_anaphor.search(ctx.text, start, end):
        return "pair"
    if ctx.rules.home_state and ctx.rules.article_pair.search(ctx.text, start, end):
        return "governments"
    return None


def event_actors(reading: Reading, summary: str, ctx: SentenceContext) -> list[ActorRef] | None:
    """The event's actors, by first appearance: those named in the clause that governs its date (the span
    event_countries uses, less an opening phrase with its own parties), outside its dash asides and
    quotations, and not a possessor standing for a state or government ("Putin's Russia", "Bush's
    incoming administration"); always the agent or counterpart the summary names, the owner of a
    trigger ("Sergeev's visit"), the hosts of a visit (people of the country visited) and a meeting's
    counterparts after "with". Empty when the clause names nobody: the caller then keeps the sentence's
    actors; None when it names its parties by country only (no person takes part by name)."""
    start = reading.clause[0]
    end = opening_phrase_end(reading.timex, reading.main, reading.clause, ctx)
    end = _statement_content_start(reading, end, ctx)
    chosen = _clause_actor_mentions(reading, summary, start, end, ctx)
    if chosen:
        return unique_actors(chosen)
    if ctx.text[start - 5:start] == "which":
        return None  # "the treaty, which the two governments initialed in 1997": no one takes part by name
    return _people_of_named_states(reading, start, end, ctx)


def _clause_actor_mentions(reading: Reading, summary: str, start: int, end: int, ctx: SentenceContext) -> list:
    """The sentence's actor mentions that are the event's: always (_always_actors) or named in
    text[start:end] as a participant (_in_clause)."""
    asides = asides_between(ctx.text, start, end, (reading.timex["start"], reading.main.start))
    conjuncts = earlier_conjuncts(reading, start, ctx) + gapped_objects(reading, ctx)
    asides += conjuncts
    relative = _in_relative_clause(reading, ctx)
    always = {id(mention) for mention in _always_actors(reading, summary, ctx)
              if (not relative or start <= mention.start < end) and not inside(conjuncts, mention.start)}
    chosen = [mention for mention in ctx.actor_mentions
              if id(mention) in always or _in_clause(mention, start, end, reading, ctx, asides)]
    return _before_later_clause(chosen, reading, ctx)


def _before_later_clause(chosen: list, reading: Reading, ctx: SentenceContext) -> list:
    """`chosen` less those of a later clause of their own (_later_subject_clause); all of them when none would remain
    (the clause's people are then found otherwise: from its states, or kept whole)."""
    later = _later_subject_clause(reading, ctx)
    return [mention for mention in chosen if mention.start < later] or chosen


def _named(mention) -> bool:
    """Is the mention a name (not "the two men", "both leaders", "he": those go on telling the same people)?"""
    return mention.text[:1].isupper() and not mention.text.lower().startswith(("the ", "both "))


def _later_subject_clause(reading: Reading, ctx: SentenceContext) -> int:
    """Where a later clause with a person for its subject opens after the event's date and trigger (its people are
    its own: "Koizumi and Putin are to meet in Genoa later this month, and Tanaka hopes to see Ivanov in Hanoi");
    the sentence's end when none does."""
    after = max(reading.timex["end"], reading.main.end)
    for mention in ctx.actor_mentions:
        if mention.start > after and _named(mention):
            opening = coordinate_opening(ctx.text, max(after, mention.start - 80), mention)
            if opening is not None:
                return opening
    return ctx.sentence.end


def earlier_conjuncts(reading: Reading, start: int, ctx: SentenceContext) -> list[tuple[int, int]]:
    """The predicate of an earlier verb of the same subject with a date of its own ("He met A and B the same
    day and crossed to Tiraspol on Tuesday for talks with C"): its people are that date's, not this one's;
    the subject before it stays."""
    key = ("earlier conjuncts", reading.timex["start"], reading.main.start, start)
    if key not in ctx.memo:
        ctx.memo[key] = _earlier_conjuncts(reading, start, ctx)
    return list(ctx.memo[key])


def _earlier_conjuncts(reading: Reading, start: int, ctx: SentenceContext) -> list[tuple[int, int]]:
    text, timex = ctx.text, reading.timex
    spans = []
    for opening in conjunct_openings(text, start, timex):
        for other in ctx.claimants:
            if other is not timex and start <= other["start"] < opening:
                own = owned_triggers(other, ctx.claimants, ctx.triggers, ctx.rules, text)[:1]
                if own and start <= own[0].start < opening:
                    spans.append((min(own[0].start, other["start"]), opening))
    return spans


# "is to meet Putin tomorrow and Prime Minister Kasyanov on Friday": one verb, two dates, each with its own
# object after "and" (no punctuation between).
_GAPPED = re.compile(r"\s+and\s+[^,;:()\u2013\u2014]+")


def gapped_objects(reading: Reading, ctx: SentenceContext) -> list[tuple[int, int]]:
    """Spans of the people of another date that shares this date's verb ("is to meet Putin tomorrow and
    Prime Minister Kasyanov on Friday"): for "tomorrow", what lies between it and "Friday"; for "Friday",
    what lies between the verb and "tomorrow". Only when the "and" phrase names a person and no trigger of
    its own."""
    timex, spans = reading.timex, []
    for other in ctx.claimants:
        if other is timex:
            continue
        first, second = (timex, other) if other["start"] > timex["start"] else (other, timex)
        if not _gapping(first["end"], second["start"], ctx):
            continue
        if first is timex:
            spans.append((timex["end"], other["start"]))
        else:
            verb = max((t.end for t in ctx.triggers if t.end <= other["start"]), default=None)
            if verb is not None:
                spans.append((verb, other["end"]))
    return spans + _gapped_after_comma(reading, ctx)


# "was received by A, and the same afternoon by B": the date after ", and" keeps the verb and its subject, with an
# object of its own ("by", "with" after it).
_COMMA_AND_BEFORE = re.compile(r",\s+and\s+$")
_OBJECT_AFTER = re.compile(r"\s+(?:by|with)\s+")


def _gapped_after_comma(reading: Reading, ctx: SentenceContext) -> list[tuple[int, int]]:
    """For a date after ", and" followed by its own "by"/"with" object, the earlier object's span (from the verb
    before it to the comma): its people are the earlier date's."""
    timex, text = reading.timex, ctx.text
    joint = _COMMA_AND_BEFORE.search(text, max(ctx.sentence.start, timex["start"] - 8), timex["start"])
    if joint is None or not _OBJECT_AFTER.match(text, timex["end"]):
        return []
    verb = max((t.end for t in ctx.triggers if t.end <= joint.start()), default=None)
    if verb is None or not any(verb <= m.start < joint.start() for m in ctx.actor_mentions):
        return []
    return [(verb, joint.start())]


def _gapping(low: int, high: int, ctx: SentenceContext) -> bool:
    """Is text[low:high] an "and" phrase naming a person, with no trigger and no punctuation?"""
    return (low < high and bool(_GAPPED.fullmatch(ctx.text, low, high))
            and any(low <= m.start < high for m in ctx.actor_mentions)
            and not any(low <= t.start < high for t in ctx.triggers))


_RELATIVE_OPEN = re.compile(r",\s+(?:who|whose|which)$")


def _in_relative_clause(reading: Reading, ctx: SentenceContext) -> bool:
    """Is the date in a non-restrictive relative clause (", who/which ...")? Its people are then those of
    that clause and its antecedent, not the parties of a trigger beyond it ("Lafer, who took up his post
    only in late January, was received by the president": the president is not late January's)."""
    if ctx.text.find("wh", max(ctx.sentence.start, 0), reading.timex["start"]) < 0:
        return False  # (no "who"/"which" before the date: the scan below cannot end on one)
    breaks = list(SPECULATION_BREAK.finditer(ctx.text, ctx.sentence.start, reading.timex["start"]))
    return bool(breaks) and breaks[-1].group() in ("who", "which") and bool(
        _RELATIVE_OPEN.search(ctx.text, ctx.sentence.start, breaks[-1].end()))


def _people_of_named_states(reading: Reading, start: int, end: int, ctx: SentenceContext) -> list[ActorRef] | None:
    """A clause that names its parties by country only ("between Russian and North Korean officials",
    "the summit of G-7 countries and Russia") keeps the sentence's people of those countries (None when
    there are none); [] when it names no country either. A statement of a state names no one ("..., the
    Latvian Foreign Ministry announced yesterday")."""
    named = [m for m in ctx.country_mentions if start <= m.start < end]
    if not named:
        return []
    if reading.event_type in ctx.rules.statements or _states_as_subject(named, reading, ctx):
        return None
    return _people_of_states({m.code for m in named}, reading, ctx) or None


def _people_of_states(parties: set, reading: Reading, ctx: SentenceContext) -> list[ActorRef]:
    """The sentence's people of `parties`, not those of a later date's own happening ("..., and Foreign Minister
    Lee had to explain it to the US ambassador the same day")."""
    timex = reading.timex
    cut = next_happening_start(timex, max(timex["end"], reading.main.end), ctx.sentence.end, ctx)
    return unique_actors(m for m in ctx.actor_mentions if m.ref.country in parties and m.start < cut)


def _states_as_subject(named: list, reading: Reading, ctx: SentenceContext) -> bool:
    """Does the clause name its parties by state name only, one right before the trigger as its subject ("the
    fighters that Indonesia shelved in 1997", "the accord Washington and Tashkent signed on October 12")? The states
    act; no one takes part by name. ("the summit of G-7 countries and Russia", "China and Russia are to sign" keep
    the sentence's people of those states.)"""
    main = reading.main
    return all(m.kind in ("name", "capital") for m in named) and any(
        m.end <= main.start and not ctx.text[m.end:main.start].strip() for m in named)


# Where what a statement says begins, after its verb: "said on Sunday that she had received no reply to the
# invitation she sent to Vladimir Putin": Putin is in what she said, not a party to her saying it.
_CONTENT_OPEN = re.compile(r"\bthat\b|[:\u201c]")


def statement_content_start(reading: Reading, ctx: SentenceContext) -> int:
    """Where what a statement says begins ("said on Tuesday that Poland should ask Putin ..."): its people are
    what is said about, not the speaker; the sentence's end for any other event."""
    return _statement_content_start(reading, ctx.sentence.end, ctx)


def _statement_content_start(reading: Reading, end: int, ctx: SentenceContext) -> int:
    if reading.event_type not in ctx.rules.statements:
        return end
    after = max(reading.main.end, reading.timex["end"])
    content = _CONTENT_OPEN.search(ctx.text, after, end)
    return content.start() if content else end


def _in_clause(mention, start, end, reading, ctx, asides) -> bool:
    """Is the person named in the clause, outside its asides and other quotations, as a participant
    (not a possessor standing for a state: "Putin's Russia")?"""
    return (start <= mention.start and mention.end <= end and _own_span(mention.start, reading, ctx, asides)
            and not _stands_for_state(mention, ctx) and not _possessive_of_other(mention, ctx))


# "his" (anaphora) names a party where it says whose counterpart or part it is ("telephoned his Georgian
# counterpart", "his part in the summit"); before anything else ("his visit was a follow-up to talks") it
# is the owner of another happening, a party of this one only as the owner of its trigger (_always_actors).
_HIS_PARTY = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:counterparts?|colleagues?|part|participation|role|hosts?|guests?)\b")


def _possessive_of_other(mention, ctx: SentenceContext) -> bool:
    return mention.text in ("his", "His") and not _HIS_PARTY.match(ctx.text, mention.end)


def _always_actors(reading: Reading, summary: str, ctx: SentenceContext) -> list:
    """The actor mentions that are the event's wherever they stand: the summary's names, the trigger's
    owner, a visit's hosts (the people of the country visited: "Putin's visit to North Korea ... with
    Kim") and a meeting's counterparts after "with" ("met ... with X and, more important, with Y"; not those of a
    later date's own happening: "welcomed his guest on Tuesday morning, and X held talks with him that afternoon")."""
    main = reading.main
    hosts = {reading.place[0]} if reading.place and main.event_type == "visit" else set()
    # Hosts stop where a later date's own happening begins ("... to prepare a visit by Chirac next year").
    later_cut = min(next_happening_start(reading.timex, max(reading.timex["end"], main.end), ctx.sentence.end, ctx),
                    _speakers_part(reading, ctx))
    named = set(_NAME_WORD.findall(summary))
    owners = _trigger_owners(reading, ctx)
    clause_start = reading.clause[0]
    # (not a host named in an aside with a happening of its own: "Arafat, who telephoned Putin on
    # January 12, is expected in Moscow early next month")
    asides = asides_between(ctx.text, clause_start, later_cut, (reading.timex["start"], main.start))
    # (the summary's names only before a later date's own happening: "The statement, signed on Tuesday, ...,
    # and Foreign Minister Lee had to explain it to the US ambassador the same day": Lee is the same day's)
    return [mention for mention in ctx.actor_mentions
            if mention.ref.name in owners
            or (_before(mention, later_cut) and (set(display_name(mention.ref.name).split()) <= named
                                                 or counterpart_with(mention, main, ctx)))
            or (_host_in(mention, hosts, clause_start, later_cut) and not inside(asides, mention.start))]


def _speakers_part(reading: Reading, ctx: SentenceContext) -> int:
    """Where what a statement says begins ("Kaczynski said on Tuesday that Poland should ask Putin ...", "The
    opposition said on Friday that he was too soft": the summary quotes the people spoken about); the sentence's
    end when a state, and no person, speaks ("Moscow announced that Putin will make a trip": the state speaks
    through the person whose happening it announces)."""
    content = statement_content_start(reading, ctx)
    start = reading.clause[0]
    if any(start <= m.start < content for m in ctx.country_mentions) \
            and not any(start <= m.start < content for m in ctx.actor_mentions):
        return ctx.sentence.end
    return content


def _before(mention, position: int) -> bool:
    return mention.start < position


def _trigger_owners(reading: Reading, ctx: SentenceContext) -> set:
    """The owners of the triggers that type the event ("Sergeev's visit"); another trigger in reach may be
    another happening's ("Komardin said that his visit was a follow-up to talks ... this past December").
    The trigger must be in the date's clause too ("..., the first since Gorbachev's trip in April 1989":
    that trip is April 1989's, not yesterday's)."""
    clause_start, clause_end_ = reading.clause
    return {possessor(trigger, ctx.actor_mentions, ctx.text) for trigger in reading.own
            if trigger.event_type == reading.main.event_type and clause_start <= trigger.start < clause_end_}


def _host_in(mention, hosts: set, start: int, end: int) -> bool:
    """Is the person of a host country (a visit's) and named between `start` and `end`?"""
    return bool(mention.ref.country and mention.ref.country in hosts and start <= mention.start < end)


def counterpart_with(mention, main, ctx: SentenceContext) -> bool:
    """A meeting's counterpart named after "with" ("met ... with X and, more important, with Y")."""
    return main.event_type == "meeting" and mention.start > main.start and bool(_WITH_BEFORE.search(
        ctx.text, max(main.end, mention.start - WITH_BEFORE_LOOKBACK), mention.start))


def _stands_for_state(mention, ctx: SentenceContext) -> bool:
    """"Putin's Russia", "Bush's incoming presidential administration": the person names a state or its
    government, not someone who takes part."""
    match = _POSSESSIVE_AFTER.match(ctx.text, mention.end)
    if not match:
        return False
    if any(m.start == match.end() for m in ctx.country_mentions):
        return True
    return bool(ctx.rules.state_nouns.match(ctx.text, match.end()))


def acts_through_agent(mention, ctx: SentenceContext) -> bool:
    """"President Putin's envoy", "Chirac's spokesman": the person is named for whom someone else acts;
    the envoy, not the person, takes part in what the clause tells."""
    return bool(ctx.rules.agent_after.match(ctx.text, mention.end))


def actors_nearest(mentions, near: tuple[int, int]) -> list[ActorRef]:
    """Distinct actors of `mentions`, nearest the span `near` first; none unless the nearest is within
    SUMMARY_REACH (a far actor is usually another clause's subject)."""
    ordered = sorted(mentions, key=lambda m: distance(m.start, m.end, *near))
    if not ordered or distance(ordered[0].start, ordered[0].end, *near) > SUMMARY_REACH:
        return []
    return unique_actors(ordered)


def state_is_nearer(country_mentions, actor_mentions, near: tuple[int, int], place: str | None) -> bool:
    """Is a state named as such ("Moscow", "Russia"; not an adjective, not the place) nearer `near`
    than every actor?"""
    states = [distance(m.start, m.end, *near) for m in country_mentions
              if m.kind in ("name", "capital") and m.text != place]
    people = [distance(m.start, m.end, *near) for m in actor_mentions]
    return bool(states) and (not people or min(states) < min(people))


def countries_nearest(mentions, near: tuple[int, int], place: str | None) -> list[str]:
    """Country codes nearest the span `near`, leaving out the place's country ("visits Moscow")."""
    place_codes = {m.code for m in mentions if m.text == place}
    ordered = sorted((m for m in mentions if m.code not in place_codes), key=lambda m: distance(m.start, m.end, *near))
    return unique_in_order(m.code for m in ordered)


def display_name(name: str) -> str:
    """Short name for a summary: the surname ("Sergeev"), or the whole name when it is written first."""
    parts = name.split()
    if len(parts) > 1 and parts[0] in SURNAME_FIRST:
        return name
    return parts[-1]


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
