"""A time expression between recognition and output: what a rule found, then what resolution made of it.

The rules (timex_rules) fill type, norm, mod and part (and, for some, the fields below them); recognize()
adds the span and the rule's name; tag() the role and the phrase; the resolver the value (and may turn a
"N days after" with nothing to count from into a DURATION); tag() the interval and the text. tag()'s
output records are plain dicts of OUTPUT_KEYS (the contract, DESIGN.md section 5). Plain Python.
"""
from __future__ import annotations

from dataclasses import dataclass

OUTPUT_KEYS = ("start", "end", "text", "type", "value", "mod", "earliest", "latest", "role")


@dataclass(slots=True)
class Mention:
    type: str  # DATE, TIME, DURATION, SET
    norm: str  # final value, or an UNDEF-... norm for the resolver (timex_rules' docstring)
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    part: str | None = None  # the part of the period for the interval: early, late, earlier, latter, ...
    start: int = 0
    end: int = 0
    rule: str = ""
    range_end: int | None = None  # "July 21-23": the range's last day
    optional: bool = False  # no value without a date to refer to ("the eve", "at that time")
    duration: str | None = None  # "a week after ...": the length, when no date follows to count from
    duration_end: int | None = None  # and where that length's words end
    no_interval: bool = False  # a value with no interval to draw ("over the past year")
    role: str = "event"  # event, citation or crossref
    phrase: str = ""  # the text of the span
    resolved: str | None = None  # a value worked out ahead of the main pass
    value: str | None = None
    earliest: str | None = None
    latest: str | None = None
    text: str = ""
    # the date an "N days after ..." counts from: no reference for later anaphora ("three weeks after he took
    # office on October 7. Putin received him that afternoon": not October 7's afternoon)
    background: bool = False

    def record(self) -> dict:
        """The output record (OUTPUT_KEYS, in that order)."""
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value,
                "mod": self.mod, "earliest": self.earliest, "latest": self.latest, "role": self.role}

    def copy(self) -> "Mention":
        """A copy to try a resolution on (dataclasses.replace is several times slower)."""
        return Mention(self.type, self.norm, self.mod, self.part, self.start, self.end, self.rule, self.range_end,
                       self.optional, self.duration, self.duration_end, self.no_interval, self.role, self.phrase,
                       self.resolved, self.value, self.earliest, self.latest, self.text)
