"""Cheap pre-checks for the temporal tagger's regexes (plain Python, no Django).

The rules' patterns begin with long optional alternations ("early|the end of|...", "last|next|...")
which Python's regex engine, ignoring case, tries one by one at every position it scans. A
lookahead on the set of characters a match can begin with rejects most positions in one step;
it is derived from the pattern itself, so it never changes what matches.
"""
import re

try:  # the regex parser of Python 3.11+ (private); without it there is simply no pre-check
    from re import _constants as C, _parser as P
except ImportError:  # pragma: no cover
    C = P = None

_CATEGORY_CLASS = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                   C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"} if C else {}


class _Anything(Exception):
    """The first character of a match could be anything (or the pattern is beyond this analysis)."""


def _firsts(items, out):
    """Add the possible first characters of the parsed sequence `items` to `out` (regex class
    fragments); return whether the sequence can match the empty string.

    Each opcode of re's parser has its handler in _FIRST_OF, which adds the item's first characters
    and says whether the item always consumes one (the walk stops there); zero-width assertions are
    passed over; any other opcode means the first character could be anything."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # the first character comes after it
        handler = _FIRST_OF.get(op)
        if handler is None:
            raise _Anything
        if handler(av, out):
            return False
    return True


def _literal_first(av, out) -> bool:
    out.add(re.escape(chr(av)))
    return True


def _class_first(av, out) -> bool:
    for kind, value in av:
        if kind is C.LITERAL:
            out.add(re.escape(chr(value)))
        elif kind is C.RANGE:
            out.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is C.CATEGORY and value in _CATEGORY_CLASS:
            out.add(_CATEGORY_CLASS[value])
        else:
            raise _Anything  # NEGATE, ...
    return True


def _branch_first(av, out) -> bool:
    nullable = False
    for alternative in av[1]:
        nullable |= _firsts(alternative, out)
    return not nullable


def _group_first(av, out) -> bool:
    _, add_flags, _, sub = av
    if add_flags & re.IGNORECASE:
        raise _Anything
    return not _firsts(sub, out)


def _repeat_first(av, out) -> bool:
    low, _, sub = av
    return not _firsts(sub, out) and low > 0


_FIRST_OF = {C.LITERAL: _literal_first, C.IN: _class_first, C.BRANCH: _branch_first, C.SUBPATTERN: _group_first,
             C.MAX_REPEAT: _repeat_first, C.MIN_REPEAT: _repeat_first} if C else {}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT) if C else ()


def first_char_class(pattern, flags):
    """A regex class matching every character a match of `pattern` can begin with, or None when
    that cannot be worked out (the pattern can match empty, or begins with any character)."""
    if P is None:
        return None
    out = set()
    try:
        if _firsts(P.parse(pattern, flags), out):
            return None
    except _Anything:
        return None
    return "[" + "".join(sorted(out)) + "]"
