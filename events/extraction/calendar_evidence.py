"""What an issue's text says about its own publication date, as evidence for the calendar fitter.

Kinds of evidence, each bounding the issue's date (Washington time):

* CITATION "(Reuters, June 28)": the issue is later than the report, day + 1 at the earliest; a source
  dated ahead of Washington (Russian, East Asian, ... see calendar_data.AHEAD_SOURCE_WORDS) may carry
  the issue's own date, so day + 0. A group naming both kinds is bounded by its strictest source.
* CROSSREF "(see the Monitor, June 26)": an earlier issue appeared that day: the issue is later (day + 1),
  and that day is a publication day (the fitter's calendar evidence). Sometimes wrong: weighted lightly.
* YESTERDAY / TODAY: "yesterday" or "today" in the sentence of a dated citation: the event was
  reported that day, so the issue is at most day + 1 ("yesterday") or day + 0 ("today"): an upper bound.
* WEEKDAY: "on Tuesday" in the sentence of a citation dated that very weekday: the issue is within the
  week after it (day + 7 at most).

Evidence is plain data (to_json / from_json) so the database can keep it per article and re-fit a
volume without reading the texts again.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from functools import lru_cache

from events.extraction.calendar_data import AHEAD_SOURCE_WORDS
from events.extraction.citations import CROSSREF, CitedDate, find_attributions

CITATION = "citation"
XREF = "crossref"
YESTERDAY = "yesterday"
TODAY = "today"
WEEKDAY = "weekday"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DAY = re.compile(r"\b(yesterday|today|" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s\-]+")
_AHEAD_PHRASES = tuple(tuple(_WORD_SPLIT.split(p)) for p in AHEAD_SOURCE_WORDS)
MAX_SNIPPET = 160


@dataclass(frozen=True)
class Evidence:
    kind: str
    date: dt.date          # the day the text names (last day of a range)
    lower: dt.date | None  # the issue is on or after this day
    upper: dt.date | None  # the issue is on or before this day
    ahead: bool            # a source dated ahead of Washington
    text: str              # the attribution or sentence piece, for people
    article: int | None = None  # the article's position or id, as the caller gave it
    start: int = 0         # character offsets in that article's text
    end: int = 0

    def to_json(self) -> dict:
        # (not dataclasses.asdict, which deep-copies every field: the fields are flat and immutable)
        data = {name: getattr(self, name) for name in _EVIDENCE_FIELDS}
        for key in ("date", "lower", "upper"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Evidence":
        values = dict(data)
        for key in ("date", "lower", "upper"):
            values[key] = dt.date.fromisoformat(values[key]) if values.get(key) else None
        return cls(**{k: values.get(k) for k in cls.__dataclass_fields__ if k in values})

    def describe(self) -> str:
        bound = []
        if self.lower:
            bound.append(f"on or after {self.lower:%a %d %b %Y}")
        if self.upper:
            bound.append(f"on or before {self.upper:%a %d %b %Y}")
        what = {CITATION: "cites", XREF: "refers back to the issue of", YESTERDAY: "'yesterday' with",
                TODAY: "'today' with", WEEKDAY: "a weekday word with"}.get(self.kind, self.kind)
        zone = " (source dated ahead of Washington)" if self.ahead and self.kind == CITATION else ""
        return f"{what} {self.text!s}{zone}: {' and '.join(bound)}"


_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))

# The phrases by their first word: a name's words are looked up, not every phrase tried at every word.
_AHEAD_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _AHEAD_PHRASES:
    _AHEAD_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


@lru_cache(maxsize=4096)  # the same agencies are named in article after article
def is_ahead_source(name: str) -> bool:
    words = tuple(w for w in _WORD_SPLIT.split(name.lower().strip()) if w)
    for i, word in enumerate(words):
        for phrase in _AHEAD_BY_FIRST.get(word, ()):
            if words[i:i + len(phrase)] == phrase:
                return True
    return False


def resolve_cited(cited: CitedDate, near: dt.date) -> dt.date | None:
    """The last day a citation names; a yearless one takes the year that puts it nearest to `near`."""
    day = cited.day_end or cited.day
    if cited.year is not None:
        return _safe_date(cited.year, cited.month, day)
    candidates = [d for y in (near.year - 1, near.year, near.year + 1) if (d := _safe_date(y, cited.month, day))]
    return min(candidates, key=lambda d: abs((d - near).days), default=None)


def extract_evidence(text: str, near: dt.date, article: int | None = None) -> list[Evidence]:
    """Every piece of dating evidence in one article's text; yearless dates resolved near `near`
    (the issue's expected date: a rough guess is enough, dates are taken within half a year of it)."""
    found: list[Evidence] = []
    for attribution in find_attributions(text):
        if attribution.kind == CROSSREF:
            found.extend(_crossref_evidence(text, attribution, near, article))
            continue
        for segment in _segments(text, attribution):
            found.extend(_citation_evidence(text, attribution, segment, near, article))
    return found


def _crossref_evidence(text, attribution, near, article) -> list[Evidence]:
    """"(see the Monitor, June 26)": that day had an issue."""
    snippet = text[attribution.start:attribution.end][:MAX_SNIPPET]
    found = []
    for cited in attribution.dates:
        day = resolve_cited(cited, near)
        if day is not None:
            found.append(Evidence(XREF, day, day + dt.timedelta(days=1), None, False, snippet, article,
                                  attribution.start, attribution.end))
    return found


def _citation_evidence(text, attribution, segment, near, article) -> list[Evidence]:
    """One "SOURCES, DATES" segment: the issue is after its newest date (on it for sources that publish
    ahead), and the relative day words of the sentence it closes bound it from above."""
    seg_start, seg_end, dates = segment
    lead = text[seg_start:dates[0].start]
    names = [n.strip() for n in lead.strip().rstrip(",").split(",") if n.strip()]
    ahead = bool(names) and all(is_ahead_source(n) for n in names)
    days = [d for c in dates if (d := resolve_cited(c, near)) is not None]
    if not days:
        return []
    newest = max(days)
    lower = newest if ahead else newest + dt.timedelta(days=1)
    piece = text[seg_start:seg_end].strip(" ();")[:MAX_SNIPPET]
    return [Evidence(CITATION, newest, lower, None, ahead, piece, article, seg_start, seg_end),
            *_relative_words(text, attribution, newest, article)]


def _segments(text, attribution):
    """(start, end, dates) of each ";"-separated "SOURCES, DATES" segment of a citation attribution:
    each segment's sources date only its own dates ("(Korea Herald, July 3; AFP, June 28)")."""
    inner_start = attribution.start + 1 if text[attribution.start] == "(" else attribution.start
    inner_end = attribution.end - 1 if text[attribution.end - 1] == ")" else attribution.end
    cuts = [inner_start] + [i + 1 for i in range(inner_start, inner_end) if text[i] == ";"] + [inner_end + 1]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        dates = [d for d in attribution.dates if a <= d.start < b]
        if dates:
            out.append((a, b - 1, dates))
    return out


_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _relative_words(text, attribution, newest, article):
    """'yesterday'/'today'/a weekday in the sentence the citation closes: an upper bound."""
    sentence_start = max(text.rfind(". ", 0, attribution.start), text.rfind("? ", 0, attribution.start),
                         text.rfind("\n", 0, attribution.start)) + 1
    # Words inside quotation marks are the speaker's "today", not the Monitor's.
    raw = text[sentence_start:attribution.start]
    close, open_ = raw.rfind("\u201d"), raw.find("\u201c")
    if close >= 0 and (open_ < 0 or open_ > raw.find("\u201d")):
        # The sentence starts inside a quotation (its opening mark is in an earlier sentence).
        first_close = raw.find("\u201d")
        raw = " " * (first_close + 1) + raw[first_close + 1:]
    sentence = _QUOTED.sub(lambda m: " " * len(m.group(0)), raw)
    out = []
    for match in _RELATIVE_DAY.finditer(sentence):
        word = match.group(1).lower()
        start, end = sentence_start + match.start(), sentence_start + match.end()
        piece = f"'{match.group(1)}' ... {text[attribution.start:attribution.end][:80]}"
        if word == "yesterday":
            out.append(Evidence(YESTERDAY, newest, None, newest + dt.timedelta(days=1), False, piece, article,
                                start, end))
        elif word == "today":
            out.append(Evidence(TODAY, newest, None, newest, False, piece, article, start, end))
        elif WEEKDAYS.index(word) == newest.weekday():
            out.append(Evidence(WEEKDAY, newest, None, newest + dt.timedelta(days=7), False, piece, article,
                                start, end))
    return out


def _safe_date(year, month, day):
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None
