"""The temporal tagger's scanning machinery: where each rule can match, found fast.

The rules' patterns begin with long optional alternations, costly to try at every position. Every rule
names its cores (timex_rules: sparse patterns each of its matches contains: a month name, "ago", a
four-digit number); a Scanner finds all cores' hits in one pass over the words of the text and runs each
rule only in the windows around its cores' hits. This changes how fast the rules run, never what they
match (tests/extraction/test_timex.py compares it with plain finditer). Plain Python, no Django.
"""
import re
from dataclasses import dataclass

from events.extraction.phrases import AfterNonWord, trie_pattern
from events.extraction.timex_vocab import alternation

# A window reaches this far before and after a core hit (a rule's optional prefix is shorter).
CORE_BEFORE, CORE_AFTER = 60, 30
# Core words are 3 letters or more (case folding maps one character to one).
_WORD = re.compile(r"\w{3,}")
_SPACE = re.compile(r"\s")  # the same characters as str.isspace
# A word character outside ASCII: a text without one has only ASCII words, whose lower case is one character
# for one (core_hits then scans its lower-cased copy). (Written as a non-ASCII character, then the look-behind
# testing it is a word character: the engine skips in C over the ASCII ones by a range test, where [^\W\x00-\x7f]
# asks the Unicode database about every character of the text.)
_NON_ASCII_WORD_CHAR = re.compile(r"[^\x00-\x7f](?<=[^\W\x00-\x7f])")


# One \d (any Unicode decimal digit) opening a core that is scanned through the text: written as an ASCII digit or
# any character outside ASCII, then the look-behind testing it is a digit, the engine skips in C over the ASCII
# characters by a bitmap where \d asks the Unicode database about each one. Same matches as \d.
DIGIT = r"(?-i:[0-9\x80-\U0010ffff])(?<=\d)"


def prefix_scanner(prefixes):
    """A regex finding the word beginnings that may be one of `prefixes` (case-sensitive): it starts
    with their first letters, which the engine skips to quickly, then checks no letter precedes."""
    firsts = "".join(sorted({p[0] for p in prefixes}))
    rests = alternation(sorted({p[1:] for p in prefixes}))
    return re.compile(rf"[{firsts}](?<!\w[{firsts}]){rests}")


@dataclass(eq=False)
class Core:
    """A sparse pattern that every match of a rule contains (see `core_hits`, `core_windows`).

    first_words: the lowercase words a hit starts with. words: set by `word_core` when a hit is
    exactly one of these words (exact case when `cased`), so a word of the text is a hit without
    asking the regex. prefixes: the case-sensitive beginnings of the word a hit starts in, for
    patterns without a final word boundary ("Sept." and "Decide" both begin like a month). With
    none of these, hits may start inside a word ("1990s", "p.m.") and the pattern scans the text.
    """
    pattern: str
    first_words: frozenset = frozenset()
    prefixes: frozenset = frozenset()
    flags: int = re.IGNORECASE
    words: frozenset = None
    cased: bool = False

    def __post_init__(self):
        self.regex = re.compile(self.pattern, self.flags)
        self.scanner = prefix_scanner(self.prefixes) if self.prefixes else None


def word_core(words, cased=False):
    """A core that is one of `words` (a whole word; exact case when `cased`)."""
    words = list(words)
    pattern = alternation(words)
    return Core(r"\b" + (f"(?-i:{pattern})" if cased else pattern) + r"\b", frozenset(w.lower() for w in words),
                words=frozenset(words), cased=cased)


class Scanner:
    """The cores of a list of rules, indexed: cores by the first word of their hits, cores found by word
    beginnings, and the rest (scanned with their own regex)."""

    def __init__(self, rules):
        self.rules = rules
        self.cores_by_word, self.prefix_cores, self.scanned_cores = _index(rules)
        self.word_cores = tuple(dict.fromkeys(core for cores in self.cores_by_word.values() for core in cores))
        # Non-ASCII words can case-fold onto an ASCII core word ("ſ" matches "s"): those try every core.
        self._any_core_word = re.compile(r"\b" + alternation(self.cores_by_word) + r"\b", re.IGNORECASE)
        # The core words (lower case, ASCII, 3 letters or more: _index) as whole words of a lower-cased text.
        self._core_word_regex = AfterNonWord(trie_pattern(self.cores_by_word) + r"(?!\w)", r"\w")

    def core_hits(self, text):
        """{core: [(start, end)]}: exactly the hits core.regex.finditer(text) would give. Word cores
        are found in one pass over the words of the text, each looked up once, instead of one scan per
        core; the others by scans the engine can skip through.

        A text whose words are all ASCII (most) takes one trie scan of its lower-cased copy; others the loop
        over their words, whose common path makes no call of its own (bench_timex)."""
        hits = {core: [] for core in self.word_cores}
        lowered = text.lower()
        if len(lowered) == len(text) and not _NON_ASCII_WORD_CHAR.search(text):
            self._word_hits_by_regex(hits, text, lowered)
        else:
            self._word_hits_by_loop(hits, text)
        self._scan_other_cores(hits, text)
        return hits

    def _word_hits_by_loop(self, hits, text):
        """The word cores' hits, each word of the text looked up once (its lower case); a non-ASCII word that
        is no core word may still case-fold onto one (_folded_hits)."""
        get = self.cores_by_word.get
        for word in _WORD.finditer(text):
            w = word.group()
            cores = get(w.lower())
            if cores is None:
                if not w.isascii():
                    self._folded_hits(hits, text, word.start())
                continue
            for core in cores:
                if core.words is None:
                    _add_hit(hits[core], core, text, word.start())
                elif not core.cased or w in core.words:
                    hits[core].append(word.span())  # the whole word is the hit

    def _word_hits_by_regex(self, hits, text, lowered):
        """The word cores' hits of a text whose words are all ASCII, found by one scan of its lower-cased copy
        (same length, same word characters) with a trie of the core words between non-word characters: the
        maximal runs of word characters that are a core word, exactly the words the loop of core_hits would
        look up and find, in the same order, without a Python step for each word of the text."""
        get = self.cores_by_word.__getitem__
        for word in self._core_word_regex.finditer(lowered):
            start, end = word.span()
            for core in get(word.group()):
                if core.words is None:
                    _add_hit(hits[core], core, text, start)
                elif not core.cased or text[start:end] in core.words:
                    hits[core].append((start, end))  # the whole word is the hit

    def _folded_hits(self, hits, text, start):
        """A non-ASCII word that case-folds onto a core word ("ſ" matches "s"): the regex of every word
        core decides."""
        if self._any_core_word.match(text, start):
            for core in self.word_cores:
                _add_hit(hits[core], core, text, start)

    def _scan_other_cores(self, hits, text):
        """The cores found by word beginnings, and those scanned with their own regex."""
        for core in self.prefix_cores:
            found = hits[core] = []
            for m in core.scanner.finditer(text):
                _add_hit(found, core, text, m.start())
        for core in self.scanned_cores:
            hits[core] = [m.span() for m in core.regex.finditer(text)]

    def matches(self, rule, text, hits, windows=None):
        """Matches of one rule: scans of the windows around its core hits. `windows` (a dict) keeps
        them for the next rules with the same cores."""
        if windows is None:
            windows = {}
        if rule.cores not in windows:
            windows[rule.cores] = rule_windows(rule, hits, text)
        for start, end in windows[rule.cores]:
            yield from rule.regex.finditer(text, start, end)


def _index(rules):
    """(cores by the first word of their hits, cores found by word beginnings, cores scanned whole)."""
    by_word, by_prefix, scanned = {}, [], []
    for core in dict.fromkeys(core for rule in rules for core in rule.cores):
        if core.first_words:
            for w in core.first_words:
                by_word[w] = by_word.get(w, ()) + (core,)
        elif core.prefixes:
            by_prefix.append(core)
        else:
            scanned.append(core)
    return by_word, tuple(by_prefix), tuple(scanned)


def _add_hit(found, core, text, start):
    """Append the core's hit at `start`, if any, unless the previous hit covers it (finditer's hits
    do not overlap either)."""
    if found and start < found[-1][1]:
        return
    m = core.regex.match(text, start)
    if m:
        found.append((start, m.end()))


def core_windows(spans, text):
    """Disjoint stretches around the core hits `spans` (sorted; merged, so each character is scanned once)."""
    n = len(text)
    windows = []
    for hit_start, hit_end in spans:
        start, end = max(0, hit_start - CORE_BEFORE), min(n, hit_end + CORE_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for w in windows:
        if w[1] < n and not text[w[1]].isspace():  # never cut a word at the right edge
            space = _SPACE.search(text, w[1])
            w[1] = space.start() if space else n
    return windows


def rule_windows(rule, hits, text):
    """The windows a rule runs in: around the hits of its cores."""
    if len(rule.cores) == 1:
        return core_windows(hits[rule.cores[0]], text)
    return core_windows(sorted(s for core in rule.cores for s in hits[core]), text)
