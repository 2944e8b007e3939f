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
