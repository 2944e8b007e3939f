"""Publication dates of Monitor issues: the publication calendar, learned from the archive's evidence.

Volume N is the year 1994 + N and Issue K is the K-th publication day of that year. Which weekdays had
an issue is not a fixed rule (the Monitor published on some federal holidays and skipped others, took
summer and year-end breaks): it is fitted per volume to the evidence of all the volume's issues
(calendar_fit), starting from built-in knowledge (calendar_data) and the neighbouring volume's calendar.
The evidence of one article is read by calendar_evidence.

Command line (like the tagger's):

    python -m events.extraction.calendar [--calendar] FILE...

FILE is a Monitor text file (articles with "Publication: Monitor Volume: V Issue: N" lines) or a .jsonl
file of records {"volume": V, "number": N, "text": "..."} (or "evidence": [...] as written by
`--evidence`, or "pinned": "YYYY-MM-DD" for an editor's date). Prints one JSON line per issue (date,
method, confidence, plausible range, note, warnings, evidence); `--calendar` adds one line per volume
with its fitted calendar (every weekday: publication or break, source, why).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from functools import lru_cache

from events.extraction.calendar_evidence import Evidence, extract_evidence
from events.extraction.calendar_fit import (
    FIRST_VOLUME_YEAR, IssueInput, VolumeFit, build_prior, fit_archive, fit_volume, prior_dates, weekdays_of,
)

MAX_VOLUME = 99  # far past the Monitor's real run; a larger volume is a typo, not a year

__all__ = ["year_of_volume", "issues_in_volume", "weekdays_in_volume", "date_issue", "IssueDating", "max_issue_number", "calendar_date", "provisional_date",
           "issue_evidence", "fit_archive", "fit_volume", "IssueInput", "VolumeFit", "Evidence"]


def year_of_volume(volume: int) -> int:
    if not isinstance(volume, int) or isinstance(volume, bool) or volume < 1:
        raise ValueError(f"volume must be a positive whole number, not {volume!r}")
    if volume > MAX_VOLUME:
        raise ValueError(f"volume {volume} is past {MAX_VOLUME} (year {FIRST_VOLUME_YEAR + volume}): "
                         "not a Monitor volume")
    return FIRST_VOLUME_YEAR + volume


def issues_in_volume(volume: int) -> int:
    """Issues in the volume by the prior calendar (`calendar_date` dates 1..this)."""
    return len(_prior_dates(volume))


def weekdays_in_volume(volume: int) -> int:
    """The most issues a weekday calendar of the volume's year can hold (its number of weekdays)."""
    return weekdays_of(year_of_volume(volume))


def max_issue_number(volume: int) -> int:
    """The largest issue number accepted at all: one issue a day. Numbers past the weekdays are stored
    with a warning (no calendar holds them); past this, the number is a typo."""
    year = year_of_volume(volume)
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


def _neighbour_of(volume: int):
    """The prior a volume takes when fitted alone: the previous volume's built-in calendar, if any."""
    from events.extraction.calendar_fit import _builtin_only

    return _builtin_only(volume - 1)


@lru_cache(maxsize=64)
def _prior_dates(volume: int) -> tuple[dt.date, ...]:
    year = year_of_volume(volume)
    neighbour = _neighbour_of(volume)
    fitted = fit_volume(volume, [], neighbour=neighbour)
    # Built-in anchors are honoured by the fit; with no issues it projects the prior calendar.
    dates = [d.date for d in fitted.days if d.kind != "break"]
    return tuple(dates) if dates else tuple(prior_dates(year, build_prior(year, neighbour), 400))


def calendar_date(volume: int, number: int) -> dt.date:
    """The date of issue `number` by the prior calendar alone (built-in knowledge, the previous volume's
    built-in knowledge, the federal holidays), before any evidence."""
    year_of_volume(volume)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ValueError(f"issue number must be a positive whole number, not {number!r}")
    dates = _prior_dates(volume)
    if number > len(dates):
        raise ValueError(f"issue {number} is beyond the {len(dates)} publication days of "
                         f"{year_of_volume(volume)} (Volume {volume})")
    return dates[number - 1]


def provisional_date(volume: int, number: int, fit: VolumeFit | None = None) -> dt.date:
    """Best date before the volume is fitted again: the last fit's calendar, else the prior calendar;
    a number beyond every calendar gets the year's last day."""
    if fit is not None:
        publications = [d.date for d in fit.days if d.kind != "break"]
        if number <= len(publications):
            return publications[number - 1]
    try:
        return calendar_date(volume, number)
    except ValueError:
        return dt.date(year_of_volume(volume), 12, 31)


@dataclass(frozen=True)
class IssueDating:
    date: dt.date
    method: str
    confidence: float
    note: str


def date_issue(volume: int, number: int, texts) -> IssueDating:
    """One issue on its own, outside any archive: its volume fitted to this issue's evidence alone (the
    archive-wide fit is `fit_archive`; the database's is events.services.calendar)."""
    evidence = [e for text in texts for e in issue_evidence(volume, number, text)]
    fit = fit_volume(volume, [IssueInput(number, evidence)], neighbour=_neighbour_of(volume)).issues[number]
    return IssueDating(fit.date, fit.method, fit.confidence, fit.note)


def issue_evidence(volume: int, number: int, text: str, article: int | None = None) -> list[Evidence]:
    """The dating evidence in one article of issue (volume, number)."""
    return extract_evidence(text, provisional_date(volume, number), article)


# ------------------------------------------------------------------------------------------ command line

def _read_inputs(paths):
    volumes: dict[int, dict[int, IssueInput]] = {}

    def entry(volume, number):
        return volumes.setdefault(volume, {}).setdefault(number, IssueInput(number))

    for path in paths:
        if path.endswith(".jsonl"):
            _read_records(path, entry)
        else:
            _read_articles(path, entry)
    return {v: list(items.values()) for v, items in volumes.items()}


def _read_records(path, entry):
    """A .jsonl file: one issue record a line (volume, number, and text, evidence or a pinned date)."""
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                _add_record(json.loads(line), entry)
            except (ValueError, KeyError, TypeError) as error:
                raise SystemExit(f"error: {path} line {line_no}: {error}") from None


def _add_record(record, entry):
    volume, number = int(record["volume"]), int(record["number"])
    year_of_volume(volume)
    item = entry(volume, number)
    if "text" in record:
        item.evidence.extend(issue_evidence(volume, number, record["text"]))
    item.evidence.extend(Evidence.from_json(e) for e in record.get("evidence", []))
    if record.get("pinned"):
        item.pinned = dt.date.fromisoformat(record["pinned"])


def _read_articles(path, entry):
    """A Monitor text file: the evidence of each article."""
    from events.extraction.articles import ArticleFileError, read_article_file

    try:
        parsed = read_article_file(path)
    except ArticleFileError as error:
        raise SystemExit(f"error: {error}") from None
    for article in parsed.articles:
        entry(article.volume, article.number).evidence.extend(
            issue_evidence(article.volume, article.number, article.body))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m events.extraction.calendar", description=__doc__.split("\n")[0])
    parser.add_argument("--calendar", action="store_true", help="also print each volume's fitted calendar")
    parser.add_argument("--evidence", action="store_true",
                        help="print the evidence found per issue (jsonl input for a later run) instead of dates")
    parser.add_argument("files", nargs="+", help="Monitor text files or .jsonl records")
    args = parser.parse_args(argv)
    volumes = _read_inputs(args.files)
    if args.evidence:
        for volume in sorted(volumes):
            for item in sorted(volumes[volume], key=lambda i: i.number):
                print(json.dumps({"volume": volume, "number": item.number,
                                  "evidence": [e.to_json() for e in item.evidence]}))
        return 0
    fits = fit_archive(volumes)
    for volume in sorted(fits):
        fit = fits[volume]
        wanted = {i.number for i in volumes[volume]}
        for number in sorted(wanted):
            print(json.dumps(fit.issues[number].to_json()))
        if args.calendar:
            print(json.dumps(fit.to_json()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
