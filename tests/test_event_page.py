"""The event page on the surface: corrections shown as the editor's value with the machine's reading folded
beneath, readable field names, distinguishable other mentions, cite-this and a permalink (issue 12)."""
from datetime import date

import pytest
from django.contrib.auth.models import User

from events.services.corrections import correct_event
from tests import factories as f


@pytest.fixture
def corrected(db):
    th = f.thread(title="Visit", start=date(2001, 3, 12))
    event = f.event(summary="Minister to visit", date_text="this spring", start=date(2001, 3, 1),
                    end=date(2001, 5, 31), granularity="season", status="planned", thread_obj=th,
                    timex_value="2001-SP")
    editor = User.objects.create_user("ed", password="pw", is_staff=True)
    correct_event(event, {"date_start": date(2001, 4, 2), "date_end": date(2001, 4, 2), "granularity": "day",
                          "status": "occurred"}, user=editor, reason="The visit took place on 2 April")
    event.refresh_from_db()
    return event, th


def test_corrected_event_shows_the_editors_value_and_folds_the_machines(client, corrected):
    event, _ = corrected
    body = client.get(event.get_absolute_url()).content.decode()
    how = body[body.index('id="how-h"'):body.index('id="who-h"')]
    # the editor's date first, marked; the machine's phrase, TIMEX value and interval inside <details>
    assert how.index("2 Apr 2001") < how.index("corrected by an editor") < how.index("<details")
    assert how.index("<details") < how.index("2001-SP") and how.index("<details") < how.index("spring 2001")
    assert "The machine's reading" in how
    # the other corrected field, with the machine's value, in words
    assert "also corrected the status" in how and "planned" in how[how.index("other values"):]
    # no internal field names anywhere on the page
    for internal in ("date_start", "date_end", "granularity", "corrected_fields", "event_type"):
        assert internal not in body, internal


def test_other_mentions_can_be_told_apart(client, corrected):
    event, th = corrected
    art = f.article(body="Lead.", headline="Second report")
    f.event(art, summary="Minister to visit", sentence="The minister arrives early next week, officials said.",
            date_text="early next week", start=date(2001, 3, 12), thread_obj=th)
    body = client.get(event.get_absolute_url()).content.decode()
    mentions = body[body.index('class="mentions"'):]
    assert "early next week" in mentions and "Second report" in mentions and "officials said" in mentions


def test_cite_this_and_permalink(client, corrected):
    event, _ = corrected
    body = client.get(event.get_absolute_url()).content.decode()
    url = "http://testserver" + event.get_absolute_url()
    assert f'Permalink: <a href="{url}">' in body
    cite = body[body.index('id="cite-h"'):]
    assert "Minister to visit" in cite and f"vol. {event.article.issue.volume}" in cite and url in cite


def test_headline_less_articles_are_not_titled_by_their_first_words(client, db):
    art = f.article(body="Officials in the capital said little about the plans for the coming week at all.")
    f.event(art, date_text="on March 12")
    body = client.get(art.get_absolute_url()).content.decode()
    assert "<h1>untitled article 1</h1>" in body and "Officials In The Capital" not in body
