"""Synthetic Monitor archive: invented articles in the archive's file format, deterministic by seed.

    python manage.py generate_archive --volumes 6-7 --articles-per-issue 4 --out DIR --seed 1
    python manage.py generate_archive --articles 10000 --out DIR            # volumes as needed from 1995 on

Nothing here is copied from the real archive: every sentence comes from the templates below, filled with
the gazetteer's actors (with the role they held on the issue date), countries, capitals and topic keywords,
plus invented officials the gazetteer does not know (open world). What makes it archive-like:

* happenings (visits, talks, summits, agreements, letters, statements, military and nuclear deals,
  appointments, protests) that are announced before they happen, reported after, sometimes put off, and
  mentioned again in later issues with a cross-reference to the issue that first reported them, so the
  thread linker sees the same happening from several issues (and many different happenings near in time);
* relative dates ("last Tuesday", "next month", "late last month", "on March 4-5", "earlier this week")
  worked out from the issue date, so the tagger has the same resolution work as on the real archive;
* source attributions "(Interfax, March 3)" dated on or before the issue date, which date_issue uses as
  evidence;
* commentary sentences with no date, headlines in capitals, several articles per issue in one file.

The issue dates come from an IssueCalendar: by default the publication calendar's model
(events.extraction.calendar: weekdays less US federal holidays); SimulatedCalendar takes them from the
publication-calendar simulator (events.extraction.calendar_sim: holidays by the house's habits, summer and
year-end breaks, odd days), so one generator serves the calendar tests and the benchmarks. Pure Python:
no Django.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

# The words of the archive (month and weekday names, agencies, invented names, offices, the sentence and
# headline templates, event types with their weights, the "home" countries) are events/synthetic_text.py.
from events.synthetic_text import (
    _COMMENTARY, _EVENTS, _FIRST, _FOLLOW_UP, _HEADLINES, _HOME, _OFFICES, _POSTPONED, _SURNAME_A, _SURNAME_B,
    _TYPE_WEIGHTS, _TYPES, AGENCIES, MONTHS, WEEKDAYS,
)

DATA = Path(__file__).resolve().parent / "extraction" / "data"


class IssueCalendar(Protocol):
    """Where the issue dates come from: the default (weekdays less US federal holidays) or a simulated
    calendar with breaks. Both answer these two questions."""

    def issues_in_volume(self, volume: int) -> int: ...

    def issue_date(self, volume: int, number: int) -> dt.date: ...


class ModelCalendar:
    """The publication calendar's model (events.extraction.calendar)."""

    def issues_in_volume(self, volume: int) -> int:
        from events.extraction.calendar import issues_in_volume

        return issues_in_volume(volume)

    def issue_date(self, volume: int, number: int) -> dt.date:
        from events.extraction.calendar import calendar_date

        return calendar_date(volume, number)


class SimulatedCalendar:
    """A calendar with breaks, from the publication-calendar simulator (events.extraction.calendar_sim,
    issue 10): each volume's year gets the house's habits (named holidays skipped or not, varied a little
    from year to year), a summer break, a year-end break and odd days off, all drawn from `seed`. The
    archive generated with it has the breaks the calendar fitter must find; `truth()` gives the true
    dates."""

    def __init__(self, seed: int = 1):
        try:
            from events.extraction import calendar_sim
        except ImportError as error:  # the simulator lands with issue 10
            raise ValueError("the simulated calendar needs events.extraction.calendar_sim (issue 10)") from error
        self._sim = calendar_sim
        self._rng = random.Random(seed)
        self._habits = calendar_sim.make_habits(self._rng)
        self._calendars = {}

    def _calendar(self, volume: int):
        if volume not in self._calendars:
            from events.extraction.calendar import year_of_volume

            self._habits = self._sim.vary_habits(self._habits, self._rng)
            self._calendars[volume] = self._sim.make_calendar(year_of_volume(volume), self._rng, self._habits)
        return self._calendars[volume]

    def issues_in_volume(self, volume: int) -> int:
        return len(self._calendar(volume).days)

    def issue_date(self, volume: int, number: int) -> dt.date:
        return self._calendar(volume).date_of(number)

    def truth(self) -> dict:
        return {(v, n): day for v, c in self._calendars.items() for n, day in enumerate(c.days, start=1)}


@dataclass
class _Side:
    country: str  # ISO code
    actor: str  # text used in sentences: "Russian President Vladimir Putin" or "the Russian leadership"
    short: str  # later mentions: "Putin"


@dataclass
class _Happening:
    kind: str
    start: dt.date
    end: dt.date
    a: _Side
    b: _Side
    topic: str
    postponed: bool = False
    first_reported: dt.date | None = None
    office: str = ""


@dataclass
class Summary:
    files: int = 0
    issues: int = 0
    articles: int = 0
    sentences: int = 0
    happenings: int = 0
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    volumes: list = field(default_factory=list)

    def text(self) -> str:
        return (f"{self.articles} articles in {self.issues} issues ({self.files} files), volumes "
                f"{','.join(map(str, self.volumes))}, {self.first_date} .. {self.last_date}, "
                f"{self.happenings} happenings, {self.sentences} sentences")


def _first_alias(country: dict, kind: str) -> str:
    """A country's first alias of a kind (adjective, capital), else its name."""
    return next((a["text"] for a in country["aliases"] if a["kind"] == kind), country["name"])


class _World:
    """The gazetteer's people and places, read once."""

    def __init__(self):
        countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
        self.countries = {c["code"]: c for c in countries}
        self.adjective = {c["code"]: _first_alias(c, "adjective") for c in countries}
        self.capital = {c["code"]: _first_alias(c, "capital") for c in countries}
        self.name_of = {c["code"]: c["name"] for c in countries}
        self.actors = json.loads((DATA / "actors.json").read_text(encoding="utf-8"))
        topics = json.loads((DATA / "topics.json").read_text(encoding="utf-8"))
        self.topics = sorted({k for t in topics for k in t["keywords"] if len(k) > 5})
        self.codes = sorted(self.countries)

    def office_holders(self, code: str, day: dt.date) -> list[tuple[str, str]]:
        """(text with title, short name) of the gazetteer actors of `code` holding a role on `day`."""
        found = []
        for actor in self.actors:
            for role in actor["roles"]:
                if role.get("country") != code:
                    continue
                start = dt.date.fromisoformat(role["start"]) if role.get("start") else dt.date.min
                end = dt.date.fromisoformat(role["end"]) if role.get("end") else dt.date.max
                if start <= day <= end:
                    found.append((self.titled(actor["name"], role["title"], code), actor["name"].split()[-1]))
        return found

    def titled(self, name: str, title: str, code: str) -> str:
        country = self.name_of.get(code, "")
        suffix = f" of {country}"
        if country and title.endswith(suffix) and len(title) - len(suffix) <= 30:
            return f"{self.adjective[code]} {title[:-len(suffix)]} {name}"
        return name


def _span_phrase(start: dt.date, end: dt.date) -> str:
    if start.month == end.month:
        return f"on {MONTHS[start.month - 1]} {start.day}-{end.day}"
    return f"from {MONTHS[start.month - 1]} {start.day} to {MONTHS[end.month - 1]} {end.day}"


def _relative_phrase(start: dt.date, issue: dt.date, delta: int, r: float) -> str:
    """Yesterday, tomorrow, a weekday of the week before or after, for some of the days near the issue
    ("" for the others)."""
    if abs(delta) == 1 and r < 0.5:
        return "yesterday" if delta == -1 else "tomorrow"
    return _weekday_phrase(start, issue, delta, r)


def _weekday_phrase(start: dt.date, issue: dt.date, delta: int, r: float) -> str:
    weekday = WEEKDAYS[start.weekday()]
    if -6 <= delta <= -1 and r < 0.4:
        return f"last {weekday}" if r < 0.2 else f"on {weekday}"
    if 1 <= delta <= 6 and r < 0.3 and start.weekday() > issue.weekday():
        return f"this coming {weekday}"
    return ""


class ArchiveGenerator:
    def __init__(self, seed: int = 1, calendar: IssueCalendar | None = None):
        self.random = random.Random(seed)
        self.calendar = calendar or ModelCalendar()
        self.world = _World()
        self.happenings: list[_Happening] = []
        self.invented: dict[str, list[tuple[str, str]]] = {}

    # -- people and sides -------------------------------------------------------------------------
    def _invented(self, code: str) -> tuple[str, str]:
        pool = self.invented.setdefault(code, [])
        if len(pool) < 4 or self.random.random() < 0.02:
            surname = self.random.choice(_SURNAME_A) + self.random.choice(_SURNAME_B)
            surname = surname[0].upper() + surname[1:]
            name = f"{self.random.choice(_FIRST)} {surname}"
            office = self.random.choice(_OFFICES)
            pool.append((f"{self.world.adjective[code]} {office} {name}", surname))
        return self.random.choice(pool)

    def _side(self, code: str, day: dt.date) -> _Side:
        holders = self.world.office_holders(code, day)
        roll = self.random.random()
        if holders and roll < 0.7:
            text, short = self.random.choice(holders)
        elif roll < 0.88:
            text, short = self._invented(code)
        else:
            text = short = f"the {self.world.adjective[code]} leadership"
        return _Side(code, text, short)

    def _pair(self) -> tuple[str, str]:
        a = self.random.choice(_HOME) if self.random.random() < 0.8 else self.random.choice(self.world.codes)
        b = a
        while b == a:
            b = self.random.choice(self.world.codes)
        return a, b

    # -- dates ------------------------------------------------------------------------------------
    def _date_phrase(self, start: dt.date, end: dt.date, issue: dt.date) -> str:
        """A phrase that dates [start, end] seen from the issue date, as a writer would put it."""
        r = self.random.random()
        if start != end:
            return _span_phrase(start, end)
        delta = (start - issue).days
        return _relative_phrase(start, issue, delta, r) or self._day_phrase(start, issue, delta, r)

    def _day_phrase(self, start: dt.date, issue: dt.date, delta: int, r: float) -> str:
        if r < 0.12 and abs(delta) > 20:
            return self._vague(start, issue)
        if r < 0.2:
            return f"{WEEKDAYS[start.weekday()]} ({MONTHS[start.month - 1]} {start.day})"
        if start.year != issue.year and self.random.random() < 0.5:
            return f"on {MONTHS[start.month - 1]} {start.day}, {start.year}"
        return f"on {MONTHS[start.month - 1]} {start.day}"

    def _vague(self, day: dt.date, issue: dt.date) -> str:
        months = (day.year - issue.year) * 12 + day.month - issue.month
        part = "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"
        if months == 0:
            return "earlier this month" if day < issue else "later this month"
        if months == -1:
            return f"{part} last month" if self.random.random() < 0.5 else f"in {MONTHS[day.month - 1]}"
        if months == 1:
            return "next month" if self.random.random() < 0.5 else f"{part} next month"
        if day.year == issue.year:
            return f"in {MONTHS[day.month - 1]}"
        return f"in {part} {MONTHS[day.month - 1]} {day.year}"

    def _citation(self, issue: dt.date) -> str:
        agencies = self.random.sample(AGENCIES, self.random.choice([1, 1, 2, 3]))
        days = sorted({issue - dt.timedelta(days=self.random.choice([1, 1, 2, 3, 4])) for _ in range(2)})
        if len(days) == 2 and days[0].month == days[1].month:
            dates = f"{MONTHS[days[0].month - 1]} {days[0].day}, {days[1].day}"
        else:
            dates = f"{MONTHS[days[-1].month - 1]} {days[-1].day}"
        return f"({', '.join(agencies)}, {dates})"

    # -- sentences --------------------------------------------------------------------------------
    def _fill(self, template: str, h: _Happening, issue: dt.date, date: str) -> str:
        w = self.world
        third = self.random.choice([c for c in w.codes if c not in (h.a.country, h.b.country)])
        values = {
            "a": h.a.actor, "b": h.b.actor, "A": w.name_of[h.a.country], "B": w.name_of[h.b.country],
            "cap_a": w.capital[h.a.country], "cap_b": w.capital[h.b.country], "cap_c": w.capital[third],
            "topic": h.topic, "date": date, "date_cap": date[:1].upper() + date[1:], "office": h.office,
        }
        text = template.format(**values)
        # "planned for on March 4" -> "planned for March 4"; "set for in May" -> "set for May"
        text = re.sub(r"\b(for|by|from) (?:on|in) ", r"\1 ", text)
        return text[:1].upper() + text[1:]

    def _new_happening(self, issue: dt.date) -> _Happening:
        kind = self.random.choices(_TYPES, _TYPE_WEIGHTS)[0]
        a_code, b_code = self._pair()
        offset = self.random.choice([-1, -1, -2, -3, -4, -6, -9, -15, 1, 2, 5, 8, 12, 20, 30, 45])
        start = issue + dt.timedelta(days=offset)
        length = self.random.choice([0, 0, 0, 0, 1, 2]) if kind in ("visit", "summit", "meeting", "military") else 0
        h = _Happening(kind, start, start + dt.timedelta(days=length), self._side(a_code, start),
                       self._side(b_code, start), self.random.choice(self.world.topics),
                       office=self.random.choice(_OFFICES))
        self.happenings.append(h)
        return h

    def _event_sentence(self, h: _Happening, issue: dt.date) -> str:
        date = self._date_phrase(h.start, h.end, issue)
        if h.postponed and h.start >= issue - dt.timedelta(days=3):
            return self._fill(self.random.choice(_POSTPONED), h, issue, date)
        status = "past" if h.end < issue else "future"
        if status == "future" and self._puts_off(h):
            h.postponed = True
            return self._fill(self.random.choice(_POSTPONED), h, issue, date)
        options = _EVENTS[h.kind][status]
        if status == "past" and self._follows_up(h, issue):
            options = _FOLLOW_UP
        return self._fill(self.random.choice(options), h, issue, date)

    def _puts_off(self, h: _Happening) -> bool:
        """A planned visit, meeting or summit is put off now and then."""
        return not h.postponed and h.kind in ("visit", "meeting", "summit") and self.random.random() < 0.06

    def _follows_up(self, h: _Happening, issue: dt.date) -> bool:
        return bool(h.first_reported and h.first_reported < issue and self.random.random() < 0.3)

    def _article(self, issue: dt.date, earlier: list[dt.date]) -> tuple[str, str, int]:
        """(headline, body, sentences) of one article published on `issue`."""
        live = [h for h in self.happenings[-400:] if -60 <= (h.start - issue).days <= 45 and not
                (h.postponed and h.start < issue)]
        paragraphs, lead, sentences = [], None, 0
        for index in range(self.random.choice([3, 4, 4, 5, 6])):
            sentences_here = []
            for _ in range(self.random.choice([2, 3, 3, 4])):
                sentence, lead = self._sentence(issue, live, lead)
                sentences_here.append(sentence)
            sentences += len(sentences_here)
            text = " ".join(sentences_here)
            if self.random.random() < 0.6 or index == 0:
                text += " " + self._citation(issue)
            paragraphs.append(text)
        lead = lead or self._new_happening(issue)
        return self._headline(lead), "\n\n".join(paragraphs), sentences

    def _sentence(self, issue: dt.date, live: list[_Happening], lead: _Happening | None):
        """(one sentence of an article, the article's lead happening): an event (new or live, now and then
        with a cross-reference to its first report) or a comment on the lead."""
        if self.random.random() >= 0.45:
            h = lead or (self.random.choice(live) if live else self._new_happening(issue))
            return self._fill(self.random.choice(_COMMENTARY), h, issue, ""), lead
        h = self.random.choice(live) if live and self.random.random() < 0.45 else self._new_happening(issue)
        lead = lead or h
        sentence = self._event_sentence(h, issue)
        if h.first_reported is None:
            h.first_reported = issue
        elif self.random.random() < 0.25 and h.first_reported < issue:
            day = h.first_reported
            sentence = sentence[:-1] + f" (see the Monitor, {MONTHS[day.month - 1]} {day.day})."
        return sentence, lead

    def _headline(self, lead: _Happening) -> str:
        w = self.world
        return _HEADLINES[lead.kind].format(
            A_up=w.name_of[lead.a.country].upper(), B_up=w.name_of[lead.b.country].upper(),
            topic_up=lead.topic.upper()) + "."

    # -- the archive ------------------------------------------------------------------------------
    def generate(self, out: Path, volumes: list[int], articles_per_issue: int, limit: int | None = None,
                 issues_per_file: int = 1) -> Summary:
        """Write the archive under `out` (one folder per volume, one file per issue); stop after `limit`
        articles when given. Returns a Summary."""
        out = Path(out)
        summary = Summary(volumes=list(volumes))
        earlier: list[dt.date] = []
        for volume in volumes:
            folder = out / f"v{volume:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            for number in range(1, self.calendar.issues_in_volume(volume) + 1):
                if limit is not None and summary.articles >= limit:
                    summary.happenings = len(self.happenings)
                    return summary
                issue = self.calendar.issue_date(volume, number)
                count = articles_per_issue if limit is None else min(articles_per_issue, limit - summary.articles)
                parts = []
                for _ in range(count):
                    headline, body, sentences = self._article(issue, earlier)
                    parts.append(f"{headline}\n\nPublication: Monitor Volume: {volume} Issue: {number}\n\n{body}\n")
                    summary.articles += 1
                    summary.sentences += sentences
                (folder / f"monitor-{volume:02d}-{number:03d}.txt").write_text("\n".join(parts), encoding="utf-8")
                earlier.append(issue)
                summary.files += 1
                summary.issues += 1
                summary.first_date = summary.first_date or issue
                summary.last_date = issue
            summary.happenings = len(self.happenings)
        summary.happenings = len(self.happenings)
        return summary


def parse_volumes(text: str) -> list[int]:
    """"6-7" -> [6, 7]; "3,5" -> [3, 5]."""
    volumes = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            low, high = (int(x) for x in part.split("-", 1))
            volumes.extend(range(low, high + 1))
        elif part:
            volumes.append(int(part))
    if not volumes or any(v < 1 for v in volumes):
        raise ValueError(f"volumes must be positive numbers or ranges like 6-7, not {text!r}")
    return volumes


def volumes_for(articles: int, articles_per_issue: int, first: int = 1, calendar: IssueCalendar | None = None) -> list[int]:
    """Enough volumes from `first` on to hold `articles` articles."""
    calendar = calendar or ModelCalendar()
    volumes, room = [], 0
    while room < articles:
        volume = first + len(volumes)
        volumes.append(volume)
        room += calendar.issues_in_volume(volume) * articles_per_issue
    return volumes
