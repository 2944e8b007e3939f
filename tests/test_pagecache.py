"""The anonymous page cache: hits for repeated anonymous requests, a miss after any committed change
(whoever made it: the ORM, raw SQL, another process), never for editors, fragments kept apart."""
import os
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import version
from tests import factories

pytestmark = [
    pytest.mark.skipif(os.environ.get("MONITOR_TEST_DB", "postgres") == "sqlite",
                       reason="the data version lives in PostgreSQL"),
    # the version is bumped when a writing transaction commits: the test's writes must commit
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    version.forget()
    yield
    cache.clear()
    version.forget()


@pytest.fixture
def one_event():
    russia = factories.country("RU", "Russia")
    return factories.event(sentence="The envoy arrived on March 12 for the first round.", date_text="on March 12",
                           start=date(2001, 3, 12), summary="First round of talks", countries=[russia])


def test_second_anonymous_request_is_a_hit_without_page_queries(client, one_event):
    first = client.get("/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(ctx.captured_queries) == 0  # the data version itself was read less than a second ago


def test_a_committed_change_is_shown_at_once(client, one_event):
    assert b"First round of talks" in client.get(f"/events/{one_event.pk}/").content
    assert client.get("/")["X-Page-Cache"] == "miss"
    one_event.summary = "Second round of talks"
    one_event.save()  # autocommit: the trigger bumps the data version at commit
    version.forget()  # (a live process re-reads it within a second)
    response = client.get(f"/events/{one_event.pk}/")
    assert response["X-Page-Cache"] == "miss" and b"Second round of talks" in response.content
    assert b"Second round of talks" in client.get("/").content


def test_raw_sql_and_link_tables_bump_the_version(one_event):
    before = version.current(max_age=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_event_countries WHERE event_id = %s", [one_event.pk])
    assert version.current(max_age=0) > before


def test_a_rolled_back_write_or_a_read_changes_nothing(one_event):
    from django.db import transaction

    from events.models import Event

    before = version.current(max_age=0)
    list(Event.objects.all())
    with pytest.raises(RuntimeError), transaction.atomic():
        Event.objects.filter(pk=one_event.pk).update(summary="never committed")
        raise RuntimeError
    assert version.current(max_age=0) == before
    with transaction.atomic():  # many rows in one transaction: one bump
        for n in range(3):
            Event.objects.filter(pk=one_event.pk).update(summary=f"edit {n}")
    assert version.current(max_age=0) == before + 1


def test_htmx_fragment_and_full_page_are_cached_apart(client, one_event):
    full = client.get("/?country=RU")
    fragment = client.get("/?country=RU", HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER="filters")
    assert full["X-Page-Cache"] == fragment["X-Page-Cache"] == "miss"
    assert b"<html" in full.content and b"<html" not in fragment.content
    again = client.get("/?country=RU", HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER="filters")
    assert again["X-Page-Cache"] == "hit" and again.content == fragment.content
    assert again.get("HX-Push-Url") == fragment.get("HX-Push-Url")


def test_editors_and_exports_are_never_cached(client, admin_user, one_event):
    assert "X-Page-Cache" not in client.get("/export.csv")
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_not_found_is_not_cached(client, one_event):
    assert client.get("/events/999999999/").status_code == 404
    assert client.get("/events/999999999/").get("X-Page-Cache") == "miss"


def test_a_page_with_a_csrf_token_is_not_cached(rf, one_event):
    # A page that renders a CSRF token must reach each visitor with their own token and cookie.
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from pagecache.middleware import AnonymousPageCacheMiddleware

    def view(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    middleware = AnonymousPageCacheMiddleware(view)
    first = middleware(rf.get("/"))
    second = middleware(rf.get("/"))
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"


def test_rows_then_schema_in_one_transaction_is_allowed(one_event):
    # What a data migration followed by an index does: PostgreSQL refuses ALTER/CREATE INDEX on a table
    # with pending deferred trigger events, so the version's triggers on the pages' tables are not deferred.
    from django.db import transaction

    before = version.current(max_age=0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE events_actor SET description = description")
        cursor.execute("UPDATE events_event SET summary = summary WHERE id = %s", [one_event.pk])
        cursor.execute("CREATE INDEX test_pagecache_tmp_idx ON events_actor (description)")
        cursor.execute("CREATE INDEX test_pagecache_tmp_idx2 ON events_event (summary)")
        cursor.execute("DROP INDEX test_pagecache_tmp_idx")
        cursor.execute("DROP INDEX test_pagecache_tmp_idx2")
    assert version.current(max_age=0) == before + 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM monitor_data_dirty")
        assert cursor.fetchone()[0] == 0  # the commit-time trigger cleared its mark


def test_the_new_version_is_not_visible_before_the_change_is(one_event):
    # The commit-time trigger can be made to fire before the commit (SET CONSTRAINTS ALL IMMEDIATE): a
    # reader on another connection must still see the old version, since it cannot see the change yet;
    # otherwise a page rendered from the old rows would be cached under the new version (it was a
    # sequence, which is not transactional). After the commit both are visible together.
    import psycopg
    from django.db import transaction

    settings_dict = connection.settings_dict
    other = psycopg.connect(host=settings_dict["HOST"], port=settings_dict["PORT"], dbname=settings_dict["NAME"],
                            user=settings_dict["USER"], password=settings_dict["PASSWORD"] or None, autocommit=True)

    def seen():
        row = other.execute("SELECT n FROM monitor_data_version_row WHERE id = 1").fetchone()[0]
        summary = other.execute("SELECT summary FROM events_event WHERE id = %s", [one_event.pk]).fetchone()[0]
        return row, summary

    try:
        before, _ = seen()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE events_event SET summary = 'Changed' WHERE id = %s", [one_event.pk])
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the bump runs now, inside the transaction
            assert seen() == (before, "First round of talks")
        assert seen() == (before + 1, "Changed")
    finally:
        other.close()


def test_workers_share_pages_through_page_cache_dir(client, one_event, settings, tmp_path):
    """PAGE_CACHE_DIR: the page rendered by one worker is a hit in another (a file cache in one folder)."""
    import subprocess
    import sys

    from django.core.cache import caches
    from django.core.cache.backends.filebased import FileBasedCache

    folder = tmp_path / "pages"
    chosen = subprocess.run([sys.executable, "-c", "from monitor_site import settings as s; "
                             "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"],
                            env={**os.environ, "PAGE_CACHE_DIR": str(folder), "DEBUG": "1"},
                            capture_output=True, text=True, check=True).stdout.split()
    assert chosen == ["django.core.cache.backends.filebased.FileBasedCache", str(folder)]
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": chosen[0], "LOCATION": chosen[1]}}
    caches["default"].clear()
    assert client.get("/")["X-Page-Cache"] == "miss"
    other_worker = FileBasedCache(str(folder), {})  # another process's view of the same folder
    assert len([k for k in folder.iterdir()]) >= 1 and other_worker._list_cache_files()
    assert client.get("/")["X-Page-Cache"] == "hit"
