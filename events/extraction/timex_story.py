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
    """Does a sentence end in text[start:end]? Not at an abbreviation's full stop ("St. Petersburg", "U.S.
    officials", "Mr. Ivanov")."""
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group() == "\n" or not _ABBREVIATION.search(text, max(0, match.start() - 4), match.start()):
            return True
    return False


def story_day_of(text, story_day, start, today, clause_tense):
    """The day of a bare part of a day at `start` with no day named before it in its sentence: the story's
    day (end offset, day), the last day other than the issue day named before it in this paragraph or the
    one before ("The talks opened yesterday. In the morning ..."; the reference time, as HeidelTime takes
    it); None when there is none, it lies beyond two paragraph breaks, or it is past and the clause looks
    ahead (clause_tense() == "future": "will speak in the evening")."""
    if story_day is None or text.count("\n\n", story_day[0], start) > 1:
        return None
    if story_day[1] < today and clause_tense() == "future":
        return None
    return story_day[1]


def names_a_thing(text, start, last_day):
    """A date after "<noun> of" following a day named earlier in its sentence ("protested on Tuesday over
    the shelling of February 20"): it names what was talked about, not the story's time, so "the same day"
    after it is still Tuesday. With no day before it in its sentence ("The accord of May 5 was signed.") it
    is the story's time."""
    return (last_day is not None and bool(_OF_A_NOUN.search(text, max(0, start - 30), start))
            and not sentence_ends(text, last_day[0], start))
