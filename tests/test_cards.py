"""The timeline's cards are built in Python (events/templatetags/cards.py) for speed: they must be byte for byte
what the card template (the former templates/partials/card.html, kept below as the reference) renders."""
from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from events import selectors
from events.templatetags.cards import timeline_cards
from tests import factories as f

REFERENCE = """{% load timeline calendar_links %}{% for item in items %}{% load timeline calendar_links %}
<li class="card status-{{ item.status }}">
  <article aria-labelledby="card-{{ item.event.pk }}">
    <p class="card-date">
      <time datetime="{{ item.date_start|date:'Y-m-d' }}">{% when item.date_start item.date_end item.granularity %}</time>
      {% precision_label item.date_start item.date_end item.granularity %}
      {% status_label item.status %}
      <span class="type">{{ item.event_type_label }}</span>
      {% confidence_label item.confidence %}
    </p>
    <h4 class="card-title" id="card-{{ item.event.pk }}"><a href="{{ item.event.get_absolute_url }}"{% if focus_first and forloop.first and first_group %} autofocus{% endif %}>{{ item.title }}</a></h4>
    {% if item.hit %}<p class="hit-sentence"><span class="visually-hidden">Matching sentence: </span>{{ item.hit }}</p>{% endif %}
    {% entity_tags item.event %}
    <p class="card-source">
      {% with issue=item.event.article.issue %}From <a href="{{ item.event.article.get_absolute_url }}">Monitor Vol. {{ issue.volume }}, Issue {{ issue.number }}</a> ({% issue_date issue "j M Y" %}){% endwith %}{% if item.other_issues %};
      also in {% for m in item.other_issues %}<a href="{{ m.get_absolute_url }}">Vol. {{ m.article.issue.volume }}, Issue {{ m.article.issue.number }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}
      {% if item.mentions|length > 1 %}<span class="mention-count">· {{ item.mentions|length }} mentions</span>{% endif %}
    </p>
  </article>
</li>
{% endfor %}"""


@pytest.fixture
def items(db):
    ru, kp = f.country("RU", "Russia"), f.country("ZZ", "North <Korea> & co")
    putin, odd = f.actor("Vladimir Putin"), f.actor('O\'Brien "the envoy" <b>')
    arms = f.topic("Arms & sales")
    summit = f.thread(title="Leaders <meet>", start=date(2000, 7, 19), end=date(2000, 7, 21), status="postponed",
                      event_type="summit")
    f.event(summary='Talks "planned" & <b>bold</b>', start=date(2000, 7, 1), end=date(2000, 7, 31),
            granularity="month", status="planned", event_type="summit", countries=[ru], actors=[putin, odd],
            thread_obj=summit, topics=[arms])
    for _ in range(3):
        f.event(summary="Leaders met", start=date(2000, 7, 19), event_type="summit", countries=[kp],
                thread_obj=summit)
    f.event(summary="", sentence="A lone sentence about the talks on March 12.", start=date(2001, 3, 12),
            event_type="statement", status="reported")
    f.event(summary="Spring plans", start=date(2001, 3, 1), end=date(2001, 5, 31), granularity="season",
            event_type="not-a-type", status="occurred", countries=[ru, kp])
    page = selectors.timeline_page(selectors.happenings())
    page.items[1].hit = mark_safe('A <mark class="hit">lone</mark> sentence')
    return page.items


@pytest.mark.parametrize("focus_first, first_group", [(None, True), (date(2000, 1, 1), True),
                                                     (date(2000, 1, 1), False)])
def test_cards_are_what_the_card_template_renders(items, focus_first, first_group):
    request = RequestFactory().get("/")
    expected = Template(REFERENCE).render(Context({"items": items, "focus_first": focus_first,
                                                   "first_group": first_group, "request": request}))
    assert len(items) == 3
    assert str(timeline_cards(items, focus_first, first_group)) == expected
    assert ("autofocus" in expected) == bool(focus_first and first_group)
    assert "North &lt;Korea&gt; &amp; co" in expected and "also in" in expected and "4 mentions" in expected
