"""Read a Monitor archive file safely and split it into articles, each with its own outcome.

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
(curly quotes, dashes); only line endings are normalised to "\n", byte-order marks dropped and stray
control characters (NUL included) removed with a warning. Body = the paragraphs joined by "\n\n", with
only the trailing whitespace of the whole body removed, so offsets into the body are stable;
`body_offset` gives where the body starts in the normalised text.

Hostile or damaged input (issue 14):

* A Publication line that is not exact (lower case, a non-breaking space, a byte-order mark left by
  concatenating two files, extra spaces) is still a marker, with a warning naming its line. A body line
  that merely starts with "Publication:" and names another publication without Volume/Issue fields
  ("Publication: The New York Times, March 3") is body text.
* Each article succeeds or fails on its own: a bad Publication line, an implausible volume, an article with
  no text, one too long or repeating a paragraph over and over is a failure naming the file and line
  (`ParsedFile.failures`); the file's other articles are kept. Only a file with no good article at all
  raises ArticleFileError.
* UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 with a warning.
* Linear time: every scan is one pass over the lines; the near-miss test looks only at short lines.

Nothing here touches a database.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from events.extraction.calendar import max_issue_number, year_of_volume

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CONTROL_SHARE = 0.05  # more control characters than this and it is not a text file
MAX_HEADLINE_CHARS = 300
# A Monitor article is a few kilobytes; 100,000 characters is some twenty times the longest one. A longer
# "article" (a 4.9 MB single line, a flood of repeated text) is refused before any extraction runs.
MAX_ARTICLE_CHARS = 100_000
# A paragraph (of 40 characters or more) found this many times in one article is a flood, not an article.
MAX_PARAGRAPH_REPEATS = 3
MIN_REPEATED_PARAGRAPH_CHARS = 40
MAX_MARKER_LINE_CHARS = 200  # a Publication line is about 40 characters
# Unicode category Cc (C0 and C1 controls) less tab, newline, carriage return and form feed.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # in a file name, tab and newline are escaped too

# A marker candidate, on the line as normalised by _marker_key (lower case, spaces folded):
# "publication: monitor ..." or "publication: <anything> volume: ... issue: ...".
_MARKER_CANDIDATE = re.compile(r"publication ?: ?(?:monitor\b.*|.*\bvolume ?: ?.*\bissue ?: ?.*)")
_MARKER_FIELDS = re.compile(r"publication ?: ?monitor volume ?: ?(?P<volume>\S+) issue ?: ?(?P<number>\S+)")
_EXACT_MARKER = re.compile(r"Publication: Monitor Volume: (\S+) Issue: (\S+)")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
_BLANK_LINE = re.compile(r"[ \t\f\v]*")
_SPACES = re.compile(r"\s+")


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
    failures: tuple[str, ...] = ()  # "line N: reason" for each article that could not be read


def display_name(name) -> str:
    """A file name as text that any database and terminal takes: bytes that are not UTF-8 (surrogate
    escapes from the file system) become \\xNN escapes, control characters become \\uNNNN."""
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    raw = name if isinstance(name, bytes) else os.fsencode(name) if _has_surrogates(name) else None
    text = raw.decode("utf-8", "backslashreplace") if raw is not None else name
    return _NAME_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def read_article_file(path) -> ParsedFile:
    """Read and split one file; ArticleFileError for anything that is not a Monitor archive file."""
    path = Path(path)
    source = display_name(path)
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
    source = display_name(source)
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFileError(source, _too_big(len(data)))
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        controls = sum(data.count(bytes([b])) for b in _CONTROL_BYTES)
        if controls > MAX_CONTROL_SHARE * len(data):
            raise ArticleFileError(source, f"binary file (NUL byte at offset {data.find(0)}, {controls} control "
                                           f"bytes in {len(data)}), not text" if 0 in data else
                                   f"binary file ({controls} control bytes in {len(data)}), not text")
    text, encoding, warnings = decode_text(source, data)
    if not text.strip():
        raise ArticleFileError(source, "empty file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _remove_controls(source, text, warnings)
    articles, split_warnings, failures = split_articles(source, text)
    return ParsedFile(source, tuple(articles), tuple(warnings + split_warnings), encoding, tuple(failures))


def decode_text(source: str, data: bytes) -> tuple[str, str, list[str]]:
    """UTF-16 with a BOM; UTF-8 (with or without BOM); else Windows-1252 with a warning; else ArticleFileError."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as error:
            raise ArticleFileError(source, f"starts with a UTF-16 byte-order mark but is not UTF-16 "
                                           f"({error.reason} at offset {error.start})") from None
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


def _remove_controls(source, text, warnings):
    """Refuse a binary file; else drop stray control characters (NUL included) and BOMs, with a warning."""
    controls = _CONTROL_CHARACTER.findall(text)
    if len(controls) > MAX_CONTROL_SHARE * len(text):
        raise ArticleFileError(source, f"binary file ({len(controls)} control characters in {len(text)}), not text")
    if controls:
        first = _CONTROL_CHARACTER.search(text)
        line = text.count("\n", 0, first.start()) + 1
        names = sorted({f"U+{ord(ch):04X}" for ch in controls})
        warnings.append(f"line {line}: removed {len(controls)} control character(s) ({', '.join(names[:5])}), "
                        "first here")
        text = _CONTROL_CHARACTER.sub("", text)
    boms = text.count("\ufeff")
    if boms:
        line = text.count("\n", 0, text.find("\ufeff")) + 1
        warnings.append(f"line {line}: removed {boms} byte-order mark(s) inside the text (files joined together?)")
        text = text.replace("\ufeff", "")
    return text


def _too_big(size):
    return f"file is {size:,} bytes, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit"


@dataclass(frozen=True)
class _Paragraph:
    start: int  # offset in the text
    end: int  # offset after its last non-blank line (its own trailing spaces included)
    first_line: int  # 1-based
    marker: bool = False


def _marker_key(line: str) -> str | None:
    """The line folded for the marker test (NFKC, so a non-breaking space is a space; lower case; spaces
    folded), or None for a line too long to be a Publication line."""
    if len(line) > MAX_MARKER_LINE_CHARS:
        return None
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", line)).strip().lower()


def _is_marker(line: str) -> bool:
    if "ublication" not in line and "UBLICATION" not in line:  # cheap test first (most lines)
        key = _marker_key(line)
        return bool(key) and key.startswith("publication") and _MARKER_CANDIDATE.fullmatch(key) is not None
    key = _marker_key(line)
    return key is not None and _MARKER_CANDIDATE.fullmatch(key) is not None


def split_articles(source: str, text: str) -> tuple[list[ParsedArticle], list[str], list[str]]:
    """(articles, warnings, failures) from normalised text; ArticleFileError when no article can be read."""
    paragraphs = _paragraphs(text)
    markers = [i for i, p in enumerate(paragraphs) if p.marker]
    if not markers:
        raise ArticleFileError(source, "no 'Publication: Monitor Volume: V Issue: N' line found")
    warnings, failures, articles = [], [], []
    headline_of = _headlines(text, paragraphs, markers)
    leading_end = headline_of.get(markers[0], markers[0])
    if leading_end > 0:
        warnings.append(f"ignored text before the first article (lines 1-{paragraphs[leading_end].first_line - 1})")
    starts = [headline_of.get(m, m) for m in markers[1:]] + [None]  # where the next article begins
    for marker, next_start in zip(markers, starts):
        article = _read_article(text, paragraphs, marker, next_start, headline_of.get(marker), warnings, failures)
        if article is not None:
            articles.append(article)
    if not articles:
        raise ArticleFileError(source, _first_failures(failures))
    return articles, warnings, failures


def _headlines(text, paragraphs, markers) -> dict[int, int]:
    """{marker paragraph: its headline paragraph} for the Publication lines right after a headline."""
    return {m: m - 1 for m in markers if m > 0 and _is_headline(text, paragraphs[m - 1])}


def _first_failures(failures) -> str:
    return "; ".join(failures[:3]) + (f" (and {len(failures) - 3} more)" if len(failures) > 3 else "")


def _read_article(text, paragraphs, marker, next_start, headline_at, warnings, failures) -> ParsedArticle | None:
    """The article of the Publication line at paragraph `marker`, up to the next article's first paragraph
    (`next_start`, None for the last); a failure is noted and gives None."""
    where = f"line {paragraphs[marker].first_line}"
    body_paragraphs = paragraphs[marker + 1:len(paragraphs) if next_start is None else next_start]
    if next_start is None and body_paragraphs and _is_headline(text, body_paragraphs[-1]):
        orphan = body_paragraphs.pop()
        warnings.append(f"line {orphan.first_line}: headline {text[orphan.start:orphan.end].strip()!r} "
                        "has no article after it in this file; nothing stored for it")
    try:
        volume, number, body = _article_fields(text, paragraphs[marker], body_paragraphs, where, warnings)
    except _ArticleFailure as failure:
        failures.append(f"{where}: {failure}")
        return None
    headline = text[paragraphs[headline_at].start:paragraphs[headline_at].end].strip() if headline_at is not None else ""
    return ParsedArticle(volume, number, headline, body, paragraphs[marker].first_line, body_paragraphs[0].start)


def _article_fields(text, marker_paragraph, body_paragraphs, where, warnings):
    """(volume, number, body) of one article, or _ArticleFailure."""
    volume, number, near_miss = _publication_fields(text, marker_paragraph)
    if near_miss:
        warnings.append(f"{where}: Publication line not exact ({near_miss!r}); read as Volume {volume} "
                        f"Issue {number}")
    if not body_paragraphs:
        raise _ArticleFailure(f"Volume {volume} Issue {number} has no article text after its Publication line")
    body = "\n\n".join(text[p.start:p.end] for p in body_paragraphs).rstrip()
    _check_body(text, body, body_paragraphs, warnings)
    return volume, number, body


class _ArticleFailure(Exception):
    pass


def _check_body(text, body, paragraphs, warnings):
    if len(body) > MAX_ARTICLE_CHARS:
        raise _ArticleFailure(f"article text is {len(body):,} characters, over the {MAX_ARTICLE_CHARS:,} "
                              "limit (a Monitor article is a few thousand)")
    seen = {}
    for paragraph in paragraphs:
        if paragraph.end - paragraph.start < MIN_REPEATED_PARAGRAPH_CHARS:
            continue
        key = text[paragraph.start:paragraph.end].strip()
        first, count = seen.get(key, (paragraph.first_line, 0))
        seen[key] = (first, count + 1)
    for first, count in seen.values():
        if count > MAX_PARAGRAPH_REPEATS:
            raise _ArticleFailure(f"the paragraph at line {first} is repeated {count} times (more than "
                                  f"{MAX_PARAGRAPH_REPEATS}): a flood, not an article")
        if count > 1:
            warnings.append(f"line {first}: paragraph repeated {count} times in one article")


def _paragraphs(text):
    """Runs of non-blank lines, with their offsets; blank means whitespace only.

    A Publication line is always a paragraph of its own, even with no blank line around it.
    """
    paragraphs, start, first_line, line_no, pos = [], None, 0, 0, 0
    for line in text.split("\n"):
        line_no += 1
        blank = _BLANK_LINE.fullmatch(line) is not None
        publication = not blank and _is_marker(line)
        if (blank or publication) and start is not None:
            paragraphs.append(_Paragraph(start, pos - 1, first_line))
            start = None
        if publication:
            paragraphs.append(_Paragraph(pos, pos + len(line), line_no, marker=True))
        elif not blank and start is None:
            start, first_line = pos, line_no
        pos += len(line) + 1
    if start is not None:
        paragraphs.append(_Paragraph(start, len(text), first_line))
    return paragraphs


def _is_headline(text, paragraph):
    """A single line of capitals (a period usually ends it): the headline of the article below it."""
    if paragraph.marker or paragraph.end - paragraph.start > MAX_HEADLINE_CHARS + 50:
        return False
    line = text[paragraph.start:paragraph.end].strip()
    if "\n" in line or len(line) > MAX_HEADLINE_CHARS:
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _publication_fields(text, paragraph):
    """(volume, issue, the line when it is not exact else "") of a marker; _ArticleFailure when bad."""
    line = text[paragraph.start:paragraph.end]
    exact = _EXACT_MARKER.fullmatch(line.strip(" \t"))
    fields = _MARKER_FIELDS.fullmatch(_marker_key(line) or "")
    if fields is None:
        raise _ArticleFailure(f"expected 'Publication: Monitor Volume: V Issue: N', found {line.strip()[:80]!r}")
    volume = _positive_whole("volume", fields["volume"])
    number = _positive_whole("issue", fields["number"])
    try:
        year = year_of_volume(volume)
        capacity = max_issue_number(volume)
    except ValueError as error:
        raise _ArticleFailure(str(error)) from None
    this_year = dt.date.today().year
    if year > this_year:
        raise _ArticleFailure(f"Volume {volume} would be published in {year}, after this year ({this_year}): "
                              "a typo, not a Monitor volume")
    if number > capacity:
        # Past the weekdays but within the days of the year, the issue is stored with a warning from the
        # calendar fit (no calendar holds it); past the days of the year the number cannot be right.
        raise _ArticleFailure(f"issue {number} is beyond the {capacity} days of {year} (Volume {volume}): "
                              "not an issue number")
    return volume, number, "" if exact else line.strip()[:80]


def _positive_whole(what, value):
    if not _WHOLE_NUMBER.fullmatch(value) or int(value) < 1:
        raise _ArticleFailure(f"{what} {value!r} is not a positive whole number")
    return int(value)
