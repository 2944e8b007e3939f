"""Unit tests of the temporal tagger on short sentences of our own.

Expected values are worked out in the comments from the calendar, never pasted from output.
Calendar facts used: 2001-02-13 is a Tuesday in ISO week 2001-W07 (Mon 12 .. Sun 18 Feb);
2000-06-13 is a Tuesday in 2000-W24 (Mon 12 .. Sun 18 Jun); 2000-07-05 is a Wednesday in
2000-W27 (Mon 3 .. Sun 9 Jul); 2001-01-02 is a Tuesday; 2001-04-24 is a Tuesday in 2001-W17.
"""
import datetime as dt

import pytest

from events.extraction.timex import tag


def only(text, anchor, phrase=None):
    """The single timex of `text` (or the one whose text is `phrase`)."""
    found = tag(text, anchor)
    if phrase is not None:
        found = [t for t in found if t["text"] == phrase]
    assert len(found) == 1, found
    return found[0]


def check(t, text, value, mod=None, earliest=None, latest=None, type_="DATE", role="event"):
    assert (t["text"], t["type"], t["value"], t["mod"], t["role"]) == (text, type_, value, mod, role), t
    if earliest is not None:
        assert (t["earliest"], t["latest"]) == (earliest, latest), t


# ---------------------------------------------------------------- absolute dates
def test_month_day_without_year_takes_the_anchor_year_when_near():
    # Anchor Tue 2000-06-13: "June 9" four days earlier is 2000-06-09.
    check(only("The minister spoke on June 9 in Moscow.", "2000-06-13"), "June 9", "2000-06-09",
          earliest="2000-06-09", latest="2000-06-09")


def test_month_day_with_year_is_taken_as_written():
    check(only("The treaty was signed on August 30, 2000 in Paris.", "2001-02-13"), "August 30, 2000", "2000-08-30")


def test_weekday_comma_month_day_is_one_timex():
    # 2000-06-30 was a Friday; anchor Wed 2000-07-05.
    check(only("They met again on Friday, June 30 in the capital.", "2000-07-05"), "Friday, June 30", "2000-06-30")


@pytest.mark.parametrize("phrase,anchor,month,first,last", [
    # The summit "July 21-23" in a June 2000 issue is ahead in 2000.
    ("July 21-23", "2000-06-13", "2000-07", "2000-07-21", "2000-07-23"),
    ("June 8-11", "2000-06-13", "2000-06", "2000-06-08", "2000-06-11"),
    # "December 28-29" read on 2 January 2001 is just past: December 2000.
    ("December 28-29", "2001-01-02", "2000-12", "2000-12-28", "2000-12-29"),
])
def test_day_range_is_one_timex_whose_interval_spans_the_range(phrase, anchor, month, first, last):
    t = only(f"The meeting of {phrase} drew delegates.", anchor)
    check(t, phrase, month, earliest=first, latest=last)


# ---------------------------------------------------------------- year choice
def test_december_date_in_early_january_is_last_year():
    # Anchor Tue 2001-01-02: the nearest December 28 is 2000-12-28 (5 days back).
    check(only("Talks were held on December 28 in the capital.", "2001-01-02"), "December 28", "2000-12-28")


def test_planned_march_visit_in_february_is_this_year():
    # Anchor 2001-02-13: March 2001 starts 16 days ahead; March 2000 ended 11 months ago.
    check(only("The president will visit sometime in March.", "2001-02-13"), "March", "2001-03")


def test_tense_decides_a_month_half_a_year_away():
    # Anchor 2000-07-05: February 2000 is ~4.5 months back, February 2001 ~7 months ahead; both
    # beyond the 92-day "nearest" window, so the tense cue decides.
    check(only("The minister will travel to Tokyo in February.", "2000-07-05"), "February", "2001-02")
    check(only("The minister traveled to Tokyo in February.", "2000-07-05"), "February", "2000-02")


def test_citation_date_is_never_after_the_anchor():
    # Anchor 2001-12-20: an event "on December 28" with "will" is 2001-12-28, 8 days ahead,
    # but the same date in a source citation must be on or before the anchor: 2000-12-28.
    found = tag("Ministers will meet on December 28 (Reuters, December 28).", "2001-12-20")
    assert [(t["value"], t["role"]) for t in found] == [("2001-12-28", "event"), ("2000-12-28", "citation")]


def test_citations_and_crossrefs_get_their_roles():
    text = "Prices rose sharply (Reuters, February 11; Interfax, February 12; see the Monitor, January 2)."
    found = tag(text, "2001-02-13")
    assert [(t["text"], t["value"], t["role"]) for t in found] == [
        ("February 11", "2001-02-11", "citation"),
        ("February 12", "2001-02-12", "citation"),
        # January 2 read on 13 February 2001 is 2001-01-02, the latest one not after the anchor.
        ("January 2", "2001-01-02", "crossref"),
    ]


def test_crossref_with_year_and_bare_day_in_citation():
    text = "The plan was shelved (see the Monitor, August 30, 2000). Talks resumed (Kyodo, April 16, 20)."
    found = tag(text, "2001-04-24")
    assert [(t["text"], t["value"], t["role"]) for t in found] == [
        ("August 30, 2000", "2000-08-30", "crossref"),
        ("April 16", "2001-04-16", "citation"),
        # the bare "20" continues April: 2001-04-20.
        ("20", "2001-04-20", "citation"),
    ]


# ---------------------------------------------------------------- months and seasons
@pytest.mark.parametrize("sentence,phrase,anchor,value,first,last", [
    # anchor 2001-01-02: the nearest November is 2000-11, two months back.
    ("The deal was repudiated in November by the government.", "November", "2001-01-02", "2000-11", "2000-11-01", "2000-11-30"),
    # "last July" on 2001-02-13: the latest July before February 2001 is July 2000.
    ("The leader went abroad last July for talks.", "last July", "2001-02-13", "2000-07", "2000-07-01", "2000-07-31"),
    ("Talks took place this past December in the capital.", "this past December", "2001-02-13", "2000-12", "2000-12-01", "2000-12-31"),
    # fall = September-November (meteorological); the last one before February 2001 is 2000's.
    ("The ministry announced the change last fall.", "last fall", "2001-02-13", "2000-FA", "2000-09-01", "2000-11-30"),
    # spring 2001 = March-May 2001, still ahead of 13 February 2001.
    ("The leaders will meet this spring in Moscow.", "this spring", "2001-02-13", "2001-SP", "2001-03-01", "2001-05-31"),
    ("In February of this year the minister flew to Seoul.", "February of this year", "2000-07-05", "2000-02", "2000-02-01", "2000-02-29"),
    # "his February visit" on 2000-07-05: February 2000 is nearer than February 2001 and the clause is past.
    ("He raised it during his February visit to the capital.", "February", "2000-07-05", "2000-02", "2000-02-01", "2000-02-29"),
])
def test_months_and_seasons(sentence, phrase, anchor, value, first, last):
    check(only(sentence, anchor, phrase), phrase, value, earliest=first, latest=last)


# ---------------------------------------------------------------- weeks
@pytest.mark.parametrize("sentence,phrase,anchor,value,mod,first,last", [
    # 2001-02-13 is in W07, so last week is W06 = Mon 5 .. Sun 11 February 2001.
    ("The chief spoke in Munich last week about defense.", "last week", "2001-02-13", "2001-W06", None, "2001-02-05", "2001-02-11"),
    # late week = Thursday..Sunday: W23 of 2000 is Mon 5 .. Sun 11 June, so 8..11 June.
    ("The Kremlin announced the trip late last week.", "late last week", "2000-06-13", "2000-W23", "END", "2000-06-08", "2000-06-11"),
    # "earlier this week" runs from Monday of the anchor's week to the anchor itself.
    ("Following discussions earlier this week, officials spoke.", "earlier this week", "2001-02-13", "2001-W07", "START", "2001-02-12", "2001-02-13"),
    ("Talks in the capital this week drew attention.", "this week", "2000-06-13", "2000-W24", None, "2000-06-12", "2000-06-18"),
    # On a Tuesday "the weekend" is the one just past: Sat 10 - Sun 11 June 2000 (W23).
    ("There was speculation over the weekend about the trip.", "the weekend", "2000-06-13", "2000-W23-WE", None, "2000-06-10", "2000-06-11"),
])
def test_weeks_and_their_parts(sentence, phrase, anchor, value, mod, first, last):
    check(only(sentence, anchor, phrase), phrase, value, mod, first, last)


# ---------------------------------------------------------------- month parts
@pytest.mark.parametrize("sentence,phrase,anchor,value,mod,first,last", [
    # late month = days 21..end; last month from 2001-02-13 is January 2001.
    ("Then, late last month, the ministry announced new work.", "late last month", "2001-02-13", "2001-01", "END", "2001-01-21", "2001-01-31"),
    # comparative "earlier" on a month wholly past = its first two thirds (days 1..20).
    ("The announcement came earlier last month in the capital.", "earlier last month", "2000-07-05", "2000-06", "START", "2000-06-01", "2000-06-20"),
    # February 2001 has 28 days: the end of it is 21..28 February.
    ("A meeting at the end of this month could go well.", "the end of this month", "2001-02-13", "2001-02", "END", "2001-02-21", "2001-02-28"),
    # "later this month" runs from the anchor to the month's end.
    ("He visits the capital later this month, officials said.", "later this month", "2000-07-05", "2000-07", "END", "2000-07-05", "2000-07-31"),
])
def test_month_parts(sentence, phrase, anchor, value, mod, first, last):
    check(only(sentence, anchor, phrase), phrase, value, mod, first, last)


# ---------------------------------------------------------------- years and parts
@pytest.mark.parametrize("sentence,phrase,anchor,value,mod,first,last", [
    ("The revolution of 1979 changed the country.", "1979", "2001-01-02", "1979", None, "1979-01-01", "1979-12-31"),
    ("He plans a visit to Seoul later this year.", "later this year", "2000-06-13", "2000", "END", "2000-06-13", "2000-12-31"),
    # "latter part" = the second half: July..December 2000.
    ("Relations cooled in the latter part of last year.", "the latter part of last year", "2001-02-13", "2000", "END", "2000-07-01", "2000-12-31"),
    # beginning of a year = its first third, January..April.
    ("They have tried since the beginning of this year to meet.", "the beginning of this year", "2001-04-24", "2001", "START", "2001-01-01", "2001-04-30"),
    # end of a year = its last third, September..December; a deadline "before" it (the issue's own year) runs from
    # the issue day (docs/annotation.md).
    ("A deal is to be signed at the end of this year.", "the end of this year", "2001-02-13", "2001", "END", "2001-09-01", "2001-12-31"),
    ("A deal could be signed before the end of this year.", "the end of this year", "2001-02-13", "2001", "END", "2001-02-13", "2001-12-31"),
])
def test_years_and_their_parts(sentence, phrase, anchor, value, mod, first, last):
    check(only(sentence, anchor, phrase), phrase, value, mod, first, last)


# ---------------------------------------------------------------- anaphora
def test_the_day_before_counts_from_the_previous_date():
    # "June 10" then "the day before" = 9 June 2000.
    found = tag("It was made clear on June 10 that envoys had met the day before in Moscow.", "2000-06-13")
    assert [(t["text"], t["value"]) for t in found] == [("June 10", "2000-06-10"), ("the day before", "2000-06-09")]


def test_a_day_earlier_counts_from_the_previous_event_date_not_the_citation():
    # "December 28" (2000) then "A day earlier" = 27 December 2000; the citation does not move it.
    text = "Talks ended on December 28 in Tehran. A day earlier the president praised the plan (AFP, December 29)."
    found = tag(text, "2001-01-02")
    assert [(t["text"], t["value"], t["role"]) for t in found] == [
        ("December 28", "2000-12-28", "event"), ("A day earlier", "2000-12-27", "event"),
        ("December 29", "2000-12-29", "citation")]


def test_one_day_after_a_following_date():
    # "One day after the reported June 27 talks" = 28 June 2000, counted from the date that follows.
    found = tag("One day after the reported June 27 talks, the envoy arrived.", "2000-07-05")
    assert [(t["text"], t["value"]) for t in found] == [("One day after", "2000-06-28"), ("June 27", "2000-06-27")]


def test_the_same_day_is_the_previous_event_date():
    text = "The minister said on June 30 that sales might resume. The report came on the same day (UPI, July 1)."
    found = tag(text, "2000-07-05")
    assert [(t["text"], t["value"]) for t in found][:2] == [("June 30", "2000-06-30"), ("the same day", "2000-06-30")]


def test_a_week_after_without_a_date_is_a_duration():
    t = only("The news came only a week after a summit in the capital.", "2000-06-13")
    check(t, "a week", "P1W", type_="DURATION")


# ---------------------------------------------------------------- vague, durations, sets
@pytest.mark.parametrize("sentence,phrase,value", [
    ("The Kremlin has announced in recent days that talks will go on.", "recent days", "PAST_REF"),
    ("That deal has now been set.", "now", "PRESENT_REF"),
    ("No deals were currently on the table.", "currently", "PRESENT_REF"),
    ("Iran could buy arms in the coming years from Moscow.", "the coming years", "FUTURE_REF"),
])
def test_vague_references(sentence, phrase, value):
    check(only(sentence, "2001-02-13", phrase), phrase, value)


def test_present_ref_covers_the_anchor_day_and_past_ref_has_no_interval():
    assert (only("It is currently unclear.", "2001-02-13")["earliest"]) == "2001-02-13"
    t = only("The Kremlin has announced in recent days a change.", "2001-02-13")
    assert (t["earliest"], t["latest"]) == (None, None)


@pytest.mark.parametrize("sentence,phrase", [
    ("The ministry has widened its campaign over the past year.", "the past year"),
    ("Prices have doubled in the last year.", "the last year"),
])
def test_the_past_year_is_last_years_value_but_covers_no_calendar_year(sentence, phrase):
    # Regression: on 2001-04-24 "over the past year" was drawn as January-December 2000. It means
    # the twelve months up to the anchor (April 2000 - April 2001), which no TIMEX3 DATE value
    # names; TimeBank writes both of its cases as last year's DATE ("over the past year" on
    # 1998-03-03 = 1997; "in the past year" on 1989-10-30 = 1988), so the value follows it and the
    # interval is null: no event is placed on calendar 2000.
    t = only(sentence, "2001-04-24")
    check(t, phrase, "2000")
    assert (t["earliest"], t["latest"]) == (None, None)
    # "last year" is the calendar year and keeps its interval.
    t = only("Talks were held last year.", "2001-04-24")
    check(t, "last year", "2000", earliest="2000-01-01", latest="2000-12-31")


def test_durations_and_sets():
    found = tag("The minister came for two days of talks; sales could total $300 million per year.", "2001-02-13")
    assert [(t["text"], t["type"], t["value"], t["earliest"]) for t in found] == [
        ("two days", "DURATION", "P2D", None), ("per year", "SET", "P1Y", None)]


# ---------------------------------------------------------------- interface
def test_records_have_exactly_the_contract_keys_and_offsets():
    text = "On December 28 they met."
    t = only(text, dt.date(2001, 1, 2))
    assert set(t) == {"start", "end", "text", "type", "value", "mod", "earliest", "latest", "role"}
    assert text[t["start"]:t["end"]] == t["text"] == "December 28"


def test_results_are_in_text_order():
    found = tag("On June 9 and then on June 10, and last week, talks went on (AFP, June 11).", "2000-06-13")
    starts = [t["start"] for t in found]
    assert starts == sorted(starts) and len(found) == 4


# ---------------------------------------------------------------- more shapes
@pytest.mark.parametrize("sentence,phrase,value,first,last", [
    # anchor 2001-02-13: next year is 2002; its first half is January..June 2002.
    ("A deal may come in the first half of next year.", "the first half of next year", "2002-H1", "2002-01-01", "2002-06-30"),
    ("Growth slowed in the second half of 2000.", "the second half of 2000", "2000-H2", "2000-07-01", "2000-12-31"),
    # mid-month = days 11..20
    ("The envoy is due in mid-March.", "mid-March", "2001-03", "2001-03-11", "2001-03-20"),
    # winter 2000 = December 2000..February 2001, the one containing 13 February 2001.
    ("Talks stalled this winter.", "this winter", "2000-WI", "2000-12-01", "2001-02-28"),
    # the 1990s, mid = 1994..1996
    ("Trade grew in the mid-1990s.", "the mid-1990s", "199", "1994-01-01", "1996-12-31"),
])
def test_halves_seasons_decades(sentence, phrase, value, first, last):
    t = only(sentence, "2001-02-13", phrase)
    assert (t["value"], t["earliest"], t["latest"]) == (value, first, last)


def test_impossible_dates_are_not_tagged_as_days():
    assert tag("They met on Feb. 30.", "2001-02-13") == []
    # June has 30 days: "31 June" is no day; only the month word remains a (month) date, and
    # "met" (past) with June 2001 over 92 days ahead of 13 February 2001 makes it June 2000.
    assert [t["value"] for t in tag("They met on 31 June.", "2001-02-13")] == ["2000-06"]


def test_the_year_before_counts_from_the_previous_date():
    # "June 2000" then "the year before" = 1999.
    found = tag("The talks failed in June 2000; the year before they had not even begun.", "2001-02-13")
    assert [(t["text"], t["value"]) for t in found] == [("June 2000", "2000-06"), ("the year before", "1999")]


def test_clock_time_with_a_date_is_one_time():
    # anchor Mon 1989-10-30: November 6 is a week ahead, 1989-11-06 at 17:00.
    t = only("The offer expires at 5 p.m. EST, Nov. 6, the company said.", "1989-10-30")
    check(t, "5 p.m. EST, Nov. 6", "1989-11-06T17:00", type_="TIME", earliest="1989-11-06", latest="1989-11-06")


# ---------------------------------------------------------------- the rules' own examples
def test_every_rule_recognises_the_examples_written_beside_it():
    from events.extraction.timex_rules import RULES, recognize

    missed = []
    for rule in RULES:
        for example in rule.examples:
            spans = [(m.rule, example[m.start:m.end]) for m in recognize(example)]
            if not any(name == rule.name for name, _ in spans):
                missed.append((rule.name, example, spans))
    assert missed == []


def test_at_that_time_is_the_date_just_mentioned_and_absent_without_one():
    # anchor 2001-02-13: "this past December" = 2000-12; "at that time" repeats it.
    found = tag("Talks were held this past December. At that time no deal was ready.", "2001-02-13")
    assert [(t["text"], t["value"]) for t in found] == [("this past December", "2000-12"), ("that time", "2000-12")]
    assert tag("At that time no deal was ready.", "2001-02-13") == []


# ---------------------------------------------------------------- "of last year", "afterwards" (round 12)
def _values(text, anchor):
    return [(t["text"], t["value"]) for t in tag(text, anchor)]


def test_a_day_or_month_of_a_named_year_is_one_expression_of_that_year():
    assert _values("They first met on October 3 of last year in Delhi.", "2001-10-10") == \
        [("October 3 of last year", "2000-10-03")]
    assert _values("The ban starts on 1 July of next year.", "2001-10-10") == [("1 July of next year", "2002-07-01")]
    assert _values("The accord dates from 1997. In April of that year the two sides met.", "2001-10-10") == \
        [("1997", "1997"), ("April of that year", "1997-04")]
    assert _values("They talked in 1996 and signed on May 5 of the following year.", "2001-10-10") == \
        [("1996", "1996"), ("May 5 of the following year", "1997-05-05")]
    assert _values("Work began late in March of last year.", "2001-10-10")[0][1] == "2000-03"


def test_afterwards_is_the_day_told_last_and_nothing_without_one():
    assert _values("The two ministers met on Saturday and described the talks afterwards as frank.", "2001-07-25") == \
        [("Saturday", "2001-07-21"), ("afterwards", "2001-07-21")]
    # a relative clause's earlier date is background: the story's Monday stays the day told
    assert _values("On Monday Ivanov met Kim. Ivanov, who signed the accord on February 9, 2000, said afterwards"
                   " that it held.", "2001-11-20")[-1] == ("afterwards", "2001-11-19")
    assert _values("He came in March. He said afterwards that it was good.", "2001-07-25") == [("March", "2001-03")]
    assert _values("Two days afterwards he left.", "2001-07-25") == [("Two days", "P2D")]
    assert _values("He said afterwards that it was good.", "2001-07-25") == []


def test_after_midnight_of_a_night_told_is_the_next_day_and_the_story_stays_at_the_night():
    values = _values("He landed late on Thursday and talked with Putin until after midnight; the next morning they"
                     " met the press, and by noon he had left.", "2001-10-06")
    assert values == [("Thursday", "2001-10-04"), ("midnight", "2001-10-05"), ("the next morning", "2001-10-05TMO"),
                      ("noon", "2001-10-05")]
    assert _values("On Friday they worked from early morning until midnight.", "2001-10-06")[-1] == \
        ("midnight", "2001-10-05")


def test_should_and_must_look_ahead_like_will():
    # anchor May 17: "should convene by September" is the coming September, "should have met" still looks back
    assert _values("He said the commission should convene no later than September.", "2001-05-17") == \
        [("September", "2001-09")]
    assert _values("He said the commission must meet in September.", "2001-05-17") == [("September", "2001-09")]
    assert _values("They should have met in September.", "2001-05-17") == [("September", "2000-09")]


def test_the_days_that_followed_are_the_week_of_the_day_told():
    assert _values("Blair met Putin on Thursday. In the days that followed, Moscow opened its airspace.",
                   "2001-10-08") == [("Thursday", "2001-10-04"), ("the days that followed", "2001-W40")]
