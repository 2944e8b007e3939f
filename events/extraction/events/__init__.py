"""Event mentions: one per event-dating expression of a sentence that names a happening.

For each sentence, its time expressions (from timex.tag) are filtered to those that can date an event:
role "event" (never a citation or cross-reference), type DATE with an interval, not vague
(PRESENT_REF...), not inside a direct quotation, not the start of a span ("since last year", "over the
past year"), and not a bare year used as a modifier ("the 1995 agreement", "Iran's 1979 revolution").
Each remaining expression needs an event trigger near it (rules in data/event_rules.json): the nearest
trigger that no other date of the sentence is nearer to gives the event type, with two exceptions:
a trigger governing the nearest one through a preposition ("voiced alarm over the minister's visit
on May 3" -> protest; "sign a deal on military cooperation" -> agreement), and, for a date typed by a
reporting verb, a meeting with a named counterpart in the sentence ("when he sat down for a meeting
with Sergeev he praised" -> meeting) unless the meeting is what was reported ("announced that
Putin will ... for talks with Kim"). A sentence with no actor and no country is no event. Precision over
recall throughout.

Status, in this order:
1. the date is what the happening "had originally been set for"            -> postponed
2. a postponement word in reach of a schedulable happening (visit, talks...):
   the date is past -> the postponing is the event (type postponement); otherwise -> postponed
3. speculation ("speculated", "might", "could") in the date's own clause (no comma, dash or
   "that"/"which"/"but" between them)                                       -> reported
4. the date lies after the issue date, or is a span containing it and the
   sentence speaks of the future ("will", "planned", "expected")            -> planned
5. hedges ("reportedly", "was said to")                                     -> reported
6. otherwise                                                                 -> occurred
A date that premodifies its trigger after a determiner ("the July 21-23 summit", "his February visit")
names a known happening: steps 3 and 5 do not apply to it.
Source attributions' dates in the sentence become reported_dates.

Countries of a mention (event_countries): its actors' countries, the countries named in the clause that
governs its date (from the date to its trigger, widened to the clause breaks the status rules use,
stepping over dash asides; with what a reporting verb there reports, and the main clause after an
opening phrase without a subject), and its place ("in Tehran"; for "Sergeev's visit" with no place,
where the article put the same person's visit). Countries named in other clauses, dash asides or
quotations are not the event's.

Actors of a mention (event_actors): the people named in that same clause (outside dash asides and
quotations; "Putin's Russia" names a state, not a participant), always with the agent or counterpart the
summary names, the owner of the trigger ("Sergeev's visit"), a visit's hosts and a meeting's counterparts
after "with". An opening phrase with its own parties ("talks between Russian and North Korean officials")
does not take the main clause's subject; a clause naming only countries keeps the sentence's people of
those countries; a clause naming nobody keeps the sentence's actors. Confidence still counts the
sentence's actors.

Summaries (at most 80 characters) name, in order of preference: the parties after "between"; the
agent before the trigger in its clause ("Moscow announced", "Russia and North Korea intended to resume
talks"), with the nearest other party for two-party happenings; the actors nearest the date and
trigger; the sentence's opening person; the nearest states. An announcement says what it announced
("Russia announces Putin visit to North Korea"), a protest what it was over, a postponement what was
put off ("Kim Jong-il visit to Russia postponed"), a field of cooperation the verb reporting it.
"""
# The package's modules, in the order extraction uses them:
#   rules        data/event_rules.json compiled (EventRules, default_rules)
#   triggers     finding triggers, which a date owns, the governing and explicit-meeting exceptions
#   dates        which time expressions date events, granularity, reported dates
#   status       type and status
#   clauses      the clause governing a date
#   places       an event's place
#   participants an event's actors and countries
#   summaries    the one-line summary (summary_parties: who it names)
#   context      SentenceContext (one sentence) and Reading (one dated phrase)
#   spans        character spans, clause breaks, asides; windows: every character window, named
#   extract      the entry point, extract_events
from events.extraction.events.dates import granularity, has_interval, is_event_date
from events.extraction.events.extract import extract_events
from events.extraction.events.rules import RULES_FILE, EventRules, default_rules
from events.extraction.events.triggers import Trigger, find_triggers

__all__ = ["RULES_FILE", "EventRules", "Trigger", "default_rules", "extract_events", "find_triggers", "granularity",
           "has_interval", "is_event_date"]
