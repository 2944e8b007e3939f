"""The editors' admin, driven through the real admin views."""
from datetime import date

import pytest
from django.urls import reverse

from events.models import Actor, ActorAlias, Article, Country, Event, Issue, Thread, Topic
from tests.test_corrections import make_article, make_editor, make_event, make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = make_editor()
    client.force_login(editor)
    client.editor = editor
    return client


def event_form_data(event, **overrides):
    data = {
        "date_entry": "",
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "granularity": event.granularity,
        "event_type": event.event_type,
        "status": event.status,
        "summary": event.summary,
        "actors": [a.pk for a in event.actors.all()],
        "countries": [c.pk for c in event.countries.all()],
        "topics": [t.pk for t in event.topics.all()],
        "thread": event.thread_id or "",
        "change_reason": "a test reason",  # required (issue 14)
    }
    if event.hidden:
        data["hidden"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("model", ["issue", "article", "thread", "event", "actor", "country", "topic"])
def test_every_changelist_and_its_filters_and_search_load(editor_client, model):
    event = make_event()
    event.countries.add(Country.objects.get(code="IR"))
    Thread.objects.create(title="Talks", event_type="meeting", status="occurred", date_start=date(2000, 12, 28),
                          date_end=date(2000, 12, 28), granularity="day")
    Topic.objects.get_or_create(name="Nuclear", defaults={"slug": "nuclear"})
    url = reverse(f"admin:events_{model}_changelist")
    assert editor_client.get(url).status_code == 200
    assert editor_client.get(url, {"q": "Iran"}).status_code == 200


@pytest.mark.parametrize("query, expected", [
    ({"corrected": "yes"}, {"corrected"}),
    ({"corrected": "no"}, {"plain", "hidden", "flagged"}),
    ({"hidden__exact": "1"}, {"hidden"}),
    ({"actors_review": "yes"}, {"flagged"}),
    ({"has_country": "no"}, {"plain", "hidden", "flagged"}),
    ({"has_country": "yes"}, {"corrected"}),
    ({"actors_review": "no"}, {"plain", "hidden", "corrected"}),
    ({"status__exact": "planned"}, {"corrected"}),
    ({"event_type__exact": "visit"}, {"flagged"}),
])
def test_event_list_filters(editor_client, query, expected):
    article = make_article()
    make_event(article, key="plain", summary="plain")
    make_event(article, key="hidden", summary="hidden", hidden=True)
    flagged = make_event(article, key="flagged", summary="flagged", event_type="visit")
    flagged.actors.add(Actor.objects.create(name="Unknown Person", needs_review=True))
    corrected = make_event(article, key="corrected", summary="corrected")
    from events.services.corrections import correct_event

    correct_event(corrected, {"status": "planned", "countries": [Country.objects.get(code="RU")]})
    response = editor_client.get(reverse("admin:events_event_changelist"), query)
    assert response.status_code == 200
    shown = {e.summary for e in response.context["cl"].result_list}
    assert shown == expected


def test_has_events_filter_on_actors(editor_client):
    event = make_event()
    named = Actor.objects.create(name="Named Person")
    Actor.objects.create(name="Idle Person")
    event.actors.add(named)
    url = reverse("admin:events_actor_changelist")
    shown = {a.name for a in editor_client.get(url, {"has_events": "yes"}).context["cl"].result_list}
    assert "Named Person" in shown and "Idle Person" not in shown
    # Searched by "Person": the gazetteer's 461 actors without events fill more than one changelist page.
    shown = {a.name for a in editor_client.get(url, {"has_events": "no", "q": "Person"}).context["cl"].result_list}
    assert "Idle Person" in shown and "Named Person" not in shown



def test_correcting_an_event_in_the_admin_by_date_text(editor_client):
    event = make_event()
    url = reverse("admin:events_event_change", args=[event.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, event_form_data(event, date_entry="late January 2001",
                                                       change_reason="the visit was postponed"), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "21 Jan 2001 – 31 Jan 2001 (month)" in text  # the interval it became
    event.refresh_from_db()
    assert (event.date_start, event.date_end, event.granularity) == (date(2001, 1, 21), date(2001, 1, 31), "month")
    assert event.corrected_fields == ["date_start", "date_end", "granularity"]
    record = event.history.latest()
    assert record.history_user == editor_client.editor
    assert record.history_change_reason == "the visit was postponed"
    # the change page shows the current interval
    assert "21 Jan 2001 – 31 Jan 2001 (month)" in editor_client.get(url).content.decode()


def test_an_unparseable_date_text_is_a_form_error(editor_client):
    event = make_event()
    url = reverse("admin:events_event_change", args=[event.pk])
    response = editor_client.post(url, event_form_data(event, date_entry="sometime soonish"))
    assert response.status_code == 200  # the form again, not a redirect
    assert "date_entry" in response.context["adminform"].form.errors
    assert "Could not read" in response.content.decode()
    event.refresh_from_db()
    assert event.date_start == date(2000, 12, 28) and event.corrected_fields == []


def test_explicit_start_and_end_and_m2m_in_the_admin(editor_client):
    event = make_event()
    iran = Country.objects.get(code="IR")
    url = reverse("admin:events_event_change", args=[event.pk])
    editor_client.post(url, event_form_data(event, date_start="2000-12-27", date_end="2000-12-28",
                                            countries=[iran.pk]))
    event.refresh_from_db()
    assert (event.date_start, event.date_end) == (date(2000, 12, 27), date(2000, 12, 28))
    assert list(event.countries.all()) == [iran]
    assert set(event.corrected_fields) == {"date_start", "date_end", "granularity", "countries"}
    assert event.history.count() == 2  # one record for the whole correction
    response = editor_client.post(url, event_form_data(event, date_start="2000-12-29", date_end="2000-12-28"))
    assert response.status_code == 200 and "date_end" in response.context["adminform"].form.errors


def test_history_page_lists_changes_and_reverting_from_it(editor_client):
    event = make_event()
    url = reverse("admin:events_event_change", args=[event.pk])
    editor_client.post(url, event_form_data(event, status="planned", change_reason="announced only"))
    history = editor_client.get(reverse("admin:events_event_history", args=[event.pk]))
    text = history.content.decode()
    assert history.status_code == 200 and "announced only" in text and "Revert this change" in text
    record = event.history.latest()
    revert_url = reverse("admin:events_event_revert", args=[event.pk, record.history_id])
    page = editor_client.get(revert_url)
    assert page.status_code == 200 and "planned" in page.content.decode()
    response = editor_client.post(revert_url, {"reason": "it did happen"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "occurred" and event.corrected_fields == []
    assert "it did happen" in event.history.latest().history_change_reason


def test_revert_page_names_the_m2m_values(editor_client):
    event = make_event()
    russia, iran = Country.objects.get(code="RU"), Country.objects.get(code="IR")
    event.countries.add(russia)
    from events.services.corrections import correct_event

    correct_event(event, {"countries": [iran]}, user=editor_client.editor, reason="Iran, not Russia")
    record = event.history.latest()
    page = editor_client.get(reverse("admin:events_event_revert", args=[event.pk, record.history_id]))
    changes = page.context["changes"]
    assert changes == [{"field": "countries", "old": "Russia", "new": "Iran"}]


def test_actions_not_an_event_and_revert_latest(editor_client):
    a, b = make_event(key="a"), make_event(make_article(n=2), key="b")
    changelist = reverse("admin:events_event_changelist")
    editor_client.post(changelist, {"action": "mark_not_event", "_selected_action": [a.pk, b.pk]})
    a.refresh_from_db(), b.refresh_from_db()
    assert a.hidden and b.hidden and a.corrected_fields == ["hidden"]
    editor_client.post(changelist, {"action": "revert_latest", "_selected_action": [a.pk]})
    a.refresh_from_db()
    assert not a.hidden and a.corrected_fields == []


def test_merge_actors_action(editor_client):
    keep = Actor.objects.create(name="Igor Sergeyev Test")
    dup = Actor.objects.create(name="Sergeev Test", needs_review=True)
    event = make_event()
    event.actors.add(dup)
    changelist = reverse("admin:events_actor_changelist")
    page = editor_client.post(changelist, {"action": "merge_actors", "_selected_action": [keep.pk, dup.pk]})
    assert page.status_code == 200 and "Keep this actor" in page.content.decode()
    editor_client.post(changelist, {"action": "merge_actors", "_selected_action": [keep.pk, dup.pk],
                                    "merge_confirm": "1", "target": keep.pk, "reason": "same minister"})
    assert not Actor.objects.filter(name="Sergeev Test").exists()
    assert list(event.actors.all()) == [keep]
    assert ActorAlias.objects.filter(actor=keep, text="Sergeev Test").exists()


def test_actor_change_page_has_alias_and_role_inlines(editor_client):
    actor = Actor.objects.create(name="Inline Person")
    text = editor_client.get(reverse("admin:events_actor_change", args=[actor.pk])).content.decode()
    assert "aliases-TOTAL_FORMS" in text and "roles-TOTAL_FORMS" in text
    country = Country.objects.get(code="RU")
    text = editor_client.get(reverse("admin:events_country_change", args=[country.pk])).content.decode()
    assert "aliases-TOTAL_FORMS" in text


def test_issue_date_correction_in_the_admin(editor_client):
    issue = make_issue(date_confidence=0.4)
    make_article(issue)
    url = reverse("admin:events_issue_change", args=[issue.pk])
    assert editor_client.get(url).status_code == 200
    editor_client.post(url, {"date": "2001-01-03", "date_note": issue.date_note, "change_reason": "holiday"})
    issue.refresh_from_db()
    assert issue.date == date(2001, 1, 3)
    assert issue.date_method == Issue.DateMethod.EDITOR and issue.date_confidence == 1.0
    record = issue.history.latest()
    assert record.history_user == editor_client.editor and record.history_change_reason == "holiday"


def test_thread_correction_marks_it_set_by_editor(editor_client):
    thread = Thread.objects.create(title="Talks", event_type="meeting", status="occurred",
                                   date_start=date(2000, 12, 28), date_end=date(2000, 12, 28), granularity="day")
    url = reverse("admin:events_thread_change", args=[thread.pk])
    editor_client.post(url, {"title": "Sergeev–Shamkhani talks", "event_type": "meeting", "status": "occurred",
                             "date_start": "2000-12-27", "date_end": "2000-12-28", "granularity": "day"})
    thread.refresh_from_db()
    assert thread.set_by_editor and thread.date_start == date(2000, 12, 27)
    assert thread.history.latest().history_user == editor_client.editor


def test_events_cannot_be_added_by_hand(editor_client):
    assert editor_client.get(reverse("admin:events_event_add")).status_code == 403
    assert Event.objects.count() == 0


def test_date_preview_endpoint_reads_text_against_the_issue_date(editor_client, client):
    event = make_event()
    url = reverse("editor:parse_date")
    ok = editor_client.get(url, {"event": event.pk, "text": "December 28"})
    assert ok.status_code == 200
    assert ok.json() == {"interval": "28 Dec 2000 (day)", "start": "2000-12-28", "end": "2000-12-28",
                         "granularity": "day"}
    bad = editor_client.get(url, {"event": event.pk, "text": "whenever"})
    assert bad.status_code == 400 and "Could not read" in bad.json()["error"]
    assert editor_client.get(url, {"event": "x", "text": "2001"}).status_code == 404
    page = editor_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "js/date_preview.js" in page and f'data-url="{url}"' in page  # the script is a static file (CSP)
    client.logout()
    assert client.get(url, {"event": event.pk, "text": "2001"}).status_code == 302


def test_reprocess_action_on_articles_keeps_corrections(editor_client):
    from pathlib import Path

    from events.services.ingest import ingest_paths

    corpus = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus" / "monitor"
    ingest_paths([sorted(corpus.glob("*.txt"))[0]], progress=False)
    article = Article.objects.get()
    event = article.events.order_by("pk").first()
    from events.services.corrections import correct_event

    correct_event(event, {"summary": "Edited summary"}, user=editor_client.editor, reason="clearer")
    Event.objects.filter(article=article).exclude(pk=event.pk).update(summary="stale")
    editor_client.post(reverse("admin:events_article_changelist"),
                       {"action": "reprocess_articles", "_selected_action": [article.pk]})
    event.refresh_from_db()
    assert event.summary == "Edited summary"
    assert not Event.objects.filter(article=article, summary="stale").exists()
