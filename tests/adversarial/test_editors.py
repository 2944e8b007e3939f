"""Issue 14, findings 10-12: a required, long reason; a reason on an unchanged form neither lost nor
misreported; "confirm machine value"; the machine's first history version dated at ingest."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.editor_views import review_queue
from events.models import Event
from events.services import corrections
from tests.test_admin import event_form_data
from tests.test_corrections import make_editor, make_event

pytestmark = pytest.mark.django_db

LONG_REASON = ("The date is the day the talks were announced, not the day they took place; the ministry's "
               "statement of the following week gives the real date, and the deputy minister's interview "
               "confirms that the delegation had not yet left. " * 2).strip()


@pytest.fixture
def editor_client(client):
    editor = make_editor()
    client.force_login(editor)
    client.editor = editor
    return client


def test_a_correction_needs_a_reason_and_a_long_one_is_kept_whole(editor_client):
    event = make_event()
    versions = event.history.count()
    url = reverse("admin:events_event_change", args=[event.pk])
    refused = editor_client.post(url, event_form_data(event, status="planned", change_reason=""))
    assert refused.status_code == 200 and "Give a reason" in refused.content.decode()
    event.refresh_from_db()
    assert event.status == "occurred" and event.history.count() == versions
    assert len(LONG_REASON) > 300
    editor_client.post(url, event_form_data(event, status="planned", change_reason=LONG_REASON))
    event.refresh_from_db()
    assert event.status == "planned"
    assert event.history.latest().history_change_reason == LONG_REASON


def test_a_reason_on_an_unchanged_form_is_neither_lost_nor_reported_as_a_change(editor_client):
    event = make_event()
    versions = event.history.count()
    url = reverse("admin:events_event_change", args=[event.pk])
    response = editor_client.post(url, event_form_data(event, change_reason="checked against the source"))
    page = response.content.decode()
    assert response.status_code == 200  # the form comes back, not "changed successfully"
    assert "Nothing changed" in page and "changed successfully" not in page
    assert "checked against the source" in page  # the reason is still in the box
    assert event.history.count() == versions


def test_confirm_machine_value_is_a_correction_that_clears_the_review_queue(editor_client):
    event = make_event(confidence=0.3)
    queued = {s["key"]: [r.pk for r in s["rows"]] for s in review_queue()}
    assert event.pk in queued["events"] and event.pk in queued["no_country"]
    url = reverse("admin:events_event_change", args=[event.pk])
    response = editor_client.post(url, event_form_data(event, confirm="on", change_reason="source checked"),
                                  follow=True)
    assert "confirmed" in response.content.decode()
    event.refresh_from_db()
    assert {"date_start", "countries", "status"} <= set(event.corrected_fields)
    record = event.history.latest()
    assert record.history_user == editor_client.editor
    assert record.history_change_reason == "confirmed the machine's values: source checked"
    queued = {s["key"]: [r.pk for r in s["rows"]] for s in review_queue()}
    assert event.pk not in queued["events"] and event.pk not in queued["no_country"]


def test_confirm_clears_the_needs_review_flag():
    event = make_event()
    Event.objects.filter(pk=event.pk).update(needs_review=True, review_note="sentence gone")
    corrections.confirm_event(event, user=make_editor(), reason="still right")
    event.refresh_from_db()
    assert not event.needs_review and event.review_note == ""


def test_the_machines_first_version_is_dated_at_ingest_not_at_the_first_edit():
    event = make_event()
    event.history.all().delete()  # as extraction stores it: in bulk, with no history record
    ingested = timezone.now() - dt.timedelta(days=3)
    Event.objects.filter(pk=event.pk).update(created_at=ingested)
    event.refresh_from_db()
    corrections.correct_event(event, {"status": "planned"}, user=make_editor(), reason="announced")
    machine, edit = event.history.order_by("history_date", "history_id")
    assert machine.history_user is None and machine.history_date == ingested
    assert edit.history_date > ingested + dt.timedelta(days=2)
