"""The happening table (events/services/happenings.py) is kept equal to its mentions by every write path:
after ingest and linking, an editor's correction, hiding and showing again, moving a mention to another
thread, a new version of an article, undo import, merging actors, re-processing and deleting an article, the
stored rows and tallies equal what a full recompute from the mentions gives (computed in Python here, so the
SQL recompute on PostgreSQL is checked against an independent one). Runs on PostgreSQL and SQLite."""
from datetime import date

import pytest
from django.db import transaction

from events.models import Actor, Article, Country, Event, Happening, HappeningDirty, Import, Thread
from events.services import corrections, happenings
from events.services.ingest import ingest_text
from events.services.versions import delete_article, finish_import, undo_import
from tests import factories as f
from tests.adversarial.samples import BODY_A, BODY_B, article_text
from tests.test_corrections import make_editor


def assert_current():
    happenings.ensure_current()
    expected = happenings.compute_rows()
    assert happenings.table_rows() == expected
    assert happenings.tallies() == happenings.expected_tallies(expected)
    return expected


def by_date_text(article):
    return {e.date_text: e for e in Event.objects.filter(article=article)}


@pytest.mark.django_db
def test_every_write_path_keeps_the_table_equal_to_a_recompute():
    editor = make_editor()
    first = ingest_text("a.txt", article_text(50, BODY_A).encode())
    rows = assert_current()
    # BODY_A has four dated mentions (the two sides' trade agreement of March 14 takes the article's two states),
    # each visible: each belongs to exactly one happening row
    assert sum(r["mentions"] for r in rows.values()) == Event.objects.filter(hidden=False).count() == 4
    events = by_date_text(Article.objects.get())

    corrections.correct_event(events["March 12"], {"status": "planned", "date_start": date(2001, 3, 11)},
                              user=editor, reason="announced a day earlier")
    assert_current()
    ru = Country.objects.get(code="RU")
    cn = Country.objects.get(code="CN")
    corrections.correct_event(events["late April"], {"countries": [ru, cn]}, user=editor, reason="both")
    rows = assert_current()
    late = events["late April"]
    late.refresh_from_db()
    key = late.thread_id or -late.pk
    assert rows[key]["country_ids"] == sorted([ru.pk, cn.pk])

    corrections.mark_not_event([events["Monday"]], user=editor, reason="not an event")
    assert_current()
    corrections.mark_not_event([events["Monday"]], user=editor, reason="it is", hidden=False)
    assert_current()

    # move a mention into another mention's thread and out again (a lone mention)
    target = Thread.objects.create(title="Editor's thread", event_type="meeting", status="occurred",
                                   date_start=date(2001, 3, 1), date_end=date(2001, 3, 20), granularity="day")
    corrections.correct_event(events["March 12"], {"thread": target}, user=editor, reason="same meeting")
    rows = assert_current()
    # the thread's interval (recomputed from its one member), which its card shows
    assert rows[target.pk]["sort_date"] == Thread.objects.get(pk=target.pk).date_start
    corrections.correct_thread(target, {"date_start": date(2001, 3, 2)}, user=editor, reason="later start")
    rows = assert_current()
    assert rows[target.pk]["sort_date"] == date(2001, 3, 2)
    corrections.correct_event(events["March 12"], {"thread": None}, user=editor, reason="alone after all")
    assert_current()

    # an upload of a new article and a new version of the first, then its undo
    upload = Import.objects.create(kind=Import.Kind.UPLOAD, user=editor, description="two files")
    ingest_text("b.txt", article_text(51, BODY_B).encode(), import_run=upload)
    ingest_text("a2.txt", article_text(50, BODY_A.replace("will visit Beijing", "will travel to Beijing")).encode(),
                import_run=upload)
    finish_import(upload, first)
    assert_current()
    undo_import(upload, user=editor, reason="wrong files")
    assert_current()

    # merging actors moves links; re-processing and deleting an article replace and remove mentions
    ivanov = Actor.objects.filter(events__isnull=False).first()
    other = Actor.objects.create(name="Somebody Else")
    Event.objects.filter(hidden=False).first().actors.add(other)
    assert_current()
    corrections.merge_actors(ivanov, [other], user=editor, reason="same person")
    assert_current()
    from events.services.extraction import process_article

    process_article(Article.objects.select_related("issue").get())
    assert_current()
    delete_article(Article.objects.get(), user=editor, reason="gone")
    assert_current()
    assert happenings.rebuild() == 0


@pytest.mark.django_db
def test_rebuild_is_idempotent_and_equals_the_maintained_table():
    ru, kp = f.country("RU", "Russia"), f.country("KP", "North Korea")
    putin = f.actor("Vladimir Putin")
    th = f.thread(start=date(2001, 3, 12), end=date(2001, 3, 14))
    a = f.event(start=date(2001, 3, 12), thread_obj=th, countries=[ru], actors=[putin])
    f.event(start=date(2001, 3, 10), thread_obj=th, countries=[kp])
    lone = f.event(start=date(2001, 1, 5), countries=[ru])
    f.event(start=date(2001, 2, 1), hidden=True, countries=[kp])
    before = assert_current()
    # two happenings: the thread (its earliest mention represents it) and the lone mention; the hidden one none
    assert set(before) == {th.pk, -lone.pk}
    assert before[th.pk]["event_id"] != a.pk and before[th.pk]["country_ids"] == sorted([ru.pk, kp.pk])
    assert before[th.pk]["mentions"] == 2 and before[th.pk]["sort_date"] == date(2001, 3, 12)
    assert happenings.tallies()[("country", str(ru.pk))] == 2  # the thread and the lone mention
    assert happenings.rebuild() == 2 and happenings.rebuild() == 2
    assert happenings.table_rows() == before


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_the_table_as_it_was():
    f.event(start=date(2001, 1, 5))
    before = assert_current()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            f.event(start=date(2001, 2, 5))
            happenings.ensure_current()
            assert len(Happening.objects.all()) == 2
            raise RuntimeError("rolled back")
    assert happenings.table_rows() == before
    assert_current()


@pytest.mark.django_db(transaction=True)
def test_committed_writes_update_the_table_at_commit_without_any_reader():
    """Outside a test transaction every write commits: the deferred trigger (PostgreSQL) has recomputed the
    happenings by the time the write returns; SQLite recomputes at the next read (ensure_current)."""
    ru = f.country("RU", "Russia")
    th = f.thread(start=date(2001, 3, 12))
    event = f.event(start=date(2001, 3, 12), thread_obj=th, countries=[ru])
    Event.objects.filter(pk=event.pk).update(hidden=True)
    f.event(start=date(2001, 4, 1), thread_obj=th)
    from django.db import connection

    if connection.vendor == "postgresql":
        assert not HappeningDirty.objects.exists()
        rows = happenings.table_rows()
        assert rows == happenings.compute_rows() and rows[th.pk]["country_ids"] == []
    assert_current()
