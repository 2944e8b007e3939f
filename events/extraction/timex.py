"""Temporal tagger: time expressions -> TIMEX3 type, value, mod, the interval covered, and role.

    tag(text, anchor) -> [{"start", "end", "text", "type", "value", "mod", "earliest", "latest", "role"}]

Two phases (HeidelTime's shape): timex_rules recognises expressions as underspecified norms
("UNDEF-last-month" + END); timex_resolve fixes them against the anchor (the issue date), the
tense around them, their role, and the previous date in the text; timex_interval turns each
value into the days it covers. Parenthesised source citations and "(see the Monitor, ...)"
cross-references get role citation/crossref and never lie after the anchor.

Command line (contract):
    python -m events.extraction.timex --anchor YYYY-MM-DD [FILE]   one JSON object a line
    python -m events.extraction.timex --batch                      {"id","anchor","text"} lines in,
                                                                   {"id","timexes"} lines out
Anchors run from MIN_ANCHOR to MAX_ANCHOR (years 1000-9000); FILE and standard input are read as
UTF-8 without newline translation, so offsets index the text exactly as decoded.
Plain Python, no Django imports.
"""
import argparse
import bisect
import datetime as dt
import json
import re
import sys

from .citations import find_attributions
from .timex_interval import interval
from .timex_mention import Mention
from .timex_resolve import Resolver
from .timex_rules import recognize
from .timex_vocab import DEADLINE_CUES

# The supported anchors: every value resolved against them has a four-digit year, with room for
# "next year", "the coming winter" and the like (arithmetic that would leave 0001-9999 anyway,
# "in 9,000 years", gives an unknown value rather than an error).
MIN_ANCHOR = dt.date(1000, 1, 1)
MAX_ANCHOR = dt.date(9000, 12, 31)


def parse_anchor(anchor):
    """A datetime.date from a date or 'YYYY-MM-DD' within MIN_ANCHOR..MAX_ANCHOR; ValueError naming
    the bad value otherwise."""
    day = None
    if isinstance(anchor, dt.datetime):
        day = anchor.date()
    elif isinstance(anchor, dt.date):
        day = anchor
    elif isinstance(anchor, str):
        try:
            day = dt.date.fromisoformat(anchor.strip())
        except ValueError:
            pass
    if day is None or not MIN_ANCHOR <= day <= MAX_ANCHOR:
        raise ValueError(f"anchor must be a date in the form YYYY-MM-DD, got {anchor!r} "
                         f"(supported: {MIN_ANCHOR} to {MAX_ANCHOR})")
    return day


def attribution_roles(text, attributions=None):
    """[(start, end, role, cited_dates)] for parenthesised citations and cross-references (`attributions`:
    find_attributions(text) when the caller has it already)."""
    found = find_attributions(text) if attributions is None else attributions
    return [(a.start, a.end, a.kind, a.dates) for a in found]


def _role_at(spans, span_starts, start, end):
    """Role of the mention [start, end): that of the attribution containing it, else 'event'."""
    i = bisect.bisect_right(span_starts, start) - 1
    if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
        return spans[i][2]
    return "event"


def _overlaps_any(starts, ends, start, end):
    """Does [start, end) overlap one of the sorted, disjoint spans (starts[i], ends[i])?"""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and ends[i] > start:
        return True
    return i + 1 < len(starts) and starts[i + 1] < end


def _cited_day_mentions(spans, mentions):
    """Cited dates the rules did not catch on their own, such as the '20' of 'April 16, 20'."""
    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    extra = []
    for _, _, role, dates in spans:
        for d in dates:
            if _overlaps_any(starts, ends, d.start, d.end):
                continue
            norm = f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.year else f"UNDEF-year-{d.month:02d}-{d.day:02d}"
            extra.append(Mention("DATE", norm, start=d.start, end=d.end, rule="citation_day", range_end=d.day_end))
    return extra


def _apply_range(m):
    """'July 21-23': one timex; its value is the month, its interval the days of the range."""
    earliest = dt.date.fromisoformat(m.value[:10])
    try:
        latest = earliest.replace(day=m.range_end)
    except ValueError:
        return
    m.value = m.value[:7]
    m.earliest, m.latest = earliest.isoformat(), latest.isoformat()


def tag(text, anchor, attributions=None):
    """TIMEX3 records for every time expression in `text`, in text order, resolved against `anchor`.
    `attributions`: citations.find_attributions(text), when the caller has it (extraction needs it too)."""
    anchor = parse_anchor(anchor)
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    spans = attribution_roles(text, attributions)
    mentions = recognize(text)
    mentions = sorted(mentions + _cited_day_mentions(spans, mentions), key=lambda m: m.start)
    span_starts = [s[0] for s in spans]
    for m in mentions:
        m.role = _role_at(spans, span_starts, m.start, m.end)
        m.phrase = text[m.start:m.end]
    resolver = Resolver(text, anchor)
    _pre_resolve_explicit(mentions, resolver)
    out = []
    for i, m in enumerate(mentions):
        resolver.resolve(m, mentions[i + 1] if i + 1 < len(mentions) else None)
        if m.value is None or not _add_interval(m, anchor):
            continue
        _hours_of_the_story_day(m, text, resolver)
        _deadline_interval(m, text, anchor)
        m.text = text[m.start:m.end]
        out.append(m.record())
    return out


# Hours counted from a happening of the story: "within hours (of the crash)". ("a few hours before", "two hours
# later" too dated more mentions of no key event and cost the development part two actors: left out.)
_HOURS = re.compile(r"PT(?:\d+|X)H")
_WITHIN_BEFORE = re.compile(r"\bwithin\s+(?:a\s+few\s+)?$", re.I)
_WITHIN_OPENS = re.compile(r"within\s", re.I)


def _hours_of_the_story_day(m, text, resolver):
    """A few hours from the happening just told fall on its day (docs/annotation.md: "within hours" is the day
    just told): the length keeps its value, and takes that day as its interval, so it can date an event."""
    if m.type != "DURATION" or m.role != "event" or not _HOURS.fullmatch(m.value or ""):
        return
    if not _WITHIN_BEFORE.search(text, max(0, m.start - 16), m.start) and not _WITHIN_OPENS.match(text, m.start):
        return  # ("Within an hour of landing he was received": the length's own phrase opens with it)
    day = resolver.reference("day", m.start)
    if day != resolver.anchor.isoformat():
        m.earliest = m.latest = day


# A deadline cue right before a date, an opening quotation mark between them allowed ('ready "by the end of the
# year."'): its kind (data/timex_words.json, "deadline_cues").
_DEADLINE_BEFORE = re.compile(r"\b(?:" + "|".join(
    rf"(?P<{kind}>" + "|".join(p.replace(" ", r"\s+") for p in phrases) + ")" for kind, phrases in DEADLINE_CUES.items())
    + r")\s+[\"\u201c]?$", re.I)


def _deadline_interval(m, text, anchor):
    """A plan's deadline still ahead ("settle it by October 1", "convene no later than September", "ready before the
    end of the year") allows every day from the issue day to the deadline's last (docs/annotation.md). "before" a
    whole period ahead is left alone: "will not be held before the spring" hints at the spring itself as often as
    at the days up to it (heldout12's gold one way, val12's the other). A deadline already past ("by noon the talks
    had ended") keeps its days."""
    if m.type != "DATE" or m.role != "event" or not m.latest or m.latest <= anchor.isoformat():
        return
    cue = _DEADLINE_BEFORE.search(text, max(0, m.start - 20), m.start)
    if cue is None or (cue.group("short_of") and m.part != "late"):
        return
    m.earliest = anchor.isoformat()


def _add_interval(m, anchor):
    """Set m's earliest and latest days (None for what covers no fixed days); False when the value names
    no such day ("February 29, 2001", like "Feb. 30"): the mention is dropped."""
    m.earliest = m.latest = None
    if m.type not in ("DATE", "TIME") or m.no_interval:
        return True
    m.earliest, m.latest = interval(m.value, m.part, anchor)
    dated = m.value[:1].isdigit()
    if m.earliest is None and dated and "X" not in m.value:
        return False
    if m.range_end and dated and len(m.value) >= 10:
        _apply_range(m)
    return True


def _pre_resolve_explicit(mentions, resolver):
    """Give 'after the June 27 talks'-style look-ahead a value to point at before the main pass."""
    fresh = Resolver(resolver.text, resolver.anchor)  # remembers nothing (remember=False): shared by the probes
    for m in mentions:
        if not m.norm.startswith("UNDEF"):
            m.value = m.norm
        elif m.norm.startswith("UNDEF-year-") and m.type == "DATE":
            # These depend only on the anchor, tense and role, never on other dates.
            probe = m.copy()
            m.value = m.resolved = fresh.resolve(probe, remember=False).value


# ---------------------------------------------------------------- command line
def _print_records(records, stream):
    for r in records:
        stream.write(json.dumps(r, ensure_ascii=False) + "\n")


def _batch_line(line):
    """(id, records, error message or None) for one batch input line (bytes or str)."""
    doc, error = _batch_document(line)
    if error:
        return None, [], error
    doc_id = doc.get("id")
    missing = [k for k in ("id", "anchor", "text") if k not in doc]
    if missing:
        return doc_id, [], f"missing field(s) {', '.join(missing)}"
    try:
        return doc_id, tag(doc["text"], doc["anchor"]), None
    except (ValueError, TypeError) as exc:
        return doc_id, [], str(exc)
    except Exception as exc:  # noqa: BLE001 - a tagger fault on one document must not end the run
        return doc_id, [], f"internal error {type(exc).__name__}: {exc}"


def _batch_document(line):
    """(the JSON object of a batch line, None) or (None, why it is none)."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f"not UTF-8 (byte {exc.start})"
    try:
        doc = json.loads(line)
    except ValueError as exc:
        return None, f"not a JSON object ({getattr(exc, 'msg', exc)})"
    except RecursionError:
        return None, "not a JSON object (nested too deeply)"
    return (doc, None) if isinstance(doc, dict) else (None, "not a JSON object")


def run_batch(stdin, stdout, stderr):
    """The timex_eval protocol: one {"id","anchor","text"} a line in, one {"id","timexes"} a line out.
    A bad line (not UTF-8, not JSON, a field missing, a bad anchor, ...) gets {"id", "timexes": [],
    "error"} and a message on stderr naming the line, and the run goes on. The exit status stays 0:
    timex_eval (like any caller that checks it) would otherwise throw away every good answer.
    `stdin` may yield bytes (sys.stdin.buffer: a stray byte spoils one line only) or str."""
    for lineno, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        doc_id, records, error = _batch_line(line)
        answer = {"id": doc_id, "timexes": records}
        if error:
            stderr.write(f"batch line {lineno}: {error}\n")
            stderr.flush()
            answer["error"] = error
        line_out = json.dumps(answer, ensure_ascii=False)
        try:
            stdout.write(line_out + "\n")
        except UnicodeEncodeError:  # a lone surrogate ("\\ud800" in the input): escaped, as JSON allows
            stdout.write(json.dumps(answer) + "\n")
        stdout.flush()
    return 0


def read_text(data, name):
    """The text of a file's bytes, exactly as decoded (no newline translation: offsets into it are
    offsets into the file's text); ValueError naming the file when it is not UTF-8 text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name} is not UTF-8 text (invalid byte at offset {exc.start})") from None
    if "\x00" in text:
        raise ValueError(f"{name} looks binary (it contains NUL bytes), not text")
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m events.extraction.timex", description=__doc__.split("\n")[0])
    parser.add_argument("--anchor", help="the document's date (issue date), YYYY-MM-DD")
    parser.add_argument("--batch", action="store_true", help="JSON-lines batch protocol on stdin/stdout")
    parser.add_argument("file", nargs="?", help="text file to tag (standard input when absent)")
    args = parser.parse_args(argv)
    if args.batch:
        return run_batch(sys.stdin.buffer, sys.stdout, sys.stderr)
    if not args.anchor:
        parser.error("--anchor YYYY-MM-DD is required unless --batch")
    try:
        anchor = parse_anchor(args.anchor)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    try:
        if args.file:
            with open(args.file, "rb") as fh:
                text = read_text(fh.read(), args.file)
        else:
            text = read_text(sys.stdin.buffer.read(), "standard input")
    except OSError as exc:
        sys.stderr.write(f"error: cannot read {args.file}: {exc.strerror}\n")
        return 2
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    _print_records(tag(text, anchor), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
