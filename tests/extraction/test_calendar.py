"""The publication calendar: built-in knowledge, evidence, the archive-wide fit, on texts written here."""
import datetime as dt
import json
import random

import pytest

from events.extraction import calendar as cal
from events.extraction.calendar import (
    calendar_date, date_issue, issue_evidence, issues_in_volume, max_issue_number, weekdays_in_volume, year_of_volume,
)
from events.extraction.calendar_evidence import CITATION, XREF, YESTERDAY, extract_evidence, is_ahead_source
from events.extraction.calendar_fit import (
    BREAK, BUILTIN, EDITOR, INFERRED, DayRule, IssueInput, fit_archive, fit_volume,
)
from events.extraction.calendar_sim import make_calendar, simulate, article_text

D = dt.date


def test_volume_is_year_minus_1994():
    assert year_of_volume(6) == 2000
    assert year_of_volume(7) == 2001
    with pytest.raises(ValueError, match="not a Monitor volume"):
        year_of_volume(500)
    with pytest.raises(ValueError, match="positive whole number"):
        year_of_volume(0)


def test_capacities():
    # 2001 began on a Monday and has 365 days: 52 weeks + 1 day (a Monday) = 261 weekdays.
    assert weekdays_in_volume(7) == 261
    # 2000 began on a Saturday and has 366 days: 52 weeks + Sat + Sun = 260 weekdays.
    assert weekdays_in_volume(6) == 260
    assert max_issue_number(6) == 366
    # 2000's prior calendar: 260 weekdays less its 21 built-in break days (Good Friday, Memorial Day,
    # 4 July, ten in August, Labor Day, 23-24 November, five from 25 to 29 December) = 239 issues,
    # the last on Friday 22 December (the weekday before the year-end break).
    assert issues_in_volume(6) == 239
    assert calendar_date(6, 239) == D(2000, 12, 22)


# ------------------------------------------------------------------ the prior calendar of 2000 and 2001
# 2000 (Vol 6) built in: published on MLK Day, Presidents' Day, Columbus Day, Veterans Day; no issue on
# Good Friday 21 Apr, Memorial Day 29 May, 4 July, 14-25 August, Labor Day 4 Sep, 23-24 Nov, 25-29 Dec.
# 1 January 2000 was a Saturday, so the year's first weekday is Monday 3 January = No 1.

@pytest.mark.parametrize("volume, number, expected", [
    # Weekdays 3 Jan - 12 Jun 2000: January 21 (3-31 Jan), February 21, March 23, April 20, May 23,
    # June 1-12: 8 -> 116. Less Good Friday and Memorial Day: No 114 = Monday 12 June.
    (6, 114, D(2000, 6, 12)),
    # 13-16 Jun = 115-118, 19-23 = 119-123, 26-30 = 124-128, Monday 3 July = 129 (4 July has no issue).
    (6, 129, D(2000, 7, 3)),
    # The issue's own text pins No 235 to Monday 18 December 2000 (built in as an anchor); it also follows
    # from the breaks: 251 weekdays to 18 Dec less 16 break days (GF, MD, 4 Jul, 10 in Aug, LD, 23-24 Nov).
    (6, 235, D(2000, 12, 18)),
    # 2001 (Vol 7) built in: no issue on New Year's Day (Mon 1 Jan), MLK Day 15 Jan, Good Friday 13 Apr,
    # Memorial Day 28 May; no other break before June. So No 1 = Tuesday 2 January.
    (7, 1, D(2001, 1, 2)),
    # January 2001: 23 weekdays less 1 and 15 Jan = 21 issues; No 30 is the 9th weekday of February:
    # 1, 2, 5, 6, 7, 8, 9, 12, 13 -> Tuesday 13 February.
    (7, 30, D(2001, 2, 13)),
    # Presidents' Day (19 Feb) is not among 2001's breaks: February's 20 weekdays are Nos 22-41, March's 22
    # are 42-63; April: 2-6 = 64-68, 9-12 = 69-72 (Good Friday 13th off), 16-20 = 73-77, 23 = 78,
    # Tuesday 24 April = 79.
    (7, 79, D(2001, 4, 24)),
])
def test_prior_calendar_of_the_corpus_volumes(volume, number, expected):
    assert calendar_date(volume, number) == expected


def test_2001_anchor_no_203_is_5_november():
    # Text-pinned: Vol 7 No 203 = Monday 5 November 2001, twelve weekdays of breaks after late July.
    assert calendar_date(7, 203) == D(2001, 11, 5)


# ------------------------------------------------------------------ evidence

def test_sources_dated_ahead_of_washington():
    for name in ("Itar-Tass", "Interfax-Ukraine", "Russian agencies", "The Korea Herald", "Kyodo", "Xinhua",
                 "JoongAng Ilbo", "Segodnya", "RIA Novosti"):
        assert is_ahead_source(name), name
    for name in ("Reuters", "AP", "AFP", "The New York Times", "Denver Post", "BBC"):
        assert not is_ahead_source(name), name


def test_western_citation_is_a_strict_bound_an_ahead_one_is_not():
    text = "Talks resumed in the port city (Kyodo, July 3; AFP, June 28)."
    [east, west] = extract_evidence(text, D(2000, 7, 3))
    assert (east.kind, east.date, east.lower, east.ahead) == (CITATION, D(2000, 7, 3), D(2000, 7, 3), True)
    assert (west.date, west.lower, west.ahead) == (D(2000, 6, 28), D(2000, 6, 29), False)


def test_mixed_group_is_bounded_by_its_strictest_source():
    [ev] = extract_evidence("The vote was delayed (Reuters, Interfax, March 5).", D(2001, 3, 8))
    assert ev.lower == D(2001, 3, 6) and not ev.ahead


def test_crossref_and_yesterday():
    text = ("The envoy arrived yesterday for a second round (Reuters, May 14). "
            "He had been expected earlier (see the Monitor, May 2).")
    evidence = extract_evidence(text, D(2001, 5, 15))
    kinds = {e.kind: e for e in evidence}
    assert kinds[YESTERDAY].upper == D(2001, 5, 15)
    assert kinds[XREF].date == D(2001, 5, 2) and kinds[XREF].lower == D(2001, 5, 3)
    assert kinds[CITATION].lower == D(2001, 5, 15)


def test_quoted_today_is_not_the_monitors_today():
    text = "A minister said that \u201cthe border is calm today\u201d (AP, May 2)."
    assert [e.kind for e in extract_evidence(text, D(2001, 5, 4))] == [CITATION]


def test_yearless_december_in_january_is_last_year():
    [ev] = issue_evidence(7, 1, "Year-end talks (AP, December 28-29).")
    assert ev.date == D(2000, 12, 29) and ev.lower == D(2000, 12, 30)


def test_evidence_round_trips_as_json():
    [ev] = extract_evidence("A note (Kyodo, July 3).", D(2000, 7, 3), article=4)
    again = type(ev).from_json(json.loads(json.dumps(ev.to_json())))
    assert again == ev


# ------------------------------------------------------------------ fitting

def cites(*days, source="Reuters"):
    """Evidence of citations of `days` by a Western source."""
    text = " ".join(f"A statement followed ({source}, {d:%B} {d.day})." for d in days)
    return extract_evidence(text, days[0])


def test_evidence_moves_an_issue_past_an_unknown_break():
    # Vol 8 = 2002, no built-in knowledge. Issues 1-60 cite the day before themselves by the plain
    # weekday calendar (1 Jan is usually closed): then issues 61-80 cite dates one week later than that:
    # a one-week break must fall right before No 61.
    prior = fit_volume(8, [])
    plain = [d.date for d in prior.days if d.kind != BREAK]
    issues = [IssueInput(n, cites(plain[n - 1] - dt.timedelta(days=1))) for n in range(1, 61)]
    issues += [IssueInput(n, cites(plain[n - 1 + 5] - dt.timedelta(days=1))) for n in range(61, 81)]
    fit = fit_volume(8, issues)
    assert fit.issues[60].date == plain[59]
    assert fit.issues[61].date == plain[65]
    breaks = [d for d in fit.days if d.kind == BREAK and d.source == INFERRED]
    assert [d.date for d in breaks] == plain[60:65]
    assert "No 61" in breaks[0].note
    # One citation per issue is thin evidence: the date is right, the confidence moderate.
    assert fit.issues[61].method == "evidence" and 0.6 < fit.issues[61].confidence < 1


def test_one_wrong_citation_is_outvoted_and_warned():
    prior = fit_volume(8, [])
    plain = [d.date for d in prior.days if d.kind != BREAK]
    issues = [IssueInput(n, cites(plain[n - 1] - dt.timedelta(days=1))) for n in range(1, 40)]
    # No 20 also cites a date nine days after its own: a typo.
    issues[19].evidence += cites(plain[19] + dt.timedelta(days=9))
    fit = fit_volume(8, issues)
    assert fit.issues[20].date == plain[19]
    assert any("in the future" in w for w in fit.issues[20].warnings)
    assert any("No 20" in w for w in fit.warnings)


def test_contradictory_crossrefs_warn_and_never_crash():
    prior = fit_volume(8, [])
    plain = [d.date for d in prior.days if d.kind != BREAK]
    issues = [IssueInput(n, cites(plain[n - 1] - dt.timedelta(days=1))) for n in range(1, 30)]
    # No 25 refers back to a Saturday and to a day after itself.
    saturday = D(2002, 2, 2)
    text = f"As reported (see the Monitor, February 2). Earlier still (see the Monitor, {plain[27]:%B} {plain[27].day})."
    issues[24].evidence += extract_evidence(text, plain[24])
    fit = fit_volume(8, issues)
    warnings = " ".join(fit.issues[25].warnings)
    assert f"{saturday:%a} {saturday.day}" in warnings and "weekend" in warnings
    assert "cross-reference" in warnings
    assert fit.issues[25].date == plain[24]


def test_single_issue_volume_and_number_beyond_any_calendar():
    fit = fit_volume(9, [IssueInput(40, cites(D(2003, 2, 26)))])
    assert any("only issue" in w for w in fit.issues[40].warnings)
    assert fit.issues[40].date == D(2003, 2, 27)
    fit = fit_volume(9, [IssueInput(300), IssueInput(3)])
    # 2003 has 261 weekdays: No 300 fits no calendar; dated to the last weekday, confidence 0.
    assert fit.issues[300].confidence == 0.0 and fit.issues[300].date == D(2003, 12, 31)
    assert "beyond the 261 weekdays of 2003" in fit.issues[300].warnings[0]


def test_editor_pin_never_moves_and_out_of_order_pins_are_warned():
    issues = [IssueInput(n, cites(D(2002, 1, 2) + dt.timedelta(days=n))) for n in range(1, 4)]
    issues.append(IssueInput(10, [], pinned=D(2002, 3, 1), pin_note="checked"))
    issues.append(IssueInput(12, [], pinned=D(2002, 2, 1)))  # before No 10's pin: impossible
    fit = fit_volume(8, issues)
    assert (fit.issues[10].date, fit.issues[10].method, fit.issues[10].confidence) == (D(2002, 3, 1), "editor", 1.0)
    assert fit.issues[12].date == D(2002, 2, 1) and "out of order" in fit.issues[12].warnings[0]
    # No 11 comes after No 10's pin: the first weekday after Friday 1 March 2002 is Monday 4 March.
    assert fit.date_of(11) == D(2002, 3, 4)


def test_editor_break_day_is_kept():
    day = D(2002, 3, 5)
    fit = fit_volume(8, [IssueInput(80)], editor_days=[DayRule(day, "break", EDITOR, "office closed")])
    entry = next(d for d in fit.days if d.date == day)
    assert (entry.kind, entry.source, entry.note) == (BREAK, EDITOR, "office closed")


def test_builtin_breaks_show_as_builtin():
    fit = fit_volume(6, [])
    aug = [d for d in fit.days if D(2000, 8, 14) <= d.date <= D(2000, 8, 25)]
    assert len(aug) == 10 and all((d.kind, d.source) == (BREAK, BUILTIN) for d in aug)


def test_a_volume_is_the_prior_of_the_next_when_evidence_is_thin():
    # Vol 8 (2002) shows, by dense evidence, no issue on Columbus Day (14 Oct 2002) and an issue on
    # Veterans Day (11 Nov 2002). Vol 9 (2003) has no evidence near those days: it inherits both.
    rng = random.Random(3)
    habits = {"Columbus Day": True, "Veterans Day": False, "New Year's Day": True, "Independence Day": True,
              "Thanksgiving Day": True, "Christmas Day": True}
    calendar = make_calendar(2002, rng, habits, summer=False, year_end=False, odd_days=(0, 0))
    issues = [IssueInput(n, cites(day - dt.timedelta(days=1), day - dt.timedelta(days=1), source="AP"))
              for n, day in enumerate(calendar.days, 1)]
    fits = fit_archive({8: issues, 9: [IssueInput(2)]})
    assert fits[8].date_of(len(calendar.days)) == calendar.days[-1]
    days9 = {d.date: d for d in fits[9].days}
    assert days9[D(2003, 10, 13)].kind == BREAK and "Vol 8" in days9[D(2003, 10, 13)].note
    assert days9[D(2003, 11, 11)].kind != BREAK


def test_incremental_fit_reuses_unchanged_volumes():
    first = fit_archive({8: [IssueInput(5)], 9: [IssueInput(5)]})
    again = fit_archive({8: [IssueInput(5)], 9: [IssueInput(5), IssueInput(6)]}, previous=first, only={9})
    assert again[8] is first[8] and again[9] is not first[9]


def test_simulated_volume_at_four_cited_articles_per_issue():
    rng = random.Random(11)
    archive = simulate([8], rng, articles=4, empty_share=0.0)
    issues = {}
    for article in archive.articles:
        issues.setdefault(article.number, IssueInput(article.number)).evidence.extend(
            issue_evidence(8, article.number, article_text(article)))
    fit = fit_volume(8, list(issues.values()))
    errors = [abs((fit.issues[n].date - day).days) for (_, n), day in archive.truth.items()]
    assert sum(e == 0 for e in errors) / len(errors) >= 0.98
    assert max(errors) <= 1


def test_command_line_reads_jsonl(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"volume": 7, "number": 30, "text": "Talks (Reuters, February 12)."}) + "\n"
                      + json.dumps({"volume": 7, "number": 31, "pinned": "2001-02-14"}) + "\n")
    assert cal.main([str(source), "--calendar"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["date"] == "2001-02-13" and lines[0]["method"] == "calendar+evidence"
    assert lines[1]["date"] == "2001-02-14" and lines[1]["method"] == "editor"
    assert lines[2]["volume"] == 7 and any(d["kind"] == "break" for d in lines[2]["days"])


def test_command_line_bad_record_is_a_clear_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"volume": 7}\n')
    with pytest.raises(SystemExit, match="line 1"):
        cal.main([str(source)])


def test_date_issue_dates_one_issue_on_its_own():
    # Outside an archive: Vol 7 No 30 by the 2001 prior is Tue 13 Feb; a citation of 12 Feb agrees.
    dating = date_issue(7, 30, ["Talks went on (Reuters, February 12)."])
    assert (dating.date, dating.method) == (D(2001, 2, 13), "calendar+evidence")


def test_incremental_fit_from_the_previous_calendar_gives_the_full_fits_dates():
    # One more issue (No 120) into a simulated volume: the fit bounded by the last calendar (a few times
    # faster) finds the same dates as a fit from scratch; a far move falls back to the full search.
    rng = random.Random(4)
    archive = simulate([8], rng, articles=2, empty_share=0.0)
    issues = {}
    for article in archive.articles:
        issues.setdefault(article.number, IssueInput(article.number)).evidence.extend(
            issue_evidence(8, article.number, article_text(article)))
    before = fit_volume(8, [i for n, i in issues.items() if n != 120])
    full = fit_volume(8, list(issues.values()))
    incremental = fit_volume(8, list(issues.values()), previous=before)
    assert {n: f.date for n, f in incremental.issues.items()} == {n: f.date for n, f in full.issues.items()}
    # A previous calendar far from the evidence (every issue a week later) still gives the full fit's dates.
    shifted = fit_volume(8, [IssueInput(n, [e for e in i.evidence]) for n, i in issues.items()])
    for day in shifted.days:
        day.date = day.date + dt.timedelta(days=7)
    again = fit_volume(8, list(issues.values()), previous=shifted)
    assert {n: f.date for n, f in again.issues.items()} == {n: f.date for n, f in full.issues.items()}
