"""Descriptions and pronouns that stand for people named earlier in the article.

    resolve_anaphora(text, sentences, entities, gazetteer, anchor) -> list[ActorMention]

The Monitor names a person once and then refers to him as "the minister", "the two leaders", "he" or
"him". Each such phrase becomes an actor mention of the person it stands for, so that the event
rules (which take the people named in an event's clause) see him there. Precision first: a phrase is
resolved only when an antecedent of the right kind was named in the last ANAPHOR_REACH characters;
otherwise it is left alone.

- "the two leaders", "both presidents", "the two premiers", "the two men": the two people named most
  recently whose office fits the noun (any person for "men"); in object position ("invited both
  leaders") the people named earlier in the same sentence are the subject, not the two.
- "the minister", "the Russian minister", "the premier", "the president", "the envoy": the person named
  most recently whose office fits (and whose state is the adjective's); not when a name follows (that is
  an apposition, found as a name) and not "the Russian president", which the office rule already gives
  to the holder of the office (people._office_candidates).
- "he"/"she" (subject): the first person named in the same sentence before it, else the first person
  of the sentence before; "him" (object): the person named most recently, in the same sentence or the one
  before, who is not the sentence's subject. "his" is read as "he" ("telephoned his Georgian counterpart" makes the caller a
  party; "his part in the summit" puts him at the summit), except before someone acting for him ("his
  deputy flew to Moscow": the deputy went, not he); "her" is left alone (object or possessive). Nothing when
  those sentences name nobody (the person may be one the gazetteer and title rules do not know).
- "his guest", "his host", "his visitor": the other party, found as for "him".
- "They last met", "their first meeting": a plural pronoun before an encounter's verb or noun stands for the two
  people of the latest sentence naming people, when it names exactly two (the two sides of an encounter told
  again); nothing when it names one or more than two ("the five ... at their summit").
- A singular description prefers the people who open their sentence (its subject) over more recent ones.
"""
from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from events.extraction.entities.gazetteer import Gazetteer, _parse_day, _role_covers
from events.extraction.entities.mentions import ActorMention
from events.extraction.entities.subjects import (_possessive, _sentence_start, _subject,
                                                 _subjects_first, _word_before)
from events.extraction.mention import ActorRef
from events.extraction.phrases import FirstLetters, TheWord

# How far back (characters) an antecedent may be named.
ANAPHOR_REACH = 1500

# Office words of a plural or singular description -> title words that fit (None: anyone).
_FITS = {
    "leaders": ("President", "Prime Minister", "Premier", "Chancellor", "Leader", "leader", "King", "Emir",
                "Chairman"),
    "heads of state": ("President", "King", "Emir", "Leader", "leader"),
    "presidents": ("President",),
    "premiers": ("Prime Minister", "Premier"),
    "prime ministers": ("Prime Minister", "Premier"),
    "foreign ministers": ("Foreign Minister", "Minister of Foreign Affairs", "Secretary of State",
                          "Foreign Secretary"),
    "defense ministers": ("Defense Minister", "Defence Minister", "Secretary of Defense", "Defence Secretary"),
    "ministers": ("Minister", "Secretary of State", "Foreign Secretary", "Defence Secretary", "Secretary of Defense"),
    "heads of government": ("Prime Minister", "Premier", "Chancellor"),
    "men": None,
}
_SINGULAR = {"leader": "leaders", "president": "presidents", "premier": "premiers",
             "prime minister": "prime ministers", "foreign minister": "foreign ministers",
             "defense minister": "defense ministers", "minister": "ministers",
             "envoy": "envoys", "ambassador": "ambassadors", "chancellor": "chancellors", "chairman": "chairmen",
             "candidate": "candidates", "king": "kings", "emir": "emirs", "patriarch": "patriarchs",
             "president-elect": "men", "speaker": "speakers"}
_FITS["chancellors"] = ("Chancellor",)
_FITS["chairmen"] = ("Chairman", "chairman")
_FITS["candidates"] = ("candidate", "Candidate")
_FITS["kings"] = ("King",)
_FITS["emirs"] = ("Emir",)
_FITS["patriarchs"] = ("Patriarch", "Catholicos")
_FITS["envoys"] = ("Envoy", "envoy", "Representative", "representative")
_FITS["ambassadors"] = ("Ambassador", "ambassador")
# "the two speakers": parliaments' chairs (the gazetteer's titles of the speakers of the Duma, the Federation Council,
# the Rada, Georgia's parliament, China's and Vietnam's assemblies), or one found by the title "speaker".
_FITS["speakers"] = ("Speaker", "speaker", "Chairman of the State Duma of", "Chairman of the Federation Council",
                     "Chairman of the Verkhovna Rada", "Chairman of the Parliament", "Chairman of the National")
# Titles that do not fit a bare "minister" (a prime minister is "the premier").
_NOT_PLAIN_MINISTER = ("Prime Minister", "Premier")

# The patterns open with a choice of letters, then look behind for the word's edge (r"[Tt](?<!\w[Tt])he" is
# r"\b[Tt]he"): re then skips in C to the next possible first letter instead of trying every position.
# (every plural office of _FITS, longest first: "the two foreign ministers" before "ministers")
_PAIR = FirstLetters(r"[TtBb](?<!\w[TtBb])(?:(?<=[Tt])he\s+two|(?<=[Bb])oth(?:\s+the)?)\s+(?P<noun>"
                     + "|".join(sorted((noun.replace("defense", "defen[cs]e") for noun in _FITS), key=len, reverse=True))
                     + r")\b", [(r"he(?<=(?<!\w)[Tt]he)\s+two", 1), (r"oth(?<=(?<!\w)[Bb]oth)", 1)])
# "and the two agreed to meet again": a bare "the two" before a verb stands for the last two people named.
_PAIR_BARE = TheWord(r"\s+two(?=\s+(?:agreed|signed|met|discussed|said|also|will|would|are|were|have|had|"
                     r"did|spoke|held|issued|exchanged|pledged|expressed|decided|reached|promised|vowed|shook)\b)")
# "They last met in Moscow", "they will meet again", "Their first meeting", "at their talks": a plural pronoun that
# is the subject of an encounter's verb or the owner of an encounter's noun (an encounter has people, a plural "they"
# before other verbs is as often a state's officials or a people).
_PLURAL_PRONOUN = TheWord(
    r"(?:y(?=\s+(?:(?:last|also|first|then|had|have|will|would|are\s+to|were\s+to|can|could)\s+){0,2}"
    r"(?:met|meet|talked|talk|spoke|speak|agreed|signed|sign)\b)|ir(?=\s+(?:(?:first|second|third|fourth|fifth|last|"
    r"next|previous|latest|own|formal|informal|private)\s+)?(?:meetings?|talks|encounter|conversation)\b))")
_ONE = TheWord(r"\s+(?:(?P<mod>new|newly elected|incoming|acting|former)\s+)?(?:(?P<qual>[A-Z][\w'-]+)\s+)?"
               r"(?P<noun>prime minister|foreign minister|defen[cs]e minister|minister|premier|president-elect|"
               r"president|leader|envoy|ambassador|chancellor|chairman|speaker|candidate|king|emir|patriarch)\b(?![-\w])")
# "the guest", "the visitor's", "the hosts", "the visiting premier": the other party of a visit; "the Russian guest",
# "the North Korean hosts": the same, of the state the demonym names (qual).
_OTHER_DESCRIPTION = TheWord(r"\s+(?:(?P<qual>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?=(?:guests?|visitors?|"
                             r"hosts?)\b))?(?:guests?|visitors?|hosts?|visiting\s+(?:[A-Z][\w'-]+\s+)?(?:president|"
                             r"premier|prime minister|foreign minister|defen[cs]e minister|minister|leader|"
                             r"chancellor|king|emir))\b(?![-\w])")
_PREDICATE = re.compile(r"\b(?:was|is|were|are|be|been|being|as)\s+$")
# Words before a description that make it the object of a verb ("invited both leaders"); not a preposition or a
# conjunction, after which the pair opens a clause of its own ("since the two presidents met").
_NOT_OBJECT_BEFORE = frozenset({"of", "between", "with", "for", "by", "and", "to", "from", "among", "", "that",
                                "when", "as", "while", "after", "before", "but", "since", "until", "because", "once",
                                "although", "though", "where", "whereas", "unless", "if"})
_AFTER_DESCRIPTION = re.compile(r"\s*,?\s*(?:[A-Z][\w'\u2019-]+|of\b)|['\u2019]s\s+(?:brother|sister|wife|husband|son|"
                                r"daughter|widow|family|nephew|niece|father|mother|cousin|relatives?)\b")
# (after a description: a name in apposition, an of-phrase, or a relative: "the former president's brother" is the
# brother, and the description only qualifies him)
# "The Romanian, who flew in on Tuesday, ...", "the Egyptian said": a singular demonym standing for the person of
# that state named last. Only demonyms in -an/-ian/-i, which are singular nouns when a comma, a possessive or a
# verb follows ("the Chinese", "the British", "the French" are peoples or sides, and "the Romanian side" is no
# person: a noun after the demonym is not matched).
_DEMONYM_PERSON = TheWord(
    r"\s+(?P<qual>[A-Z][a-z]+(?:an|i))(?=\s*,(?!\s*[A-Z])|['\u2019]s\b|\s+(?:said|says|told|added|met|meets|"
    r"flew|flies|arrived|arrives|left|leaves|was|is|had|has|will|would|also|then|replied|insisted|noted|stressed|warned|came|"
    r"went|spent|spends|saw|sees|received|gave|brought|asked|declined|urged|won|got|called|agreed|signed)\b)")


def resolve_anaphora(text: str, sentences, entities, gazetteer: Gazetteer, anchor: datetime.date,
                     masked: list[tuple[int, int]] = ()) -> list[ActorMention]:
    """Actor mentions for the descriptions and pronouns of `text` that stand for a person named before
    (see the module's docstring); `entities.actors` are the named mentions, in text order."""
    named = _Named(entities.actors)
    if not named.mentions:
        return []
    article = _Article(text, named, [s.start for s in sentences], _Spans([(m.start, m.end) for m in named.mentions]),
                       _Spans(sorted(masked)), gazetteer, anchor)
    # Descriptions first ("the president-elect", "the Romanian", "the guest"): each then stands as a name for the
    # pairs and pronouns after it ("The two men", "He"), as does each subject pronoun for the pronouns after it.
    descriptions = _description_mentions(article) + _demonym_mentions(article) + _rank_mentions(article)
    described = _Named(sorted(named.mentions + descriptions, key=lambda m: m.start))
    descriptions += _other_party_descriptions(article, described)
    described = _Named(sorted(named.mentions + descriptions, key=lambda m: m.start))
    article = _Article(text, described, article.starts, article.taken, article.masked, gazetteer, anchor)
    from events.extraction.entities.pronouns import pronoun_mentions  # (pronouns.py builds on this module)
    pronouns = pronoun_mentions(article)
    found = _pair_mentions(article, pronouns) + descriptions + pronouns
    return sorted(found, key=lambda m: m.start)


@dataclass(frozen=True)
class _Article:
    """What resolving a phrase of the article needs: its text, named people, sentence starts, the spans
    a phrase may not overlap (names: `taken`; source attributions: `masked`) and the gazetteer's offices
    on the issue day."""
    text: str
    named: "_Named"
    starts: list[int]
    taken: "_Spans"
    masked: "_Spans"
    gazetteer: Gazetteer
    anchor: datetime.date

    def blocked(self, match) -> bool:
        return _blocked(match, self.taken, self.masked)


def _pair_mentions(article: _Article, pronouns: list[ActorMention]) -> list[ActorMention]:
    """"the two leaders", "both presidents": a mention of each of the two people they stand for (`pronouns`: the
    resolved pronouns, which count among the people a sentence names)."""
    found: list[ActorMention] = []
    for match in _PAIR.finditer(article.text):
        if article.blocked(match):
            continue
        candidates = _pair_candidates(match, article)
        noun = match.group("noun").lower().replace("defence", "defense")
        people = _last_pair(candidates, pronouns, match.start(), noun, article) or _two_sides(_salient_first(
            _fitting(candidates, noun, None, article.gazetteer, article.anchor, 6), article.named.within(0, match.start())))
        if len(people) == 2:
            found += [ActorMention(match.start(), match.end(), match.group(), ref) for ref in people]
    found += _bare_pair_mentions(article)
    return found + _plural_pronoun_mentions(article, pronouns + found)


def _plural_pronoun_mentions(article: _Article, resolved: list[ActorMention]) -> list[ActorMention]:
    """"They last met", "their first meeting": a mention of each of the two people of the latest sentence that names
    people before the pronoun (by name, description, pronoun or pair), when it names exactly two."""
    found: list[ActorMention] = []
    for match in _PLURAL_PRONOUN.finditer(article.text):
        if article.blocked(match):
            continue
        people = _latest_two(article, resolved, match.start())
        found += [ActorMention(match.start(), match.end(), match.group(), ref) for ref in people]
    return found


def _latest_two(article: _Article, resolved: list[ActorMention], position: int) -> list[ActorRef]:
    """The people of the latest sentence naming people before `position` (in reach), when exactly two."""
    low = max(0, position - ANAPHOR_REACH)
    mentions = [m for m in article.named.within(low, position)] + [m for m in resolved if low <= m.start < position]
    if not mentions:
        return []
    last = _sentence_start(article.starts, max(m.start for m in mentions))
    people = unique([m.ref for m in sorted(mentions, key=lambda m: m.start) if m.start >= last])
    return people if len(people) == 2 else []


def unique(refs: list[ActorRef]) -> list[ActorRef]:
    return list(dict.fromkeys(refs))


def _last_pair(candidates, pronouns, position: int, noun: str, article: _Article) -> list[ActorRef]:
    """The two fitting people of the latest sentence before `position` that names people, when it names exactly
    two, by name or pronoun ("On Wednesday he met Igor Smirnov. The two men agreed ...": he and Smirnov, whatever
    states they act for)."""
    if not candidates:
        return []
    last = _sentence_start(article.starts, candidates[0].start)
    in_last = [m for m in candidates if m.start >= last]
    named = {m.ref for m in in_last} | {m.ref for m in pronouns if last <= m.start < position}
    people = _fitting(in_last, noun, None, article.gazetteer, article.anchor, 3)
    return people if len(people) == 2 and len(named) == 2 else []


def _salient_first(people: list[ActorRef], named: list[ActorMention]) -> list[ActorRef]:
    """`people` (most recent first) ordered by how often the article named them before (`named`), the most recent
    first among equals: "the two presidents" whom no sentence just before names are the two the story is about
    (the guest and his host, named again and again), not a third president named once in passing."""
    counts: dict[str, int] = {}
    for mention in named:
        counts[mention.ref.name] = counts.get(mention.ref.name, 0) + 1
    return sorted(people, key=lambda ref: -counts.get(ref.name, 0))


def _two_sides(people: list[ActorRef]) -> list[ActorRef]:
    """The two people a pair stands for, of the fitting ones (most recent first): the latest, and the latest after
    him who acts for another state (the two sides of a meeting: "The two men" after Blair, the Queen and Putin
    are Blair and Putin); the two latest when no state tells them apart."""
    if len(people) < 2:
        return people
    first = people[0]
    for other in people[1:]:
        if first.country and other.country and other.country != first.country:
            return [first, other]
    return people[:2]


def _bare_pair_mentions(article: _Article) -> list[ActorMention]:
    """"and the two agreed": the last two people named, less those named attributively ("since the
    Bush-Putin summit": they are not the two who act)."""
    found: list[ActorMention] = []
    for match in _PAIR_BARE.finditer(article.text):
        if article.blocked(match):
            continue
        before = [m for m in article.named.before(match.start()) if not _attributive(article.text, m)]
        people = _fitting(before, "men", None, article.gazetteer, article.anchor, 2)
        if len(people) == 2:
            found += [ActorMention(match.start(), match.end(), match.group(), ref) for ref in people]
    return found


def _attributive(text: str, mention) -> bool:
    """A name joined to another by a hyphen ("the Bush-Putin summit") qualifies a noun."""
    return text[mention.end:mention.end + 1] == "-" or text[mention.start - 1:mention.start] == "-"


def _pair_candidates(match, article: _Article) -> list[ActorMention]:
    """The people named before a plural description, most recent first; in object position, less the
    sentence's subject ("The Russian president has invited both leaders": he is not of the two)."""
    sentence_start = _sentence_start(article.starts, match.start())
    before = article.named.before(match.start())
    if _word_before(article.text, match.start(), sentence_start) not in _NOT_OBJECT_BEFORE:
        subject = {m.ref for m in before if m.start >= sentence_start}
        before = [m for m in before if m.ref not in subject]
    return before


def _description_mentions(article: _Article) -> list[ActorMention]:
    """"the minister", "the Russian minister", "the envoy": a mention of the person each stands for."""
    found: list[ActorMention] = []
    for match in _ONE.finditer(article.text):
        ref = _description_antecedent(match, article)
        if ref is not None:
            found.append(ActorMention(match.start(), match.end(), match.group(), ref))
    return found


def _no_antecedent_wanted(match, article: _Article) -> bool:
    """A description that stands for no earlier person: overlapping a name, followed by a name or an of-phrase, the
    agent after a place of reception, or in apposition to the name just before it."""
    return (article.blocked(match) or bool(_AFTER_DESCRIPTION.match(article.text, match.end()))
            or bool(_RECEIVED_AT_PLACE_BY.search(article.text, max(0, match.start() - 60), match.start()))
            or _apposed_to_name(match.start(), article))


def _description_antecedent(match, article: _Article) -> ActorRef | None:
    qual = match.group("qual")
    country = article.gazetteer.country_of_phrase(qual) if qual else None
    if qual and country is None:
        return None  # "the Duma president", "the Abkhaz leader": no state to check the antecedent against
    if _no_antecedent_wanted(match, article):
        return None
    noun = _SINGULAR[match.group("noun").lower().replace("defence", "defense")]
    before = article.named.before(match.start())
    subject = _own_subject(match.start(), article)
    people = _fitting(_subjects_first([m for m in before if m.ref != subject], article.starts, article.text), noun,
                      country, article.gazetteer, article.anchor, 1,
                      plain_minister=match.group("noun").lower() == "minister", former=match.group("mod") == "former")
    return people[0] if people else None


# "Aleksandr Rumyantsev, the minister for atomic energy, is to go": a description right after a name and its comma
# describes that name (an apposition), not an earlier minister.
_COMMA_BEFORE = re.compile(r",\s*$")


def _apposed_to_name(position: int, article: _Article) -> bool:
    """Does a named person end right before `position`, only a comma between?"""
    comma = _COMMA_BEFORE.search(article.text, max(0, position - 4), position)
    if comma is None:
        return False
    return any(m.end == comma.start() for m in article.named.within(max(0, comma.start() - 60), comma.start()))


# "the guest was received in the Kremlin by the president": the agent after the place he received in holds that place's
# state's office (home_offices._place_of_reception), not the last president named (often the guest's own).
_RECEIVED_AT_PLACE_BY = re.compile(r"\b(?:in|at)\s+(?:the\s+)?[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?\s+by\s+$")


def _own_subject(position: int, article: _Article) -> ActorRef | None:
    """The subject of the sentence a description is in, when named before it: "Clinton comes for his first summit
    with the new president" - the description is someone else than the sentence's subject."""
    sentence_start = _sentence_start(article.starts, position)
    in_sentence = article.named.within(max(sentence_start, position - ANAPHOR_REACH), position)
    subject = _subject(in_sentence, article.text, sentence_start) if in_sentence else None
    if subject is None or _possessive(article.text, subject) or _CLAUSE_BREAK.search(article.text, subject.end,
                                                                                      position):
        return None  # "Yeltsin's standing ... when the president is due", "Yeltsin resubmitted ...; ... the president"
    return subject.ref


# A break between two clauses that may each have their own subject.
_CLAUSE_BREAK = re.compile(r"[;:]")


def _demonym_mentions(article: _Article) -> list[ActorMention]:
    """"The Romanian, who flew in ...": a mention of the person of that state named last (subjects first)."""
    found: list[ActorMention] = []
    for match in _DEMONYM_PERSON.finditer(article.text):
        country = article.gazetteer.country_of_phrase(match.group("qual"))
        if country is None or article.blocked(match):
            continue
        people = _fitting(_subjects_first(article.named.before(match.start()), article.starts, article.text), "men",
                          country, article.gazetteer, article.anchor, 1)
        if people:
            found.append(ActorMention(match.start(), match.end(), match.group(), people[0]))
    return found


# "the marshal", "the sultan", "the cardinal": a rank or style the article gave a person before his name ("Marshal Igor
# Sergeyev"); not "the general" (an adjective as often as a rank). "the admiral" was tried: val11 (aggregate) actors +2
# but countries -1, so it is left out until a batch shows which way it goes.
_RANK = TheWord(r"\s+(?P<noun>marshal|sultan|cardinal|archbishop)\b(?![-\w])")


def _rank_mentions(article: _Article) -> list[ActorMention]:
    """"The marshal arrived on Tuesday": a mention of the person named last in reach (subjects first) whose name the
    article wrote after that rank, capitalized ("Marshal Kim Il Chol"); nothing when no one was."""
    found: list[ActorMention] = []
    for match in _RANK.finditer(article.text):
        if article.blocked(match) or _AFTER_DESCRIPTION.match(article.text, match.end()):
            continue
        rank = match.group("noun").capitalize() + " "
        for mention in _subjects_first(article.named.before(match.start()), article.starts, article.text):
            if _ranked(mention.ref, rank, article):
                found.append(ActorMention(match.start(), match.end(), match.group(), mention.ref))
                break
    return found


def _ranked(ref: ActorRef, rank: str, article: _Article) -> bool:
    """Did the article write one of `ref`'s names right after `rank` ("Marshal ")?"""
    return any(m.ref == ref and article.text.startswith(rank, m.start - len(rank)) for m in article.named.mentions)


def _other_party_descriptions(article: _Article, named: "_Named") -> list[ActorMention]:
    """"the guest", "the visitor", "the hosts": the other party of a visit, seen from the person the sentence (or,
    when the phrase opens it, the sentence before) is about."""
    found: list[ActorMention] = []
    view = _Article(article.text, named, article.starts, article.taken, article.masked, article.gazetteer,
                    article.anchor)
    for match in _OTHER_DESCRIPTION.finditer(article.text):
        if article.blocked(match) or _PREDICATE.search(article.text, max(0, match.start() - 12), match.start()) \
                or article.text.startswith(" of ", match.end()) or _name_apposed(match.end(), article):
            continue  # "he was the guest of the Queen": the subject himself, named already; "the host, X,": X
        pivot = _sentence_subject(match.start(), view, reach=ANAPHOR_REACH)
        ref = _party_described(match, pivot, view)
        if ref is not None:
            found.append(ActorMention(match.start(), match.end(), match.group(), ref))
    return found


def _name_apposed(position: int, article: _Article) -> bool:
    """Does a named person follow `position` with only a comma between ("the host, Sergei Ivanov,")? The description
    is then in apposition to that name, which stands for the person itself."""
    if not article.text.startswith(", ", position):
        return False
    return any(m.start == position + 2 for m in article.named.within(position + 2, position + 80))


def _party_described(match: re.Match, pivot: ActorRef | None, article: _Article) -> ActorRef | None:
    """Whom "the guest", "the Russian visitor", "the hosts" stands for, seen from the sentence's subject `pivot`."""
    if match.group("qual"):
        return _guest_of_state(match, pivot, article)
    if pivot:
        return _arrived_guest(match, pivot, article) or _other_party(match.start(), pivot, article)
    if "host" in match.group().lower():
        return _first_subject(match.start(), article)
    return _earlier_guest(match, article) or _arrived(match, article) or _first_subject(match.start(), article)


def _sentence_subject(position: int, article: _Article, reach: int | None = None) -> ActorRef | None:
    """The subject of the sentence holding `position`, among the people named in it before `position` (within
    `reach` characters when given); None when it names no one before."""
    sentence_start = _sentence_start(article.starts, position)
    low = sentence_start if reach is None else max(sentence_start, position - reach)
    in_sentence = article.named.within(low, position)
    return _subject(in_sentence, article.text, sentence_start).ref if in_sentence else None


def _guest_of_state(match: re.Match, pivot: ActorRef | None, article: _Article) -> ActorRef | None:
    """"the Russian guest", "the Iranian visitor": the person of the demonym's state named last in reach (subjects
    first), other than the sentence's subject ("Khatami received the Russian guest"); None when the word names no
    state ("the Kremlin guest") or nobody of that state was named."""
    country = article.gazetteer.country_of_phrase(match.group("qual"))
    if country is None:
        return None
    before = [m for m in article.named.before(match.start()) if m.ref != pivot]
    people = _fitting(_subjects_first(before, article.starts, article.text), "men", country, article.gazetteer,
                      article.anchor, 1)
    return people[0] if people else None


def _other_party(position: int, pivot: ActorRef | None, article: _Article) -> ActorRef | None:
    """The person most recently named before `position` (in reach) who is not `pivot` and acts for another state
    than he does: a guest and his host are of two states. None when `pivot` or his state is not known."""
    if pivot is None or not pivot.country:
        return None
    for mention in article.named.before(position):
        if mention.ref != pivot and mention.ref.country and mention.ref.country != pivot.country:
            return mention.ref
    return None


# "Putin gave a dinner for his guest": the host names his guest, who stays "the guest" for the sentences after.
_HIS_GUEST = re.compile(r"\b(?:his|her|their)\s+(?:guests?|visitors?)\b")


def _earlier_guest(match: re.Match, article: _Article) -> ActorRef | None:
    """For "the guest"/"the visitor" in a sentence naming no one: the person an earlier "his guest" (in reach) stood
    for, the other party of that sentence's subject ("That evening Putin gave a dinner for his guest. X, Putin's
    envoy, rode with Kim the whole way. The guest stopped in Omsk": Kim, not the envoy named last); None when the
    article has no such phrase before."""
    earlier = None
    for found in _HIS_GUEST.finditer(article.text, max(0, match.start() - ANAPHOR_REACH), match.start()):
        earlier = found
    if earlier is None:
        return None
    return _other_party(earlier.start(), _sentence_subject(earlier.start(), article), article)


# "Singh arrived on Sunday night", "General Tran, who arrived on Monday,": the visitor, whom "the guest" stands for
# when its sentence names no one; so is one sent or travelling ("Bush telephoned Putin, and Armitage was sent to fill
# in the details": Armitage, the envoy, not his principal, the clause's first subject), also after an apposition
# ("Vietnam's defense minister, General X, arrived").
_ARRIVAL = re.compile(r"(?:,(?:\s+who)?)?\s+(?:had\s+|has\s+)?(?:arrived|arrives|landed|lands|"
                      r"flew\s+in(?:to)?|came\s+to|reached|"
                      r"(?:was|is|has\s+been|had\s+been)\s+(?:being\s+)?(?:sent|dispatched)|"
                      r"travel(?:l)?ed\s+to|flew\s+to|went\s+to|visited)\b")


def _arrived(match: re.Match, article: _Article) -> ActorRef | None:
    """For "the guest"/"the visitor" in a sentence naming no one: the last person in reach named as the subject of an
    arrival ("Singh arrived on Sunday. On Monday he and Igor Ivanov signed a protocol. The next morning the guest ...":
    Singh, not Ivanov, named last); None when no arrival was told."""
    for mention in article.named.before(match.start()):
        if _ARRIVAL.match(article.text, mention.end):
            return mention.ref
    return None


def _arrived_guest(match: re.Match, pivot: ActorRef, article: _Article) -> ActorRef | None:
    """"Schroeder received the visitor at midday": the guest of the sentence's subject `pivot` is the last person
    told as arriving (_arrived), when of another state than the host, before the last one named of another state
    ("Putin arrived in Berlin from Madrid, where he had spent two days with Aznar": Putin, not Aznar). None for
    "the hosts" or when no such arrival was told."""
    if "host" in match.group().lower() or not pivot.country:
        return None
    guest = _arrived(match, article)
    return guest if guest is not None and guest.country and guest.country != pivot.country else None


def _first_subject(position: int, article: _Article) -> ActorRef | None:
    """The person named last before `position`, sentences' subjects first ("At Omsk the guest toured a plant",
    two sentences after the visitor last acted)."""
    people = _subjects_first(article.named.before(position), article.starts, article.text)
    return people[0].ref if people else None


def _blocked(match, taken: "_Spans", masked: "_Spans") -> bool:
    return taken.overlaps(match.start(), match.end()) or masked.overlaps(match.start(), match.start() + 1)


class _Spans:
    """Sorted, non-overlapping spans, asked whether a range overlaps one of them (bisect: linear time over
    an article, whatever its number of names)."""

    def __init__(self, spans):
        self.spans = list(spans)
        self.starts = [start for start, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end) - 1  # the last span opening before `end`
        return index >= 0 and self.spans[index][1] > start


class _Named:
    """The article's named people (in text order), looked up by range."""

    def __init__(self, mentions):
        self.mentions = list(mentions)
        self.starts = [m.start for m in self.mentions]

        # Mentions added while resolving, in text order (appended only: linear time on long texts).
        self.chain: list[ActorMention] = []
        self.chain_starts: list[int] = []

    def append(self, mention: ActorMention) -> None:
        """Add a resolved pronoun (later than every mention added before it) as an antecedent."""
        if not self.chain_starts or mention.start >= self.chain_starts[-1]:
            self.chain.append(mention)
            self.chain_starts.append(mention.start)

    def within(self, low: int, high: int) -> list[ActorMention]:
        """Mentions starting at or after `low` and ending by `high`, in text order."""
        first = bisect.bisect_left(self.starts, low)
        last = bisect.bisect_left(self.starts, high)
        found = [m for m in self.mentions[first:last] if m.end <= high]
        if self.chain:
            first = bisect.bisect_left(self.chain_starts, low)
            last = bisect.bisect_left(self.chain_starts, high)
            extra = [m for m in self.chain[first:last] if m.end <= high]
            if extra:
                found = sorted(found + extra, key=lambda m: m.start)
        return found

    def before(self, position: int) -> list[ActorMention]:
        """Mentions in reach (ANAPHOR_REACH) before `position`, most recent first."""
        return list(reversed(self.within(max(0, position - ANAPHOR_REACH), position)))


def _fitting(before, noun, country, gazetteer, anchor, count, plain_minister=False, former=False) -> list[ActorRef]:
    """The `count` most recent distinct people of `before` whose office fits `noun` (and state `country`); with
    `former`, an office they left before `anchor` ("the former president": Milosevic in 2001)."""
    fits = _FITS.get(noun)
    titles_of = _past_titles if former else _titles
    people: list[ActorRef] = []
    for mention in before:
        ref = mention.ref
        if ref in people or (country and ref.country != country):
            continue
        if _office_fits(titles_of(ref, gazetteer, anchor), fits, plain_minister):
            people.append(ref)
            if len(people) == count:
                break
    return people


def _office_fits(titles: list[str], fits, plain_minister: bool) -> bool:
    """Does one of `titles` hold a word of `fits` (None: any office fits)? A bare "minister" is no prime
    minister (`plain_minister`: not when every title is a premier's)."""
    if fits is not None and not any(_holds(title, word) for title in titles for word in fits):
        return False
    return not (plain_minister and all(any(word in title for word in _NOT_PLAIN_MINISTER) for title in titles))


def _titles(ref: ActorRef, gazetteer: Gazetteer, day: datetime.date) -> list[str]:
    """Every office `ref` held on `day` (a gazetteer actor may hold several: party and state), else his
    title as found."""
    actor = gazetteer.actor(ref.name) if ref.known else None
    titles = [role["title"] for role in (actor or {}).get("roles", []) if _role_covers(role, day)]
    return titles or ([ref.title] if ref.title else [])


# "Vice President", "Deputy Prime Minister", "First Deputy Foreign Minister": the office's second, whom "the president"
# or "the prime minister" does not name (a vice-president visiting Moscow is "the guest", and "the president" his host).
_SECOND = re.compile(r"\b(?:Vice|Deputy|vice|deputy)[\s-]")


def _holds(title: str, word: str) -> bool:
    """Does `title` hold the office `word` itself, not as its vice or deputy ("Vice President" holds no "President")?"""
    at = title.find(word)
    return at == 0 or (at > 0 and not _SECOND.search(title, 0, at))


def _past_titles(ref: ActorRef, gazetteer: Gazetteer, day: datetime.date) -> list[str]:
    """Every office the gazetteer actor `ref` had left before `day` and did not hold again on it (an acting president
    elected is no former president)."""
    actor = gazetteer.actor(ref.name) if ref.known else None
    current = {title.removeprefix("Acting ") for title in _titles(ref, gazetteer, day)}
    return [role["title"] for role in (actor or {}).get("roles", [])
            if role.get("end") and _parse_day(role["end"]) < day and role["title"].removeprefix("Acting ") not in current]
