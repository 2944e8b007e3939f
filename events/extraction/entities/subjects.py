"""Which of a sentence's people is its subject, and which is the subject of the clause a pronoun stands in.

Used by anaphora (descriptions and pronouns): a subject pronoun continues the subject of its sentence or of the
sentence before; an object pronoun ("him") is never the subject of its own clause.
"""
from __future__ import annotations

import bisect
import re

from events.extraction.entities.mentions import ActorMention

# How far back from a name the words governing it are looked for (a preposition: not the subject).
SUBJECT_LOOKBACK = 200

_PREPOSITIONS = frozenset({"with", "by", "to", "from", "for", "between", "of", "on", "at", "in", "against", "among",
                           "without", "after", "before", "toward", "towards", "than", "like", "via"})
# Words skipped when looking for what governs a name: determiners and the nouns of an apposition ("with his
# Iranian counterpart, Rear-Admiral Ali Shamkhani").
_SKIPPED = frozenset({"the", "his", "her", "its", "their", "a", "an", "counterpart", "colleague", "guest", "host",
                      "minister", "president", "premier", "leader", "envoy", "ambassador", "chief", "head", "new",
                      "foreign", "defense", "defence", "prime", "deputy", "first", "former", "own"})
_TOKENS = re.compile(r"[\w'\u2019.-]+")
# Between two names of one coordinated phrase ("with Kohl and Chirac"): the second is governed as the first.
_COORDINATED = re.compile(r",?\s+and\s+$")
# Words opening a subordinate or relative clause: a name right after one is that clause's subject.
_CLAUSE_OPENERS = frozenset({"where", "when", "after", "before", "while", "as", "since", "because", "that", "who",
                             "until", "once", "if", "although", "though", "whom", "which"})
_WHO_AFTER = re.compile(r",?\s+who\b")
_POSSESSIVE = re.compile(r"['\u2019]s?\b")


def _sentence_start(starts: list[int], position: int) -> int:
    index = bisect.bisect_right(starts, position) - 1
    return starts[index] if index >= 0 else 0


def _subjects_first(before: list[ActorMention], starts: list[int], text: str) -> list[ActorMention]:
    """`before` (most recent first) with the sentences' subjects first: "the minister" after "Turkish
    Foreign Minister Cem ... met with Igor Ivanov. ..." is Cem, the sentence's subject."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for mention in sorted(before, key=lambda m: m.start):
        by_sentence.setdefault(_sentence_start(starts, mention.start), []).append(mention)
    subjects = {id(_subject(mentions, text, start)) for start, mentions in by_sentence.items()}
    return [m for m in before if id(m) in subjects] + [m for m in before if id(m) not in subjects]


# "Yesterday, back in Tokyo, Koizumi told ...": a place governed by a preposition, then a comma, then the name: the
# place phrase is an adverbial before the subject, not a noun the name is in apposition to (that takes a person's
# noun before the preposition: "with the ambassador in Tokyo, X", _SKIPPED).
_PLACE_ADVERBIAL = re.compile(r"(?:^|[\s,])(?P<word>[\w'\u2019-]+)\s+(?:in|at|from)\s+(?:the\s+)?[A-Z][\w'\u2019.-]*"
                              r"(?:\s+[A-Z][\w'\u2019.-]*)?,\s+$")


def _after_place_adverbial(text: str, mention: ActorMention, floor: int) -> bool:
    """Is `mention` right after an adverbial of place and its comma (_PLACE_ADVERBIAL)?"""
    if text[max(floor, mention.start - 2):mention.start] != ", ":
        return False
    adverbial = _PLACE_ADVERBIAL.search(text, max(floor, mention.start - 60), mention.start)
    return adverbial is not None and adverbial.group("word").lower() not in _SKIPPED


def _governed(text: str, mention: ActorMention, floor: int) -> bool:
    """Is `mention` governed by a preposition (looking back to `floor`, over determiners, capitalized words
    and apposition nouns)? A capitalized preposition opening the sentence governs too ("With Kohl, ..."); an
    adverbial of place and its comma before the name does not ("back in Tokyo, Koizumi said")."""
    if _after_place_adverbial(text, mention, floor):
        return False
    capitalized = False
    for token in reversed(_TOKENS.findall(text, max(floor, mention.start - SUBJECT_LOOKBACK), mention.start)):
        word = token.lower().strip(".")
        if word in _PREPOSITIONS and not (token[:1].isupper() and capitalized):
            return True
        if token[:1].isupper() or word in _SKIPPED:
            capitalized = capitalized or token[:1].isupper()
            continue
        return False
    return False


def _free_subject(in_sentence: list[ActorMention], text: str, sentence_start: int) -> ActorMention | None:
    """The first of the sentence's people (in text order) governed by no preposition, directly or as the second of
    a coordinated pair ("With Kohl and Chirac, whom he received ..., he discussed": neither); None when none is."""
    floor, previous_governed = sentence_start, False
    for mention in in_sentence:
        governed = _governed(text, mention, floor)
        if not governed and previous_governed and _COORDINATED.match(text[floor:mention.start]):
            governed = True
        if not governed:
            return mention
        floor, previous_governed = mention.end, True
    return None


def _subject(in_sentence: list[ActorMention], text: str, sentence_start: int) -> ActorMention | None:
    """The sentence's subject among its people (in text order): the first one not governed by a preposition
    ("Following talks with his Iranian counterpart, Ali Shamkhani, Sergeev announced": Sergeev); else the
    first."""
    free = _free_subject(in_sentence, text, sentence_start)
    return free or (in_sentence[0] if in_sentence else None)


def _possessive(text: str, mention: ActorMention) -> bool:
    """"Borodin's lawyers": the name qualifies a noun; it is not what the clause is about."""
    return bool(_POSSESSIVE.match(text, mention.end))


def _clause_subject(text: str, mention: ActorMention, position: int) -> bool:
    """Is `mention` the subject of the subordinate or relative clause that holds `position` (a pronoun after it):
    right after a clause opener ("where Putin received him", "after Djindjic had him flown") or before "who"
    ("Kocharian, who received him"), with no comma between it and the pronoun?"""
    between = text[mention.end:position]
    who = _WHO_AFTER.match(between)
    rest = between[who.end():] if who else between
    if "," in rest or ";" in rest or len(rest) > 60:
        return False
    return bool(who) or _opener_before(text, mention.start)


def _opener_before(text: str, position: int) -> bool:
    """Is the last lower-case word before `position` (over determiners and apposition nouns) a clause opener?"""
    words = [w.lower().strip(",;:") for w in text[max(0, position - 60):position].split() if not w[:1].isupper()]
    words = [w for w in words if w and w not in _SKIPPED]
    return bool(words) and words[-1] in _CLAUSE_OPENERS


def _word_before(text: str, position: int, floor: int) -> str:
    words = text[max(floor, position - 60):position].split()
    return words[-1].lower().strip(",;:") if words else ""
