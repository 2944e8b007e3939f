"""A name's initial ("George W. Bush", "John F. Kennedy") is no sentence end when the tagger looks for the clause
of a date: a date in a relative or "that" clause after such a name is background, so the story's day stays the one
of the main clause. Sentences are our own; the expected values reasoned in the comments."""
from events.extraction.timex import tag

# Monday 14 May 2001: the Friday just past is the 11th.
ANCHOR = "2001-05-14"


def values(text, anchor=ANCHOR):
    return {text[t["start"]:t["end"]]: t["value"] for t in tag(text, anchor)}


def test_a_date_in_a_that_clause_after_an_initial_is_not_the_story_day():
    # "May 2" is when the plan was announced (background); the envoy's day is Friday the 11th, so "In the
    # afternoon" and "that evening" of the next sentence are the 11th's.
    v = values("The envoy spent Friday in Berlin explaining the plan that President George W. Bush announced "
               "on May 2. In the afternoon he met the chancellor, and that evening he flew home.")
    assert v["May 2"] == "2001-05-02"
    assert v["the afternoon"] == "2001-05-11TAF"
    assert v["that evening"] == "2001-05-11TEV"
    # A relative clause after "John F. Kennedy": the airport named on May 3 is background to Friday's talks.
    v = values("The delegates met on Friday at a hall which the John F. Kennedy foundation opened on May 3. "
               "At noon they signed the accord.")
    assert v["noon"] == "2001-05-11"


def test_a_date_in_the_main_clause_after_an_initial_still_moves_the_story():
    # No relative clause: "President George W. Bush spoke on May 9" is the story's day itself.
    v = values("The envoy arrived on Friday. President George W. Bush spoke on May 9. In the morning he "
               "received the envoy.")
    assert v["the morning"] == "2001-05-09TMO"
