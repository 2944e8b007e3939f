"""Article body + issue date -> event mentions. Plain Python (no Django).

    extract_article(body, anchor, gazetteer=None) -> list[EventMention]

Command line: python -m events.extraction.pipeline --anchor YYYY-MM-DD FILE
prints one JSON object per mention (FILE "-" or absent: standard input). A FILE that still has its
"Publication: Monitor ..." line is read from the text after that line and its blank line.
"""
from __future__ import annotations

import argparse
import datetime
import json
import logging
import re
import sys

from events.extraction.citations import find_attributions
from events.extraction.entities import Gazetteer, default_gazetteer, find_entities
from events.extraction.events import EventRules, default_rules, extract_events
from events.extraction.mention import ActorRef, EventMention
from events.extraction.organization_parties import add_member_parties
from events.extraction.sentences import Sentence, split_sentences
from events.extraction.timex import tag

__all__ = ["ActorRef", "EventMention", "Gazetteer", "extract_article", "main"]

logger = logging.getLogger(__name__)

_PUBLICATION_LINE = re.compile(r"Publication: Monitor Volume: \d+ Issue: \d+[ \t]*\n(?:[ \t]*\n)?")


def _as_date(anchor) -> datetime.date:
    if isinstance(anchor, datetime.datetime):
        return anchor.date()
    if isinstance(anchor, datetime.date):
        return anchor
    return datetime.date.fromisoformat(str(anchor).strip())


def extract_article(body: str, anchor: datetime.date, gazetteer: Gazetteer | None = None,
                    rules: EventRules | None = None) -> list[EventMention]:
    """Event mentions of one article body, resolved against its issue date `anchor`."""
    anchor = _as_date(anchor)
    gazetteer = gazetteer or default_gazetteer()
    sentences = cap_sentences(split_sentences(body), body)
    found = find_attributions(body)  # once: the tagger and the entity finder both need them
    timexes = tag(body, anchor, found)
    attributions = [(a.start, a.end) for a in found]
    entities = find_entities(body, anchor, gazetteer, attributions, sentences)
    mentions = extract_events(body, anchor, timexes, sentences, entities, gazetteer, rules or default_rules())
    for mention in mentions:  # the organizations the event's sentence names ("at the OSCE summit")
        mention.organizations = list(dict.fromkeys(
            m.slug for m in entities.organizations_in(mention.sentence_start, mention.sentence_end)))
    add_member_parties(mentions, entities, gazetteer, body)
    return mentions


# The event rules look at a dated phrase's whole sentence; a "sentence" longer than this (no full stop in
# thousands of characters: junk, a table, a list) is cut into pieces of at most this length, so that the
# work stays linear in the article's length. Monitor sentences are well under 1,000 characters.
MAX_SENTENCE = 2000


def cap_sentences(sentences: list[Sentence], body: str, limit: int = MAX_SENTENCE) -> list[Sentence]:
    """`sentences` with each one longer than `limit` cut into pieces of at most `limit` characters, at the
    last clause break (";", ",", a dash) or else space before the limit; a warning is logged for each."""
    capped = []
    for sentence in sentences:
        if sentence.end - sentence.start <= limit:
            capped.append(sentence)
            continue
        logger.warning("a sentence of %d characters at offset %d has no full stop within %d characters: "
                       "cut into pieces for event extraction (each event's sentence is its piece)",
                       sentence.end - sentence.start, sentence.start, limit)
        capped.extend(_pieces(sentence, body, limit))
    return capped


def _pieces(sentence: Sentence, body: str, limit: int):
    """The pieces of a long sentence, each cut at the last clause break (or space) in its second half."""
    start = sentence.start
    while start < sentence.end:
        end = min(start + limit, sentence.end)
        if end < sentence.end:
            end = _cut(body, start, end, limit)
        piece_start, piece_end = start, end
        while piece_start < piece_end and body[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and body[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > piece_start:
            yield Sentence(piece_start, piece_end, body[piece_start:piece_end])
        start = end


def _cut(body: str, start: int, end: int, limit: int) -> int:
    """Where a piece from `start` ends: after the last ";", ",", or dash (else space) of its second half,
    or at `end` when there is none."""
    window = body[start + limit // 2:end]
    cut = max(window.rfind(";"), window.rfind(","), window.rfind("\u2013"), window.rfind("\u2014"))
    if cut < 0:
        cut = window.rfind(" ")
    return start + limit // 2 + cut + 1 if cut >= 0 else end


def article_body(text: str) -> str:
    """The text after the Publication line and its blank line, when the file still has it."""
    match = _PUBLICATION_LINE.search(text)
    return text[match.end():] if match else text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m events.extraction.pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--anchor", required=True, help="issue date, YYYY-MM-DD")
    parser.add_argument("file", nargs="?", default="-", help="article text file (default: standard input)")
    args = parser.parse_args(argv)
    try:
        anchor = _as_date(args.anchor)
    except ValueError:
        parser.error(f"--anchor must be YYYY-MM-DD, got {args.anchor!r}")
    if args.file == "-":
        text = sys.stdin.read()
    else:
        with open(args.file, encoding="utf-8") as handle:
            text = handle.read()
    for mention in extract_article(article_body(text), anchor):
        print(json.dumps(mention.as_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
