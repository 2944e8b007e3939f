"""Coordinated main clauses: ", and <a subject of its own> <finite verb>" opens another happening's clause.

"Putin toured the plant during his visit to Havana last December, and the Cuban leader was assured that ...":
the second clause has a subject and a verb of its own, so its people are not the first clause's parties, even
when a rule would take them wherever they stand (a visit's hosts, a name the summary repeats). Conversely the
people of the first clause are not the second's ("X is due in Moscow on Wednesday, and Y is expected to follow
next month": Y alone is next month's).

    own_clause_actors(reading, ctx, actors) -> actors

Also (reported_actors): what a reporting verb reports after its "that" has for parties only the people it names,
not the speaker ("X said on Friday that his government would send a delegation next month": no one by name).

A person is dropped only when every mention of him in the sentence lies in another coordinated clause than the
date and its trigger; one the sentence does not name (taken from an earlier sentence) stays. Nothing is dropped when
the date's clause names no person of its own and tells its happening by a definite noun (it is an earlier clause's:
"Putin accepted an invitation to visit Israel, and officials said the trip would take place next year"), nor the
earlier clauses' people when it points back to them by an object pronoun ("X arrived on Monday night, and the president received him
the next morning"). A ", and" after a mere noun phrase ("The fleet's commander, Admiral X, and the head of the navy,
Admiral Y, will meet") joins two subjects, no clauses. (The same cut applied to states was tried and taken back:
dev +3, heldout6 +1, but the validation part val7 -2.)
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

# ", and" (", but", ", while") then a subject that opens on a capital, a determiner or a subject pronoun (", and he
# will attend the summit in March"), at most ten words (an apposition's commas allowed), then a finite verb: an
# auxiliary or a common past tense.
_COORDINATE = re.compile(
    r",\s+(?:and|but|while)\s+(?=(?:the|a|an|his|her|its|their|[A-Z])[\w'\u2019.-]*\s|(?:he|she|they|it|we)\s)"
    r"(?:[\w'\u2019.-]+,?\s+){1,10}?"
    r"(?:is|are|was|were|has|have|had|will|would|may|might|could|can|should|must|did|does|"
    r"said|says|told|met|left|came|went|flew|took|made|gave|sent|won|held|spoke|saw|[a-z]{3,}ed)\b")


# A finite verb of the clause before the ", and": it is a clause, not a subject of the verb after.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|may|might|could|can|should|must|did|does|"
                     r"said|says|told|met|left|came|went|flew|took|made|gave|sent|won|held|spoke|saw|[a-z]{3,}ed)\b")
_OBJECT_PRONOUN = re.compile(r"\b(?:him|her|them)\b")
# A happening told by a definite noun ("the trip"): one told before.
_DEFINITE = re.compile(r"\b(?:the|this|that)\s+(?:[a-z-]+\s+){0,2}$")
_DEFINITE_REACH = 40


def coordinate_breaks(ctx: SentenceContext) -> list[int]:
    """Where the sentence's coordinated main clauses open (the comma before "and"), in order."""
    key = ("coordinate breaks", ctx.sentence.start)
    if key not in ctx.memo:
        sentence, breaks = ctx.sentence, []
        for match in _COORDINATE.finditer(ctx.text, sentence.start, sentence.end):
            before = breaks[-1] if breaks else sentence.start
            if _FINITE.search(ctx.text, before, match.start()) or any(
                    before <= t.start < match.start() for t in ctx.triggers):
                breaks.append(match.start())
        ctx.memo[key] = breaks
    return ctx.memo[key]


def own_clause_actors(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` less those the sentence names only in another coordinated main clause than the date's."""
    span = _date_clause(reading, ctx)
    if span is None or not actors:
        return actors
    start, end = span
    mentions = ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end)
    if _tells_earlier_happening(reading, start, end, mentions, ctx):
        return actors
    if _OBJECT_PRONOUN.search(ctx.text, start, end):
        start = ctx.sentence.start  # "... received him the next morning": the earlier clauses' people stay
    where: dict[str, list[int]] = {}
    for mention in mentions:
        where.setdefault(mention.ref.name, []).append(mention.start)
    return [ref for ref in actors if ref.name not in where or any(start <= at < end for at in where[ref.name])]


def _date_clause(reading: Reading, ctx: SentenceContext) -> tuple[int, int] | None:
    """The coordinated main clause holding the date and its trigger; None when the sentence is one clause (or
    they lie in different ones)."""
    breaks = coordinate_breaks(ctx)
    if not breaks:
        return None
    timex, main = reading.timex, reading.main
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    start = max((at for at in breaks if at < low), default=ctx.sentence.start)
    end = min((at for at in breaks if at >= high), default=ctx.sentence.end)
    return None if (start, end) == (ctx.sentence.start, ctx.sentence.end) else (start, end)


def _tells_earlier_happening(reading: Reading, start: int, end: int, mentions, ctx: SentenceContext) -> bool:
    """Does the clause name no person of its own and tell its happening by a definite noun ("..., and officials
    said the trip would take place next year")? Then the happening is one told before, with its people."""
    main = reading.main
    if _PRONOUN_SUBJECT.match(ctx.text, start):
        return False  # ", and he will attend the summit in March": a subject of its own
    return bool(_DEFINITE.search(ctx.text, max(start, main.start - _DEFINITE_REACH), main.start)) and not any(
        start <= m.start < end and not _PRONOUN.fullmatch(m.text) for m in mentions)


_PRONOUN_SUBJECT = re.compile(r",\s+(?:and|but|while)\s+(?:he|she)\s")


_PRONOUN = re.compile(r"(?:he|she|him|her|his|they|them|their)", re.IGNORECASE)


# "said on Monday that", "agreed with X that": a reporting verb's "that" opens what it reports.
_THAT = re.compile(r"\bthat\b")
_AND_THAT = re.compile(r",?\s+and\s+that\b")
_REPORT_REACH = 50
_POSSESSIVE = re.compile(r"(?:his|her|its|their)", re.IGNORECASE)


def reported_content(reading: Reading, ctx: SentenceContext) -> tuple[int, int] | None:
    """The span of what a reporting verb of the sentence reports, when the date and its trigger lie in it (and the
    event is not the report itself): from its "that" to the next ", and that" or the sentence's end."""
    rules, timex, main = ctx.rules, reading.timex, reading.main
    if reading.event_type in rules.statements:
        return None
    low = min(timex["start"], main.start)
    for trigger in reversed(ctx.triggers):
        if trigger.event_type not in rules.statements or trigger.end > low:
            continue
        that = _THAT.search(ctx.text, trigger.end, min(low, trigger.end + _REPORT_REACH))
        if that is None:
            return None
        more = _AND_THAT.search(ctx.text, max(timex["end"], main.end), ctx.sentence.end)
        return that.start(), more.start() if more else ctx.sentence.end
    return None


def reported_actors(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` less the speaker of a report whose content holds the event: only people the content names take part
    in what it tells ("Berdyev said that his country would send a delegation to Moscow next month": no one by name;
    "X said that Y would come in May": Y)."""
    span = reported_content(reading, ctx)
    if span is None or not actors:
        return actors
    start, end = span
    inside = {m.ref.name for m in ctx.entities.actors_in(start, end) if not _POSSESSIVE.fullmatch(m.text)}
    mentioned = {m.ref.name for m in ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end)}
    return [ref for ref in actors if ref.name in inside or ref.name not in mentioned]


# Between two names of one list: a comma, "and" or both, and at most a capitalised title ("A, B and President C").
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[A-Z][\w.'\u2019-]*\s+){0,3}")


def with_list_mates(ctx: SentenceContext, actors: list, countries: list) -> tuple[list, list]:
    """`actors` and the other people of a list of names one of them stands in ("their foreign ministers, A, B and
    C, had compared notes": all three), and `countries` with the added people's states; a list is names with only
    commas, "and" and titles between them."""
    added = _list_mates(ctx, actors) if actors else []
    if not added:
        return actors, countries
    return actors + added, list(dict.fromkeys(countries + [ref.country for ref in added if ref.country]))


def _list_mates(ctx: SentenceContext, actors: list) -> list:
    """The people (ActorRef, each once) who stand in a list of names with one of `actors` and are not among them."""
    mentions = [m for m in ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end)
                if not _PRONOUN.fullmatch(m.text)]
    chosen = {ref.name for ref in actors}
    added: dict = {}
    for group in _name_lists(mentions, ctx.text):
        if _RELATIVE_AFTER.match(ctx.text, group[-1].end):
            continue  # "A and B, who last came to Moscow in December": the relative clause is B's alone
        if chosen & {m.ref.name for m in group}:
            added.update((m.ref.name, m.ref) for m in group if m.ref.name not in chosen)
    return list(added.values())


_RELATIVE_AFTER = re.compile(r"\s*,\s*(?:who|whom|whose)\b")
_POSSESSIVE_AFTER = re.compile(r"[\u2019']s\b")


# ", and" then a person and his verb: a new clause with its own subject ("... met Igor Ivanov, and Vice-President
# Lage held talks with Kasyanov"), not the last item of a list.
_COMMA_AND = re.compile(r"\s*,\s*and\s")
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+-)?(?:[a-z]{2,}ed|held|met|went|came|flew|made|took|gave|saw|told|said|sent|spoke|"
                         r"is|was|are|were|has|had|will|would)\b")


def _opens_clause(text: str, gap_start: int, mention) -> bool:
    return bool(_COMMA_AND.match(text, gap_start)) and bool(_VERB_AFTER.match(text, mention.end))


def _name_lists(mentions: list, text: str) -> list[list]:
    """Runs of two or more names joined only by list gaps (_LIST_GAP), in order; a possessive ends no list ("X,
    President Putin's envoy": an apposition)."""
    groups, run = [], mentions[:1]
    for previous, mention in zip(mentions, mentions[1:]):
        if (_LIST_GAP.fullmatch(text, previous.end, mention.start) and not _POSSESSIVE_AFTER.match(text, mention.end)
                and not _opens_clause(text, previous.end, mention)):
            run.append(mention)
            continue
        if len(run) > 1:
            groups.append(run)
        run = [mention]
    if len(run) > 1:
        groups.append(run)
    return groups


# Between a possessed happening noun and its date, nothing that ends its noun phrase: no punctuation, "and", or verb
# ("the Russian president's visit to Kyiv at the end of May", "Chernomyrdin's visit in February 1995").
_PHRASE_END = re.compile(r"[,;:()\u2013\u2014\"\u201c\u201d]|\band\b|\bwhich\b|\bwho\b")
_OWNED_REACH = 60


def owned_happening_actors(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` of an event told by a possessed noun whose date stands in the same noun phrase ("their first talks
    since the Russian president's visit to Kyiv at the end of May"): the owner and the people named inside the phrase
    only, and a visit's hosts (people of the state visited, participants.py's rule); the sentence's other people are
    the parties of the verb the phrase hangs on, not of the owner's happening.
    Conversely, a person named only as the owner in another date's such phrase is that date's, not this event's
    ("signed when Yeltsin came in August 1993 ... during Chernomyrdin's visit in February 1995")."""
    if not actors:
        return actors
    phrases = owned_phrases(ctx)
    timex = reading.timex
    own = next(((owner, start) for owner, start, date in phrases if date is timex), None)
    if own is not None:
        return _own_phrase_actors(reading, ctx, actors, *own)
    others = [(start, date["end"]) for owner, start, date in phrases if date is not timex]
    if not others:
        return actors
    return _outside_other_phrases(ctx, actors, others)


def _own_phrase_actors(reading: Reading, ctx: SentenceContext, actors: list, owner, start: int) -> list:
    """The owner of the event's own phrase, the people named inside it and a visit's hosts."""
    inside_phrase = {m.ref.name for m in ctx.entities.actors_in(start, reading.timex["end"])}
    hosts = _hosts(reading)
    kept = [ref for ref in actors if ref.name in inside_phrase or (ref.country and ref.country in hosts)]
    return kept if any(ref.name == owner.ref.name for ref in kept) else [owner.ref] + kept


def _outside_other_phrases(ctx: SentenceContext, actors: list, others: list[tuple[int, int]]) -> list:
    """`actors` less those named only inside other dates' owned phrases (spans `others`)."""
    where: dict[str, list[int]] = {}
    for mention in ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end):
        where.setdefault(mention.ref.name, []).append(mention.start)
    return [ref for ref in actors if ref.name not in where
            or not all(any(low <= at < high for low, high in others) for at in where[ref.name])]


def _hosts(reading: Reading) -> set:
    """The state visited, when the event is a visit with a place."""
    return {reading.place[0]} if reading.place and reading.main.event_type == "visit" else set()


def owned_phrases(ctx: SentenceContext) -> list[tuple]:
    """The sentence's possessed happening nouns dated inside their own noun phrase ("X's visit to Kyiv at the end of
    May"): (owner mention, where the phrase opens, the date), in order."""
    key = ("owned phrases", ctx.sentence.start)
    if key not in ctx.memo:
        found = []
        for timex in ctx.claimants:
            owner = _owner_of_dated_noun(ctx, timex)
            if owner is not None:
                found.append((owner, owner.start, timex))
        ctx.memo[key] = found
    return ctx.memo[key]


def _owner_of_dated_noun(ctx: SentenceContext, timex: dict):
    """The owner mention of the happening noun just before `timex` in one noun phrase with it, or None."""
    trigger = max((t for t in ctx.triggers if t.end <= timex["start"] and ctx.sentence.start <= t.start),
                  key=lambda t: t.end, default=None)
    if trigger is None or timex["start"] - trigger.end > _OWNED_REACH:
        return None
    if _PHRASE_END.search(ctx.text, trigger.end, timex["start"]) or _FINITE.search(ctx.text, trigger.end,
                                                                                   timex["start"]):
        return None
    return _owner_mention(trigger, ctx)


def _owner_mention(trigger, ctx: SentenceContext):
    """The person mention owning `trigger` ("Sergeev's visit", "the vice president's visit"), or None."""
    for mention in ctx.entities.actors_in(max(ctx.sentence.start, trigger.start - 80), trigger.start):
        if _OWNER_GAP.fullmatch(ctx.text, mention.end, trigger.start):
            return mention
    return None


_OWNER_GAP = re.compile(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}")




# A person named only as the owner of the other party ("his counterpart", "his hosts"): a party of a two-sided
# happening, not of a statement ("His counterpart, X, said yesterday that ...": X speaks; "Y told his hosts that").
_OWNER_OF_OTHER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:counterparts?|colleagues?|hosts?|guests?|visitors?)\b")


def statement_actors(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` of a statement less the people named only as the owner of its addressee or of its speaker ("his
    counterpart", "his hosts") and those named only as the addressee ("his hosts": a description of the other party)."""
    if reading.event_type not in ctx.rules.statements or len(actors) < 2:
        return actors
    where: dict[str, list] = {}
    for mention in ctx.entities.actors_in(ctx.sentence.start, ctx.sentence.end):
        where.setdefault(mention.ref.name, []).append(mention)
    kept = [ref for ref in actors if ref.name not in where or not all(_names_other_party(m, ctx) for m in
                                                                        where[ref.name])]
    return kept or actors


def _names_other_party(mention, ctx: SentenceContext) -> bool:
    word = mention.text.split()[0].lower()
    return word in ("his", "her", "their") and (mention.end - mention.start > len(word)
                                                or bool(_OWNER_OF_OTHER.match(ctx.text, mention.end)))
