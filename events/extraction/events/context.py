"""What every step of event extraction knows about the sentence it reads, and about one dated phrase."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from events.extraction.entities import ArticleEntities, Gazetteer
from events.extraction.events.rules import EventRules
from events.extraction.events.triggers import Trigger
from events.extraction.sentences import Sentence


@dataclass
class SentenceContext:
    """One sentence of an article, with what the article gives it."""
    text: str  # the whole article body (offsets are into it)
    anchor: datetime.date  # the issue date
    sentence: Sentence
    triggers: list[Trigger]  # the sentence's triggers, in text order
    entities: ArticleEntities
    gazetteer: Gazetteer
    rules: EventRules
    quotes: list[tuple[int, int]]  # the article's direct quotations
    # visitor's name -> country code of the place of their visit, kept across the article's sentences
    visit_places: dict[str, str] = field(default_factory=dict)
    # (where, country code) of the places of the encounters told so far, in text order (implied_places)
    told_places: list[tuple[int, str]] = field(default_factory=list)
    article_memo: dict = field(default_factory=dict)  # worked out once per article (implied_places.subject_state_of)
    memo: dict = field(default_factory=dict)  # results asked several times for one reading (clause cuts)
    # Filled by extract._sentence_events once the sentence has a date that may date an event:
    claimants: list[dict] = field(default_factory=list)  # dated phrases that may claim a trigger
    actor_mentions: list = field(default_factory=list)
    country_mentions: list = field(default_factory=list)
    actors: list = field(default_factory=list)  # the sentence's distinct actors (ActorRef)
    topics: list[str] = field(default_factory=list)
    reported: list[datetime.date] = field(default_factory=list)  # days the sentence's attributions cover

    @cached_property
    def country_names(self) -> list:
        """Country mentions by name ("Japan", not "Japanese"): a bare name after a comma is an apposition."""
        return [m for m in self.country_mentions if m.kind == "name"]


@dataclass(frozen=True)
class Reading:
    """One dated phrase read as an event: its time expression, its own triggers (nearest first; the first
    types it), type and status, the clause that governs it, and its place (country code and where the
    sentence names it; None for the offset when an earlier sentence placed the same visit)."""
    timex: dict
    own: list[Trigger]
    event_type: str
    status: str
    clause: tuple[int, int]
    place: tuple[str, int | None] | None

    @property
    def main(self) -> Trigger:
        return self.own[0]
