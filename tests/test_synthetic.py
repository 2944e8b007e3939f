"""The synthetic archive generator (events.synthetic) and the bulk loader (events.services.bulk_load)."""
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from events.extraction.articles import read_article_file
from events.extraction.calendar import calendar_date, date_issue
from events.extraction.entities import default_gazetteer
from events.extraction.pipeline import extract_article
from events.synthetic import ArchiveGenerator, parse_volumes, volumes_for


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.txt")):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        ArchiveGenerator(seed=seed).generate(tmp_path / name, [7], 3, limit=30)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_files_parse_as_monitor_articles_and_yield_varied_events(tmp_path):
    summary = ArchiveGenerator(seed=1).generate(tmp_path, [6], 4, limit=80)
    assert (summary.articles, summary.issues, summary.files) == (80, 20, 20)
    articles = [a for p in sorted(tmp_path.rglob("*.txt")) for a in read_article_file(p).articles]
    assert len(articles) == 80
    # Issue k of volume 6 is the k-th publication day of 2000; four articles per issue.
    assert [(a.volume, a.number) for a in articles[:5]] == [(6, 1), (6, 1), (6, 1), (6, 1), (6, 2)]
    assert all(a.headline.isupper() for a in articles)
    gazetteer = default_gazetteer()
    types, countries, actors, statuses = set(), set(), set(), set()
    for article in articles:
        for mention in extract_article(article.body, calendar_date(article.volume, article.number), gazetteer):
            types.add(mention.event_type)
            countries.update(mention.countries)
            actors.update(ref.name for ref in mention.actors)
            statuses.add(mention.status)
    # Eleven happening types are written; every one of the main ones must be recognised by extraction.
    assert {"visit", "meeting", "agreement", "statement", "summit"} <= types
    assert len(countries) >= 20 and len(actors) >= 30
    assert {"occurred", "planned"} <= statuses


def test_citations_are_evidence_for_the_issue_date(tmp_path):
    ArchiveGenerator(seed=2).generate(tmp_path, [7], 2, limit=20)
    articles = [a for p in sorted(tmp_path.rglob("*.txt")) for a in read_article_file(p).articles]
    # Every first paragraph ends with an agency citation dated 1-4 days before the issue, so the calendar
    # date is confirmed by evidence (calendar+evidence), never moved.
    methods = {date_issue(a.volume, a.number, [a.body]).method for a in articles}
    assert methods == {"calendar+evidence"}


class _Gappy:
    """A calendar with a break: no issue in the second week of January (as a simulated calendar may have)."""

    def issues_in_volume(self, volume):
        return 5

    def issue_date(self, volume, number):
        return dt.date(2001, 1, 2) + dt.timedelta(days=(number - 1) * 3 + (7 if number > 2 else 0))


def test_the_calendar_is_pluggable(tmp_path):
    ArchiveGenerator(seed=1, calendar=_Gappy()).generate(tmp_path, [7], 1)
    articles = [a for p in sorted(tmp_path.rglob("*.txt")) for a in read_article_file(p).articles]
    assert [a.number for a in articles] == [1, 2, 3, 4, 5]
    # The third issue's citations are dated from its own day (Jan 15), not the model calendar's.
    assert "January 1" in articles[2].body and "January 9" not in articles[2].body[:0]


def test_volumes_arguments():
    assert parse_volumes("6-7") == [6, 7] and parse_volumes("3,5") == [3, 5]
    with pytest.raises(ValueError):
        parse_volumes("0")
    # 250 publication days a year, 4 articles each: 10,000 articles need 10 volumes.
    assert len(volumes_for(10_000, 4)) == 10


def test_command_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(Exception, match="not empty"):
        call_command("generate_archive", "--out", str(tmp_path), "--articles", "4")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk loader uses COPY (PostgreSQL)")
def test_bulk_loader_adds_archive_like_events():
    from events.models import Article, Event, Thread
    from events.services.bulk_load import load_events

    report = load_events(3000, [6, 7], seed=4)
    assert Event.objects.count() == report.events == 3000
    assert Thread.objects.count() == report.threads
    # At most 10 mentions per article (fewer in the last article of an issue): 300..3000/2 articles.
    assert 300 <= Article.objects.count() <= 1500
    from django.db.models import Count
    assert max(Article.objects.annotate(n=Count("events")).values_list("n", flat=True)) == 10
    # Every event's sentence sits in its article's body at its offsets.
    for event in Event.objects.select_related("article")[:50]:
        assert event.article.body[event.sentence_start:event.sentence_end] == event.sentence
        assert event.article.body[event.date_text_start:event.date_text_end] == event.date_text
        assert event.date_start.year in (1999, 2000, 2001, 2002)
    # Russia, the Monitor's beat, is in far more events than any country of the long tail.
    ru = Event.objects.filter(countries__code="RU").count()
    assert ru > 3 * Event.objects.filter(countries__code="TW").count() and ru > 1000
    # A second load adds rows after the first (ids from the sequences), and the ORM can still insert.
    load_events(100, [7], seed=5)
    assert Event.objects.count() == 3100
    Thread.objects.create(title="after", event_type="visit", status="planned", date_start=dt.date(2001, 1, 1),
                          date_end=dt.date(2001, 1, 1), granularity="day")


def test_the_simulated_calendar_gives_the_issue_dates_when_the_simulator_is_there(tmp_path):
    try:
        from events.extraction import calendar_sim  # noqa: F401 - issue 10's simulator
    except ImportError:
        from events.synthetic import SimulatedCalendar

        with pytest.raises(ValueError, match="calendar_sim"):
            SimulatedCalendar(1)
        return
    from events.synthetic import SimulatedCalendar

    calendar = SimulatedCalendar(3)
    ArchiveGenerator(seed=3, calendar=calendar).generate(tmp_path, [7], 1, limit=40)
    articles = [a for p in sorted(tmp_path.rglob("*.txt")) for a in read_article_file(p).articles]
    truth = calendar.truth()
    # Every issue is dated by the simulated calendar (breaks included), and cites reports from before it.
    assert all((a.volume, a.number) in truth for a in articles)
    model = [calendar_date(7, n) for n in range(1, 41)]
    assert [truth[(7, n)] for n in range(1, 41)] != model or len(calendar._calendar(7).breaks) == 0
