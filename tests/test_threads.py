"""Threads: linking mentions of one happening across issues, and the thread's derived fields.

Unit tests feed process_article hand-made mentions (see test_extraction_service); the corpus test at the end
runs the real pipeline over the three articles about Putin's visit to Pyongyang.
"""
import datetime as dt
from pathlib import Path

import pytest

from events.extraction.mention import ActorRef
from events.models import Event, Thread
from events.services import extraction as service
from events.services.threads import link_events, thread_fields
from tests.test_extraction_service import make_article, mention, mentions  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

D = dt.date
PUTIN = ActorRef("Vladimir Putin", True, "RU", None)
KIM = ActorRef("Kim Jong-il", True, "KP", None)


def visit(start, end=None, status="planned", summary="Putin visits North Korea", countries=("RU", "KP"),
          actors=(PUTIN,), event_type="visit", at=0, granularity="day"):
    return mention(at, date_start=start, date_end=end or start, status=status, summary=summary,
                   countries=list(countries), actors=list(actors), event_type=event_type, topics=[],
                   granularity=granularity)


def run(mentions, article, *items):
    mentions[:] = list(items)
    return service.process_article(article)


def test_putin_pyongyang_visit_is_one_thread_across_three_issues(mentions):
    june = make_article(6, 114, D(2000, 6, 12))
    july = make_article(6, 129, D(2000, 7, 3))
    feb = make_article(7, 30, D(2001, 2, 13))
    # Vol 6 No 114: an "unprecedented trip to North Korea" set for "next month" -> July 2000.
    run(mentions, june, visit(D(2000, 7, 1), D(2000, 7, 31), granularity="month"))
    # Vol 6 No 129: "will arrive in North Korea on July 19"; the same article has Putin's Beijing visit.
    run(mentions, july, visit(D(2000, 7, 19)),
        visit(D(2000, 7, 17), D(2000, 7, 18), summary="Putin visits China", countries=("RU", "CN"), at=100))
    # Vol 7 No 30: "made a groundbreaking visit to North Korea last July" -> July 2000, occurred.
    run(mentions, feb, visit(D(2000, 7, 1), D(2000, 7, 31), status="occurred", countries=("KP",),
                             granularity="month", summary="Putin visited North Korea"))
    pyongyang = {e.thread_id for e in Event.objects.filter(summary__contains="North Korea")}
    assert len(pyongyang) == 1
    thread = Thread.objects.get(pk=pyongyang.pop())
    # The most precise mention (July 19) gives the date; the 2001 "it happened" beats the 2000 plans.
    assert (thread.date_start, thread.date_end, thread.granularity) == (D(2000, 7, 19), D(2000, 7, 19), "day")
    assert thread.status == "occurred" and thread.event_type == "visit"
    assert thread.title == "Putin visits North Korea"
    assert thread.events.count() == 3
    # The Beijing visit shares Putin, Russia and the month, but not North Korea: its own thread.
    beijing = Event.objects.get(summary="Putin visits China")
    assert beijing.thread_id != thread.pk and beijing.thread.date_start == D(2000, 7, 17)
    assert Thread.objects.count() == 2


def test_postponed_if_the_latest_mention_says_so(mentions):
    feb = make_article(7, 30, D(2001, 2, 13))
    apr = make_article(7, 79, D(2001, 4, 24))
    kim = dict(actors=(PUTIN, KIM), summary="Kim Jong-il visits Russia")
    run(mentions, feb, visit(D(2001, 4, 1), D(2001, 4, 30), granularity="month", event_type="meeting", **kim))
    # "had originally been set for April 17-18" and "had been put off" (a postponement) in Vol 7 No 79.
    run(mentions, apr, visit(D(2001, 4, 17), D(2001, 4, 18), status="postponed", **kim),
        visit(D(2001, 4, 9), D(2001, 4, 15), status="postponed", event_type="postponement", at=100,
              granularity="week", **kim))
    threads = set(Event.objects.values_list("thread_id", flat=True))
    assert len(threads) == 1
    thread = Thread.objects.get()
    assert thread.status == "postponed" and (thread.date_start, thread.date_end) == (D(2001, 4, 17), D(2001, 4, 18))
    # The type is the happening's, not the postponement's: visit and meeting tie, the precise one wins.
    assert thread.event_type == "visit"


def test_different_actors_or_types_stay_apart(mentions):
    article = make_article()
    run(mentions, article,
        visit(D(2001, 3, 10), summary="Putin in Pyongyang"),
        visit(D(2001, 3, 10), at=100, actors=(ActorRef("Igor Ivanov", True, "RU", None),),
              summary="Ivanov in Pyongyang"),
        visit(D(2001, 3, 10), at=200, event_type="protest", summary="Putin protests"))
    assert Thread.objects.count() == 3


def test_talks_on_near_days_with_different_counterparts_are_two_happenings(mentions):
    # One minister's visit: talks with the president on the 27th, with his counterpart on the 28th. Each
    # mention names someone the other does not: two meetings, each on its own day on the timeline.
    minister = ActorRef("Igor Sergeev", True, "RU", None)
    president = ActorRef("Mohammad Khatami", True, "IR", None)
    counterpart = ActorRef("Ali Shamkhani", True, "IR", None)
    article = make_article(7, 1, D(2001, 1, 2))
    run(mentions, article,
        visit(D(2000, 12, 28), event_type="meeting", countries=("RU", "IR"), actors=(minister, counterpart),
              status="occurred", summary="Sergeev and Shamkhani hold talks"),
        visit(D(2000, 12, 27), event_type="meeting", countries=("RU", "IR"), actors=(minister, president),
              status="occurred", summary="Sergeev and Khatami hold talks", at=200))
    dates = {e.summary: (e.thread.date_start, e.thread.date_end) for e in Event.objects.select_related("thread")}
    assert dates == {"Sergeev and Shamkhani hold talks": (D(2000, 12, 28), D(2000, 12, 28)),
                     "Sergeev and Khatami hold talks": (D(2000, 12, 27), D(2000, 12, 27))}
    # The same people a day apart ("July 19" and "the eve of the 21st") stay one happening.
    later = make_article(6, 129, D(2000, 7, 3))
    run(mentions, later, visit(D(2000, 7, 19)), visit(D(2000, 7, 20), status="reported", at=300))
    assert len({e.thread_id for e in Event.objects.filter(article=later)}) == 1


def test_vague_mentions_get_a_thread_of_their_own(mentions):
    article = make_article()
    run(mentions, article, visit(D(2000, 7, 19)),
        visit(D(2000, 1, 1), D(2000, 12, 31), at=100, granularity="year", summary="Putin's year"))
    year = Event.objects.get(summary="Putin's year")
    assert year.thread.date_start == D(2000, 1, 1) and year.thread.events.count() == 1
    assert Thread.objects.count() == 2


def test_editor_threads_and_corrected_links_are_left_alone(mentions):
    june = make_article(6, 114, D(2000, 6, 12))
    july = make_article(6, 129, D(2000, 7, 3))
    run(mentions, june, visit(D(2000, 7, 1), D(2000, 7, 31), granularity="month"))
    thread = Event.objects.get().thread
    thread.title, thread.set_by_editor = "Editor's title", True
    thread.save()
    run(mentions, july, visit(D(2000, 7, 19)))
    second = Event.objects.get(article=july)
    # The July mention joins the editor's thread (it overlaps and shares Putin and North Korea)...
    assert second.thread_id == thread.pk
    thread.refresh_from_db()
    # ... which is never recomputed: July 19 is more precise, but the editor's month stays.
    assert thread.title == "Editor's title" and thread.granularity == "month"
    # An editor moves the July mention to a thread of their choosing: reprocessing never re-links it.
    own = Thread.objects.create(title="Mine", event_type="visit", status="planned", date_start=D(2000, 1, 1),
                                date_end=D(2000, 1, 1), granularity="day")
    second.thread, second.corrected_fields = own, ["thread"]
    second.save()
    service.process_article(july)
    service.process_article(june)
    second.refresh_from_db()
    assert second.thread_id == own.pk
    assert Event.objects.get(article=june).thread_id == thread.pk


def test_threads_left_empty_are_deleted(mentions):
    article = make_article()
    run(mentions, article, visit(D(2000, 7, 19)))
    assert Thread.objects.count() == 1
    run(mentions, article)  # the rules no longer find the mention
    assert Event.objects.count() == 0 and Thread.objects.count() == 0


def test_linking_is_idempotent(mentions):
    june = make_article(6, 114, D(2000, 6, 12))
    july = make_article(6, 129, D(2000, 7, 3))
    run(mentions, june, visit(D(2000, 7, 1), D(2000, 7, 31), granularity="month"))
    run(mentions, july, visit(D(2000, 7, 19)))
    before = list(Event.objects.order_by("id").values_list("id", "thread_id"))
    result = link_events([e for e, _ in before])
    assert result.linked == 0 and result.created == 0 and result.kept == 2
    assert list(Event.objects.order_by("id").values_list("id", "thread_id")) == before


def test_status_rule():
    from events.services.threads import _Member

    def m(pk, status, anchor, start, end=None, event_type="visit", summary=""):
        return _Member(id=pk, event_type=event_type, status=status, date_start=start, date_end=end or start,
                       granularity="day", summary=summary, anchor=anchor, order=(anchor, pk))

    planned = m(1, "planned", D(2000, 6, 12), D(2000, 7, 1), D(2000, 7, 31))
    precise = m(2, "planned", D(2000, 7, 3), D(2000, 7, 19))
    assert thread_fields([planned, precise])["status"] == "planned"
    after = m(3, "occurred", D(2001, 2, 13), D(2000, 7, 1), D(2000, 7, 31))
    assert thread_fields([planned, precise, after])["status"] == "occurred"
    put_off = m(4, "postponed", D(2001, 4, 24), D(2000, 7, 19), event_type="postponement")
    assert thread_fields([planned, precise, put_off])["status"] == "postponed"
    # "It happened" reported before the happening's date is no evidence that it happened.
    early = m(5, "occurred", D(2000, 6, 1), D(2000, 7, 19))
    assert thread_fields([early, precise])["status"] == "planned"


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "monitor"


def _ingest(paths):
    from events.services.ingest import ingest_paths

    for path in paths:
        report = ingest_paths([path], progress=False)
        assert report.ok, report.summary()


def _mention_of(volume, number, date_text):
    events = list(Event.objects.filter(article__issue__volume=volume, article__issue__number=number,
                                       date_text=date_text))
    assert events, f"no event {date_text!r} in Vol {volume} No {number}"
    return events


@pytest.mark.parametrize("order", ["as filed", "reversed"])
def test_corpus_putin_visit_to_pyongyang_is_one_thread(order):
    # Three issues speak of one happening, Putin's visit to North Korea in July 2000:
    #   Vol 6 No 114 (Mon 12 June 2000): an "unprecedented trip to North Korea" for "next month" (July);
    #   Vol 6 No 129 (Mon 3 July 2000): "Putin will arrive in North Korea on July 19";
    #   Vol 7 No 30 (13 February 2001): "made a groundbreaking visit to North Korea last July".
    # One thread, dated by its most precise mention (19 July 2000, a day), a visit, which occurred: the
    # 2001 issue reports it after the fact. The same thread whatever order the files are ingested in.
    files = sorted(CORPUS.glob("*.txt"))
    _ingest(files if order == "as filed" else files[::-1])
    june = _mention_of(6, 114, "next month")
    july = _mention_of(6, 129, "July 19")
    later = _mention_of(7, 30, "last July")
    threads = {e.thread_id for e in june + july + later}
    assert len(threads) == 1, threads
    thread = Thread.objects.get(pk=threads.pop())
    assert (thread.date_start, thread.date_end, thread.granularity) == (D(2000, 7, 19), D(2000, 7, 19), "day")
    assert (thread.event_type, thread.status) == ("visit", "occurred")
    assert "Putin" in thread.title and ("North Korea" in thread.title or "Pyongyang" in thread.title)
    # The G-8 summit in Okinawa on July 21-23, which both 2000 issues mention beside the visit, is another
    # happening (another place, another type): not in the visit's thread.
    summit = _mention_of(6, 114, "July 21-23") + _mention_of(6, 129, "July 21-23")
    assert not {e.thread_id for e in summit} & {thread.pk}


def test_corpus_kim_visit_to_russia_is_postponed():
    # Vol 7 No 30 (13 February 2001): Putin is to hold talks with Kim Jong-il "sometime in April"
    # (planned). Vol 7 No 79 (24 April 2001): Kim's visit "had originally been set for April 17-18"
    # and "had been put off". One thread, dated April 17-18 2001 (the most precise date of the happening
    # itself), postponed because the latest issue says so.
    _ingest([CORPUS])
    april = _mention_of(7, 30, "April")
    set_for = _mention_of(7, 79, "April 17-18")
    threads = {e.thread_id for e in april + set_for}
    assert len(threads) == 1, threads
    thread = Thread.objects.get(pk=threads.pop())
    assert (thread.date_start, thread.date_end) == (D(2001, 4, 17), D(2001, 4, 18))
    assert thread.status == "postponed"


def test_corpus_linking_again_changes_nothing():
    _ingest([CORPUS])
    before = list(Event.objects.order_by("id").values_list("id", "thread_id"))
    threads = list(Thread.objects.order_by("id").values_list("id", "title", "status", "date_start", "date_end"))
    result = link_events([pk for pk, _ in before])
    assert result.linked == result.created == 0
    assert list(Event.objects.order_by("id").values_list("id", "thread_id")) == before
    assert list(Thread.objects.order_by("id").values_list("id", "title", "status", "date_start", "date_end")) == threads


def test_a_mention_naming_nobody_keeps_its_own_thread(mentions):
    # No actor, no country: never linked to another mention, and re-processing keeps the same thread.
    article = make_article()
    run(mentions, article, visit(D(2000, 7, 19), actors=(), countries=()), visit(D(2000, 7, 19), at=100))
    first = dict(Event.objects.values_list("extraction_key", "thread_id"))
    assert len(set(first.values())) == 2
    service.process_article(article)
    assert dict(Event.objects.values_list("extraction_key", "thread_id")) == first
    assert Thread.objects.count() == 2


def test_new_threads_go_in_with_their_events_with_the_fields_the_recompute_derives(mentions):
    # An article whose events are all new (ingest): its new threads are inserted by the events' statement,
    # their fields derived in memory; the recompute from the stored rows must find nothing to change.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.services.threads import recompute_threads

    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        result = run(mentions, article,
                     visit(D(2000, 7, 1), D(2000, 7, 31), granularity="month", summary=""),
                     visit(D(2000, 7, 19), summary="Putin in Pyongyang", at=100),
                     visit(D(2000, 7, 19), summary="Putin arrives", status="occurred", at=200),
                     visit(D(2000, 7, 18), D(2000, 7, 20), event_type="postponement", summary="put off", at=300),
                     visit(D(2000, 7, 17), summary="Putin visits China", countries=("RU", "CN"), at=400),
                     visit(D(2000, 7, 17), summary="", event_type="meeting", countries=("RU", "CN"), at=500))
    threads = list(Thread.objects.order_by("id").values())
    assert len(threads) == 2 and result.threads.created == 2
    assert result.threads.thread_ids == {t["id"] for t in threads}
    assert {e.thread_id for e in Event.objects.all()} == {t["id"] for t in threads}
    if connection.vendor == "postgresql":
        assert not [q for q in queries if q["sql"].startswith('INSERT INTO "events_thread"')]
    pyongyang = Thread.objects.get(title="Putin in Pyongyang")
    assert (pyongyang.date_start, pyongyang.status, pyongyang.event_type) == (D(2000, 7, 19), "postponed", "visit")
    assert recompute_threads({t["id"] for t in threads}) == (0, 0)
    assert list(Thread.objects.order_by("id").values()) == threads
