"""Site-level views: the health endpoint and the error handler that answers 503 when the database is down."""
from __future__ import annotations

import logging
import sys
import time

from django import db
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error

logger = logging.getLogger("monitor.health")

def _outage_classes():
    classes = [db.OperationalError, db.InterfaceError]
    try:
        import psycopg

        classes += [psycopg.OperationalError, psycopg.InterfaceError]  # psycopg_pool.PoolTimeout is one
    except ImportError:  # SQLite-only installs
        pass
    return tuple(classes)


def is_database_outage(exc) -> bool:
    """True for errors that mean "no usable database connection" (refused, reset, timed out, pool
    exhausted), as opposed to a bug or bad SQL. Django re-raises psycopg's errors as django.db's."""
    return isinstance(exc, _outage_classes()) or isinstance(getattr(exc, "__cause__", None), _outage_classes())


def unavailable_response(request=None):
    # A plain template, no context processors and no base template: nothing in it may touch the database.
    body = loader.get_template("503.html").render({})
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def handler500(request, *args, **kwargs):
    """Django's 500 handler, but 503 Service Unavailable (with Retry-After) when the database is down.

    Called for an uncaught exception anywhere in the request (middleware included), inside the except
    block, so sys.exc_info() holds the exception.
    """
    exc = sys.exc_info()[1]
    if is_database_outage(exc):
        logger.warning("database unavailable: %s", str(exc).strip().splitlines()[0] if str(exc).strip() else exc,
                       extra={"path": getattr(request, "path", "")})
        # A request that failed mid-transaction leaves an unusable connection: drop it now so the next
        # request on this process starts with a fresh (health-checked) one.
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a dead connection may fail too
            pass
        return unavailable_response(request)
    return server_error(request, *args, **kwargs)


@never_cache
def healthz(request):
    """200 {"status": "ok"} when the database answers; 503 otherwise. For load balancers and systemd."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is "not healthy", with its reason
        logger.warning("health check failed: %s", exc)
        try:
            connection.close()
        except Exception:  # noqa: BLE001
            pass
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503,
                            headers={"Retry-After": "30"})
    return JsonResponse({"status": "ok", "database": "ok",
                         "database_ms": round((time.perf_counter() - started) * 1000, 1)})
