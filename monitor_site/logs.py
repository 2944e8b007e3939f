"""Structured logs: one JSON object a line on stderr (journald keeps it; any log shipper parses it).

Every record has time (UTC, ISO 8601), level, logger and message; a request's records add method, path
and status; an exception adds its type and traceback. gunicorn's access log uses the same formatter
(deploy/gunicorn.conf.py), so web, worker and access lines are one format.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

# Attributes every LogRecord has; anything else was passed in `extra=` and is written as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class JsonFormatter(logging.Formatter):
    def format(self, record):
        out = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args  # gunicorn's access-log atoms: remote address, request line, status, ...
            out.update(remote=atoms.get("h"), method=atoms.get("m"), path=atoms.get("U"), query=atoms.get("q"),
                       status=_number(atoms.get("s")), bytes=_number(atoms.get("B")),
                       duration_ms=_number(atoms.get("M")), user_agent=atoms.get("a"))
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            out["method"] = request.method
            out["path"] = request.path
        for key, value in vars(record).items():
            if key in _STANDARD or key in out or key == "request":
                continue
            out[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        if record.exc_info:
            out["exc_type"] = record.exc_info[0].__name__
            out["traceback"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def logging_config(fmt: str, level: str) -> dict:
    formatter = {"()": "monitor_site.logs.JsonFormatter"} if fmt == "json" else {
        "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            # the project's own records (database outages, health checks, jobs) at LOG_LEVEL
            "monitor": {"handlers": ["console"], "level": level, "propagate": False},
            "events": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
