"""Seventh round (date14): the direction of a bare weekday or a yearless month-day from its own clause's
verb, and the story's day for anaphora. Sentences are our own; each rule has two differently worded ones,
the expected values reasoned in the comments."""
from events.extraction.timex import tag

# Thursday 8 March 2001: the Sunday just past is the 4th, the coming one the 11th; the Thursday a week
# back is 1 March, the coming one the 15th.
ANCHOR = "2001-03-08"


def values(text, anchor=ANCHOR):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_ahead_of_a_person_is_no_future_cue():
    # "ahead of" + a noun phrase that is not the date is order in space or time, not the future: the past
    # "arrived"/"came" governs, so Sunday is the one just past (4 March), not the coming one.
    v = values("The trade minister, who arrived in Warsaw ahead of his prime minister on Sunday, signed a protocol.")
    assert v["Sunday"] == "2001-03-04"
    v = values("Her deputy came to Riga ahead of the main delegation on Sunday and met the mayor.")
    assert v["Sunday"] == "2001-03-04"


def test_ahead_of_the_date_itself_still_looks_ahead():
    # "ahead of the weekend" speaks of the weekend to come: with nothing past around it, the coming one
    # (10-11 March 2001 is ISO week 10).
    assert values("Dealers sold their bonds ahead of the weekend.")["the weekend"] == "2001-W10-WE"


def test_a_present_verb_after_its_subject_pronoun_looks_ahead():
    # A simple present with a date of its own is a timetable or a temporal clause's future: "when he appears
    # in court again on Friday" is the coming Friday (9 March), though "hope to have him released" has
    # a "have" (an infinitive, no perfect) and a past-looking "released".
    v = values("His lawyers hope to have him released when he appears before the judge again on Friday.")
    assert v["Friday"] == "2001-03-09"
    # "who faces a vote on October 14": October 2000 is 145 days back and October 2001 220 ahead; the
    # present "faces" is a future cue, so the coming one, though "spoke" (the main clause) is past.
    v = values("The chancellor, who faces a hard election on October 14, spoke mostly about trade.")
    assert v["October 14"] == "2001-10-14"
    # The same with "which": the congress in November 2001 (238 days ahead) rather than 2000 (127 back).
    v = values("The party, which holds its congress on November 2, sent a delegate.")
    assert v["November 2"] == "2001-11-02"


def test_a_present_verb_of_saying_is_no_cue():
    # "who says" tells nothing of the date: the past "was" after it leaves the Tuesday just past (6 March).
    v = values("The spokesman, who says little, was in Minsk on Tuesday.")
    assert v["Tuesday"] == "2001-03-06"


def test_a_present_verb_after_the_date_in_another_clause_is_no_cue():
    # "which holds a stake" follows the date and is another clause's: it does not turn Tuesday ahead; the
    # sentence has nothing else, so the convention's Tuesday just past (6 March).
    v = values("The merger follows Tuesday's bid by the bank, which holds a stake in the firm.")
    assert v["Tuesday"] == "2001-03-06"


def test_a_date_of_a_relative_clause_is_no_story_day_for_the_next_sentence():
    # The story's day is "yesterday" (7 March); "who flew in on Monday" and "who faces a vote on October 14"
    # are background in relative clauses. "that morning" of the next sentence is the story's day, and "the
    # day before" counts from it (6 March).
    v = values("The premier received two guests yesterday. The first, who flew in on Monday, talked about gas; "
               "the second, who faces an election on October 14, talked about loans. Their aides had met that "
               "morning, and had spoken by telephone the day before.")
    assert v["Monday"] == "2001-03-05"
    assert v["that morning"] == "2001-03-07TMO"
    assert v["the day before"] == "2001-03-06"
    # A "that" clause likewise: "the reshuffle announced on Monday" is what was promised, not the story's
    # day; the evening is yesterday's.
    v = values("The president gave his guest a promise yesterday that the reshuffle announced on Monday would "
               "change nothing. The evening ended with a concert.")
    assert v["The evening"] == "2001-03-07TEV"


def test_a_relative_clause_date_still_counts_within_its_own_sentence():
    # Inside its own sentence, "the next day" counts from the relative clause's Monday (5 March): 6 March.
    v = values("The envoy, who landed on Monday, left for Vilnius the next day.")
    assert v["the next day"] == "2001-03-06"


def test_a_past_day_part_keeps_the_story_day_across_paragraphs():
    # "The evening was spent ..." is told in the past: it goes on with the story's Tuesday (6 March) however
    # many paragraphs back it was named, and "the next day" counts from it (7 March). A future date in a
    # relative clause between them ("which opens on May 2") changes nothing.
    text = ("The foreign ministers met in Oslo on Tuesday.\n\nThey spoke about fishing quotas.\n\n"
            "The two sides will meet again at the summit, which opens on May 2.\n\n"
            "The evening was spent at the opera, and the guests flew home the next day.")
    v = values(text)
    assert v["The evening"] == "2001-03-06TEV"
    assert v["the next day"] == "2001-03-07"
    # In the present the story's day lapses after two paragraph breaks: the issue day (see round 13).
    text = ("The foreign ministers met in Oslo on Tuesday.\n\nThey spoke about quotas.\n\n"
            "The evening brings a reception.")
    assert values(text)["The evening"] == "2001-03-08TEV"


def test_a_demonstrative_that_opens_no_clause():
    # "after that round on Monday": "that" is a demonstrative, so Monday (5 March) is the story's day, and the
    # bare "The evening" of the next sentence is Monday's.
    v = values("The sides signed a protocol after that round on Monday. The evening ended with a dinner.")
    assert v["The evening"] == "2001-03-05TEV"


def test_a_relative_clause_date_that_moves_the_story_on_is_its_day():
    # Only a background date is skipped: one after the issue day or before the story's day. "who joined him on
    # Tuesday" (6 March) lies after the story's Monday (5 March) and before the issue day: the story moves to
    # it, and "The evening" of the next sentence is Tuesday's.
    v = values("The minister came to Riga on Monday. His deputy, who joined him there on Tuesday, signed a "
               "protocol. The evening was spent at the opera.")
    assert v["The evening"] == "2001-03-06TEV"
