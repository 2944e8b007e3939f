"""The staff pages: import and review queue, and access rules for everything editors use."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from events.forms import MAX_UPLOAD_BYTES
from events.models import Actor, Article, Country, Issue
from tests.test_corrections import make_article, make_editor, make_event, make_issue

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / ".." / "shared" / "corpus" / "monitor"


def corpus_file(index=0):
    return sorted(CORPUS.glob("*.txt"))[index]


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


# ---------------------------------------------------------------------------------------------
# import
# ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_import_page_new_unchanged_and_failed_files(editor_client):
    url = reverse("editor:import")
    page = editor_client.get(url)
    assert page.status_code == 200 and b'type="file"' in page.content and b"multiple" in page.content
    first, second = corpus_file(0), corpus_file(1)
    response = editor_client.post(url, {"files": [
        SimpleUploadedFile(first.name, first.read_bytes(), "text/plain"),
        SimpleUploadedFile(second.name, second.read_bytes(), "text/plain"),
        SimpleUploadedFile("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image/png"),
    ]})
    assert response.status_code == 200
    results = {r.name: r for r in response.context["results"]}
    assert results[first.name].status == "new" and results[second.name].status == "new"
    assert results["picture.png"].status == "failed"
    assert "not text" in " ".join(results["picture.png"].messages)
    assert Article.objects.count() == 2
    text = response.content.decode()
    assert "2 new, 0 unchanged, 1 failed" in text and "picture.png" in text
    # the same file again: unchanged, nothing new stored
    again = editor_client.post(url, {"files": [SimpleUploadedFile(first.name, first.read_bytes())]})
    assert [r.status for r in again.context["results"]] == ["unchanged"]
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_import_refuses_an_oversized_file_with_a_clear_message_and_keeps_the_others(editor_client):
    big = SimpleUploadedFile("big.txt", b"Publication: Monitor Volume: 7 Issue: 1\n\n" + b"a " * MAX_UPLOAD_BYTES)
    ok = corpus_file(2)
    response = editor_client.post(reverse("editor:import"), {"files": [big, SimpleUploadedFile(ok.name, ok.read_bytes())]})
    results = {r.name: r for r in response.context["results"]}
    assert results["big.txt"].status == "failed"
    assert "too large" in results["big.txt"].messages[0] and "limit is 1.0 MB" in results["big.txt"].messages[0]
    assert results[ok.name].status == "new"
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_file_fails_alone_and_the_others_are_stored(editor_client):
    ok = corpus_file(3)
    response = editor_client.post(reverse("editor:import"), {"files": [
        SimpleUploadedFile("empty.txt", b"", "text/plain"), SimpleUploadedFile(ok.name, ok.read_bytes())]})
    assert response.status_code == 200
    results = {r.name: r for r in response.context["results"]}
    assert results["empty.txt"].status == "failed" and "empty" in results["empty.txt"].messages[0]
    assert results[ok.name].status == "new" and Article.objects.count() == 1


@pytest.mark.django_db
def test_import_without_files_is_a_form_error(editor_client):
    response = editor_client.post(reverse("editor:import"), {})
    assert response.status_code == 400 and response.context["form"].errors["files"]
    assert Issue.objects.count() == 0


@pytest.mark.django_db
def test_uploaded_text_is_escaped(editor_client):
    name = "x<img src=x onerror=alert(1)>.txt"
    response = editor_client.post(reverse("editor:import"), {"files": [SimpleUploadedFile(name, b"no header here\n")]})
    text = response.content.decode()
    assert "<img src=x onerror" not in text and "x&lt;img src=x onerror=alert(1)&gt;.txt" in text


# ---------------------------------------------------------------------------------------------
# review queue
# ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_review_queue_lists_doubtful_rows_with_admin_links(editor_client):
    doubtful = make_issue(volume=7, number=5, date_confidence=0.3)
    make_issue(volume=7, number=6, date_confidence=0.95)
    article = make_article(doubtful)
    low = make_event(article, key="low", confidence=0.2, summary="low-confidence")
    make_event(article, key="high", confidence=0.9, summary="sure").countries.add(Country.objects.get(code="RU"))
    hidden = make_event(article, key="hidden", confidence=0.1, hidden=True, summary="hidden one")
    fixed = make_event(article, key="fixed", confidence=0.2, summary="already corrected")
    from events.services.corrections import correct_event, set_event_date

    set_event_date(fixed, "late December 2000")
    fixed.countries.add(Country.objects.get(code="US"))
    correct_event(fixed, {"countries": []})  # the editor says: no country
    actor = Actor.objects.create(name="Somebody Unknown", needs_review=True)
    response = editor_client.get(reverse("editor:review"))
    assert response.status_code == 200
    sections = {s["key"]: s for s in response.context["sections"]}
    assert [i.pk for i in sections["issues"]["rows"]] == [doubtful.pk]
    assert [e.pk for e in sections["events"]["rows"]] == [low.pk]
    assert [a.pk for a in sections["actors"]["rows"]] == [actor.pk]
    assert low.pk in [e.pk for e in sections["no_country"]["rows"]]
    assert hidden.pk not in [e.pk for e in sections["no_country"]["rows"]]
    assert fixed.pk not in [e.pk for e in sections["no_country"]["rows"]]
    text = response.content.decode()
    for link in (reverse("admin:events_issue_change", args=[doubtful.pk]),
                 reverse("admin:events_event_change", args=[low.pk]),
                 reverse("admin:events_actor_change", args=[actor.pk])):
        assert f'href="{link}"' in text
    # a higher threshold brings the other issue in
    wider = editor_client.get(reverse("editor:review"), {"threshold": "0.99"})
    assert len({s["key"]: s for s in wider.context["sections"]}["issues"]["rows"]) == 2


# ---------------------------------------------------------------------------------------------
# access and CSRF
# ---------------------------------------------------------------------------------------------

STAFF_URLS = ["editor:import", "editor:review", "admin:index", "admin:events_event_changelist"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_URLS)
def test_anonymous_users_are_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login")) and "next=" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_URLS)
def test_non_staff_users_are_sent_to_log_in_too(client, name):
    user = get_user_model().objects.create_user("reader", "r@example.org", "a-long-test-passphrase")
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_staff_without_permissions_are_refused_and_with_them_admitted(client):
    staff = make_editor("staffer", superuser=False)
    client.force_login(staff)
    assert client.get(reverse("editor:import")).status_code == 403
    assert client.get(reverse("editor:review")).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="add_article"),
                               Permission.objects.get(codename="view_event"))
    client.force_login(get_user_model().objects.get(pk=staff.pk))
    assert client.get(reverse("editor:import")).status_code == 200
    assert client.get(reverse("editor:review")).status_code == 200


@pytest.mark.django_db
def test_anonymous_post_to_import_stores_nothing(client):
    f = corpus_file(0)
    response = client.post(reverse("editor:import"), {"files": [SimpleUploadedFile(f.name, f.read_bytes())]})
    assert response.status_code == 302 and Article.objects.count() == 0


@pytest.mark.django_db
def test_posts_without_a_csrf_token_are_refused():
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(make_editor())
    f = corpus_file(0)
    response = csrf_client.post(reverse("editor:import"), {"files": [SimpleUploadedFile(f.name, f.read_bytes())]})
    assert response.status_code == 403 and Article.objects.count() == 0
    event = make_event()
    response = csrf_client.post(reverse("admin:events_event_changelist"),
                                {"action": "mark_not_event", "_selected_action": [event.pk]})
    assert response.status_code == 403
    record = event.history.latest()
    response = csrf_client.post(reverse("admin:events_event_revert", args=[event.pk, record.history_id]), {})
    assert response.status_code == 403
    event.refresh_from_db()
    assert not event.hidden
    # with the token from the page, the same form works
    page = csrf_client.get(reverse("editor:import"))
    token = page.context["csrf_token"]
    ok = csrf_client.post(reverse("editor:import"), {"csrfmiddlewaretoken": str(token),
                                                     "files": [SimpleUploadedFile(f.name, f.read_bytes())]})
    assert ok.status_code == 200 and Article.objects.count() >= 1


def test_check_deploy_is_clean_with_production_settings():
    # A production environment: nothing of the test run's (DEBUG, insecure-HTTP switches,
    # DJANGO_ALLOW_ASYNC_UNSAFE that browser tests set) leaks in.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    env.update(SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="timeline.example.org",
               DJANGO_SETTINGS_MODULE="monitor_site.settings")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_import_report_shows_the_calendar_warnings_of_the_uploaded_issues(editor_client):
    # Vol 9 is 2003, which has 261 weekdays: an issue numbered 300 fits no publication calendar. The fit
    # after the upload warns on the issue; the editor who uploaded it must read that on the import report,
    # as `manage.py ingest` prints it as "calendar warning: ...".
    text = ("Publication: Monitor Volume: 9 Issue: 3\n\nTalks\n\nThe sides met (Reuters, January 3).\n\n"
            "Publication: Monitor Volume: 9 Issue: 300\n\nLate\n\nA short note on nothing in particular.\n")
    response = editor_client.post(reverse("editor:import"),
                                  {"files": [SimpleUploadedFile("late.txt", text.encode(), "text/plain")]})
    assert response.status_code == 200
    result = response.context["results"][0]
    assert result.status == "new"
    warning = next(w for w in result.warnings if w.startswith("calendar: ") and "No 300" in w)
    assert "Vol 9 No 300" in warning and "beyond the 261 weekdays of 2003" in warning
    assert "beyond the 261 weekdays of 2003" in response.content.decode()
