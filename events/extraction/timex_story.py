"""The story's time for the temporal tagger's anaphora (timex_resolve): where a sentence ends, which day a bare
"the afternoon" of a later sentence belongs to, and which dates name a thing rather than the story's time.
Plain Python, no Django imports.
"""
import re

# A sentence ends between two offsets: a full stop (or ! ?) and a capital after it, or a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+[\"\u201c(]?[A-Z]|\n")
_ABBREVIATION = re.compile(r"(?:^|[\s.])[A-Z][a-z]{0,2}$")
# "the incident of ", "the elections of ": a date after it names a thing (names_a_thing).
_OF_A_NOUN = re.compile(r"\b[a-z]{4,}\s+of\s+$")


def sentence_ends(text, start, end):
    """Does a sentence end in text[start:end] (its full stop in it, the next sentence starting at `end` at the
    latest)? Not at an abbreviation's full stop ("St. Petersburg", "U.S.
    officials", "Mr. Ivanov")."""
    # The capital after the full stop may be the first letter at `end` itself ("... nothing. The evening").
    for match in _SENTENCE_END.finditer(text, start, min(len(text), end + 2)):
        if match.start() >= end:
            break
        if _is_sentence_end(text, match):
            return True
    return False


def _is_sentence_end(text, stop) -> bool:
    """A _SENTENCE_END match that ends a sentence: not an abbreviation's or an initial's full stop."""
    return stop.group() == "\n" or not _ABBREVIATION.search(text, max(0, stop.start() - 4), stop.start())


def story_day_of(text, story_day, start, today, clause_tense):
    """The day of a bare part of a day at `start` with no day named before it in its sentence: the story's
    day (end offset, day), the last day other than the issue day named before it in this paragraph or the
    one before ("The talks opened yesterday. In the morning ..."; the reference time, as HeidelTime takes
    it), or any paragraph before when the clause is told in the past ("The evening was spoiled by ..." goes
    on with the story however far back its day was named); None when there is none, it lies beyond two
    paragraph breaks and the clause is not past, or it is past and the clause looks ahead (clause_tense() ==
    "future": "will speak in the evening")."""
    if story_day is None:
        return None
    tense = clause_tense()
    if story_day[1] < today and tense == "future":
        return None
    if text.count("\n\n", story_day[0], start) > 1 and tense != "past":
        return None
    return story_day[1]


def _last_sentence_start(left):
    """Where the last sentence of `left` begins (0 when none ends in it), not after an abbreviation's or an
    initial's full stop: in "plans that President George W. Bush set out on May 1" the clause still opens at
    "that" (a "W. Bush" taken for a sentence end made that date the story's day)."""
    begin = 0
    for stop in _SENTENCE_END.finditer(left):
        if _is_sentence_end(left, stop):
            begin = stop.end() - 1
    return begin


def names_a_thing(text, start, last_day):
    """A date after "<noun> of" following a day named earlier in its sentence ("protested on Tuesday over
    the shelling of February 20"): it names what was talked about, not the story's time, so "the same day"
    after it is still Tuesday. With no day before it in its sentence ("The accord of May 5 was signed.") it
    is the story's time."""
    return (last_day is not None and bool(_OF_A_NOUN.search(text, max(0, start - 30), start))
            and not sentence_ends(text, last_day[0], start))


# A subordinate clause's opening word: a relative pronoun or "that" ("Chirac, who arrived on Wednesday night,",
# "the promise that the change announced on Monday would not ..."; "that" only before a name, a determiner or
# a pronoun: "after that meeting on Monday" is a demonstrative). The clause of a date is found by going back
# from it to the first of these or to punctuation (a comma, semicolon, colon, dash, parenthesis).
_CLAUSE_BOUND = re.compile(r"[,;:()\u2013\u2014]|\s-\s|--|\b(?:who|whom|whose|which|where)\b|\bthat\s+(?=[A-Z]|(?:"
                           r"the|a|an|he|she|it|they|we|his|her|its|their|there|no|some|any|all|both)\b)")


def in_subordinate_clause(text, start):
    """Is the date at `start` told in a relative or "that" clause of its sentence ("Kohl, who faces an
    election on May 5, spoke ..."; "a promise that the reshuffle announced on Monday would change nothing")?
    Such a date is background to its sentence: the narrative does not move to it, so it is no story day for
    a later "that morning" or "the evening". A date in the main clause ("met on Monday, when ...") is."""
    left = text[max(0, start - 160):start]
    left = left[_last_sentence_start(left):]
    bound = None
    for bound in _CLAUSE_BOUND.finditer(left):
        pass
    return bound is not None and bound.group()[:1].isalpha()


# A past perfect in the date's own clause: "had sent", "had already flown", "had been expected" (a participle:
# -ed/-en/-wn or an irregular ending; "had talks", "had lunch" are a simple past of "have").
_PLUPERFECT = re.compile(r"\bhad\s+(?:(?:already|just|not|never|earlier|also|previously|first|only|twice|once)\s+)*"
                         r"(?:been|[a-z]+(?:ed|en|wn|ne|nt|lt|ld|ft|et|ght|id|ok|un|ung|ome|ade|ad|ood)\b)")


def own_clause_start(text, start):
    """Where the clause of the date at `start` begins: after the last clause boundary (_CLAUSE_BOUND) or
    sentence end before it, at most 160 characters back."""
    offset = max(0, start - 160)
    left = text[offset:start]
    begin = _last_sentence_start(left)
    bound = None
    for bound in _CLAUSE_BOUND.finditer(left, begin):
        pass
    return offset + (bound.end() if bound is not None else begin)


def is_flashback(text, start, value, story_day):
    """Is the date `value` at `start` told in the past perfect of its own clause ("Yeltsin had sent a message
    the day before") and before the story's day? The narrative steps back to it and returns: a later "the
    night", "that evening" belongs to the story's day, not to the flashback's."""
    if story_day is None or value >= story_day[1]:
        return False
    return bool(_PLUPERFECT.search(text, own_clause_start(text, start), start))


def is_background(text, start, value, today, story_day):
    """Is the date `value` at `start` one the story does not move to: told in a relative or "that" clause
    (in_subordinate_clause) and either after the issue day `today` ("who faces an election on May 5") or before
    the story's day (a flashback: "whom the president named on Monday", told of Thursday); or a flashback of
    its own clause's past perfect (is_flashback)?"""
    # (the comparisons first: cheap, most dates fail them, and both tests below need one of them to hold)
    if not (value > today or (story_day is not None and value < story_day[1])):
        return False
    if not in_subordinate_clause(text, start):
        return _temporal_flashback(text, start, value, story_day) or _since_clause(text, start, value, story_day)
    return True


# "since" opening a clause whose verb the date follows ("their first round since Clinton announced on September 1"):
# up to six words between, no punctuation.
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w'\u2019.-]+\s+){1,6}$", re.I)


def _since_clause(text, start, value, story_day):
    """A date before the story's day told in a "since" clause: the start of a span the story looks back over, a
    step back it does not move to ("the afternoon" of the next sentence is still the story's day)."""
    low = max(0, start - 60)
    return story_day is not None and value < story_day[1] and text.find("ince", low, start) >= 0 and \
        bool(_SINCE_CLAUSE.search(text, low, start))  # (str.find first: most windows hold no "since", "Since")


# A temporal clause opening the date's own clause: "..., after the ambassador had been called in on Wednesday".
_TEMPORAL_OPENER = re.compile(r"\s*(?:after|before|when|once|since)\b", re.I)


def _temporal_flashback(text, start, value, story_day):
    """A past perfect in a temporal clause after its main clause's date ("made it public on Thursday, after the
    ambassador had been called in on Wednesday evening"): a step back the story does not move to, so "the same
    day" of the next sentence is still Thursday."""
    return bool(_TEMPORAL_OPENER.match(text, own_clause_start(text, start))) and is_flashback(text, start, value, story_day)
