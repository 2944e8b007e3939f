"""The compiled contents of data/event_rules.json: trigger patterns grouped for one pass over the text,
status cues, object nouns, reporting and protest verbs."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from events.extraction.event_types import EventTypeRegistry, default_registry
from events.extraction.phrases import AfterNonWord

# A pattern that matches nothing (for an empty list of cues).
NEVER = r"(?!x)x"
RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "event_rules.json"


class EventRules:
    """The compiled contents of event_rules.json, with the event types of event_types.json (the registry)."""

    def __init__(self, data: dict, registry: EventTypeRegistry | None = None):
        registry = registry or default_registry()
        self.max_distance = data.get("max_trigger_distance", 120)
        self._read_types(registry)
        self._compile_triggers(registry, irregular_pasts(data.get("backoff", {})))
        self._compile_status_cues(data.get("status_cues", {}))
        self._read_word_tables(data)
        self._compile_phrase_patterns(data)
        self.backoff = BackoffLexicon(data["backoff"], self.type_order) if "backoff" in data else None

    def _compile_triggers(self, registry: EventTypeRegistry, irregular: dict) -> None:
        """One pass over the lower-cased text finds every trigger; the patterns are grouped by their
        first letter (a cheap test at each position), and the type is then the first in priority
        order whose own pattern matches the found text. A type's patterns are its triggers and every form
        of its trigger lemmas (inflections, with the `irregular` pasts)."""
        ordered = registry.trigger_order
        patterns = [type_patterns(info, irregular) for info in ordered]
        self.type_regexes = [re.compile("(?:" + "|".join(own) + ")") for own in patterns]
        self._priority_of_word: dict[str, int | None] = {}
        alternation = _by_first_letter([pattern for own in patterns for pattern in own]) + r"(?![\w-])"
        self.trigger_regex = re.compile(r"(?<![\w-])" + alternation)
        # the same matches, found without entering the matcher inside every word (phrases.AfterNonWord)
        self.trigger_finder = AfterNonWord(alternation, r"\w-")

    def _compile_status_cues(self, cues: dict) -> None:
        self.set_for_before = re.compile(cues.get("set_for_before_date", NEVER), re.IGNORECASE)
        self.new_date_before = re.compile(cues.get("new_date_before_date", NEVER), re.IGNORECASE)
        self.given_up_before = re.compile(cues.get("given_up_before_date", NEVER), re.IGNORECASE)
        self.put_off_in_doubt = re.compile(cues.get("put_off_in_doubt", NEVER), re.IGNORECASE)
        self.unfulfilled_before = re.compile(cues.get("unfulfilled_before_trigger", NEVER), re.IGNORECASE)
        self.unfulfilled_before_date = re.compile(cues.get("unfulfilled_before_date", NEVER), re.IGNORECASE)
        self.put_off_from_before = re.compile(cues.get("put_off_from_before_date", NEVER), re.IGNORECASE)
        self.given_up_after = re.compile(cues.get("given_up_after_date", NEVER), re.IGNORECASE)
        self.unmet_set_for_before = re.compile(cues.get("unmet_set_for_before_date", NEVER), re.IGNORECASE)
        self.unmet_after = re.compile(cues.get("unmet_after_date", NEVER), re.IGNORECASE)
        self.put_off_in_before = re.compile(cues.get("put_off_in_before_date", NEVER), re.IGNORECASE)
        self.days_ended_before = re.compile(cues.get("days_ended_before_date", NEVER), re.IGNORECASE)
        self.speculation = _word_regex(cues.get("speculation", []))
        self.weak_speculation = _word_regex(cues.get("weak_speculation", []))
        self.hedge = _word_regex(cues.get("hedge", []))
        self.future = _word_regex(cues.get("future", []))
        # The verb right before a trigger, or its own first word(s): "leaves for", "begins a three-day visit".
        # (not after a determiner or possessive, where "hosts", "visits" are nouns: "His hosts gave a dinner today")
        self.timetable_present = _alternation(r"(?:^|\b)" + _NOT_A_NOUN + r"(?:",
                                              [re.escape(w) for w in cues.get("timetable_present", [])],
                                              r")(?:\s+(?:[\w-]+\s+){0,2})?$")
        # The clause's own verb in that present, anywhere before the date ("Putin sees the premier over breakfast
        # this morning"): its one-word forms, not after a determiner (where "visits" is a noun).
        self.timetable_verb = _alternation(r"(?<![\w-])" + _NOT_A_NOUN + r"(?:",
                                           [re.escape(w) for w in cues.get("timetable_present", []) if " " not in w],
                                           r")(?![\w-])")

    def _read_word_tables(self, data: dict) -> None:
        """Skipped values and words, year prepositions, and the stem tables (object nouns, reporting and
        protest verbs)."""
        self.skip_values = set(data.get("skip_values", []))
        self.home_state = data.get("home_state")
        self.ambiguous_seats = dict(data.get("ambiguous_seats", {}))
        self.subject_state_types = frozenset(data.get("subject_state_types", []))
        self.skip_after_words = {word.lower() for word in data.get("skip_after_words", [])}
        self.bound_words = {word.lower() for word in data.get("bound_words", [])}
        self.since_happening = re.compile(data.get("since_happening_before", NEVER))
        self.until_happening = re.compile(data.get("until_happening_before", NEVER))
        self.until_new_date = re.compile(data.get("until_new_date_before", NEVER))
        self.year_prepositions = {word.lower() for word in data.get("event_year_prepositions", [])}
        # a year's treaty ("the 1972 ABM treaty"): the nouns at most three words after the year
        self.year_named_treaty = re.compile(r"(?:\s+[\w'-]+){0,3}?\s+(?:" + "|".join(
            re.escape(word) for word in data.get("year_named_treaties", [])) + r")\b", re.I)
        # a treaty of fixed parties named with its year ("the 1972 ABM treaty", "the ABM Treaty of 1972")
        parties = {name: list(codes) for name, codes in data.get("named_treaty_parties", {}).items()}
        self.named_treaty_parties = {name.lower(): codes for name, codes in parties.items()}
        names = "|".join(re.escape(name) for name in sorted(parties, key=len, reverse=True)) or NEVER
        self.named_treaty_after = re.compile(r"\s+(?:[\w'-]+\s+){0,2}?(" + names + r")\s+treat(?:y|ies)\b", re.I)
        self.named_treaty_before = re.compile(r"\b(" + names + r")\s+treaty\s+of\s+$", re.I)
        self.object_nouns = _stem_table(data.get("object_nouns", {}), str)
        self.statement_verbs = _stem_table(data.get("statement_verbs", {}), tuple)
        self.protest_verbs = _stem_table(data.get("protest_verbs", {}), tuple)

    def _compile_phrase_patterns(self, data: dict) -> None:
        # "concerns over Sergeev's visit": the preposition, then up to four words, then the object trigger.
        self.object_link = _alternation(r"\s+(?:[\w'\u2019.-]+\s+){0,3}?(?:", data.get("object_prepositions", []),
                                        r")\s+(?:[\w'\u2019.-]+\s+){0,4}$")
        self.pair_anaphor = _word_regex(data.get("pair_anaphors", []))
        self.article_pair = _word_regex(data.get("article_pair_anaphors", []))
        self.state_nouns = _alternation(r"(?:", [re.escape(w) for w in data.get("state_nouns", [])], r")\b")
        # "Putin's envoy", "Chirac's chief spokesman": a possessive, up to two lower-case words, an agent noun.
        self.agent_after = _alternation(r"[\u2019']s\s+(?:[a-z][\w-]*\s+){0,2}?(?:",
                                        [re.escape(w) for w in data.get("agent_nouns", [])], r")\b")

    def _read_types(self, registry: EventTypeRegistry) -> None:
        """What extraction takes from the event-type registry: trigger order, templates, flags as sets."""
        ordered = registry.trigger_order
        self.type_order = [info.code for info in ordered]
        self.max_distance_by_type = {info.code: info.max_trigger_distance for info in ordered
                                     if info.max_trigger_distance is not None}
        self.summaries = {info.code: info.summary for info in ordered}
        self.summaries_to_come = {info.code: info.summary_to_come for info in ordered if info.summary_to_come}
        self.objects = {info.code: info.object for info in ordered}
        self.schedulable = set(registry.codes(schedulable=True))
        self.governing_types = set(registry.codes(governing=True))
        self.two_party = frozenset(registry.codes(two_party=True))
        self.state_acts = frozenset(registry.codes(state_act=True))
        self.fields = frozenset(registry.codes(field=True))
        self.statements = frozenset(registry.codes(statement=True))
        self.puts_off = frozenset(registry.codes(puts_off=True))
        self.encounters = frozenset(registry.codes(encounter=True))

    def trigger_priority(self, word: str) -> int | None:
        """Index of the first type whose patterns match the trigger `word` whole; memoised, since the
        same few hundred words recur in every article and trying each type's regex is the cost."""
        if word not in self._priority_of_word:
            self._priority_of_word[word] = next(
                (priority for priority, type_regex in enumerate(self.type_regexes) if type_regex.fullmatch(word)),
                None)
        return self._priority_of_word[word]


# A timetable word after one of these is a noun ("the visits", "his hosts"), no verb of the timetable's present.
_NOT_A_NOUN = (r"(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\ba )(?<!\ban )(?<!\bHis )(?<!\bHer )"
               r"(?<!\bIts )(?<!\bTheir )(?<!\bThe )(?<!'s )(?<!\u2019s )")


# A word after one of these is a noun ("the return", "his visit"), no verb of the back-off.
# So is a word after a preposition ("restrictions on imports", "the dispute over shipments"); "to" is left out
# ("to come").
_NOT_AFTER = (r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!'s )(?<!\u2019s )"
              r"(?<!\bof )(?<!\bon )(?<!\bfor )(?<!\bin )(?<!\bat )(?<!\bby )(?<!\bwith )(?<!\bfrom )(?<!\bover )"
              r"(?<!\babout )(?<!\bthis )(?<!\bthat )(?<!\bno )(?<!\bany )")


_NOT_AFTER_DETERMINER = (r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!'s )"
                         r"(?<!\u2019s )(?<!\bno )(?<!\bany )")


class BackoffLexicon:
    """data/event_rules.json "backoff" compiled (events/backoff.py): verbs by type in every inflection, light
    verbs (whose type is their clause's happening noun's, else their own or none), happening nouns by type."""

    def __init__(self, data: dict, type_order: list[str]):
        verbs = (_typed_forms(data.get("verbs", {}), False) + _typed_forms(data.get("light_verbs", {}), True)
                 + _lemma_forms(data.get("lemmas", {}), data.get("irregular", {})))
        self._verbs = [(_any_of(forms), is_light, code) for code, is_light, forms in verbs]
        self.verb = _word_forms(_NOT_AFTER, _all_forms(verbs))
        nouns = _typed_forms(data.get("nouns", {}), False) + _noun_lemma_forms(data.get("noun_lemmas", {}))
        self._nouns = [(_any_of(forms), code) for code, _, forms in nouns]
        self.noun = _word_forms("", _all_forms(nouns))
        _check_types({code for code, _, _ in verbs + nouns}, type_order)
        # Any verb (backoff._any_verb) the regular pattern cannot see: irregular pasts and -s forms, and every
        # form of this lexicon's verbs (a light verb with no happening noun: "his term ends next March").
        irregular = irregular_forms(data.get("any_verb_irregular", {}))
        # (not after a determiner, where "left", "cut" are nouns; after "that" or a preposition an irregular form
        # is still a verb: "the bombs that shook the city", "the cabinet in turn took up the bill")
        self.other_verb = _word_forms(_NOT_AFTER_DETERMINER, irregular + _all_forms(verbs))

    def verb_type(self, word: str) -> tuple[bool, str | None]:
        """(is it a light verb, its type) for a verb the `verb` pattern found."""
        return next(((is_light, code) for regex, is_light, code in self._verbs if regex.fullmatch(word)), (True, None))

    def noun_type(self, word: str) -> str:
        return next(code for regex, code in self._nouns if regex.fullmatch(word))


def type_patterns(info, irregular: dict) -> list[str]:
    """A type's trigger patterns: its listed triggers, then the forms of its trigger lemmas not listed already
    (event_types.json trigger_lemmas: "say" gives says, said, saying; "state*" only stated, stating). The base
    form is left to the listed triggers: after "to" it is a journey's purpose ("is due in Moscow next week to
    discuss", "telephoned him on Thursday to tell him"), not the happening the date dates."""
    listed = re.compile("(?:" + "|".join(info.triggers) + ")")
    forms = [form for lemma in info.trigger_lemmas for form in inflections(lemma, irregular)
             if form != inflections(lemma.replace("*", ""))[0]]
    return list(info.triggers) + [form for form in dict.fromkeys(forms) if not listed.fullmatch(form)]


def irregular_pasts(backoff: dict) -> dict:
    """The irregular pasts by verb (event_rules.json backoff: the grammar tables' any_verb_irregular, then the
    lexicon's own irregular, whose phrases add to them)."""
    table = {base.rstrip("*"): pasts for base, pasts in backoff.get("any_verb_irregular", {}).items()
             if not base.startswith("_")}
    table.update({base: pasts for base, pasts in backoff.get("irregular", {}).items() if not base.startswith("_")})
    return table


def _typed_forms(mapping: dict, light: bool) -> list[tuple[str | None, bool, list[str]]]:
    """(type, light, forms) for a data table of forms by type (key "none": no type of its own), less its notes
    (keys starting "_")."""
    return [(None if key == "none" else key, light, forms) for key, forms in mapping.items() if not key.startswith("_")]


def _noun_lemma_forms(lemmas: dict) -> list[tuple[str | None, bool, list[str]]]:
    """(type, light=False, forms) for the data's happening nouns by type, each in its singular and plural."""
    return [(code, False, [re.escape(form) for noun in nouns for form in (noun, plural(noun))])
            for code, nouns in lemmas.items() if not code.startswith("_")]


def plural(noun: str) -> str:
    """The plural of a regular English noun (of a phrase, its last word): "talk" -> "talks", "clash" ->
    "clashes", "delivery" -> "deliveries"."""
    if noun.endswith(("s", "sh", "ch", "x", "z")) or re.search(r"[^aeiou]o$", noun):  # ("embargoes", "vetoes")
        return noun + "es"
    return noun[:-1] + "ies" if _CONSONANT_Y.search(noun) else noun + "s"


def _lemma_forms(lemmas: dict, irregular: dict) -> list[tuple[str | None, bool, list[str]]]:
    """(type, light=False, forms) for the data's lemmas by type, each lemma in every inflection (inflections)."""
    return [(code, False, [form for lemma in entries for form in inflections(lemma, irregular)])
            for code, entries in lemmas.items() if not code.startswith("_")]


def irregular_forms(table: dict) -> list[str]:
    """The forms of the irregular verbs of `table` (base -> past forms; a "*" after the base: its -s form is
    also a common noun, left out): the past forms and the base's -s form."""
    forms = []
    for base, pasts in table.items():
        verb = base.rstrip("*")
        forms += pasts if base.endswith("*") else [_third_person(verb)] + pasts
    return [re.escape(form) for form in dict.fromkeys(forms)]


_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def inflections(lemma: str, irregular: dict | None = None) -> list[str]:
    """The forms of a verb lemma (a regex fragment: "emphasi[sz]e"; a phrase inflects its first word: "pull out"
    -> "pulled out"): base, -s, -ed (or its `irregular` past forms), -ing, by the spelling rules of regular
    English verbs. Markers after the verb: "+" doubles its last consonant ("expel+" -> "expelled"), "*" keeps only
    its -ed (or irregular) and -ing forms, for a verb that is also a common noun or adjective ("sign*": "the sign
    of", "attack*": "an attack")."""
    first, _, rest = lemma.partition(" ")
    verb = first.rstrip("+*")
    double, noun_too = "+" in first[len(verb):], "*" in first[len(verb):]
    key = (verb + (" " + rest if rest else "")).replace("+", "").replace("*", "")
    past, ing = _past_and_ing(verb, double)
    if irregular and key in irregular:
        past = [form.split(" ")[0] for form in irregular[key]]
    forms = ([] if noun_too else [verb, _third_person(verb)]) + past + [ing]
    return list(dict.fromkeys(form + _escape_rest(rest) for form in forms))


def _past_and_ing(verb: str, double: bool) -> tuple[list[str], str]:
    """The regular past (as a one-form list) and -ing form of `verb`, doubling its last consonant if asked."""
    if double:
        return [verb + verb[-1] + "ed"], verb + verb[-1] + "ing"
    if verb.endswith("e"):
        return [verb + "d"], (verb + "ing" if verb.endswith(("ee", "ye", "oe")) else
                              verb[:-2] + "ying" if verb.endswith("ie") else verb[:-1] + "ing")
    if _CONSONANT_Y.search(verb):
        return [verb[:-1] + "ied"], verb + "ing"
    return [verb + "ed"], verb + "ing"


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb[:-1] + "ies" if _CONSONANT_Y.search(verb) else verb + "s"


def _escape_rest(rest: str) -> str:
    """The words after a phrase's verb, as the regex text they are written in (a plain space between words)."""
    return " " + rest.replace("*", "").replace("+", "") if rest else ""


def _all_forms(entries) -> list[str]:
    return [form for _, _, forms in entries for form in forms]


def _any_of(forms: list[str]) -> re.Pattern:
    return re.compile("(?:" + "|".join(forms) + ")")


def _check_types(codes: set, type_order: list[str]) -> None:
    unknown = codes - {None} - set(type_order)
    if unknown:
        raise ValueError(f"event_rules.json backoff: unknown event types {sorted(unknown)}")


def _by_first_letter(patterns: list[str]) -> str:
    """An alternation of `patterns` (each starting with a plain lower-case letter) grouped by that letter,
    keeping their order within each letter. Each group opens with its letter as a literal, "v(?:isit|...)",
    which re tests before entering the group; when a pattern cannot be split after its first letter
    (a top-level "|", a quantified first letter), each group sits behind a look-ahead on its letter."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        if not pattern[:1].isalpha():
            raise ValueError(f"trigger pattern must start with a letter: {pattern!r}")
        groups.setdefault(pattern[0].lower(), []).append(pattern)
    if all(_splits_after_first_letter(pattern) for pattern in patterns):
        branches = [letter + "(?:" + "|".join(pattern[1:] for pattern in group) + ")"
                    for letter, group in sorted(groups.items())]
        return "(?:" + "|".join(branches) + ")"
    branches = [f"(?={letter})(?:" + "|".join(group) + ")" for letter, group in sorted(groups.items())]
    return "(?=[" + "".join(sorted(groups)) + "])(?:" + "|".join(branches) + ")"


def _splits_after_first_letter(pattern: str) -> bool:
    """Is `pattern` its lower-case first letter followed by the regex pattern[1:] (no quantifier on the
    letter, no "|" outside parentheses)?"""
    if not pattern[0].islower() or pattern[1:2] in ("?", "*", "+", "{"):
        return False
    depth, position = 0, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            if pattern[position + 1:position + 2] == "]" or pattern[position + 1:position + 3] == "^]":
                return False  # a class opening with "]": leave it to the look-ahead form
            position = _class_end(pattern, position)
            continue
        if char == "|" and depth == 0:
            return False
        depth += _DEPTH_STEP.get(char, 0)
        position += 1
    return True


# How a character outside a class changes the group depth.
_DEPTH_STEP = {"(": 1, ")": -1}


def _class_end(pattern: str, start: int) -> int:
    """The position after the character class opening at pattern[start] ("[...]"; escapes inside skipped)."""
    position = start + 1
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        position += 1
        if char == "]":
            break
    return position


def _alternation(prefix: str, alternatives: list[str], suffix: str) -> re.Pattern:
    """prefix, the alternatives joined by "|", suffix, compiled; a pattern that matches nothing when there
    are no alternatives."""
    return re.compile(prefix + "|".join(alternatives) + suffix if alternatives else NEVER)


def _word_forms(not_after: str, forms: list[str]) -> re.Pattern | AfterNonWord:
    r"""not_after + r"(?<![\w-])(?:forms)(?![\w-])" (the look-behinds are all zero-width: their order changes
    nothing), searched through phrases.AfterNonWord: re skips in C to the characters that may stand before a word,
    instead of trying the look-behinds and the long alternation at every position of the clause."""
    if not forms:
        return re.compile(NEVER)
    return AfterNonWord(not_after + "(?:" + "|".join(forms) + r")(?![\w-])", r"\w-")


def _stem_table(mapping: dict, kind) -> list[tuple]:
    """(stem, value) pairs of a data table (keys starting "_" are notes), longest stem first, so that
    the first stem a word starts with is its most specific."""
    return sorted(((stem, kind(value)) for stem, value in mapping.items() if not stem.startswith("_")),
                  key=lambda item: -len(item[0]))


def _word_regex(patterns: list[str]) -> re.Pattern | AfterNonWord:
    r"""r"(?<![\w-])(?:patterns)(?![\w-])", ignoring case; its search and finditer (all the rules ask of it) skip
    in C over the letters of words (phrases.AfterNonWord: the same matches), as the rules search sentence by
    sentence, several times per date."""
    if not patterns:
        return re.compile(NEVER)
    return AfterNonWord(r"(?:" + "|".join(patterns) + r")(?![\w-])", r"\w-", re.IGNORECASE)


@lru_cache(maxsize=1)
def default_rules() -> EventRules:
    return EventRules(json.loads(RULES_FILE.read_text(encoding="utf-8")))
