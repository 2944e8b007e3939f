"""An event whose verb has a subject of its own that is no person: "Ten years after the Verkhovna Rada declared
independence on August 24, 1991, Putin stood beside Kuchma", "the evidence that his government had published on
Thursday", "the union's leaders meet in Nice in early December", "Pakistani diplomats complained the same day".
Its clause opens on that subject, so the people named before it (the sentence's main clause: Putin, Kuchma) act
elsewhere; the event keeps only the people named from its subject on (its objects: "informed Albright").
A body, a state, a people or unnamed officials acting take no person with them (docs/annotation.md: a statement
by unnamed officials has no actors)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from events.extraction.events.verbs import all_forms, alternation

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

# A clause opening (a comma, a semicolon, or a conjunction), then a noun phrase opened by a determiner or a
# possessive, then the verb's auxiliaries, right before the trigger. The phrase's own words are at most five.
# Words no subject phrase holds (a verb, a relative: "the two leaders are expected to meet", "an Arabist who visited").
_NOT_NP = r"(?:who|whom|which|that|to|be|been|is|are|was|were|has|have|had|will|would|expected|due)\b"
_SUBJECT = re.compile(
    r"(?:[,;:]\s+|\b(?:and|that|when|where|after|before|while|but|since|until|because|though|although)\s+)"
    rf"(?P<np>(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?)\s+(?:(?!{_NOT_NP})[\w'\u2019-]+\s+){{0,4}}?(?!{_NOT_NP})[\w\u2019'-]+\s+)"
    r"(?P<aux>(?:(?:had|has|have|was|were|is|are|will|would|did|does|do|had\s+been|has\s+been|have\s+been|"
    r"was\s+to|were\s+to|is\s+to|are\s+to|also|then|first|already|formally|finally)\s+){0,3})$")
# A verb form at the trigger: a past or present form (no article or preposition can stand between a subject and
# its verb); a noun trigger ("the CIS summit", "the attacks") has the phrase before it for its own modifiers.
_VERB_FORM = re.compile(r"[a-z]+(?:ed|es)\b|" + alternation(all_forms("common")) + r"\b")
def _title_heads() -> tuple[str, ...]:
    """The head noun of every title (roles.json titles: "foreign minister" -> "minister", "secretary of state" ->
    "secretary") but "official" (docs/annotation.md: unnamed officials are no event's people)."""
    roles = json.loads((Path(__file__).resolve().parents[1] / "data" / "roles.json").read_text(encoding="utf-8"))
    heads = (title.split(" of ")[0].split()[-1] for title in roles["titles"])
    return tuple(re.escape(head) for head in dict.fromkeys(heads) if head != "official")


# Words that end a determiner's noun phrase as a person ("the president", "the two men"): anaphora resolves those
# it can; one it cannot is still a person, not a body: the title vocabulary's head nouns, and nouns of a person
# that are no title.
_PERSON_NOUNS = ("men", "man", "woman", "guest", "host", "visitor", "two")
_PERSON_HEAD = re.compile(r"\b" + alternation(_title_heads() + _PERSON_NOUNS) + r"\s+$")


def nonperson_subject_start(reading: Reading, ctx: SentenceContext) -> int | None:
    """Where the noun phrase that is the event's verb's own subject opens, when it names no person; None otherwise."""
    main = reading.main
    if not _VERB_FORM.match(ctx.text, main.start):
        return None
    match = _SUBJECT.search(ctx.text, max(ctx.sentence.start, main.start - 90), main.start)
    if match is None or not _is_verb(match, main, ctx.text):
        return None
    np_start, np_end = match.span("np")
    if reading.timex["end"] <= np_start or _PERSON_HEAD.search(ctx.text, np_start, np_end):
        return None  # (a date before the subject's clause opens is another clause's: "By the time he left on Friday,")
    if _tied_to_person(match.start(), ctx) or any(np_start <= m.start < main.start for m in ctx.actor_mentions):
        return None
    return np_start


def _is_verb(match: re.Match, main, text: str) -> bool:
    """After auxiliaries the trigger is a verb; else only in a verb's form (not "the CIS summit")."""
    return bool(match.group("aux")) or bool(_VERB_FORM.fullmatch(text, main.start, main.end))


def _tied_to_person(opening: int, ctx: SentenceContext) -> bool:
    """Does the phrase open with "and" right after a person ("the two men and their wives watched": one subject) or
    with a comma right after one ("Voronin, a Communist elected by parliament": his apposition)?"""
    text = ctx.text
    if text.startswith(",", opening):
        return any(m.end == opening for m in ctx.actor_mentions)
    return text.startswith("and", opening) and any(m.end <= opening and not text[m.end:opening].strip()
                                                   for m in ctx.actor_mentions)


_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]")


def without_people_before_own_subject(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` less those named outside the clause of the event's own non-person subject (nonperson_subject_start):
    from the subject to the first break after the date and the trigger."""
    if not actors:
        return actors
    start = nonperson_subject_start(reading, ctx)
    if start is None:
        return actors
    after = max(reading.timex["end"], reading.main.end)
    brk = _CLAUSE_END.search(ctx.text, after, ctx.sentence.end)
    end = brk.start() if brk else ctx.sentence.end
    own = {m.ref.name for m in ctx.actor_mentions if start <= m.start < end}
    return [ref for ref in actors if ref.name in own]


# "Putin's trip", "Chi's visit", "the visit of Khatami": a person named only as the possessor of a happening's noun.
_POSSESSOR_AFTER = re.compile(r"[\u2019']s\s+(?:[\w-]+\s+)?$")
_OF_BEFORE = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}$")


def without_owners_of_other_happenings(reading: Reading, ctx: SentenceContext, actors: list) -> list:
    """`actors` less a person every mention of whom in the sentence owns another happening than the event's ("The
    Indian prime minister is expected early next month, on the visit owed since Putin's trip to New Delhi": Putin's
    is the trip; "the spokesman said Chi's visit had no connection": Chi's is the visit); all of them when no one
    else would remain."""
    if len(actors) < 2:
        return actors
    main = reading.main  # (the event's other own triggers may be another happening's: "said Chi's visit had")
    others = [t for t in ctx.triggers if (t.start, t.end) != (main.start, main.end)]
    if not others:
        return actors
    owners = {ref.name for ref in actors if _only_owner(ref.name, others, ctx)}
    kept = [ref for ref in actors if ref.name not in owners]
    return kept or actors


def _only_owner(name: str, others: list, ctx: SentenceContext) -> bool:
    mentions = [m for m in ctx.actor_mentions if m.ref.name == name]
    return bool(mentions) and all(_owns(m, others, ctx.text) for m in mentions)


def _owns(mention, others: list, text: str) -> bool:
    """Is the mention the possessor of one of `others` ("X's visit", "X's planned visit", "the visit of X")?"""
    for trigger in others:
        if trigger.start >= mention.end and _POSSESSOR_AFTER.fullmatch(text, mention.end, trigger.start):
            return True
        if trigger.end <= mention.start and _OF_BEFORE.fullmatch(text, trigger.end, mention.start):
            return True
    return False
