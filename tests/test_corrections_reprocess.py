"""Corrections survive re-processing and re-ingesting; an issue's date set by an editor re-resolves
its articles' relative dates. Runs the real ingest and extraction on the five corpus articles."""
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Actor, Event, Issue
from events.services import corrections
from events.services.ingest import ingest_paths
from tests.test_corrections import make_article, make_editor, make_issue

CORPUS = Path(__file__).resolve().parent.parent / ".." / "shared" / "corpus" / "monitor"
SCALARS = ["date_start", "date_end", "granularity", "event_type", "status", "summary", "hidden",
           "anchor_date", "corrected_fields"]

pytestmark = pytest.mark.django_db


def snapshot():
    rows = {}
    for e in Event.objects.prefetch_related("actors", "countries", "topics").select_related("article"):
        row = {f: getattr(e, f) for f in SCALARS}
        row.update(actors={a.name for a in e.actors.all()}, countries={c.code for c in e.countries.all()},
                   topics={t.name for t in e.topics.all()})
        rows[(e.article.content_hash, e.extraction_key)] = row
    return rows


def key(event):
    return (event.article.content_hash, event.extraction_key)


@pytest.fixture
def corpus():
    report = ingest_paths([CORPUS], progress=False)
    assert report.ok and report.articles_new == 5
    assert Event.objects.count() > 20
    return report


def test_corrections_survive_reprocess_and_reingest_and_uncorrected_fields_update(corpus):
    editor = make_editor()
    original = snapshot()
    talk = Event.objects.get(article__issue__volume=7, article__issue__number=1, date_text="A day earlier")
    noise = Event.objects.filter(article__issue__volume=7, article__issue__number=1, date_text="November").get()
    other = Event.objects.exclude(pk__in=[talk.pk, noise.pk]).filter(date_text="last week").first()
    extra = Actor.objects.get(name="Vladimir Putin")

    corrections.set_event_date(talk, "26 Dec 2000", user=editor, reason="Khatami spoke on the 26th")
    # The machine types this mention a meeting; the editor reads Khatami's praise as the statement.
    assert talk.event_type == "meeting"
    corrections.correct_event(talk, {"event_type": "statement", "actors": [*talk.actors.all(), extra]},
                              user=editor, reason="a statement, about Putin")
    corrections.mark_not_event([noise], user=editor, reason="background, not an event")
    # machine fields nobody corrected, gone stale (as after a rule change):
    Event.objects.filter(pk=talk.pk).update(summary="stale summary", status="reported")
    Event.objects.filter(pk=other.pk).update(summary="stale too", date_start=date(1999, 1, 1))
    corrected = snapshot()

    call_command("reprocess", stdout=open("/dev/null", "w"))
    after = snapshot()

    t = after[key(talk)]
    assert (t["date_start"], t["date_end"], t["granularity"]) == (date(2000, 12, 26), date(2000, 12, 26), "day")
    assert t["event_type"] == "statement"
    assert "Vladimir Putin" in t["actors"] and t["actors"] == corrected[key(talk)]["actors"]
    assert set(t["corrected_fields"]) == {"date_start", "date_end", "granularity", "event_type", "actors"}
    # not corrected: the machine's values come back
    assert t["summary"] == original[key(talk)]["summary"] and t["status"] == original[key(talk)]["status"]
    assert after[key(other)] == original[key(other)]
    # "not an event" stays hidden
    assert after[key(noise)]["hidden"] is True and after[key(noise)]["corrected_fields"] == ["hidden"]
    # everything else is as the machine made it
    for k, row in original.items():
        if k not in {key(talk), key(noise), key(other)}:
            assert after[k] == row, k

    # ingesting the same files again: unchanged, and nothing moves
    again = ingest_paths([CORPUS], progress=False)
    assert again.ok and again.articles_new == 0 and again.articles_unchanged == 5
    assert snapshot() == after
    # the history keeps the editor's corrections with reasons
    reasons = list(talk.history.filter(history_user=editor).values_list("history_change_reason", flat=True))
    assert "Khatami spoke on the 26th" in reasons and "a statement, about Putin" in reasons


def test_correcting_an_issue_date_re_resolves_its_relative_dates(corpus):
    editor = make_editor()
    issue = Issue.objects.get(volume=7, number=30)
    assert issue.date == date(2001, 2, 13)
    last_week = Event.objects.get(article__issue=issue, date_text="last week")
    assert (last_week.date_start, last_week.date_end) == (date(2001, 2, 5), date(2001, 2, 11))
    spring = Event.objects.get(article__issue=issue, date_text="this spring")
    corrections.set_event_date(spring, "April 2001", user=editor, reason="the talks are set for April")
    # The pin re-fits Volume 7's calendar: issue K is the K-th publication day, so the issues after No 30
    # follow it (No 79 below); the issues before it and the other volume are not touched.
    moved = Issue.objects.filter(volume=7, number__gte=30)
    untouched_other_issue = {k: v for k, v in snapshot().items()
                             if not Event.objects.filter(article__issue__in=moved, extraction_key=k[1],
                                                         article__content_hash=k[0]).exists()}

    corrections.correct_issue_date(issue, date(2001, 2, 20), user=editor, reason="a week later: see Issue 31")

    issue.refresh_from_db()
    assert issue.date == date(2001, 2, 20)
    assert issue.date_method == Issue.DateMethod.EDITOR and issue.date_confidence == 1.0
    record = issue.history.latest()
    assert record.history_user == editor and record.history_change_reason == "a week later: see Issue 31"
    last_week.refresh_from_db()
    assert (last_week.date_start, last_week.date_end) == (date(2001, 2, 12), date(2001, 2, 18))
    assert set(Event.objects.filter(article__issue=issue).values_list("anchor_date", flat=True)) == {date(2001, 2, 20)}
    spring.refresh_from_db()
    assert (spring.date_start, spring.date_end, spring.granularity) == (date(2001, 4, 1), date(2001, 4, 30), "month")
    # No 79 follows: January-May 2001 has no breaks but the four built in, so the pin on Tue 20 Feb (five
    # weekdays, 13-19 Feb, after the calendar's 13 Feb) puts No 79 five publication days after Tue 24 Apr:
    # 25, 26, 27, 30 Apr, Tue 1 May 2001; its events are anchored there.
    assert Issue.objects.get(volume=7, number=79).date == date(2001, 5, 1)
    assert set(Event.objects.filter(article__issue__volume=7, article__issue__number=79)
               .values_list("anchor_date", flat=True)) == {date(2001, 5, 1)}
    # other issues are not touched
    now = snapshot()
    for k, row in untouched_other_issue.items():
        assert now[k] == row
    # re-ingesting and re-processing keep the editor's issue date
    ingest_paths([CORPUS], progress=False)
    call_command("reprocess", stdout=open("/dev/null", "w"))
    issue.refresh_from_db()
    assert issue.date == date(2001, 2, 20) and issue.date_method == Issue.DateMethod.EDITOR
    last_week.refresh_from_db()
    assert last_week.date_start == date(2001, 2, 12)


def test_an_issue_date_correction_is_one_transaction(monkeypatch):
    issue = make_issue(volume=6, number=50, day=date(2000, 3, 14))
    make_article(issue, n=1)
    make_article(issue, n=2)
    calls = []

    def failing(article, **kw):
        calls.append(article.pk)
        if len(calls) == 2:
            raise RuntimeError("extraction broke")

    monkeypatch.setattr("events.services.extraction.process_article", failing)
    with pytest.raises(RuntimeError):
        corrections.correct_issue_date(issue, date(2000, 3, 15), user=make_editor(), reason="x")
    issue.refresh_from_db()
    assert issue.date == date(2000, 3, 14) and issue.date_method == Issue.DateMethod.CALENDAR
    assert issue.history.count() == 1 and len(calls) == 2


def test_the_first_correction_of_an_extracted_event_can_be_reverted(corpus):
    # Extraction stores events in bulk, without history; the first correction must still show what
    # it changed and be revertible to the machine's values.
    editor = make_editor()
    talk = Event.objects.get(article__issue__volume=7, article__issue__number=1, date_text="A day earlier")
    machine = (talk.date_start, talk.date_end, talk.granularity)
    # "A day earlier" in the issue of Tue 2 Jan 2001, after talks on December 28: 27 Dec 2000.
    assert machine == (date(2000, 12, 27), date(2000, 12, 27), "day")

    corrections.set_event_date(talk, "26 Dec 2000", user=editor, reason="spoke on the 26th")
    talk.refresh_from_db()
    assert talk.date_start == date(2000, 12, 26)
    newest = talk.history.order_by("-history_id").first()
    delta = newest.diff_against(newest.prev_record)
    assert {"date_start", "date_end"} <= set(delta.changed_fields)
    assert newest.prev_record.history_user is None  # the machine's version, not the editor's

    restored = corrections.revert_event(talk, user=editor, reason="the 27th was right")
    talk.refresh_from_db()
    assert "date_start" in restored
    assert (talk.date_start, talk.date_end, talk.granularity) == machine
    assert not set(talk.corrected_fields) & {"date_start", "date_end", "granularity"}
