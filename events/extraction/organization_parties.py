"""An organization's own gathering takes all its members as parties.

"NATO's leaders meet in Madrid on July 8", "the G-8 summit opened in Birmingham on Friday", "to be signed by
Yeltsin and the leaders of the sixteen NATO states on May 27": the event is the organization's, so every
state that was a member on the event's day is a party (organizations.json keeps members with their dates).
The organization as a mere venue of other people's meeting ("Bush and Putin met at the G-8 summit",
"flew to Brunei for the APEC summit") or an organ ("the Permanent Joint Council") adds nobody: the writers'
convention (tests/devset/gold.json) keeps those members optional or absent. Large bodies (the UN, the OSCE,
the Council of Europe) are never expanded: news of their sessions never means every member as a party.

The gathering may be named less directly (organization_anaphora.py finds these): by a common noun the news
uses for an organization named before ("the alliance's summit"), by a summit with a place or "next" and no
name ("the Stockholm summit", "its Helsinki summit", "the next summit") taking the organization whose
gathering the article spoke of last, by the number of its members ("the Fifteen", "the five presidents"), or
by an alias that names the gathering itself ("the Stockholm European Council"). A gathering that is the
subject of its clause's verb ("before the G-8 summit opens in Cologne on Friday") is the organization's own
even after a preposition. One side of a two-party format ("the EU-Russia summit", "a summit with the
European Union") adds the state that held the organization's rotating presidency on the day (the EU's:
organizations.json "presidencies"). "The alliance's headquarters" adds the state of its seat.
"""
from __future__ import annotations

import datetime
import re

from events.extraction.events.clauses import coordinate_joints
from events.extraction.organization_anaphora import (IT_HAPPENS, ORGAN_WORDS, indirect_mentions, is_pair, member_on,
                                                     organization_facts)

# More members than this: a forum, not a party list (UN 191, OSCE 55, Council of Europe 46).
MAX_MEMBERS = 30
# Only a gathering's own kinds: a visit or a statement at the time of a summit is somebody's, not the members'.
GATHERING_TYPES = frozenset({"summit", "meeting", "agreement", "founding"})
# A gathering of its own put off ("the summit of the five littoral states has been put off once more") is still
# the members' (docs/annotation.md: the five Caspian states' summit requires all five, also when postponed).
PUT_OFF_TYPES = frozenset({"postponement"})  # (and any event put off: status "postponed")
# Kinds that may happen at an organization's seat ("crossed the city to the alliance's headquarters").
SEAT_TYPES = GATHERING_TYPES | PUT_OFF_TYPES | {"visit"}
# An alliance's armed action is all its members' (docs/annotation.md: NATO's air strikes require all its members).
FORCE_TYPES = frozenset({"military"})

_GATHERING = (r"(?:summit|summit meeting|ministerial|ministerial meeting|ministers' meeting|heads-of-state meeting|"
              r"session|meeting)")
# A time word before the organization dates nothing of its own when the event's date follows the gathering
# ("since its Helsinki summit this past December": the date is the summit's).
_GATHERING_OF = re.compile(r"(?:summit|summit meeting|session|meeting)\s+of\b")
_TEMPORAL = frozenset({"after", "before", "ahead of", "since"})
# The prepositions of a summit dated right after its name that nobody meets at: the summit itself, not a venue ("his
# refusal, at the CIS summit in Moscow on April 2", "a tour that took him to the NATO summit in Brussels on June 13",
# "fresh from the CIS summit in Moscow on November 30").
_AT_OWN_WORDS = frozenset({"at", "to", "from"})
# How near after the gathering's name its date must follow to be its date ("the Stockholm summit on Friday").
DATE_REACH = 40
_PEOPLE = (r"(?:leaders|heads of state(?: and government)?|heads of government|presidents|prime ministers|"
           r"foreign ministers|defen[cs]e ministers|finance ministers|oil ministers|ministers)")
# "NATO's leaders", "the G-8 leaders", "OPEC ministers", "the NATO summit", "the Shanghai Five's summit", and with a
# plural's possessive "the five Caspian states' summit" (every pattern here takes "'s" or a bare apostrophe).
_COUNT = (r"(?:four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
          r"eighteen|nineteen|twenty|twenty-\w+|\d+)")
_AFTER_NAME = re.compile(r"(?:['\u2019]s?)?\s+(?:(?:annual|regular|emergency|extraordinary|informal|"
                         r"jubilee|first|next|last|anniversary|" + _COUNT[3:-1] + r")\s+)?(?:" + _PEOPLE + r"|(?:summit|summit meeting|"
                         r"ministerial|ministerial meeting|ministers' meeting|heads-of-state meeting|meeting))\b"
                         r"|['\u2019]s?\s+(?:(?:annual|regular|emergency|extraordinary|informal|first|next|last)\s+)?"
                         r"(?:meeting|session)\b"
                         r"|(?:['\u2019]s?)?\s+(?:Council of (?:Heads of State|Heads of Government|Foreign Ministers|"
                         r"Defen[cs]e Ministers)|Supreme (?:State )?Council)\b")
# "the leaders of the sixteen NATO states", "a summit of the Shanghai Five", "a session of the Contact Group".
# "the defense ministers of the six states of the collective security treaty": the states between.
_BEFORE_NAME = re.compile(r"\b(?:" + _PEOPLE + "|member states|members|" + _GATHERING + r")\s+of\s+"
                          r"(?:(?:the\s+|all\s+)?(?:" + _COUNT + r"\s+)?(?:member\s+)?(?:states|countries|nations)"
                          r"\s+of\s+)?(?:the\s+|its\s+|all\s+)?(?:[a-z-]+\s+)?$")
# The organization as a place other people go to or meet at.
# ("at the informal gathering of Commonwealth leaders": a gathering's noun before the name.)
_VENUE_BEFORE = re.compile(r"\b(at|to|for|from|on the sidelines of|on the margins of|in the margins of|"
                           r"during|after|before|ahead of|since|with|between)\s+(?:the\s+|this year's\s+|"
                           r"last year's\s+|next year's\s+|an?\s+)?(?:(?!(?:hold|host|attend|convene|call|stage)\s)"
                           r"[\w-]+\s+){0,2}(?:(?:gathering|summit|meeting|session)\s+of\s+)?$", re.IGNORECASE)
# ("to hold their next summit", "to attend the CIS summit": a verb's infinitive, not a destination.)
# The gathering is what the clause's verb tells of: "the G-8 summit opens in Cologne", "..., which meets on".
_GATHERING_VERB = re.compile(r"(?:['\u2019]s?)?\s+(?:[\w-]+\s+){0,2}?(?:summit|meeting|session|leaders)?\s*,?\s*"
                             r"(?:which\s+|that\s+)?(?:opens|opened|meets|met|convenes|convened|begins|began|"
                             r"ends|ended|closes|closed|gathers|gathered|(?:is|was|will be|is to be) held|"
                             r"takes place|took place|will take place)\b")
# Other people meeting at the gathering ("Bush and Putin met at the G-8 summit", "the talks at the summit",
# "they spent an hour together at the G-8 summit"), or invited to it ("has invited both leaders to a CIS summit in
# Minsk on June 1": the invitees' attendance, docs/annotation.md's arrival for a summit): then "at" names a venue.
_MEETING_WORDS = re.compile(r"\b(?:meet|meets|met|meeting|see|sees|saw|seen|talk|talks|talked|spoke|speak|"
                            r"sat down|spent|spend|conferred|received|hosted|invited|invites|invite)\b", re.IGNORECASE)
# A side event of other people's ("on the sidelines of the summit of the APEC forum"): never the members' act.
_SIDELINES = re.compile(r"\b(?:sidelines|margins|fringe)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
# A gathering's decision on candidates: the states named after it are parties too (docs/annotation.md: NATO's
# summit takes "also the states named as invitees or candidates").
_INVITE = re.compile(r"\b(?:invit(?:e|es|ed|ing)|admit(?:s|ted|ting)?|to admit|accept(?:s|ed)? as members?|"
                     r"pass(?:es|ed)? over|took in|take in|takes in)\b")
# The organization's own armed forces or their action right after its name.
_FORCE_AFTER = re.compile(r"(?:['\u2019]s?)?\s+(?:(?:[a-z]+\s+){0,2}(?:aircraft|planes|warplanes|jets|bombers|forces|troops|"
                          r"air strikes|airstrikes|strikes|bombing|bombs|missiles|air campaign|air raids|raids)\b|"
                          r"(?:struck|bombed|attacked|launched|hit|began bombing)\b)")
_PLACE_KINDS = frozenset({"capital", "city", "region"})
_TITLE_AFTER = re.compile(r"(?:['\u2019]s?)?\s+(?:[A-Z]|secretary|president|chairman|spokes|official|envoy)")
_SEAT = re.compile(r"(?:['\u2019]s?)?\s+headquarters\b")
# A relative clause whose subject is the organization's people or gathering ("the Shanghai Five, whose leaders meet
# in Shanghai next week", "the alliance's foreign ministers, who meet in Reykjavik in May"): the dated verb is the
# gathering's own, whatever preposition stands before the name (docs/annotation.md, Organizations).
_OWNERS = r"(?:" + _PEOPLE + r"|summit|summits|ministerial|council)"
_RELATIVE_OWN = re.compile(r"(?:,\s+whose\s+(?:[\w-]+\s+){0,2}?" + _OWNERS + r"|['\u2019]s?\s+(?:[\w-]+\s+){0,2}?"
                           + _OWNERS + r",\s+(?:who|which))\s+(?:will\s+|are to\s+|were to\s+|would\s+|are due to\s+)?"
                           r"(?:meet|meets|met|gather|gathered|convene|convened|assemble|assembled|hold|held|opens|opened)\b")
# How near after the relative clause's verb its date must stand ("meet in Reykjavik in May").
RELATIVE_REACH = 50


def add_member_parties(mentions, entities, gazetteer, body: str) -> None:
    """Adds to each mention's countries the members of an organization whose own gathering the mention's
    clause reports, the presidency's state of a two-party format, the seat of 'its headquarters' (in place;
    order kept: the added states follow the countries already there)."""
    facts = organization_facts(gazetteer)
    dates = sorted({m.date_text_start for m in mentions})
    for mention in mentions:
        if not _may_be_gathering(body, mention):
            continue
        start, end = date_clause(body, mention)
        orgs = entities.organizations_in(start, end) + indirect_mentions(body, entities, facts, start, end,
                                                                         mention.date_end)
        orgs = [org for org in orgs if not _dated_elsewhere(org, mention, dates, body)]
        places = {m.code for m in entities.countries_in(start, end) if m.kind in _PLACE_KINDS}
        for org in orgs:
            mention.countries = _with_codes(mention.countries, _parties(body, org, facts.get(org.slug, {}),
                                                                        mention, (start, end), places, entities))


def _may_be_gathering(body: str, mention) -> bool:
    """Is the mention of a kind an organization's gathering, seat or force may be: a gathering's, a seat's or a
    force's type, anything put off, or a statement that "it" (the gathering) will take place?"""
    return (mention.event_type in SEAT_TYPES | FORCE_TYPES or mention.status == "postponed"
            or _gathering_as_it(body, mention))


def _gathering_as_it(body: str, mention) -> bool:
    """Does the mention's sentence have "it" taking place ("doubt it will take place before the spring"): a statement
    whose date is the gathering's own (organization_anaphora finds what "it" stands for)?"""
    return IT_HAPPENS.search(body, mention.sentence_start, mention.sentence_end) is not None


def _dated_elsewhere(org, mention, dates: list[int], body: str = "") -> bool:
    """Does another event's date follow the organization closely while this event's date stands elsewhere, before it
    ("Ivanov will see Vedrine in Vienna on November 27-28, and the union's leaders meet in Nice in early December")
    or after it past a coordinate joint ("Kuchma is to attend the CIS summit in Minsk in late November, and the two
    prime ministers meet in Odessa in mid-September")? Then the organization's gathering is that date's event."""
    following = [at for at in dates if 0 <= at - org.end <= DATE_REACH]
    if not following or mention.date_text_start in following:
        return False
    # a date after the gathering's is another clause's only past a coordinate joint
    return mention.date_text_start < org.start or bool(_JOINT.search(body, following[0], mention.date_text_start))


_JOINT = re.compile(r",\s+(?:and|but|while|whereas)\s")


def _parties(body: str, org, fact: dict, mention, clause, places=frozenset(), entities=None) -> list[str]:
    """The states the organization mention `org` adds to the mention's event (`places`: the states of the
    places the clause names; `entities`: the article's, for the invitees the clause names)."""
    if mention.event_type in FORCE_TYPES:
        return _forces(body, org, fact, mention)
    if _SEAT.match(body, org.end) and fact.get("seat"):
        return [fact["seat"]]
    if not _gathering_event(body, org, mention, clause):
        return []
    organ_seat = _organ_seat(body, org, fact) or _ambassadors_seat(body, org, fact)
    if organ_seat:  # an organ meets where it sits unless the clause names another state's place
        return [organ_seat] if places <= {organ_seat} else []
    if getattr(org, "pair", False) or is_pair(body, org, *clause):
        return _on(fact.get("presidencies", []), mention.date_start)
    return _gathering_members(body, org, fact, mention, clause, entities)


def _gathering_members(body: str, org, fact: dict, mention, clause, entities) -> list[str]:
    """The members (of the event's days) of an organization whose founding or own gathering the clause tells,
    with the states the gathering invites."""
    members = fact.get("members", [])
    if not 0 < len(members) <= MAX_MEMBERS or fact.get("forum"):  # a forum's gathering is its host's and guests'
        return []
    if _founded_then(fact, mention):
        return _during(members, mention.date_start, mention.date_end)
    if is_own_gathering(body, org, *clause, fact.get("gatherings", ()),
                        date=(mention.date_text_start, mention.date_text_end),
                        summit=mention.event_type == "summit", sentence_start=mention.sentence_start):
        return _during(members, mention.date_start, mention.date_end) + _invitees(body, org, clause, entities)
    return []


# A gathering named as the cause of another event's delay is no delayed gathering ("the visit was put off because of
# the CIS summit", "the union's summit in Nice kept him in France").
_CAUSE_BEFORE = re.compile(r"\b(?:because of|due to|owing to|on account of|in view of|for|by|over|amid|kept|keeps|"
                           r"clash(?:ed|es)? with|coincid(?:e|ed|es) with)\s+(?:[\w'\u2019-]+\s+){0,4}$", re.IGNORECASE)


# What a state holds or seeks in the organization ("a permanent seat on the UN Security Council", "membership of
# NATO", "a member of the WTO"): the organization named as a membership, not as a gathering of the event.
_MEMBERSHIP_BEFORE = re.compile(r"\b(?:seats?\s+(?:on|in|at)|members?(?:hip)?\s+(?:of|in))\s+(?:the\s+)?$", re.I)


def _gathering_event(body: str, org, mention, clause) -> bool:
    """Is the event of a gathering's kind, or the put-off of the organization's gathering (not a gathering named as
    the delay's cause, nor a membership: _MEMBERSHIP_BEFORE)?"""
    if _MEMBERSHIP_BEFORE.search(body, max(0, org.start - 24), org.start):
        return False
    if mention.event_type in GATHERING_TYPES or getattr(org, "pronoun", False):  # (a doubt that "it will take place"
        return True                                                               # tells of the gathering itself)
    put_off = mention.event_type in PUT_OFF_TYPES or mention.status == "postponed"
    return put_off and not _CAUSE_BEFORE.search(body[max(clause[0], org.start - 60):org.start])


def _forces(body: str, org, fact: dict, mention) -> list[str]:
    """The members of an organization whose own forces act in the clause ("NATO aircraft struck targets",
    "the alliance's air strikes began"): its armed action, every member's. Not its Secretary General's order, not
    a force it only leads ("the NATO-led force": no space after the name)."""
    members = fact.get("members", [])
    if not 0 < len(members) <= MAX_MEMBERS or not _FORCE_AFTER.match(body, org.end):
        return []
    return _during(members, mention.date_start, mention.date_end)


def _invitees(body: str, org, clause, entities) -> list[str]:
    """The states the gathering's clause names after a verb of invitation or admission ("invited Poland,
    Hungary and the Czech Republic ... and passed over Slovakia"): the rule book's invitees and candidates."""
    verb = _INVITE.search(body, org.end, clause[1])
    if not verb or entities is None:
        return []
    return [m.code for m in entities.countries_in(verb.start(), clause[1]) if m.kind == "name"]


def _founded_then(fact: dict, mention) -> bool:
    """Is the event the organization's founding: a founding dated over the day the data gives for it ("set up
    GUAM in Strasbourg earlier this month", October 1997; GUAM's founding day is October 10)?"""
    if mention.event_type != "founding":
        return False
    # "refounded": the day a group became the organization as such (the Shanghai Five the SCO, June 15, 2001).
    days = [fact[key] for key in ("founded", "refounded") if fact.get(key)]
    return any(mention.date_start <= datetime.date.fromisoformat(day) <= mention.date_end for day in days)


def _organ_seat(body: str, org, fact: dict) -> str | None:
    """The state where the organ named by `org` sits ("the Permanent Joint Council": Belgium), unless the name
    is part of a title ("Council of Europe Secretary General ...")."""
    seat = fact.get("organ_seats", {}).get(org.text)
    return None if seat is None or _TITLE_AFTER.match(body, org.end) else seat


# "The NATO-Ukraine Commission's meeting of ambassadors", "the alliance's ambassadors met": the organization's
# envoys sit at its seat (docs/annotation.md: sessions of NATO's ambassadors in Brussels take the host and the named
# participants, the other members optional), an organ rather than its members' own gathering.
_AMBASSADORS = re.compile(r"(?:['\u2019]s?)?\s+(?:[\w-]+\s+){0,2}?(?:ambassadors|ambassadorial|permanent representatives)\b")


def _ambassadors_seat(body: str, org, fact: dict) -> str | None:
    return fact.get("seat") if _AMBASSADORS.match(body, org.end) else None


def _on(terms: list[dict], day: datetime.date) -> list[str]:
    """The states of `terms` (memberships, presidencies) that held on `day`."""
    return [term["country"] for term in terms if member_on(term, day)]


def _during(terms: list[dict], first: datetime.date, last: datetime.date) -> list[str]:
    """The states of `terms` that held on some day of [first, last]: a gathering dated "earlier this month"
    counts the members it founded or admitted that month ("formed GUAM earlier this month", October 1997:
    its members from October 10)."""
    return [term["country"] for term in terms
            if (term.get("start") is None or datetime.date.fromisoformat(term["start"]) <= last)
            and (term.get("end") is None or first < datetime.date.fromisoformat(term["end"]))]


def date_clause(body: str, mention) -> tuple[int, int]:
    """The part of the mention's sentence between the semicolons (or colons) around its date, and within it
    between the joints where a new subject opens a coordinate clause (", and Schroeder and Putin are to ...",
    ", but he ..."): the next clause's gathering is the next clause's event ("... when the G-7's ministers meet
    in Palermo on the 17th, and Schroeder and Putin are to take it up in April")."""
    start, end = mention.sentence_start, mention.sentence_end
    sentence = body[start:end]
    at = mention.date_text_start - start
    left = max(sentence.rfind(";", 0, at), sentence.rfind(":", 0, at))
    right = [i for i in (sentence.find(";", at), sentence.find(":", at)) if i >= 0]
    left, right = left + 1, (min(right) if right else len(sentence))
    for joint in coordinate_joints(sentence, left, right):
        if joint.end() <= at:
            left = joint.start()
        elif joint.start() >= mention.date_text_end - start:
            right = joint.start()
            break
    return start + left, start + right


def is_own_gathering(body: str, org, clause_start: int, clause_end: int, gatherings=(), date=None,
                     summit: bool = False, sentence_start: int | None = None) -> bool:
    """Does the clause speak of the organization itself gathering (its leaders, its summit), rather than of
    a venue, an organ or a two-party format? `date`: the span of the event's date phrase; `summit`: the event
    is a summit (then "at the CIS summit on April 2" is the summit itself unless people meet at it: a meeting
    word before the organization in its sentence, from `sentence_start`)."""
    before = body[max(clause_start, org.start - 60):org.start]
    if _SIDELINES.search(before):  # "on the sidelines of the APEC summit": other people's side event
        return False
    if _relative_own(body, org, date):
        return True
    follows, near = _date_near(org, date)
    others_meet = _others_meet(body, org, clause_start, sentence_start)
    at_own = _at_own(summit, follows, others_meet)
    if _names_gathering(org, gatherings):
        return not _venue(before, follows, at_own)
    if ORGAN_WORDS.search(org.text):
        return False
    after = body[org.end:min(clause_end, org.end + 60)]
    if follows and _is_subject(before, after):
        return True
    return _named_as_own(before, after, follows, near and not (others_meet and follows), at_own)


def _relative_own(body: str, org, date) -> bool:
    """Is the event's date that of a relative clause the organization's people or gathering are the subject of
    ("NATO, whose leaders meet in Brussels next week")?"""
    verb = _RELATIVE_OWN.match(body, org.end)
    return bool(verb and date and 0 <= date[0] - verb.end() <= RELATIVE_REACH)


def _others_meet(body: str, org, clause_start: int, sentence_start: int | None) -> bool:
    """Does a meeting word ("met", "talks", "spent an hour") come before the organization in its sentence (or
    its clause when the sentence's start is not given)?"""
    return bool(_MEETING_WORDS.search(body, clause_start if sentence_start is None else sentence_start, org.start))


def _at_own(summit: bool, date_follows: bool, others_meet: bool) -> bool:
    """Is "at" before the organization no venue: a summit dated right after its name that nobody meets at?"""
    return summit and date_follows and not others_meet


def _names_gathering(org, gatherings) -> bool:
    """Does the mention itself name the gathering ("the European Council", "their next summit")?"""
    return org.text in gatherings or getattr(org, "gathering", False)


def _named_as_own(before: str, after: str, follows: bool, dated_there: bool, at_own: bool) -> bool:
    """Do the words around the name make the gathering the organization's own: its people or gathering "of"
    it ("a session of the Contact Group", own when `dated_there`) or after it ("NATO's leaders"), not at a
    venue's preposition?"""
    people_of = _BEFORE_NAME.search(before)
    if people_of:  # "(met on Monday at) a session of the Contact Group": the group's own act, dated there;
        # but "whom he is to meet at the summit of CIS leaders in Sochi later this summer": their meeting's date
        # "met in Yalta on Saturday, during the informal summit of the CIS leaders": a happening of its own, in the
        # gathering's time.
        own_act = (dated_there and bool(_GATHERING_OF.match(people_of.group()))
                   and not _DURING.search(before, 0, people_of.start()))
        return own_act or not _venue(before[:people_of.start()], follows, at_own)
    return bool(_AFTER_NAME.match(after)) and not _venue(before, follows, at_own)


_DURING = re.compile(r"\bduring\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$")


def _date_near(org, date) -> tuple[bool, bool]:
    """(the date follows the organization's name closely, the date is close to it on either side)."""
    if date is None:
        return False, False
    follows = 0 <= date[0] - org.end <= DATE_REACH
    return follows, follows or 0 <= org.start - date[1] <= DATE_REACH + 20


def _is_subject(before: str, after: str) -> bool:
    """Is the organization's gathering the subject of the verb after it ("the G-8 summit opens in ...")? A group
    that meets is its members' gathering too ("the Contact Group, which meets in Paris", "the Six meet")."""
    if _GROUP_MEETS.match(after):
        return True
    return bool(_GATHERING_VERB.match(after) and (_AFTER_NAME.match(after) or _BEFORE_NAME.search(before)))


# The organization itself as the subject of a verb of gathering ("the Contact Group, which meets in Paris at the
# end of the month", "the Shanghai Five met in Dushanbe"): all of it gathers.
_GROUP_MEETS = re.compile(r"[\"\u201d]?(?:\s*,[\"\u201d]?)?\s+(?:which\s+|that\s+)?(?:(?:will|is to|are to|was to|were to|would|is due to|"
                          r"are due to)\s+)?(?:meet|meets|met|convene|convenes|convened|gather|gathers|gathered)\b")


def _venue(before: str, date_follows: bool, at_own: bool = False) -> bool:
    """Does `before` end with a venue's preposition ("at the", "on the sidelines of")? A time word is none
    when the event's date follows the gathering (the date is then the gathering's own), nor is "at" when
    `at_own` (a summit dated right after its name and no meeting of other people in the clause: "his refusal,
    at the CIS summit in Moscow on April 2, to renew the treaty")."""
    match = _VENUE_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower()
    return not ((date_follows and word in _TEMPORAL) or (at_own and word in _AT_OWN_WORDS))


def _with_codes(countries: list[str], codes: list[str]) -> list[str]:
    return countries + [code for code in dict.fromkeys(codes) if code not in countries] if codes else countries

