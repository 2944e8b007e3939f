"""Read a Monitor archive file safely and split it into articles.

The format, as the archive has it:

    RUSSIA AND IRAN TALK DEFENSE.                 <- optional headline: one line in capitals
                                                  <- blank line(s)
    Publication: Monitor Volume: 7 Issue: 1       <- one per article
                                                  <- blank line(s)
    First paragraph ...                           <- body: paragraphs split by blank lines
    ...
    NEXT ARTICLE'S HEADLINE.                      <- a file may end with a headline whose body is in
                                                     another file: reported, never stored

Several articles may share a file (each with its own Publication line, its headline being the capitals
paragraph just before it), and one issue may be spread over several files. The text is kept exactly
(curly quotes, dashes); only line endings are normalised to "\n" and a byte-order mark dropped.
Body = the paragraphs joined by "\n\n", with only the trailing whitespace of the whole body removed,
so offsets into the body are stable; `body_offset` gives where the body starts in the decoded text.

Bad input raises ArticleFileError naming the file and the reason. Nothing here touches a database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from events.extraction.calendar import max_issue_number, year_of_volume

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CONTROL_SHARE = 0.05  # more control characters than this and it is not a text file
MAX_HEADLINE_CHARS = 300
# Unicode category Cc (C0 and C1 controls) less tab, newline, carriage return and form feed.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_PUBLICATION_LINE = re.compile(r"[ \t]*Publication:[^\n]*")
_PUBLICATION_FIELDS = re.compile(
    r"[ \t]*Publication:[ \t]*Monitor[ \t]+Volume:[ \t]*(?P<volume>\S+)[ \t]+Issue:[ \t]*(?P<number>\S+)[ \t]*"
)
_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
_BLANK_LINE = re.compile(r"[ \t\f\v]*")


class ArticleFileError(Exception):
    """A file that cannot be read as Monitor articles; the message names the file and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class ParsedArticle:
    volume: int
    number: int
    headline: str  # "" when the article has none
    body: str
    line: int  # 1-based line of its Publication line
    body_offset: int  # where the body starts in the decoded text


@dataclass(frozen=True)
class ParsedFile:
    source: str
    articles: tuple[ParsedArticle, ...]
    warnings: tuple[str, ...]
    encoding: str


def read_article_file(path) -> ParsedFile:
    """Read and split one file; ArticleFileError for anything that is not a Monitor archive file."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleFileError(source, _too_big(size))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ArticleFileError(source, f"cannot read the file ({error.strerror or error})") from None
    return parse_article_bytes(source, data)


def parse_article_bytes(source: str, data: bytes) -> ParsedFile:
    """Split the bytes of one file (a path or an upload's name in `source`) into articles."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFileError(source, _too_big(len(data)))
    if not data.strip():
        raise ArticleFileError(source, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleFileError(source, f"binary file (NUL byte at offset {nul}), not text")
    text, encoding, warnings = decode_text(source, data)
    _refuse_binary_text(source, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    articles, split_warnings = split_articles(source, text)
    return ParsedFile(source, tuple(articles), tuple(warnings + split_warnings), encoding)


def decode_text(source: str, data: bytes) -> tuple[str, str, list[str]]:
    """UTF-8 (with or without BOM); else Windows-1252 with a warning; else ArticleFileError."""
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as utf8_error:
        bad = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as cp_error:
        raise ArticleFileError(
            source, f"not UTF-8 ({bad}) and not Windows-1252 either (byte 0x{data[cp_error.start]:02x} "
                    f"at offset {cp_error.start})") from None
    return text, "cp1252", [f"not UTF-8 ({bad}); read as Windows-1252 (cp1252)"]


def _refuse_binary_text(source, text):
    controls = len(_CONTROL_CHARACTER.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ArticleFileError(source, f"binary file ({controls} control characters in {len(text)}), not text")


def _too_big(size):
    return f"file is {size:,} bytes, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit"


@dataclass(frozen=True)
class _Paragraph:
    start: int  # offset in the text
    end: int  # offset after its last non-blank line (its own trailing spaces included)
    first_line: int  # 1-based


def split_articles(source: str, text: str) -> tuple[list[ParsedArticle], list[str]]:
    """Articles and warnings from normalised text; ArticleFileError on a missing or bad Publication line."""
    paragraphs = _paragraphs(text)
    markers = [i for i, p in enumerate(paragraphs) if _PUBLICATION_LINE.fullmatch(text, p.start, p.end)]
    if not markers:
        raise ArticleFileError(source, "no 'Publication: Monitor Volume: V Issue: N' line found")
    warnings = []
    articles = []
    headline_of = {m: m - 1 for m in markers if m > 0 and _is_headline(text, paragraphs[m - 1])}
    leading_end = headline_of.get(markers[0], markers[0])
    if leading_end > 0:
        warnings.append(f"ignored text before the first article (lines 1-{paragraphs[leading_end].first_line - 1})")
    for k, marker in enumerate(markers):
        volume, number = _publication_fields(source, text, paragraphs[marker])
        body_end_index = headline_of.get(markers[k + 1], markers[k + 1]) if k + 1 < len(markers) else len(paragraphs)
        body_paragraphs = paragraphs[marker + 1:body_end_index]
        if k + 1 == len(markers) and body_paragraphs and _is_headline(text, body_paragraphs[-1]):
            orphan = body_paragraphs.pop()
            warnings.append(f"line {orphan.first_line}: headline {text[orphan.start:orphan.end].strip()!r} "
                            "has no article after it in this file; nothing stored for it")
        if not body_paragraphs:
            raise ArticleFileError(source, f"line {paragraphs[marker].first_line}: Volume {volume} Issue {number} "
                                           "has no article text after its Publication line")
        headline = text[paragraphs[headline_of[marker]].start:paragraphs[headline_of[marker]].end].strip() \
            if marker in headline_of else ""
        body = "\n\n".join(text[p.start:p.end] for p in body_paragraphs).rstrip()
        articles.append(ParsedArticle(volume, number, headline, body, paragraphs[marker].first_line,
                                      body_paragraphs[0].start))
    return articles, warnings


def _paragraphs(text):
    """Runs of non-blank lines, with their offsets; blank means whitespace only.

    A Publication line is always a paragraph of its own, even with no blank line around it.
    """
    paragraphs, start, first_line, line_no, pos = [], None, 0, 0, 0
    for line in text.split("\n"):
        line_no += 1
        blank = _BLANK_LINE.fullmatch(line) is not None
        publication = not blank and _PUBLICATION_LINE.fullmatch(line) is not None
        if (blank or publication) and start is not None:
            paragraphs.append(_Paragraph(start, pos - 1, first_line))
            start = None
        if publication:
            paragraphs.append(_Paragraph(pos, pos + len(line), line_no))
        elif not blank and start is None:
            start, first_line = pos, line_no
        pos += len(line) + 1
    if start is not None:
        paragraphs.append(_Paragraph(start, len(text), first_line))
    return paragraphs


def _line_end(text, start):
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _is_headline(text, paragraph):
    """A single line of capitals (a period usually ends it): the headline of the article below it."""
    line = text[paragraph.start:paragraph.end].strip()
    if "\n" in line or len(line) > MAX_HEADLINE_CHARS or _PUBLICATION_LINE.fullmatch(line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _publication_fields(source, text, paragraph):
    line = text[paragraph.start:_line_end(text, paragraph.start)]
    where = f"line {paragraph.first_line}"
    fields = _PUBLICATION_FIELDS.fullmatch(line)
    if fields is None:
        raise ArticleFileError(source, f"{where}: expected 'Publication: Monitor Volume: V Issue: N', "
                                       f"found {line.strip()[:80]!r}")
    volume = _positive_whole(source, where, "volume", fields["volume"])
    number = _positive_whole(source, where, "issue", fields["number"])
    try:
        year_of_volume(volume)
        capacity = max_issue_number(volume)
    except ValueError as error:
        raise ArticleFileError(source, f"{where}: {error}") from None
    if number > capacity:
        # Past the weekdays but within the days of the year, the issue is stored with a warning from the
        # calendar fit (no calendar holds it); past the days of the year the number cannot be right.
        raise ArticleFileError(source, f"{where}: issue {number} is beyond the {capacity} days of "
                                       f"{year_of_volume(volume)} (Volume {volume}): not an issue number")
    return volume, number


def _positive_whole(source, where, what, value):
    if not _WHOLE_NUMBER.fullmatch(value) or int(value) < 1:
        raise ArticleFileError(source, f"{where}: {what} {value!r} is not a positive whole number")
    return int(value)
