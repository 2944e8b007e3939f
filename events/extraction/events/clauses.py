"""The clause that governs an event's date: the span whose countries and people are the event's."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from events.extraction.events.conjuncts import (bare_predicate, clause_after_apposition, date_predicate_at,
                                                departure_at, description_apposition_commas,
                                                names_apposition_commas)
from events.extraction.events.spans import APPOSITION_END, DASH_ASIDE, PRESENT_VERBS, RELATIVE_ASIDE, SPECULATION_BREAK
from events.extraction.events.triggers import Trigger, owned_triggers
from events.extraction.events.verbs import AUXILIARIES, MODALS, all_forms, alternation, pasts
from events.extraction.events.windows import REPORTED_REACH

if TYPE_CHECKING:
    from events.extraction.events.context import SentenceContext

_BETWEEN = re.compile(r"\bbetween\b")

# A sentence whose subject is a personal pronoun or "the two men/leaders/...": at its start, or after a short
# opening phrase ("On Sunday he celebrated ...", "That evening they dined ...").
_PRONOUN_SUBJECT = re.compile(
    r"\s*(?:(?:On|In|At|Later|Earlier|Then|After|Before|That|The\s+same|The\s+next|Next|By|During)\b"
    r"[^,.;:\n]{0,40}?(?:,\s*|\s+))?(?:He|She|They|he|she|they|Their|their|[Tt]he\s+two\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:men|leaders|presidents|premiers|ministers|delegations|sides|heads\s+of\s+state|couples|chairmen|"
    r"statesmen|envoys|negotiators))\b(?!\s+(?:is|are|was|were)\s+said\b)")


# "the two men", "both leaders": the two people of the happening just told, named again as a pair.
PAIR_OF_PEOPLE = re.compile(r"\b(?:[Tt]he\s+two|[Bb]oth)\s+(?:[a-z-]+\s+){0,2}?(?:men|leaders|presidents|premiers|"
                            r"ministers|heads\s+of\s+state|couples|chairmen|statesmen|envoys|negotiators)\b")


def pronoun_subject(text: str, start: int, end: int) -> bool:
    """Does the sentence text[start:end] have a personal pronoun (or "the two leaders") for its subject? Such a
    sentence goes on telling the people of the happening just told ("They dined together that evening")."""
    return bool(_PRONOUN_SUBJECT.match(text, start, end))


def event_clause(timex: dict, main: Trigger, ctx: SentenceContext) -> tuple[int, int]:
    """The clause that governs the date: from the date to its trigger, widened to the nearest clause
    breaks the status rules use (SPECULATION_BREAK: punctuation, "that", "when", "which", "who",
    "while", "but"), stepping over dash asides. Widenings: an opening phrase that names no person
    ("Following talks in Tehran on Monday, a Russian official told ...") runs on into the main clause,
    whose subject it shares; what a reporting verb of the clause reports ("Moscow announced that Putin
    will go to Pyongyang") is part of the statement; and a country after a comma ("in Okinawa, Japan")
    stays with its place."""
    low, high = min(timex["start"], main.start), max(timex["end"], main.end)
    start = _clause_start(ctx.text, low, ctx)
    aside_end = time_aside_after(timex, ctx.text)
    if aside_end is not None and main.start >= aside_end:
        start = aside_end  # "On Saturday, two days before X arrived, Y held talks": Y's clause, not X's
    end = relative_aside_end(timex, main, _clause_end_after(ctx.text, start, high, ctx), ctx)
    end = _subordinate_start(ctx.text, high, end)
    if main.event_type in ctx.rules.statements:
        return start, end  # what a statement reports is its content, later dates and all
    return start, next_happening_start(timex, high, end, ctx)


# "On Saturday, two days before Rushailo arrived, X held talks ...": an aside right after the date that sets another
# happening beside it by a stretch of time; the date is the main clause's after it, not the aside's verb's.
_TIME_ASIDE = re.compile(r",\s+(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+"
                         r"(?:hours?|days?|weeks?|months?|years?)|the\s+(?:day|week|evening|night|morning)|shortly|"
                         r"just|soon|only|hours|days|weeks)\s+(?:before|after)\s+[^,;()\u2013\u2014]{1,80},")


def time_aside_after(timex: dict, text: str) -> int | None:
    """The end of a time aside right after the date (after its closing comma), else None."""
    if not text.startswith(",", timex["end"]):
        return None
    aside = _TIME_ASIDE.match(text, timex["end"])
    return aside.end() if aside else None


# "shortly after Uzbek President Islam Karimov agreed to ...", "five days after Serbian Prime Minister Zoran Djindjic
# had him flown out": "after" or "before" opening a clause with a subject and a finite verb of its own (not "after
# talks with Kuchma", a phrase of the same happening).
# (r"[ab](?<!\w[ab])(?:(?<=a)fter|(?<=b)efore)" is r"\b(?:after|before)", opening with a class of first letters,
# which re skips to in C instead of trying every position.)
_SUBORDINATE = re.compile(r"[ab](?<!\w[ab])(?:(?<=a)fter|(?<=b)efore)\s+(?:(?:the|his|her|its|their)\s+)?(?:[A-Z][\w'\u2019.-]*\s+){1,5}"
                          r"(?:[a-z]{2,}ed|" + "|".join(AUXILIARIES + pasts()) + r")\b")


def _subordinate_start(text: str, high: int, end: int) -> int:
    """Where a subordinate clause of its own opens between `high` and `end` (its people are another happening's);
    `end` when none does."""
    match = _SUBORDINATE.search(text, high, end)
    return match.start() if match else end


def clause_start(text: str, low: int, ctx: SentenceContext) -> int:
    """Where the clause of what starts at `low` begins (_clause_start)."""
    return _clause_start(text, low, ctx)


def reports_that_before(start: int, ctx: SentenceContext) -> int | None:
    """When the clause at `start` opens with "that" (or follows it) right after a reporting verb of the sentence
    ("Ivanov said that the last of them would leave ..."), where that verb's own clause starts; else None."""
    head = ctx.text[max(ctx.sentence.start, start - 6):start]
    if not _THAT_END.search(head):
        return None
    verb = next((t for t in reversed(ctx.triggers) if t.event_type in ctx.rules.statements and t.end <= start),
                None)
    return None if verb is None else last_clause_break(ctx.text, ctx.sentence.start, verb.start, ctx)


_THAT_END = re.compile(r"\bthat\s*$")


def _clause_start(text: str, low: int, ctx: SentenceContext) -> int:
    """Where the clause of what starts at `low` begins: after the last clause break before it, moved
    back over an apposition, a relative clause or ", and" to the subject it shares."""
    start = last_clause_break(text, ctx.sentence.start, low, ctx)
    for match in SINCE.finditer(text, start, low):
        start = match.start()  # "his first visit to Russia since he took office in March": the date's is "since ..."
    start = subject_before_apposition(text, start, ctx)
    start = subject_of_relative(text, start, ctx)
    return shared_subject(text, start, ctx)


def _clause_end_after(text: str, start: int, high: int, ctx: SentenceContext) -> int:
    """Where the clause begun at `start` that holds what ends at `high` ends (the widenings of
    event_clause: an opening phrase, a reported "that" clause; a "since" happening cuts it)."""
    limit = ctx.sentence.end
    names = ctx.country_names
    lists = list_commas(ctx) | name_apposition_commas(ctx) | names_apposition_commas(ctx) | \
        description_apposition_commas(ctx)
    end = clause_end(text, high, limit, names, lists)
    if _opening_phrase_runs_on(text, start, end, ctx):
        end = clause_end(text, end + 1, limit, names, lists)
    if _reports_that(text, start, end, ctx):
        end = clause_end(text, end + len("that"), limit, names, lists)
    since = SINCE.search(text, high, end)
    if since:  # "..., the first by a Kremlin leader since Gorbachev's trip in April 1989": that trip's clause
        end = since.start()
    return end


def _opening_phrase_runs_on(text: str, start: int, end: int, ctx: SentenceContext) -> bool:
    """Is text[start:end] an opening phrase (from the sentence's start to a comma) that names no person?
    Then it shares the subject of the main clause after it."""
    return (start == ctx.sentence.start and end < ctx.sentence.end and text[end] == ","
            and not any(start <= m.start < end for m in ctx.actor_mentions) and not _opens_on_a_state(start, ctx)
            and not _CONJUNCTION_AFTER.match(text, end + 1))


# A main clause's comma before a coordinate one ("NATO aircraft struck ... on Wednesday evening, and Moscow froze ..."):
# an opening phrase is followed by its main clause's subject, never by a conjunction.
_CONJUNCTION_AFTER = re.compile(r"\s*(?:and|but|while|whereas|yet)\s")


def _opens_on_a_state(start: int, ctx: SentenceContext) -> bool:
    """Does the sentence open on a state as its subject ("Norway promised its share last week, and ...")?
    Then its first clause is no opening phrase."""
    first = len(ctx.text) - len(ctx.text[start:].lstrip())
    return any(m.start == first and m.kind in ("name", "capital") for m in ctx.country_mentions)


def _reports_that(text: str, start: int, end: int, ctx: SentenceContext) -> bool:
    """Does the clause end at a "that" which a reporting verb of the clause, close before it, governs?"""
    return text.startswith("that", end) and any(
        t.event_type in ctx.rules.statements and start <= t.start and 0 <= end - t.end <= REPORTED_REACH
        for t in ctx.triggers)


def relative_aside_end(timex: dict, main: Trigger, end: int, ctx: SentenceContext) -> int:
    """A date inside a non-restrictive relative clause whose trigger lies outside it ("Lafer, who took up
    his post only in late January, was received by the president"): the relative clause is the date's,
    and what follows its closing comma is the main clause's, not the date's."""
    for match in RELATIVE_ASIDE.finditer(ctx.text, ctx.sentence.start, ctx.sentence.end):
        if match.start() <= timex["start"] < match.end() and not match.start() <= main.start < match.end():
            return min(end, match.end() - 1)
    return end


def last_clause_break(text: str, start: int, end: int, ctx: SentenceContext) -> int:
    """The end of the last clause break in text[start:end] that is no comma of a list of parties; `start`
    when there is none."""
    position = start
    for match in SPECULATION_BREAK.finditer(text, start, end):
        if not list_comma(text, match, ctx):
            position = match.end()
    return position


def next_happening_start(timex: dict, high: int, end: int, ctx: SentenceContext) -> int:
    """The clause ends where a later date's own happening begins: in "de Villepin is due in Moscow later
    this month to prepare a visit by Chirac sometime next year", the visit and Chirac are next year's."""
    key = ("next happening", timex["start"], high, end)
    if key not in ctx.memo:
        cut = _later_trigger_start(timex, high, end, ctx)
        cut = _clause_opening_before(high, cut, ctx) if cut < end else end
        ctx.memo[key] = _subordinate_start(ctx.text, high, cut)
    return ctx.memo[key]


def _later_trigger_start(timex: dict, high: int, end: int, ctx: SentenceContext) -> int:
    """Where the first own trigger of a later date of the clause starts (`end` when there is none)."""
    later = [t for t in ctx.claimants if t is not timex and t["start"] >= high and t["start"] < end]
    if not later:
        return end
    mains = [owned_triggers(other, ctx.claimants, ctx.triggers, ctx.rules, ctx.text)[:1] for other in later]
    return min((own[0].start for own in mains if own and high <= own[0].start < end), default=end)


def _clause_opening_before(high: int, trigger_start: int, ctx: SentenceContext) -> int:
    """Where the clause of a later happening whose trigger starts at `trigger_start` opens: its last clause
    break after `high` ("for talks with Mahathir on fighters, which Najib discussed in Moscow in May": Najib
    is May's), not counting the commas around a name in apposition ("..., and Russia's special envoy,
    Vasily Sredin, toured Cairo last week": it opens at ", and"); the trigger itself when there is none."""
    skip = name_apposition_commas(ctx)
    opening = [m.start() for m in SPECULATION_BREAK.finditer(ctx.text, high, trigger_start)
               if m.start() not in skip and not list_comma(ctx.text, m, ctx)]
    return opening[-1] if opening else trigger_start


# (auxiliaries only, and regular pasts: the irregular ones, "and met", change five dev/validation articles, unmeasured)
_AND_VERB = re.compile(r"\s*and\s+(?:" + "|".join(AUXILIARIES + MODALS) + r"|then|later|also|[a-z]+ed|" + PRESENT_VERBS
                       + r")\b")


def shared_subject(text: str, start: int, ctx: SentenceContext) -> int:
    """A verb after ", and" shares the subject of the clause before: in "Gavrin arrived in Baghdad
    yesterday, and is to meet the oil minister today", the clause of "is to meet" starts with Gavrin's."""
    if start <= ctx.sentence.start or text[start - 1] != "," or not (
            _AND_VERB.match(text, start) or date_predicate_at(text, start, ctx) or departure_at(text, start)):
        return start
    previous = last_clause_break(text, ctx.sentence.start, start - 1, ctx)
    while bare_predicate(text, previous):  # a series: "Paek arrived on Sunday, held talks on Monday, and ..."
        previous = last_clause_break(text, ctx.sentence.start, previous - 1, ctx)
    return subject_before_apposition(text, previous, ctx)


def subject_of_relative(text: str, start: int, ctx: SentenceContext) -> int:
    """A relative clause's subject is the person it follows: in "Jiang, who arrived in Moscow on Sunday,
    is to leave for Minsk tomorrow", the clause of "arrived" starts at Jiang; so is a state before
    ", which" ("handed the chair to Brunei, which will host next year's session")."""
    if _WHOSE.match(text, start) and text[start - 1:start] == ",":
        return _owner_of_whose(text, start, ctx)
    word = _RELATIVE_WORDS.search(text, max(ctx.sentence.start, start - 5), start)
    if word is None or word.end() != start:
        return start
    return _antecedent_start(text, start, word, ctx)


def _antecedent_start(text: str, start: int, word: re.Match, ctx: SentenceContext) -> int:
    """Where the person (or, before "which", the state) right before ", who/which" starts; `start` when the
    word follows no comma or no one stands right before it."""
    comma = text.rfind(",", ctx.sentence.start, word.start())
    if comma < 0 or text[comma + 1:word.start()].strip():
        return start
    mentions = ctx.actor_mentions if word.group() == "who" else ctx.country_mentions + ctx.actor_mentions
    person = next((m for m in mentions if m.end <= comma and _ANTECEDENT_TAIL.fullmatch(text, m.end, comma)), None)
    if person is None:
        return start
    if word.group() == "who" and not _SINGULAR_VERB.match(text, start):
        return _coordinated_first(text, person, ctx).start
    return person.start


# A relative clause whose verb agrees with one person only ("Togo, who heads the department"); a verb that does not
# say ("who met", "who have held") may have two coordinated people for its antecedent.
_SINGULAR_VERB = re.compile(r"\s+(?:(?:also|first|still|then|now|later|last|already|had\s+already)\s+)?"
                            r"(?:is|was|has|does|[a-z]+[^s\W]s)\b")
# What may join two coordinated people: "and", with the second's title ("Eichel and his Russian counterpart Kudrin",
# "Albright and Foreign Minister Primakov").
_COORDINATION = re.compile(r"\s+and\s+(?:(?:the|his|her|their)\s+(?:[\w'\u2019.-]+\s+){0,3}|"
                           r"(?:(?:[A-Z][\w'\u2019.-]*|of)\s+){0,4})")
# What may open a clause before its subject: titles ("Secretary of State", "Foreign ministers").
_SUBJECT_TITLES = re.compile(r"(?:\s*(?:[A-Z][\w'\u2019.-]*|of|the|foreign|prime|deputy|ministers?|secretary|"
                             r"general|presidents?|leaders?|premiers?|chancellors?|speakers?))*\s*")


# ", who met": a reciprocal verb needs both people, whatever their place in the sentence.
_RECIPROCAL = re.compile(r"\s*,\s*who\s+(?:(?:had|have|first|last|already|also)\s+)*(?:met|spoke|talked|negotiated)\b")


def _coordinated_first(text: str, person, ctx: SentenceContext):
    """The first of two people joined by "and" who open their clause as its subject, of whom `person` is the
    second ("Kasyanov and Yushchenko, who had agreed on a schedule in late December, are to meet again": both
    agreed); `person` when no one stands so before him (an object: "is to see Mbeki and Dlamini-Zuma, who last
    came to Moscow in December": she came)."""
    for other in ctx.actor_mentions:
        if (other.end <= person.start and other.text not in _PRONOUNS
                and _COORDINATION.fullmatch(text, other.end, person.start)
                and (_RECIPROCAL.match(text, person.end) or _SUBJECT_TITLES.fullmatch(
                    text, last_clause_break(text, ctx.sentence.start, other.start, ctx), other.start))):
            return other
    return person


# What may stand between a relative clause's person and its ", who": his state ("Leni Fischer of Germany, who") or a
# short appositive ("Jiang Zemin, the host, who").
_ANTECEDENT_TAIL = re.compile(r"(?:\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?|,\s+(?:the|a|an|his|her|its|their)"
                              r"(?:\s+[\w'\u2019-]+){1,4})?\s*")


def _owner_of_whose(text: str, start: int, ctx: SentenceContext) -> int:
    """"Relations cooled under Kostov, whose government turned down ...": the comma opens the relative clause,
    and the person before it owns its subject; the clause starts at him (at `start` when no one is there)."""
    person = _person_right_before(text, start - 1, ctx)
    return person.start if person is not None else start


_RELATIVE_WORDS = re.compile(r"who|which")
_WHOSE = re.compile(r"\s*whose\b")


def _person_right_before(text: str, position: int, ctx: SentenceContext):
    """The actor mention that ends right before `position` (only spaces between), or None."""
    return next((m for m in ctx.actor_mentions if m.end <= position and not text[m.end:position].strip()), None)


_PRONOUNS = frozenset({"he", "He", "she", "She", "him", "his", "His"})
_LIST_GAP = re.compile(r"\s*(?:and\s+|or\s+)?")


def list_comma(text: str, match: re.Match, ctx: SentenceContext) -> bool:
    """Is this comma one of a list of named parties ("the leaders of Russia, China, Kazakhstan and
    Kyrgyzstan gathered ...", "Putin, Chirac and Prodi signed ...")? A mention ends right before it and
    another starts right after it: the list is one subject, not a clause break."""
    if match.group() != ",":
        return False
    # (a pronoun standing for a person, "Sergeev, he praised", is no item of a list)
    mentions = ctx.country_mentions + [m for m in ctx.actor_mentions if m.text not in _PRONOUNS]
    before = any(not text[m.end:match.start()].strip() for m in mentions if m.end <= match.start())
    if not before:
        return False
    gap = _LIST_GAP.match(text, match.end())
    item = next((m for m in mentions if m.start == gap.end()), None)
    return item is not None and not _own_clause_after(text, match, item, mentions)


def _own_clause_after(text: str, match: re.Match, item, mentions) -> bool:
    """Is the name after ", and" the subject of a verb of its own (coordinate_joint: ", and Moscow has opened its
    airspace", ", and Putin himself said"), with no list comma before this one ("Putin, Chirac and Prodi signed" has
    no comma before its "and"; a two-item list takes none)?"""
    if not coordinate_joint(text, match.start(), item):
        return False
    first = min((m for m in mentions if m.end <= match.start()), key=lambda m: match.start() - m.end)
    return not text[max(0, first.start - 2):first.start].startswith(",")


# "A coordinate clause opens here": one decision, its cues in data/clauses.json.
_CUES = json.loads((Path(__file__).resolve().parents[1] / "data" / "clauses.json").read_text(encoding="utf-8"))
CONJUNCTIONS: tuple[str, ...] = tuple(_CUES["conjunctions"])
# A coordinating conjunction, after a clause break's punctuation or a closing quotation mark.
_CONJUNCTION = re.compile(r"[\s,;\"\u201d]*(?P<word>" + alternation(CONJUNCTIONS) + r")\s+")
# What may stand between the conjunction and the new clause's named subject: his titles ("Deputy Prime Minister X"),
# or a plural description and its two names in apposition (", and the two prime ministers, A and B, meet ...").
_TITLES_BEFORE = re.compile(r"(?:the\s+(?:[a-z]+\s+){0,3}[a-z]+,\s+(?:[A-Z][\w.'\u2019-]*\s+){1,5}and\s+)?"
                            r"(?:[A-Z][\w.'\u2019-]*\s+){0,5}")
# A finite verb of the subject's own right after it (", and Tanaka hopes", ", and Putin himself said").
_VERB_OPENING = r",?\s+(?:" + alternation(_CUES["verb_asides"]) + r",?\s+)?(?:[a-z]+-)?"
# A present in -s (", and Tanaka hopes", group "present") counts but after a state's adjective, whose plural noun it is
# (", and Israeli officials said").
_OWN_VERB = re.compile(_VERB_OPENING + r"(?:[a-z]{2,}ed|" + "|".join(all_forms("common") + AUXILIARIES + MODALS
                                                                    + ("did", "does")) + r"|(?P<present>[a-z]{3,}s))\b")
# Without a known subject: a name or a pronoun ("..., but he"), or after a contrastive conjunction a noun phrase too
# ("..., but the union's summit in Nice kept him in France"); after "and" that may be a list's last item.
_SUBJECT_CUE = re.compile(r"[A-Z]|" + alternation(_CUES["subject_pronouns"]) + r"\s")
_CONTRASTIVE = frozenset(_CUES["contrastive"])
_NOUN_PHRASE_CUE = re.compile(alternation(_CUES["noun_phrase_openers"]) + r"\s")


def coordinate_conjunction(text: str, position: int) -> re.Match | None:
    """The coordinating conjunction a clause opens on at `position` (after its break's punctuation), or None: the
    clause is a coordinate main clause ("..., and the South Korean ministry asked ...")."""
    return _CONJUNCTION.match(text, position)


# The same conjunction just before a position, after a clause break ("..., but Karroubi told ...").
_CONJUNCTION_BEFORE = re.compile(r"[,;][\"\u201d]?\s+(?:" + alternation(CONJUNCTIONS) + r")\s*$")


def after_coordinate_conjunction(text: str, position: int) -> bool:
    """Whether a coordinate main clause opens just before `position`: a break, then a conjunction (see above)."""
    return _CONJUNCTION_BEFORE.search(text, max(0, position - 12), position) is not None


def coordinate_joint(text: str, comma: int, subject=None) -> re.Match | None:
    """Where a coordinate clause opens at the comma at `comma`: a coordinating conjunction, then the clause's own
    subject (the match, from the comma to that subject; None when no clause opens there). `subject`: the mention of
    a name after the conjunction (titles may stand before it), which must have a finite verb of its own after it
    (", and Tanaka hopes to see Ivanov"); without one, a name or a pronoun must follow (", but he"), or after a
    contrastive conjunction a noun phrase (", but the union's summit")."""
    joint = _CONJUNCTION.match(text, comma) if text.startswith(",", comma) else None
    if joint is None:
        return None
    if subject is not None:
        titled = _TITLES_BEFORE.fullmatch(text, joint.end(), subject.start)
        return joint if titled and _has_own_verb(text, subject) else None
    if _SUBJECT_CUE.match(text, joint.end()) or (joint.group("word") in _CONTRASTIVE
                                                  and _NOUN_PHRASE_CUE.match(text, joint.end())):
        return joint
    return None


def _has_own_verb(text: str, subject) -> bool:
    """Does a finite verb follow the mention `subject` (no -s form after a state's adjective)?"""
    verb = _OWN_VERB.match(text, subject.end)
    return bool(verb) and (verb.group("present") is None or getattr(subject, "kind", None) != "adjective")


# Where a joint may be: a comma with a conjunction after it (found in one scan; coordinate_joint decides).
_JOINT_CANDIDATE = re.compile(r",(?=[\s,;\"\u201d]*" + alternation(CONJUNCTIONS) + r"\s)")


def coordinate_joints(text: str, start: int, end: int, subject=None):
    """The joints (coordinate_joint) at the commas of text[start:end], in order, each ending by `end`."""
    for candidate in _JOINT_CANDIDATE.finditer(text, start, end):
        joint = coordinate_joint(text, candidate.start(), subject)
        if joint is not None and joint.end() <= end:
            yield joint


def coordinate_opening(text: str, start: int, subject) -> int | None:
    """The first comma between `start` and the mention `subject` at which a coordinate clause opens on it
    (coordinate_joint); None when there is none."""
    if not _has_own_verb(text, subject):
        return None  # (the cheaper test first: no comma can open its clause)
    joint = next(coordinate_joints(text, start, subject.start + 1, subject), None)
    return None if joint is None else joint.start()


_APPOSITION_OPEN = re.compile(r"\s+(?:the|a|an|his|her|its|their)\s", re.IGNORECASE)
# ", whose country holds the presidency,": a relative clause between a person and the rest of the clause.
_RELATIVE_OPEN = re.compile(r"\s+(?:who|whose|which|whom)\b")
# ", meanwhile,": an adverb between a subject and its verb ("Gavrin, meanwhile, arrived in Baghdad").
_ADVERB_ASIDE = re.compile(r"\s*(?:meanwhile|however|too|also|in turn|for (?:his|her|its|their) part|in the meantime|"
                           r"for example|for instance|moreover|though|in addition|by contrast|in fact|indeed)\s*",
                           re.IGNORECASE)


def subject_before_apposition(text: str, start: int, ctx: SentenceContext) -> int:
    """A clause that starts right after an apposition or an adverb aside keeps the person before it: in
    "Akhmad Kadyrov, the head of the republic's administration, flew to Moscow on Monday" and "Gavrin,
    meanwhile, arrived in Baghdad yesterday", the clause of the verb starts before the person, not after
    the aside's closing comma."""
    opening = _aside_opening(text, start, ctx.sentence.start)
    if opening is None or clause_after_apposition(text, start - 1, ctx):
        return start  # (", and yesterday he was received": a clause of its own opens at the closing comma)
    relative = _RELATIVE_OPEN.match(text, opening + 1)
    inner = relative.end() if relative else opening + 1
    if SPECULATION_BREAK.search(text, inner, start - 1):
        return start
    if _is_name_apposition(text, opening + 1, start - 1, ctx):
        # "telephoned his Georgian counterpart, Irakli Menagarishvili, on Sunday": the name is an apposition
        # to the noun before it; the clause goes on from before the opening comma.
        return last_clause_break(text, ctx.sentence.start, opening, ctx)
    if not (relative or is_aside(text, opening + 1, start - 1)):
        return start
    person = _person_right_before(text, opening, ctx) or _state_right_before(text, opening, ctx)
    if person is None:
        return start
    return last_clause_break(text, ctx.sentence.start, _relative_subject(text, person, relative, ctx).start, ctx)


def _relative_subject(text: str, person, relative: re.Match | None, ctx: SentenceContext):
    """The subject a relative clause after `person` stands in: with a verb that may be plural, the first of two
    coordinated people ("A and B, who have met five times, are to meet again"); else `person`."""
    if relative and relative.group().strip() == "who" and not _SINGULAR_VERB.match(text, relative.end()):
        return _coordinated_first(text, person, ctx)
    return person


def _state_right_before(text: str, position: int, ctx: SentenceContext):
    """The country mention that ends right before `position` ("Mbeki's own state visit to Russia, first
    planned for April, was put off": the subject ends with Russia), or None."""
    return next((m for m in ctx.country_mentions if m.end <= position and (
        not text[m.end:position].strip() or _STATE_BODY.fullmatch(text, m.end, position))), None)


# A state's body after its name or adjective ("The Israeli government, for its part, said on Sunday", "the Turkish
# Foreign Ministry, in turn, protested"): the state is the subject the aside stands after.
_STATE_BODY = re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,2}(?:government|administration|cabinet|leadership|authorities|side|"
                         r"delegation|[Mm]inistry|[Ee]mbassy|[Pp]arliament)\s*")


def _aside_opening(text: str, start: int, sentence_start: int) -> int | None:
    """When `start` follows a comma, the comma before it in the sentence (where an aside would open)."""
    if start <= sentence_start or text[start - 1] != ",":
        return None
    opening = text.rfind(",", sentence_start, start - 1)
    return opening if opening >= 0 else None


def is_aside(text: str, start: int, end: int) -> bool:
    """Is text[start:end] an apposition ("the head of ..."), an adverb aside ("meanwhile") or a participle
    phrase ("first planned for April")?"""
    return bool(_APPOSITION_OPEN.match(text, start) or _ADVERB_ASIDE.fullmatch(text, start, end)
                or _PARTICIPLE_ASIDE.match(text, start))


# ", first planned for April,", ", signed on Tuesday,": a participle phrase between a subject and its verb.
_PARTICIPLE_ASIDE = re.compile(r"\s+(?:(?:first|originally|initially|once|long|already|only|now)\s+)?[a-z]+(?:ed|en)\s")


def _is_name_apposition(text: str, start: int, end: int, ctx: SentenceContext) -> bool:
    """Is text[start:end] just a person's name, after a lower-case noun ("his counterpart, X,")?"""
    inner = text[start:end].strip()
    if not inner or not any(m.text == inner and start <= m.start < end for m in ctx.actor_mentions):
        return False
    before = text[max(ctx.sentence.start, start - 30):start - 1].split()
    return bool(before) and before[-1].isalpha() and before[-1].islower()


def opening_phrase_end(timex: dict, main: Trigger, clause: tuple[int, int], ctx: SentenceContext) -> int:
    """Where the event's own parties end: "One day after the June 27 talks between Russian and North
    Korean officials, Lee arrived ...": an opening phrase that names its own parties ("between") does
    not share the main clause's subject, so the phrase ends there; otherwise the clause's end."""
    start, end = clause
    if start == ctx.sentence.start:
        first_end = clause_end(ctx.text, max(timex["end"], main.end), ctx.sentence.end, ctx.country_names)
        if first_end < end and _BETWEEN.search(ctx.text, main.end, first_end):
            return first_end
    return end


# "since he took office", "since Sharon took office", "since Mikhail Gorbachev's trip": a happening of its
# own (a name may open it).
SINCE = re.compile(r"since(?<!\wsince)\s+(?:he|she|they|it|the|his|her|their|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?(?:[\u2019']s)?)\b")
# A participle after a comma goes on telling the same happening: "left Mumbai for Moscow yesterday, ending a
# four-day visit to India".
_CONTINUATION = re.compile(r",\s+(?:ending|concluding|completing|wrapping up|capping|winding up|rounding off)\b")
# So does a phrase naming who was there, to its end (its list of people has commas of its own): "was
# formally opened on Tuesday, at a ceremony attended by A, B and C".
_PRESENCE = re.compile(r",\s+(?:at a (?:\w+ )?ceremony|in the presence of|attended by|witnessed by)\b")
_STRONG_BREAK = re.compile(r"[;(\u2013\u2014]")


def list_commas(ctx: SentenceContext) -> frozenset[int]:
    """Where the sentence's commas of a list of parties are ("Putin, Chirac and Prodi signed")."""
    text, sentence = ctx.text, ctx.sentence
    return frozenset(match.start() for match in _COMMA.finditer(text, sentence.start, sentence.end)
                     if list_comma(text, match, ctx))


_COMMA = re.compile(",")


def name_apposition_commas(ctx: SentenceContext) -> frozenset[int]:
    """The two commas around a person's name in apposition to a noun ("to brief NATO's secretary general,
    Lord Robertson, on the talks"): the name is the noun's, and the clause goes on past them."""
    text, found = ctx.text, set()
    for mention in ctx.actor_mentions:
        opening = mention.start - 2
        if (opening < ctx.sentence.start or text[opening:mention.start] != ", "
                or text[mention.end:mention.end + 1] != ","):
            continue
        if _is_name_apposition(text, opening + 1, mention.end, ctx) or _after_title_phrase(opening, ctx):
            found.add(opening)
            if not clause_after_apposition(text, mention.end, ctx):
                found.add(mention.end)
    return frozenset(found)


_TITLE_PHRASE = re.compile(r"\b(?:the|its|their|his|her)\s+(?:[\w'-]+\s+){0,2}(?:president|leader|chairman|head|"
                           r"commander|minister|secretary|envoy|ambassador|speaker|chief)\s+of\s+(?:the\s+)?"
                           r"(?:[A-Z][\w'-]*\s+){1,4}$")


def _after_title_phrase(comma: int, ctx: SentenceContext) -> bool:
    """Does a title phrase naming an office of a capitalised body end at this comma ("the president of the
    Afghan Northern Alliance, Burhanuddin Rabbani,")?"""
    return bool(_TITLE_PHRASE.search(ctx.text[max(ctx.sentence.start, comma - 120):comma] + " "))


def clause_end(text: str, position: int, limit: int, names, lists: frozenset[int] = frozenset()) -> int:
    """The first clause break after `position`, stepping over a dash aside and the commas of a list of
    parties (`lists`); a comma before a bare country name that ends a phrase ("in Okinawa, Japan (") is an
    apposition, no break."""
    while True:
        match = SPECULATION_BREAK.search(text, position, limit)
        if not match:
            return limit
        position = _resume_after(text, match, limit, names, lists)
        if position is None:
            return _break_at(text, match, limit)


def _resume_after(text: str, match: re.Match, limit: int, names, lists: frozenset[int]) -> int | None:
    """Where clause_end searches on when the break `match` is none (a dash aside, a continuing participle,
    a comma of a list, a comma before a country in apposition); None when it is a break."""
    aside = DASH_ASIDE.match(text, match.start(), limit)
    if aside:
        return aside.end()
    if _CONTINUATION.match(text, match.start()) or match.start() in lists:
        return match.end()
    if _PRESENCE.match(text, match.start()):
        return None  # a break, but a long one (_break_at)
    if match.group() == "," and any(m.start >= match.end() and not text[match.end():m.start].strip()
                                    and APPOSITION_END.match(text, m.end, limit) for m in names):
        return match.end()
    return None


def _break_at(text: str, match: re.Match, limit: int) -> int:
    """Where the clause ends at the break `match`: there, or after the list of those present at the next
    strong break."""
    if _PRESENCE.match(text, match.start()):
        strong = _STRONG_BREAK.search(text, match.end(), limit)
        return strong.start() if strong else limit
    return match.start()
