"""Actors, countries and topics in an article, from gazetteers kept as data (events/extraction/data/*.json).

Gazetteer shapes (the Django side loads the same dicts into editable models):
  countries: [{"code": "RU", "name": "Russia", "aliases": [{"text": "Moscow", "kind": "capital"}, ...]}]
  actors:    [{"name": "Vladimir Putin", "aliases": ["Putin", ...], "country": "RU",
               "roles": [{"title": "President of Russia", "country": "RU", "start": "2000-05-07", "end": null}]}]
  topics:    [{"name": "Military cooperation", "slug": "military-cooperation", "keywords": ["arms sales", ...]}]

Countries: every name and alias is matched case-sensitively on word edges, longest first, so
"North Korean" never also yields South Korea and "Russian-U.S. summit" yields Russia and the United
States. Capitals and seats of power stand for their state (metonymy: "Moscow announced").
The bare adjective "Soviet" is not an alias: in this period it dates ("Soviet-era ties") rather than
places; "Soviet Union" and "USSR" map to Russia, the successor state. country_phrases.json adds
phrases naming two states at once ("North and South Korea") and capitalised names that contain an
alias but are no country ("Washington Times").

Actors: aliases are matched ignoring case after the first letter and treating hyphen and space alike
("Kim Dae Jung" = "Kim Dae-jung" = "Kim Dae-Jung"). A surname shared by several actors ("Ivanov",
"Kim") is resolved to the bearer in play: among those mentioned in the last 300 characters, the one the
article has mentioned most so far (its topic), else the most recently named; it is dropped when none
was named (precision first). "The Russian president" is whoever held that office on the issue date. A person
introduced by a title but absent from the gazetteer ("North Korean ambassador Pak Ui Chun") becomes
an unknown actor (known=False) with that title and the country of the title's adjective.
"""
from __future__ import annotations

import bisect
import datetime
import json
import logging
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from events.extraction.mention import ActorRef
from events.extraction.namekey import name_key, name_parts
from events.extraction.phrases import fold, trie_pattern, word_trie_pattern

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"



def _char_class(test) -> str:
    """A regex character class body of every code point for which test(char) holds, as ranges."""
    ranges, start, previous = [], None, None
    for code in range(sys.maxunicode + 1):
        if test(chr(code)):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Capital and small letters of every script (a name in "any Latin spelling": Chrétien, Schröder, Wałęsa),
# small letters followed by combining marks when the text is decomposed ("e" + U+0301).
_UPPER = "[" + _char_class(lambda c: unicodedata.category(c) in ("Lu", "Lt")) + "]"
_LOWER = "[" + _char_class(lambda c: unicodedata.category(c) in ("Ll", "Mn", "Mc")) + "]"
_LETTER = "[" + _char_class(lambda c: unicodedata.category(c) in ("Lu", "Lt", "Ll", "Mn", "Mc")) + "]"
# Arabic article and patronymic prefixes written with a hyphen: "al-Assad", "bin-Laden".
_NAME_PREFIX = r"(?:al|el|ad|ash|as|at|ar|an|bin|ibn|abu|abd|ul)[-\u2019']"
# "Klebanov", "Jai-chun", "O'Neill", "McCormick", "Chrétien", "al-Assad", "Kim Jong-il"
_NAME_TOKEN = rf"(?:{_NAME_PREFIX})?{_UPPER}{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?:[-'\u2019]{_LETTER}{_LOWER}+)*"
# Lower-case particles inside a name: "Dominique de Villepin", "Hans van den Broek", "Lula da Silva".
NAME_PARTICLES = ("de", "du", "des", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von",
                  "ter", "la", "le", "bin", "ibn", "al", "el", "y", "zu", "af")
_PARTICLE = r"(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r")"
_NAME_SEQUENCE = rf"(?:{_PARTICLE}\s+)?{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_TOKEN}){{0,3}}"
# A name longer than this, or with a part longer than MAX_NAME_PART, is no name (junk input): dropped
# with a warning rather than stored as an actor.
MAX_NAME_LENGTH = 100
MAX_NAME_PART = 40
# Capitalised words that open a name-like run but are not names.
_NOT_NAME_WORDS = frozenset({
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "According", "Following", "After",
    "Before", "Since", "During", "While", "When", "Meanwhile", "Indeed", "Moreover", "However", "That",
    "This", "These", "Those", "Some", "Many", "His", "Her", "Its", "Their", "Sources", "Reports",
    "Foreign", "Defense", "Defence", "Ministry", "Council", "Security", "State", "Department", "Party",
    "President", "Minister", "Deputy", "Prime", "Secretary", "Ambassador", "General", "Government",
})
# A capitalised run containing one of these names an organisation ("General Motors Corp"), not a person.
_ORGANISATION_WORDS = frozenset({
    "Inc", "Corp", "Co", "Ltd", "Company", "Corporation", "Group", "Agency", "Bank", "News", "Ministry",
    "Department", "Party", "Council", "Committee", "Fund", "Association", "University", "Institute",
    "Service", "Times", "Post", "Herald", "Motors", "Mills", "Airlines", "Exchange", "Union", "Organization",
})


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    text: str
    code: str
    kind: str  # name, adjective, capital, joint


@dataclass(frozen=True)
class OrganizationMention:
    start: int
    end: int
    text: str
    slug: str


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    ref: ActorRef


@dataclass(frozen=True)
class TopicMention:
    start: int
    end: int
    text: str
    name: str


def _read_json(name: str):
    path = DATA_DIR / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _parse_day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _alternation(patterns: list[str]) -> str:
    return "|".join(patterns) if patterns else r"(?!x)x"


class Gazetteer:
    """Countries, actors and topics, with the compiled matchers built from them."""

    def __init__(self, countries=(), actors=(), topics=(), country_phrases=None, roles=None, organizations=None):
        self.countries = list(countries)
        self.actors = list(actors)
        self.topics = list(topics)
        # International organizations: from organizations.json unless given (the Django side gives the database's).
        if organizations is None:
            data = _read_json("organizations.json") or {}
            organizations = data.get("organizations", []) if isinstance(data, dict) else data
        self.organizations = list(organizations)
        # Phrase and title rules are engine data, not editable gazetteer rows: from the files unless given.
        self.country_phrases = country_phrases if country_phrases is not None else (
            _read_json("country_phrases.json") or {"joint": {}, "not_countries": []})
        self.roles = roles if roles is not None else (
            _read_json("roles.json") or {"office_nouns": {}, "titles": [], "not_actor_after": [],
                                         "not_actor_phrases": []})
        self._build_countries()
        self._build_organizations()
        self._build_actors()
        self._build_topics()
        self._build_titles()

    @classmethod
    def from_files(cls, folder: Path | None = None) -> "Gazetteer":
        folder = Path(folder) if folder else DATA_DIR

        def read(name, default):
            path = folder / name
            return json.loads(path.read_text(encoding="utf-8")) if path.exists() else default

        return cls(
            countries=read("countries.json", []),
            actors=read("actors.json", []),
            topics=read("topics.json", []),
            organizations=(lambda d: d.get("organizations", []) if isinstance(d, dict) else d)(
                read("organizations.json", [])),
            country_phrases=read("country_phrases.json", None),
            roles=read("roles.json", None),
        )

    # -- countries -------------------------------------------------------------------------------
    def _build_countries(self):
        self.country_names = {country["code"]: country["name"] for country in self.countries}
        self._country_by_text: dict[str, tuple[list[str], str]] = {}
        for country in self.countries:
            self._country_by_text[country["name"]] = ([country["code"]], "name")
            for alias in country.get("aliases", []):
                self._country_by_text[alias["text"]] = ([country["code"]], alias.get("kind", "name"))
        for phrase, codes in self.country_phrases.get("joint", {}).items():
            self._country_by_text[phrase] = (list(codes), "joint")
        for phrase in self.country_phrases.get("not_countries", []):
            self._country_by_text[phrase] = ([], "none")
        for phrase in self.country_phrases.get("ambiguous", {}):  # "Congolese": two states, so none
            self._country_by_text[phrase] = ([], "ambiguous")
        self._phrase_country: dict[str, str | None] = {}
        self._country_regex = re.compile(word_trie_pattern(self._country_by_text, r"\w$") + r"(?![\w$])")
        self._adjectives = sorted(
            (text for text, (codes, kind) in self._country_by_text.items()
             if len(codes) == 1 and kind in ("adjective", "name")),
            key=len, reverse=True)

    def country_name(self, code: str) -> str | None:
        return self.country_names.get(code)

    def capital_of(self, code: str) -> str | None:
        """The first alias of kind capital: the capital city by the data's convention."""
        for country in self.countries:
            if country["code"] == code:
                capitals = [a["text"] for a in country.get("aliases", []) if a.get("kind") == "capital"]
                return capitals[0] if capitals else None
        return None

    def find_countries(self, text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
        end = len(text) if end is None else end
        found = []
        for match in self._country_regex.finditer(text, start, end):
            phrase = match.group()
            codes, kind = self._country_by_text[phrase]
            for code in codes:
                found.append(CountryMention(match.start(), match.end(), phrase, code, kind))
        return found

    def country_of_phrase(self, phrase: str) -> str | None:
        """The first country named in `phrase` ("North Korean ambassador" -> "KP")."""
        if phrase not in self._phrase_country:
            mentions = self.find_countries(phrase)
            self._phrase_country[phrase] = mentions[0].code if mentions else None
        return self._phrase_country[phrase]

    # -- organizations ---------------------------------------------------------------------------
    def _build_organizations(self):
        # Names and aliases matched case-sensitively on word edges, longest first ("OSCE Minsk Group" over
        # "OSCE"), like countries; "U.N." keeps its stops.
        self._organization_by_text: dict[str, str] = {}
        for org in self.organizations:
            for text in (org["name"], *org.get("aliases", [])):
                self._organization_by_text.setdefault(text, org["slug"])
        self.organization_names = {org["slug"]: org["name"] for org in self.organizations}
        self._organization_regex = re.compile(
            word_trie_pattern(self._organization_by_text, r"\w$") + r"(?![\w$])")

    def find_organizations(self, text: str, start: int = 0, end: int | None = None) -> list[OrganizationMention]:
        end = len(text) if end is None else end
        return [OrganizationMention(m.start(), m.end(), m.group(), self._organization_by_text[m.group()])
                for m in self._organization_regex.finditer(text, start, end)]

    # -- topics ----------------------------------------------------------------------------------
    def _build_topics(self):
        # Keywords are matched on the folded text (lower case, hyphen as space): "Non-proliferation"
        # and "nonproliferation" are separate keywords, "missile-defense" and "missile defense" one.
        self._topic_by_keyword: dict[str, str] = {}
        for topic in self.topics:
            for keyword in topic.get("keywords", []):
                self._topic_by_keyword.setdefault(fold(keyword.strip()), topic["name"])
        self._topic_regex = re.compile(r"(?<![\w])" + trie_pattern(self._topic_by_keyword) + r"(?![\w])")

    def find_topics(self, text: str, start: int = 0, end: int | None = None,
                    folded: str | None = None) -> list[TopicMention]:
        folded = fold(text) if folded is None else folded
        end = len(text) if end is None else end
        return [TopicMention(m.start(), m.end(), text[m.start():m.end()], self._topic_by_keyword[m.group()])
                for m in self._topic_regex.finditer(folded, start, end)]

    # -- actors ----------------------------------------------------------------------------------
    def _build_actors(self):
        self._actor_by_name = {actor["name"]: actor for actor in self.actors}
        self._ref_cache: dict[tuple[str, datetime.date], ActorRef] = {}  # ActorRef is immutable
        self._holder_cache: dict[tuple[str, str, datetime.date], str | None] = {}
        # Aliases by their name key (events.extraction.namekey), so that a variant the data does not list
        # ("Schröder" for "Schroeder", "Nazarbaev" for "Nazarbayev") still finds its actor; by the key's
        # number of words too, for the capitalised runs of _key_candidates.
        self._actors_by_alias: dict[str, list[str]] = {}
        self._single_word_keys: dict[str, list[str]] = {}
        for actor in self.actors:
            for alias in sorted({actor["name"], *actor.get("aliases", [])}):
                key = name_key(alias)
                if not key:
                    continue
                names = self._actors_by_alias.setdefault(key, [])
                if actor["name"] not in names:
                    names.append(actor["name"])
                if len(alias.split()) == 1 and len(key) >= MIN_KEY_LETTERS:
                    words = self._single_word_keys.setdefault(key, [])
                    if actor["name"] not in words:
                        words.append(actor["name"])
        # Matched on the folded text, so case after the first letter and hyphen/space do not matter;
        # the first letter must be a capital in the original (checked by the caller).
        aliases = {_fold_name(alias) for actor in self.actors for alias in (actor["name"], *actor.get("aliases", []))}
        self._actor_regex = re.compile(r"(?<![\w])" + trie_pattern(aliases) + r"(?![\w])")
        self._not_actor_after = {word.lower() for word in self.roles.get("not_actor_after", [])}
        phrases = self.roles.get("not_actor_phrases", [])
        self._not_actor_phrase_regex = re.compile(_alternation([re.escape(p) for p in phrases]))

    def actors_for_alias(self, text: str) -> list[str]:
        """Gazetteer actors having `text` as an alias (spelling variants meet: namekey.name_key)."""
        return self._actors_by_alias.get(name_key(text), [])

    def actor(self, name: str) -> dict | None:
        return self._actor_by_name.get(name)

    def role_on(self, name: str, day: datetime.date) -> dict | None:
        """The first role `name` held on `day`."""
        actor = self._actor_by_name.get(name)
        for role in (actor or {}).get("roles", []):
            if _role_covers(role, day):
                return role
        return None

    def office_holder(self, country: str, office_noun: str, day: datetime.date) -> str | None:
        """Who held the office ("president", "leader") of `country` on `day`; memoised, since finding it
        walks every role of every actor."""
        key = (country, office_noun, day)
        if key not in self._holder_cache:
            self._holder_cache[key] = self._find_office_holder(country, office_noun, day)
        return self._holder_cache[key]

    def _find_office_holder(self, country: str, office_noun: str, day: datetime.date) -> str | None:
        prefixes = self.roles.get("office_nouns", {}).get(office_noun.lower(), [])
        if office_noun.lower() == "leader":  # "the German leader" is the chancellor, not the president
            prefixes = self.roles.get("leader_by_country", {}).get(country, prefixes)
        for prefix in prefixes:
            for actor in self.actors:
                for role in actor.get("roles", []):
                    if role.get("country") == country and _title_is(role["title"], prefix) and _role_covers(role, day):
                        return actor["name"]
        return None

    def actor_ref(self, name: str, day: datetime.date) -> ActorRef:
        """The reference to gazetteer actor `name`, with the office held on `day` as its title and that
        office's country as the country he acts for: the NATO Secretary General (George Robertson) or the
        President of the European Commission (Romano Prodi) acts for no state, whatever his nationality; with
        no office held on `day`, the actor's own country."""
        key = (name, day)
        if key not in self._ref_cache:
            actor = self._actor_by_name[name]
            role = self.role_on(name, day)
            country = role.get("country") if role else actor.get("country")
            self._ref_cache[key] = ActorRef(name=name, known=True, country=country,
                                            title=role["title"] if role else None)
        return self._ref_cache[key]

    # -- titles (unknown persons, office phrases) -------------------------------------------------
    def _build_titles(self):
        titles = self.roles.get("titles", [])
        self._title_words = {word.lower() for title in titles for word in re.split(r"[\s\-]+", title)}
        # Titles are found on the folded text; the patterns below are then tried at each title only.
        self._title_regex = re.compile(r"(?<![\w])" + trie_pattern({fold(t) for t in titles}) + r"(?![\w])")
        qualifier = trie_pattern(self._adjectives)
        qualifier_word = word_trie_pattern(self._adjectives, r"\w$")  # r"(?<![\w$])" + qualifier, faster
        # "North Korean ambassador", "Japan's ambassador", "U.S. Energy Secretary" (up to two capitalised words
        # of the office between the country and the title word).
        self._qualifier_before = re.compile(
            rf"(?P<qual>{qualifier_word}(?:[\u2019']s)?)\s+(?:[A-Z][a-z]+\s+){{0,2}}$")
        # "North Korean ambassador Pak Ui Chun": title, then the name.
        self._name_after_title = re.compile(rf"\s+(?P<name>{_NAME_SEQUENCE})")
        # "South Korea's ambassador to Russia, Jai-chun Lee": title (needs a country before it), comma, name.
        self._comma_name_after_title = re.compile(
            rf"(?P<rest>\s+(?:to|of|for|in)\s+[^,;.()\u2013\u2014]{{1,60}}?)?,\s+"
            rf"(?P<name>{_NAME_SEQUENCE})(?=[,.;)\u2013\u2014]|\s+[a-z]|$)")
        # "Viktor Komardin, deputy director of ...": name, comma, title.
        self._name_comma_before_title = re.compile(rf"(?<![\w-])(?P<name>{_NAME_SEQUENCE}),\s+(?:the\s+|a\s+)?$")
        # Up to the end of the clause; the stops inside "U.S." do not end it.
        self._title_rest = re.compile(r"(?:[^,;.()\u2013\u2014]|(?<=[A-Z])\.(?=[A-Z]\.)|(?<=\.[A-Z])\.){0,80}")
        office_nouns = self.roles.get("office_nouns", {})
        self._office_phrase = re.compile(
            # "[Tt](?<!\w[Tt])he" is r"\b[Tt]he", opening with literals so that re can skip ahead to a "t".
            rf"[Tt](?<!\w[Tt])he\s+(?P<qual>{qualifier})\s+(?P<noun>{trie_pattern(office_nouns)})(?![\w-])")

    def is_title_word(self, word: str) -> bool:
        return word.lower() in self._title_words


def _fold_name(alias: str) -> str:
    return re.sub(r" +", " ", fold(alias.strip()))


def _title_is(title: str, prefix: str) -> bool:
    for candidate in (title, title.removeprefix("Acting ")):
        if candidate == prefix or candidate.startswith(prefix + " of "):
            return True
    return False


def _role_covers(role: dict, day: datetime.date) -> bool:
    start, end = _parse_day(role.get("start")), _parse_day(role.get("end"))
    return (start is None or start <= day) and (end is None or day <= end)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer from the data files, loaded once per process."""
    return Gazetteer.from_files()


# ---------------------------------------------------------------------------------------------
# Whole-article entity finding
# ---------------------------------------------------------------------------------------------
@dataclass
class _Candidate:
    start: int
    end: int
    text: str
    kind: str  # known, unknown, office, bare
    names: tuple[str, ...] = ()  # gazetteer actors for known/office
    title: str | None = None
    country: str | None = None


class ArticleEntities:
    """Entity mentions of one article, with lookups by character range; `warnings` says what was dropped."""

    def __init__(self, actors: list[ActorMention], countries: list[CountryMention], topics: list[TopicMention],
                 warnings: list[str] | None = None, organizations: list[OrganizationMention] | None = None):
        self.actors = actors
        self.countries = countries
        self.topics = topics
        self.warnings = warnings if warnings is not None else []
        self.organizations = organizations or []
        self._organization_starts = [m.start for m in self.organizations]
        self._actor_starts = [m.start for m in actors]
        self._country_starts = [m.start for m in countries]
        self._topic_starts = [m.start for m in topics]
        # Per-sentence results the event rules ask for repeatedly (events._place_mentions), by (start, end).
        self.place_cache: dict[tuple[int, int], list] = {}

    def actors_in(self, start: int, end: int) -> list[ActorMention]:
        return _slice(self.actors, self._actor_starts, start, end)

    def countries_in(self, start: int, end: int) -> list[CountryMention]:
        return _slice(self.countries, self._country_starts, start, end)

    def topics_in(self, start: int, end: int) -> list[TopicMention]:
        return _slice(self.topics, self._topic_starts, start, end)

    def organizations_in(self, start: int, end: int) -> list[OrganizationMention]:
        return _slice(self.organizations, self._organization_starts, start, end)


def _slice(items, starts, start, end):
    return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def find_entities(text: str, anchor: datetime.date, gazetteer: Gazetteer,
                  masked: list[tuple[int, int]] = ()) -> ArticleEntities:
    """Actors (with in-article coreference), countries and topics of `text`, outside `masked` spans
    (source attributions, whose agency and newspaper names are not participants)."""
    folded = fold(text)
    countries = [m for m in gazetteer.find_countries(text) if not _in_spans(m.start, masked)]
    topics = [m for m in gazetteer.find_topics(text, folded=folded) if not _in_spans(m.start, masked)]
    organizations = [m for m in gazetteer.find_organizations(text) if not _in_spans(m.start, masked)]
    warnings: list[str] = []
    actors = find_actors(text, anchor, gazetteer, masked, folded, warnings)
    return ArticleEntities(actors, countries, topics, warnings, organizations)


def find_actors(text: str, anchor: datetime.date, gazetteer: Gazetteer,
                masked: list[tuple[int, int]] = (), folded: str | None = None,
                warnings: list[str] | None = None) -> list[ActorMention]:
    """Actor mentions of `text`; what is dropped as junk (over-long names) is logged and, when given,
    appended to `warnings`."""
    folded = fold(text) if folded is None else folded
    warnings = [] if warnings is None else warnings
    masked = list(masked) + [m.span() for m in gazetteer._not_actor_phrase_regex.finditer(text)
                             if gazetteer.roles.get("not_actor_phrases")]
    known = _known_candidates(text, folded, gazetteer, masked)
    known += _key_candidates(text, gazetteer, masked, known)
    unknown = _unknown_candidates(text, folded, gazetteer, masked, warnings)
    candidates = _resolve_overlaps(known + unknown)
    candidates += _bare_unknown_candidates(text, candidates, gazetteer, masked)
    candidates += _office_candidates(text, anchor, gazetteer, masked)
    candidates = _resolve_overlaps(candidates)
    return _resolve_coreference(candidates, anchor, gazetteer)


def _in_spans(position: int, spans) -> bool:
    for start, end in spans:  # a plain loop: called per candidate, any() with a generator costs more
        if start <= position < end:
            return True
    return False


def _known_candidates(text, folded, gazetteer, masked) -> list[_Candidate]:
    found = []
    for match in gazetteer._actor_regex.finditer(folded):
        start, end = match.span()
        if not text[start].isupper() or _in_spans(start, masked):  # the cheap test first
            continue
        if _next_word(text, end) in gazetteer._not_actor_after:
            continue  # "the Bush administration": an administration, not the man
        names = tuple(gazetteer.actors_for_alias(text[start:end]))
        if names:
            found.append(_Candidate(start, end, text[start:end], "known", names))
    return found


# A word of five or more characters opening with a capital of the Latin or Cyrillic alphabets, hyphens and
# apostrophes inside it ("Ter-Petrosyan", "D'Alema", "Schröder"); opening with a character class (the
# look-behind after it) lets re skip ahead in C to the next capital.
_WORD = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f](?<![\w'\u2019\-].)[\w'\u2019\-]{4,}")
# A word is looked up by its name key only when the key has at least this many letters: short keys
# ("le", "li") are too often other words ("Le Monde").
MIN_KEY_LETTERS = 5


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
        phrase = word.group()
        if len(phrase) < MIN_KEY_LETTERS or not phrase[0].isupper():
            continue
        names = keys.get(name_key(phrase))
        if not names:
            continue
        start, end = word.span()
        if (_overlaps(start, end, taken, taken_starts) or _in_spans(start, masked)
                or _next_word(text, end) in gazetteer._not_actor_after):
            continue
        extra.append(_Candidate(start, end, phrase, "known", tuple(names)))
    return extra


def _overlaps(start, end, spans, starts) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping; `starts` their starts)."""
    index = bisect.bisect_left(starts, end) - 1  # the last span opening before `end`
    return index >= 0 and spans[index][1] > start


_NEXT_WORD = re.compile(r"\s+([\w\u2019']+)")


def _next_word(text: str, position: int) -> str:
    match = _NEXT_WORD.match(text[position:position + 40])
    return match.group(1).lower() if match else ""


def _unknown_candidates(text, folded, gazetteer, masked, warnings) -> list[_Candidate]:
    """Persons introduced by a title, in three shapes, tried at each title found."""
    found = []
    for title in gazetteer._title_regex.finditer(folded):
        start, end = title.span()
        if start > 0 and text[start - 1] == "-":
            continue  # "admiral" inside "Rear-Admiral": the whole rank is a title of its own
        before = gazetteer._qualifier_before.search(text, max(0, start - 40), start)
        qualifier = before.group("qual") if before else None
        for candidate in _title_shapes(text, start, end, qualifier, gazetteer, warnings):
            if candidate and not _in_spans(candidate.start, masked):
                found.append(candidate)
    return found


# "President Leonid Kuchma of Ukraine": the country after the name, when no adjective came before the title.
_OF_AFTER_NAME = re.compile(r",?\s+of\s+(?:the\s+)?")


def _title_shapes(text, start, end, qualifier, gazetteer, warnings):
    title = text[start:end]
    after = gazetteer._name_after_title.match(text, end)
    if after:
        country = None
        if qualifier is None:
            of = _OF_AFTER_NAME.match(text, after.end("name"))
            place = gazetteer._country_regex.match(text, of.end()) if of else None
            codes = gazetteer._country_by_text[place.group()][0] if place else []
            country = codes[0] if len(codes) == 1 else None
        yield _unknown_from_match(text, title, qualifier, *after.span("name"), gazetteer, warnings, country)
    comma = gazetteer._comma_name_after_title.match(text, end) if qualifier else None
    if comma:
        full_title = title + (comma.group("rest") or "")
        yield _unknown_from_match(text, full_title, qualifier, *comma.span("name"), gazetteer, warnings)
    named = gazetteer._name_comma_before_title.search(text, max(0, start - 80), start)
    if named:
        rest = gazetteer._title_rest.match(text, end)
        yield _unknown_from_match(text, title + rest.group(), None, *named.span("name"), gazetteer, warnings)


_TOKEN = re.compile(r"\S+")
_PARTICLES = frozenset(NAME_PARTICLES)


def _unknown_from_match(text, title, qualifier, name_start, name_end, gazetteer, warnings,
                        country=None) -> _Candidate | None:
    tokens = list(_TOKEN.finditer(text[name_start:name_end]))
    # Drop leading rank words ("Rear-Admiral Ali Shamkhani") and stop at a country alias.
    while tokens and (gazetteer.is_title_word(tokens[0].group().split("-")[0]) or tokens[0].group() in _NOT_NAME_WORDS):
        tokens.pop(0)
    if len(tokens) < 2 or any(token.group().rstrip(".") in _ORGANISATION_WORDS for token in tokens):
        return None
    start, end = name_start + tokens[0].start(), name_start + tokens[-1].end()
    if end - start > MAX_NAME_LENGTH or any(len(token.group()) > MAX_NAME_PART for token in tokens):
        _warn(warnings, f"name-like text of {end - start} characters at offset {start} after the title "
                        f"{title[:40]!r} is too long for a name (over {MAX_NAME_LENGTH} characters or a part over "
                        f"{MAX_NAME_PART}); no actor made from it: {text[start:start + 60]!r}...")
        return None
    if gazetteer.country_of_phrase(text[start:end]) or any(t.group() in gazetteer._country_by_text for t in tokens):
        return None  # "North Korea", "Russia" after a title word are places
    title = " ".join(title.split()).strip()
    if qualifier:
        country = gazetteer.country_of_phrase(qualifier)
    elif country is None:
        country = gazetteer.country_of_phrase(title)
    return _Candidate(start, end, text[start:end], "unknown", (), title, country)


def _warn(warnings, message):
    logger.warning(message)
    warnings.append(message)


def _bare_unknown_candidates(text, candidates, gazetteer, masked) -> list[_Candidate]:
    """Later bare mentions of an unknown person by one of their name parts ("Pak" for "Pak Ui Chun")."""
    parts = {}
    for candidate in candidates:
        if candidate.kind != "unknown":
            continue
        tokens = [token for token in candidate.text.split() if token not in _PARTICLES]
        for token in {tokens[0], tokens[-1]}:
            if len(token) > 2 and token not in _NOT_NAME_WORDS and not gazetteer.actors_for_alias(token):
                parts.setdefault(token, candidate)
    if not parts:
        return []
    regex = re.compile(r"(?<![\w-])(?:" + _alternation([re.escape(p) for p in parts]) + r")(?![\w-])")
    return [_Candidate(m.start(), m.end(), m.group(), "bare") for m in regex.finditer(text)
            if not _in_spans(m.start(), masked)]


def _office_candidates(text, anchor, gazetteer, masked) -> list[_Candidate]:
    found = []
    for match in gazetteer._office_phrase.finditer(text):
        country = gazetteer.country_of_phrase(match.group("qual"))
        holder = gazetteer.office_holder(country, match.group("noun"), anchor) if country else None
        if holder and not _in_spans(match.start(), masked):
            found.append(_Candidate(match.start(), match.end(), match.group(), "office", (holder,)))
    return found


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep one candidate per overlapping group: a full unknown name beats a bare known surname
    inside it ("Jai-chun Lee" over "Lee"); otherwise the gazetteer match wins, then the longer."""
    def rank(candidate):
        single_word_known = candidate.kind == "known" and " " not in candidate.text and "-" not in candidate.text
        return (candidate.kind in ("known", "office") and not single_word_known, candidate.end - candidate.start)

    kept: list[_Candidate] = []
    taken: set[int] = set()
    for candidate in sorted(candidates, key=rank, reverse=True):
        span = range(candidate.start, candidate.end)
        if taken.isdisjoint(span):
            kept.append(candidate)
            taken.update(span)
    return sorted(kept, key=lambda c: c.start)


# How far back (characters) a shared surname looks for bearers in play before falling back to recency.
COREFERENCE_WINDOW = 300


def _resolve_coreference(candidates, anchor, gazetteer) -> list[ActorMention]:
    """Walk the mentions in text order; a shared surname goes to the bearer in play: of the bearers
    mentioned (by any form) in the last COREFERENCE_WINDOW characters, the one the article has
    mentioned most so far (its topic: "Kim" alone after "... the North Korean leader ... launched by
    Kim Dae-jung" is still Kim Jong-il); when none is that near, the most recent bearer."""
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
        mentions.append(ActorMention(candidate.start, candidate.end, candidate.text, ref))
        counts[ref.name] = counts.get(ref.name, 0) + 1
        last_seen[ref.name] = candidate.start
        _remember(ref, candidate, recent, gazetteer)
    return mentions


def _bearer_in_play(candidate, ref, counts, last_seen, anchor, gazetteer) -> ActorRef:
    near = [name for name in candidate.names
            if name in last_seen and candidate.start - last_seen[name] <= COREFERENCE_WINDOW]
    if len(near) < 2:
        return gazetteer.actor_ref(near[0], anchor) if near else ref
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
    key = name_key(candidate.text)
    if candidate.kind == "unknown":
        # The same unknown person named again, maybe spelt another way: the first form's ref.
        keys = unknown_person_keys(candidate.text, candidate.title, candidate.country)
        for person_key in keys:
            if person_key in unknowns:
                return unknowns[person_key]
        ref = ActorRef(name=candidate.text, known=False, country=candidate.country, title=candidate.title)
        for person_key in keys:
            unknowns[person_key] = ref
        return ref
    if candidate.kind == "bare":
        return recent.get(key)
    if candidate.kind == "office":
        return gazetteer.actor_ref(candidate.names[0], anchor)
    multiword = " " in candidate.text or "-" in candidate.text
    if len(candidate.names) == 1 and (multiword or key not in recent):
        return gazetteer.actor_ref(candidate.names[0], anchor)
    if key in recent:
        return recent[key]
    return None  # an ambiguous surname with no earlier bearer in the article


def _remember(ref: ActorRef, candidate, recent, gazetteer) -> None:
    """Make every one-word alias (and, for unknown persons, each name part) point at `ref`."""
    if ref.known:
        actor = gazetteer.actor(ref.name) or {}
        words = [alias for alias in actor.get("aliases", []) if " " not in alias.strip() and "-" not in alias]
    else:
        tokens = [token for token in ref.name.split() if token not in _PARTICLES] or ref.name.split()
        words = [tokens[0], tokens[-1]]
    for word in words:
        recent[name_key(word)] = ref
