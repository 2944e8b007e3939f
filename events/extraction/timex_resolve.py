"""Resolution phase of the temporal tagger: fix every underspecified norm against the anchor,
the tense/modality around the mention, its role, and the previous date in the text.

The year of a month-day, month or season written without one is timex_year's (choose_occurrence).
Plain Python, no Django imports.
"""
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .periods import add_months, season_of
from .timex_interval import base_interval, fine_enough, granularity, is_part_of_day
from .timex_tense import definite_tense, tense_cue, tense_cue_strength, weekday_tense
from .timex_story import is_background, is_flashback, names_a_thing, sentence_ends, story_day_of
from .timex_vocab import HAPPENING_VERBS
from .timex_year import choose_occurrence, day_of_month
# A time of day appended to a day norm: "UNDEF-this-dayTEV", "UNDEF-weekday-3T22:00".
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_TIME_SUFFIX = re.compile(r"(T(?:MO|AF|EV|NI|\d\d(?::\d\d)?))$")

# ---------------------------------------------------------------- calendar helpers
class OutOfRange(ValueError):
    """A resolved value would lie outside the years TIMEX3 and datetime can write (0001-9999)."""


def year_str(y):
    """The TIMEX3 year: always four digits ('0999' is a year, '999' a decade); OutOfRange beyond 0001-9999."""
    if not 1 <= y <= 9999:
        raise OutOfRange(f"year {y} is out of range")
    return f"{y:04d}"


def decade_str(k):
    """'199' for the 1990s; OutOfRange beyond 000-999."""
    if not 0 <= k <= 999:
        raise OutOfRange(f"decade {k} is out of range")
    return f"{k:03d}"


def century_str(k):
    """'19' for 1900-1999; OutOfRange beyond 00-99."""
    if not 0 <= k <= 99:
        raise OutOfRange(f"century {k} is out of range")
    return f"{k:02d}"


def iso_week(d):
    y, w, _ = d.isocalendar()
    return f"{year_str(y)}-W{w:02d}"


def quarter_of(d):
    return (d.month - 1) // 3 + 1


# The meteorological season containing a day: (year, code); Jan/Feb belong to last year's WI.
season_value = season_of


def _season_year(cands, rel, anchor) -> int:
    """The year of the season meant by last/next/this among (year, first day, last day) occurrences: the
    latest over, the first not begun, or the one the anchor is in (else the anchor's year)."""
    if rel == "last":
        return [c for c in cands if c[2] < anchor][-1][0]
    if rel == "next":
        return [c for c in cands if c[1] > anchor][0][0]
    inside = [c for c in cands if c[1] <= anchor <= c[2]]
    return inside[0][0] if inside else anchor.year


def _safe_day(year, month, day):
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- unit arithmetic
def shift(anchor_value, unit, n):
    """Shift a day/month/quarter/year value by n units of `unit`, keeping `unit`'s granularity.
    OutOfRange when the result would leave the years 0001-9999 ("in 9,000 years")."""
    iv = base_interval(anchor_value, None) if anchor_value != "PRESENT_REF" else None
    if iv is None or unit not in _SHIFTS:
        return None
    d = iv[0]
    if unit in ("day", "week", "weekend"):
        try:
            d = d + (dt.timedelta(days=n) if unit == "day" else dt.timedelta(weeks=n))
        except OverflowError:
            raise OutOfRange(f"{unit} shift {n} from {anchor_value} is out of range") from None
    return _SHIFTS[unit](d, n)


def _shift_months(first_month, months, write):
    """A value `months` months after the month `first_month` (of a day d), written by write(year, month)."""
    return lambda d, n: write(*add_months(d.year, first_month(d), months * n))


# How each unit writes the shifted value; for days and weeks the day d is already shifted.
_SHIFTS = {
    "day": lambda d, n: d.isoformat(),
    "week": lambda d, n: iso_week(d),
    "weekend": lambda d, n: iso_week(d) + "-WE",
    "month": _shift_months(lambda d: d.month, 1, lambda y, m: f"{year_str(y)}-{m:02d}"),
    "quarter": _shift_months(lambda d: 3 * quarter_of(d) - 2, 3, lambda y, m: f"{year_str(y)}-Q{(m - 1) // 3 + 1}"),
    "half": _shift_months(lambda d: 1 if d.month <= 6 else 7, 6, lambda y, m: f"{year_str(y)}-H{1 if m <= 6 else 2}"),
    "year": lambda d, n: year_str(d.year + n),
    "decade": lambda d, n: decade_str(d.year // 10 + n),
    "century": lambda d, n: century_str(d.year // 100 + n),
}


# ---------------------------------------------------------------- norms
RELATION_OFFSET = {"this": 0, "last": -1, "next": 1}
# Each underspecified norm (the language is in timex_rules' docstring): its pattern, and the Resolver
# method that fixes it, given the fields the pattern captures. Grouped by kind (the word after UNDEF-);
# within a kind the first pattern that matches the whole norm wins.
NORMS = {
    "year": [(r"UNDEF-year-(\d\d)-(\d\d)", "_month_day"), (r"UNDEF-year-(\d\d)", "_month"),
             (r"UNDEF-year-(SP|SU|FA|WI)", "_season")],
    "quarter": [(r"UNDEF-quarter-of-(\d\d)", "_quarter_of_month")],
    "this|last|next": [
        (r"UNDEF-(this|last|next)-year-(\d\d(?:-\d\d)?|SP|SU|FA|WI)", "_month_of_relative_year"),
        (r"UNDEF-(this|last|next)-M(\d\d)", "_named_month"),
        (r"UNDEF-(this|last|next)-S(SP|SU|FA|WI)", "_named_season"),
        (r"UNDEF-this-([QH])(\d)", "_bare_quarter"),
        (r"UNDEF-(this|last|next)-([QH])(\d)", "_relative_quarter"),
        (r"UNDEF-(this|last|next)-D(\d)", "_named_weekday"),
        (r"UNDEF-(this|last|next)-(\w+)", "_relative_unit")],
    "weekday": [(r"UNDEF-weekday-(\d)", "_bare_weekday")],
    "wk": [(r"UNDEF-wk-(last|next)-D(\d)", "_weekday_of_week")],
    "dom": [(r"UNDEF-dom-(\d\d)", "_day_of_month")],
    "decade": [(r"UNDEF-decade-(\d)", "_decade")],
    "REL": [(r"UNDEF-REL-(\w+)-(MINUS|PLUS)-(\d+)", "_from_anchor")],
    "RELQ|REFQ": [(r"UNDEF-(RELQ|REFQ)-year-MINUS-1", "_year_before"),
                  (r"UNDEF-REFQ-quarter-PLUS-0", "_the_quarter")],
    "REFY": [(r"UNDEF-REFY-quarter-(\d{4})", "_quarter_of_year"),
             (r"UNDEF-REFY-(MINUS|PLUS)-(\d)-(\d\d(?:-\d\d)?)", "_month_of_reference_year")],
    "REFWD": [(r"UNDEF-REFWD-(\d)-(MINUS|PLUS)", "_weekday_from_reference")],
    "REFNEXT": [(r"UNDEF-REFNEXT-(\w+)-(MINUS|PLUS)-(\d+)", "_from_next_date")],
    "PAIR": [(r"UNDEF-PAIR-(\d\d)-(\d\d)", "_second_day")],
    "APPOS": [(r"UNDEF-APPOS-day", "_apposed_day")],
    "AFTER": [(r"UNDEF-AFTER-day", "_day_told")],
    "SENT": [(r"UNDEF-SENT-day", "_day_of_sentence"), (r"UNDEF-SENT-day-PLUS-1", "_day_after_the_sentence_day")],
    "REF": [(r"UNDEF-REF-same", "_same_as_reference"), (r"UNDEF-REF-(\w+)-(MINUS|PLUS)-(\d+)", "_from_reference")],
}
_NORMS_BY_KIND = {kind: [(re.compile(pattern), handler) for pattern, handler in entries]
                  for kinds, entries in NORMS.items() for kind in kinds.split("|")}


@dataclass(frozen=True)
class Norm:
    """An underspecified norm, read once: its kind, the Resolver method for it and the fields it names."""
    text: str
    kind: str
    handler: str
    fields: tuple


@functools.lru_cache(maxsize=4096)
def parse_norm(text):
    """The Norm of an UNDEF-... string, or None when no pattern of its kind matches it whole."""
    kind = text[6:].split("-", 1)[0]  # year, this/last/next, REL, REF, ...
    for pattern, handler in _NORMS_BY_KIND.get(kind, ()):
        match = pattern.fullmatch(text)
        if match:
            return Norm(text, kind, handler, match.groups())
    return None


def _split_time(norm):
    """(day norm, time suffix): "UNDEF-this-dayTEV" -> ("UNDEF-this-day", "TEV"); final norms keep theirs."""
    match = norm.startswith("UNDEF") and _TIME_SUFFIX.search(norm)
    return (norm[:match.start()], match.group(1)) if match else (norm, "")


def _signed(sign, n):
    return int(n) * (-1 if sign == "MINUS" else 1)


# The issue's own periods, and the words that make the end of one a deadline.
_THIS_PERIODS = frozenset({"UNDEF-this-year", "UNDEF-this-month", "UNDEF-this-week", "UNDEF-REF-week-PLUS-0"})
_DEADLINE_WORDS = frozenset({"by", "before", "until", "till"})


# Between "N days after" and the date it counts from: at most an article and one lower-case word ("one day
# after the June 27 talks", "after the reported June 27 talks").
_DATE_RIGHT_AFTER = re.compile(r"\s+(?:(?:the|a|an)\s+(?:[a-z]+\s+)?)?")


# Between a day and a phrase set beside it: a comma, and "on" or "just" ("May 8, the day after"; "October 20, on the eve").
_APPOSITION = re.compile(r",\s+(?:on\s+|just\s+)?", re.I)


# A year, then ", when" and the rest of the clause up to the mention (no sentence end, semicolon or other date).
_WHEN_OF_A_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d|last year),\s+when\b[^.;!?\d]*$", re.I)


# The small hours after a night told ("until after midnight"): the next day's, yet the story stays at the night's
# day ("the next morning" counts from it).
_SMALL_HOURS = "UNDEF-SENT-day-PLUS-1"


class _Asking:
    """What a norm's handler may ask about the mention being resolved: the mention itself, the next
    one, and (computed only when asked) the tense around it and the year-choice cue."""

    def __init__(self, resolver, m, next_mention):
        self.resolver, self.m, self.next_mention = resolver, m, next_mention
        self.role = m.role

    def tense(self):
        return tense_cue(self.resolver.text, self.m.start, self.m.end)

    def weekday_tense(self):
        return weekday_tense(self.resolver.text, self.m.start, self.m.end)

    def cue(self):
        if self.role != "event":
            return None
        return tense_cue_strength(self.resolver.text, self.m.start, self.m.end)

    def definite(self):
        if self.role != "event":
            return None
        return definite_tense(self.resolver.text, self.m.start, self.m.end)


# "the day after the signing": the happening's noun after the phrase.
_HAPPENING_NOUN = re.compile(r"\s+(?:the|his|her|their|its)\s+([a-z]+)\b")


def _sentence_end(text, position):
    """The offset of the end of the sentence holding `position` (a full stop and a space, or the text's end)."""
    end = text.find(". ", position)
    return len(text) if end < 0 else end


# ---------------------------------------------------------------- the resolver
class Resolver:
    """Resolves mentions of one text in order, remembering the dates already seen (for REF)."""

    def __init__(self, text, anchor):
        self.text = text
        self.anchor = anchor
        self.refs = []          # resolved event DATE values in text order
        self.ref_places = []    # (end offset, in a subordinate clause) of each of refs
        self.last_day = None    # (end offset, value) of the last event date naming one day (_day_of_sentence)
        self.last_day_background = False  # is that day background (is_background: a relative clause's flashback)?
        self.story_day = None   # (end offset, day) of the last day named other than the issue day (_day_of_sentence)

    def today(self, n=0):
        return (self.anchor + dt.timedelta(days=n)).isoformat()

    # -- the reference date for anaphora
    def reference(self, unit, start=None):
        """The date anaphora ("the day before", "that morning") count from: the last fine enough date of the
        text, skipping a background date of an earlier sentence (timex_story.is_background: "Kohl, who faces an
        election on May 5, ... ."; the story stays where it was). Within its own sentence such a date still
        counts ("X, who came on Monday, left the next day")."""
        for value, (end, background) in zip(reversed(self.refs[-8:]), reversed(self.ref_places[-8:])):
            if background and start is not None and sentence_ends(self.text, end, start):
                continue
            if value[:1].isdigit() and fine_enough(value, unit):
                return value
        return self.anchor.isoformat()

    def context_quarter(self):
        """The quarter the text is talking about: a recent quarter mention not after the anchor,
        unless a period of another kind ("the nine months", "1988") was named since."""
        for value in reversed(self.refs[-4:]):
            g = granularity(value)
            if g == "quarter" and base_interval(value, None)[0] <= self.anchor:
                return value
            if value.startswith("P") or g in ("year", "half"):
                return None
        return None

    def resolve(self, m, next_mention=None, remember=True):
        """Fill m['value'], m['type'] (may change), m['mod']; return m. With `remember` False the resolver's
        state (the references later anaphora count from) is left as it was: a look-ahead probe's value only."""
        norm, time_suffix = _split_time(m.norm)
        try:
            value = self._resolve_norm(norm, m, next_mention)
        except (OutOfRange, OverflowError):
            value = None  # "in 9,000 years" near year 9000: no year TIMEX3 can write
        if value is None:
            if m.optional:
                m.value = None
                return m
            value = "XXXX-XX-XX"
        if time_suffix and value[:1].isdigit():
            value += time_suffix
        m.value = value = self._deadline_week(m, norm, value)
        if self._end_ahead(m, norm):
            m.part = "later"  # (timex_interval: from the anchor to the period's end)
        if remember:
            self._remember(m, norm, value)
        return m

    def _deadline_week(self, m, norm, value):
        """A deadline is ahead: "said yesterday it would be ready by the end of the week", the story's week over
        before the issue day, is the issue's week."""
        if norm == "UNDEF-REF-week-PLUS-0" and value[:1].isdigit() and self._deadline(m) \
                and base_interval(value, None)[1] < self.anchor:
            return iso_week(self.anchor)
        return value

    def _end_ahead(self, m, norm):
        """"by (before, until) the end of the year" of the issue's own year, month or week: a deadline still ahead
        (whatever the tense: "could be signed by"), so the days from the issue date to the period's end
        (docs/annotation.md), not only its last third."""
        return norm in _THIS_PERIODS and self._deadline(m)

    def _deadline(self, m):
        """Is the mention the end of a period after "by", "before", "until" or "till"?"""
        if m.part != "late" or m.role != "event":
            return False
        before = self.text[max(0, m.start - 8):m.start].lower().split()
        return bool(before) and before[-1] in _DEADLINE_WORDS

    def _remember(self, m, norm, value):
        """Keep `value` as a reference for later anaphora (_is_reference; not the date an "N after" counts
        from); of a day's part, its day ("arrived on Monday night": "the next morning" counts from Monday)."""
        if self._is_reference(m, norm, value) and not m.background and not names_a_thing(self.text, m.start, self.last_day):
            self._add_reference(m, value)
            if _DAY.fullmatch(value):
                self.last_day = (m.end, value)
                self.last_day_background = self.ref_places[-1][1]
                self._remember_story_day(m, value)
        elif m.type == "TIME" and m.role == "event" and is_part_of_day(value):
            self._add_reference(m, value[:10])
            self.last_day = (m.end, value[:10])  # "the next morning ..., and by noon": noon of that day
            self.last_day_background = self.ref_places[-1][1]
            self._remember_story_day(m, value[:10])

    def _add_reference(self, m, value):
        self.refs.append(value)
        self.ref_places.append((m.end, is_background(self.text, m.start, value, self.today(), self.story_day)))

    def _remember_story_day(self, m, day):
        """The narrative's day: the last day named ("yesterday", "on Monday", "May 29", "the day before", a
        part of one), not the issue day ("today", "this morning": the present of the writer, not the story's)."""
        if day != self.anchor.isoformat() and not self.ref_places[-1][1] \
                and not is_flashback(self.text, m.start, day, self.story_day):
            self.story_day = (m.end, day)

    @staticmethod
    def _is_reference(m, norm, value):
        """Can later anaphora count from this value? A dated event (year-ago comparisons point back, so
        they must not become the reference themselves), or a length of months or quarters ("the nine
        months": ends talk about one quarter)."""
        if m.type == "DURATION":
            return bool(re.fullmatch(r"P\d+[MQ]", value))
        return (m.type == "DATE" and m.role == "event" and value[:1].isdigit() and "X" not in value
                and not norm.startswith(("UNDEF-RELQ", "UNDEF-REFQ")) and norm != _SMALL_HOURS
                and bool(base_interval(value, None)))

    def _resolve_norm(self, norm, m, next_mention):
        """The value of `norm`: itself when final, else what its kind's handler makes of it (NORMS)."""
        if not norm.startswith("UNDEF"):
            return norm
        if m.resolved:
            return m.resolved
        parsed = parse_norm(norm)
        if parsed is None:
            return None
        return getattr(self, parsed.handler)(_Asking(self, m, next_mention), *parsed.fields)

    # -- one handler per kind of norm; each gets the question (mention, next mention, cues) and the
    # -- fields its NORMS pattern captured
    def _year_of_when_clause(self, q):
        """The year a "when" clause after a year hangs on ("since last year, when Zhu raised it ... in July";
        "in 1996, when ... on May 5"): the clause tells a moment of that year. None when there is none."""
        left = self.text[max(0, q.m.start - 200):q.m.start]
        if ", when" not in left:
            return None  # (the common case, without the regular expression's scan)
        match = _WHEN_OF_A_YEAR.search(left)
        if match is None:
            return None
        year = match.group("year")
        return int(year) if year.isdigit() else self.anchor.year - 1

    def _month_day(self, q, month, day):
        mo, d = int(month), int(day)
        year = self._year_of_when_clause(q)
        if year:
            return _safe_day(year, mo, d)
        return choose_occurrence(lambda y: _safe_day(y, mo, d), self.anchor, q.role, q.cue(), q.definite(), q.m.part)

    def _month(self, q, month):
        year = self._year_of_when_clause(q)
        if year:
            return f"{year_str(year)}-{month}"
        return choose_occurrence(lambda y: f"{y:04d}-{month}", self.anchor, q.role, q.cue(), q.definite(), q.m.part)

    def _season(self, q, code):
        return choose_occurrence(lambda y: f"{y:04d}-{code}", self.anchor, q.role, q.cue(), q.definite(), q.m.part)

    def _quarter_of_month(self, q, month):
        # a reported quarter ("the quarter ended Sept. 30"): not after the anchor
        value = choose_occurrence(lambda y: f"{y}-{month}", self.anchor, "citation", None)
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"

    def _month_of_relative_year(self, q, rel, month):
        return f"{year_str(self.anchor.year + RELATION_OFFSET[rel])}-{month}"

    def _month_of_reference_year(self, q, sign, n, month):
        """"April of that year", "May 5 of the previous year": that month (day) of the year the text spoke of last."""
        year = int(self.reference("year", q.m.start)[:4]) + _signed(sign, n)
        return f"{year_str(year)}-{month}" if len(month) == 2 else _safe_day(year, int(month[:2]), int(month[3:]))

    def _relative_quarter(self, q, rel, kind, n):
        return f"{year_str(self.anchor.year + RELATION_OFFSET[rel])}-{kind}{n}"

    def _decade(self, q, digit):
        # "the '80s": the latest such decade not after the anchor's.
        a, d = self.anchor, int(digit)
        century = a.year // 100 if d * 10 <= a.year % 100 else a.year // 100 - 1
        return decade_str(century * 10 + d)

    def _from_anchor(self, q, unit, sign, n):
        return shift(self.anchor.isoformat(), unit, _signed(sign, n))

    def _year_before(self, q, kind):
        """"a year ago / earlier": earnings prose compares a quarter with the same quarter a year before."""
        context = self.context_quarter()
        if context is None and re.search(r"quarter|period", q.m.phrase, re.I):
            context = shift(self.anchor.isoformat(), "quarter", -1)
        if context:
            return self._quarter_year_before(context)
        base = self.anchor.isoformat() if kind == "RELQ" else self.reference("year")
        return shift(base, "year", -1)

    def _the_quarter(self, q):
        return self.context_quarter() or shift(self.anchor.isoformat(), "quarter", -1)

    def _quarter_of_year(self, q, year):
        context = next((v for v in reversed(self.refs) if granularity(v) == "quarter"), None)
        return f"{year}-Q{context[-1]}" if context else year

    def _weekday_from_reference(self, q, weekday, sign):
        ref = dt.date.fromisoformat(self.reference("day"))
        wd = int(weekday)
        if sign == "MINUS":
            return (ref - dt.timedelta(days=(ref.isoweekday() - wd) % 7 or 7)).isoformat()
        return (ref + dt.timedelta(days=(wd - ref.isoweekday()) % 7 or 7)).isoformat()

    def _from_next_date(self, q, unit, sign, n):
        """"one day after the June 27 talks": counted from the date right after, else the previous one;
        "a week after a summit" (no date to count from) is the length "a week"."""
        m, n = q.m, _signed(sign, n)
        # (Not "Friday, two days after the summit": a length the annotation keeps as one, P2D.)
        apposed = self._apposed_day(q) if unit == "day" and not m.duration else None
        if apposed:
            return apposed
        target = self._following_date(m, q.next_mention, unit)
        if target:
            q.next_mention.background = True
            return shift(target, unit, n)
        if m.optional:
            return None
        if m.duration and re.match(r"\s*[A-Za-z(\"“]", self.text[m.end:m.end + 3]):
            m.type = "DURATION"
            m.end = m.duration_end
            return m.duration
        told = self._day_of_named_happening(m) if unit == "day" else None
        return shift(told or self.reference(unit), unit, n)

    def _day_of_named_happening(self, m):
        """"left the day after the signing", "saw him the day before his departure": the last day told in a sentence
        that tells that happening ("signed ... on Friday", "ended a four-day visit yesterday": HAPPENING_VERBS), or
        None."""
        noun = _HAPPENING_NOUN.match(self.text, m.end)
        told = HAPPENING_VERBS.get(noun.group(1).lower()) if noun else None
        if told is None:
            return None
        for value, (end, _) in zip(reversed(self.refs), reversed(self.ref_places)):
            # (its words before the phrase itself: "arrived on Thursday and left the day after the signing")
            if _DAY.fullmatch(value) and told.search(self.text, self.text.rfind(". ", 0, end) + 1,
                                                   min(_sentence_end(self.text, end), m.start)):
                return value
        return None

    def _day_of_sentence(self, q):
        """A bare "the afternoon": the day named last before it in its own sentence ("On Wednesday he laid a
        wreath ... before he left for Moscow in the afternoon"; "began the visit on Sunday and spent the
        afternoon with"); else the story's day, the last day other than the issue day named before it in this
        paragraph or the one before ("The talks opened yesterday. In the morning ..."; the reference time, as
        HeidelTime takes it), unless that day is past and the clause looks ahead ("will speak in the
        evening"); else the issue day."""
        if self.last_day is not None and not sentence_ends(self.text, self.last_day[0], q.m.start) \
                and not (self.last_day_background and self.story_day is not None):
            return self.last_day[1]  # (a background day, "Putin, who had returned on Friday", leaves the story's)
        return story_day_of(self.text, self.story_day, q.m.start, self.today(), q.weekday_tense) or self.today()

    def _apposed_day(self, q):
        """A phrase set beside the day just written renames it: "on May 8, the day after the inauguration", "on
        October 6, the day Ivanov flew to Belgrade", "on October 20, on the eve of the summit" are May 8, October
        6 and October 20 (counting from them would move the happening by a day); None when no day is right before."""
        if self.last_day is None or not _APPOSITION.fullmatch(self.text, self.last_day[0], q.m.start):
            return None
        return self.last_day[1]

    def _day_told(self, q):
        """"afterwards": the day the story told last, skipping background dates (a relative clause's "who signed
        the treaty on February 9, 2000"); None when the last date told is coarser than a day (no narrated day)."""
        for value, (_, background) in zip(reversed(self.refs[-8:]), reversed(self.ref_places[-8:])):
            if background or not value[:1].isdigit():
                continue
            return value if _DAY.fullmatch(value) else None
        return None

    def _day_after_the_sentence_day(self, q):
        """"talked until two in the morning" after the sentence's night: the day after the day it is at."""
        return shift(self._day_of_sentence(q), "day", 1)

    def _second_day(self, q, month, day):
        """The "13" of "May 11 and 13": in the year of the day before it when that is of the same month."""
        if self.last_day is not None and self.last_day[1][5:7] == month:
            return _safe_day(int(self.last_day[1][:4]), int(month), int(day))
        return self._month_day(q, month, day)

    def _same_as_reference(self, q):
        """"the same day": the last date of the text, skipping a background date of an earlier sentence (as
        reference does: "made it public on Thursday, after X had been called in on Wednesday. ... the same day")."""
        places = reversed(self.ref_places)
        for value, (end, background) in zip(reversed(self.refs), places):
            if value[:1].isdigit() and not (background and sentence_ends(self.text, end, q.m.start)):
                return value
        return next((v for v in reversed(self.refs) if v[:1].isdigit()), None)

    def _from_reference(self, q, unit, sign, n):
        return shift(self.reference(unit, q.m.start), unit, _signed(sign, n))

    def _bare_quarter(self, q, kind, n):
        """'the fourth quarter': the anchor's year; the year before when that quarter is still ahead of the
        anchor and the clause speaks of the past ("reported a drop for the fourth quarter"), the year after
        when the clause looks ahead and next year's is nearer than this year's, over ("wants the cut extended
        into the second quarter" in December; "will report third-quarter results" in October is this year's)."""
        a = self.anchor
        value = f"{year_str(a.year)}-{kind}{n}"
        first, last, _ = base_interval(value, a)
        if first > a and q.tense() == "past":
            return f"{year_str(a.year - 1)}-{kind}{n}"
        later = f"{year_str(a.year + 1)}-{kind}{n}"
        if last < a and (base_interval(later, a)[0] - a) < (a - last) and q.tense() == "future":
            return later
        return value

    def _quarter_year_before(self, value):
        y, q = value.split("-Q")
        return f"{year_str(int(y) - 1)}-Q{q}"

    def _following_date(self, m, nxt, unit):
        """The date an 'N days after ...' phrase points to, if one follows closely in the clause. A length
        counted from a happening named first ("two days after the summit in Lisbon on May 31", "three weeks
        after he took office on April 5") stays a length (the annotation's P2D, P3W): only a date right after
        its "after the" counts ("one day after the June 27 talks")."""
        if not nxt or nxt.value is None or nxt.start - m.end > 60:
            return None
        if nxt.role in ("citation", "crossref"):
            return None  # "left the day after the signing (IRNA, June 28)": a report's date is no reference
        between = self.text[m.end:nxt.start]
        if re.search(r"[.;!?]|\n", between) or not fine_enough(nxt.value, unit):
            return None
        if m.duration and not _DATE_RIGHT_AFTER.fullmatch(between):
            nxt.background = True  # the earlier happening's date: no day for "that afternoon" to count from
            return None
        return nxt.value

    def _named_month(self, q, rel, month):
        a, month = self.anchor, int(month)
        if rel == "this":
            return f"{year_str(a.year)}-{month:02d}"
        if rel == "last":
            return f"{year_str(a.year if month < a.month else a.year - 1)}-{month:02d}"
        return f"{year_str(a.year if month > a.month else a.year + 1)}-{month:02d}"

    def _named_season(self, q, rel, code):
        a = self.anchor
        cands = []
        for y in (a.year - 2, a.year - 1, a.year, a.year + 1):
            s, e, _ = base_interval(f"{year_str(y)}-{code}", a)
            cands.append((y, s, e))
        return f"{year_str(_season_year(cands, rel, a))}-{code}"

    def _named_weekday(self, q, rel, day):
        a, day = self.anchor, int(day)
        if rel == "last":
            delta = (a.isoweekday() - day) % 7 or 7
            return (a - dt.timedelta(days=delta)).isoformat()
        if rel == "next":
            delta = (day - a.isoweekday()) % 7 or 7
            return (a + dt.timedelta(days=delta)).isoformat()
        return (a + dt.timedelta(days=day - a.isoweekday())).isoformat()

    def _weekday_of_week(self, q, rel, day):
        """"Tuesday of last week": that weekday of the ISO week before (after) the issue's."""
        a = self.anchor + dt.timedelta(days=7 * RELATION_OFFSET[rel])
        return (a + dt.timedelta(days=int(day) - a.isoweekday())).isoformat()

    def _bare_weekday(self, q, day):
        """News convention: the last such day within the past week, unless its clause looks ahead."""
        a, day = self.anchor, int(day)
        if q.weekday_tense() == "future":
            delta = (day - a.isoweekday()) % 7
            return (a + dt.timedelta(days=delta)).isoformat()
        delta = (a.isoweekday() - day) % 7
        return (a - dt.timedelta(days=delta)).isoformat()

    def _day_of_month(self, q, day):
        """"on the 12th": that day of the anchor's month, the month before or the month after, as the verb
        governing it says (timex_year.day_of_month)."""
        return day_of_month(int(day), self.anchor, q.weekday_tense())

    def _relative_unit(self, q, rel, unit):
        a = self.anchor
        n = RELATION_OFFSET[rel]
        if unit == "day":
            return self.today(n)
        if unit == "weekend":
            return self._weekend(rel, q.tense)
        if unit == "decade" and rel == "last":
            return decade_str(a.year // 10 - 1)
        return shift(a.isoformat(), unit, n)

    def _weekend(self, rel, tense):
        """'the weekend' on Mon-Wed is the one just past; on Thu/Fri the coming one, unless tense says otherwise."""
        a = self.anchor
        wd = a.isoweekday()
        this_week = iso_week(a) + "-WE"
        prev_week = iso_week(a - dt.timedelta(days=7)) + "-WE"
        if rel == "last":
            return prev_week
        if rel == "next":
            return iso_week(a + dt.timedelta(days=7)) + "-WE" if wd >= 6 else this_week
        if wd >= 6:
            return this_week
        t = tense()
        if t == "future":
            return this_week
        if t == "past":
            return prev_week
        return prev_week if wd <= 3 else this_week
