"""People of an article: gazetteer actors by alias or name key, unknown persons introduced by a title,
holders of an office ("the Russian president"), and in-article coreference of shared surnames."""
from __future__ import annotations

import bisect
import datetime
import difflib
import logging
import re
from dataclasses import dataclass

from events.extraction.entities.gazetteer import Gazetteer
from events.extraction.entities.mentions import ActorMention
from events.extraction.entities.offices import office_candidates
from events.extraction.entities.role_names import begun, by_date, by_title, role_candidates
from events.extraction.entities.names import (_LOWER, _NAME_PREFIX, _NOT_NAME_WORDS, _ORGANISATION_WORDS, _PARTICLE,
                                              _UPPER, MAX_NAME_LENGTH, MAX_NAME_PART, MIN_KEY_LETTERS, NAME_PARTICLES)
from events.extraction.mention import ActorRef
from events.extraction.namekey import name_key, name_parts
from events.extraction.phrases import fold, word_alternation, word_trie_pattern

logger = logging.getLogger("events.extraction.entities")

@dataclass
class _Candidate:
    start: int
    end: int
    text: str
    kind: str  # known, unknown, office, bare
    names: tuple[str, ...] = ()  # gazetteer actors for known/office
    title: str | None = None
    country: str | None = None


def find_actors(text: str, anchor: datetime.date, gazetteer: Gazetteer,
                masked: list[tuple[int, int]] = (), folded: str | None = None,
                warnings: list[str] | None = None) -> list[ActorMention]:
    """Actor mentions of `text`; what is dropped as junk (over-long names) is logged and, when given,
    appended to `warnings`."""
    folded = fold(text) if folded is None else folded
    warnings = [] if warnings is None else warnings
    masked = list(masked) + [m.span() for m in gazetteer._not_actor_phrase_regex.finditer(text)
                             if gazetteer.roles.get("not_actor_phrases")]
    known = _known_candidates(text, folded, gazetteer, masked, anchor)
    known += _key_candidates(text, gazetteer, masked, known)
    titles = list(gazetteer._title_regex.finditer(folded))  # singular and plural role nouns
    unknown = _unknown_candidates(text, titles, gazetteer, masked, warnings)
    unknown += _given_name_candidates(text, gazetteer, masked, anchor)
    unknown += role_candidates(text, titles, gazetteer, masked, warnings, anchor,
                               (_unknown_from_match, _known_from_title, _in_spans))
    candidates = _resolve_overlaps(known + unknown)
    candidates += _bare_unknown_candidates(text, candidates, gazetteer, masked)
    candidates += office_candidates(text, anchor, gazetteer, masked, _Candidate)
    candidates = _resolve_overlaps(candidates)
    return _resolve_coreference(candidates, anchor, gazetteer)


def _in_compound(text: str, start: int) -> bool:
    """A capitalized word glued by a hyphen to a small word before it is part of a place's name ("Mazar-i-Sharif",
    "Rostov-on-Don"), not a person's surname ("Sharif")."""
    if text[start - 1] != "-" or start < 2:  # (start is never 0 here: the alias regex needs no word before it)
        return False
    segment = re.search(r"(\w+)-$", text[max(0, start - 12):start])  # the word glued before: "i", "on", "Bush"
    return bool(segment) and segment.group(1).islower()


def _in_spans(position: int, spans) -> bool:
    for start, end in spans:  # a plain loop: called per candidate, any() with a generator costs more
        if start <= position < end:
            return True
    return False


def _known_candidates(text, folded, gazetteer, masked, anchor) -> list[_Candidate]:
    found = []
    for match in gazetteer._actor_regex.finditer(folded):
        start, end = match.span()
        if not text[start].isupper() or _in_spans(start, masked) or _in_compound(text, start):  # cheap tests first
            continue
        if _next_word(text, end) in gazetteer._not_actor_after:
            continue  # "the Bush administration": an administration, not the man
        names = tuple(gazetteer.actors_for_alias(text[start:end]))
        if len(names) > 1:
            names = by_date(by_title(names, text, start, end, anchor, gazetteer), anchor, gazetteer)
        if names:
            lineage = _LINEAGE.match(text, end)  # "Crown Prince Abdullah bin Abdul Aziz": one name
            end = lineage.end() if lineage else end
            found.append(_Candidate(start, end, text[start:end], "known", names))
    return found


def _known_from_title(start, end, text, names) -> _Candidate:
    """A gazetteer actor named by his title and one name ("Emir Hamad": role_names)."""
    return _Candidate(start, end, text, "known", tuple(names))


# A patronymic or lineage after a known name: "bin Abdul Aziz", "ibn Saud", "bin Sultan al-Nahyan".
_LINEAGE = re.compile(rf"\s+(?:bin|ibn|bint)\s+(?:(?:al|el)-)?{_UPPER}{_LOWER}+"
                      rf"(?:[-\s](?:(?:al|el)-)?{_UPPER}{_LOWER}+){{0,2}}")


# A word of five or more characters opening with a capital of the Latin or Cyrillic alphabets, hyphens and
# apostrophes inside it ("Ter-Petrosyan", "D'Alema", "Schröder"); opening with a character class (the
# look-behind after it) lets re skip ahead in C to the next capital.
_WORD = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f](?<![\w'\u2019\-].)[\w'\u2019\-]{4,}")


def _key_candidates(text, gazetteer, masked, found) -> list[_Candidate]:
    """Gazetteer actors named by a spelling the data does not list but whose name key it has
    ("Schröder", "Nazarbaev", "Sergeyev"): capitalised words the alias matcher left alone, looked up by
    the key of the gazetteer's one-word aliases (surnames). Several-word variants ("Kim Jong Il") are
    the alias matcher's (hyphen and space alike, case after the first letter ignored)."""
    taken = sorted((c.start, c.end) for c in found)  # finditer's matches: in order, not overlapping
    taken_starts = [start for start, _ in taken]
    keys = gazetteer._single_word_keys
    extra = []
    for word in _WORD.finditer(text):
        phrase = _without_possessive(word.group())
        names = _keyed_names(phrase, keys)
        if not names:
            continue
        start = word.start()
        end = start + len(phrase)
        if (_overlaps(start, end, taken, taken_starts) or _in_spans(start, masked)
                or _next_word(text, end) in gazetteer._not_actor_after):
            continue
        extra.append(_Candidate(start, end, phrase, "known", tuple(names)))
    return extra


_POSSESSIVES = ("'s", "\u2019s")


def _without_possessive(phrase: str) -> str:
    """"Nazarbaev's" is Nazarbaev; "Cuba's" is not "Cubas"."""
    return phrase[:-2] if phrase.endswith(_POSSESSIVES) else phrase


def _keyed_names(phrase: str, keys: dict):
    """The gazetteer names whose one-word alias has the key of `phrase` (a capitalised word long enough)."""
    if len(phrase) < MIN_KEY_LETTERS or not phrase[0].isupper():
        return None
    return keys.get(name_key(phrase))


def _overlaps(start, end, spans, starts) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping; `starts` their starts)."""
    index = bisect.bisect_left(starts, end) - 1  # the last span opening before `end`
    return index >= 0 and spans[index][1] > start


_NEXT_WORD = re.compile(r"\s+([\w\u2019']+)")


def _next_word(text: str, position: int) -> str:
    match = _NEXT_WORD.match(text[position:position + 40])
    return match.group(1).lower() if match else ""


def _unknown_candidates(text, titles, gazetteer, masked, warnings) -> list[_Candidate]:
    """Persons introduced by a title, in three shapes, tried at each (singular) title found."""
    found = []
    for title in titles:
        start, end = title.span()
        if title.group() in gazetteer.plural_titles or (start > 0 and text[start - 1] == "-"):
            continue  # "admiral" inside "Rear-Admiral": the whole rank is a title of its own
        qualifier = _title_qualifier(text, start, gazetteer)
        for candidate in _title_shapes(text, start, end, qualifier, gazetteer, warnings):
            if candidate and not _in_spans(candidate.start, masked):
                found.append(candidate)
    return found


_ETHNIC = re.compile(r"\bethnic\s+$")


def _title_qualifier(text, start, gazetteer) -> str | None:
    """The demonym or state before a title ("Iranian Defense Minister"); "" when it gives no state ("ethnic
    Albanian leader X" of Macedonia); None when there is none."""
    before = gazetteer._qualifier_before.search(text, max(0, start - 40), start)
    if before is None:
        return None
    return "" if _ETHNIC.search(text, max(0, before.start() - 10), before.start()) else before.group("qual")

# "President Leonid Kuchma of Ukraine": the country after the name, when no adjective came before the title.
_OF_AFTER_NAME = re.compile(r",?\s+of\s+(?:the\s+)?")


# ("the Foreign Ministry's spokesman, X", "the chancellor's spokesman, X": a possessive counts among the words before
# the title; "its vice chairman, X", "his deputy, X", "Vajpayee's security adviser, X": a possessive determiner or a
# name's possessive stands for "the")
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][a-z]+['\u2019]s)\s+"
                         r"(?:[a-z]+(?:['\u2019]s)?\s+|[A-Z][a-z]+(?:\s+|['\u2019]s\s+)){0,2}$")


def _the_title_comma(text, start, end, gazetteer) -> bool:
    """"the trade minister, X", "its vice chairman, X": a determiner and the title, then a comma right after it,
    or its posting first ("its ambassador in Tokyo, X": _comma_shape gives him no state from the place). A state's
    possessive is the qualifier's to read ("South Korea's young minister, X" is not taken)."""
    determiner = _THE_BEFORE.search(text, max(0, start - 30), start)
    if determiner is None:
        return False
    first = determiner.group().split()[0]
    return not (first[-2:] in _POSSESSIVES and first[:-2] in gazetteer._country_by_text)


def _title_shapes(text, start, end, qualifier, gazetteer, warnings):
    title = text[start:end]
    after = gazetteer._name_after_title.match(text, end)
    if after:
        country = None if qualifier else _state_after_name(text, after.end("name"), gazetteer)
        yield _unknown_from_match(text, title, qualifier, *after.span("name"), gazetteer, warnings, country)
    yield _comma_shape(text, start, end, qualifier, gazetteer, warnings)
    named = _name_comma_before(text, start, gazetteer)
    if named:
        rest = gazetteer._title_rest.match(text, end)
        yield _unknown_from_match(text, title + rest.group(), None, *named.span("name"), gazetteer, warnings)


def _comma_shape(text, start, end, qualifier, gazetteer, warnings):
    """"the Iranian ambassador, X", "its ambassador in Tokyo, X": a definite title, a comma and the name."""
    of_state = None if qualifier else _state_after_of(text, end, gazetteer)
    definite = qualifier or of_state or _the_title_comma(text, start, end, gazetteer)
    comma = gazetteer._comma_name_after_title.match(text, end) if definite else None
    if not comma:
        return None
    full_title = text[start:end] + (comma.group("rest") or "")
    # "the head of the OSCE mission to Moldova, X", "its ambassador in Tokyo, X": the place is his posting, not his state
    country = "" if comma.group("rest") and not (qualifier or of_state) else of_state
    return _unknown_from_match(text, full_title, qualifier, *comma.span("name"), gazetteer, warnings, country)


# What follows the name in "Viktor Komardin, deputy director": a comma, then at most "the" or "a" before the title.
_COMMA_BEFORE_TITLE = re.compile(r",\s+(?:the\s+|a\s+)?$")


def _name_comma_before(text, start, gazetteer):
    """gazetteer._name_comma_before_title searched in the 80 characters before the title at `start`. Its match
    ends in a comma with no comma after it (a name holds none), so it needs the last comma before the title to be
    followed by what _COMMA_BEFORE_TITLE allows: checked first, which spares the costly search of a name."""
    low = max(0, start - 80)
    comma = text.rfind(",", low, start)
    if comma < 0 or not _COMMA_BEFORE_TITLE.match(text, comma, start):
        return None
    return gazetteer._name_comma_before_title.search(text, low, start)


def _state_after_name(text, end, gazetteer) -> str | None:
    """"President Leonid Kuchma of Ukraine": the one state named after "of" right after the name."""
    of = _OF_AFTER_NAME.match(text, end)
    place = gazetteer._country_regex.match(text, of.end()) if of else None
    codes = gazetteer._country_by_text[place.group()][0] if place else []
    return codes[0] if len(codes) == 1 else None


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def _state_after_of(text, end, gazetteer) -> str | None:
    """The state of "the head of the Ukrainian navy, Admiral X": a state's adjective or name right after
    "of (the)" (not a capital or a place: "the head of the OSCE mission to Moldova" has none)."""
    of = _OF_THE.match(text, end)
    state = gazetteer._country_regex.match(text, of.end()) if of else None
    codes, kind = gazetteer._country_by_text.get(state.group(), ([], "")) if state else ([], "")
    return codes[0] if len(codes) == 1 and kind in ("adjective", "name") else None


_TOKEN = re.compile(r"\S+")
_PARTICLES = frozenset(NAME_PARTICLES)


def _unknown_from_match(text, title, qualifier, name_start, name_end, gazetteer, warnings,
                        country=None, min_tokens=2) -> _Candidate | None:
    """An unknown person named text[name_start:name_end] with `title`; his state from `qualifier` (a demonym
    before the title; "" when it gives none, as after "ethnic"), else `country` ("" for none), else the title."""
    tokens = _name_tokens(text[name_start:name_end], gazetteer)
    if len(tokens) < min_tokens or any(token.group().rstrip(".") in _ORGANISATION_WORDS for token in tokens):
        return None
    start, end = name_start + tokens[0].start(), name_start + tokens[-1].end()
    if _too_long_for_name(text, start, end, tokens, title, warnings):
        return None
    if _is_place(text[start:end], tokens, gazetteer):
        return None  # "North Korea", "Russia" after a title word are places; "Andrei Nikolaev" is a man
    title = " ".join(title.split()).strip()
    return _Candidate(start, end, text[start:end], "unknown", (), title,
                      _unknown_country(title, qualifier, country, gazetteer))


def _is_place(phrase: str, tokens, gazetteer) -> bool:
    """Is a name-like run after a title a place ("North Korea", "Russia")? Not when it opens with a given name and
    is no place as a whole: a surname may be a town's name too ("General Andrei Nikolaev", Nikolaev in Ukraine)."""
    if tokens[0].group() in gazetteer.given_names():
        return phrase in gazetteer._country_by_text
    return bool(gazetteer.country_of_phrase(phrase)) or any(t.group() in gazetteer._country_by_text for t in tokens)


def _name_tokens(name_text: str, gazetteer) -> list[re.Match]:
    """The words of a name-like run, less leading rank words ("Rear-Admiral Ali Shamkhani") and words
    that are no name."""
    tokens = list(_TOKEN.finditer(name_text))
    while tokens and (gazetteer.is_title_word(tokens[0].group().split("-")[0]) or tokens[0].group() in _NOT_NAME_WORDS):
        tokens.pop(0)
    return tokens


def _too_long_for_name(text, start, end, tokens, title, warnings) -> bool:
    """Is text[start:end] too long for a name (or one of its words too long for a name part)? Warns when so."""
    if end - start <= MAX_NAME_LENGTH and all(len(token.group()) <= MAX_NAME_PART for token in tokens):
        return False
    _warn(warnings, f"name-like text of {end - start} characters at offset {start} after the title "
                    f"{title[:40]!r} is too long for a name (over {MAX_NAME_LENGTH} characters or a part over "
                    f"{MAX_NAME_PART}); no actor made from it: {text[start:start + 60]!r}...")
    return True


def _unknown_country(title: str, qualifier, country, gazetteer) -> str | None:
    """The unknown person's state: the qualifier's ("Iranian Defense Minister"), else the one found after
    the name (`country`), else the title's."""
    if qualifier:
        return gazetteer.country_of_phrase(qualifier)
    if country is None and qualifier is None:
        return gazetteer.country_of_phrase(title)
    return country or None


# "Edmond Pope", "Frank Judd", "Borislav Milošević": a given name, then a capitalized surname in any Latin
# spelling (hyphenated or with an apostrophe, but not a possessive: "Leonid Brezhnev's" is Brezhnev).
_GIVEN = rf"(?<![\w.-])(?P<given>{_UPPER}{_LOWER}+(?:-{_UPPER}{_LOWER}+)?)"  # "Hans-Ulrich": its first part counts
_SURNAME_AFTER_GIVEN = (
    rf"\s+(?P<surname>{_UPPER}{_LOWER}+(?:[-'\u2019](?:{_UPPER}{_LOWER}+|"
    rf"{_LOWER}{{2,}}))?)(?![\w-]|\s+{_UPPER}{_LOWER}|\s+{_NAME_PREFIX}|\s+(?:{_PARTICLE})\s+{_UPPER})")
_GIVEN_AND_SURNAME = re.compile(_GIVEN + _SURNAME_AFTER_GIVEN)
_GIVEN_SHAPE = re.compile(rf"{_UPPER}{_LOWER}+")


def _given_and_surname(gazetteer):
    """_GIVEN_AND_SURNAME with its given name one of the gazetteer's (a trie of them, compiled once a gazetteer):
    the same matches _given_name_candidates keeps, found ~5x faster, since re skips to the capitals and drops
    most capitalized words at their first letters. No other match is lost: a match whose given name is no
    gazetteer's never covers the start of one that is (its surname is followed by no capitalized word, which a
    match opening at the surname would need), so dropping it before finditer goes on finds the same rest."""
    regex = getattr(gazetteer, "_given_and_surname_regex", None)
    if regex is None:
        given = [name for name in gazetteer.given_names() if _GIVEN_SHAPE.fullmatch(name)]
        # (a hyphenated given name whose first part is one: "Hans-Ulrich Klose", "Karl-Heinz X")
        regex = re.compile("(?P<given>" + word_trie_pattern(given, r"\w.-") + rf"(?:-{_UPPER}{_LOWER}+)?)"
                           + _SURNAME_AFTER_GIVEN)
        gazetteer._given_and_surname_regex = regex
    return regex


# A saint's name naming a building or place, not a person: "the Kremlin's St. George Hall", "Saint Andrew Square".
_SAINT_BEFORE = re.compile(r"\b(?:St|Saint|Ste)\.?\s+$")


def _given_name_candidates(text, gazetteer, masked, anchor) -> list[_Candidate]:
    """Persons no title introduces, named by a given name and a surname ("Vladimir Putin pardoned Edmond
    Pope"): unknown actors with no title or country. The surname must not be a place, a country, an
    organization word or a title word, and no third capitalized word may follow (a longer name or a
    place: "Frank Judd" yes, "Mark Twain Street" no)."""
    given = gazetteer.given_names()
    found = []
    for match in _given_and_surname(gazetteer).finditer(text):
        name, surname = match.group("given"), match.group("surname")
        if name.split("-")[0] not in given or _in_spans(match.start(), masked) or not _may_be_surname(surname, given, gazetteer) \
                or _SAINT_BEFORE.search(text, max(0, match.start() - 7), match.start()):
            continue
        bearers = _surname_bearers(surname, gazetteer)
        # A given name the data does not list is not forced onto a bearer whose first office is still to come ("George
        # Bush" in 1997 is not George W. Bush): the news cannot name a future holder by a form the data lacks.
        same = tuple(actor for actor in bearers if _same_given_name(name, actor, gazetteer) and begun(gazetteer, actor,
                                                                                                         anchor))
        if same:  # "Alexander Avdeyev" for the gazetteer's "Aleksandr Avdeyev": the known man, whole
            found.append(_Candidate(match.start(), match.end(), match.group(), "known", by_date(same, anchor, gazetteer)))
        else:  # "Hillary Clinton", "Borislav Milošević": another bearer of a known surname, or a new name
            found.append(_Candidate(match.start(), match.end(), match.group(), "unknown", (), None, None))
    return found


def _may_be_surname(word: str, given, gazetteer) -> bool:
    """Not a place, a country, an organization word, a title word or another given name."""
    return not (word in gazetteer._country_by_text or word in _NOT_NAME_WORDS or word in _ORGANISATION_WORDS
                or gazetteer.is_title_word(word) or word in given)


def _surname_bearers(surname: str, gazetteer) -> list[str]:
    """Gazetteer actors who have `surname` as a one-word alias (by the alias or by its name key)."""
    return gazetteer.actors_for_alias(surname) or gazetteer._single_word_keys.get(name_key(surname), [])


def _same_given_name(given: str, actor_name: str, gazetteer) -> bool:
    """Is `given` the first name of the gazetteer actor in some spelling ("Alexander" ~ "Aleksandr",
    "Sergey" ~ "Sergei")? Compared by name key, allowing a letter or two (the key does not join
    Alexander/Aleksandr); "Boris" is not "Borislav", "Hillary" not "Bill"."""
    actor = gazetteer.actor(actor_name) or {}
    firsts = {alias.split()[0] for alias in [actor_name, *actor.get("aliases", [])] if len(alias.split()) > 1}
    key = name_key(given)
    for first in firsts:
        other = name_key(first)
        if other == key or (other[:3] == key[:3] and difflib.SequenceMatcher(None, key, other).ratio() >= 0.85):
            return True
    return False


def _warn(warnings, message):
    logger.warning(message)
    warnings.append(message)


def _bare_unknown_candidates(text, candidates, gazetteer, masked) -> list[_Candidate]:
    """Later bare mentions of an unknown person by one of their name parts ("Pak" for "Pak Ui Chun")."""
    parts = _bare_name_parts(candidates, gazetteer)
    if not parts:
        return []
    regex = re.compile(word_alternation(list(parts), r"\w-") + r"(?![\w-])")  # (?<![\w-])(?:parts), skipping in C
    return [_Candidate(m.start(), m.end(), m.group(), "bare") for m in regex.finditer(text)
            if not _in_spans(m.start(), masked)]


def _bare_name_parts(candidates, gazetteer) -> dict:
    """The first and last name parts of the unknown persons (particles left out) that may stand alone: longer
    than two letters, a name word, and no gazetteer actor's alias -> the first candidate they name. Also the
    surname of a gazetteer actor named in full whose data lists no bare surname ("Richard Butler", then
    "Butler"): the data leaves out a surname that is a common word or shared, but the article names him."""
    parts = {}
    for candidate in candidates:
        if candidate.kind == "unknown":
            for token in _unknown_parts(candidate, gazetteer):
                parts.setdefault(token, candidate)
        elif candidate.kind == "known" and len(candidate.names) == 1 and (
                surname := _known_surname(candidate.text, candidate.names[0], gazetteer)):
            parts.setdefault(surname, candidate)
    return parts


def _unknown_parts(candidate, gazetteer) -> list[str]:
    """The name parts of an unknown person that may stand alone for him (_bare_name_parts)."""
    tokens = [token for token in candidate.text.split() if token not in _PARTICLES]
    words = {tokens[0], tokens[-1], *_ARTICLE_SURNAME.findall(tokens[-1]), *_paternal(tokens, gazetteer)}
    parts = [token for token in words if _may_stand_alone(token, gazetteer)]
    if family := _short_family_name(tokens, candidate.country, gazetteer):
        parts.append(family)
    return parts


def _known_surname(text: str, actor_name: str, gazetteer) -> str | None:
    """The last word of a gazetteer actor's name written in full ("Mike Moore" -> "Moore", "Warren Christopher"
    -> "Christopher") when it may stand alone for him: the last word of his gazetteer name too (not of an alias
    such as "Pope John Paul"), no particle, regnal numeral ("John Paul II"), place or other actor's alias."""
    words = text.split()
    if len(words) < 2:
        return None
    if (gazetteer.actor(actor_name) or {}).get("country") in _FAMILY_NAME_FIRST:
        words = [actor_name.split()[-1], words[0]]  # "Hu Jintao", then "Hu"
    last = words[-1]
    # Compared by name key: the text may carry the diacritics the gazetteer name lacks ("Nguyễn Mạnh Cầm", then "Cầm").
    if (name_key(last) not in (name_key(actor_name.split()[-1]), name_key(actor_name.split()[0])) or last in _PARTICLES or not last[:1].isupper() or _REGNAL.match(last)
            or not _may_stand_for_the_named(last, gazetteer)):
        return None
    return last


def _may_stand_for_the_named(surname: str, gazetteer) -> bool:
    """The surname of a person the article has named in full stands for him later even where it is another
    gazetteer actor's alias ("Jaswant Singh", then "Singh", not Manmohan Singh) or has two letters ("Hu Jintao",
    then "Hu"): the reader takes the person in play. Still not a place, a state or a common word."""
    return (len(surname) > 1 and surname[1:].islower() and surname not in _NOT_NAME_WORDS
            and surname not in gazetteer._country_by_text)


_REGNAL = re.compile(r"^[IVX]+$")
# States whose news names put the family name first, and call the person by it alone ("Hu Jintao" -> "Hu",
# "Choi Sang-ryong" -> "Choi", "Goh Chok Tong" -> "Goh"); Vietnam's news calls a person by the last word instead.
_FAMILY_NAME_FIRST = frozenset({"CN", "TW", "KP", "KR", "SG"})


# "al-Hashimi" of an unknown person also stands as "Hashimi" (gazetteer.aliases_of does the same for known ones).
_ARTICLE_SURNAME = re.compile(r"^(?:al|el|Al|El)-([A-Z][a-z]{3,})$")


def _short_family_name(tokens: list[str], country: str | None, gazetteer) -> str | None:
    """The two-letter family name that opens the name of a person the gazetteer lacks, of a state whose news puts
    the family name first (a "Chinese vice premier Wu Bangguo", then "Wu"; "Jo Chang Dok", then "Jo"): too short
    for _may_stand_alone, but the person named in full is the one in play."""
    if country not in _FAMILY_NAME_FIRST or len(tokens) < 2 or len(tokens[0]) != 2:
        return None
    first = tokens[0]
    return first if _may_stand_for_the_named(first, gazetteer) and not gazetteer.actors_for_alias(first) else None


def _may_stand_alone(token: str, gazetteer) -> bool:
    """A name part that may later stand for the person alone: not a place or a state ("Santiago" of "Santiago
    Creel" is the city when it stands alone), nor a gazetteer actor's alias."""
    return (len(token) > 2 and token not in _NOT_NAME_WORDS and token not in gazetteer._country_by_text
            and not gazetteer.actors_for_alias(token))


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep one candidate per overlapping group: a full unknown name beats a bare known surname
    inside it ("Jai-chun Lee" over "Lee"); otherwise the gazetteer match wins, then the longer."""
    def rank(candidate):
        single_word_known = candidate.kind == "known" and " " not in candidate.text and "-" not in candidate.text
        return (candidate.kind in ("known", "office") and not single_word_known, candidate.end - candidate.start,
                candidate.title is not None)  # a name with its role over the same name found without one

    kept: list[_Candidate] = []
    starts: list[int] = []  # the kept non-empty spans, sorted and disjoint (so their ends are sorted too)
    ends: list[int] = []
    for candidate in sorted(candidates, key=rank, reverse=True):
        start, end = candidate.start, candidate.end
        index = bisect.bisect_left(starts, end)  # the kept spans opening before `end`: the last reaches furthest
        if index and ends[index - 1] > start and start < end:
            continue
        kept.append(candidate)
        if start < end:
            starts.insert(index, start)
            ends.insert(index, end)
    return sorted(kept, key=lambda c: c.start)


# How far back (characters) a shared surname looks for bearers in play before falling back to recency.
COREFERENCE_WINDOW = 300


def _resolve_coreference(candidates, anchor, gazetteer) -> list[ActorMention]:
    """Walk the mentions in text order; a shared surname goes to the bearer in play: of the bearers
    mentioned (by any form) in the last COREFERENCE_WINDOW characters, the one the article has
    mentioned most so far (its topic: "Kim" alone after "... the North Korean leader ... launched by
    Kim Dae-jung" is still Kim Jong-il); when none is that near, of the bearers named before, the one named
    most (then the most recent)."""
    recent: dict[str, ActorRef] = {}
    unknowns: dict[tuple, ActorRef] = {}
    counts: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    mentions = []
    for candidate in candidates:
        ref = _ref_for(candidate, recent, anchor, gazetteer, unknowns)
        if ref is not None and candidate.kind == "known" and len(candidate.names) > 1:
            ref = _bearer_in_play(candidate, ref, counts, last_seen, anchor, gazetteer)
        if ref is None:
            continue
        if not _apposition_of(mentions, candidate, ref):
            counts[ref.name] = counts.get(ref.name, 0) + 1
        mentions.append(ActorMention(candidate.start, candidate.end, candidate.text, ref))
        last_seen[ref.name] = candidate.start
        _remember(ref, candidate, recent, gazetteer)
    return mentions


def _apposition_of(mentions, candidate, ref) -> bool:
    """"Sergei Ivanov, the secretary of the Security Council": the title right after the name (a comma between) is
    the same mention, so it does not make him the article's topic twice."""
    last = mentions[-1] if mentions else None
    return last is not None and last.ref == ref and candidate.start - last.end <= 2 \
        and candidate.start > last.end and candidate.text.startswith(("the ", "The ", "a "))


def _bearer_in_play(candidate, ref, counts, last_seen, anchor, gazetteer) -> ActorRef:
    near = [name for name in candidate.names
            if name in last_seen and candidate.start - last_seen[name] <= COREFERENCE_WINDOW]
    if len(near) == 1:
        return gazetteer.actor_ref(near[0], anchor)
    if not near:  # none in play: of the bearers the article has named, the one it names most (its topic)
        near = [name for name in candidate.names if name in last_seen]
        if not near:
            return ref
    best = max(near, key=lambda name: (counts[name], last_seen[name]))
    return gazetteer.actor_ref(best, anchor)


def unknown_person_keys(name: str, title: str | None, country: str | None) -> tuple[tuple, tuple]:
    """The two keys by which unknown persons (found by title) are the same person: the whole name's key,
    and (surname key, title, country) - "Kim Jong Il" = "Kim Jong-il"; "Prime Minister Phan Van Khai" =
    "Prime Minister Phan Khai" of the same country. The surname is the last name part that is no particle."""
    parts = [part for word, part in zip(name.split(), name_parts(name)) if word not in _PARTICLES] or [""]
    title_key = " ".join((title or "").lower().split())
    return ("name", name_key(name)), ("surname", parts[-1], title_key, country or "")


def _ref_for(candidate, recent, anchor, gazetteer, unknowns) -> ActorRef | None:
    if candidate.kind == "unknown":
        known = gazetteer.actors_for_alias(candidate.text) if " " in candidate.text else []
        if len(known) == 1:  # a spelling of a gazetteer actor the alias matcher did not list ("Andrei Nikolaev")
            return gazetteer.actor_ref(known[0], anchor)
        return _unknown_ref(candidate, unknowns)
    key = name_key(candidate.text)
    if candidate.kind == "bare":
        return recent.get(key)
    if candidate.kind == "office":
        return gazetteer.actor_ref(candidate.names[0], anchor)
    return _known_ref(candidate, key, recent, anchor, gazetteer)


def _unknown_ref(candidate, unknowns: dict) -> ActorRef:
    """The same unknown person named again, maybe spelt another way: the first form's ref; else a new one,
    remembered under both keys."""
    keys = unknown_person_keys(candidate.text, candidate.title, candidate.country)
    for person_key in keys:
        if person_key in unknowns:
            return unknowns[person_key]
    ref = ActorRef(name=candidate.text, known=False, country=candidate.country, title=candidate.title)
    for person_key in keys:
        unknowns[person_key] = ref
    return ref


def _known_ref(candidate, key: str, recent: dict, anchor, gazetteer) -> ActorRef | None:
    """A gazetteer name: its one actor when the name is whole or not yet in play; else the bearer in play."""
    multiword = " " in candidate.text or "-" in candidate.text
    if len(candidate.names) == 1 and (multiword or key not in recent):
        return gazetteer.actor_ref(candidate.names[0], anchor)
    if key in recent:
        return recent[key]
    return None  # an ambiguous surname with no earlier bearer in the article


def _known_words(ref: ActorRef, candidate, gazetteer) -> list[str]:
    """A gazetteer person's one-word aliases, and his surname as written in full ("Butler" after "Richard Butler":
    _bare_name_parts)."""
    actor = gazetteer.actor(ref.name) or {}
    words = [alias for alias in gazetteer.aliases_of(actor) if " " not in alias.strip() and "-" not in alias]
    if candidate.kind == "known" and (surname := _known_surname(candidate.text, ref.name, gazetteer)):
        words.append(surname)
    return words


def _unknown_words(ref: ActorRef, gazetteer) -> list[str]:
    """An unknown person's first and last name parts (particles left out; "al-Hashimi" also as "Hashimi"; the middle
    word of a three-word name, _paternal)."""
    tokens = [token for token in ref.name.split() if token not in _PARTICLES] or ref.name.split()
    return [tokens[0], tokens[-1], *_ARTICLE_SURNAME.findall(tokens[-1]), *_paternal(tokens, gazetteer)]


def _paternal(tokens: list[str], gazetteer) -> list[str]:
    """The middle word of a three-word name that is no given name: the first (paternal) surname of a Spanish or
    Portuguese double surname, by which the news calls the person alone ("Luis Ortega Varela", then "Ortega"). A
    patronymic or a second given name in the middle is never written alone, so taking it costs nothing."""
    if len(tokens) != 3 or tokens[1] in gazetteer.given_names() or not tokens[1][:1].isupper():
        return []
    return [tokens[1]]


def _remember(ref: ActorRef, candidate, recent, gazetteer) -> None:
    """Make every one-word alias (and, for unknown persons, each name part) point at `ref`."""
    words = _known_words(ref, candidate, gazetteer) if ref.known else _unknown_words(ref, gazetteer)
    for word in words:
        recent[name_key(word)] = ref
