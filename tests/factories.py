"""Small ORM factories for the page tests (no corpus text: every sentence here is made up)."""
import hashlib
import itertools
from datetime import date, timedelta

from events.models import Actor, ActorAlias, Article, Country, CountryAlias, Event, Issue, Thread, Topic

_seq = itertools.count(1)


def issue(volume=7, number=None, day=None):
    number = number or next(_seq)
    day = day or date(2001, 1, 2) + timedelta(days=number)
    obj, _ = Issue.objects.get_or_create(volume=volume, number=number, defaults={"date": day})
    return obj


def article(body="Some text.", headline="", issue_obj=None, position=1):
    issue_obj = issue_obj or issue()
    digest = hashlib.sha256(f"{issue_obj.pk}:{position}:{body}:{next(_seq)}".encode()).hexdigest()
    return Article.objects.create(issue=issue_obj, position=position, headline=headline, body=body,
                                  source_name="test.txt", content_hash=digest)


def country(code="RU", name="Russia", aliases=()):
    obj, _ = Country.objects.get_or_create(code=code, defaults={"name": name})
    for text in aliases:
        CountryAlias.objects.get_or_create(text=text, defaults={"country": obj})
    return obj


def actor(name="Vladimir Putin", country_obj=None, aliases=()):
    obj, _ = Actor.objects.get_or_create(name=name, defaults={"country": country_obj})
    for text in aliases:
        ActorAlias.objects.get_or_create(actor=obj, text=text)
    return obj


def topic(name="Missile defense"):
    slug = name.lower().replace(" ", "-")
    obj, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    return obj


def thread(title="A happening", start=date(2001, 3, 1), end=None, granularity="day", status="occurred",
           event_type="visit"):
    return Thread.objects.create(title=title, date_start=start, date_end=end or start, granularity=granularity,
                                 status=status, event_type=event_type)


def event(article_obj=None, *, sentence=None, date_text="on March 12", start=date(2001, 3, 12), end=None,
          granularity="day", event_type="visit", status="occurred", summary="", actors=(), countries=(),
          topics=(), thread_obj=None, hidden=False, reported=(), corrected=(), timex_value=None, prefix=0,
          organizations=()):
    """An event whose sentence contains `date_text`; offsets are stored into the article body."""
    sentence = sentence or f"The minister arrived {date_text} for talks."
    if article_obj is None:
        article_obj = article(body="Lead paragraph.\n\n" + sentence)
    body = article_obj.body
    s_start = body.find(sentence)
    if s_start < 0:
        s_start = len(body) + 2
        article_obj.body = body + "\n\n" + sentence
        article_obj.save(update_fields=["body"])
    d_start = s_start + sentence.find(date_text)
    obj = Event.objects.create(
        article=article_obj, thread=thread_obj, extraction_key=f"k{next(_seq)}",
        sentence_start=s_start, sentence_end=s_start + len(sentence), sentence=sentence,
        date_text=date_text, date_text_start=d_start, date_text_end=d_start + len(date_text),
        timex_value=timex_value or start.isoformat(), anchor_date=article_obj.issue.date,
        date_start=start, date_end=end or start, granularity=granularity, event_type=event_type, status=status,
        summary=summary, reported_dates=list(reported), hidden=hidden, corrected_fields=list(corrected),
    )
    if actors:
        obj.actors.set(actors)
    if countries:
        obj.countries.set(countries)
    if topics:
        obj.topics.set(topics)
    if organizations:
        obj.organizations.set(organizations)
    return obj


def many_events(n, *, start=date(2000, 1, 3), countries=(), actors=(), topics=()):
    """`n` events spread one day apart, in bulk (for query-count and scale tests)."""
    art = article(body="Bulk article.")
    rows = []
    for i in range(n):
        day = start + timedelta(days=i)
        rows.append(Event(
            article=art, extraction_key=f"bulk{i}", sentence_start=0, sentence_end=13, sentence="Bulk article.",
            date_text="Bulk", date_text_start=0, date_text_end=4, timex_value=day.isoformat(), anchor_date=day,
            date_start=day, date_end=day, granularity="day", event_type="meeting", status="occurred",
            summary=f"Synthetic meeting {i}",
        ))
    created = Event.objects.bulk_create(rows)
    through = []
    for e in created:
        for c in countries:
            through.append(Event.countries.through(event_id=e.pk, country_id=c.pk))
    Event.countries.through.objects.bulk_create(through)
    through = [Event.actors.through(event_id=e.pk, actor_id=a.pk) for e in created for a in actors]
    Event.actors.through.objects.bulk_create(through)
    through = [Event.topics.through(event_id=e.pk, topic_id=t.pk) for e in created for t in topics]
    Event.topics.through.objects.bulk_create(through)
    return created
