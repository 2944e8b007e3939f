"""Full-text search (events/selectors/search.py): one interface on PostgreSQL and SQLite.

Run on both: `pytest tests/test_search.py` (PostgreSQL) and `MONITOR_TEST_DB=sqlite pytest tests/test_search.py`.
Every sentence below is made up for these tests.
"""
from datetime import date
from pathlib import Path

import pytest

from events.selectors import search
from tests import factories as f

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "monitor"


def found(query):
    return set(search.matching_mentions(query).values_list("summary", flat=True))


@pytest.fixture
def world(db):
    ru = f.country("RU", "Russia")
    sergeev = f.actor("Igor Sergeev", aliases=["Sergeev"])
    kim = f.actor("Kim Jong-il")
    f.event(summary="talks", sentence="The two ministers will hold talks in Moscow on March 12.", countries=[ru])
    f.event(summary="scattered", sentence="Moscow said on March 12 that the talks were useful.")
    f.event(summary="kim", sentence="The northern leader is expected on March 12.", actors=[kim])
    f.event(summary="sergeev", sentence="The marshal flew south on March 12.", actors=[sergeev])
    f.event(summary="headline", sentence="Nothing of note happened on March 12.",
            article_obj=f.article(body="Lead.", headline="Caspian pipeline quarrel"))
    f.event(summary="hidden talks", sentence="Secret talks in Moscow on March 12.", hidden=True)
    return locals()


def test_words_are_stemmed_and_found_in_any_order(world):
    # "talks Moscow": both words, not as one substring; "talk" finds "talks" (stemming)
    assert found("talks Moscow") == {"talks", "scattered"}
    assert found("talk moscow") == {"talks", "scattered"}


def test_phrases_and_prefixes(world):
    assert found('"talks in Moscow"') == {"talks"}
    assert found("pipel*") == {"headline"}
    assert found("mosc*") == {"talks", "scattered"}


def test_actor_names_with_transliteration_variants(world):
    assert found("Kim Jong Il") == {"kim"}
    assert found('"Kim Jong Il"') == {"kim"}
    assert found("Sergeyev") == {"sergeev"}
    assert search.name_key("Sergeyev") == search.name_key("Sergeev")
    assert search.name_key("Kim Jong-il") == search.name_key("Kim Jong Il")


def test_headlines_are_searched(world):
    assert found("caspian") == {"headline"}


def test_exact_phrase_ranks_first(world):
    from events.selectors import visible_events

    best = search.best_matches(visible_events(), "talks in Moscow")
    assert [m.summary for _, m in best] == ["talks", "scattered"]


def test_hits_are_highlighted_and_escaped():
    html = search.highlight("<b>Talks</b> in Moscow & more", search.parse("talk moscow"))
    assert html == '&lt;b&gt;<mark class="hit">Talks</mark>&lt;/b&gt; in <mark class="hit">Moscow</mark> &amp; more'


@pytest.mark.parametrize("query", [
    '"', '"""', 'talks"', '"unclosed phrase', "AND OR NOT", "NEAR(a b)", "a:* | !b & (c", "-talks", "*", "'; DROP",
    "x" * 10_000, "talks\x00moscow", "\x00", "    ", "the", "tal* mosc*", "ü∂ƒ©", "a AND b OR c", "col:word",
    "^start", "{a b}", "a+b", "@@", "talks <-> moscow",
])
def test_hostile_queries_never_error(client, world, query):
    search.matching_mentions(query).count()
    response = client.get("/", {"q": query})
    assert response.status_code == 200


def test_search_results_show_the_matching_sentence_highlighted(client, world):
    body = client.get("/", {"q": "talks Moscow"}).content.decode()
    assert 'hold <mark class="hit">talks</mark> in <mark class="hit">Moscow</mark>' in body
    assert "Best matches" in body
    assert "2 events match" in body


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder not present")
@pytest.mark.django_db
def test_the_corpus_queries_of_issue_12():
    from events.services.ingest import ingest_paths

    ingest_paths([CORPUS], progress=False)
    # Each of these names or words occurs in a corpus sentence that the extraction keeps as an event (the
    # corpus speaks of talks held in Moscow, of Kim Jong-il with a hyphen, and of Igor Sergeev spelled -eev).
    for query in ("talks Moscow", "Kim Jong Il", "Sergeyev"):
        assert search.matching_mentions(query).exists(), query
        # and the happenings of those mentions, as the timeline searches (by happening)
        mentions = search.matching_mentions(query).values_list("thread_id", "id")
        assert set(search.matching_keys(query, 1000)) >= {thread or -pk for thread, pk in mentions}, query
    from events.selectors import visible_events

    best = search.best_matches(visible_events(), "talks in Moscow")
    assert best and "talks in moscow" in " ".join(best[0][1].sentence.lower().split())


@pytest.mark.django_db
def test_postgresql_search_can_use_the_gin_index():
    """The query's expression is the index's (migration 0009): with sequential scans off, the plan uses it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (SQLite uses its FTS5 table)")
    sql, params = search._text_ids(search.parse("talks").terms[0]).as_sql(None, connection)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "event_fulltext_idx" in plan, plan


@pytest.mark.parametrize("query", ["talks", "talk*", "Sergeyev", "Caspian", "moscow", "\"hold talks\"", "talks Moscow",
                                   "Kim Jong Il", "nothing-matches-this", "!!!"])
def test_matching_keys_are_the_happenings_of_the_matching_mentions(world, query):
    """matching_keys (by happening: the search documents on PostgreSQL, FTS5 per term on SQLite): every mention of
    this fixture is its own happening, so the same happenings as the keys of matching_mentions (by mention),
    hidden mentions left out, at most limit + 1 of them."""
    from events.models import Event

    mentions = search.matching_mentions(query).values_list("thread_id", "id")
    expected = sorted({thread or -pk for thread, pk in mentions})
    assert search.matching_keys(query, 100) == expected
    assert len(search.matching_keys(query, 0)) == min(len(expected), 1)
    hidden = Event.objects.get(summary="hidden talks")
    assert -hidden.pk not in search.matching_keys("talks", 100)
