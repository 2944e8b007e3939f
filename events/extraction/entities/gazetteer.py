"""The gazetteer: countries, organizations, actors, topics and title rules from the data files
(events/extraction/data/*.json), with the matchers compiled from them. The Django side builds the same
class from its database (events.services.gazetteer)."""
from __future__ import annotations

import datetime
import json
import re
from functools import lru_cache
from pathlib import Path

from events.extraction.entities.mentions import CountryMention, OrganizationMention, TopicMention
from events.extraction.entities.names import _NAME_SEQUENCE, MIN_KEY_LETTERS
from events.extraction.mention import ActorRef
from events.extraction.namekey import name_key
from events.extraction.phrases import AfterNonWord, TheWord, fold, trie_pattern, word_trie_pattern

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Countries whose people's names are written surname first (their first word is no given name).
_SURNAME_FIRST_COUNTRIES = frozenset({"CN", "KP", "KR", "VN", "TW", "MN", "HU"})


def _read_json(name: str):
    path = DATA_DIR / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _parse_day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _alternation(patterns: list[str]) -> str:
    return "|".join(patterns) if patterns else r"(?!x)x"


# An ambiguous phrase that stands for both states or for none ("inter-Korean", "the Korean peninsula", "the Korean War").
DOMINANCE = 2


def _dominant(codes, counts: dict) -> str | None:
    """Of `codes`, the one named at least twice and DOMINANCE times as often as the others together; else None."""
    named = sorted((counts.get(code, 0), code) for code in codes)
    if not named or named[-1][0] < 2 or named[-1][0] < DOMINANCE * sum(n for n, _ in named[:-1]):
        return None
    return named[-1][1]


def _of_both_or_none(text: str, match) -> bool:
    return bool(_NOT_ONE_STATE_BEFORE.search(text, max(0, match.start() - 6), match.start())
                or _NOT_ONE_STATE_AFTER.match(text, match.end()))


_NOT_ONE_STATE_BEFORE = re.compile(r"(?:inter|pan|all|both)-?\s*$", re.IGNORECASE)
_NOT_ONE_STATE_AFTER = re.compile(r"\s+(?:[Pp]eninsula|[Ww]ar|[Ss]ummit|[Rr]eunification|[Uu]nification|"
                                  r"[Rr]econciliation|states|sides|people|nation|question|crisis)\b")


class Gazetteer:
    """Countries, actors and topics, with the compiled matchers built from them."""

    def __init__(self, countries=(), actors=(), topics=(), country_phrases=None, roles=None, organizations=None,
                 places=None):
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
        # Cities and regions that are no capitals (places.json): engine data like the phrases, from the file
        # unless given; only those of the gazetteer's own countries are used.
        self.places = places if places is not None else (_read_json("places.json") or {})
        self.roles = roles if roles is not None else (
            _read_json("roles.json") or {"office_nouns": {}, "titles": [], "not_actor_after": [],
                                         "not_actor_phrases": []})
        self._build_countries()
        self._build_organizations()
        self._build_actors()
        self._build_topics()
        self._build_titles()
        self._given_names: frozenset[str] | None = None

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
            places=read("places.json", None),
        )

    # -- countries -------------------------------------------------------------------------------
    def _build_countries(self):
        self.country_names = {country["code"]: country["name"] for country in self.countries}
        # text -> (country codes, kind); later steps override earlier ones, places never do (setdefault).
        self._country_by_text: dict[str, tuple[list[str], str]] = {}
        self._add_country_names()
        self._add_places()
        self._add_country_phrases()
        self._phrase_country: dict[str, str | None] = {}
        self._country_regex = re.compile(word_trie_pattern(self._country_by_text, r"\w$") + r"(?![\w$])")
        self._adjectives = sorted(
            (text for text, (codes, kind) in self._country_by_text.items()
             if len(codes) == 1 and kind in ("adjective", "name")),
            key=len, reverse=True)

    def _add_country_names(self):
        for country in self.countries:
            self._country_by_text[country["name"]] = ([country["code"]], "name")
            for alias in country.get("aliases", []):
                self._country_by_text[alias["text"]] = ([country["code"]], alias.get("kind", "name"))

    def _add_places(self):
        """"Sochi", "Abkhazia": places of one known state, unless the text already names a country."""
        known = set(self.country_names)
        for group, kind in (("cities", "city"), ("regions", "region")):
            for code, texts in self.places.get(group, {}).items():
                if code not in known:
                    continue
                for text in texts:
                    self._country_by_text.setdefault(text, ([code], kind))

    def _add_country_phrases(self):
        """Joint phrases (several states), words that look like a country but are none, and ambiguous ones
        ("Congolese": two states, so none)."""
        for phrase, codes in self.country_phrases.get("joint", {}).items():
            self._country_by_text[phrase] = (list(codes), "joint")
        for phrase in self.country_phrases.get("not_countries", []):
            self._country_by_text[phrase] = ([], "none")
        for phrase in self.country_phrases.get("ambiguous", {}):
            self._country_by_text[phrase] = ([], "ambiguous")
        self._add_combining_forms()

    def _add_combining_forms(self):
        """"Sino-Russian", "Soviet-Japanese", "U.S.-Soviet": a combining form (country_phrases.json
        "combining_forms") hyphened to a state's adjective (or, standing second, its name) names both states, as
        "Russian-Japanese" does; built here for every pair, so that the bare form ("Soviet-era") names none."""
        forms = self.country_phrases.get("combining_forms", {})
        single = [(text, codes[0], kind) for text, (codes, kind) in self._country_by_text.items()
                  if len(codes) == 1 and kind in ("adjective", "name")]
        for phrase, code, other in _combining_pairs(forms.get("first", {}), forms.get("second", {}), single):
            if code != other:
                self._country_by_text.setdefault(phrase, ([code, other], "adjective"))

    def country_name(self, code: str) -> str | None:
        return self.country_names.get(code)

    def capital_of(self, code: str) -> str | None:
        """The first alias of kind capital: the capital city by the data's convention."""
        for country in self.countries:
            if country["code"] == code:
                capitals = [a["text"] for a in country.get("aliases", []) if a.get("kind") == "capital"]
                return capitals[0] if capitals else None
        return None

    def find_countries(self, text: str, start: int = 0, end: int | None = None,
                       ambiguous: list | None = None) -> list[CountryMention]:
        """The country mentions of text[start:end]; `ambiguous` (a list) collects the matches of ambiguous phrases
        ("Korean"), which name no state by themselves (resolve_ambiguous)."""
        end = len(text) if end is None else end
        found = []
        for match in self._country_regex.finditer(text, start, end):
            phrase = match.group()
            codes, kind = self._country_by_text[phrase]
            for code in codes:
                found.append(CountryMention(match.start(), match.end(), phrase, code, kind))
            if not codes and kind == "ambiguous" and ambiguous is not None:
                ambiguous.append(match)
        return found

    def resolve_ambiguous(self, text: str, found: list[CountryMention], ambiguous: list) -> list[CountryMention]:
        """An ambiguous phrase ("Korean", "Congo") of an article that names one of its states by itself at least
        twice and DOMINANCE times as often as the others: that state ("the Russian-Korean business forum" in a text
        about South Korea that names North Korea now and then). Not a phrase of both ("inter-Korean") or of a region or past ("the Korean
        peninsula", "the Korean War"). `found` in text order; returns it with the resolved mentions in place."""
        if not ambiguous:
            return found
        table = self.country_phrases.get("ambiguous", {})
        counts: dict[str, int] = {}
        for mention in found:
            counts[mention.code] = counts.get(mention.code, 0) + 1
        added = []
        for match in ambiguous:
            code = _dominant(table.get(match.group(), ()), counts)
            if code and not _of_both_or_none(text, match):
                added.append(CountryMention(match.start(), match.end(), match.group(), code, "adjective"))
        return sorted(found + added, key=lambda m: m.start) if added else found

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
        self._topic_regex = AfterNonWord(trie_pattern(self._topic_by_keyword) + r"(?![\w])", r"\w")

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
        self._holder_cache: dict[tuple, str | None] = {}
        self._titled_roles: dict[str, list[tuple[str, dict]]] = {}  # title -> its (actor name, role)s
        self._index_alias_keys()
        # Matched on the folded text, so case after the first letter and hyphen/space do not matter;
        # the first letter must be a capital in the original (checked by the caller).
        aliases = {_fold_name(alias) for actor in self.actors for alias in self.aliases_of(actor)}
        self._actor_regex = AfterNonWord(trie_pattern(aliases) + r"(?![\w])", r"\w")
        self._not_actor_after = {word.lower() for word in self.roles.get("not_actor_after", [])}
        phrases = self.roles.get("not_actor_phrases", [])
        self._not_actor_phrase_regex = re.compile(_alternation([re.escape(p) for p in phrases]))

    def _index_alias_keys(self):
        """Aliases by their name key (events.extraction.namekey), so that a variant the data does not list
        ("Schröder" for "Schroeder", "Nazarbaev" for "Nazarbayev") still finds its actor; single-word
        aliases long enough also by themselves, for the capitalised runs of _key_candidates."""
        self._actors_by_alias: dict[str, list[str]] = {}
        self._actors_by_exact_alias: dict[str, list[str]] = {}
        self._single_word_keys: dict[str, list[str]] = {}
        primary = self._primary_actors()
        for actor in self.actors:
            name = primary.get(actor["name"], actor["name"])
            for alias in sorted(self.aliases_of(actor)):
                key = name_key(alias)
                if not key:
                    continue
                _append_once(self._actors_by_alias, key, name)
                _append_once(self._actors_by_exact_alias, _fold_name(alias), name)
                if len(alias.split()) == 1 and len(key) >= MIN_KEY_LETTERS:
                    _append_once(self._single_word_keys, key, name)

    def _primary_actors(self) -> dict[str, str]:
        """One person entered twice under two spellings ("Wolfgang Schuessel", then "Wolfgang Schussel" listing the
        first as an alias), of the same state: the later entry -> the first, so that their shared aliases name one
        actor rather than two (an ambiguous name is dropped). Entries are never merged or renamed in the data:
        databases that hold both keep both; extraction names the first."""
        first_by_alias: dict[tuple[str, str | None], str] = {}
        for actor in self.actors:
            first_by_alias.setdefault((_fold_name(actor["name"]), actor.get("country")), actor["name"])
        primary = {}
        for actor in self.actors:
            for alias in actor.get("aliases", []):
                first = first_by_alias.get((_fold_name(alias), actor.get("country")))
                if first and first != actor["name"] and self._position(first) < self._position(actor["name"]):
                    primary[actor["name"]] = first
                    break
        return primary

    def _position(self, name: str) -> int:
        if not hasattr(self, "_positions"):
            self._positions = {actor["name"]: i for i, actor in enumerate(self.actors)}
        return self._positions.get(name, len(self.actors))

    def aliases_of(self, actor: dict) -> frozenset[str]:
        """The actor's name and aliases, and what they imply: an Arabic surname written with its article also
        stands without it ("al-Khatib" -> "Khatib", "el-Sadat" -> "Sadat"), as the news writes it after the
        first mention. Derived here, so that the data (and editors' rows) need not list both forms."""
        if not actor:
            return frozenset()
        cache = self.__dict__.setdefault("_aliases_cache", {})
        found = cache.get(actor["name"])
        if found is None or found[0] is not actor:
            aliases = {actor["name"], *actor.get("aliases", [])}
            derived = {match.group(1) for alias in aliases for match in _ARTICLE_SURNAME.finditer(alias)
                       if len(alias.split()) > 1}
            found = cache[actor["name"]] = (actor, frozenset(aliases | (derived - self._plain_given_names())))
        return found[1]

    def _plain_given_names(self) -> frozenset[str]:
        """Given names (roles.json's and the actors' first words), which a derived surname may not be: "Sabah
        al-Ahmad" names the emir's brother, yet "Ahmad" alone is a first name ("Ahmad Shah Massoud")."""
        if getattr(self, "_plain_given", None) is None:
            names = set(self.roles.get("given_names", []))
            names.update(actor["name"].split()[0] for actor in self.actors if len(actor["name"].split()) > 1)
            self._plain_given = frozenset(names)
        return self._plain_given

    def actors_for_alias(self, text: str) -> list[str]:
        """Gazetteer actors having `text` as an alias (spelling variants meet: namekey.name_key); an alias
        written exactly so (case, accents and hyphens aside) first, since the key may join names the data
        keeps apart ("Karekin I" and "Karekin II": doubled letters are single in the key)."""
        return self._actors_by_exact_alias.get(_fold_name(text)) or self._actors_by_alias.get(name_key(text), [])

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
        return next((holder for prefix in prefixes if (holder := self.title_holder(prefix, country, day))), None)

    def title_holder(self, title: str, country: str | None, day: datetime.date) -> str | None:
        """Who held a role titled `title` (or "`title` of ...") for `country` (any state when None) on `day`;
        memoised, since finding it walks every role of every actor."""
        key = ("title", title, country, day)
        if key not in self._holder_cache:
            self._holder_cache[key] = next(
                (name for name, role in self._roles_titled(title)
                 if (country is None or role.get("country") == country) and _role_covers(role, day)), None)
        return self._holder_cache[key]

    def _roles_titled(self, title: str) -> list[tuple[str, dict]]:
        """(actor name, role) of every role titled `title` (or "`title` of ..."), in the order of the actors and
        their roles; memoised per title: each new day (every article of an archive has its own) asked
        title_holder again, which walked every role of every actor."""
        found = self._titled_roles.get(title)
        if found is None:
            found = self._titled_roles[title] = [(actor["name"], role) for actor in self.actors
                                                 for role in actor.get("roles", []) if _title_is(role["title"], title)]
        return found

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
        # Plurals too ("party leaders, X and Y": entities.role_names), in one pass over the text with the singulars.
        self.plural_titles = {plural: " ".join(title.split()) for title in titles
                              if (plural := _plural_title(fold(title)))}
        self._title_regex = AfterNonWord(trie_pattern({fold(t) for t in titles} | set(self.plural_titles))
                                         + r"(?![\w])", r"\w")
        qualifier = trie_pattern(self._adjectives)
        # An unknown person's title may also be qualified by a region, a city or a seat of power ("the Chechen
        # field commander X", "Kremlin spokesman X"): his state is the place's; an office phrase ("the Russian
        # president") keeps to states' names and adjectives ("the Chechen president" is not Russia's).
        places = [text for text, (codes, kind) in self._country_by_text.items()
                  if len(codes) == 1 and kind in ("region", "city", "capital", "joint")]
        qualifier_word = word_trie_pattern(self._adjectives + places, r"\w$")  # r"(?<![\w$])" + qualifier, faster
        # "North Korean ambassador", "Japan's ambassador", "U.S. Energy Secretary" (up to two capitalised words
        # of the office between the country and the title word).
        # Or up to two words saying what kind of holder ("the Chechen field commander", "Afghan opposition leader").
        self._qualifier_before = re.compile(
            rf"(?P<qual>{qualifier_word}(?:[\u2019']s)?)\s+(?:(?:[A-Z][a-z]+|{_HOLDER_KINDS})\s+){{0,2}}$")
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
        self._office_phrase = TheWord(  # r"\b[Tt]he" + ..., re skipping ahead to each "he" (phrases.TheWord)
            rf"\s+(?P<qual>{qualifier})\s+(?P<noun>{trie_pattern(office_nouns)})(?![\w-])")
        # "Germany's chancellor": the office after a possessive (its state is looked for before the "'s": offices.py).
        self._possessive_office = re.compile(
            rf"['\u2019]s\s+(?:(?:new|acting)\s+)?(?P<noun>{trie_pattern(office_nouns)})(?![\w-])")

    def given_names(self) -> frozenset[str]:
        """Given names (roles.json given_names, and the first word of every gazetteer actor's name that
        is no title and not written surname first)."""
        if self._given_names is None:
            names = set(self.roles.get("given_names", []))
            for actor in self.actors:
                first = actor["name"].split()[0]
                if len(first) >= 3 and first.isalpha() and first[0].isupper() and len(actor["name"].split()) > 1 \
                        and actor.get("country") not in _SURNAME_FIRST_COUNTRIES and not self.is_title_word(first):
                    names.add(first)
            self._given_names = frozenset(names)
        return self._given_names

    def is_title_word(self, word: str) -> bool:
        return word.lower() in self._title_words


def _plural_title(title: str) -> str | None:
    """The plural of a folded title ("leader" -> "leaders", "chairman" -> "chairmen"); None for titles with "of"
    or ending in "s"."""
    if " of " in title or title.endswith("s"):
        return None
    if title.endswith("man"):
        return title[:-3] + "men"
    if title.endswith("y") and not title.endswith(("ay", "ey", "oy")):
        return title[:-1] + "ies"
    return title + "s"


# Lower-case words between a state's adjective and a title that keep the adjective the holder's state.
_HOLDER_KINDS = ("(?:field|rebel|separatist|opposition|militant|guerrilla|former|acting|veteran|senior|top|"
                 "outgoing|incoming|new|interim|exiled|party|parliamentary|presidential|communist|nationalist|military|army|"
                 "naval|chief|deputy|main|trade-union|union|"
                 # a cabinet portfolio ("South Korea's finance minister, X"): the usual ministries' names
                 "finance|economy|economics|trade|energy|justice|culture|education|health|agriculture|transport|"
                 "railways?|fuel|industry|labou?r|fisheries|emergencies|communications|science|environment|"
                 "commerce|treasury|atomic|nuclear|oil)")


# "al-Khatib" at the end of a name: the surname after the Arabic article (four letters or more).
_ARTICLE_SURNAME = re.compile(r"(?<![\w-])(?:al|el|Al|El)-([A-Z][a-z]{3,})$")


@lru_cache(maxsize=1 << 16)
def _fold_name(alias: str) -> str:
    """An alias as matched (folded, single spaces); memoised: the load folds each alias three times."""
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


def _append_once(table: dict[str, list[str]], key: str, value: str) -> None:
    """Append `value` to table[key] (a new list when missing) unless it is there already."""
    values = table.setdefault(key, [])
    if value not in values:
        values.append(value)


def _combining_pairs(first: dict, second: dict, single: list) -> list[tuple[str, str, str]]:
    """(phrase, first state, second state) for each combining form before an adjective ("Sino-Russian") or a second
    form ("Sino-Soviet"), and each second form after an adjective or a name ("Japanese-Soviet", "U.S.-Soviet")."""
    adjectives = [(text, code) for text, code, kind in single if kind == "adjective"]
    pairs = [(f"{form}-{text}", code, other) for form, code in first.items() for text, other in adjectives]
    pairs += [(f"{form}-{form2}", code, code2) for form, code in first.items() for form2, code2 in second.items()]
    return pairs + [(f"{text}-{form}", other, code) for form, code in second.items() for text, other, _ in single]
