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

    One function on purpose (radon C): one branch per opcode of re's parser, in the order they are
    tried, reads best side by side; split up, the walk would hide which opcodes end it."""
    for op, av in items:
        if op is C.LITERAL:
            out.add(re.escape(chr(av)))
            return False
        if op is C.IN:
            for kind, value in av:
                if kind is C.LITERAL:
                    out.add(re.escape(chr(value)))
                elif kind is C.RANGE:
                    out.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                elif kind is C.CATEGORY and value in _CATEGORY_CLASS:
                    out.add(_CATEGORY_CLASS[value])
                else:
                    raise _Anything  # NEGATE, ...
            return False
        if op is C.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable |= _firsts(alternative, out)
            if not nullable:
                return False
        elif op is C.SUBPATTERN:
            _, add_flags, _, sub = av
            if add_flags & re.IGNORECASE:
                raise _Anything
            if not _firsts(sub, out):
                return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, _, sub = av
            if not _firsts(sub, out) and low > 0:
                return False
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the first character comes after it
        else:
            raise _Anything
    return True


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
