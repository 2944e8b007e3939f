"""The dirty-key queue shared by the happening table and the search documents (events/services/dirty_keys.py):
a writer that does not defer is recomputed at its commit; a batch ingest defers both to one flush, after which
the tables equal a full recompute; a rolled-back deferred transaction leaves no mark; and a batch ingest stores
the calendar evidence its prefit computed (events/services/article_store.py) without computing it again."""
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from events.models import Article, Event, Happening, HappeningDirty
from events.services import article_store, dirty_keys, happenings
from events.services.calendar import evidence_for_text
from events.services.ingest import ingest_paths
from tests import factories as f

POSTGRES_ONLY = pytest.mark.skipif(connection.vendor != "postgresql", reason="the queue is PostgreSQL's")


def assert_current():
    expected = happenings.compute_rows()
    assert happenings.table_rows() == expected
    assert happenings.tallies() == happenings.expected_tallies(expected)


def text_keys() -> set:
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM events_happeningtext")
        return {k for (k,) in cursor.fetchall()}


def marks() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT (SELECT count(*) FROM events_happeningdirty), "
                       "(SELECT count(*) FROM events_happeningtextdirty)")
        return cursor.fetchone()


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_a_deferring_writer_waits_for_the_flush_and_another_writer_does_not():
    ru = f.country("RU", "Russia")
    before = f.event(start=date(2001, 3, 12), countries=[ru])
    assert Happening.objects.filter(key=-before.pk).exists()  # not deferred: recomputed at its commit
    dirty_keys.defer(True)
    try:
        with transaction.atomic():
            deferred = f.event(start=date(2001, 3, 14), countries=[ru])
        # committed, but only marked: one key in each queue (the event's; the link's is the same key)
        assert not Happening.objects.filter(key=-deferred.pk).exists()
        assert -deferred.pk not in text_keys()
        assert set(HappeningDirty.objects.values_list("key", flat=True)) == {-deferred.pk}
        with pytest.raises(RuntimeError), transaction.atomic():
            f.event(start=date(2001, 3, 15))
            raise RuntimeError("rolled back")
        assert set(HappeningDirty.objects.values_list("key", flat=True)) == {-deferred.pk}  # nothing added
    finally:
        dirty_keys.defer(False)
    immediate = f.event(start=date(2001, 3, 16), countries=[ru])
    assert Happening.objects.filter(key=-immediate.pk).exists()  # a writer that does not defer: at once
    assert not Happening.objects.filter(key=-deferred.pk).exists()

    # the flush recomputes each marked key once (one happening, one document) and leaves nothing marked
    assert dirty_keys.flush_deferred() == {"happening": 1, "happeningtext": 1}
    assert marks() == (0, 0)
    assert Happening.objects.get(key=-deferred.pk).country_ids == [ru.pk]
    assert -deferred.pk in text_keys()
    assert_current()
    assert dirty_keys.flush_deferred() == {"happening": 0, "happeningtext": 0}


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_a_deferred_change_of_an_existing_happening_moves_its_tallies_once():
    """A deferred writer that changes a stored happening (its status and a country link): after the flush the
    tallies count the happening once with its new values (the old ones taken off), as a recompute gives."""
    ru, cn = f.country("RU", "Russia"), f.country("CN", "China")
    event = f.event(start=date(2001, 3, 12), countries=[ru], status="planned")
    assert_current()
    dirty_keys.defer(True)
    try:
        with transaction.atomic():
            Event.objects.filter(pk=event.pk).update(status="occurred")
            event.countries.add(cn)
    finally:
        dirty_keys.defer(False)
    stale = Happening.objects.get(key=-event.pk)
    assert stale.status == "planned" and stale.country_ids == [ru.pk]
    assert dirty_keys.flush_deferred()["happening"] == 1
    fresh = Happening.objects.get(key=-event.pk)
    assert fresh.status == "occurred" and sorted(fresh.country_ids) == sorted([ru.pk, cn.pk])
    assert_current()


@pytest.mark.django_db(transaction=True)
def test_a_batch_ingest_leaves_the_tables_current_and_reuses_the_prefit_evidence(tmp_path, monkeypatch):
    """Two files (the prefit runs for two or more): every happening and document is there at the end, nothing
    stays marked, and each article's calendar evidence is the prefit's (computed once per article: the
    prefit's call only) and equal to what the function gives for its text."""
    (tmp_path / "a.txt").write_text("Publication: Monitor Volume: 7 Issue: 30\nCotton talks\n\n"
                                    "Uzbek and Russian officials held cotton talks in Tashkent on Monday "
                                    "(Itar-Tass, February 12).\n")
    (tmp_path / "b.txt").write_text("Publication: Monitor Volume: 7 Issue: 31\nGrain talks\n\n"
                                    "Kazakh and Russian officials met in Astana on Tuesday to discuss grain "
                                    "deliveries.\n")
    call_command("load_gazetteers", verbosity=0)  # the flushed test database has no countries to find
    calls = []
    real = article_store.evidence_for_text
    monkeypatch.setattr(article_store, "evidence_for_text", lambda *a: calls.append(a) or real(*a))
    report = ingest_paths([tmp_path], progress=False)
    assert report.ok and report.articles_new == 2, report.summary()
    assert calls == []  # both articles took the evidence the prefit had computed
    assert article_store._known_evidence == {}
    for article in Article.objects.select_related("issue"):
        assert article.calendar_evidence == evidence_for_text(article.issue.volume, article.issue.number,
                                                              article.body)
    assert Event.objects.filter(hidden=False).exists()
    happenings.ensure_current()
    assert_current()
    if connection.vendor == "postgresql":
        assert marks() == (0, 0)
        visible = {e.thread_id or -e.pk for e in Event.objects.filter(hidden=False)}
        assert visible <= text_keys()
