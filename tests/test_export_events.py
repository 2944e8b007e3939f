"""export_events: the contract's exact keys (../shared/docs/DESIGN.md section 5), CSV flattening, hidden events, query count."""
import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.extraction.mention import ActorRef
from events.models import Event
from events.services import extraction as service
from events.selectors.export import event_export_rows
from tests.test_extraction_service import make_article, mention, mentions  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

D = dt.date
KEYS = {"id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence", "summary",
        "event_type", "status", "actors", "countries", "topics", "reported", "issue", "article_id", "corrected"}
SENTENCE = "Following talks on December 28 with his Iranian counterpart, Sergeev announced \u201ca new chapter\u201d."


@pytest.fixture
def stored(mentions):
    article = make_article(7, 1, D(2001, 1, 2))
    mentions[:] = [
        mention(0, sentence=SENTENCE, actors=[ActorRef("Igor Sergeev", True, "RU", None),
                                              ActorRef("Ali Shamkhani", True, "IR", None)],
                countries=["RU", "IR", "KP", "KR", "US"]),
        mention(100, date_start=D(2000, 12, 27), summary="Khatami meets Sergeev", reported_dates=[]),
    ]
    service.process_article(article)
    return article


def export(*args):
    out = io.StringIO()
    call_command("export_events", *args, stdout=out)
    return out.getvalue()


def test_jsonl_has_exactly_the_contract_keys(stored):
    lines = export().splitlines()
    assert len(lines) == 2
    rows = [json.loads(line) for line in lines]
    for row in rows:
        assert set(row) == KEYS
        assert set(row["issue"]) == {"volume", "number", "date"}
    first = next(r for r in rows if r["date_start"] == "2000-12-28")
    event = Event.objects.get(pk=first["id"])
    assert first["thread_id"] == event.thread_id and first["thread_id"] is not None
    assert (first["date_start"], first["date_end"], first["granularity"]) == ("2000-12-28", "2000-12-28", "day")
    assert first["sentence"] == SENTENCE  # exactly, curly quotes included
    assert first["actors"] == ["Ali Shamkhani", "Igor Sergeev"]
    # The common English names the news uses (countries.json), not ISO names like "Korea, Democratic ...".
    assert sorted(first["countries"]) == ["Iran", "North Korea", "Russia", "South Korea", "United States"]
    assert first["topics"] == ["Military cooperation"]
    assert first["reported"] == ["2000-12-28"]
    assert first["issue"] == {"volume": 7, "number": 1, "date": "2001-01-02"}
    assert first["article_id"] == stored.pk and first["corrected"] is False
    # Ordered by date: December 27 first.
    assert [r["date_start"] for r in rows] == ["2000-12-27", "2000-12-28"]


def test_hidden_events_only_with_include_hidden_and_corrected_flag(stored):
    event = Event.objects.get(date_start=D(2000, 12, 27))
    event.hidden = True
    event.corrected_fields = ["hidden"]
    event.save()
    assert len(export().splitlines()) == 1
    rows = [json.loads(line) for line in export("--include-hidden").splitlines()]
    assert len(rows) == 2
    assert next(r for r in rows if r["id"] == event.pk)["corrected"] is True


def test_csv_flattens_lists_and_issue(stored):
    text = export("--format", "csv")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == ["id", "thread_id", "date_start", "date_end", "granularity", "date_text",
                                 "sentence", "summary", "event_type", "status", "actors", "countries", "topics",
                                 "reported", "issue_volume", "issue_number", "issue_date", "article_id",
                                 "corrected"]
    rows = list(reader)
    assert len(rows) == 2
    first = next(r for r in rows if r["date_start"] == "2000-12-28")
    assert first["actors"] == "Ali Shamkhani; Igor Sergeev"
    assert first["sentence"] == SENTENCE
    assert (first["issue_volume"], first["issue_number"], first["issue_date"]) == ("7", "1", "2001-01-02")
    assert first["corrected"] == "false"
    assert next(r for r in rows if r["date_start"] == "2000-12-27")["reported"] == ""


def test_row_building_takes_a_fixed_number_of_queries(mentions):
    for number in range(2, 6):
        mentions[:] = [mention(i * 100, date_start=D(2000, 1 + i, 1)) for i in range(number)]
        service.process_article(make_article(7, number, D(2001, 1, 3)))
    with CaptureQueriesContext(connection) as queries:
        rows = list(event_export_rows(Event.objects.all()))
    assert len(rows) == 2 + 3 + 4 + 5
    assert len(queries) <= 5, [q["sql"][:80] for q in queries]


def test_empty_database_exports_nothing():
    assert export() == ""
    assert export("--format", "csv").splitlines() == [
        "id,thread_id,date_start,date_end,granularity,date_text,sentence,summary,event_type,status,actors,"
        "countries,topics,reported,issue_volume,issue_number,issue_date,article_id,corrected"]
