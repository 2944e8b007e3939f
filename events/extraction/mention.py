"""The output records of event extraction: EventMention and ActorRef (plain dataclasses, JSON-ready)."""
from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ActorRef:
    name: str
    known: bool  # False: found by a title ("North Korean ambassador X"), not in the gazetteer
    country: str | None = None  # ISO 3166-1 alpha-2
    title: str | None = None


@dataclass
class EventMention:
    key: str  # f"{sentence_start}:{date_text_start}", stable for the same text
    sentence_start: int
    sentence_end: int
    sentence: str
    date_text: str
    date_text_start: int
    date_text_end: int
    timex_value: str
    timex_mod: str
    date_start: datetime.date
    date_end: datetime.date  # inclusive
    granularity: str  # day week month season quarter half year decade
    event_type: str  # events.models.EventType codes
    status: str  # occurred planned postponed reported
    summary: str
    actors: list[ActorRef] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO codes, by first appearance
    topics: list[str] = field(default_factory=list)  # topic names
    reported_dates: list[datetime.date] = field(default_factory=list)
    confidence: float = 0.5
    organizations: list[str] = field(default_factory=list)  # organization slugs named in the sentence

    def as_dict(self) -> dict:
        """JSON-ready: dates as ISO strings, actors as dicts."""
        data = asdict(self)
        data["date_start"] = self.date_start.isoformat()
        data["date_end"] = self.date_end.isoformat()
        data["reported_dates"] = [day.isoformat() for day in self.reported_dates]
        return data
