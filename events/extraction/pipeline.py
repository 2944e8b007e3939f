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
import re
import sys

from events.extraction.citations import find_attributions
from events.extraction.entities import Gazetteer, default_gazetteer, find_entities
from events.extraction.events import EventRules, default_rules, extract_events
from events.extraction.mention import ActorRef, EventMention
from events.extraction.sentences import split_sentences
from events.extraction.timex import tag

__all__ = ["ActorRef", "EventMention", "Gazetteer", "extract_article", "main"]

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
    sentences = split_sentences(body)
    timexes = tag(body, anchor)
    attributions = [(a.start, a.end) for a in find_attributions(body)]
    entities = find_entities(body, anchor, gazetteer, attributions)
    mentions = extract_events(body, anchor, timexes, sentences, entities, gazetteer, rules or default_rules())
    for mention in mentions:  # the organizations the event's sentence names ("at the OSCE summit")
        mention.organizations = list(dict.fromkeys(
            m.slug for m in entities.organizations_in(mention.sentence_start, mention.sentence_end)))
    return mentions


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
