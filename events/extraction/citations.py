"""Parenthesised source attributions: "(AFP, Reuters, December 28)", "(see the Monitor, January 25)".

The Monitor closes most paragraphs with the agencies it drew on and the dates of their reports, and
points to its own earlier issues with "(see the Monitor, DATE)". Both bound the publication date from
below (an issue cannot predate what it cites), and neither is an event date.

Representation of a mixed group such as "(Reuters, February 11; see the Monitor, January 2)":
it yields SEPARATE attributions, one per run of same-kind segments, in text order. The first one
starts at the "(" and ends where its last segment ends (before the ";"); the next one starts at its
first segment (after "; ") and the last one ends after the ")". A group of one kind is one attribution
spanning "(" to ")" inclusive. Offsets are Python character offsets, end exclusive.

A parenthetical is an attribution only if EVERY ";"-segment parses as "SOURCE[, SOURCE...], DATES" or
"see [also] [the] NAME, DATES"; prose in brackets ("(a reference, presumably, to ...)") never does.
All patterns here are linear: character classes bounded by the brackets, no nested quantifiers.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from events.extraction.periods import LONGEST_MONTH, MONTH_WORDS

CITATION = "citation"
CROSSREF = "crossref"

MONTHS = MONTH_WORDS
# Longest first so "September" wins over "Sep"; abbreviations may carry a period ("Dec. 28").
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# Days in each month allowing 29 February, since a cited date usually has no year.
MAX_DAY = LONGEST_MONTH

MAX_PARENTHETICAL = 500
_PARENTHETICAL = re.compile(r"\(([^()\n]{1,%d})\)" % MAX_PARENTHETICAL)
_DASH = r"[-\u2013\u2014]"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
# One item of a date list, tried at a fixed position: "June 30", "June 8-11", "June 30-July 2", "20", "2000".
_DATE_ITEM = re.compile(
    rf"(?P<month>(?i:{_MONTH_ALT}))\.?\s+(?P<day>{_DAY})"
    rf"(?:{_DASH}(?:(?P<month2>(?i:{_MONTH_ALT}))\.?\s+)?(?P<day_end>{_DAY}))?"
    rf"|(?P<year>(?:19|20)[0-9]{{2}})(?![0-9])"
    rf"|(?P<bare_day>{_DAY})(?:{_DASH}(?P<bare_day_end>{_DAY}))?"
)
_ITEM_SEPARATOR = re.compile(r"\s*,\s+and\s+|\s*,\s*|\s+and\s+")
_FIRST_MONTH_DATE = re.compile(rf"\b(?i:{_MONTH_ALT})\.?\s+{_DAY}")
_CROSSREF_LEAD = re.compile(r"\s*see\s+(?:also\s+)?(?:the\s+)?[A-Z][\w’'.\- ]{0,60}?\s*,\s*$")
# A source: capitalised (or a digit), a few words, no sentence punctuation.
_SOURCE = re.compile(r"[A-Z0-9][\w’'.&/\- ]{0,80}")
# A full stop after a word ("said so. Reuters") ends a sentence; "U.S. News" and "ABCnews.com" do not.
_SENTENCE_END = re.compile(r"[a-z]{2}\.\s")


@dataclass(frozen=True)
class CitedDate:
    start: int
    end: int
    month: int
    day: int
    day_end: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    kind: str  # CITATION or CROSSREF
    dates: tuple[CitedDate, ...]
    sources: tuple[str, ...] = ()  # agency names for citations; the publication name for crossrefs


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    kind: str
    dates: tuple[CitedDate, ...]
    sources: tuple[str, ...]


def find_attributions(text: str) -> list[Attribution]:
    """Every dated source attribution and cross-reference in `text`, in text order."""
    found = []
    for match in _PARENTHETICAL.finditer(text):
        segments = _parse_group(text, match.start(1), match.end(1))
        if segments:
            found.extend(_merge_runs(segments, match.start(), match.end()))
    return found


def _parse_group(text, start, end):
    """All segments of one bracketed group, or None when any segment is not an attribution."""
    segments = []
    pos = start
    while pos <= end:
        cut = text.find(";", pos, end)
        seg_end = end if cut < 0 else cut
        segment = _parse_segment(text, pos, seg_end)
        if segment is None:
            return None
        segments.append(segment)
        pos = seg_end + 1
        if cut < 0:
            break
    return segments


def _parse_segment(text, start, end):
    """One "SOURCES, DATES" or "see the Monitor, DATES" segment, or None."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t.":
        end -= 1
    first_date = _FIRST_MONTH_DATE.search(text, start, end)
    if first_date is None:
        return None
    lead = text[start:first_date.start()]
    dates = _parse_dates(text, first_date.start(), end)
    if dates is None:
        return None
    if _CROSSREF_LEAD.fullmatch(lead):
        name = lead.strip().rstrip(",").strip()
        return _Segment(start, end, CROSSREF, dates, (name,))
    sources = _parse_sources(lead)
    if sources is None:
        return None
    return _Segment(start, end, CITATION, dates, sources)


def _parse_sources(lead):
    """'AFP, Reuters, ' -> ('AFP', 'Reuters'); None unless it is a comma-separated list of names."""
    stripped = lead.rstrip()
    if not stripped.endswith(","):
        return None
    names = [name.strip() for name in stripped[:-1].split(",")]
    if not names or any(not _SOURCE.fullmatch(name) or _SENTENCE_END.search(name) for name in names):
        return None
    return tuple(names)


def _parse_dates(text, start, end):
    """A date list filling text[start:end] exactly, with trailing years applied; else None."""
    dates, pending, month = [], [], None
    pos = start
    while True:
        item = _DATE_ITEM.match(text, pos, end)
        if item is None:
            return None
        if item.group("year"):
            if not pending:
                return None
            year = int(item.group("year"))
            dates.extend(_with_year(d, year) for d in pending)
            pending = []
        else:
            month, new = _dates_of_item(item, month)
            if new is None:
                return None
            pending.extend(new)
        pos = item.end()
        if pos == end:
            break
        separator = _ITEM_SEPARATOR.match(text, pos, end)
        if separator is None or separator.end() == end:
            return None
        pos = separator.end()
    dates.extend(pending)
    dates.sort(key=lambda d: d.start)
    return tuple(dates)


def _dates_of_item(item, month):
    """CitedDates of one non-year item; a bare day continues the previous month. (month, None) if invalid."""
    if item.group("month"):
        month = MONTHS[item.group("month").lower()]
        day = int(item.group("day"))
        if item.group("month2"):
            # "June 30-July 2": two dates, each with its own offsets, rather than a cross-month range.
            month2 = MONTHS[item.group("month2").lower()]
            day2 = int(item.group("day_end"))
            first = _make_date(item.start(), item.end("day"), month, day, None)
            second = _make_date(item.start("month2"), item.end(), month2, day2, None)
            return month2, None if first is None or second is None else [first, second]
        day_end = int(item.group("day_end")) if item.group("day_end") else None
        cited = _make_date(item.start(), item.end(), month, day, day_end)
        return month, None if cited is None else [cited]
    if month is None:
        return month, None
    day = int(item.group("bare_day"))
    day_end = int(item.group("bare_day_end")) if item.group("bare_day_end") else None
    cited = _make_date(item.start(), item.end(), month, day, day_end)
    return month, None if cited is None else [cited]


def _make_date(start, end, month, day, day_end):
    if day > MAX_DAY[month] or (day_end is not None and not day < day_end <= MAX_DAY[month]):
        return None
    return CitedDate(start, end, month, day, day_end, None)


def _with_year(cited, year):
    return CitedDate(cited.start, cited.end, cited.month, cited.day, cited.day_end, year)


def _merge_runs(segments, group_start, group_end):
    """Consecutive segments of one kind become one Attribution; see the module docstring for spans."""
    runs = _runs_of_kind(segments)
    attributions = []
    for index, run in enumerate(runs):
        start = group_start if index == 0 else run[0].start
        end = group_end if index == len(runs) - 1 else run[-1].end
        dates = tuple(d for segment in run for d in segment.dates)
        sources = tuple(s for segment in run for s in segment.sources)
        attributions.append(Attribution(start, end, run[0].kind, dates, sources))
    return attributions


def _runs_of_kind(segments) -> list[list]:
    runs = []
    for segment in segments:
        if runs and runs[-1][-1].kind == segment.kind:
            runs[-1].append(segment)
        else:
            runs.append([segment])
    return runs


def main(argv=None):
    """`python -m events.extraction.citations FILE`: print the attributions found, one a line."""
    argv = sys.argv[1:] if argv is None else argv
    text = open(argv[0], encoding="utf-8").read() if argv else sys.stdin.read()
    for attribution in find_attributions(text):
        print(attribution.kind, repr(text[attribution.start:attribution.end]),
              [(d.month, d.day, d.day_end, d.year) for d in attribution.dates])


if __name__ == "__main__":
    main()
