"""The mention records entity finding produces (plain frozen dataclasses)."""
from __future__ import annotations

from dataclasses import dataclass

from events.extraction.mention import ActorRef


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    text: str
    code: str
    kind: str  # name, adjective, capital, joint, city, region (places.json: no capital, never the state's voice)


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

