"""Unknown persons introduced by a role in the shapes the single-title rules of people.py do not read:

- a plural role noun before a list of names: "the two party leaders, Ana Petrova and Ion Rusu", "opposition
  candidates Ana Petrova, Ion Rusu and Dan Popa" (each name a person with the singular role);
- a name in apposition with a described role: "Ion Rusu, the veteran trade union leader who ...", "Ana Petrova,
  a former Moldovan envoy" (up to three words between the article and the role noun);
- a royal or religious title before one name, with or without a regnal numeral: "King Mswati III", "Emir
  Hamad", "Patriarch Teoctist".

The state comes from the role's modifier as for a single title (a demonym or a state's name before it, "of X"
after it), never from an "ethnic" demonym ("ethnic Albanian leaders" of Macedonia are no Albanian officials);
like every unknown person, each is stored as an actor needing review.
"""
from __future__ import annotations

import datetime
import re

from events.extraction.entities.gazetteer import _role_covers
from events.extraction.entities.names import _NAME_SEQUENCE, _NOT_NAME_WORDS

# Titles before which one name (and a regnal numeral) is a person: royals and heads of churches.
ONE_NAME_TITLES = frozenset({"king", "queen", "emir", "sheikh", "sultan", "prince", "crown prince", "emperor",
                             "patriarch", "catholicos", "grand mufti"})
# Lower-case words that end a described role's modifiers (the apposition's article is followed by them only
# when the phrase is a clause, not a description: "Ion Rusu, who ...", "Ion Rusu, and the leader").
_NOT_MODIFIERS = frozenset({"who", "whom", "whose", "which", "that", "and", "or", "but", "said", "says", "is",
                            "was", "has", "had", "will", "would", "to", "of", "in", "on", "at", "for", "with", "by",
                            "from", "as", "he", "she", "they", "it", "his", "her", "its", "their", "not"})
_ETHNIC = re.compile(r"\bethnic\s+$")
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _matchers(gazetteer):
    """Regexes compiled once per gazetteer (kept on it): the list of names after a plural, the apposition."""
    cached = getattr(gazetteer, "_role_name_matchers", None)
    if cached is None:
        name_list = re.compile(rf"(?:\s*,)?\s+(?P<names>{_NAME_SEQUENCE}(?:{_LIST_GLUE.pattern}{_NAME_SEQUENCE}){{1,5}})")
        # "X, the veteran trade union leader", "X, a former Moldovan envoy", "X, Nigeria's defense minister".
        # (`tail`, what follows the name, is tried first at the last comma before the role: _apposition.)
        tail = re.compile(r",\s+(?:(?:the|a|an)\s+|(?=[A-Z][\w.-]*['\u2019]s\s))(?P<mods>(?:[\w.'\u2019-]+\s+){1,3})$")
        apposition = re.compile(rf"(?<![\w-])(?P<name>{_NAME_SEQUENCE})" + tail.pattern)
        cached = (name_list, apposition, tail)
        gazetteer._role_name_matchers = cached
    return cached


def role_candidates(text, titles, gazetteer, masked, warnings, anchor, makers) -> list:
    """Unknown-person candidates of the three shapes above, at the role nouns `titles` (matches of the gazetteer's
    title regex on the folded text, plurals among them); `makers`: people._unknown_from_match (text, title,
    qualifier, start, end, gazetteer, warnings, country, min_tokens), people._known_from_title (start, end, text,
    names) and people._in_spans."""
    make, make_known, in_spans = makers
    name_list, apposition, tail = _matchers(gazetteer)
    found = []
    for match in titles:
        title = gazetteer.plural_titles.get(match.group())
        if title is None:
            found += _apposition(text, match, gazetteer, warnings, make, apposition, tail)
            found.append(_royal(text, match, gazetteer, warnings, anchor, make, make_known))
            continue
        names = name_list.match(text, match.end())
        if names:
            qualifier = _qualifier(text, match.start(), gazetteer)
            for name in _NAME_IN_LIST.finditer(text, names.start("names"), names.end("names")):
                found.append(make(text, title, qualifier, name.start(), name.end(), gazetteer, warnings))
    return [c for c in found if c is not None and not in_spans(c.start, masked)]


_NAME_IN_LIST = re.compile(_NAME_SEQUENCE)


def _royal(text, match, gazetteer, warnings, anchor, make, make_known):
    """"Emir Hamad", "King Mswati III of Swaziland": the gazetteer actor holding that title on the issue day whose
    name starts with that name, else an unknown person."""
    start, end = match.span()
    title = " ".join(text[start:end].split())
    if title.lower() not in ONE_NAME_TITLES or (start > 0 and text[start - 1] == "-"):
        return None
    after = gazetteer._name_after_title.match(text, end)
    if not after:
        return None
    first = after.group("name").split()[0]
    holders = [name for name in _titled_by_first_name(gazetteer).get(first, ())
               if _holds(gazetteer, name, anchor, title)]
    if holders:  # several (two emirs named Hamad in 2001): the one in play, as for a shared surname
        return make_known(after.start("name") - len(text[start:after.start("name")]), after.start("name") + len(first),
                          text[start:after.start("name") + len(first)], holders)
    qualifier = _qualifier(text, start, gazetteer)
    country = None if qualifier is not None else _state_after(text, after.end("name"), gazetteer)
    return make(text, title, qualifier, *after.span("name"), gazetteer, warnings, country, 1)


def _titled_by_first_name(gazetteer) -> dict:
    """Gazetteer actors who ever held a royal or church title, by the first word of each of their names."""
    cached = getattr(gazetteer, "_titled_first_names", None)
    if cached is None:
        cached = {}
        for actor in gazetteer.actors:
            if any(role["title"].split(" of ")[0].lower() in ONE_NAME_TITLES for role in actor.get("roles", [])):
                for alias in gazetteer.aliases_of(actor):
                    words = [w for w in alias.split() if w.lower() not in ONE_NAME_TITLES]
                    if words:
                        cached.setdefault(words[0], set()).add(actor["name"])
        gazetteer._titled_first_names = cached
    return cached


def _holds(gazetteer, name: str, day, title: str) -> bool:
    """Did actor `name` hold, on `day`, an office whose title is `title` or starts with it ("King of Jordan")?"""
    for role in (gazetteer.actor(name) or {}).get("roles", []):
        held = role["title"].lower()
        if (held == title.lower() or held.startswith(title.lower() + " ")) and _role_covers(role, day):
            return True
    return False


# A title word or two right before a name ("King", "Crown Prince", "President").
_TITLE_BEFORE = re.compile(r"(?:^|(?<=\s))((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)\s+$")


def by_date(names, anchor, gazetteer) -> tuple[str, ...]:
    """Of the actors a shared name names ("George Bush", "Roh"), those in office on the issue day; when none is, the
    one whose first office began last before it (or begins within the year: a president-elect, a candidate); the
    news does not name a later holder before then (in 1997 "George Bush" is the father, in 2002 the son, in mid-2000
    the candidate). All of them when the dates settle nothing (no roles, or all alike)."""
    if len(names) < 2:
        return names
    covering = tuple(name for name in names if gazetteer.role_on(name, anchor))
    return covering or _last_begun(names, anchor, gazetteer)


def _last_begun(names, anchor, gazetteer) -> tuple[str, ...]:
    """Of `names`, none in office on `anchor`, the one whose first office began last by then (or within the year);
    all of them when none has begun, or when all have and two began on one day (the dates settle nothing)."""
    firsts = {name: _first_start(gazetteer, name) for name in names}
    horizon = _horizon(anchor)
    started = [name for name in names if (firsts[name] or "9999") <= horizon]
    if not started or _undated_alike(started, names, firsts):
        return names
    latest = max(firsts[name] for name in started)
    return tuple(name for name in started if firsts[name] == latest)


def _undated_alike(started: list, names, firsts: dict) -> bool:
    """All have begun and two began on one day: the dates settle nothing."""
    return len(started) == len(names) and len(set(firsts.values())) < len(firsts)


def begun(gazetteer, name: str, day) -> bool:
    """Had `name` held an office by `day`, or does he take one within the year? No dated roles counts as begun."""
    first = _first_start(gazetteer, name)
    return not first or first <= _horizon(day)


def _horizon(day) -> str:
    """A year after `day` (ISO): a holder-elect or candidate is in the news before he takes office."""
    return (day + datetime.timedelta(days=365)).isoformat()


def _first_start(gazetteer, name: str) -> str | None:
    """The start (ISO) of `name`'s first dated office, None when the data gives none."""
    starts = [role["start"] for role in (gazetteer.actor(name) or {}).get("roles", []) if role.get("start")]
    return min(starts) if starts else None


def by_title(names, text, start, end, anchor, gazetteer) -> tuple[str, ...]:
    """Of the actors an ambiguous alias names, those whose office on the issue day has the title the text gives
    them, in the alias ("King Abdullah": the King of Jordan in 2000, not the Saudi crown prince) or right before
    it ("Crown Prince Abdullah"); all of them when the title settles nothing."""
    phrase = text[start:end]
    before = _TITLE_BEFORE.search(text, max(0, start - 30), start)
    titles = [phrase] + ([before.group(1) + " " + phrase, before.group(1).split()[-1] + " " + phrase] if before else [])
    for title_and_name in titles:
        words = title_and_name.split()
        for size in (2, 1):
            title = " ".join(words[:size])
            if len(words) <= size or not gazetteer.is_title_word(words[size - 1]):
                continue
            kept = tuple(name for name in names if _holds(gazetteer, name, anchor, title))
            if kept:
                return kept
    return names


def _apposition(text, match, gazetteer, warnings, make, apposition, tail) -> list:
    start, end = match.span()
    found = []
    # Cheap tests first: no comma, no apposition; and since a name holds no comma and the words after it none
    # either, the apposition's comma is the last one before the role, and what follows it must match `tail`.
    comma = text.rfind(",", max(0, start - 120), start)
    described = (apposition.search(text, max(0, comma - 100), start)
                 if comma >= 0 and tail.match(text, comma, start) else None)
    if described and _modifiers_only(described.group("mods")):
        mods = described.group("mods")
        qualifier = None if _ETHNIC.search(mods) else _demonym_in(mods, gazetteer)
        rest = gazetteer._title_rest.match(text, end)
        full_title = " ".join((mods + text[start:end] + rest.group()).split())
        found.append(make(text, full_title, qualifier or "", *described.span("name"), gazetteer, warnings,
                          None if qualifier else _state_of(full_title, gazetteer)))
    return found


def _modifiers_only(mods: str) -> bool:
    """The words between the apposition's article and the role noun describe it: no verb, pronoun or
    preposition of a clause among them (a capitalized word may be a demonym or a party's name)."""
    return all(word.lower() not in _NOT_MODIFIERS and word not in _NOT_NAME_WORDS - {"Foreign", "Defense", "Deputy",
                                                                                    "Prime", "Security"}
               for word in mods.split())


def _demonym_in(mods: str, gazetteer) -> str | None:
    """The state a demonym or a state's name among the modifiers gives ("a former Moldovan envoy")."""
    for mention in gazetteer.find_countries(mods):
        if mention.kind in ("adjective", "name") and len(gazetteer._country_by_text[mention.text][0]) == 1:
            return mention.text
    return None


def _state_of(title: str, gazetteer) -> str | None:
    """The state named after "of" in a described role ("leader of the Georgian Greens"), else none."""
    of = re.search(r"\bof\s+(?:the\s+)?(.*)$", title)
    return gazetteer.country_of_phrase(of.group(1)) if of else None


_OF_STATE = re.compile(r",?\s+of\s+(?:the\s+)?")


def _state_after(text: str, end: int, gazetteer) -> str | None:
    """"King Mswati III of Swaziland": the state named by its name right after "of"."""
    of = _OF_STATE.match(text, end)
    place = gazetteer._country_regex.match(text, of.end()) if of else None
    codes, kind = gazetteer._country_by_text.get(place.group(), ([], "")) if place else ([], "")
    return codes[0] if len(codes) == 1 and kind == "name" else None


def _qualifier(text: str, start: int, gazetteer) -> str | None:
    """The demonym or state's name qualifying a title that starts at `start` ("Jordanian King", "Belarusian
    opposition candidates"); "" (no state) after "ethnic"."""
    before = gazetteer._qualifier_before.search(text, max(0, start - 40), start)
    if not before:
        return None
    if _ETHNIC.search(text, max(0, before.start() - 10), before.start()):
        return ""
    return before.group("qual")
