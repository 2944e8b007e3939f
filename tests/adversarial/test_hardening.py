"""Issue 14, findings 7-9 (the parts owned here): login throttling, a body limit before the body is read,
Content-Security-Policy, and no 500 for hostile paths and parameters (staff pages included)."""
import io
import re
from pathlib import Path

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client

from events.models import Article
from tests.test_corrections import make_editor, make_event

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-passphrase"


def test_fifty_wrong_passwords_then_the_right_one_is_refused():
    make_editor("victim")
    client = Client(REMOTE_ADDR="198.51.100.7")
    for attempt in range(50):
        client.post("/admin/login/?next=/admin/", {"username": "victim", "password": f"guess-{attempt}"})
    response = client.post("/admin/login/?next=/admin/", {"username": "victim", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not logged in
    # The lock is on (user name, address): the editor can still log in from elsewhere; nobody can lock
    # an editor out of the site from their own address.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post("/admin/login/?next=/admin/", {"username": "victim", "password": PASSWORD}).status_code == 302
    assert "_auth_user_id" in other.session


class ExplodingInput(io.RawIOBase):
    """A request body that must never be read."""

    read_calls = 0

    def read(self, *args):
        ExplodingInput.read_calls += 1
        raise AssertionError("the body was read")

    readline = read


def _wsgi(path, length, method="POST", cookie=""):
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "localhost",
        "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": ExplodingInput(),
        "wsgi.errors": io.StringIO(), "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(length), "HTTP_HOST": "localhost", "HTTP_COOKIE": cookie,
    }
    status = {}

    def start_response(line, headers, exc_info=None):
        status["line"], status["headers"] = line, dict(headers)

    # As django.test.Client does: the end of the request must not close the test's database connection.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = b"".join(WSGIHandler()(environ, start_response))
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)
    return int(status["line"].split()[0]), status["headers"], body


def test_anonymous_300mb_post_to_import_is_refused_before_the_body_is_read():
    ExplodingInput.read_calls = 0
    code, headers, _ = _wsgi("/editor/import/", 300 * 1024 * 1024)
    assert code == 302 and "/admin/login/" in headers["Location"]
    assert ExplodingInput.read_calls == 0 and Article.objects.count() == 0
    # Anywhere else an anonymous body over 64 KB is a 413, unread.
    code, _, _ = _wsgi("/admin/login/", 300 * 1024 * 1024)
    assert code == 413 and ExplodingInput.read_calls == 0


def test_staff_body_over_the_import_limit_is_refused_unread(client):
    client.force_login(make_editor())
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    code, _, body = _wsgi("/editor/import/", 200 * 1024 * 1024, cookie=cookie)
    assert code == 413 and b"limit" in body and ExplodingInput.read_calls == 0


def test_content_security_policy_is_strict_on_public_and_staff_pages(client):
    for url in ["/", "/admin/login/"]:
        policy = client.get(url).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_script_style_or_event_handler():
    offenders = []
    for path in (REPO / "templates").rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle=", r"\son[a-z]+=\"", r"javascript:"):
            offenders += [f"{path.relative_to(REPO)}: {m.group()}" for m in re.finditer(pattern, text)]
    assert offenders == []


HOSTILE_URLS = [
    "/countries/RU%00/", "/countries/%00/", "/?actor=%00", "/?q=%00abc", "/?country=RU%00",
    "/events/1%00/", "/articles/%00/", "/actors/suggest?q=%00",
    "/admin/events/event/abc/revert/1/", "/admin/events/event/abc/history/", "/admin/events/event/1x/history/",
    "/admin/events/issue/abc/history/", "/admin/events/thread/abc/history/", "/admin/events/actor/x/history/",
    "/admin/events/country/%20/history/", "/admin/events/topic/abc/history/1/",
    "/admin/events/event/?status=%00", "/admin/events/event/?q=%00", "/admin/events/event/?article__id__exact=%00",
    "/admin/events/event/?article__issue__id__exact=abc", "/admin/events/event/?confidence=%00",
    "/admin/events/event/?o=%00", "/admin/events/article/?q=%00", "/admin/events/issue/?volume=%00",
    "/editor/review/?threshold=%00", "/editor/parse-date/?event=%00&text=x", "/editor/parse-date/?event=1&text=%00",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_no_500_for_hostile_paths_and_parameters_staff_included(url):
    make_event()
    client = Client(raise_request_exception=False)
    client.force_login(make_editor())
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    anonymous = Client(raise_request_exception=False).get(url)
    assert anonymous.status_code < 500, (url, anonymous.status_code)
