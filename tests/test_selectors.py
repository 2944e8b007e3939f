from datetime import date

import pytest

from events import selectors
from events.services import happenings
from events.selectors import Cursor
from events.templatetags.timeline import format_interval
from tests import factories as f


@pytest.mark.parametrize("start,end,granularity,expected", [
    (date(2000, 12, 28), date(2000, 12, 28), "day", "28 Dec 2000"),
    (date(2000, 12, 28), date(2000, 12, 29), "day", "Dec 28-29 2000"),
    (date(2000, 11, 28), date(2000, 12, 2), "day", "Nov 28–Dec 2 2000"),
    (date(2000, 12, 30), date(2001, 1, 2), "day", "30 Dec 2000 – 2 Jan 2001"),
    (date(2001, 1, 21), date(2001, 1, 31), "month", "late Jan 2001"),
    (date(2001, 1, 1), date(2001, 1, 10), "month", "early Jan 2001"),
    (date(2001, 2, 11), date(2001, 2, 20), "month", "mid Feb 2001"),
    (date(2001, 2, 1), date(2001, 2, 28), "month", "Feb 2001"),
    (date(2001, 3, 1), date(2001, 5, 31), "season", "spring 2001"),
    (date(2000, 12, 1), date(2001, 2, 28), "season", "winter 2000–01"),
    (date(2001, 2, 12), date(2001, 2, 18), "week", "week of 12 Feb 2001"),
    (date(2000, 6, 10), date(2000, 6, 11), "week", "weekend of 10 Jun 2000"),
    (date(2001, 1, 1), date(2001, 3, 31), "quarter", "Q1 2001"),
    (date(2000, 7, 1), date(2000, 12, 31), "half", "second half of 2000"),
    (date(2001, 1, 1), date(2001, 12, 31), "year", "2001"),
    (date(1990, 1, 1), date(1999, 12, 31), "decade", "1990s"),
    # an interval that does not have its granularity's shape is shown as plain days, never over-claimed
    (date(2001, 3, 3), date(2001, 3, 9), "season", "Mar 3-9 2001"),
])
def test_dates_show_their_precision(start, end, granularity, expected):
    assert format_interval(start, end, granularity) == expected


def test_cursor_round_trip_and_rejects_garbage():
    cursor = Cursor(date(2001, 2, 9), 42)
    assert Cursor.decode(cursor.encode()) == cursor
    for bad in ["", "2001-02-09", "2001-13-01_4", "x_1", "2001-02-09_1;drop", "2001-02-09_" + "9" * 30]:
        with pytest.raises(ValueError):
            Cursor.decode(bad)


@pytest.mark.django_db
def test_threads_show_once_hidden_never_and_lone_events_as_themselves():
    th = f.thread(title="Putin visit to Tehran", start=date(2001, 3, 12), status="occurred")
    first = f.event(start=date(2001, 3, 1), end=date(2001, 5, 31), granularity="season", status="planned",
                    thread_obj=th, summary="Visit planned for spring")
    second = f.event(start=date(2001, 3, 12), thread_obj=th, summary="Putin arrived")
    lone = f.event(start=date(2001, 1, 5), summary="Lone statement", event_type="statement")
    f.event(start=date(2001, 2, 1), summary="Hidden thing", hidden=True)
    page = selectors.timeline_page(selectors.visible_events())
    assert [i.event.pk for i in page.items] == [lone.pk, first.pk]
    threaded = page.items[1]
    # the card takes the thread's canonical interval and status, and lists the other mentions
    assert (threaded.date_start, threaded.status) == (date(2001, 3, 12), "occurred")
    assert [m.pk for m in threaded.other_mentions] == [second.pk]
    assert [m.pk for m in threaded.other_issues] == [second.pk]  # another issue
    f.event(second.article, sentence="The talks went on on March 12 too.", date_text="on March 12",
            start=date(2001, 3, 12), thread_obj=th)
    again = selectors.timeline_page(selectors.visible_events()).items[1]
    assert len(again.other_mentions) == 2 and [m.pk for m in again.other_issues] == [second.pk]
    assert page.next_cursor is None
    assert [(g.month, g.new_year, g.new_month) for g in page.months] == [
        (date(2001, 1, 1), True, True), (date(2001, 3, 1), False, True)]
    assert selectors.timeline_count(selectors.visible_events()) == 2


@pytest.mark.django_db
def test_keyset_pages_cover_everything_once_in_order():
    f.many_events(123)
    seen, after, pages = [], None, 0
    while True:
        page = selectors.timeline_page(selectors.visible_events(), after=after, limit=50)
        seen.extend(i.event.pk for i in page.items)
        pages += 1
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert pages == 3
    assert len(seen) == len(set(seen)) == 123
    # keys strictly increase across page boundaries
    keys = list(selectors.visible_events().filter(pk__in=seen).order_by("date_start", "id").values_list("id", flat=True))
    assert keys == seen


@pytest.mark.django_db
def test_continuation_page_does_not_repeat_its_month_heading():
    f.many_events(60, start=date(2000, 1, 1))  # Jan 1 .. Feb 29
    first = selectors.timeline_page(selectors.visible_events(), limit=20)
    second = selectors.timeline_page(selectors.visible_events(), after=first.next_cursor, limit=20)
    assert second.months[0].month == date(2000, 1, 1)
    assert second.months[0].new_month is False and second.months[0].new_year is False
    assert second.months[1].new_month is True


@pytest.mark.django_db
def test_month_counts_fill_empty_months():
    f.event(start=date(2000, 11, 3))
    f.event(start=date(2000, 11, 20))
    f.event(start=date(2001, 2, 1))
    bars = selectors.month_counts(selectors.visible_events())
    assert [(b.month, b.count) for b in bars] == [
        (date(2000, 11, 1), 2), (date(2000, 12, 1), 0), (date(2001, 1, 1), 0), (date(2001, 2, 1), 1)]
    assert bars[0].last_day == date(2000, 11, 30)


@pytest.mark.django_db
def test_co_occurring_actors_counted_in_one_query(django_assert_num_queries):
    putin, khatami, kim, bush = (f.actor(n) for n in ("Vladimir Putin", "Mohammad Khatami", "Kim Jong Il", "George W. Bush"))
    f.event(actors=[putin, khatami])
    f.event(actors=[putin, khatami, kim], event_type="meeting")
    f.event(actors=[putin, kim], hidden=True)  # hidden events do not count
    f.event(actors=[putin, bush], event_type="letter")  # a letter is not a meeting
    summit = f.thread(event_type="summit")
    f.event(actors=[putin, kim], event_type="summit", thread_obj=summit)  # one summit, mentioned twice:
    f.event(actors=[putin, kim], event_type="summit", thread_obj=summit)  # one happening
    f.event(actors=[bush])
    with django_assert_num_queries(1):
        met = selectors.actors_met_by_actor(putin)
    assert [(a.name, a.n) for a in met] == [("Kim Jong Il", 2), ("Mohammad Khatami", 2)]
    ru = f.country()
    f.event(actors=[putin, bush], countries=[ru])
    f.event(actors=[putin], countries=[ru])
    happenings.ensure_current()  # SQLite recomputes the changed happenings at the first read: not counted here
    with django_assert_num_queries(2):  # the counts over the happenings' actor arrays, the actors' names
        involved = selectors.actors_in_country_events(ru)
    assert [(a.name, a.n) for a in involved] == [("Vladimir Putin", 2), ("George W. Bush", 1)]


@pytest.mark.django_db
def test_actor_suggestions_match_names_and_aliases():
    f.actor("Vladimir Putin", aliases=["Putin"])
    f.actor("Igor Sergeev", aliases=["Marshal Sergeev"])
    assert [a.name for a in selectors.actor_suggestions("marshal")] == ["Igor Sergeev"]
    # "PUTI", not "PUT": the gazetteer's people (loaded by the migration) include "Megawati Sukarnoputri".
    assert [a.name for a in selectors.actor_suggestions("PUTI")] == ["Vladimir Putin"]
    assert selectors.actor_suggestions("  ") == []


@pytest.mark.django_db
def test_export_rows_follow_the_contract_and_the_filters():
    ru, kp = f.country(), f.country("KP", "North Korea")
    ev = f.event(actors=[f.actor("Vladimir Putin")], countries=[ru, kp], topics=[f.topic("Missile defense")],
                 reported=["2001-02-09"], corrected=["status"], summary="Putin to meet Kim")
    f.event(countries=[ru], summary="other", start=date(2000, 5, 1))
    f.event(countries=[kp], summary="hidden", hidden=True)
    from events.selectors.export import event_export_rows

    rows = list(event_export_rows(selectors.visible_events().filter(countries=kp)))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["id", "thread_id", "date_start", "date_end", "granularity", "date_text", "sentence",
                         "summary", "event_type", "status", "actors", "countries", "topics", "reported", "issue",
                         "article_id", "corrected"]
    assert row["countries"] == ["North Korea", "Russia"]
    assert row["issue"] == {"volume": 7, "number": ev.article.issue.number, "date": ev.article.issue.date.isoformat()}
    assert row["corrected"] is True and row["reported"] == ["2001-02-09"]
    assert ev.article.body[ev.sentence_start:ev.sentence_end] == row["sentence"]
    assert [r["summary"] for r in event_export_rows(selectors.visible_events())] == ["other", "Putin to meet Kim"]


@pytest.mark.django_db
def test_topics_in_use_leave_out_topics_of_hidden_events_only():
    used, hidden_only = f.topic("Nuclear energy"), f.topic("Arms sales")
    f.topic("Unused")
    f.event(topics=[used])
    f.event(topics=[hidden_only], hidden=True)
    assert [t.name for t in selectors.topics_in_use()] == ["Nuclear energy"]
