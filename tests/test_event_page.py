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


def test_a_much_mentioned_happening_lists_its_other_mentions_a_page_at_a_time(client, db):
    # 120 mentions of one happening: the event page lists the other 119 in pages of 50 (issue 14: bounded
    # work per request), says how many there are and which are shown, and links to the next/previous page.
    th = f.thread(title="Long talks", start=date(2001, 3, 12))
    first = f.event(summary="mention 0", thread_obj=th)
    for n in range(1, 120):
        f.event(f.article(body=f"Report {n}."), summary=f"mention {n}", thread_obj=th)
    page1 = client.get(first.get_absolute_url()).content.decode()
    listed = page1[page1.index('class="mentions"'):page1.index("</ol>")]
    assert listed.count("<li>") == 50
    assert "119 other mentions, 1–50 shown." in page1
    assert 'href="?mentions=2#thread-h" rel="next"' in page1 and 'rel="prev"' not in page1
    page3 = client.get(first.get_absolute_url() + "?mentions=3").content.decode()
    listed = page3[page3.index('class="mentions"'):page3.index("</ol>")]
    assert listed.count("<li>") == 19 and "101–119 shown" in page3 and 'start="101"' in page3
    assert 'rel="next"' not in page3 and 'href="?mentions=2#thread-h" rel="prev"' in page3
    # a page number that is no page gives the nearest page, never an error
    for bad in ("0", "99", "x", "%00"):
        assert client.get(first.get_absolute_url() + "?mentions=" + bad).status_code == 200


def test_article_page_has_a_permalink_and_a_citation(client, db):
    # Issue 12 asks for "cite this" and a stable permalink on every article too: the citation names the
    # headline, the issue (volume, number, date) and the absolute permalink, all escaped.
    art = f.article(body="Officials met in the capital.", headline="Talks <resume> in Kyiv")
    body = client.get(art.get_absolute_url()).content.decode()
    url = "http://testserver" + art.get_absolute_url()
    assert f'Permalink: <a href="{url}">' in body
    cite = body[body.index('id="cite-h"'):]
    issue = art.issue
    assert "“Talks &lt;resume&gt; in Kyiv”" in cite and "<resume>" not in cite
    assert f"vol. {issue.volume}, no. {issue.number}, {issue.date.day} {issue.date:%B %Y}" in cite
    assert url in cite
