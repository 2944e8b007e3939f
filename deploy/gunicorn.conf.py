"""gunicorn settings for Monitor Timeline (deploy/monitor-web.service runs `gunicorn -c deploy/gunicorn.conf.py`).

Environment: GUNICORN_BIND (default 127.0.0.1:8000: only the TLS proxy on this host talks to it),
WEB_CONCURRENCY (workers, default 3: about 2 per core plus one on these 2-core machines), GUNICORN_TIMEOUT.
Access and error logs go to stderr as JSON lines (monitor_site/logs.py), like the application's.
"""
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"  # one request at a time per worker; the database pool serves that one request
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows unbounded.
max_requests = 5000
max_requests_jitter = 500
# No preload: each worker opens its own database pool after the fork (pools run threads).
preload_app = False
# Only the local proxy may set X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket: it would be $HOME/.gunicorn/gunicorn.ctl, on a read-only home under the unit's
# ProtectSystem=strict, and shared by every gunicorn of the same user (the tests start several).
control_socket_disable = True
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "monitor_site.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
