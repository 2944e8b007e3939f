"""Tense and modality around a time expression: does its clause speak of the future or the past?

    tense_cue(text, start, end) -> "future" | "past" | None
    tense_cue_strength(text, start, end) -> (tense, strong)

The cue words are data (data/timex_words.json, "tense_cues"). Used by timex_resolve to choose the year
of a date written without one, and the week of a bare weekday. Plain Python, no Django.
"""
import re

from .timex_vocab import TENSE_CUES

# Strong cues are auxiliaries and modals; weak ones are past-tense verbs and forward-looking words
# (word lists: data/timex_words.json, "tense_cues").
STRONG_FUTURE = TENSE_CUES["strong_future"]
STRONG_PAST = TENSE_CUES["strong_past"]
PLAN_WORDS = TENSE_CUES["plan_words"]
WEAK_FUTURE = TENSE_CUES["weak_future"]
IRREGULAR_PAST = TENSE_CUES["irregular_past"]
NOT_PAST = TENSE_CUES["not_past"]
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def _cue(words, i, modal_may=True):
    """(strength, tense) of words[i] in its context, or None. Strength 2 = auxiliary/modal/plan; the modal
    "may" counts only before the date (after it, "on Tuesday said the United States may ..." is about what
    was said)."""
    w = words[i].lower()
    prev = words[i - 1].lower() if i else ""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if _future_auxiliary(w, prev, nxt) or (modal_may and _modal_may(words[i], nxt)):
        return 2, "future"
    if w in PLAN_WORDS:
        return _plan_cue(w, prev, words[i - 2].lower() if i > 1 else "", nxt)
    return _word_cue(w)


def _future_auxiliary(w, prev, nxt):
    """"will", "shall", "would"..., "is/are to", "going to"."""
    return w in STRONG_FUTURE or (w == "to" and prev in ("is", "are")) or (w == "going" and nxt == "to")


def _modal_may(word, nxt):
    """The modal "may" (lower-case: not the month) before a verb, not "may have": it looks ahead as "will"
    does ("was put off ... and may now take place in October": the coming October, whatever the past
    auxiliary before it)."""
    return word == "may" and nxt not in ("have", "well")


def _plan_cue(w, prev, prev2, nxt):
    """A plan word looks ahead, unless it is no plan ("set" without "for"/"to"; "lower-than-expected",
    "as planned" say nothing of the date) or the plan lies in the past ("had been scheduled to expire")."""
    if (w == "set" and nxt not in ("for", "to")) or prev in ("than", "as"):
        return None
    if prev in ("had", "previously") or (prev == "been" and prev2 == "had"):
        return 2, "past"
    return 2, "future"


def _word_cue(w):
    """The cue of a word on its own: a past auxiliary, a forward-looking word, a past-tense verb."""
    if w in STRONG_PAST:
        return 2, "past"
    if w in WEAK_FUTURE:
        return 1, "future"
    if w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and w not in NOT_PAST):
        return 1, "past"
    return None


def tense_cue(text, start, end, before_chars=100, after_chars=60):
    """'future', 'past' or None for the mention text[start:end] (see tense_cue_strength)."""
    return tense_cue_strength(text, start, end, before_chars, after_chars)[0]


def tense_cue_strength(text, start, end, before_chars=100, after_chars=60):
    """(tense, strong): the verb right before the mention (within three words) if it is a cue,
    else the nearest strong cue before it in its sentence, else the nearest weak one; failing
    those, the same search in the few words after it. strong = an auxiliary, modal or plan word."""
    found = _cue_before(_after_last(_SENTENCE_END, text[max(0, start - before_chars):start]))
    if found[0]:
        return found
    right = text[end:end + after_chars]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[:stop.start()]
    words = _WORD.findall(right)[:8]
    return _first_cue(words, range(len(words)), modal_may=False)


# A clause ends at punctuation or a word that opens another clause ("Aliev, who is expected in Moscow
# next month, arrived in Tbilisi on Friday": "is expected" is not the arrival's tense).
_CLAUSE_OPENERS = {"who", "whom", "whose", "which", "that", "where", "while", "whereas", "but", "although"}
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\u2013\u2014]|\s-\s|--")


def weekday_tense(text, start, end, before_chars=100):
    """Tense for a bare weekday ("on Friday"): the verb right before it (within three words) if it is a
    cue; else the first strong, then weak, cue of its own clause (back to a comma, dash, parenthesis or a
    word opening another clause); only when its clause has none, tense_cue's wider search. So a weekday
    in a past-tense clause resolves backwards even when another clause of the sentence looks ahead."""
    left = _after_last(_CLAUSE_PUNCTUATION, _after_last(_SENTENCE_END, text[max(0, start - before_chars):start]))
    words = _WORD.findall(left)
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _CLAUSE_OPENERS:
            words = words[i + 1:]
            break
    return _cue_before(words)[0] or tense_cue(text, start, end)


def _after_last(pattern, text):
    """The text after the last match of `pattern` (all of it when none)."""
    cut = None
    for cut in pattern.finditer(text):
        pass
    return text[cut.end():] if cut else text


def _cue_before(words_or_text):
    """(tense, strong) of the words before a mention (a list, or the text to split): the verb right
    before it (within three words) if it is a cue, else the first strong, then weak, cue further back."""
    words = _WORD.findall(words_or_text) if isinstance(words_or_text, str) else words_or_text
    last = len(words) - 1
    for i in range(last, max(-1, last - 3), -1):
        c = _cue(words, i)
        if c:
            return c[1], c[0] == 2
    return _first_cue(words, range(last - 3, -1, -1))


def _first_cue(words, order, modal_may=True):
    """(tense, strong) of the first strong cue in `order`, else of the first weak one, else (None, False)."""
    weak = None
    for i in order:
        c = _cue(words, i, modal_may)
        if c:
            if c[0] == 2:
                return c[1], True
            weak = weak or c[1]
    return weak, False
