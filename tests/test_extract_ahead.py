"""Extraction one article ahead in a one-process batch ingest (events/services/extract_ahead.py): a result is
used only for the very arguments it was extracted with, so the batch stores exactly what extract_article gives
for each article's text, its issue's date and the gazetteer; a wrong guess is extracted again; an error in
the extraction fails its article alone; a re-ingest extracts nothing; the thread and the interpreter's
switch interval are put back after the batch."""
import datetime as dt
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import call_command

from events.extraction.entities import Gazetteer, default_gazetteer
from events.extraction.pipeline import extract_article
from events.models import Article, Event
from events.services import extract_ahead, ingest
from events.services.gazetteer import get_gazetteer_snapshot, invalidate_gazetteer
from events.services.ingest import ingest_paths

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "monitor"

# Our own sentences: a relative date ("last Tuesday") that resolves against the anchor, so two anchors give
# two different dates.
BODY = ("Georgian and Armenian ministers met in Tbilisi last Tuesday to discuss a new railway. "
        "They will meet again in Yerevan next month.")


@pytest.fixture
def gazetteer_rows():
    """The flushed test database (transaction=True) has no gazetteer rows: load them, and drop the process's
    cached snapshot (its ids are an earlier test's)."""
    call_command("load_gazetteers", verbosity=0)
    invalidate_gazetteer()


def _signature(mentions):
    return [(m.key, m.date_start, m.date_end, m.event_type, m.status) for m in mentions]


def _recording(monkeypatch):
    """Record every (body, anchor) the worker extracts."""
    calls = []
    real = extract_ahead._extract
    monkeypatch.setattr(extract_ahead, "_extract", lambda body, anchor, g: calls.append((body, anchor)) or real(body, anchor, g))
    return calls


def test_a_result_is_used_only_for_its_own_anchor_and_gazetteer(monkeypatch):
    gazetteer = default_gazetteer()
    other = Gazetteer(countries=gazetteer.countries, actors=gazetteer.actors, topics=gazetteer.topics,
                      organizations=gazetteer.organizations)  # as a rebuilt snapshot's: another object
    monday, friday = dt.date(2001, 3, 12), dt.date(2001, 3, 16)  # "last Tuesday": 6 March, then 13 March
    assert _signature(extract_article(BODY, monday, gazetteer)) != _signature(extract_article(BODY, friday, gazetteer))
    calls = _recording(monkeypatch)
    with extract_ahead.ExtractionAhead() as ahead:
        assert extract_ahead.active() is ahead
        ahead.submit(BODY, monday, gazetteer)
        # asked with another anchor: extracted again with that one, not the guess
        assert _signature(ahead.extract(BODY, friday, gazetteer)) == _signature(extract_article(BODY, friday, gazetteer))
        assert calls == [(BODY, monday), (BODY, friday)]
        # another gazetteer object (Monday's result is still waiting, for the first gazetteer): extracted again
        ahead.submit(BODY, monday, gazetteer)
        assert _signature(ahead.extract(BODY, monday, other)) == _signature(extract_article(BODY, monday, other))
        assert calls[2:] == [(BODY, monday)]
        # the right arguments: the result extracted ahead, not extracted again
        assert _signature(ahead.extract(BODY, monday, gazetteer)) == _signature(extract_article(BODY, monday, gazetteer))
        assert len(calls) == 3
        assert extract_ahead.active() is ahead
    assert extract_ahead.active() is None
    assert not any(t.name.startswith("extract-ahead") for t in threading.enumerate())


@pytest.mark.django_db(transaction=True)
def test_a_batch_stores_what_extract_article_gives_for_each_article_and_its_issue_date(monkeypatch, gazetteer_rows):
    switch = sys.getswitchinterval()
    calls = _recording(monkeypatch)
    report = ingest_paths([CORPUS], progress=False)
    assert report.ok and report.articles_new == 5, report.summary()
    # every article was extracted ahead once, with its issue's date (the guess was right: none extracted twice)
    articles = list(Article.objects.select_related("issue"))
    assert sorted(calls) == sorted((a.body, a.issue.date) for a in articles)
    # and what is stored is extract_article's output for the article's text and its issue's date
    gazetteer = get_gazetteer_snapshot().gazetteer
    for article in articles:
        expected = {m.key: (m.date_start, m.date_end, m.event_type, m.status)
                    for m in extract_article(article.body, article.issue.date, gazetteer)}
        stored = {e.extraction_key: (e.date_start, e.date_end, e.event_type, e.status)
                  for e in Event.objects.filter(article=article)}
        assert stored == expected
    assert sys.getswitchinterval() == switch
    assert not any(t.name.startswith("extract-ahead") for t in threading.enumerate())

    # a re-ingest: every text is stored, so nothing is extracted (ahead or otherwise)
    calls.clear()
    again = ingest_paths([CORPUS], progress=False)
    assert (again.articles_new, again.articles_unchanged) == (0, 5)
    assert calls == []


@pytest.mark.django_db(transaction=True)
def test_a_wrong_date_guess_is_extracted_again_with_the_issue_date(monkeypatch, tmp_path, gazetteer_rows):
    (tmp_path / "a.txt").write_text(f"Publication: Monitor Volume: 7 Issue: 30\nRailway talks\n\n{BODY}\n")
    (tmp_path / "b.txt").write_text(f"Publication: Monitor Volume: 7 Issue: 31\nMore railway talks\n\n{BODY} Again.\n")
    calls = _recording(monkeypatch)
    wrong = dt.date(1999, 1, 1)
    monkeypatch.setattr(ingest._BatchGuess, "anchor", lambda self, article: wrong)
    report = ingest_paths([tmp_path], progress=False)
    assert report.ok and report.articles_new == 2, (report.summary(), [f.errors for f in report.files])
    articles = list(Article.objects.select_related("issue"))
    assert sorted(c for c in calls if c[1] != wrong) == sorted((a.body, a.issue.date) for a in articles)
    for article in articles:
        assert all(e.anchor_date == article.issue.date for e in Event.objects.filter(article=article))
    with_guess = {a.content_hash: sorted(Event.objects.filter(article=a).values_list("extraction_key", "date_start"))
                  for a in articles}
    gazetteer = get_gazetteer_snapshot().gazetteer
    assert with_guess == {a.content_hash: sorted((m.key, m.date_start) for m in
                                                 extract_article(a.body, a.issue.date, gazetteer)) for a in articles}


@pytest.mark.django_db(transaction=True)
def test_an_error_in_the_extraction_ahead_fails_its_article_alone(monkeypatch, tmp_path, gazetteer_rows):
    (tmp_path / "a.txt").write_text("Publication: Monitor Volume: 7 Issue: 30\nBad\n\nThis text breaks it.\n")
    (tmp_path / "b.txt").write_text(f"Publication: Monitor Volume: 7 Issue: 31\nGood\n\n{BODY}\n")
    real = extract_ahead._extract

    def failing(body, anchor, gazetteer):
        if "breaks" in body:
            raise ValueError("extraction broke")
        return real(body, anchor, gazetteer)

    monkeypatch.setattr(extract_ahead, "_extract", failing)
    report = ingest_paths([tmp_path], progress=False)
    assert (report.articles_new, report.articles_failed) == (1, 1)
    [error] = report.files[0].errors
    assert "line 1 (Vol 7 No 30): not stored: ValueError: extraction broke" in error
    assert [a.body for a in Article.objects.all()] == [f"Good\n\n{BODY}"]  # nothing of the bad one


@pytest.mark.django_db(transaction=True)
def test_one_thread_stores_the_same(monkeypatch, gazetteer_rows):
    """The switch off (ingest.EXTRACT_AHEAD = False): no worker, the same events for the corpus."""
    def events():
        return sorted(Event.objects.values_list("article__content_hash", "extraction_key", "date_start", "date_end",
                                                "event_type", "status", "summary"))

    ingest_paths([CORPUS], progress=False)
    ahead = events()
    Article.objects.all().delete()
    calls = _recording(monkeypatch)
    monkeypatch.setattr(ingest, "EXTRACT_AHEAD", False)
    ingest_paths([CORPUS], progress=False)
    assert calls == [] and events() == ahead and ahead
