"""Built-in knowledge of the Monitor's publication calendar: what is known, as data.

Each fact has a strength: STRONG facts were established from the issues' own text (the fitter treats
going against one as very costly), PROBABLE ones are likely but unconfirmed. Anchors are issues whose
own text pins their date. Everything not listed here is inferred from the archive's evidence
(events.extraction.calendar_fit), with the neighbouring volume's calendar as the prior.

Sources: issue 10 of the project (facts checked against the real 2000-2001 archive).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date

BREAK = "break"          # a weekday with no issue
PUBLISHED = "published"  # a holiday on which the Monitor did appear

STRONG = "strong"
PROBABLE = "probable"


@dataclass(frozen=True)
class KnownDay:
    date: dt.date
    kind: str       # BREAK or PUBLISHED
    strength: str   # STRONG or PROBABLE
    note: str


@dataclass(frozen=True)
class KnownIssue:
    volume: int
    number: int
    date: dt.date
    note: str


def _days(kind, strength, note, *dates):
    return [KnownDay(d, kind, strength, note) for d in dates]


def _span(start, end):
    day, out = start, []
    while day <= end:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


KNOWN_DAYS: dict[int, list[KnownDay]] = {
    2000: [
        *_days(PUBLISHED, STRONG, "published on Martin Luther King Day", D(2000, 1, 17)),
        *_days(PUBLISHED, STRONG, "published on Presidents' Day", D(2000, 2, 21)),
        *_days(PUBLISHED, STRONG, "published on Columbus Day", D(2000, 10, 9)),
        # Veterans Day 2000 fell on a Saturday; the federal holiday was observed on Friday 10 November.
        *_days(PUBLISHED, STRONG, "published on Veterans Day (observed)", D(2000, 11, 10)),
        *_days(BREAK, STRONG, "no issue on Good Friday", D(2000, 4, 21)),
        *_days(BREAK, STRONG, "no issue on Memorial Day", D(2000, 5, 29)),
        *_days(BREAK, STRONG, "no issue on Independence Day", D(2000, 7, 4)),
        *_days(BREAK, STRONG, "two-week summer break", *_span(D(2000, 8, 14), D(2000, 8, 25))),
        *_days(BREAK, STRONG, "no issue on Labor Day", D(2000, 9, 4)),
        *_days(BREAK, STRONG, "no issue on Thanksgiving and the Friday after", D(2000, 11, 23), D(2000, 11, 24)),
        *_days(BREAK, PROBABLE, "probably no issue between Christmas and New Year",
               *_span(D(2000, 12, 25), D(2000, 12, 29))),
    ],
    2001: [
        # Vol 7 No 1 is Tuesday 2 January 2001: no issue on New Year's Day (a Monday).
        *_days(BREAK, STRONG, "no issue on New Year's Day", D(2001, 1, 1)),
        *_days(BREAK, STRONG, "no issue on Martin Luther King Day", D(2001, 1, 15)),
        *_days(BREAK, STRONG, "no issue on Good Friday", D(2001, 4, 13)),
        *_days(BREAK, STRONG, "no issue on Memorial Day", D(2001, 5, 28)),
    ],
}

KNOWN_ISSUES: list[KnownIssue] = [
    KnownIssue(6, 235, D(2000, 12, 18), "its own text pins it to Monday 18 December 2000"),
    KnownIssue(7, 203, D(2001, 11, 5), "its own text pins it to Monday 5 November 2001"),
]


# Periods whose breaks are all listed above: every other weekday in them had an issue.
KNOWN_COMPLETE: dict[int, list[tuple[dt.date, dt.date, str]]] = {
    2000: [(D(2000, 1, 1), D(2000, 12, 31), "published: the known breaks of 2000 are listed")],
    # 2001's breaks before June are New Year's Day, MLK Day, Good Friday and Memorial Day; then one more
    # day in June and twelve weekdays between late July and early November, not known exactly.
    2001: [(D(2001, 1, 1), D(2001, 5, 31), "published: the known breaks of January-May 2001 are listed")],
}


# Periods known to hold a number of breaks whose days are not known: the fit places them there, by the
# evidence (with none, anywhere in the window), rather than elsewhere.
KNOWN_WINDOWS: dict[int, list[tuple[dt.date, dt.date, int, str]]] = {
    2001: [(D(2001, 6, 1), D(2001, 6, 29), 1, "one more day with no issue in June 2001 (which, not known)"),
           (D(2001, 7, 20), D(2001, 11, 2), 12,
            "one of twelve weekdays with no issue between late July and early November 2001")],
}


def known_windows(year: int) -> list[tuple[dt.date, dt.date, int, str]]:
    return list(KNOWN_WINDOWS.get(year, ()))


def known_complete(year: int) -> list[tuple[dt.date, dt.date, str]]:
    return list(KNOWN_COMPLETE.get(year, ()))


def known_days(year: int) -> list[KnownDay]:
    return list(KNOWN_DAYS.get(year, ()))


def known_issues(volume: int) -> list[KnownIssue]:
    return [k for k in KNOWN_ISSUES if k.volume == volume]


# Sources dated ahead of Washington: Russian, Ukrainian, Caucasian, Central and East Asian agencies,
# papers and broadcasters. Their reports often carry the Washington issue's own date. Matched as
# lower-case word prefixes against each source name of an attribution.
AHEAD_SOURCE_WORDS = (
    # Russian agencies, papers, broadcasters
    "itar", "tass", "interfax", "ria", "novosti", "prime-tass", "rosbalt", "strana.ru", "gazeta.ru", "polit.ru",
    "lenta.ru", "ntv", "ort", "rtr", "tv-6", "tvs", "mayak", "ekho", "echo of moscow", "russian", "moscow",
    "segodnya", "sevodnya", "izvestia", "izvestiya", "kommersant", "vedomosti", "vremya", "nezavisimaya",
    "nezavisimoe", "rossiiskaya", "rossiyskaya", "trud", "pravda", "komsomolskaya", "moskovsky", "moskovskie",
    "obshchaya", "noviye", "novye", "novaya", "krasnaya", "argumenty", "profil", "itogi", "ogonyok", "versiya",
    "parlamentskaya", "literaturnaya", "zavtra", "tribuna", "expert", "russia",
    # Ukraine, Belarus, the Caucasus, Central Asia
    "unian", "ukrainian", "ukrinform", "zerkalo", "den", "kievskie", "belapan", "belarusian", "belta",
    "georgian", "prime-news", "kavkasia", "sarke", "armenian", "snark", "arminfo", "noyan", "azerbaijani",
    "turan", "azertac", "kazakh", "kazakhstan", "khabar", "kabar", "uzbek", "uzreport", "tajik", "asia-plus",
    "turkmen", "kyrgyz", "akipress", "moldovan", "basa",
    # East Asia
    "kyodo", "jiji", "nhk", "asahi", "yomiuri", "mainichi", "nikkei", "japan", "sankei", "yonhap", "korea",
    "korean", "joongang", "chosun", "digital chosun", "dong-a", "hankyoreh", "kcna", "xinhua", "people's daily",
    "china daily", "chinese", "south china morning post", "taipei", "central news agency", "mongolian",
)
