"""A one-process batch ingest on PostgreSQL stores its files in transactions of several articles
(ingest.BATCH_ARTICLES), and each article stays all-or-nothing: when one fails, its batch is rolled back and
stored again one transaction per article, so only the failing article is missing; a re-ingest changes nothing."""
import pytest
from django.core.management import call_command
from django.db import connection

from events.models import Article, Event, Issue
from events.services import article_store, ingest
from events.services.gazetteer import invalidate_gazetteer
from events.services.ingest import ingest_paths

pytestmark = [
    pytest.mark.django_db(transaction=True),  # real commits: which articles shared a transaction is visible
    pytest.mark.skipif(connection.vendor != "postgresql", reason="batch transactions are PostgreSQL's path"),
]

# Our own sentences.
BODY = ("Georgian and Armenian ministers met in Tbilisi last Tuesday to discuss a new railway. "
        "They will meet again in Yerevan next month. {}")


@pytest.fixture
def five_files(tmp_path):
    """Five files of one article each (Vol 7, issues 30-34); the second one's text says 'doomed'."""
    call_command("load_gazetteers", verbosity=0)
    invalidate_gazetteer()
    for number, word in zip(range(30, 35), ("first", "doomed", "third", "fourth", "fifth")):
        (tmp_path / f"{number}.txt").write_text(
            f"Publication: Monitor Volume: 7 Issue: {number}\nRailway talks, the {word}\n\n{BODY.format(word)}\n")
    return tmp_path


def _transactions():
    """The articles' bodies' last words grouped by the transaction that stored them (xmin), in issue order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT a.xmin::text, a.body FROM events_article a JOIN events_issue i ON i.id = a.issue_id "
                       "ORDER BY i.number")
        groups = {}
        for xmin, body in cursor.fetchall():
            groups.setdefault(xmin, []).append(body.split()[-1])
    return list(groups.values())


def test_a_batch_of_articles_commits_together(monkeypatch, five_files):
    monkeypatch.setattr(ingest, "BATCH_ARTICLES", 2)
    report = ingest_paths([five_files], progress=False)
    assert report.ok and report.articles_new == 5, report.summary()
    assert _transactions() == [["first", "doomed"], ["third", "fourth"], ["fifth"]]
    assert not article_store.in_batch()
    assert Event.objects.filter(thread__isnull=True).count() == 0 and Event.objects.count() >= 10
    again = ingest_paths([five_files], progress=False)
    assert (again.articles_new, again.articles_unchanged) == (0, 5)


def test_a_failing_article_rolls_its_batch_back_and_only_it_is_missing(monkeypatch, five_files):
    monkeypatch.setattr(ingest, "BATCH_ARTICLES", 3)
    real = article_store.process_article
    calls = []

    def failing(article, **kwargs):
        calls.append(article.body.split()[-1])
        if "doomed" in article.body:
            raise ValueError("a bug met in this article")
        return real(article, **kwargs)

    monkeypatch.setattr(article_store, "process_article", failing)
    report = ingest_paths([five_files], progress=False)
    assert (report.articles_new, report.articles_failed) == (4, 1), report.summary()
    assert [f.new for f in report.files] == [1, 0, 1, 1, 1]
    assert report.files[1].errors == ["line 1 (Vol 7 No 31): not stored: ValueError: a bug met in this article"]
    # the first batch (first, doomed) was rolled back and stored again one article at a time; the next batch
    # (third, fourth, fifth) is one transaction
    assert calls == ["first", "doomed", "first", "doomed", "third", "fourth", "fifth"]
    assert _transactions() == [["first"], ["third", "fourth", "fifth"]]
    # nothing of the doomed article: no issue, no article, no event
    assert not Issue.objects.filter(number=31).exists()
    assert not Article.objects.filter(body__contains="doomed").exists()
    assert set(Event.objects.values_list("article__issue__number", flat=True)) == {30, 32, 33, 34}
    assert not Article.objects.filter(events__isnull=True).exists()


def test_a_deferred_write_travels_with_the_next_round_trip_and_is_seen_by_every_read():
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    from events.models import Thread
    from events.services.db import deferred_writes, run_statements, write_later

    thread = Thread.objects.create(title="old", event_type="meeting", status="planned", date_start="2001-01-01",
                                   date_end="2001-01-01", granularity="day")
    update = ("UPDATE events_thread SET title = %s WHERE id = %s", ["new", thread.pk])
    assert not write_later(*update)  # outside deferred_writes: the caller runs it
    with transaction.atomic(), deferred_writes(), CaptureQueriesContext(connection) as queries:
        assert write_later(*update)
        rows = run_statements([("SELECT title FROM events_thread WHERE id = %s", [thread.pk])])
        assert rows == [[("new",)]] and len(queries) == 1  # one round trip: the update, then the read
        assert write_later("UPDATE events_thread SET title = %s WHERE id = %s", ["newer", thread.pk])
        assert Thread.objects.get(pk=thread.pk).title == "newer"  # an ORM read sends it first
        assert write_later("UPDATE events_thread SET title = %s WHERE id = %s", ["last", thread.pk])
    assert Thread.objects.get(pk=thread.pk).title == "last"  # what is held is sent at the block's end
    with pytest.raises(ValueError), transaction.atomic(), deferred_writes():
        assert write_later("UPDATE events_thread SET title = %s WHERE id = %s", ["never", thread.pk])
        raise ValueError("rolled back")
    assert Thread.objects.get(pk=thread.pk).title == "last"
    assert not write_later(*update)


def test_a_batch_remembers_the_actors_it_finds_until_a_failure():
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    from events.extraction.mention import ActorRef
    from events.models import Actor
    from events.services import mention_actors
    from events.services.gazetteer import get_gazetteer_snapshot

    class Mention:
        actors = [ActorRef("Ivan Testovsky", False, "RU", None)]

    call_command("load_gazetteers", verbosity=0)  # the flushed database's gazetteer rows, and no earlier test's
    invalidate_gazetteer()  # cached snapshot (its country ids are gone: an actor's country would break its key)
    snapshot = get_gazetteer_snapshot()
    with transaction.atomic(), mention_actors.remembering():
        created = mention_actors.mention_actor_ids([Mention()], snapshot)["Ivan Testovsky"]
        with CaptureQueriesContext(connection) as queries:
            assert mention_actors.mention_actor_ids([Mention()], snapshot) == {"Ivan Testovsky": created}
        assert len(queries) == 0
    assert Actor.objects.get(pk=created).name == "Ivan Testovsky"
    with transaction.atomic(), mention_actors.remembering(), CaptureQueriesContext(connection) as queries:
        assert mention_actors.mention_actor_ids([Mention()], snapshot) == {"Ivan Testovsky": created}  # committed
        assert len(queries) == 0
    with pytest.raises(ValueError), transaction.atomic(), mention_actors.remembering():
        raise ValueError("a failed batch")
    with transaction.atomic(), mention_actors.remembering(), CaptureQueriesContext(connection) as queries:
        assert mention_actors.mention_actor_ids([Mention()], snapshot) == {"Ivan Testovsky": created}
        assert len(queries) == 1  # forgotten: looked up again by name
    mention_actors.forget_actors()
