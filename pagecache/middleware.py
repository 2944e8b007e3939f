"""Whole-page cache for anonymous visitors (Django's cache framework), invalidated when data changes.

An anonymous GET of a public page (timeline, filtered timeline and its htmx fragments, event, article,
actor and country pages, the actor type-ahead) is answered from the cache when the same URL, with the same
htmx headers, was rendered since the data last changed. The key holds the data version
(pagecache/version.py: a PostgreSQL sequence bumped by triggers when any writer commits), so nothing is
ever served from before a change once the change is committed (the version is re-read at most once a
second per process). Requests with a session or messages cookie (editors, anyone logged in) and exports
are never cached; neither is a response that sets a cookie or is not a plain 200. While the database is
down, pages cached under the last version read are still served (no write can have happened meanwhile);
the rest get the 503 page.

Settings: PAGE_CACHE_SECONDS (0 turns the cache off; the test run turns it off unless a test turns it on),
CACHES["default"] (local memory per process by default).
"""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.urls import Resolver404, resolve

from . import version

CACHEABLE_VIEWS = {"events:timeline", "events:event", "events:article", "events:actor", "events:country",
                   "events:actor_suggest"}
# Request headers the views' output depends on (views.py varies on them).
VARY_HEADERS = ("HX-Request", "HX-History-Restore-Request", "HX-Trigger", "HX-Target", "HX-Boosted")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # maybe logged in, or a message to show: render for this visitor
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in CACHEABLE_VIEWS


def _key(request, data_version):
    parts = [request.method, request.get_host(), request.get_full_path()]
    parts += [request.headers.get(h, "") for h in VARY_HEADERS]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{data_version}:{digest}"


def _storable(request, response):
    """Whether a fresh response may be cached for every anonymous visitor of this URL."""
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not response.has_header("Set-Cookie") and "private" not in response.get("Cache-Control", "")
            # a page with a CSRF token: the outer CSRF middleware is about to set this visitor's cookie
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _served_during_outage(request, cache, exc):
    """The page cached under the last version read when the database is down (`exc`), else None.

    The database is down: nothing can have changed since the version this process read last, so a page
    cached under it is still the current page. Anything else: 503 (monitor_site.views).
    """
    from monitor_site.views import is_database_outage

    known = version.last_known()
    cached = cache.get(_key(request, known)) if known is not None and is_database_outage(exc) else None
    if cached is None:
        return None
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the connection is dead anyway
        pass
    cached["X-Page-Cache"] = "hit, database unavailable"
    return cached


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
        try:
            data_version = version.current()
        except Exception as exc:
            cached = _served_during_outage(request, cache, exc)
            if cached is None:
                raise
            return cached
        if data_version is None:
            return self.get_response(request)
        key = _key(request, data_version)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            cache.set(key, response, seconds)
        response["X-Page-Cache"] = "miss"
        return response
