"""A synthetic Monitor archive with a known publication calendar: the test bed of the calendar fitter.

Reusable API (the scale benchmarks' content generator builds on it; everything is deterministic given the
`random.Random` passed in):

* `make_calendar(year, rng, habits=None)` -> `SimCalendar`: the year's publication days, its breaks and
  why (federal holidays by the house's habits, Good Friday, a summer break, the year end, odd days).
* `make_habits(rng)` -> the house's habits (which named holidays it skips); `vary_habits(habits, rng)`
  changes a few for the next volume.
* `issue_articles(volume, number, calendar, rng, articles=4, cited=4, ...)` -> list of `SimArticle`
  for one issue: headline, paragraphs with source citations dated 0-3 days before the issue (sources
  dated ahead of Washington may carry the issue's own date, Western ones never), cross-references to
  earlier issues (a share of them wrong), "yesterday" sentences. `sentence=` takes a callable
  (rng, context dict) -> str to write the prose (the default invents plain sentences), so a richer
  content generator only replaces that.
* `article_text(article)` -> the Monitor file format ("HEADLINE", "Publication: Monitor Volume: V
  Issue: N", paragraphs), `write_archive(folder, ...)` writes whole volumes as files and returns the
  true dates.
* `simulate(volumes, rng, ...)` -> `SimArchive` in memory (articles and true dates), for tests.

Command line: `python -m events.extraction.calendar_sim FOLDER --volumes 8 9 --articles 4 --seed 1`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from events.extraction.calendar_fit import named_days, year_of
from events.extraction.periods import MONTHS

WESTERN = ("Reuters", "AP", "AFP", "UPI", "The New York Times", "The Washington Post", "BBC", "Financial Times",
           "Los Angeles Times", "Deutsche Welle")
AHEAD = ("Itar-Tass", "Interfax", "RIA Novosti", "Russian agencies", "Kommersant", "Segodnya", "Izvestia",
         "Kyodo", "Yonhap", "The Korea Herald", "Xinhua", "NHK", "Asahi Shimbun", "UNIAN", "Turan")
MONTH_NAMES = tuple(name.capitalize() for name in sorted(MONTHS, key=MONTHS.get))

_SUBJECTS = ("The foreign minister", "A government spokesman", "The defense ministry", "Parliament's speaker",
             "The prime minister", "Opposition deputies", "The central bank", "A senior diplomat",
             "The president's office", "Regional governors", "The security council", "Trade negotiators")
_VERBS = ("announced plans for", "criticized", "welcomed", "postponed talks on", "signed an accord on",
          "called for a review of", "rejected proposals on", "opened consultations on", "warned about",
          "endorsed")
_OBJECTS = ("a new pipeline route", "border demarcation", "the grain export quota", "visa rules for students",
            "a joint naval exercise", "the budget for next year", "energy debts", "a fisheries agreement",
            "customs procedures", "the withdrawal of observers", "a loan from abroad", "arms control")
_TAILS = ("after a week of debate", "despite objections from abroad", "in a brief statement",
          "at a press conference", "during a visit to the capital", "without giving details",
          "according to officials", "ahead of a summit")


@dataclass
class SimCalendar:
    year: int
    days: list[dt.date]                  # publication days in order: issue K is days[K - 1]
    breaks: dict[dt.date, str]           # weekdays with no issue, and why

    def date_of(self, number: int) -> dt.date:
        return self.days[number - 1]


@dataclass
class SimArticle:
    volume: int
    number: int
    headline: str
    paragraphs: list[str]


@dataclass
class SimArchive:
    calendars: dict[int, SimCalendar]
    articles: list[SimArticle]
    truth: dict[tuple[int, int], dt.date] = field(default_factory=dict)


def make_habits(rng: random.Random) -> dict[str, bool]:
    """Which named days the house skips (True) or publishes on (False)."""
    names = ("New Year's Day", "Martin Luther King Jr. Day", "Washington's Birthday", "Good Friday",
             "Memorial Day", "Independence Day", "Labor Day", "Columbus Day", "Veterans Day", "Thanksgiving Day",
             "Friday after Thanksgiving", "Christmas Day")
    always = {"New Year's Day", "Independence Day", "Thanksgiving Day", "Christmas Day"}
    return {n: (True if n in always else rng.random() < 0.55) for n in names}


def vary_habits(habits: dict[str, bool], rng: random.Random, share: float = 0.15) -> dict[str, bool]:
    return {n: (not v if rng.random() < share else v) for n, v in habits.items()}


def make_calendar(year: int, rng: random.Random, habits: dict[str, bool] | None = None,
                  summer=True, year_end=True, odd_days=(0, 3)) -> SimCalendar:
    habits = habits if habits is not None else make_habits(rng)
    breaks: dict[dt.date, str] = {day: name for day, name in named_days(year).items() if habits.get(name)}
    if summer and rng.random() < 0.85:
        _summer_break(year, rng, breaks)
    if year_end and rng.random() < 0.7:
        _year_end_break(year, rng, breaks)
    for _ in range(rng.randint(*odd_days)):
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(20, 340))
        if day.weekday() < 5:
            breaks[day] = "odd day"
    return SimCalendar(year, _open_weekdays(year, breaks), breaks)


def _open_weekdays(year: int, breaks: dict) -> list[dt.date]:
    days, day = [], dt.date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and day not in breaks:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _summer_break(year: int, rng: random.Random, breaks: dict) -> None:
    """One or two weeks from a Monday between early July and late August."""
    weeks = rng.choice((1, 2, 2))
    start = dt.date(year, 7, 8) + dt.timedelta(days=rng.randrange(0, 50))
    start -= dt.timedelta(days=start.weekday())  # a Monday
    for i in range(7 * weeks):
        day = start + dt.timedelta(days=i)
        if day.weekday() < 5:
            breaks[day] = "summer break"


def _year_end_break(year: int, rng: random.Random, breaks: dict) -> None:
    first = rng.choice((24, 25, 27))
    for d in range(first, 32):
        day = dt.date(year, 12, d)
        if day.weekday() < 5:
            breaks[day] = "year-end break"


def cite(sources, dates) -> str:
    """'(Reuters, AFP, June 27-28)' for one group of sources and ascending dates of one month or more."""
    parts, month = [], None
    for day in dates:
        if month == day.month:
            parts.append(str(day.day))
        else:
            parts.append(f"{MONTH_NAMES[day.month - 1]} {day.day}")
            month = day.month
    return f"{', '.join(sources)}, {', '.join(parts)}"


def default_sentence(rng: random.Random, context: dict) -> str:
    tail = rng.choice(_TAILS)
    when = context.get("when")
    when = f" {when}" if when else ""
    return f"{rng.choice(_SUBJECTS)}{when} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {tail}"


def issue_articles(volume: int, number: int, calendar: SimCalendar, rng: random.Random, articles: int = 4,
                   cited: int | None = None, xref_share: float = 0.3, wrong_xref: float = 0.15,
                   yesterday_share: float = 0.1, wrong_cite: float = 0.01, sentence=default_sentence
                   ) -> list[SimArticle]:
    """The articles of one issue. `cited`: how many of them carry dated citations (default: all)."""
    issue_date = calendar.date_of(number)
    cited = articles if cited is None else min(cited, articles)
    out = []
    for a in range(articles):
        paragraphs = []
        for p in range(rng.randint(2, 4)):
            text = sentence(rng, {"volume": volume, "number": number, "article": a, "paragraph": p})
            paragraphs.append(text + ".")
        if a < cited:
            for _ in range(rng.randint(1, 3)):
                paragraphs.append(_cited_paragraph(rng, issue_date, sentence, yesterday_share, wrong_cite,
                                                   {"volume": volume, "number": number, "article": a}))
            if number > 5 and rng.random() < xref_share:
                earlier = calendar.date_of(rng.randint(max(1, number - 60), number - 1))
                if rng.random() < wrong_xref:
                    earlier += dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3, 5, 9)))
                text = sentence(rng, {"volume": volume, "number": number, "article": a})
                paragraphs.append(f"{text} (see the Monitor, {MONTH_NAMES[earlier.month - 1]} {earlier.day}).")
        rng.shuffle(paragraphs)
        headline = f"{rng.choice(_OBJECTS).upper()} IN QUESTION"
        out.append(SimArticle(volume, number, headline, paragraphs))
    return out


def _cited_paragraph(rng, issue_date, sentence, yesterday_share, wrong_cite, context):
    ahead = rng.random() < 0.4
    if ahead:
        sources = rng.sample(AHEAD, rng.randint(1, 2))
        back = rng.choice((0, 0, 1, 1, 2, 3))
    else:
        sources = rng.sample(WESTERN, rng.randint(1, 2))
        back = rng.choice((1, 1, 1, 2, 2, 3))
    newest = issue_date - dt.timedelta(days=back)
    dates = sorted({newest - dt.timedelta(days=rng.choice((0, 0, 1, 2))) for _ in range(rng.randint(1, 2))})
    if rng.random() < wrong_cite:
        dates = [issue_date + dt.timedelta(days=rng.randint(2, 40))]  # a typo: dated in the future
    if not ahead and back == 1 and rng.random() < yesterday_share:
        text = sentence(rng, dict(context, when="yesterday"))
        return f"{text} ({cite(sources, [issue_date - dt.timedelta(days=1)])})."
    text = sentence(rng, context)
    return f"{text} ({cite(sources, dates)})."


def article_text(article: SimArticle) -> str:
    body = "\n\n".join(article.paragraphs)
    return f"{article.headline}\n\nPublication: Monitor Volume: {article.volume} Issue: {article.number}\n\n{body}\n"


def simulate(volumes, rng: random.Random, articles: int = 4, cited: int | None = None, empty_share: float = 0.05,
             missing_share: float = 0.0, habits=None, **kwargs) -> SimArchive:
    """Whole volumes in memory. `empty_share` of the issues have no dated evidence at all; `missing_share`
    are left out of the archive (numbers with no articles)."""
    habits = habits if habits is not None else make_habits(rng)
    archive = SimArchive({}, [])
    for volume in volumes:
        calendar = make_calendar(year_of(volume), rng, habits)
        habits = vary_habits(habits, rng)
        archive.calendars[volume] = calendar
        for number in range(1, len(calendar.days) + 1):
            if rng.random() < missing_share:
                continue
            n_cited = 0 if rng.random() < empty_share else cited
            archive.articles.extend(issue_articles(volume, number, calendar, rng, articles, n_cited, **kwargs))
            archive.truth[(volume, number)] = calendar.date_of(number)
    return archive


def write_archive(folder, volumes, rng: random.Random, per_file: int = 1, **kwargs) -> SimArchive:
    """Write `simulate(...)` as Monitor text files (per_file articles each) under `folder`."""
    archive = simulate(volumes, rng, **kwargs)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(archive.articles), per_file):
        chunk = archive.articles[start:start + per_file]
        first = chunk[0]
        name = folder / f"v{first.volume:02d}_{first.number:03d}_{start:06d}.txt"
        name.write_text("\n".join(article_text(a) for a in chunk), encoding="utf-8")
    return archive


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m events.extraction.calendar_sim", description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--volumes", type=int, nargs="+", default=[8])
    parser.add_argument("--articles", type=int, default=4, help="articles per issue")
    parser.add_argument("--cited", type=int, default=None, help="of which carry dated citations (default all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--truth", help="write the true dates here as jsonl")
    args = parser.parse_args(argv)
    archive = write_archive(args.folder, args.volumes, random.Random(args.seed), articles=args.articles,
                            cited=args.cited)
    if args.truth:
        import json
        with open(args.truth, "w", encoding="utf-8") as fh:
            for (volume, number), day in sorted(archive.truth.items()):
                fh.write(json.dumps({"volume": volume, "number": number, "date": day.isoformat()}) + "\n")
    print(f"{len(archive.articles)} articles in {len(archive.truth)} issues written to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
