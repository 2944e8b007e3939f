"""Storing event mentions: mapping, idempotence, editors' field-level protection, deletions, query counts.

The unit tests here feed process_article hand-made mentions (the extraction pipeline is tested on its own in
tests/extraction/); tests/extraction/test_pipeline.py runs the real pipeline over the corpus.
"""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.extraction.mention import ActorRef, EventMention
from events.models import Actor, Article, Event, Issue, Thread
from events.services import extraction as service

pytestmark = pytest.mark.django_db

D = dt.date


def make_article(volume=7, number=1, date=D(2001, 1, 2), body="Body text.", position=1):
    issue, _ = Issue.objects.get_or_create(volume=volume, number=number, defaults={"date": date})
    return Article.objects.create(issue=issue, position=position, body=body, source_name="test.txt",
                                  content_hash=f"{volume}-{number}-{position}-{body}")


def mention(key_start=0, date_start=D(2000, 12, 28), date_end=None, **extra):
    values = dict(
        key=f"{key_start}:{key_start + 10}", sentence_start=key_start, sentence_end=key_start + 40,
        sentence="Talks took place on December 28 in Tehran.", date_text="December 28",
        date_text_start=key_start + 10, date_text_end=key_start + 21, timex_value="2000-12-28", timex_mod="",
        date_start=date_start, date_end=date_end or date_start, granularity="day", event_type="meeting",
        status="occurred", summary="Sergeev meets Shamkhani",
        actors=[ActorRef("Igor Sergeev", True, "RU", None)], countries=["RU", "IR"], topics=["Military cooperation"],
        reported_dates=[D(2000, 12, 28)], confidence=0.8)
    values.update(extra)
    return EventMention(**values)


@pytest.fixture
def mentions(monkeypatch):
    """The mentions the (stubbed) pipeline returns for any article: tests change the list between runs."""
    current = []
    monkeypatch.setattr(service, "run_extraction", lambda article, gazetteer=None: list(current))
    return current


def ids(manager):
    return sorted(manager.values_list("name", flat=True))


def test_mentions_are_stored_with_their_relations(mentions):
    article = make_article()
    mentions.append(mention(actors=[ActorRef("Igor Sergeev", True, "RU", None),
                                    ActorRef("Pak Ui Chun", False, "KP", "North Korean ambassador")]))
    result = service.process_article(article)
    assert (result.created, result.updated, result.deleted) == (1, 0, 0)
    assert result.warnings == []
    event = Event.objects.get()
    assert event.extraction_key == "0:10" and event.anchor_date == D(2001, 1, 2)
    assert (event.date_start, event.date_end, event.granularity) == (D(2000, 12, 28), D(2000, 12, 28), "day")
    assert event.reported_dates == ["2000-12-28"]
    assert ids(event.actors) == ["Igor Sergeev", "Pak Ui Chun"]
    assert sorted(event.countries.values_list("code", flat=True)) == ["IR", "RU"]
    assert ids(event.topics) == ["Military cooperation"]
    # Sergeev is in actors.json; Pak is not: a machine guess for an editor to review, with his title's country.
    assert not Actor.objects.get(name="Igor Sergeev").needs_review
    pak = Actor.objects.get(name="Pak Ui Chun")
    assert pak.needs_review and pak.country.code == "KP" and pak.description == "North Korean ambassador"
    article.refresh_from_db()
    assert article.processed_at is not None
    assert event.thread is not None and event.thread.date_start == D(2000, 12, 28)


def test_processing_twice_changes_nothing(mentions):
    article = make_article()
    mentions.extend([mention(0), mention(100, date_start=D(2000, 12, 27), summary="Khatami meets Sergeev")])
    service.process_article(article)
    before = list(Event.objects.order_by("id").values_list("id", "extraction_key", "updated_at", "thread_id"))
    again = service.process_article(article)
    assert (again.created, again.updated, again.unchanged, again.deleted) == (0, 0, 2, 0)
    after = list(Event.objects.order_by("id").values_list("id", "extraction_key", "updated_at", "thread_id"))
    assert before == after
    assert Actor.objects.filter(name="Igor Sergeev").count() == 1


def test_corrected_fields_survive_reprocessing_while_the_others_update(mentions):
    article = make_article()
    mentions.append(mention())
    service.process_article(article)
    event = Event.objects.get()
    # An editor corrects the summary, the date and the actors (as the corrections service records it).
    khatami = Actor.objects.get(name="Mohammad Khatami")
    event.summary = "Sergeev and Shamkhani open a new chapter"
    event.date_start = event.date_end = D(2000, 12, 27)
    event.corrected_fields = ["summary", "date_start", "actors"]
    event.save()
    event.actors.set([khatami])
    # The rules change: another summary, date, status and actors, and a new topic.
    mentions[0] = mention(summary="machine summary v2", date_start=D(2000, 12, 29), status="reported",
                          actors=[ActorRef("Ali Shamkhani", True, "IR", None)],
                          topics=["Military cooperation", "Nuclear energy"], confidence=0.9)
    result = service.process_article(article)
    assert (result.created, result.updated, result.deleted) == (0, 1, 0)
    event.refresh_from_db()
    assert event.summary == "Sergeev and Shamkhani open a new chapter"
    # date_end moves with the corrected date_start, so the interval the editor set stays whole.
    assert (event.date_start, event.date_end) == (D(2000, 12, 27), D(2000, 12, 27))
    assert ids(event.actors) == ["Mohammad Khatami"]
    # Nobody corrected these: they follow the new extraction.
    assert event.status == "reported" and event.confidence == 0.9
    assert ids(event.topics) == ["Military cooperation", "Nuclear energy"]


def test_corrected_thread_and_hidden_are_never_rewritten(mentions):
    article = make_article()
    mentions.append(mention())
    service.process_article(article)
    event = Event.objects.get()
    chosen = Thread.objects.create(title="Editor's thread", event_type="visit", status="occurred",
                                   date_start=D(2000, 12, 26), date_end=D(2000, 12, 29), granularity="week",
                                   set_by_editor=True)
    event.thread = chosen
    event.hidden = True
    event.corrected_fields = ["thread", "hidden"]
    event.save()
    service.process_article(article)
    event.refresh_from_db()
    assert event.thread_id == chosen.pk and event.hidden
    chosen.refresh_from_db()
    assert chosen.title == "Editor's thread" and chosen.granularity == "week"


def test_events_no_longer_extracted_are_deleted_unless_an_editor_touched_them(mentions):
    article = make_article()
    mentions.extend([mention(0), mention(100), mention(200), mention(300)])
    service.process_article(article)
    corrected = Event.objects.get(extraction_key="100:110")
    corrected.corrected_fields = ["status"]
    corrected.status = "planned"
    corrected.save()
    hidden = Event.objects.get(extraction_key="200:210")
    hidden.hidden = True
    hidden.save()
    del mentions[1:]
    result = service.process_article(article)
    assert (result.deleted, result.kept, result.unchanged) == (1, 2, 1)
    assert sorted(Event.objects.values_list("extraction_key", flat=True)) == ["0:10", "100:110", "200:210"]
    assert Event.objects.get(extraction_key="100:110").status == "planned"


def test_bad_mentions_are_skipped_with_a_clear_warning(mentions):
    article = make_article()
    mentions.extend([mention(0, event_type="party"), mention(100, countries=["RU", "XX"]),
                     mention(200, date_start=D(2001, 1, 5), date_end=D(2001, 1, 1))])
    result = service.process_article(article)
    assert result.created == 1
    assert any("event_type 'party' is not one of" in w for w in result.warnings)
    assert any("country code 'XX' is not in the gazetteer" in w for w in result.warnings)
    assert any("date_end before date_start" in w for w in result.warnings)
    assert list(Event.objects.get().countries.values_list("code", flat=True)) == ["RU"]


def test_query_count_does_not_grow_with_the_number_of_events(mentions):
    # A first article over the whole year warms the gazetteer cache and leaves threads to link to.
    mentions[:] = [mention(i * 100, date_start=D(2000, 1 + i, 1 + i)) for i in range(12)]
    service.process_article(make_article(number=2))
    counts = []
    for number, n in ((3, 2), (4, 12)):
        mentions[:] = [mention(i * 100, date_start=D(2000, 1 + i, 1 + i)) for i in range(n)]
        article = make_article(number=number)
        with CaptureQueriesContext(connection) as queries:
            service.process_article(article)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 22, counts


# ------------------------------------------------------------------------------------------------ corpus
# The real pipeline over the five corpus articles (read at run time, never copied here), stored by the
# ingest service in one transaction per article, each calling process_article.
from pathlib import Path  # noqa: E402

from events.extraction.citations import find_attributions  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "monitor"


@pytest.fixture
def corpus():
    from events.services.ingest import ingest_paths

    report = ingest_paths([CORPUS], progress=False)
    assert report.ok, report.summary()
    return {(a.issue.volume, a.issue.number): a for a in Article.objects.select_related("issue")}


def events_of(article):
    return list(article.events.prefetch_related("actors", "countries"))


def names(event, relation):
    return {obj.name for obj in getattr(event, relation).all()}


def test_corpus_every_article_is_processed_and_events_quote_their_article(corpus):
    assert len(corpus) == 5
    for article in corpus.values():
        assert article.processed_at is not None
        events = events_of(article)
        assert events, f"no events in {article.issue}"
        for event in events:
            # Offsets point into the stored body: the sentence and the date phrase are exactly the article's.
            assert article.body[event.sentence_start:event.sentence_end] == event.sentence
            assert article.body[event.date_text_start:event.date_text_end] == event.date_text
            assert event.sentence_start <= event.date_text_start < event.date_text_end <= event.sentence_end
            assert event.anchor_date == article.issue.date
            assert event.date_start <= event.date_end
            assert event.thread_id is not None


def test_corpus_no_event_is_dated_by_a_citation_alone(corpus):
    # "(AFP, December 28-29)" dates the report, not the event: no event's date phrase may lie inside a
    # parenthesised source attribution or Monitor cross-reference.
    for article in corpus.values():
        spans = [(a.start, a.end) for a in find_attributions(article.body)]
        assert spans, "every corpus article cites its sources"
        for event in events_of(article):
            inside = [s for s in spans if s[0] <= event.date_text_start and event.date_text_end <= s[1]]
            assert not inside, (article.issue, event.date_text, event.sentence)


def test_corpus_sergeev_in_tehran(corpus):
    # Vol 7 No 1 appeared on Tuesday 2 January 2001 (the first weekday of 2001 that is no federal holiday),
    # so "Following talks on December 28" (Sergeev's, with his Iranian counterpart Ali Shamkhani) is
    # 28 December 2000: a meeting between the Russian Igor Sergeev and the Iranian
    # Ali Shamkhani, which took place.
    article = corpus[(7, 1)]
    assert article.issue.date == D(2001, 1, 2)
    talks = [e for e in events_of(article) if e.date_start == e.date_end == D(2000, 12, 28)
             and e.event_type == "meeting"]
    assert talks, [(e.date_text, e.event_type) for e in events_of(article)]
    event = talks[0]
    assert event.granularity == "day" and event.status == "occurred"
    assert {"Igor Sergeev", "Ali Shamkhani"} <= names(event, "actors")
    assert {"Russia", "Iran"} <= names(event, "countries")
    # "A day earlier Iranian President Mohammad Khatami ... during a meeting of his own with Sergeev":
    # the day before the talks, 27 December 2000.
    earlier = [e for e in events_of(article) if e.date_text == "A day earlier"]
    assert len(earlier) == 1 and earlier[0].date_start == earlier[0].date_end == D(2000, 12, 27)
    assert "Mohammad Khatami" in names(earlier[0], "actors")
    # Nothing in the article is dated 2001-12: December here is the December before the issue.
    assert not [e for e in events_of(article) if e.date_start >= D(2001, 1, 2)]


def test_corpus_putin_to_arrive_in_north_korea_on_july_19(corpus):
    # Vol 6 No 129 (Monday 3 July 2000 by the publication calendar: see tests/test_ingest.py): sources say
    # Putin "will arrive in North Korea" on "July 19" - a planned visit on 19 July 2000 by Vladimir Putin.
    article = corpus[(6, 129)]
    assert article.issue.date == D(2000, 7, 3)
    visits = [e for e in events_of(article) if e.date_text == "July 19"]
    assert len(visits) == 1
    event = visits[0]
    assert (event.date_start, event.date_end, event.event_type, event.status) == (
        D(2000, 7, 19), D(2000, 7, 19), "visit", "planned")
    assert "Vladimir Putin" in names(event, "actors") and "North Korea" in names(event, "countries")


def test_corpus_unknown_persons_are_stored_for_review(corpus):
    # Vol 6 No 114: "North Korean ambassador Pak Ui Chun" is introduced by a title and is not in the
    # gazetteer: an Actor flagged needs_review, North Korean by his title.
    pak = Actor.objects.filter(name="Pak Ui Chun").first()
    assert pak is not None and pak.needs_review and pak.country.code == "KP"
    assert pak.events.exists()


def test_a_new_event_is_built_as_the_models_own_init_builds_it():
    article = make_article()
    values = dict(sentence_start=3, sentence_end=40, sentence="They met.", date_text="today", date_text_start=5,
                  date_text_end=10, timex_value="", timex_mod="", anchor_date=D(2001, 1, 2), reported_dates=[],
                  confidence=0.7, date_start=D(2001, 1, 2), date_end=D(2001, 1, 2), granularity="day",
                  event_type="meeting", status="occurred", summary="")
    built = Event(article=article, extraction_key="3:10", **values)
    fast = service.new_event(article, "3:10", dict(values))
    attributes = {k: v for k, v in fast.__dict__.items() if k != "_state"}
    expected = {k: v for k, v in built.__dict__.items() if k != "_state"}
    assert {k: (type(v), v) for k, v in attributes.items() if k != "review_note"} == \
        {k: (type(v), v) for k, v in expected.items() if k != "review_note"}
    assert type(fast.review_note) is type(built.review_note)  # the database default, left to the insert
    assert (fast._state.db, fast._state.adding, fast.article) == (built._state.db, built._state.adding, article)
    other = service.new_event(article, "4:11", dict(values))
    assert other.corrected_fields == [] and other.corrected_fields is not fast.corrected_fields  # a fresh list each
