"""Resolution phase of the temporal tagger: fix every underspecified norm against the anchor,
the tense/modality around the mention, its role, and the previous date in the text.

Year choice for a month-day, month or season without a year (docs/timex.md):
  1. a citation or cross-reference never lies after the anchor: the latest occurrence on or before it;
  2. if the occurrence nearest the anchor is within NEAR_DAYS of it, take it (news talks about
     the recent past and the near future: "December 28" on 2 January is last December);
  3. else the tense/modality cue nearest the mention decides: future (will, planned, expected,
     scheduled, next ...) takes the next occurrence, past (was, had, said, -ed ...) the last one;
  4. with no cue, the nearest occurrence.
Plain Python, no Django imports.
"""
import datetime as dt
import re

from .periods import add_months, distance_in_days, season_of
from .timex_interval import base_interval

NEAR_DAYS = 92

# Strong cues are auxiliaries and modals; weak ones are past-tense verbs and forward-looking words.
STRONG_FUTURE = {"will", "shall", "'ll", "won't", "would"}
STRONG_PAST = {"was", "were", "had", "did", "has", "have", "hadn't", "wasn't", "weren't", "ago"}
PLAN_WORDS = {"effective", "scheduled", "planned", "expected", "due", "slated", "set", "planning", "plans", "plan",
              "intends", "intend", "expects", "expect", "upcoming", "forthcoming", "anticipated"}
WEAK_FUTURE = {"ahead", "next", "coming", "may", "might", "hopes", "hope", "proposed", "prepares", "preparing", "until"}
IRREGULAR_PAST = {
    "said", "met", "came", "went", "made", "took", "gave", "told", "began", "held", "saw", "won", "led",
    "left", "sent", "paid", "fell", "rose", "got", "became", "brought", "bought", "sold", "struck", "spoke",
    "wrote", "knew", "thought", "found", "ran", "stood", "felt", "hit", "put", "last", "earlier", "since",
    "flew", "drew", "grew", "threw", "broke", "chose", "won", "lost", "meant", "kept", "heard", "built",
}
NOT_PAST = {"need", "indeed", "speed", "seed", "proceed", "succeed", "exceed", "feed", "bleed", "red",
            "hundred", "embed", "shed", "based", "related", "united", "limited", "advanced", "proposed"}
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_TIME_SUFFIX = re.compile(r"(T(?:MO|AF|EV|NI|\d\d(?::\d\d)?))$")


def _cue(words, i):
    """(strength, tense) of words[i] in its context, or None. Strength 2 = auxiliary/modal/plan."""
    w = words[i].lower()
    prev = words[i - 1].lower() if i else ""
    prev2 = words[i - 2].lower() if i > 1 else ""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if w in STRONG_FUTURE:
        return 2, "future"
    if w == "to" and prev in ("is", "are"):
        return 2, "future"
    if w == "going" and nxt == "to":
        return 2, "future"
    if w in PLAN_WORDS:
        if w == "set" and nxt not in ("for", "to"):
            return None
        if prev in ("than", "as"):
            return None  # "lower-than-expected", "as planned" say nothing of the date
        # "had been scheduled to expire Friday": the plan lies in the past.
        if prev in ("had", "previously") or (prev == "been" and prev2 == "had"):
            return 2, "past"
        return 2, "future"
    if w in STRONG_PAST:
        return 2, "past"
    if w in WEAK_FUTURE:
        return 1, "future"
    if w in IRREGULAR_PAST:
        return 1, "past"
    if len(w) > 4 and w.endswith("ed") and w not in NOT_PAST:
        return 1, "past"
    return None


def tense_cue(text, start, end, before_chars=100, after_chars=60):
    """'future', 'past' or None for the mention text[start:end] (see tense_cue_strength)."""
    return tense_cue_strength(text, start, end, before_chars, after_chars)[0]


def tense_cue_strength(text, start, end, before_chars=100, after_chars=60):
    """(tense, strong): the verb right before the mention (within three words) if it is a cue,
    else the nearest strong cue before it in its sentence, else the nearest weak one; failing
    those, the same search in the few words after it. strong = an auxiliary, modal or plan word."""
    left = text[max(0, start - before_chars):start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    if cut:
        left = left[cut.end():]
    words = _WORD.findall(left)
    last = len(words) - 1
    for i in range(last, max(-1, last - 3), -1):
        c = _cue(words, i)
        if c:
            return c[1], c[0] == 2
    found = _first_cue(words, range(last - 3, -1, -1))
    if found[0]:
        return found
    right = text[end:end + after_chars]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[:stop.start()]
    words = _WORD.findall(right)[:8]
    return _first_cue(words, range(len(words)))


# A clause ends at punctuation or a word that opens another clause ("Aliev, who is expected in Moscow
# next month, arrived in Tbilisi on Friday": "is expected" is not the arrival's tense).
_CLAUSE_OPENERS = {"who", "whom", "whose", "which", "that", "where", "while", "whereas", "but", "although"}
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\u2013\u2014]|\s-\s|--")


def weekday_tense(text, start, end, before_chars=100):
    """Tense for a bare weekday ("on Friday"): the verb right before it (within three words) if it is a
    cue; else the first strong, then weak, cue of its own clause (back to a comma, dash, parenthesis or a
    word opening another clause); only when its clause has none, tense_cue's wider search. So a weekday
    in a past-tense clause resolves backwards even when another clause of the sentence looks ahead."""
    left = text[max(0, start - before_chars):start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    if cut:
        left = left[cut.end():]
    punctuation = None
    for punctuation in _CLAUSE_PUNCTUATION.finditer(left):
        pass
    if punctuation:
        left = left[punctuation.end():]
    words = _WORD.findall(left)
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _CLAUSE_OPENERS:
            words = words[i + 1:]
            break
    last = len(words) - 1
    for i in range(last, max(-1, last - 3), -1):
        c = _cue(words, i)
        if c:
            return c[1]
    found = _first_cue(words, range(last - 3, -1, -1))[0]
    return found or tense_cue(text, start, end)


def _first_cue(words, order):
    """(tense, strong) of the first strong cue in `order`, else of the first weak one, else (None, False)."""
    weak = None
    for i in order:
        c = _cue(words, i)
        if c:
            if c[0] == 2:
                return c[1], True
            weak = weak or c[1]
    return weak, False


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


def _distance(anchor, start, end):
    return distance_in_days(start, end, anchor)


def choose_occurrence(make_value, anchor, role, cue):
    """Pick the year for a value written without one (rules in the module docstring).
    cue: (tense, strong) from tense_cue_strength, or None."""
    tense = cue[0] if cue else None
    cands = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        value = make_value(year)
        iv = base_interval(value, anchor) if value else None
        if iv:
            cands.append((value, iv[0], iv[1]))
    if not cands:
        return make_value(anchor.year)
    if role in ("citation", "crossref"):
        past = [c for c in cands if c[1] <= anchor]
        return max(past, key=lambda c: c[1])[0] if past else cands[0][0]
    nearest = min(cands, key=lambda c: (_distance(anchor, c[1], c[2]), c[1] > anchor))
    # Measured on TimeBank: letting even a strong cue override a near occurrence loses (0.832 vs 0.835).
    if tense is None or _distance(anchor, nearest[1], nearest[2]) <= NEAR_DAYS:
        return nearest[0]
    if tense == "future":
        later = [c for c in cands if c[2] >= anchor]
        return min(later, key=lambda c: c[1])[0] if later else nearest[0]
    earlier = [c for c in cands if c[1] <= anchor]
    return max(earlier, key=lambda c: c[1])[0] if earlier else nearest[0]


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
    if iv is None:
        return None
    d = iv[0]
    if unit in ("day", "week", "weekend"):
        try:
            d = d + (dt.timedelta(days=n) if unit == "day" else dt.timedelta(weeks=n))
        except OverflowError:
            raise OutOfRange(f"{unit} shift {n} from {anchor_value} is out of range") from None
        return d.isoformat() if unit == "day" else iso_week(d) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        y, m = add_months(d.year, d.month, n)
        return f"{year_str(y)}-{m:02d}"
    if unit == "quarter":
        y, m = add_months(d.year, 3 * quarter_of(d) - 2, 3 * n)
        return f"{year_str(y)}-Q{(m - 1) // 3 + 1}"
    if unit == "half":
        y, m = add_months(d.year, 1 if d.month <= 6 else 7, 6 * n)
        return f"{year_str(y)}-H{1 if m <= 6 else 2}"
    if unit == "year":
        return year_str(d.year + n)
    if unit == "decade":
        return decade_str(d.year // 10 + n)
    if unit == "century":
        return century_str(d.year // 100 + n)
    return None


def granularity(value):
    iv = base_interval(value, None) if value and value[0].isdigit() else None
    return iv[2] if iv else None


_FINER = ["day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century"]


def fine_enough(value, unit):
    """Can `value` anchor an offset counted in `unit`? (a day offset needs a day)."""
    g = granularity(value)
    if g is None:
        return False
    if unit == "day":
        return g == "day"
    if unit in ("week", "weekend"):
        return g in ("day", "week", "weekend")
    if unit == "month":
        return g in ("day", "week", "month")
    return True


# ---------------------------------------------------------------- the resolver
class Resolver:
    """Resolves mentions of one text in order, remembering the dates already seen (for REF)."""

    def __init__(self, text, anchor):
        self.text = text
        self.anchor = anchor
        self.refs = []          # resolved event DATE values in text order

    def today(self, n=0):
        return (self.anchor + dt.timedelta(days=n)).isoformat()

    # -- the reference date for anaphora
    def reference(self, unit):
        for value in reversed(self.refs[-8:]):
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

    def resolve(self, m, next_mention=None):
        """Fill m['value'], m['type'] (may change), m['mod']; return m."""
        norm = m["norm"]
        time_suffix = ""
        tm = norm.startswith("UNDEF") and _TIME_SUFFIX.search(norm)
        if tm:
            time_suffix = tm.group(1)
            norm = norm[:tm.start()]
        try:
            value = self._resolve_norm(norm, m, next_mention)
        except (OutOfRange, OverflowError):
            value = None  # "in 9,000 years" near year 9000: no year TIMEX3 can write
        if value is None:
            if m.get("optional"):
                m["value"] = None
                return m
            value = "XXXX-XX-XX"
        if time_suffix and value[:1].isdigit():
            value += time_suffix
        m["value"] = value
        # Year-ago comparisons point back; they must not become the reference themselves.
        if (m["type"] == "DATE" and m["role"] == "event" and value[:1].isdigit() and "X" not in value
                and not norm.startswith(("UNDEF-RELQ", "UNDEF-REFQ")) and base_interval(value, None)):
            self.refs.append(value)
        elif m["type"] == "DURATION" and re.fullmatch(r"P\d+[MQ]", value):
            self.refs.append(value)  # "the nine months": ends talk about one quarter
        return m

    def _resolve_norm(self, norm, m, next_mention):
        if not norm.startswith("UNDEF"):
            return norm
        if m.get("resolved"):
            return m["resolved"]
        a = self.anchor
        tense = lambda: tense_cue(self.text, m["start"], m["end"])  # noqa: E731 - computed lazily
        cue = lambda: tense_cue_strength(self.text, m["start"], m["end"]) if role == "event" else None  # noqa: E731
        role = m["role"]
        kind = norm[6:].split("-", 1)[0]  # year, this/last/next, REL, REF, ...: which patterns can match

        if kind == "year":
            if r := re.fullmatch(r"UNDEF-year-(\d\d)-(\d\d)", norm):
                mo, d = int(r.group(1)), int(r.group(2))
                return choose_occurrence(lambda y: _safe_day(y, mo, d), a, role, cue())
            if r := re.fullmatch(r"UNDEF-year-(\d\d)", norm):
                mo = r.group(1)
                return choose_occurrence(lambda y: f"{y:04d}-{mo}", a, role, cue())
            if r := re.fullmatch(r"UNDEF-year-(SP|SU|FA|WI)", norm):
                s = r.group(1)
                return choose_occurrence(lambda y: f"{y:04d}-{s}", a, role, cue())
        if kind == "quarter":
            if r := re.fullmatch(r"UNDEF-quarter-of-(\d\d)", norm):
                month = choose_occurrence(lambda y: f"{y}-{r.group(1)}", a, "citation", None)  # a reported quarter: not after the anchor
                return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"
        if kind in ("this", "last", "next"):
            if r := re.fullmatch(r"UNDEF-(this|last|next)-year-(\d\d)", norm):
                return f"{year_str(a.year + {'this': 0, 'last': -1, 'next': 1}[r.group(1)])}-{r.group(2)}"
            if r := re.fullmatch(r"UNDEF-(this|last|next)-M(\d\d)", norm):
                return self._named_month(r.group(1), int(r.group(2)))
            if r := re.fullmatch(r"UNDEF-(this|last|next)-S(SP|SU|FA|WI)", norm):
                return self._named_season(r.group(1), r.group(2))
            if r := re.fullmatch(r"UNDEF-this-([QH])(\d)", norm):
                return self._bare_quarter(r.group(1), r.group(2), tense)
            if r := re.fullmatch(r"UNDEF-(this|last|next)-([QH])(\d)", norm):
                y = a.year + {"this": 0, "last": -1, "next": 1}[r.group(1)]
                return f"{year_str(y)}-{r.group(2)}{r.group(3)}"
            if r := re.fullmatch(r"UNDEF-(this|last|next)-D(\d)", norm):
                return self._named_weekday(r.group(1), int(r.group(2)))
            if r := re.fullmatch(r"UNDEF-(this|last|next)-(\w+)", norm):
                return self._relative_unit(r.group(1), r.group(2), tense)
        if kind == "weekday":
            if r := re.fullmatch(r"UNDEF-weekday-(\d)", norm):
                return self._bare_weekday(int(r.group(1)), weekday_tense(self.text, m["start"], m["end"]))
        if kind == "decade":
            if r := re.fullmatch(r"UNDEF-decade-(\d)", norm):
                # "the '80s": the latest such decade not after the anchor's.
                d = int(r.group(1))
                century = a.year // 100 if d * 10 <= a.year % 100 else a.year // 100 - 1
                return decade_str(century * 10 + d)
        if kind == "REL":
            if r := re.fullmatch(r"UNDEF-REL-(\w+)-(MINUS|PLUS)-(\d+)", norm):
                n = int(r.group(3)) * (-1 if r.group(2) == "MINUS" else 1)
                return shift(a.isoformat(), r.group(1), n)
        if kind in ("RELQ", "REFQ"):
            if norm in ("UNDEF-RELQ-year-MINUS-1", "UNDEF-REFQ-year-MINUS-1"):
                # Earnings prose compares a quarter with "a year ago": the same quarter a year before.
                q = self.context_quarter()
                if q is None and re.search(r"quarter|period", m.get("phrase", ""), re.I):
                    q = shift(a.isoformat(), "quarter", -1)
                if q:
                    return self._quarter_year_before(q)
                base = a.isoformat() if norm.startswith("UNDEF-RELQ") else self.reference("year")
                return shift(base, "year", -1)
            if norm == "UNDEF-REFQ-quarter-PLUS-0":
                return self.context_quarter() or shift(a.isoformat(), "quarter", -1)
        if kind == "REFY":
            if r := re.fullmatch(r"UNDEF-REFY-quarter-(\d{4})", norm):
                q = next((v for v in reversed(self.refs) if granularity(v) == "quarter"), None)
                return f"{r.group(1)}-Q{q[-1]}" if q else r.group(1)
        if kind == "REFWD":
            if r := re.fullmatch(r"UNDEF-REFWD-(\d)-(MINUS|PLUS)", norm):
                ref = dt.date.fromisoformat(self.reference("day"))
                wd = int(r.group(1))
                if r.group(2) == "MINUS":
                    delta = (ref.isoweekday() - wd) % 7 or 7
                    return (ref - dt.timedelta(days=delta)).isoformat()
                delta = (wd - ref.isoweekday()) % 7 or 7
                return (ref + dt.timedelta(days=delta)).isoformat()
        if kind == "REFNEXT":
            if r := re.fullmatch(r"UNDEF-REFNEXT-(\w+)-(MINUS|PLUS)-(\d+)", norm):
                unit, n = r.group(1), int(r.group(3)) * (-1 if r.group(2) == "MINUS" else 1)
                target = self._following_date(m, next_mention, unit)
                if target:
                    return shift(target, unit, n)
                if m.get("optional"):
                    return None
                if m.get("duration") and re.match(r"\s*[A-Za-z(\"“]", self.text[m["end"]:m["end"] + 3]):
                    # "a week after a summit": no date to count from, so it is the length "a week".
                    m["type"] = "DURATION"
                    m["end"] = m["duration_end"]
                    return m["duration"]
                return shift(self.reference(unit), unit, n)
        if kind == "REF":
            if norm == "UNDEF-REF-same":
                return next((v for v in reversed(self.refs) if v[:1].isdigit()), None)
            if r := re.fullmatch(r"UNDEF-REF-(\w+)-(MINUS|PLUS)-(\d+)", norm):
                unit, n = r.group(1), int(r.group(3)) * (-1 if r.group(2) == "MINUS" else 1)
                return shift(self.reference(unit), unit, n)
        return None

    def _bare_quarter(self, kind, n, tense):
        """'the fourth quarter': the anchor's year, or the year before when that quarter is still
        ahead of the anchor and the clause speaks of the past ("reported a drop for the fourth quarter")."""
        a = self.anchor
        value = f"{year_str(a.year)}-{kind}{n}"
        if base_interval(value, a)[0] > a and tense() == "past":
            return f"{year_str(a.year - 1)}-{kind}{n}"
        return value

    def _quarter_year_before(self, value):
        y, q = value.split("-Q")
        return f"{year_str(int(y) - 1)}-Q{q}"

    def _following_date(self, m, nxt, unit):
        """The date an 'N days after ...' phrase points to, if one follows closely in the clause."""
        if not nxt or nxt.get("value") is None or nxt["start"] - m["end"] > 60:
            return None
        between = self.text[m["end"]:nxt["start"]]
        if re.search(r"[.;!?]|\n", between):
            return None
        return nxt["value"] if fine_enough(nxt["value"], unit) else None

    def _named_month(self, rel, month):
        a = self.anchor
        if rel == "this":
            return f"{year_str(a.year)}-{month:02d}"
        if rel == "last":
            return f"{year_str(a.year if month < a.month else a.year - 1)}-{month:02d}"
        return f"{year_str(a.year if month > a.month else a.year + 1)}-{month:02d}"

    def _named_season(self, rel, code):
        a = self.anchor
        cands = []
        for y in (a.year - 2, a.year - 1, a.year, a.year + 1):
            s, e, _ = base_interval(f"{year_str(y)}-{code}", a)
            cands.append((y, s, e))
        if rel == "last":
            done = [c for c in cands if c[2] < a]
            return f"{year_str(done[-1][0])}-{code}"
        if rel == "next":
            ahead = [c for c in cands if c[1] > a]
            return f"{year_str(ahead[0][0])}-{code}"
        inside = [c for c in cands if c[1] <= a <= c[2]]
        if inside:
            return f"{year_str(inside[0][0])}-{code}"
        return f"{year_str(a.year)}-{code}"

    def _named_weekday(self, rel, day):
        a = self.anchor
        if rel == "last":
            delta = (a.isoweekday() - day) % 7 or 7
            return (a - dt.timedelta(days=delta)).isoformat()
        if rel == "next":
            delta = (day - a.isoweekday()) % 7 or 7
            return (a + dt.timedelta(days=delta)).isoformat()
        return (a + dt.timedelta(days=day - a.isoweekday())).isoformat()

    def _bare_weekday(self, day, tense):
        """News convention: the last such day within the past week, unless the clause looks ahead."""
        a = self.anchor
        if tense == "future":
            delta = (day - a.isoweekday()) % 7
            return (a + dt.timedelta(days=delta)).isoformat()
        delta = (a.isoweekday() - day) % 7
        return (a - dt.timedelta(days=delta)).isoformat()

    def _relative_unit(self, rel, unit, tense):
        a = self.anchor
        n = {"this": 0, "last": -1, "next": 1}[rel]
        if unit == "day":
            return self.today(n)
        if unit == "weekend":
            return self._weekend(rel, tense)
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
