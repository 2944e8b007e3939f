"""Search by happening (events/selectors/search.py matching_keys_sql) and the happenings' search documents that
answer it on PostgreSQL (events/services/happening_text.py), kept with the mentions in their transaction.

Run on both: `pytest tests/test_search_happenings.py` and `MONITOR_TEST_DB=sqlite pytest ...` (the document
tests are PostgreSQL's). Every sentence below is made up for these tests.
"""
from datetime import date

import pytest
from django.db import connection, transaction

from events.models import Article, Event, Thread
from events.selectors import happenings, search
from tests import factories as f

POSTGRES_ONLY = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the document table is PostgreSQL's")


def keys(query):
    return search.matching_keys(query, 1000)


def shown(client, query):
    """The happening count the timeline's heading shows for ?q=query."""
    import re

    body = client.get("/", {"q": query}).content.decode()
    return int(re.search(r'class="results-heading"[^>]*>(\d+) event', body).group(1))


@pytest.fixture
def summit(db):
    """A thread whose one mention speaks of talks and another of Moscow; and a lone mention with both."""
    thread = f.thread(title="Spring summit", start=date(2001, 3, 12))
    first = f.event(sentence="The two leaders will hold talks on March 12.", summary="leaders to hold talks",
                    thread_obj=thread)
    second = f.event(sentence="In Moscow on March 12 the delegations met again.", thread_obj=thread,
                     article_obj=f.article(body="Lead.", headline="Delegations return"))
    lone = f.event(sentence="Trade talks in Moscow open on March 12.", summary="trade talks")
    return {"thread": thread, "first": first, "second": second, "lone": lone}


def test_every_term_may_come_from_another_mention_of_the_happening(summit):
    # "talks" is in the thread's first mention, "Moscow" in its second: the happening holds both (the same unit
    # as the other filters: a happening matches "Russia and Kim" when one mention names each)
    assert keys("talks Moscow") == sorted([summit["thread"].pk, -summit["lone"].pk])
    assert keys("leaders delegations") == [summit["thread"].pk]  # a summary word and a headline word


def test_a_phrase_is_found_within_one_text_only(summit):
    # the first mention ends "... hold talks on March 12." and the second starts "In Moscow": the document keeps
    # its texts apart, so the phrase "talks in Moscow" finds only the lone mention that says it
    assert keys('"talks in Moscow"') == [-summit["lone"].pk]
    assert keys('"March 12 In Moscow"') == []
    assert keys('"hold talks"') == [summit["thread"].pk]


def test_prefixes_stems_and_hidden_mentions(summit):
    assert keys("deleg*") == [summit["thread"].pk]
    assert keys("talk") == sorted([summit["thread"].pk, -summit["lone"].pk])
    Event.objects.filter(pk=summit["first"].pk).update(hidden=True)  # the thread's only "talks"
    assert keys("talks") == [-summit["lone"].pk]


def test_the_timeline_counts_happenings_that_hold_every_term(client, summit):
    assert shown(client, "talks Moscow") == 2
    assert shown(client, '"talks in Moscow"') == 1
    body = client.get("/", {"q": "talks Moscow"}).content.decode()
    # each card shows its mention whose text holds the most terms: the thread's first (talks), the lone one (both)
    assert 'hold <mark class="hit">talks</mark> on March 12' in body
    assert '<mark class="hit">talks</mark> in <mark class="hit">Moscow</mark> open' in body


def test_best_matches_rank_the_exact_phrase_first(summit):
    query = search.parse("talks in Moscow")
    found = search.matching_happenings(happenings(), query)
    best = search.best_matches(found, query)
    assert [m.pk for _, m in best][0] == summit["lone"].pk
    assert {m.pk for _, m in best} == {summit["lone"].pk, summit["first"].pk}


def test_names_and_the_whole_name(db):
    kim = f.actor("Kim Jong-il")
    sergeev = f.actor("Igor Sergeev", aliases=["Sergeev"])
    thread = f.thread()
    f.event(sentence="The northern leader arrived on March 12.", actors=[kim], thread_obj=thread)
    f.event(sentence="He left for the border on March 12.", thread_obj=thread)
    other = f.event(sentence="The marshal spoke on March 12 about the border.", actors=[sergeev])
    assert keys("Kim Jong Il") == [thread.pk]  # the whole name, by name key
    assert keys("Sergeyev") == [-other.pk]  # a transliteration variant of an alias
    assert keys("Sergeyev border") == [-other.pk]  # a name term and a text term
    assert keys("Kim border") == [thread.pk]  # the name from one mention, the word from the other


# --- the documents, kept with the mentions ----------------------------------------------------------------------

def documents():
    """{key: document text} as stored."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, document::text FROM events_happeningtext ORDER BY key")
        return dict(cursor.fetchall())


def recomputed():
    """{key: document text} recomputed from scratch (in a savepoint that is rolled back)."""
    sid = transaction.savepoint()
    with connection.cursor() as cursor:
        cursor.execute("SELECT events_happeningtext_refresh(NULL)")
    out = documents()
    transaction.savepoint_rollback(sid)
    return out


def current():
    from events.services import happening_text

    happening_text.ensure_current()
    return documents()


@POSTGRES_ONLY
def test_documents_follow_every_kind_of_change(summit):
    """After each change the stored documents equal a recompute from the mentions, and the search finds the
    new words and no longer the old ones."""
    assert current() == recomputed() and len(current()) == 2
    first, lone, thread = summit["first"], summit["lone"], summit["thread"]

    first.summary = "leaders to sign an accord"  # an editor rewords a summary
    first.save()
    assert current() == recomputed()
    assert keys("accord") == [thread.pk] and keys("leaders sign") == [thread.pk]

    Article.objects.filter(pk=summit["second"].article_id).update(headline="Envoys quarrel")  # a headline
    assert current() == recomputed()
    assert keys("envoys") == [thread.pk] and keys("delegations return") == []

    Event.objects.filter(pk=lone.pk).update(thread=thread)  # a mention joins the thread
    assert current() == recomputed() and -lone.pk not in current()
    assert keys("trade") == [thread.pk]

    Event.objects.filter(pk=lone.pk).update(hidden=True)  # and is hidden
    assert current() == recomputed() and keys("trade") == []

    Thread.objects.filter(pk=thread.pk).delete()  # its mentions become lone happenings (thread set to NULL)
    assert current() == recomputed()
    assert keys("accord") == [-first.pk]

    Event.objects.filter(pk=first.pk).delete()
    assert current() == recomputed() and keys("accord") == []


@POSTGRES_ONLY
def test_the_search_uses_the_document_index(summit):
    sql, params = search.matching_keys_sql(search.parse("talks"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "happening_text_gin" in plan, plan


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_documents_are_recomputed_when_the_writing_transaction_commits():
    """Without any reader in the transaction: the deferred trigger recomputes at commit, and a rollback leaves
    nothing."""
    event = f.event(sentence="Grain deliveries resumed on March 12.")
    assert keys("grain") == [-event.pk]
    with transaction.atomic():
        Event.objects.filter(pk=event.pk).update(summary="rye shipments")
    assert keys("rye") == [-event.pk]
    with pytest.raises(RuntimeError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(summary="barley")
        raise RuntimeError
    assert keys("barley") == [] and keys("rye") == [-event.pk]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events_happeningtextdirty")
        assert cursor.fetchone()[0] == 0


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_numpy_counts_of_a_search_read_its_keys_once(client):
    """Outside a transaction the heading and facets are counted over the counts snapshot
    (selectors/facet_where.py), which reads the search's keys (base.in_subquery) in one statement, the actor
    terms' id lists included; the counts equal the SQL's."""
    from django.test.utils import CaptureQueriesContext

    from events.filters import TimelineFilter, filtered_happenings
    from events.selectors import facet_index

    sergeev = f.actor("Igor Sergeev", aliases=["Sergeev"])
    f.event(sentence="The marshal spoke on March 12 about the border.", actors=[sergeev])
    f.event(sentence="The border talks ended on March 12.")
    f.event(sentence="Nothing else happened on March 12.")
    for query, expected in (("Sergeyev border", 1), ("border", 2), ("talks", 1), ("Sergeyev", 1)):
        assert shown(client, query) == expected, query
        found = filtered_happenings(TimelineFilter({"q": query}, queryset=Event.objects.all()))
        with CaptureQueriesContext(connection) as queries:
            selection = facet_index.select(found)
        assert selection is not None and selection.count() == found.count() == expected, query
        assert sum("events_happeningtext" in q["sql"] for q in queries.captured_queries) == 1, query


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_a_batch_ingest_defers_the_documents_to_one_flush(tmp_path):
    """A batch ingest (happening_text.defer) only marks the documents as each article commits; they are
    recomputed once, at the end of the run (or by the next run's flush when one stopped), and a writer that
    does not defer still has its own documents recomputed at its commit meanwhile."""
    from events.services import happening_text
    from events.services.ingest import ingest_paths

    deferred = f.event(sentence="Grain deliveries resumed on March 12.")
    happening_text.defer(True)
    try:
        with transaction.atomic():
            Event.objects.filter(pk=deferred.pk).update(summary="rye shipments")
    finally:
        happening_text.defer(False)
    assert keys("rye") == []  # marked, not yet recomputed
    immediate = f.event(sentence="Oil exports fell on March 14.")
    assert keys("oil") == [-immediate.pk]  # a writer that does not defer: at its commit, as before
    assert keys("rye") == []
    assert happening_text.flush_deferred() == 1
    assert keys("rye") == [-deferred.pk]

    # the ingest command defers and flushes at its end: what it stored is found, nothing stays marked
    (tmp_path / "a.txt").write_text("Publication: Monitor Volume: 7 Issue: 30\nCotton talks\n\n"
                                    "Uzbek and Russian officials held cotton talks in Tashkent on Monday.\n")
    report = ingest_paths([tmp_path], progress=False)
    assert report.files[0].new == 1, report.files[0].errors
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events_happeningtextdirty")
        assert cursor.fetchone()[0] == 0
        # every visible mention's happening has its document (the ones this run stored included)
        cursor.execute("SELECT count(*) FROM events_event e WHERE NOT hidden AND NOT EXISTS "
                       "(SELECT 1 FROM events_happeningtext t WHERE t.key = COALESCE(e.thread_id, -e.id))")
        assert cursor.fetchone()[0] == 0
    stored = Event.objects.filter(article__headline="Cotton talks", hidden=False)
    assert all(e.thread_id or -e.pk in keys("cotton") for e in stored)
