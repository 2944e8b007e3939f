"""Generators of hostile archive files and timeline query strings, shared by the Hypothesis tests
(tests/adversarial/test_fuzz.py, a fixed CI budget) and scripts/fuzz.py (the issue's 10,000 + 10,000).

A generated file is a list of articles (volume 6 or 7, a valid issue, an optional headline, paragraphs made of
our own sentences) written with a Publication line that is exact or a near miss, then damaged: stray control
characters and byte-order marks inside bodies, Windows line endings, decoys ("Publication: The Daily
Telegraph, ..."), an encoding of UTF-8, UTF-8 with BOM, UTF-16 with BOM or Windows-1252. `expected` is what
a correct reader must give back for each article: (volume, issue, headline, body with the control
characters and BOMs removed) — nothing good lost.
"""
from __future__ import annotations

import random
import re

SENTENCES = [
    "Russian Foreign Minister Igor Ivanov arrived in Tehran on March 12 for talks with Iranian officials.",
    "The two sides signed a trade agreement on March 14, officials said.",
    "Ukrainian President Leonid Kuchma will visit Beijing in late April, his office announced on Monday.",
    "Georgian officials met their Armenian counterparts in Yerevan on March 2 to discuss the border.",
    "A further round of talks is planned for next month.",
    "The defense minister said on Tuesday that the exercises would go ahead in the summer.",
    "Kazakh and Chinese delegations opened a pipeline conference in Almaty last week.",
    "Officials in Baku declined to comment on the report published earlier this year.",
    "Lithuania hopes to join the alliance by 2002, its president told reporters on Friday.",
    "No date was set for the summit, which had been expected in the fall.",
    "Publication: The Daily Telegraph, March 3, reported the same talks.",  # a decoy, not a marker
    "“We will see,” the envoy said – and left for Ankara on the same day.",
]
HEADLINES = ["MINISTERS MEET IN TEHRAN.", "BORDER TALKS RESUME.", "A PIPELINE AT LAST?", "SUMMIT POSTPONED."]
MARKERS = [
    "Publication: Monitor Volume: {v} Issue: {n}",
    "publication: monitor volume: {v} issue: {n}",
    "Publication:\u00a0Monitor Volume: {v} Issue: {n}",
    "PUBLICATION: MONITOR VOLUME: {v} ISSUE: {n}",
    "  Publication: Monitor  Volume: {v}  Issue: {n}  ",
    "\ufeffPublication: Monitor Volume: {v} Issue: {n}",
]
DAMAGE = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\ufeff", "\x0b"]
_REMOVED = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")


def make_file(rng: random.Random):
    """(bytes, expected articles, encoding) of one generated file."""
    articles, expected = [], []
    for _ in range(rng.randint(1, 4)):
        volume = rng.choice([6, 7])
        number = rng.randint(1, 240)
        headline = rng.choice(HEADLINES) if rng.random() < 0.6 else ""
        paragraphs = []
        for _ in range(rng.randint(1, 4)):
            paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3)))
            if rng.random() < 0.2:  # damage inside the body
                at = rng.randrange(len(paragraph) + 1)
                paragraph = paragraph[:at] + rng.choice(DAMAGE) + paragraph[at:]
            paragraphs.append(paragraph)
        # A paragraph must not start with the decoy at a paragraph start twice over... any line is body text.
        body = "\n\n".join(paragraphs)
        marker = rng.choice(MARKERS).format(v=volume, n=number)
        head = f"{headline}\n\n" if headline else ""
        articles.append(f"{head}{marker}\n\n{body}\n")
        expected.append((volume, number, headline, _REMOVED.sub("", body).rstrip()))
    text = "\n".join(articles)
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    encoding = rng.choice(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
    if encoding == "cp1252":
        text = text.replace("\ufeff", "")  # not in Windows-1252
        expected = [(v, n, h, b.replace("\ufeff", "")) for v, n, h, b in expected]
    return text.encode(encoding), expected, encoding


def mutate(rng: random.Random, data: bytes) -> bytes:
    """Random byte-level damage (for the no-crash property only: anything may then be refused)."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        at = rng.randrange(len(data) + 1)
        if kind < 0.4:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
        elif kind < 0.7 and data:
            del data[at:at + rng.randint(1, 20)]
        else:
            data[at:at] = rng.choice([b"\nPublication: Monitor Volume: 99 Issue: 1\n", b"\x00" * 5, b"\xff\xfe",
                                      b"\nPUBLICATION:\n", b"Volume: 7 Issue: 999", b"\r\r\r", "\u00a0".encode()])
    return bytes(data)


PARAMS = ["q", "country", "actor", "topic", "type", "status", "date_from", "date_to", "after", "page", "sort",
          "actor_q", "view", "granularity"]
VALUES = ["", "RU", "ir", "1", "0", "-1", "99999999999999999999999", "abc", "2001-02-30", "2001-01-01", "9999-12-31",
          "0001-01-01", "visit", "meeting", "planned", "%00", "%FF", "%C0%AF", "'", "\"", "<script>", "../..",
          "a" * 300, "%E2%80%AE", "%F0%9F%98%80", "1e999", "NaN", "null", "[]", "{}", "%0D%0ALocation:x", "+", "%2B"]


def make_query(rng: random.Random) -> str:
    """A query string: known and unknown parameters, repeated, with hostile values (already percent-encoded)."""
    parts = []
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(PARAMS + ["x", "page%00", "q[]", "%00"])
        value = rng.choice(VALUES) if rng.random() < 0.8 else "".join(
            rng.choice("abcXYZ019-_.~%") for _ in range(rng.randint(0, 12)))
        parts.append(f"{name}={value}")
    return "&".join(parts)
