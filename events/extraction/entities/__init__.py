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
article has mentioned most so far (its topic); with none that near, the one of all those named before that
the article has mentioned most (then the most recent); it is dropped when none was named (precision first).
A gazetteer person named in full is later named by his bare surname too, when the data lists none
("Butler" after "Richard Butler"). "The Russian president" is whoever held that office on the issue date. A person
introduced by a title but absent from the gazetteer ("North Korean ambassador Pak Ui Chun") becomes
an unknown actor (known=False) with that title and the country of the title's adjective.
"""
# The package's modules: names (what a name looks like), mentions (the records), gazetteer (the data and
# its matchers), people (actors of an article), anaphora (descriptions and pronouns standing for them);
# this module finds all of an article's entities (find_entities) and looks them up by range.
from __future__ import annotations

import bisect
import datetime
import re

from events.extraction.entities.anaphora import resolve_anaphora
from events.extraction.entities.counterparts import resolve_counterparts
from events.extraction.entities.groups import resolve_groups
from events.extraction.entities.home_offices import resolve_home_offices
from events.extraction.entities.gazetteer import DATA_DIR, Gazetteer, default_gazetteer
from events.extraction.entities.mentions import ActorMention, CountryMention, OrganizationMention, TopicMention
from events.extraction.entities.names import MAX_NAME_LENGTH, MAX_NAME_PART, NAME_PARTICLES
from events.extraction.entities.people import _in_spans, find_actors, unknown_person_keys
from events.extraction.phrases import fold
from events.extraction.sentences import split_sentences

__all__ = ["DATA_DIR", "MAX_NAME_LENGTH", "MAX_NAME_PART", "NAME_PARTICLES", "ActorMention", "ArticleEntities",
           "CountryMention", "Gazetteer", "OrganizationMention", "TopicMention", "default_gazetteer", "find_actors",
           "find_entities", "resolve_anaphora", "unknown_person_keys"]


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

    def add_actors(self, mentions: list[ActorMention]) -> None:
        """Add actor mentions found later (anaphora.resolve_anaphora), keeping text order."""
        if mentions:
            self.actors = sorted(self.actors + list(mentions), key=lambda m: m.start)
            self._actor_starts = [m.start for m in self.actors]

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


# Country mentions that name a town or region (a capital too), dropped inside an organization's name.
_PLACE_ONLY = frozenset({"capital", "city", "region"})


def find_entities(text: str, anchor: datetime.date, gazetteer: Gazetteer,
                  masked: list[tuple[int, int]] = (), sentences=None) -> ArticleEntities:
    """Actors (with in-article coreference, and the descriptions and pronouns that stand for them: anaphora),
    countries and topics of `text`, outside `masked` spans (source attributions, whose agency and newspaper
    names are not participants). `sentences`: the text's sentences when the caller has them."""
    folded = fold(text)
    topics = _unmasked(gazetteer.find_topics(text, folded=folded), masked)
    organizations = _unmasked(gazetteer.find_organizations(text), masked)
    ambiguous: list = []
    countries = gazetteer.resolve_ambiguous(text, gazetteer.find_countries(text, ambiguous=ambiguous), ambiguous)
    countries = _not_ethnic(_places_outside(_unmasked(countries, masked), organizations), text)
    warnings: list[str] = []
    actors = find_actors(text, anchor, gazetteer, masked, folded, warnings)
    countries = _outside_names(_not_surnames(countries, text, organizations), actors)
    entities = ArticleEntities(actors, countries, topics, warnings, organizations)
    sentences = split_sentences(text) if sentences is None else sentences
    entities.add_actors(resolve_anaphora(text, sentences, entities, gazetteer, anchor, masked))
    entities.add_actors(resolve_counterparts(text, entities, gazetteer, anchor, masked))
    entities.add_actors(resolve_home_offices(text, sentences, entities, gazetteer, anchor, masked))
    entities.add_actors(resolve_groups(text, sentences, entities, gazetteer, anchor, masked))
    return entities


def _outside_names(countries, actors) -> list:
    """A demonym inside a person's name names no state ("German Gref"). The actor mentions are in text order
    and do not overlap, so the one that may hold a country mention is the last to start before it (bisect:
    linear time on long lists of names, where comparing every pair was quadratic)."""
    starts = [a.start for a in actors]
    kept = []
    for m in countries:
        index = bisect.bisect_right(starts, m.start) - 1
        a = actors[index] if index >= 0 else None
        if not (a and m.end <= a.end and m.text in a.text.split() and m.text in a.ref.name.split()):
            kept.append(m)
    return kept


# A state's name right after a capitalised word inside a sentence is a person's surname ("Kazuhiko Togo", "Vernon
# Jordan", "Foreign Minister Togo"), unless that word is a date word or a modifier of the state ("Soviet Georgia",
# "Inner Mongolia" are places, kept as the gazetteer reads them).
_GIVEN_NAME = re.compile(r"(?<![.!?:;(\"\u201c\u2018'\n])(?<=\S) ([A-Z][a-z]+) $")
_NOT_GIVEN = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Soviet", "Communist", "Red", "Nationalist", "Mainland", "Independent", "Greater", "Western", "Eastern",
    "Northern", "Southern", "Central", "East", "West", "North", "South", "Inner", "Outer", "Upper", "Lower", "Democratic", "Federal", "Imperial",
    "Tsarist", "Socialist", "Free", "New", "Old", "Post", "Today", "Europe", "Asia", "Africa", "America"})


def _not_surnames(countries, text: str, organizations) -> list:
    """Country names that are no person's surname (_GIVEN_NAME): the word before is not a sentence's first, not a
    date word or modifier (_NOT_GIVEN), not itself a state's or an organization's name."""
    taken = {m.end for m in countries} | {m.end for m in organizations}
    return [m for m in countries if not _surname(m, text, taken)]


def _surname(m, text: str, taken: set) -> bool:
    if m.kind != "name" or m.start < 2 or text[m.start - 1] != " " or not text[m.start - 2].islower():
        return False
    match = _GIVEN_NAME.search(text, max(0, m.start - 24), m.start)
    return bool(match) and match.group(1) not in _NOT_GIVEN and match.end(1) not in taken


_ETHNIC = re.compile(r"\b(?:[Ee]thnic|[Mm]inority)\s+$")


def _not_ethnic(countries, text: str) -> list:
    """A demonym after "ethnic" names a people, not its state ("the ethnic Albanian parties" of Macedonia, "ethnic
    Russians in Latvia"): no country mention."""
    return [m for m in countries if not (m.kind == "adjective" and _after_ethnic(text, m.start))]


def _after_ethnic(text: str, start: int) -> bool:
    """_ETHNIC right before `start`; its words looked for first (a substring test spares most regex searches)."""
    before = text[max(0, start - 12):start]
    return ("thnic" in before or "inority" in before) and bool(_ETHNIC.search(text, max(0, start - 12), start))


def _unmasked(mentions, masked: list[tuple[int, int]]) -> list:
    """The mentions that start outside the `masked` spans."""
    return [m for m in mentions if not _in_spans(m.start, masked)]


def _places_outside(countries, organizations) -> list:
    """A city inside an organization's name names the organization, not a place ("Shanghai Cooperation
    Organization", "OSCE Minsk Group"); a state's name or adjective there still names a member."""
    named_places = [(m.start, m.end) for m in organizations]
    return [m for m in countries if not (m.kind in _PLACE_ONLY and _in_spans(m.start, named_places))]
