"""Tense and modality around a time expression: does its clause speak of the future or the past?

    tense_cue(text, start, end) -> "future" | "past" | None
    tense_cue_strength(text, start, end) -> (tense, strong)

The cue words are data (data/timex_words.json, "tense_cues"). Used by timex_resolve to choose the year
of a date written without one, and the week of a bare weekday. Plain Python, no Django.
"""
import re

from .timex_vocab import TENSE_CUES, number_words

# Strong cues are auxiliaries and modals; weak ones are past-tense verbs and forward-looking words
# (word lists: data/timex_words.json, "tense_cues").
STRONG_FUTURE = TENSE_CUES["strong_future"]
STRONG_PAST = TENSE_CUES["strong_past"]
PLAN_WORDS = TENSE_CUES["plan_words"]
WEAK_FUTURE = TENSE_CUES["weak_future"]
IRREGULAR_PAST = TENSE_CUES["irregular_past"]
NOT_PAST = TENSE_CUES["not_past"]
TIMETABLE_PRESENT = TENSE_CUES["timetable_present"]
TIMETABLE_BASE = TENSE_CUES["timetable_base"]
PRESENT_NO_CUE = frozenset(TENSE_CUES["present_no_cue"])
PLAN_FOR_VERBS = TENSE_CUES["plan_for_verbs"]
PLAN_FOR_PREPOSITIONS = TENSE_CUES["plan_for_prepositions"]
PROSPECTIVE_HEADS = TENSE_CUES["prospective_heads"]
ORDINAL_TENSES = (("past", TENSE_CUES["ordinal_past"]), ("future", TENSE_CUES["ordinal_future"]))
ORDINALS = TENSE_CUES["ordinal_past"] | TENSE_CUES["ordinal_future"]
HAPPENING_NOUNS = TENSE_CUES["happening_nouns"]
# Before a plural present ("the two leaders meet Monday") these make it no finite verb: an infinitive, an
# auxiliary's or modal's complement, a negation, a noun after a determiner ("his visit Monday").
_NOT_FINITE_BEFORE = frozenset({"to", "not", "never", "do", "does", "did", "don't", "doesn't", "didn't", "can",
                                "could", "may", "might", "must", "should", "will", "would", "shall", "'ll", "the",
                                "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "'s"})
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
# The end of a sentence for the clause analysis: a full stop before a capital, unless it ends an abbreviation
# ("Jan. 3", "Nov. 16", "Mr. Ivanov", "St. Petersburg", "U.S. officials"); "!", "?", ";" or a line break.
_STOP = re.compile(r"[!?;]\s|\n|\.[\"'\u201d\u2019)]*\s+(?=[\"'(\u201c\u2018]?[A-Z])")
_ABBREVIATION = re.compile(r"(?:^|[\s.(])(?:[A-Z][a-z]?|[A-Za-z]\.[A-Za-z]|Gen|Col|Sen|Rep|Gov|Mrs|Maj|Capt|Sgt|Adm|Lt|Ft|"
                           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$")


def _stops(text):
    """The real sentence ends in `text` (_STOP without abbreviations' full stops)."""
    return [m for m in _STOP.finditer(text) if m.group()[0] != "." or not _ABBREVIATION.search(text, 0, m.start())]


def _sentence_before(text, start, chars):
    """The text of the mention's sentence before it (at most `chars` characters)."""
    # One character more: a sentence end is seen by the capital after it, which may be the mention's own
    # first letter ("... would change nothing. The evening ended").
    left = text[max(0, start - chars):start + 1]
    cut = len(left) - (start < len(text))
    stops = _stops(left)
    return left[stops[-1].end():cut] if stops else left[:cut]


def _sentence_after(text, end, chars):
    """The text of the mention's sentence after it (at most `chars` characters)."""
    right = text[end:end + chars]
    stops = _stops(right)
    return right[:stops[0].start()] if stops else right


def _cue(words, i, modal_may=True):
    """(strength, tense) of words[i] in its context, or None. Strength 2 = auxiliary/modal/plan; the modal
    "may" counts only before the date (after it, "on Tuesday said the United States may ..." is about what
    was said)."""
    w = words[i].lower()
    prev = words[i - 1].lower() if i else ""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if _future_auxiliary(w, prev, nxt) or (modal_may and _modal_may(words[i], nxt)) or _prospective_to(words, i):
        return 2, "future"
    if w in PLAN_WORDS:
        return _plan_word_cue(words, i, w, prev, nxt)
    return _other_cue(words, i, w, prev, nxt, modal_may)


def _plan_word_cue(words, i, w, prev, nxt):
    """_plan_cue, unless the plan word is a noun or a title's ("signed an action plan on Friday", "the Action
    Plan"): an object, no plan ahead."""
    if _plan_noun(words[i], prev, nxt) or (i and words[i][:1].isupper()):
        return None
    return _plan_cue(w, prev, words[i - 2].lower() if i > 1 else "", nxt)


# A plan word after a determiner is a noun ("signed a plan", "the plans"); it looks ahead only with what is
# planned after it ("the plan to meet in May", "plans for talks in June").
_BEFORE_PLAN_NOUN = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "this", "that", "action", "peace"})


def _plan_noun(word, prev, nxt):
    return word.lower() in ("plan", "plans") and prev in _BEFORE_PLAN_NOUN and nxt not in ("to", "for")


def _other_cue(words, i, w, prev, nxt, modal_may):
    """_cue of a word that is no future auxiliary, modal or plan word."""
    if _says_nothing(w, prev, nxt, modal_may) or _ahead_of_another(words, i, nxt):
        return None
    if prev == "had" and w in WEAK_FUTURE and w.endswith("ed"):
        return 2, "past"  # "the pipelines he had proposed in the spring": a past perfect, as "had planned" is
    return _wanted(words, i, _word_cue(w)) or _present_cue(w, prev, modal_may)


def _ahead_of_another(words, i, nxt):
    """"ahead of" + more than a word before the date: order in place or time ("flew in ahead of his minister
    on Sunday"), no future; right before the date ("ahead of the weekend") it looks ahead."""
    return words[i].lower() == "ahead" and nxt == "of" and i + 3 < len(words)


def _present_cue(w, prev, modal_may):
    """_present_of_a_subject, before the date only (modal_may: after it, "Tuesday's offer by the firm, which
    holds a stake" is another clause's)."""
    return _present_of_a_subject(w, prev) if modal_may else None


def _says_nothing(w, prev, nxt, modal_may):
    """Cue words that are none here: "next" in "the next day" (it counts from a day of the story, past or
    not), "could" after the date, as "may" ("by Monday the general could declare victory": a past
    ability; weekday_tense still lets it look ahead when nothing else speaks), and "have" after "to" (an
    infinitive: "hope to have him released" is no perfect), and a participle after "be" or "being" (a passive:
    "is to be held in October" takes its tense from the auxiliary before it, "is to", not from "held")."""
    return ((w == "next" and prev == "the") or (w == "could" and not modal_may) or (w == "have" and prev == "to")
            or (prev in ("be", "being") and (w.endswith("ed") or w in IRREGULAR_PAST)))


def _wanted(words, i, found):
    """`found`, unless it is a past form within three words after a verb of wanting: then what is wanted,
    ahead ("wants it held before the summer")."""
    if found == (1, "past") and _VOLITION.intersection(x.lower() for x in words[max(0, i - 3):i]):
        return 1, "future"
    return found


def _present_of_a_subject(w, prev):
    """(1, "future") for a third-person present verb right after its subject pronoun or relative pronoun
    ("who faces an election on May 5", "when he appears in court on Thursday"): a simple present with a date
    of its own is a timetable or a temporal clause's future, not a habit; else None. Verbs of saying,
    thinking and being (PRESENT_NO_CUE: "who says", "it remains") tell nothing of the date."""
    if prev not in _SUBJECTS or len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s")):
        return None
    return None if w in PRESENT_NO_CUE else (1, "future")


_SUBJECTS = frozenset({"he", "she", "it", "who", "which"})


# A past form within three words after a verb of wanting is its complement ("wants the vote held before the
# summer", "hopes it finished by May"), no past tense.
_VOLITION = frozenset({"want", "wants", "wish", "wishes", "hope", "hopes", "intend", "intends", "expect", "expects"})


def _future_auxiliary(w, prev, nxt):
    """"will", "shall", "would"..., "is/are to", "going to"."""
    return w in STRONG_FUTURE or (w == "to" and prev in ("is", "are")) or (w == "going" and nxt == "to")


def _prospective_to(words, i):
    """Is words[i] the "to" of an infinitive after a head that looks ahead ("an invitation to visit", "agreed to
    meet", "promised to come": PROSPECTIVE_HEADS), the date being the infinitive's? Its date lies after the
    accepting, agreeing or promising, however past that is ("accepted an invitation to visit Moscow in the
    autumn"). Not "an invitation to the ceremony on Saturday" (a noun after "to"), nor a date in a time adjunct of
    its own ("agreed to set it up during Putin's visit in October": the visit's date)."""
    if i == 0 or i + 1 >= len(words) or words[i].lower() != "to" or words[i - 1].lower() not in PROSPECTIVE_HEADS:
        return False
    if words[i + 1].lower() in _NOT_FINITE_BEFORE or words[i + 1][:1].isupper():
        return False
    return not any(w.lower() in _TIME_ADJUNCT for w in words[i + 2:])


_TIME_ADJUNCT = frozenset({"during", "after", "before", "since", "following", "when"})


def _modal_may(word, nxt):
    """The modal "may" (lower-case: not the month) before a verb, not "may have": it looks ahead as "will"
    does ("was put off ... and may now take place in October": the coming October, whatever the past
    auxiliary before it)."""
    return word == "may" and nxt not in ("have", "well")


def _plan_cue(w, prev, prev2, nxt):
    """A plan word looks ahead, unless it is no plan ("set" without "for"/"to"; "lower-than-expected",
    "as planned" say nothing of the date) or the plan lies in the past ("had been scheduled to expire")."""
    if w == "set" and nxt == "up" and prev not in _AUXILIARY:
        return 1, "past"  # "the task group, set up in Istanbul on April 2": founded, a past participle
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
    found = _cue_before(_after_last(_SENTENCE_END, _before_without_report_asides(text, start, before_chars)))
    if found[0]:
        return found
    right = text[end:end + after_chars]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[:stop.start()]
    words = _WORD.findall(right)[:8]
    return _first_cue(words, range(len(words)), modal_may=False)


# A report set off by commas inside the clause ("will meet in July and, aides said, in November"): the saying
# is not the clause's tense. Up to three words of speaker, then a verb of saying.
_REPORT_ASIDE = re.compile(r",\s+(?:[A-Za-z'.-]+\s+){1,3}(?:said|say|says|added|adds|noted|notes|believe|believes|"
                           r"believed|reported|reports)\s*,\s+")
# How much more text is read before a mention when a report aside is taken out of it.
_ASIDE_ROOM = 60


def _before_without_report_asides(text, start, chars):
    """The last `chars` characters before the mention once report asides are taken out (the text as it is
    when there is none)."""
    window = text[max(0, start - chars - _ASIDE_ROOM):start]
    stripped = _REPORT_ASIDE.sub(" ", window)
    return stripped[-chars:] if stripped != window else window[-chars:]


# A clause ends at punctuation or a word that opens another clause ("Aliev, who is expected in Moscow
# next month, arrived in Tbilisi on Friday": "is expected" is not the arrival's tense).
_CLAUSE_OPENERS = {"who", "whom", "whose", "which", "that", "where", "while", "whereas", "but", "although", "when",
                   "if", "once", "unless"}
# Words and the punctuation that bounds clauses and asides, in order.
_TOKEN = re.compile(r"[A-Za-z']+|[,;:()\u2013\u2014]|\s-\s|--")
# A relative clause set off by commas ("Sergeev, who travels with his president, spent ..."): an aside
# whose tense is its own, not the clause's around it.
_RELATIVE = {"who", "whom", "whose", "which", "where"}


def weekday_tense(text, start, end, before_chars=100, after_chars=120):
    """Tense for a bare weekday ("on Friday", "Tuesday afternoon"): governing_tense, else tense_cue's wider
    search. So a weekday in a past-tense clause resolves backwards even when another clause of the sentence
    looks ahead."""
    found = governing_tense(text, start, end, before_chars, after_chars)[0] or tense_cue(text, start, end)
    if found is None and _COULD.search(_sentence_after(text, end, after_chars)):
        return "future"  # "On Monday the parliament could vote": a possibility when nothing says past
    return found


# "could" after a date is the past of "can" or a possibility: it decides only when no other cue does.
_COULD = re.compile(r"\bcould\b")


def governing_tense(text, start, end, before_chars=100, after_chars=120):
    """(tense, strong) of the verb that governs the mention text[start:end] in its clause, or (None, False).

    1. Its own clause before it (back to a comma, dash, parenthesis or a word opening another clause), with
       any relative clause set off by commas taken out: the verb right before it (within three words) if it
       is a cue, else the first strong, then weak, cue of that clause. A date in a relative clause thus takes
       that clause's tense, and a date after one takes the tense around it ("X, who travels with his
       president, spent Tuesday afternoon with Y": spent).
    2. A date in an opening phrase, or before its clause's verb, is governed by the verb that follows it
       ("After two hours in the Oval Office on Tuesday, Bush announced that ... would ...": announced, not the
       "that" clause's "would"): the first cue after it, up to a word opening a subordinate clause."""
    words = _own_clause(_drop_asides(_TOKEN.findall(_sentence_before(text, start, before_chars))))
    found = _cue_before(words, governing=True)
    if found[0]:
        return found
    return _cue_after(_drop_asides(_TOKEN.findall(_sentence_after(text, end, after_chars))))


def definite_tense(text, start, end, before_chars=100, after_chars=120):
    """'past', 'future' or None: a tense sure enough to outweigh the occurrence nearest the anchor when the
    year of a month or month-day is chosen (timex_year). Only two kinds are: a simple past verb governing
    the date from right before it (within three words of its own clause: "changed to a calendar year in
    December", "the year ended Jan. 31") or as the first verb after an opening phrase ("In January, the
    company brought in a new chief"); and a future auxiliary of its own clause ("will", "shall", "is to",
    "going to": "will be named commander for a mission in December"). A participle after an auxiliary
    ("will be paid Dec. 14", "had been set to expire Nov. 6"), a perfect ("has extended ... through
    January") or "would" (a future seen from the past) are not: their dates go either way."""
    words = _own_clause(_drop_asides(_TOKEN.findall(_sentence_before(text, start, before_chars))))
    ordinal = _ordinal_happening(words)
    if ordinal:
        return ordinal
    if _planned_for(words):
        return None  # "extended the offer to Nov. 20": the plan's date, not the past of the planning
    last = len(words) - 1
    for i in range(last, max(-1, last - 3), -1):
        if _simple_past(words, i):
            return "past"
    if any(_definite_future(words, i) for i in range(len(words))):
        return "future"
    if not _opening_phrase(words) or _cue_before(words, governing=True)[0]:
        return None
    return _definite_after(_TOKEN.findall(_sentence_after(text, end, after_chars)))


# How far before the date a "last meeting" or "next summit" is looked for ("their last meeting in Paris in"), and
# how many words may stand between the ordinal and the noun ("the next Russia-EU summit").
_ORDINAL_REACH = 7
_ORDINAL_GAP = 3


def _ordinal_happening(words):
    """'past' or 'future' when the date belongs to a happening named as the last or the next of its kind right before
    it ("as at their last meeting in Paris in October": the October over; "at the next summit in May": the May
    ahead), else None."""
    tail = [w.lower() for w in words[-_ORDINAL_REACH:]]
    if ORDINALS.isdisjoint(tail):  # (most dates: no "last" or "next" before them, nothing to look for)
        return None
    for i, word in enumerate(tail):
        tense = next((tense for tense, ordinals in ORDINAL_TENSES if word in ordinals), None)
        if tense and any(w in HAPPENING_NOUNS for w in tail[i + 1:i + 1 + _ORDINAL_GAP]):
            return tense
    return None


# Words an opening phrase of time or place begins with ("In January, ...", "On January 3 the ...", "Early
# in March ..."); a date in a noun phrase ("The meeting of July 21-23 drew ...") is no opening phrase.
_OPENING = frozenset({"in", "on", "at", "after", "before", "during", "following", "since", "by", "until", "from",
                      "early", "late", "later", "earlier", "through", "throughout", "over", "within", "around",
                      "toward", "towards", "between", "upon", "ahead", "as", "then", "and", "but", "so"})


# Conjunctions before an opening phrase ("and in January, ..."); followed by a noun ("and the collapse of the
# ruble in August will cut ...") they open a clause whose subject the date is inside, no opening phrase.
_CONJUNCTIONS = frozenset({"and", "but", "so", "then"})


def _opening_phrase(words):
    """Do the clause's words before the date open with a phrase of time or place ("In January", "and in May")?"""
    if not words or words[0].lower() not in _OPENING:
        return False
    return words[0].lower() not in _CONJUNCTIONS or (len(words) > 1 and words[1].lower() in _OPENING)


def _definite_after(tokens):
    """definite_tense of the first verb after an opening phrase, up to a subordinate clause."""
    words = _main_words(_drop_asides(tokens))
    for i in range(len(words)):
        if _simple_past(words, i):
            return "past"
        if _definite_future(words, i):
            return "future"
        if _governing_cue(words, i, modal_may=False):
            return None
    return None


_AUXILIARY = frozenset({"be", "been", "being", "is", "are", "was", "were", "am", "has", "have", "had", "having",
                        "get", "gets", "got", "to", "will", "would", "shall", "can", "could", "may", "might",
                        "must", "should", "not", "'ll", "'s", "'re", "'ve", "'d"})
_DEFINITE_FUTURE = frozenset({"will", "shall", "'ll", "won't"})


# A verb is followed by its object or an adjunct, an adjective ("preferred shares", "a reduced dividend")
# by a noun: an -ed word counts as a verb only before one of these, or right before the date.
_AFTER_VERB = frozenset({"in", "on", "at", "to", "from", "for", "by", "with", "into", "out", "up", "down", "off",
                         "over", "back", "the", "a", "an", "its", "his", "her", "their", "this", "that", "some"})


def _simple_past(words, i):
    """Is words[i] a past-tense verb of its own (not a participle after an auxiliary, an adjective before
    its noun, or a plan word)?"""
    w = words[i].lower()
    if w in PLAN_WORDS or not _word_cue(w) == (1, "past"):
        return False
    if w not in IRREGULAR_PAST and i + 1 < len(words) and words[i + 1].lower() not in _AFTER_VERB:
        return False
    return i == 0 or words[i - 1].lower() not in _AUXILIARY


def _definite_future(words, i):
    w = words[i].lower()
    prev = words[i - 1].lower() if i else ""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return w in _DEFINITE_FUTURE or (w == "to" and prev in ("is", "are")) or (w == "going" and nxt == "to")


def _drop_asides(tokens):
    """The tokens without the relative clauses set off by commas (", who ... ,") and closed parentheses."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        close = _aside_end(tokens, i)
        if close is None:
            out.append(tokens[i])
            i += 1
        else:
            i = close + 1
    return out


def _aside_end(tokens, i):
    """The index of the token closing an aside opening at tokens[i], or None: a comma before a relative
    pronoun up to the next comma; a parenthesis up to its closing one."""
    if tokens[i] == "(":
        return _index(tokens, ")", i + 1)
    if tokens[i] == "," and i + 1 < len(tokens) and tokens[i + 1].lower() in _RELATIVE:
        return _index(tokens, ",", i + 2)  # both commas go: "X, who ..., spent" is "X spent"
    return None


def _index(tokens, token, start):
    for j in range(start, len(tokens)):
        if tokens[j] == token:
            return j
        if tokens[j] in (";", "(", ")") and token != ")":
            return None
    return None


def _own_clause(tokens):
    """The words of the last clause in `tokens`: after the last punctuation mark or clause-opening word."""
    words = []
    for token in reversed(tokens):
        if not _is_word(token) or token.lower() in _CLAUSE_OPENERS:
            break
        words.append(token)
    words.reverse()
    return words


def _is_word(token):
    return token[:1].isalpha() or token[:1] == "'"


_SUBORDINATE = _CLAUSE_OPENERS | {"when", "because", "if", "after", "before", "as", "since", "until"}


def _main_words(tokens):
    """The words of `tokens` up to a semicolon or a word opening a subordinate clause."""
    words = []
    for token in tokens:
        if token == ";" or token.lower() in _SUBORDINATE:
            break
        if _is_word(token):
            words.append(token)
    return words


def _cue_after(tokens):
    """(tense, strong) of the first cue after a mention, up to a semicolon or a word opening a subordinate
    clause; the nearest cue, not the strongest: it is the verb the mention's phrase belongs to."""
    words = _main_words(tokens)
    for i in range(len(words)):
        if _past_of_a_plan_verb(words, i):
            return "past", False
        c = _governing_cue(words, i, modal_may=False)
        if c:
            return c[1], c[0] == 2
    return None, False


# A plan verb's past with its object ("Putin proposed an international conference", "the ministers planned
# the next round"): the proposing or planning is the happening an opening phrase's date governs ("In his
# speech on Wednesday, Putin proposed ..."), past, not the thing planned; not after an auxiliary or a
# determiner ("is expected", "the proposed summit") and not before "to" ("proposed to hold talks").
_PLAN_PAST = frozenset({"proposed", "planned", "scheduled", "expected", "anticipated", "intended", "suggested"})
_OBJECT_START = frozenset({"a", "an", "the", "his", "her", "its", "their", "that", "this", "new", "talks"})


def _past_of_a_plan_verb(words, i):
    w = words[i].lower()
    if w not in _PLAN_PAST or i + 1 >= len(words) or words[i + 1].lower() not in _OBJECT_START:
        return False
    return i == 0 or words[i - 1].lower() not in _AUXILIARY | _NOT_FINITE_BEFORE


def _after_last(pattern, text):
    """The text after the last match of `pattern` (all of it when none)."""
    cut = None
    for cut in pattern.finditer(text):
        pass
    return text[cut.end():] if cut else text


def _cue_before(words_or_text, governing=False):
    """(tense, strong) of the words before a mention (a list, or the text to split): the verb right
    before it (within three words) if it is a cue, else the first strong, then weak, cue further back.
    governing: the words are the mention's own clause, so a timetable's present counts too (_timetable)."""
    words = _WORD.findall(words_or_text) if isinstance(words_or_text, str) else words_or_text
    if _planned_for(words):
        return "future", True
    # "until" looks ahead only in a clause with no verb of its own to say so: "stayed in Baku until Sunday"
    # is past, "is in Moscow until Friday" and "until the spring" ahead.
    verbs = [w for w in words if w.lower() != "until"]
    found = _verb_cue_before(verbs, _governing_cue if governing else _cue, governing)
    if found[0] is None and len(verbs) < len(words):
        return "future", False
    return found


def _verb_cue_before(words, cue, governing):
    """_cue_before's search over the words (no "until")."""
    words = _without_place_before_date(words)
    last = len(words) - 1
    for i in range(last, max(-1, last - 3), -1):
        c = cue(words, i) or (governing and _plural_timetable(words, i))
        if c:
            return c[1], c[0] == 2
    return _first_cue(words, range(last - 3, -1, -1), cue=cue)


# "agreed in Brussels on Thursday", "met at Brdo on Saturday": a place phrase between the verb and the date's
# own preposition; the verb governs the date from right before it all the same.
_PLACE_PREPOSITIONS = frozenset({"in", "at"})
_DATE_PREPOSITIONS = frozenset({"on", "in"})


def _without_place_before_date(words):
    """The words with a place phrase ("in Brussels", "at Camp David") right before the date's preposition taken
    out; the words as they are when there is none."""
    if len(words) < 3 or words[-1].lower() not in _DATE_PREPOSITIONS:
        return words
    i = len(words) - 2
    while i > 0 and words[i][:1].isupper() and len(words) - 2 - i < 3:
        i -= 1
    if i == len(words) - 2 or words[i].lower() not in _PLACE_PREPOSITIONS:
        return words
    return words[:i] + words[-1:]


def _governing_cue(words, i, modal_may=True):
    """_cue, and a timetable's present ("he starts for home on Friday", "leaves on Monday"): ahead. Only for
    the verb of the mention's own clause: elsewhere ("Ford, which holds a stake") it says nothing of the date."""
    if words[i].lower() in TIMETABLE_PRESENT and (i == 0 or words[i - 1].lower() not in _NOT_FINITE_BEFORE) \
            and not _plural_noun(words, i):
        return 1, "future"  # (after a determiner it is a noun: "told his hosts on Tuesday", "the visits")
    return _cue(words, i, modal_may)


# Before a plural in -s these make it a noun, no timetable present: "the two heads of government", "visits of".
# The numbers two to ten, and quantifiers and adjectives that come before a plural.
_NUMBER_WORDS = frozenset(number_words(2, 10)) | {"both", "many", "several", "all", "some", "other", "new", "further",
                                                  "regular", "official", "state"}


def _plural_noun(words, i):
    """Is the -s form words[i] a plural noun: after a number or quantifier, or before "of"?"""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return nxt == "of" or (i > 0 and words[i - 1].lower() in _NUMBER_WORDS)


def _planned_for(words):
    """A date after "for", "until" or "to" in a clause whose verb plans, calls, sets or moves something is the
    date planned, ahead ("has called another march for Friday", "postponed the vote until Monday")."""
    if not words or words[-1].lower() not in PLAN_FOR_PREPOSITIONS:
        return False
    return any(w.lower() in PLAN_FOR_VERBS for w in words[-7:-1])


def _plural_timetable(words, i):
    """(1, "future") for a plural present of a timetable verb right before a date ("the two leaders meet
    Monday"), unless it is no finite verb (_NOT_FINITE_BEFORE); else None."""
    if words[i].lower() in TIMETABLE_BASE and (i == 0 or words[i - 1].lower() not in _NOT_FINITE_BEFORE):
        return 1, "future"
    return None


def _first_cue(words, order, modal_may=True, cue=_cue):
    """(tense, strong) of the first strong cue in `order`, else of the first weak one, else (None, False)."""
    weak = None
    for i in order:
        c = cue(words, i, modal_may)
        if c:
            if c[0] == 2:
                return c[1], True
            weak = weak or c[1]
    return weak, False
