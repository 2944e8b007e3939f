"""Offices standing for their holder on the issue day, through the dated gazetteer (roles.json office_nouns):
"the Russian president", "the presidents of Russia, Kazakhstan and Belarus", and a state's possessive, "Germany's
chancellor", "Nigeria's defense minister" (split from people.py in the seventh round, when the possessive came).

A possessive office right after a name and a comma ("Jon Doe, Nigeria's defense minister") or before one ("Nigeria's
defense minister, Jon Doe") is an apposition: the name is the person (found by the title rules), and the office is
not looked up (the gazetteer may not know him, and its holder of the day would then be another man).
"""
from __future__ import annotations

import re

from events.extraction.phrases import TheWord, word_trie_pattern


def office_candidates(text, anchor, gazetteer, masked, make) -> list:
    """Candidates (built by `make`, people._Candidate) for every office phrase of `text` whose holder on `anchor`
    the gazetteer knows, outside `masked`."""
    found = []
    for match in gazetteer._office_phrase.finditer(text):
        country = gazetteer.country_of_phrase(match.group("qual"))
        holder = gazetteer.office_holder(country, match.group("noun"), anchor) if country else None
        if holder and not _in_spans(match.start(), masked):
            found.append(make(match.start(), match.end(), match.group(), "office", (holder,)))
    for match in _OFFICE_OF.finditer(text):
        if not _in_spans(match.start(), masked):
            found += _office_of_states(text, match, anchor, gazetteer, make)
    return found + _possessive_offices(text, anchor, gazetteer, masked, make) + \
        _described_offices(text, anchor, gazetteer, masked, make)


def _in_spans(position: int, spans) -> bool:
    return any(start <= position < end for start, end in spans)


# "the president of Ukraine", "the presidents of Russia, Kazakhstan and Belarus", "the foreign ministers of ...".
_OFFICE_OF = TheWord(r"\s+(?P<noun>(?:president|prime minister|premier|foreign minister|"
                     r"defen[cs]e minister|chancellor)(?P<plural>s)?)\s+of\s+(?:the\s+)?")
_LIST_SEPARATOR = re.compile(r",?\s+and\s+(?:the\s+)?|,\s*(?:the\s+)?")


def _office_of_states(text, match, anchor, gazetteer, make) -> list:
    """The holders of the office in each state named by its name after "of": one for a singular noun (the
    whole phrase is the mention), one per state of a list for a plural (each state's name is its holder's
    mention). A capital or a demonym is no state here ("the president of Moscow State University")."""
    noun = match.group("noun").lower().removesuffix("s") if match.group("plural") else match.group("noun").lower()
    found, position = [], match.end()
    while True:
        state = gazetteer._country_regex.match(text, position)
        codes, kind = gazetteer._country_by_text.get(state.group(), ([], "")) if state else ([], "")
        holder = gazetteer.office_holder(codes[0], noun, anchor) if kind == "name" and len(codes) == 1 else None
        if holder is None:
            return found
        start = state.start() if match.group("plural") else match.start()
        found.append(make(start, state.end(), text[start:state.end()], "office", (holder,)))
        separator = _LIST_SEPARATOR.match(text, state.end()) if match.group("plural") else None
        if separator is None:
            return found
        position = separator.end()


# Before a possessive office: a name and a comma (an apposition: "Jon Doe, Nigeria's defense minister").
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w'\u2019-]+,\s+$")
# After one: a comma and a capitalized word (the name: "Nigeria's defense minister, Jon Doe").
_NAME_AFTER = re.compile(r"\s*,\s*[A-Z]")
# How far back from the "'s" a state's name may start ("Bosnia and Herzegovina's").
_STATE_REACH = 40


def _possessive_offices(text, anchor, gazetteer, masked, make) -> list:
    """"Germany's chancellor", "Russia's new foreign minister": the holder of the office in that state (its name,
    not a capital or a demonym: "Moscow's ambassador" is no office of the state's) on `anchor`."""
    found = []
    for match in gazetteer._possessive_office.finditer(text):
        state = _state_ending_at(text, match.start(), gazetteer)
        if state is None or _in_spans(state.start(), masked) or _NAME_AFTER.match(text, match.end()) \
                or _NAME_COMMA_BEFORE.search(text, max(0, state.start() - 60), state.start()):
            continue
        codes, kind = gazetteer._country_by_text.get(state.group(), ([], ""))
        holder = gazetteer.office_holder(codes[0], match.group("noun"), anchor) \
            if kind == "name" and len(codes) == 1 else None
        if holder:
            found.append(make(state.start(), match.end(), text[state.start():match.end()], "office", (holder,)))
    return found


def _state_ending_at(text, position, gazetteer):
    """The country name that ends right at `position` (before "'s"), if any."""
    last = None
    for state in gazetteer._country_regex.finditer(text, max(0, position - _STATE_REACH), position):
        if state.end() == position:
            last = state
    return last


def _described_offices(text, anchor, gazetteer, masked, make) -> list:
    """"the Duma speaker", "the NATO secretary general", "the Kremlin leader" (roles.json described_offices): the
    holder of the role on `anchor`, unless a name follows in apposition."""
    regex, offices = _described_matcher(gazetteer)
    found = []
    for match in regex.finditer(text) if regex else ():
        phrase = match.group()
        office = offices.get(phrase) or offices["t" + phrase[1:]]  # "The Duma speaker" is "the Duma speaker"
        holder = gazetteer.title_holder(office["title"], office.get("country"), anchor)
        if holder and not _in_spans(match.start(), masked) and not _NAME_AFTER.match(text, match.end()):
            found.append(make(match.start(), match.end(), match.group(), "office", (holder,)))
    return found


def _described_matcher(gazetteer):
    """One regex of every described office's phrases (longest first; "the" or "The"), and the office of each phrase;
    compiled once per gazetteer."""
    cached = getattr(gazetteer, "_described_offices", None)
    if cached is None:
        offices = {phrase: office for office in gazetteer.roles.get("described_offices", {}).get("offices", [])
                   for phrase in office["phrases"]}
        variants = set(offices) | {"T" + phrase[1:] for phrase in offices if phrase.startswith("the ")}
        pattern = word_trie_pattern(variants, r"\w-") + r"(?![\w-])"
        cached = (re.compile(pattern) if offices else None, offices)
        gazetteer._described_offices = cached
    return cached
