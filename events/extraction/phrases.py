"""Fast matching of many literal phrases: a trie-shaped regex, and a length-preserving case fold.

Python's re tries the alternatives of "a|b|c|..." one by one at every position; with hundreds of
aliases that dominates extraction time. A trie-shaped pattern ("Russia(?:n(?: Federation)?)?")
shares prefixes, so each position costs a few character tests. Greedy optional groups try the
longest phrase first and fall back to shorter ones when the closing boundary fails.
"""
from __future__ import annotations

import re

# ASCII letters to lower case and hyphens to spaces, one character for one, so offsets stay valid.
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "-": " ", "\u2019": "'"})


def fold(text: str) -> str:
    """Lower case, hyphen -> space, curly apostrophe -> straight; always the same length as `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few non-ASCII capitals lower to two characters
        lowered = text.translate(_FOLD)
    return lowered.replace("-", " ").replace("\u2019", "'")


def trie_pattern(phrases) -> str:
    """A regex (no anchors) matching any of the literal `phrases`, longest first."""
    trie = _trie(phrases)
    if not trie:
        return r"(?!x)x"
    # A leading character class rejects most positions at once, before any branch is tried.
    first = "".join(sorted(re.escape(char) for char in trie))
    return f"(?=[{first}])" + _node_pattern(trie)


def word_trie_pattern(phrases, not_before: str) -> str:
    """Like r"(?<![not_before])" + trie_pattern(phrases), but with the look-behind placed after each
    phrase's first character ("R(?<![\\w$][\\s\\S])ussia..."), where it tests the same character.
    A pattern that opens with a look-behind makes re try its full matcher at every position; one that
    opens with a choice of literal characters lets re skip in C to the next possible first character,
    which for capitalised names (countries) is most of the text. `not_before` is a character-class body."""
    trie = _trie(phrases)
    if not trie:
        return r"(?!x)x"
    guard = f"(?<![{not_before}][\\s\\S])"
    branches = [re.escape(char) + guard + _node_pattern(child) for char, child in sorted(trie.items()) if char]
    return "(?:" + "|".join(branches) + ")"


def word_alternation(words, not_before: str) -> str:
    """r"(?<![not_before])(?:w1|w2|...)" (the words literal, in their order: the first that matches wins, as in
    the plain alternation), written with each word's look-behind after its first character ("P(?<![\\w-][\\s\\S])ak"),
    where it tests the same character: an alternation of literals lets re skip in C to the next possible first
    character, where a leading look-behind enters the matcher at every position. `not_before`: a class body."""
    if not words:
        return r"(?!x)x"
    guard = f"(?<![{not_before}][\\s\\S])"
    return "(?:" + "|".join(re.escape(w[0]) + guard + re.escape(w[1:]) for w in words) + ")"


def _trie(phrases) -> dict:
    trie: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _node_pattern(node: dict) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase ends here: the rest is optional
        return "(?:" + body + ")?"
    return body


class AfterNonWord:
    """The regex r"(?<![not_before])" + `pattern`, with its finditer found faster, match for match.

    A pattern that opens with a look-behind makes re enter its matcher at every position of the text. This
    one also compiles r"[^not_before](pattern)": opening with a character class, it lets re skip in C over
    the characters that may not stand before a match (the letters of a word), and a hit at q is a match of the
    plain regex at q + 1 unless the character at q is a non-ASCII word character (the class tests the ASCII part
    of what the look-behind would; such a hit is passed over). finditer
    searches with it from one character before where the plain finditer would go on, then matches the plain
    regex at the hit, so it yields the plain regex's own Match objects, in the same places. `pattern` must
    never match the empty string (a trie of phrases, an alternation of words)."""

    def __init__(self, pattern: str, not_before: str, flags: int = 0):
        self.regex = re.compile(f"(?<![{not_before}])" + pattern, flags)
        self.pattern = self.regex.pattern
        # The class skipped over is the ASCII part of `not_before` (\w read as its ASCII letters, digits and "_"),
        # case-sensitive: a bitmap test per character, where [^\w] asks the Unicode database for each one (and
        # IGNORECASE lowers each first). It lets through a non-ASCII word character too: finditer's match of the
        # plain regex after it then fails (its look-behind), and the search goes on one character later.
        self._after = re.compile(f"(?-i:[^{not_before.replace(chr(92) + 'w', '0-9A-Z_a-z')}])(?:" + pattern + ")",
                                 flags)

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else min(end, len(text))
        match_at, search = self.regex.match, self._after.search
        position = start
        if start <= 0:  # (no character before the text's first for the class to consume)
            position = 0
            match = match_at(text, 0, end)
            if match:
                yield match
                position = match.end()
        while True:
            hit = search(text, position - 1 if position > 0 else 0, end)
            if hit is None:
                return
            match = match_at(text, hit.start() + 1, end)
            if match is None:  # a non-ASCII word character before the hit: no match there
                position = hit.start() + 2
                continue
            yield match
            position = match.end()

    def search(self, text: str, start: int = 0, end: int | None = None):
        return next(self.finditer(text, start, end), None)


class TheWord:
    """The regex r"[Tt](?<!\\w[Tt])he" + `rest` (a phrase opening on the word "the", "The"), with its finditer found
    faster, match for match.

    The plain regex opens with a class of two letters: re stops at every "t" of the text and enters its matcher
    there. This one also compiles r"he(?<=(?<!\\w)[Tt]he)" + `rest`: opening with the literal "he", re skips to the
    next "he" in its tight literal loop and looks behind it for the "t" at a word's edge. A hit at p is exactly a
    match of the plain regex at p - 1 (the same characters, the same end), so finditer searches from one character
    after where the plain one would go on, then matches the plain regex at p - 1 and yields its own Match objects,
    in the same places. `flags` must not ignore case (the literal prefix would be lost, never the matches)."""

    def __init__(self, rest: str, flags: int = 0):
        self.regex = re.compile(r"[Tt](?<!\w[Tt])he" + rest, flags)
        self.pattern = self.regex.pattern
        self._after_t = re.compile(r"he(?<=(?<!\w)[Tt]he)" + rest, flags)

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else min(end, len(text))
        match_at, search = self.regex.match, self._after_t.search
        position = max(start, 0)
        while True:
            hit = search(text, position + 1, end)
            if hit is None:
                return
            match = match_at(text, hit.start() - 1, end)
            yield match
            position = match.end()

    def search(self, text: str, start: int = 0, end: int | None = None):
        return next(self.finditer(text, start, end), None)


class FirstLetters:
    """A regex opening on a class of first letters at a word's edge (r"[TtBb](?<!\\w[TtBb])(?:(?<=[Tt])he\\s+two|
    (?<=[Bb])oth)..."), with its finditer found faster, match for match.

    re stops at every one of those common letters and enters the matcher there. `finders` are (pattern, offset)
    pairs, each opening on a literal re skips to in C (r"he(?<=(?<!\\w)[Tt]he)"): together they must hit, at
    start + offset, every start where the plain regex can match (a necessary condition of its branches; they may hit
    more). finditer goes to the nearest such start and matches the plain regex there, yielding its own Match objects,
    in the same places: a start where the plain regex does not match is passed over by one character."""

    def __init__(self, pattern: str, finders: list[tuple[str, int]], flags: int = 0):
        self.regex = re.compile(pattern, flags)
        self.pattern = self.regex.pattern
        self._finders = [(re.compile(finder, flags).search, offset) for finder, offset in finders]

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else min(end, len(text))
        match_at = self.regex.match
        position = max(start, 0)
        nexts = [-1] * len(self._finders)  # the next candidate start of each finder (-1: to search again)
        while True:
            best = self._nearest_start(text, position, end, nexts)
            if best is None:
                return
            match = match_at(text, best, end)
            if match is None:
                position = best + 1
                continue
            yield match
            position = match.end()

    def _nearest_start(self, text: str, position: int, end: int, nexts: list) -> int | None:
        """The nearest candidate start at or after `position` of any finder (None: none left); `nexts` keeps each
        finder's last hit, searched again only once the position has passed it."""
        best = None
        for index, (search, offset) in enumerate(self._finders):
            if nexts[index] is not None and nexts[index] < position:
                hit = search(text, position + offset, end)
                nexts[index] = None if hit is None else hit.start() - offset
            if nexts[index] is not None and (best is None or nexts[index] < best):
                best = nexts[index]
        return best

    def search(self, text: str, start: int = 0, end: int | None = None):
        return next(self.finditer(text, start, end), None)
