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
    assert [list(row) for row in rows] == [["volume", "number", "date", "date_method", "confidence", "articles",
                                            "earliest", "latest", "calendar_source", "evidence", "warnings"]] * 5
    # Ordered by volume then number; dates from each volume's publication calendar (2000 and 2001 built in:
    # see tests/test_ingest.py for the counting), each confirmed by the citations it carries.
    assert [(r["volume"], r["number"], r["date"], r["date_method"], r["articles"]) for r in rows] == [
        (6, 114, "2000-06-12", "calendar+evidence", 1),
        (6, 129, "2000-07-03", "calendar+evidence", 1),
        (7, 1, "2001-01-02", "calendar+evidence", 1),
        (7, 30, "2001-02-13", "calendar+evidence", 1),
        (7, 79, "2001-04-24", "calendar+evidence", 1),
    ]
    assert all(isinstance(r["confidence"], float) and 0.9 <= r["confidence"] <= 1 for r in rows)
    # Each issue sits on a day the built-in knowledge declares a publication day; its evidence is listed.
    assert {r["calendar_source"] for r in rows} == {"builtin"}
    assert all(r["evidence"] and r["warnings"] == [] for r in rows)
    assert all(r["earliest"] <= r["date"] <= r["latest"] for r in rows)


def test_export_counts_articles_and_dates_without_evidence():
    pub = "Publication: Monitor Volume: 7 Issue: 2"
    ingest_text("x.txt", f"{pub}\n\nOne.\n\nTWO.\n\n{pub}\n\nTwo.".encode())
    # No citations: the calendar alone; 2001's calendar is known (no issue on New Year's Day, then every
    # weekday), so the 2nd publication day of 2001 is Wed 3 January.
    [row] = export()
    assert {k: row[k] for k in ("volume", "number", "date", "date_method", "articles", "evidence")} == {
        "volume": 7, "number": 2, "date": "2001-01-03", "date_method": "calendar", "articles": 2, "evidence": []}
    # The only issue of Volume 7 in the archive, but the volume's calendar is built in (and No 203 pinned
    # by its text): nothing to warn about.
    assert row["warnings"] == []


def test_empty_database_exports_nothing():
    assert export() == []


def test_unknown_format_is_refused():
    with pytest.raises(CommandError, match="invalid choice: 'xml'"):
        call_command("export_issues", "--format", "xml")
