"""The publication calendar in the database: fit after ingest, editors' days, the page, the exports."""
import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import CalendarDay, Event, Issue
from events.services import calendar as service
from events.services.corrections import correct_issue_date
from events.services.ingest import ingest_paths, ingest_text

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "monitor"
D = dt.date

pytestmark = pytest.mark.django_db


def pub(volume, number, body):
    return f"Publication: Monitor Volume: {volume} Issue: {number}\n\n{body}\n\n"


def test_corpus_ingest_writes_both_calendars():
    report = ingest_paths([CORPUS], progress=False)
    assert sorted(report.calendar.volumes) == [6, 7]
    days6 = {d.date: d for d in CalendarDay.objects.filter(volume=6)}
    # Every weekday of 2000 (260) is in the calendar; the built-in facts keep their source.
    assert len(days6) == 260
    assert (days6[D(2000, 8, 14)].kind, days6[D(2000, 8, 14)].source) == ("break", "builtin")
    assert (days6[D(2000, 1, 17)].kind, days6[D(2000, 1, 17)].source) == ("published-holiday", "builtin")
    assert days6[D(2000, 6, 12)].number == 114 and days6[D(2000, 7, 3)].number == 129
    # No 235 = Mon 18 Dec 2000 is built in (its text pins it), though not in the corpus.
    assert days6[D(2000, 12, 18)].number == 235


def test_editor_break_day_redates_the_volume_and_re_resolves_dates():
    ingest_paths([CORPUS], progress=False)
    i1, i30, i79 = (Issue.objects.get(volume=7, number=n) for n in (1, 30, 79))
    assert (i1.date, i30.date, i79.date) == (D(2001, 1, 2), D(2001, 2, 13), D(2001, 4, 24))
    events79 = {e.pk: e.anchor_date for e in Event.objects.filter(article__issue=i79)}
    # An editor says Friday 9 February 2001 had no issue. Every weekday of January-May 2001 had an issue
    # except the four built-in breaks, so no issue can appear elsewhere before No 30 without going against
    # built-in knowledge (New Year's Day, MLK Day): No 30 moves a day, to Wed 14 Feb (its citations of
    # 11-12 Feb still allow it). The same holds up to No 79 (only Good Friday, built in, lies between):
    # No 79 moves to Wed 25 Apr. No 1 is before the day: it stays. (After No 79 the fit makes room by
    # publishing on one of the breaks it had only inferred, on the way to No 203 = 5 Nov, built in.)
    report = service.set_calendar_day(7, D(2001, 2, 9), "break", reason="office closed")
    for issue in (i1, i30, i79):
        issue.refresh_from_db()
    assert (i1.date, i30.date, i79.date) == (D(2001, 1, 2), D(2001, 2, 14), D(2001, 4, 25))
    assert report.issues_redated == 2 and report.articles_reprocessed == 2
    # Relative dates were re-resolved: every event of No 79 is now anchored on 25 April.
    assert {e.anchor_date for e in Event.objects.filter(article__issue=i79)} == {D(2001, 4, 25)}
    assert set(events79.values()) == {D(2001, 4, 24)}
    day = CalendarDay.objects.get(volume=7, date=D(2001, 2, 9))
    assert (day.kind, day.source, day.note) == ("break", "editor", "office closed")
    assert day.history.first().history_change_reason == "office closed"
    # Taking the statement back restores the fitted calendar.
    service.clear_calendar_day(7, D(2001, 2, 9))
    i30.refresh_from_db(); i79.refresh_from_db()
    assert (i30.date, i79.date) == (D(2001, 2, 13), D(2001, 4, 24))
    assert not CalendarDay.objects.filter(volume=7, date=D(2001, 2, 9), source="editor").exists()


def test_editor_pinned_date_never_moves():
    ingest_paths([CORPUS], progress=False)
    i30 = Issue.objects.get(volume=7, number=30)
    correct_issue_date(i30, D(2001, 2, 15), reason="the masthead says so")
    service.set_calendar_day(7, D(2001, 2, 5), "break")
    service.refit_all()
    i30.refresh_from_db()
    assert (i30.date, i30.date_method, i30.date_confidence) == (D(2001, 2, 15), "editor", 1.0)
    assert CalendarDay.objects.get(volume=7, date=D(2001, 2, 15)).number == 30


def test_moved_issue_re_resolves_its_relative_dates():
    ingest_text("a.txt", pub(8, 40, "Ivanov will visit Tokyo next month for talks on the islands (UPI, February 25).").encode())
    # Vol 8 = 2002, its prior Vol 7 (2001): no issue on New Year's Day or MLK Day, one on Presidents' Day.
    # 2-31 Jan: 22 weekdays less 21 Jan = 21 issues; February's 1, 4-8, 11-15, 18-22, 25-27 -> No 40 on
    # Wed 27 Feb (its citation of 25 Feb allows 26 Feb; a day's lateness costs less than an issue on MLK Day).
    event = Event.objects.get(date_text="next month")
    assert event.anchor_date == D(2002, 2, 27) and event.date_start == D(2002, 3, 1)
    # An editor states that 27 and 28 February and 1 March had no issue: No 40 moves to Mon 4 Mar, and
    # "next month" is then April.
    for day in (D(2002, 2, 27), D(2002, 2, 28), D(2002, 3, 1)):
        service.set_calendar_day(8, day, "break")
    event.refresh_from_db()
    assert event.anchor_date == D(2002, 3, 4) and event.date_start == D(2002, 4, 1)


def test_bad_editor_days_are_refused():
    with pytest.raises(ValueError, match="weekend"):
        service.set_calendar_day(8, D(2002, 2, 9), "break")
    with pytest.raises(ValueError, match="not in Volume 8"):
        service.set_calendar_day(8, D(2003, 2, 10), "break")


def test_warnings_are_stored_on_the_issue_and_reported():
    # Vol 9 (2003) has 261 weekdays: No 300 fits no calendar; a lone Vol 10 issue cites a date far ahead.
    report = ingest_text("w.txt", (pub(9, 3, "Talks (Reuters, January 3).") + pub(9, 300, "Late.")
                                   + pub(10, 20, "A note (Reuters, November 20, 2004).")).encode())
    assert report.ok
    i300 = Issue.objects.get(volume=9, number=300)
    assert i300.date_confidence == 0.0 and "beyond the 261 weekdays of 2003" in i300.date_warnings[0]
    lone = Issue.objects.get(volume=10, number=20)
    assert any("only issue" in w for w in lone.date_warnings)
    assert any("in the future" in w for w in lone.date_warnings)
    assert any("Vol 9 No 300" in w for w in report.calendar.warnings)
    out, err = StringIO(), StringIO()
    call_command("fit_calendar", "--volume", "9", stdout=out, stderr=err)
    assert "calendar warning: Vol 9 No 300" in err.getvalue()


def test_exports():
    ingest_paths([CORPUS], progress=False)
    out = StringIO()
    call_command("export_issues", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    first = rows[0]
    assert (first["volume"], first["number"], first["calendar_source"]) == (6, 114, "builtin")
    assert first["evidence"] and "June 8-11" in first["evidence"][0] and first["warnings"] == []
    out = StringIO()
    call_command("export_calendar", "--volume", "7", stdout=out)
    [calendar] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert calendar["volume"] == 7 and calendar["year"] == 2001
    days = {d["date"]: d for d in calendar["days"]}
    assert days["2001-01-15"]["kind"] == "break" and days["2001-01-15"]["source"] == "builtin"
    assert days["2001-02-13"]["number"] == 30


def test_calendar_page(client):
    ingest_paths([CORPUS], progress=False)
    page = client.get("/calendar/?volume=6")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="issue-114"' in html and "No 114" in html and "two-week summer break" in html
    assert "June 8-11" in html  # the evidence, linked to its article
    article = Issue.objects.get(volume=6, number=114).articles.get()
    assert f'href="/articles/{article.pk}/"' in html
    assert client.get("/calendar/?volume=55").status_code == 404
    assert client.get("/calendar/?volume=x").status_code == 404
    assert client.get("/calendar/").status_code == 200
    # The article page links its issue date to the calendar.
    article_page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "/calendar/?volume=6#issue-114" in article_page


def test_calendar_page_with_no_data(client):
    assert "No issues have been ingested yet" in client.get("/calendar/").content.decode()


def test_a_batch_is_dated_before_it_is_stored_so_few_articles_are_extracted_twice(tmp_path, monkeypatch):
    # A generated volume (2003: no built-in knowledge, so the prior calendar is the federal-holiday rule)
    # on a simulated house calendar (its own holiday habits): with seed 5, 68 of the first 80 issues fall
    # on another day than the prior's; the fit of 80 issues' citations moves some of them (4 with this seed). Ingested as one batch, the batch's evidence
    # fits the calendar first (services.calendar.prefit_calendars): each issue is stored with its fitted
    # date, and the fit at the end of the run moves almost nothing. Without the head start every moved
    # issue's articles are extracted a second time. The end result must be the same either way.
    from events.models import Article
    from events.services import ingest as ingest_service
    from events.synthetic import ArchiveGenerator, SimulatedCalendar

    ArchiveGenerator(seed=5, calendar=SimulatedCalendar(5)).generate(tmp_path, [9], 2, limit=160)

    def run(prefit: bool):
        monkeypatch.setattr(ingest_service, "PREFIT_MIN_FILES", 2 if prefit else 10 ** 9)
        report = ingest_paths([tmp_path], progress=False)
        assert report.ok and report.articles_new == 160
        dates = dict(Issue.objects.values_list("number", "date"))
        Article.objects.all().delete()
        Issue.objects.all().delete()
        CalendarDay.objects.all().delete()
        return report.calendar, dates

    without, dates_without = run(prefit=False)
    with_prefit, dates_with = run(prefit=True)
    assert dates_with == dates_without
    assert without.issues_redated >= 4, "the archive must move issues for this test to mean anything"
    assert without.articles_reprocessed == 2 * without.issues_redated  # two articles an issue
    assert with_prefit.issues_redated == 0 and with_prefit.articles_reprocessed == 0
