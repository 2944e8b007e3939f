"""`manage.py export_issues --format jsonl` (contract): one object per issue, in (volume, number) order."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.services.ingest import ingest_paths, ingest_text

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "monitor"

pytestmark = pytest.mark.django_db


def export():
    out = StringIO()
    call_command("export_issues", "--format", "jsonl", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_of_the_corpus():
    ingest_paths([CORPUS], progress=False)
    rows = export()
    assert [list(row) for row in rows] == [["volume", "number", "date", "date_method", "confidence", "articles"]] * 5
    # Ordered by volume then number; dates from the calendar (weekdays less US federal holidays),
    # each confirmed by a citation one to four days earlier (see tests/test_ingest.py for the counting).
    assert [(r["volume"], r["number"], r["date"], r["date_method"], r["articles"]) for r in rows] == [
        (6, 114, "2000-06-13", "calendar+evidence", 1),
        (6, 129, "2000-07-05", "calendar+evidence", 1),
        (7, 1, "2001-01-02", "calendar+evidence", 1),
        (7, 30, "2001-02-13", "calendar+evidence", 1),
        (7, 79, "2001-04-24", "calendar+evidence", 1),
    ]
    assert all(isinstance(r["confidence"], float) and 0.9 <= r["confidence"] <= 1 for r in rows)


def test_export_counts_articles_and_dates_without_evidence():
    pub = "Publication: Monitor Volume: 7 Issue: 2"
    ingest_text("x.txt", f"{pub}\n\nOne.\n\nTWO.\n\n{pub}\n\nTwo.".encode())
    # No citations: the calendar alone; the 2nd publication day of 2001 is Wed 3 January.
    assert export() == [{"volume": 7, "number": 2, "date": "2001-01-03", "date_method": "calendar",
                         "confidence": 0.6, "articles": 2}]


def test_empty_database_exports_nothing():
    assert export() == []


def test_unknown_format_is_refused():
    with pytest.raises(CommandError, match="invalid choice: 'xml'"):
        call_command("export_issues", "--format", "xml")
