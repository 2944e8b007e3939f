"""Features of a candidate party of an event mention (attachment.py): general facts about where a person or a
state is named relative to the event's date and trigger (side, distance in words, clause, what stands between),
how (after "with", "by", "said", as a possessor, a pronoun, a demonym, a capital), and whether the hand rules
chose it. No words of the article become features beyond a closed list of function words and verbs, so the
weights learnt on one writer's articles say something about another's.

Every feature is a string; a candidate's features are a list of them (a sparse binary vector)."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from events.extraction.events.clauses import CONJUNCTIONS
from events.extraction.events.spans import CLAUSE_BREAK, DASH_ASIDE, RELATIVE_ASIDE, inside
from events.extraction.events.verbs import alternation

if TYPE_CHECKING:
    from events.extraction.events.context import Reading, SentenceContext

_WORD = re.compile(r"[\w\u2019'-]+")
# The words before and after a name that are kept as they are (all others become a shape: Title, lower).
PREVIOUS_WORDS = frozenset({
    "with", "by", "to", "from", "of", "and", "for", "between", "said", "told", "met", "received", "that", "the",
    "his", "her", "in", "on", "at", "as", "visit", "invited", "invitation", "after", "before", "while", "whom",
    "counterpart", "guest", "host", "saw", "hosted", "called", "telephoned", "sent", "urged", "asked", "against",
    "about", "under", "since", "when", "than", "including", "both", "ambassador", "envoy", "minister", "president",
    "premier", "leader", "chief", "secretary", "king", "foreign", "defense", "defence", "prime", "or", "like"})
NEXT_WORDS = frozenset({
    "said", "told", "met", "and", "who", "whose", "which", "will", "would", "was", "is", "has", "had", "arrived",
    "flew", "visited", "announced", "signed", "held", "received", "to", "in", "on", "at", "for", "with", "of",
    "the", "also", "himself", "later", "called", "telephoned", "sent", "urged", "agreed", "discussed", "left",
    "expressed", "warned", "stated", "declared", "were", "are", "visit", "had"})
_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "they", "them", "their"})
_GAP_MARKS = (
    ("semicolon", re.compile(r";")),
    ("colon", re.compile(r":")),
    ("relative", re.compile(r",\s+(?:who|whose|which|whom)\b")),
    ("while", re.compile(r"\b(?:while|whereas|although|though)\b")),
    ("but", re.compile(r"\bbut\b")),
    ("paren", re.compile(r"[()]")),
    ("dash", re.compile(r"[\u2013\u2014]")),
    ("that", re.compile(r"\bthat\b")),
    ("after_before", re.compile(r"\b(?:after|before|since|when|until)\b")),
    ("and", re.compile(r"\band\b")),
    ("said", re.compile(r"\b(?:said|says|told|announced|stated|declared|added|noted|warned)\b")),
    ("quote", re.compile(r"[\u201c\u201d\"]")),
)
_CONTENT_VERB = re.compile(r"\b(?:said|says|stated|declared|warned|announced|told|noted|added|stressed|"
                           r"insisted|claimed|confirmed|promised|argued|reported)\b(?:\s+\S+){0,6}?\s*(?:that\b|:)")
_POSSESSIVE = re.compile(r"[\u2019']s\b")
_PAREN = re.compile(r"\([^()]*\)")


def bucket(value: int, edges=(0, 2, 5, 10, 20)) -> str:
    """'0', '<=2', ... '>20': a distance in words as a coarse class."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


class SentenceView:
    """What the features need of one sentence, worked out once per sentence (word starts, asides, quotes)."""

    def __init__(self, ctx: SentenceContext):
        start, end = ctx.sentence.start, ctx.sentence.end
        self.ctx = ctx
        self.word_starts = [m.start() for m in _WORD.finditer(ctx.text, start, end)]
        self.asides = [m.span() for m in DASH_ASIDE.finditer(ctx.text, start, end)]
        self.relatives = [m.span() for m in RELATIVE_ASIDE.finditer(ctx.text, start, end)]
        self.parens = [m.span() for m in _PAREN.finditer(ctx.text, start, end)]
        content = _CONTENT_VERB.search(ctx.text, start, end)
        self.content_start = content.end() if content else None
        self.first_actor = ctx.actor_mentions[0].start if ctx.actor_mentions else None

    def walled(self, position: int, date: int) -> bool:
        """Is `position` inside a quotation, dash aside, relative clause or parentheses that does not hold the
        event's date (`date`)? What is named there is never added to the event (the rules' own structural
        judgement, kept as a hard limit on the model)."""
        return any(s <= position < e and not s <= date < e
                   for spans in (self.ctx.quotes, self.asides, self.relatives, self.parens) for s, e in spans)

    def words_between(self, low: int, high: int) -> int:
        if high <= low:
            return 0
        return bisect.bisect_left(self.word_starts, high) - bisect.bisect_left(self.word_starts, low)


def anchor_span(reading: Reading) -> tuple[int, int]:
    """The span from the date to its trigger (either order)."""
    timex, main = reading.timex, reading.main
    return min(timex["start"], main.start), max(timex["end"], main.end)


def position_features(start: int, end: int, reading: Reading, view: SentenceView) -> list[str]:
    """Where a name at text[start:end] stands relative to the event's date and trigger."""
    ctx, text = view.ctx, view.ctx.text
    low, high = anchor_span(reading)
    feats = []
    if end <= low:
        side, gap = "before", (end, low)
    elif start >= high:
        side, gap = "after", (high, start)
    else:
        side, gap = "inside", (start, start)
    feats.append("side=" + side)
    feats.append(f"dist={side}{bucket(view.words_between(*gap))}")
    feats.append("vs_date=" + ("before" if start < reading.timex["start"] else "after"))
    feats.append("vs_trig=" + ("before" if start < reading.main.start else "after"))
    clause_start, clause_end = reading.clause
    feats.append("in_clause" if clause_start <= start < clause_end else "out_clause")
    between = text[gap[0]:gap[1]]
    feats += ["gap_" + name for name, regex in _GAP_MARKS if regex.search(between)]
    feats += _competitor_features(start, end, gap, reading, ctx)
    feats += _crossing_features(start, end, gap, side, reading, view)
    feats += _structure_features(start, end, gap, side, reading, view)
    feats += _span_features(start, reading, view)
    feats += _word_features(start, end, text, ctx)
    return feats


_PATH_MARK = re.compile(r"[,;:()\u2013\u2014]|\b(?:who|whose|which|that|and|but|while|after|before|when|said|told|"
                        r"with|by|to|from|of|between)\b")


def path_features(text: str, gap: tuple[int, int], side: str) -> list[str]:
    """The punctuation and clause words between the name and the event, in order from the name: the first three as
    one feature, the one next to the name and the one next to the event."""
    marks = [m.group() for m in _PATH_MARK.finditer(text, gap[0], gap[1])]
    if not marks:
        return [f"path_{side}=none"]
    toward = marks if side == "before" else marks[::-1]  # from the name toward the event
    return [f"path_{side}=" + "/".join(toward[:3]) + ("+" if len(toward) > 3 else ""),
            f"path_{side}_first={toward[0]}", f"path_{side}_last={toward[-1]}"]


def _competitor_features(start: int, end: int, gap: tuple[int, int], reading: Reading,
                         ctx: SentenceContext) -> list[str]:
    """Another dated phrase or another happening's trigger between the name and the event, or nearer the
    name than the event's own."""
    own = {(t.start, t.end) for t in reading.own}
    others = [t for t in ctx.claimants if t is not reading.timex]
    tests = (
        ("gap_other_date", any(gap[0] <= t["start"] < gap[1] for t in others)),
        ("gap_other_trigger", any(gap[0] <= t.start < gap[1] and (t.start, t.end) not in own for t in ctx.triggers)),
        ("nearer_other_date", _other_date_nearer(start, end, reading.timex, others)),
        ("nearer_other_trigger", _other_trigger_nearer(start, end, own, ctx.triggers)),
    )
    return [name for name, holds in tests if holds]


def _other_date_nearer(start: int, end: int, timex: dict, others: list[dict]) -> bool:
    mine = _distance(start, end, timex["start"], timex["end"])
    return any(_distance(start, end, t["start"], t["end"]) < mine for t in others)


def _other_trigger_nearer(start: int, end: int, own: set, triggers: list) -> bool:
    nearest = min(triggers, key=lambda t: _distance(start, end, t.start, t.end), default=None)
    return nearest is not None and (nearest.start, nearest.end) not in own


def _crossing_features(start: int, end: int, gap: tuple[int, int], side: str, reading: Reading,
                       view: SentenceView) -> list[str]:
    """How many other persons and clause breaks stand between the name and the event; whether it is the subject
    right before the trigger or the object right after it."""
    ctx = view.ctx
    persons = min(2, sum(1 for m in ctx.actor_mentions if gap[0] <= m.start < gap[1] and m.start != start))
    breaks = min(3, len(CLAUSE_BREAK.findall(ctx.text, gap[0], gap[1])))
    feats = [f"persons_between={persons}", f"breaks_between={breaks}", f"{side}_persons_between={persons}",
             f"{side}_breaks_between={breaks}"]
    if not persons:
        feats += _trigger_role(start, end, reading.main, view)
    return feats


_NEW_CLAUSE = re.compile(r";|,\s+" + alternation(CONJUNCTIONS) + r"\b")
_VERB_AFTER = re.compile(r"(?:,[^,]{1,60},)?\s+(?:[a-z]+ly\s+)?(?:is|was|are|were|has|had|have|will|would|can|could|"
                         r"may|might|must|should|did|does|[a-z]+ed|[a-z]+s)\b")
_TAIL_BEFORE = re.compile(r",\s+(?:[\w'\u2019-]+\s+){0,6}$")


def _structure_features(start: int, end: int, gap: tuple[int, int], side: str, reading: Reading,
                        view: SentenceView) -> list[str]:
    """The clause structure around the name: another person is the trigger's own subject between it and the
    trigger; it opens a clause of its own after the event (subject of another verb); another person owns the
    trigger ("X's visit"); it speaks the content the event is told in; a reporting verb's tail after it."""
    feats = _before_structure(start, end, reading, view) if side == "before" else []
    text = view.ctx.text
    if side == "after" and _NEW_CLAUSE.search(text, gap[0], gap[1]) and _VERB_AFTER.match(text, end):
        feats.append("subject_of_later_clause")
    if view.content_start is not None and reading.timex["start"] >= view.content_start > end:
        feats.append("speaker_of_content")
    owner = _owner_of(reading.main, view.ctx)
    if owner is not None:
        feats.append("trigger_owner_self" if owner[0] == start else "trigger_owner_other")
    return feats


def _before_structure(start: int, end: int, reading: Reading, view: SentenceView) -> list[str]:
    feats = []
    if _other_subject_between(start, end, reading.main, view):
        feats.append("other_subject_between")
    if reading.event_type in view.ctx.rules.statements and _TAIL_BEFORE.search(view.ctx.text, end, reading.main.start):
        feats.append("before_reporting_tail")
    return feats


def _other_subject_between(start: int, end: int, main, view: SentenceView) -> bool:
    """Does another person, past a clause break after this name, stand as the trigger's own subject?"""
    text = view.ctx.text
    return any(start < m.start < main.start and _NEW_CLAUSE.search(text, end, m.start)
               and _trigger_role(m.start, m.end, main, view) == ["subject_of_trigger"]
               for m in view.ctx.actor_mentions)


_OWNER = re.compile(r"[\u2019']s\s+(?:[\w-]+\s+){0,2}$")


def _owner_of(main, ctx: SentenceContext) -> tuple[int, int] | None:
    """The person named as the trigger's possessor ("Putin's visit"), as its span."""
    for mention in reversed(ctx.actor_mentions):
        if mention.end <= main.start:
            return (mention.start, mention.end) if _OWNER.fullmatch(ctx.text, mention.end, main.start) else None
    return None


def _trigger_role(start: int, end: int, main, view: SentenceView) -> list[str]:
    """The name right before the trigger, in the same phrase (its subject), or right after it (its object)."""
    text = view.ctx.text
    if end <= main.start and not _STRONG.search(text, end, main.start):
        return ["subject_of_trigger" if view.words_between(end, main.start) <= 6 else "before_trigger_same_phrase"]
    if start >= main.end and view.words_between(main.end, start) <= 4 and not _STRONG.search(text, main.end, start):
        return ["object_of_trigger"]
    return []


_STRONG = re.compile(r"[;:()\u2013\u2014]|,\s+(?:who|which|while|but|and)\b|\b(?:that|while|after|before|when)\b")


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, b_start - a_end, a_start - b_end)


def _span_features(start: int, reading: Reading, view: SentenceView) -> list[str]:
    """Inside a quotation, a dash aside, a relative clause or parentheses (and whether the date is too); in a
    statement's content."""
    feats = []
    date = reading.timex["start"]
    for name, spans in (("quote", view.ctx.quotes), ("aside", view.asides), ("relative", view.relatives),
                        ("paren", view.parens)):
        if inside(spans, start):
            together = any(s <= start < e and s <= date < e for s, e in spans)
            feats.append(f"in_{name}" + ("_with_date" if together else ""))
    if view.content_start is not None and start >= view.content_start:
        feats.append("in_content" + ("_date_too" if date >= view.content_start else ""))
    return feats


def _word_features(start: int, end: int, text: str, ctx: SentenceContext) -> list[str]:
    """The word right before and right after the name (closed lists, else its shape), a possessive after it."""
    before = list(_WORD.finditer(text, max(ctx.sentence.start, start - 40), start))
    feats = ["prev=" + (_word_class(before[-1].group(), PREVIOUS_WORDS) if before else "START")]
    if _POSSESSIVE.match(text, end):
        feats.append("possessive")
        return feats
    after = _WORD.search(text, end, min(ctx.sentence.end, end + 40))
    feats.append("next=" + (_word_class(after.group(), NEXT_WORDS) if after else "END"))
    tail = text[end:end + 2]
    if tail.startswith(","):
        feats.append("next_comma")
    return feats


def _word_class(word: str, kept: frozenset) -> str:
    low = word.lower()
    if low in kept:
        return low
    return "Title" if word[:1].isupper() else "lower"
