"""Pronouns that stand for people named before ("he", "she", "him", "his", "his guest"), split from anaphora.py in
the seventh round (the rules are anaphora.py's docstring's); resolve_anaphora runs pronoun_mentions after the
descriptions.

- "he"/"she"/"his": the subject of the pronoun's clause (the last coordinated clause naming one: "..., and X offered
  to mediate when he came"), else of its sentence (a person governed by no preposition), else of the sentence before.
- "him" (and "his guest" without a visit's pivot): never the subject of its own clause ("where Putin received him":
  the sentence's subject); in a sentence naming nobody before it, the subject of the sentence before.
"""
from __future__ import annotations

import re

from events.extraction.entities.anaphora import ANAPHOR_REACH, _Article, _Named, _other_party
from events.extraction.entities.gazetteer import Gazetteer
from events.extraction.entities.mentions import ActorMention
from events.extraction.entities.subjects import (_clause_subject, _free_subject, _possessive, _sentence_start, _subject)
from events.extraction.mention import ActorRef


# After "his": the other party of a visit ("his guest", "his hosts").
_OTHER_PARTY = re.compile(r"\s+(?:guests?|visitors?|hosts?)\b")
# (Opening with a choice of letters and a look-behind for the word's edge, r"\b(?P<word>[Hh]e|[Ss]he|him|[Hh]is)",
# lets re skip in C to the next h or s instead of trying every position.)
_PRONOUN = re.compile(r"(?P<word>[HhSs](?<!\w[HhSs])(?:(?<=[Hh])e|(?<=[Ss])he|(?<=h)im|(?<=[Hh])is))\b(?!\s+(?:(?:[A-Z][\w-]*|own|new|chief|special|personal|"
                      r"deputy|first|top)\s+){0,2}(?:envoys?|emissary|aides?|advisers?|advisors?|spokes(?:man|woman)|"
                      r"representatives?|deputy|deputies|press secretary|assistants?|wife|son|daughter|family|chief of staff|"
                      r"predecessors?|successors?|"
                      r"(?:foreign |defen[cs]e |prime )?ministers?|ambassadors?)\b)")


def pronoun_mentions(article: _Article) -> list[ActorMention]:
    """"he", "him", "his", "his guest": a mention of the person each stands for."""
    found: list[ActorMention] = []
    for match in _PRONOUN.finditer(article.text):
        if article.blocked(match):
            continue
        mention = _pronoun_mention(match, article)
        if mention is not None:
            found.append(mention)
            if _chains(match, article):
                article.named.append(mention)
    return found


def _chains(match, article: _Article) -> bool:
    """A subject pronoun ("he", "she", a sentence's opening "His") resolved is an antecedent for the pronouns
    after it ("His message was clear. The premier receives him today": him is the man of "His")."""
    word = match.group("word")
    return word.lower() in ("he", "she") or (word == "His" and _sentence_start(article.starts, match.start())
                                             == match.start())


def _pronoun_mention(match, article: _Article) -> ActorMention | None:
    text, named, starts = article.text, _Gendered(article.named, match.group("word").lower(), article.gazetteer), \
        article.starts
    other = _OTHER_PARTY.match(text, match.end()) if match.group("word") in ("his", "His") else None
    if other:  # "Kocharian saw his guest off": the guest is the other party, as "him" would be
        owner = _pronoun_antecedent(match, named, starts, text)
        ref = (_partner_told(match.start(), owner, article) if "host" not in other.group() else None) \
            or _other_party(match.start(), owner, article) or _object_antecedent(match.start(), named, starts, text)
        if ref is None:
            return None
        return ActorMention(match.start(), other.end(), text[match.start():other.end()], ref)
    ref = _pronoun_antecedent(match, named, starts, text)
    return ActorMention(match.start(), match.end(), match.group(), ref) if ref is not None else None


def _partner_told(position: int, owner: ActorRef | None, article: _Article) -> ActorRef | None:
    """The guest of `owner`: of the people of another state whom a sentence in reach (up to `position`) names beside
    him, neither as a possessive ("X held talks with Ivanov on Tuesday. ... Ivanov and his guest signed"), the one the
    article has named most so far (the visitor it is about), then the latest; not a foreign leader named since in
    passing. None when the owner or his state is not known, or no sentence names him with someone of another state."""
    if owner is None or not owner.country:
        return None
    mentions = article.named.within(0, position)
    partners: dict[ActorRef, int] = {}
    for people in _free_people_by_sentence(mentions, position, article).values():
        if any(m.ref == owner for m in people):
            partners.update((m.ref, m.start) for m in people if m.ref.country and m.ref.country != owner.country)
    return _most_named(partners, mentions) if partners else None


def _most_named(partners: dict, mentions) -> ActorRef:
    """Of `partners` (ref -> his latest position), the one `mentions` name most, then the latest."""
    counts: dict[ActorRef, int] = {}
    for mention in mentions:
        counts[mention.ref] = counts.get(mention.ref, 0) + 1
    return max(partners, key=lambda ref: (counts[ref], partners[ref]))


def _free_people_by_sentence(mentions, position: int, article: _Article) -> dict[int, list[ActorMention]]:
    """The mentions in reach before `position` that are no possessive ("Putin's invitation"), by sentence start."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for mention in mentions:
        if mention.start >= position - ANAPHOR_REACH and not _possessive(article.text, mention):
            by_sentence.setdefault(_sentence_start(article.starts, mention.start), []).append(mention)
    return by_sentence


class _Gendered:
    """The article's people as a pronoun may see them: "she" and "her" only women (a first name of roles.json's
    female_given_names), "he", "him" and "his" anyone else (the first name tells nothing of most men's)."""

    def __init__(self, named: "_Named", word: str, gazetteer: Gazetteer):
        self.named, self.female = named, word in ("she", "her")
        self.women = getattr(gazetteer, "_women", None)
        if self.women is None:
            self.women = gazetteer._women = frozenset(gazetteer.roles.get("female_given_names", []))

    def _fits(self, mention) -> bool:
        return (mention.ref.name.split()[0] in self.women) == self.female

    def within(self, low: int, high: int) -> list[ActorMention]:
        return [m for m in self.named.within(low, high) if self._fits(m)]

    def before(self, position: int) -> list[ActorMention]:
        return [m for m in self.named.before(position) if self._fits(m)]


_OPENS_WITH_PRONOUN = re.compile(r"\s*(?:He|She)\b")


def _pronoun_antecedent(match, named, starts, text) -> ActorRef | None:
    position = match.start()
    sentence_start = _sentence_start(starts, position)
    # (bounded: a "sentence" of junk without a full stop may be very long)
    in_sentence = named.within(max(sentence_start, position - ANAPHOR_REACH), position)
    if match.group("word").lower() in ("he", "she", "his"):
        # A sentence whose subject is itself "He" keeps him ("He held talks with Ivanov ...; today he is
        # to see Gref": both are the previous sentence's subject, not Ivanov); so does one whose people are all
        # governed by prepositions ("With Kohl and Chirac, whom he received, he discussed ...").
        free = _clause_free_subject(in_sentence, text, sentence_start, position)
        if free is not None and not _OPENS_WITH_PRONOUN.match(text, sentence_start):
            return free.ref
        previous = _previous_subject(sentence_start, named, starts, text)
        if previous is None and in_sentence and not _OPENS_WITH_PRONOUN.match(text, sentence_start):
            return in_sentence[0].ref
        return previous
    return _object_antecedent(position, named, starts, text)


# Where a coordinated clause with its own subject opens ("..., and Kazakhstan's minister X offered to mediate when he
# visited": he is X, not the first clause's subject).
_COORDINATE_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;)\s+")


def _clause_free_subject(in_sentence, text, sentence_start, position):
    """The subject of the pronoun's sentence: that of the last coordinated clause before it when that clause names
    one, else the sentence's first person governed by no preposition (None when none is)."""
    if not in_sentence:
        return None
    clause_start = sentence_start
    for clause in _COORDINATE_CLAUSE.finditer(text, max(sentence_start, position - ANAPHOR_REACH), position):
        clause_start = clause.end()
    if clause_start > sentence_start:
        free = _free_subject([m for m in in_sentence if m.start >= clause_start], text, clause_start)
        if free is not None:
            return free
    return _free_subject(in_sentence, text, sentence_start)


def _previous_subject(sentence_start, named, starts, text) -> ActorRef | None:
    """The subject of the sentence before the one opening at `sentence_start`, if it names anyone."""
    previous = _sentence_start(starts, sentence_start - 1) if sentence_start > 0 else sentence_start
    earlier = named.within(max(previous, sentence_start - ANAPHOR_REACH), sentence_start)
    return _subject(earlier, text, previous).ref if earlier else None


def _object_antecedent(position, named, starts, text) -> ActorRef | None:
    """For "him" or "his guest": never the subject of its own clause. Inside a subordinate or relative clause
    whose subject is named ("where Putin received him", "Kocharian, who received him"), the sentence's subject;
    else the most recent person of this sentence or the one before who is not this sentence's subject (a name
    qualifying a noun, "Borodin's lawyers", is no subject); in a sentence naming nobody before it, the subject
    of the sentence before (the person the text is about)."""
    sentence_start = _sentence_start(starts, position)
    in_sentence = named.within(max(sentence_start, position - ANAPHOR_REACH), position)
    if not in_sentence:
        previous = _previous_subject(sentence_start, named, starts, text)
        if previous is not None:
            return previous
    subject_ref = _clause_aware_subject(in_sentence, position, text, sentence_start)
    if subject_ref is not None and in_sentence[-1].ref != subject_ref and _clause_subject(text, in_sentence[-1],
                                                                                          position):
        return subject_ref
    if subject_ref is not None and in_sentence[-1].ref == subject_ref and \
            _COORDINATE_CLAUSE.search(text, in_sentence[-1].end, position):
        return subject_ref  # "Simitis accepted the invitation, and Greek officials expect him": another clause's object
    previous = _sentence_start(starts, sentence_start - 1) if sentence_start > 0 else sentence_start
    return _recent_object(named, position, previous, subject_ref, text)


def _recent_object(named, position: int, floor: int, subject_ref, text: str) -> ActorRef | None:
    """The most recent person before `position` (back to `floor`) who is neither the sentence's subject nor the
    subject of the pronoun's own verb; once that verb's own subject is passed, the sentence's subject may be "him"
    ("X landed on Sunday, and the premier received him")."""
    own_subject = None
    for mention in named.before(position):
        if mention.start < floor:
            break
        if own_subject is None and _verb_subject_of(text, mention, position):
            own_subject = mention.ref
        elif mention.ref != own_subject and (mention.ref != subject_ref or own_subject is not None):
            return mention.ref
    return None


# Between a clause's subject and its object pronoun: a few lower-case words (the verb), no punctuation, possessive or
# clause word ("and the Vietnamese premier received him": the premier is not "him").
_SUBJECT_TO_OBJECT = re.compile(r"(?:\s+(?!(?:and|but|or|that|who|whom|which|while|when|after|before|with|to|of|for)\b)"
                                r"[a-z]+){1,4}\s+$")


def _verb_subject_of(text: str, mention: ActorMention, position: int) -> bool:
    """Is `mention` the subject of the verb whose object is the pronoun at `position`? Then it is not the pronoun's
    person (an object pronoun never stands for its own clause's subject)."""
    return bool(_SUBJECT_TO_OBJECT.fullmatch(text, mention.end, position))


def _clause_aware_subject(in_sentence, position, text, sentence_start) -> ActorRef | None:
    """The sentence's subject before `position`, unless it only qualifies a noun ("Borodin's lawyers")."""
    subject = _subject(in_sentence, text, sentence_start) if in_sentence else None
    return subject.ref if subject is not None and not _possessive(text, subject) else None
