"""Reads the Monitor corpus articles for the extraction tests (at run time; no text is copied here)."""
import datetime
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "monitor"

# Issue dates by the publication calendars of 2000 and 2001 (docs/calendar.md; the counting is in
# tests/test_ingest.py): 2000 had issues on every weekday but Good Friday, Memorial Day, 4 July, ...,
# so No 114 is Mon 12 June and No 129 Mon 3 July 2000; 2001 had none on New Year's Day and MLK Day.
ISSUE_DATES = {
    (7, 1): datetime.date(2001, 1, 2),
    (7, 30): datetime.date(2001, 2, 13),
    (6, 114): datetime.date(2000, 6, 12),
    (6, 129): datetime.date(2000, 7, 3),
    (7, 79): datetime.date(2001, 4, 24),
}
_PUBLICATION = re.compile(r"Publication: Monitor Volume: (\d+) Issue: (\d+)\n\n")


def load_article(volume: int, issue: int) -> tuple[str, datetime.date]:
    """The body (text after the Publication line and its blank line) and issue date."""
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        match = _PUBLICATION.search(text)
        if match and (int(match.group(1)), int(match.group(2))) == (volume, issue):
            return text[match.end():], ISSUE_DATES[(volume, issue)]
    raise FileNotFoundError(f"no corpus article for volume {volume} issue {issue} in {CORPUS}")


def all_articles() -> list[tuple[str, datetime.date]]:
    return [load_article(volume, issue) for volume, issue in ISSUE_DATES]
