"""Sentence splitting for Monitor prose, with character offsets into the original text.

A boundary is a full stop, "?" or "!" (with any closing quotes or brackets right after it), then
whitespace, then something that can open a sentence (a capital, a digit, an opening quote or bracket).
Line breaks always end a sentence (headlines and paragraphs). It does NOT split:
- after an abbreviation or title ("Gen.", "Jan.", "No."), a single initial ("George W. Bush") or a
  dotted acronym ("U.S. Defense Department" - a capital often follows "U.S." inside a sentence);
- inside a curly double quotation closed later in the same paragraph: a quoted passage of several
  sentences stays in the sentence that introduces it;
- on the ellipsis "…", which the Monitor uses for elisions inside quotations;
- on dashes, which join clauses.
A parenthesised citation before the final full stop, "(AFP, December 28-29).", ends up inside the
sentence because the boundary is that full stop.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that take a full stop without ending the sentence (compared lower-case, without the stop).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "cmdr", "sen",
    "rep", "gov", "pres", "amb", "rev", "st", "jr", "sr", "messrs", "no", "nos", "vol", "vs", "cf",
    "approx", "inc", "corp", "co", "ltd", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mt", "ft", "e.g", "i.e",
})

_TERMINATOR = re.compile(r"[.?!]")
_CLOSERS = "\u201d\u2019\"')]"
_OPENERS = "\u201c\u2018\"'(["
# The word before a full stop, not the tail of a word with a non-ASCII letter ("Elysée." is no "e." acronym).
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([A-Za-z][A-Za-z.]*)$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_LINE_BREAK = re.compile(r"\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive
    text: str  # exactly original[start:end]


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of `text`, in order, trimmed of surrounding whitespace."""
    sentences: list[Sentence] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for cut in _boundaries(text, line_start, line_end):
            _append_trimmed(sentences, text, start, cut)
            start = cut
        _append_trimmed(sentences, text, start, line_end)
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing `offset`, if any."""
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _lines(text: str):
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _boundaries(text: str, start: int, end: int):
    """Offsets (just after the terminator and its closers) where a new sentence begins."""
    closed_quote_ends = _quoted_spans(text, start, end)
    for match in _TERMINATOR.finditer(text, start, end):
        position = match.end()
        while position < end and text[position] in _CLOSERS:
            position += 1
        if not _next_opens_sentence(text, position, end):
            continue
        if match.group() == "." and _is_abbreviation(text, start, match.start()):
            continue
        if _inside_quote(closed_quote_ends, position):
            continue
        yield position


def _next_opens_sentence(text: str, position: int, end: int) -> bool:
    if position >= end or not text[position].isspace():
        return False
    rest = position
    while rest < end and text[rest].isspace():
        rest += 1
    if rest >= end:
        return False
    following = text[rest]
    return following.isupper() or following.isdigit() or following in _OPENERS


def _is_abbreviation(text: str, line_start: int, stop: int) -> bool:
    """Is the full stop at `stop` part of an abbreviation, initial or dotted acronym?"""
    match = _WORD_BEFORE.search(text, max(line_start, stop - 20), stop)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "George W. Bush"
    if _DOTTED_ACRONYM.match(word + "."):
        return True  # "U.S.", "U.N."
    return word.lower().rstrip(".") in ABBREVIATIONS


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of curly double quotations that close within the paragraph."""
    spans = []
    position = start
    while True:
        opening = text.find("\u201c", position, end)
        if opening < 0:
            return spans
        closing = text.find("\u201d", opening + 1, end)
        if closing < 0:
            return spans
        spans.append((opening, closing))
        position = closing + 1


def _inside_quote(spans: list[tuple[int, int]], position: int) -> bool:
    # A boundary right after the closing quote (position == closing + 1) is outside it.
    return any(opening < position <= closing for opening, closing in spans)


def _append_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end, text[start:end]))
