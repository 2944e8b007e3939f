"""Issue 14: property-based fuzzing (Hypothesis) of the ingest parser, the ingest service and the timeline's query
parameters, with a fixed budget for CI (derandomized: the same examples every run; about a minute in all on a
quiet machine). scripts/fuzz.py runs the issue's full 10,000 files and 10,000 query strings.

Properties: the parser never raises anything but ArticleFileError and gives back every good article exactly
(nothing good lost); ingest never lets an exception out, never leaves a half-stored article, and stores what
the parser read; no query string gives a 500.
"""
import random

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.extraction.articles import ArticleFileError, parse_article_bytes
from events.models import Article, Event, Issue
from events.services.ingest import ingest_text
from tests.adversarial.fuzzgen import make_file, make_query, mutate
from tests.adversarial.samples import BODY_A, BODY_B, article_text

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
CI = dict(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)


@settings(max_examples=400, **CI)
@given(SEEDS)
def test_parser_reads_every_good_article_of_a_damaged_file(seed):
    data, expected, encoding = make_file(random.Random(seed))
    parsed = parse_article_bytes("fuzz.txt", data)
    got = [(a.volume, a.number, a.headline, a.body) for a in parsed.articles]
    assert got == expected, (encoding, parsed.warnings, parsed.failures)


@settings(max_examples=400, **CI)
@given(SEEDS)
def test_parser_never_crashes_on_mutated_bytes(seed):
    rng = random.Random(seed)
    data = mutate(rng, make_file(rng)[0])
    try:
        parsed = parse_article_bytes("fuzz.txt", data)
    except ArticleFileError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    for article in parsed.articles:
        assert article.body and article.body == article.body.rstrip() and "\x00" not in article.body
    for failure in parsed.failures:
        assert failure.startswith("line ")


@pytest.mark.django_db
@settings(max_examples=30, **CI)
@given(SEEDS)
def test_ingest_stores_whole_articles_or_nothing(seed):
    rng = random.Random(seed)
    data, expected, _ = make_file(rng)
    if rng.random() < 0.5:
        data = mutate(rng, data)
    try:
        parsed = parse_article_bytes("fuzz.txt", data)
        readable = {(a.volume, a.number, a.headline, a.body) for a in parsed.articles}
    except ArticleFileError:
        readable = set()
    report = ingest_text("fuzz.txt", data)
    [result] = report.files
    stored = set(Article.objects.values_list("issue__volume", "issue__number", "headline", "body"))
    # Every readable article is stored (or is a version of another in the same file, or stored before).
    assert result.new + result.versions + result.unchanged + result.failed >= len(readable) or result.failed
    assert readable <= stored or result.versions or result.failed
    # Nothing half-stored: every article processed, every event belongs to a stored article.
    assert not Article.objects.filter(processed_at=None).exists()
    assert not Event.objects.exclude(article__in=Article.objects.all()).exists()
    assert not Issue.objects.filter(articles=None).exists() or result.failed == 0
    Event.objects.all().delete()
    Article.objects.all().delete()
    Issue.objects.all().delete()


@pytest.fixture
def stocked(db):
    ingest_text("a.txt", article_text(50, BODY_A).encode())
    ingest_text("b.txt", article_text(51, BODY_B).encode())


@pytest.mark.django_db
@settings(max_examples=250, **CI)
@given(SEEDS)
def test_no_query_string_gives_a_500(stocked, seed):
    rng = random.Random(seed)
    client = Client(raise_request_exception=False)
    query = make_query(rng)
    path = rng.choice(["/", "/", "/", "/actors/suggest", "/countries/RU/", "/countries/x%00/", "/export.json"])
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.status_code)


ADMIN_PATHS = ["/admin/events/event/", "/admin/events/article/", "/admin/events/issue/", "/admin/events/thread/",
               "/admin/events/actor/", "/admin/events/country/", "/admin/events/import/", "/editor/review/",
               "/admin/events/event/{id}/history/", "/admin/events/event/{id}/change/", "/editor/parse-date/"]
ADMIN_PARAMS = ["q", "o", "p", "article", "issue", "status__exact", "hidden__exact", "corrected", "confidence",
                "has_country", "countries__id__exact", "article__issue__volume", "needs_review__exact", "event",
                "text", "threshold", "date__gte", "undone_at__isnull", "all", "_popup", "e"]


@pytest.mark.django_db
@settings(max_examples=120, **CI)
@given(SEEDS)
def test_no_staff_page_gives_a_500(stocked, seed):
    from tests.adversarial.fuzzgen import VALUES
    from tests.test_corrections import make_editor
    from django.contrib.auth import get_user_model

    rng = random.Random(seed)
    user = get_user_model().objects.filter(username="fuzzer").first() or make_editor("fuzzer")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    ids = list(Event.objects.values_list("pk", flat=True)) + ["abc", "0", "%00", "99999999999999999999"]
    path = rng.choice(ADMIN_PATHS).format(id=rng.choice(ids))
    query = "&".join(f"{rng.choice(ADMIN_PARAMS)}={rng.choice(VALUES)}" for _ in range(rng.randint(0, 4)))
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.status_code)
