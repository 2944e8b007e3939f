"""The ingest service on the real database: the corpus, re-ingest, bad input, per-article atomicity."""
import datetime as dt
from pathlib import Path

import pytest
from django.db import connection

from events.extraction.articles import ParsedArticle, ParsedFile
from events.models import Article, Event, Issue
from events.services.ingest import _ingest_file, ingest_paths, ingest_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus" / "monitor"
D = dt.date

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything ingest writes, to compare runs."""
    return (
        list(Issue.objects.values_list("id", "volume", "number", "date", "date_method", "date_confidence", "date_note")),
        list(Article.objects.values_list("id", "issue_id", "position", "headline", "content_hash")),
        Issue.history.count(),
        list(Event.objects.order_by("id").values_list("id", "article_id", "date_start", "date_end")),
    )


def assert_nothing_stored():
    assert Issue.objects.count() == 0
    assert Article.objects.count() == 0
    assert Issue.history.count() == 0


def test_corpus_is_stored_as_five_articles_in_five_issues_dated_by_calendar_and_evidence():
    report = ingest_paths([CORPUS], progress=False)
    assert (report.files_read, report.articles_new, report.articles_unchanged, report.articles_failed) == (5, 5, 0, 0)
    assert report.ok
    assert Issue.objects.count() == 5 and Article.objects.count() == 5

    dates = {(i.volume, i.number): (i.date, i.date_method) for i in Issue.objects.all()}
    assert dates == {
        # Vol 6 = 2000, whose calendar is known (issue 10): weekdays, published on MLK, Presidents',
        # Columbus and Veterans Days; no issue on Good Friday 21 Apr, Memorial Day 29 May, 4 July, 14-25 Aug,
        # Labor Day, 23-24 Nov, 25-29 Dec. 1 Jan 2000 was a Saturday: No 1 is Mon 3 Jan.
        # Weekdays 3 Jan - 12 Jun: Jan 21, Feb 21, Mar 23, Apr 20, May 23, Jun 1-12 8 = 116; less Good
        # Friday and Memorial Day = 114: No 114 is Mon 12 Jun 2000. Its newest citation "June 8-11"
        # (Western agencies among the sources: the issue is after 11 June) allows 12 June: agrees.
        (6, 114): (D(2000, 6, 12), "calendar+evidence"),
        # Nos 115-128 are 13 Jun - 30 Jun (14 weekdays); No 129 is Mon 3 Jul 2000 (4 July had no issue).
        # Its newest citation is "The Korea Herald, July 3": a Seoul paper is dated ahead of Washington and
        # may carry the issue's own date, so 3 July agrees (the old strict rule wrongly made it 5 July).
        (6, 129): (D(2000, 7, 3), "calendar+evidence"),
        # Vol 7 = 2001: no issue on New Year's Day (Mon 1 Jan), so No 1 is Tue 2 Jan 2001. Its citations are
        # December 27-29 with no year: nearest to 2 Jan 2001 means December 2000, all before: agrees.
        (7, 1): (D(2001, 1, 2), "calendar+evidence"),
        # No 30: January 2001 has 21 issues (23 weekdays less 1 Jan and MLK Day 15 Jan), so No 30 is the
        # 9th weekday of February: Tue 13 Feb 2001. Newest: "Russian agencies, February 12" (ahead of
        # Washington: 12 Feb at the earliest) and "Reuters, February 11" (13 Feb... i.e. after 11 Feb): agrees.
        (7, 30): (D(2001, 2, 13), "calendar+evidence"),
        # No 79: Presidents' Day is not among 2001's breaks, Good Friday (13 Apr) is: February's 20 weekdays
        # are Nos 22-41, March's 22 are 42-63, 2-6 Apr 64-68, 9-12 Apr 69-72, 16-20 Apr 73-77, 23 Apr 78:
        # Tue 24 Apr 2001. Newest citation "JoongAng Ilbo, April 22" (Seoul, ahead): agrees. Its
        # cross-references to July 2000 and March 1 are older and do not change that.
        (7, 79): (D(2001, 4, 24), "calendar+evidence"),
    }
    assert all(i.date_confidence >= 0.9 for i in Issue.objects.all())
    assert all("agrees" in i.date_note for i in Issue.objects.all())
    assert all(not i.date_warnings for i in Issue.objects.all())
    assert all(a.position == 1 for a in Article.objects.all())


def test_trailing_headline_is_reported_not_stored():
    report = ingest_paths([CORPUS], progress=False)
    # 004_*.txt ends with the capitals headline of an article whose body is not in the corpus.
    trailing = (CORPUS / "004_fe5675aafdfdfcf7.txt").read_text(encoding="utf-8").rstrip().rsplit("\n", 1)[-1]
    assert trailing.isupper()
    [warning] = report.warnings
    assert warning.startswith(str(CORPUS / "004_fe5675aafdfdfcf7.txt")) and trailing in warning
    assert not Article.objects.filter(body__contains=trailing).exists()
    assert not Article.objects.filter(headline=trailing).exists()
    # The headline above the Publication line is the article's own.
    assert Article.objects.get(issue__number=1, issue__volume=7).headline.isupper()


def test_body_is_the_file_text_and_the_file_name_is_kept():
    ingest_paths([CORPUS / "000_bb3093e4b952136a.txt"], progress=False)
    article = Article.objects.get()
    text = (CORPUS / "000_bb3093e4b952136a.txt").read_text(encoding="utf-8")
    assert article.body in text and article.body.count("\n\n") == 6  # 7 paragraphs in that file
    assert article.source_name == "000_bb3093e4b952136a.txt"
    assert len(article.content_hash) == 64


def test_reingest_changes_nothing():
    ingest_paths([CORPUS], progress=False)
    before = snapshot()
    report = ingest_paths([CORPUS], progress=False)
    assert (report.articles_new, report.articles_unchanged, report.articles_failed) == (0, 5, 0)
    assert snapshot() == before


PUB = "Publication: Monitor Volume: 7 Issue: 30"


def test_issue_over_several_uploads_gets_positions_and_is_redated():
    first = ingest_text("a.txt", f"{PUB}\n\nTalks went on (Wire, February 12).".encode())
    issue = Issue.objects.get()
    assert (issue.date, issue.date_method) == (D(2001, 2, 13), "calendar+evidence")
    assert first.calendar.volumes == [7]
    # A second article of the same issue cites 13 February, the issue's date itself, from a Western
    # source: it needs 14 Feb or later. But every weekday of January-May 2001 had an issue except the four
    # known breaks (built in), so No 30 cannot move without an unexplained break: the one citation is
    # outvoted, and the issue carries a warning saying so (also in the ingest report).
    second = ingest_text("b.txt", f"{PUB}\n\nA later report (Agency, February 13).".encode())
    issue.refresh_from_db()
    assert (issue.date, issue.date_method) == (D(2001, 2, 13), "calendar+evidence")
    assert "outvoted" in issue.date_warnings[0] and "Wed 14 Feb 2001" in issue.date_warnings[0]
    assert any("Vol 7 No 30" in w and "outvoted" in w for w in second.calendar.warnings)
    assert (first.articles_new, second.articles_new) == (1, 1)
    assert list(issue.articles.values_list("position", flat=True)) == [1, 2]
    assert len(issue.date_evidence) == 2


def test_an_unknown_volume_moves_its_issue_after_evidence_and_re_resolves_dates():
    # Vol 8 = 2002, nothing built in. No 30 by the weekday calendar (1 Jan usually closed, 21 Jan MLK Day
    # a possible holiday) is about 12 February; three articles cite 19-20 February from Western sources:
    # the issue appeared on Thu 21 Feb 2002 at the earliest, and dense evidence moves it there.
    pub = "Publication: Monitor Volume: 8 Issue: 30"
    text = (f"{pub}\n\nThe talks ended (Reuters, February 20). The deputies met yesterday (AP, February 20).\n\n"
            f"{pub}\n\nA visit was announced (AFP, February 19, 20).\n\n"
            f"{pub}\n\nRussian Foreign Minister Igor Ivanov will visit Tokyo next month for talks on the islands "
            "(UPI, February 20).")
    report = ingest_text("c.txt", text.encode())
    issue = Issue.objects.get()
    assert issue.date == D(2002, 2, 21) and issue.date_method == "evidence"
    assert report.calendar.issues_redated == 1 and report.calendar.articles_reprocessed == 3
    # "next month" in the third article is resolved against the fitted date: March 2002.
    event = Event.objects.get(article__position=3, date_text="next month")
    assert (event.date_start, event.anchor_date) == (D(2002, 3, 1), D(2002, 2, 21))


def test_editor_date_is_never_recomputed():
    ingest_text("a.txt", f"{PUB}\n\nOne (Wire, February 12).".encode())
    Issue.objects.update(date=D(2001, 2, 15), date_method="editor", date_confidence=1.0, date_note="checked")
    ingest_text("b.txt", f"{PUB}\n\nTwo (Wire, February 13).".encode())
    issue = Issue.objects.get()
    assert (issue.date, issue.date_method, issue.date_note) == (D(2001, 2, 15), "editor", "checked")


def test_several_articles_in_one_upload():
    data = (f"FIRST.\n\n{PUB}\n\nOne.\n\nSECOND.\n\n{PUB}\n\nTwo.\n\n"
            "Publication: Monitor Volume: 7 Issue: 31\n\nThree.").encode()
    report = ingest_text("multi.txt", data)
    assert report.articles_new == 3
    assert list(Article.objects.values_list("issue__number", "position", "headline")) == [
        (30, 1, "FIRST."), (30, 2, "SECOND."), (31, 1, "")]


def test_cp1252_upload_is_stored_with_a_warning():
    report = ingest_text("old.txt", f"{PUB}\n\nThe minister\u2019s visit.".encode("cp1252"))
    assert report.articles_new == 1
    assert "read as Windows-1252" in report.warnings[0]
    assert Article.objects.get().body == "The minister\u2019s visit."


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    # Two stray NULs (under 5% of the bytes) are removed with a warning (issue 14): no text is left.
    (b"Publication: Monitor Volume: 7 Issue: 3\n\n\x00\x00", "has no article text after its Publication line"),
    (b"Publication: Monitor Volume: 7 Issue: 3\n\n" + bytes(range(1, 9)) * 20, "binary file (160 control bytes"),
    (b"Publication: Monitor Volume: 7 Issue: 3\n\nbad \x81\x8d byte", "not UTF-8"),
    (b"A story with no header at all.", "no 'Publication: Monitor Volume: V Issue: N' line found"),
    (b"Publication: Monitor Volume: 7 Issue: zero\n\nBody.", "issue 'zero' is not a positive whole number"),
    (b"Publication: Monitor Volume: -1 Issue: 2\n\nBody.", "volume '-1' is not a positive whole number"),
    (b"Publication: Monitor Volume: 6 Issue: 400\n\nBody.", "issue 400 is beyond the 366 days of 2000"),
    (b"Publication: Monitor Volume: 7 Issue: 2\n\n" + b"x" * (5 * 1024 * 1024), "over the 5 MB limit"),
])
def test_bad_upload_is_refused_with_its_reason_and_writes_nothing(data, reason):
    report = ingest_text("bad.txt", data)
    [result] = report.files
    assert not report.ok and result.failed == 1 and result.new == 0
    assert any(reason in error for error in result.errors), result.errors
    assert_nothing_stored()


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a_bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b_good.txt").write_text(f"{PUB}\n\nGood.", encoding="utf-8")
    report = ingest_paths([tmp_path], progress=False)
    assert (report.files_read, report.files_failed, report.articles_new) == (2, 1, 1)
    assert report.files[0].errors == ["binary file (NUL byte at offset 0, 2 control bytes in 8), not text"]
    assert Article.objects.get().body == "Good."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's varchar length check")
def test_an_article_that_fails_to_store_leaves_no_rows_and_the_next_one_is_stored():
    # A headline longer than the column (500) makes PostgreSQL refuse the insert AFTER the issue row
    # was created in the same transaction: that issue must be rolled back with it.
    too_long = ParsedArticle(7, 40, "H" * 600, "Body of a doomed article.", 1, 0)
    fine = ParsedArticle(7, 41, "", "Body of a fine article.", 5, 0)
    result = _ingest_file("crafted.txt", lambda: ParsedFile("crafted.txt", (too_long, fine), (), "utf-8"))
    assert (result.new, result.failed) == (1, 1)
    assert "line 1 (Vol 7 No 40): not stored" in result.errors[0]
    assert list(Issue.objects.values_list("number", flat=True)) == [41]
    assert Article.objects.get().body == "Body of a fine article."


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a shared server database")
def test_ingest_paths_with_jobs_stores_the_same_as_one_process():
    report = ingest_paths([CORPUS], progress=False, jobs=2)
    assert (report.files_read, report.articles_new, report.articles_failed) == (5, 5, 0)
    assert [f.name for f in report.files] == [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    with_jobs = snapshot()
    assert Event.objects.exists()
    again = ingest_paths([CORPUS], progress=False, jobs=2)
    assert (again.articles_new, again.articles_unchanged) == (0, 5)
    assert snapshot() == with_jobs


def test_a_bad_second_article_fails_alone_and_the_first_is_stored():
    # Issue 14: each article of a file succeeds or fails on its own.
    data = b"Publication: Monitor Volume: 7 Issue: 2\n\nFine.\n\nPublication: Monitor Volume: 7 Issue: 0\n\nNo."
    [result] = ingest_text("bad.txt", data).files
    assert (result.new, result.failed) == (1, 1)
    assert result.errors == ["line 5: issue '0' is not a positive whole number"]
