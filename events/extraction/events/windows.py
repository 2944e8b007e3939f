"""Every character window of event extraction, in one place: how far (in characters) each rule looks.

The figures were chosen on the Monitor's prose (sentences of 150-300 characters); widening one lets a
rule reach into the next clause, narrowing it loses happenings named a few words away. Trigger reach
(how far from a date its trigger may stand) is data: max_trigger_distance in data/event_rules.json.
"""

# -- text spans -------------------------------------------------------------------------------------
# word_before: how far back the word before a position is looked for ("since  last year").
WORD_BEFORE_LOOKBACK = 30
# A dash aside ("Sergeev\u2013the man who led the talks\u2013said") is at most this long between its dashes.
ASIDE_LENGTH = 150

# -- status -----------------------------------------------------------------------------------------
# How far before the date "had originally been set for" may stand.
SET_FOR_LOOKBACK = 80
# How far before the date a determiner makes it a premodifier ("the July 21-23 summit", "his February visit").
DETERMINER_LOOKBACK = 30

# -- triggers ---------------------------------------------------------------------------------------
# How far before the nearest trigger a governing trigger may stand ("concerns over Sergeev's visit").
GOVERNING_REACH = 60
# "a meeting with Sergeev": how far after the meeting trigger "with" may come, and how far after "with"
# the named counterpart.
WITH_AFTER_REACH = 40
COUNTERPART_AFTER_WITH = 40

# -- clauses and participants -----------------------------------------------------------------------
# How far (characters) before "that" a reporting verb of the event's clause may stand for the clause it
# introduces to be what it reports ("told a gathering of defense chiefs that").
REPORTED_REACH = 50
# How far before a meeting's counterpart "with" may stand ("met ... with X and, more important, with Y").
WITH_BEFORE_LOOKBACK = 80
# How far from the date and its trigger a summary looks for its actors, and for its place.
SUMMARY_REACH = 80
PLACE_REACH = 60

# -- summaries --------------------------------------------------------------------------------------
# Summaries are cut (at a word) to this length.
MAX_SUMMARY = 80
# How far before a trigger its agent (the subject: "Moscow announced", "Putin will meet") may stand,
# within the clause; and how far from a trigger the persons named in its object phrase may stand.
AGENT_REACH = 60
OBJECT_REACH = 40
# A field of cooperation reported by an announcement: how far before it the reporting verb may stand,
# and how far after it ("started building a reactor, the ministry announced").
FIELD_VERB_BEFORE = 120
FIELD_VERB_AFTER = 30
# How long the text between a reporting verb and what it reports may be.
OBJECT_GAP = 100
# How far back from a trigger a dash aside is looked for ("Mamedov\u2013the man who ...\u2013had met").
ASIDE_LOOKBACK = 170
# "chosen to delay his Russia visit": how far after a postponement the happening it put off may start.
PUT_OFF_REACH = 25
# "talks ... between Putin and Kim": how far after a trigger "between" may stand.
BETWEEN_REACH = 60
# An appositive after "between" ("South Korea's ambassador to Russia, Jai-chun Lee"): the name starts at
# most this far after the comma.
APPOSITIVE_GAP = 2
# "he ... visit": how far before a trigger a pronoun makes the sentence's opening person its agent; and
# how close to the sentence start that person must be named.
PRONOUN_LOOKBACK = 30
OPENING_PERSON = 2
# "in a letter to Kim": "to" within this many characters before the addressee.
ADDRESSEE_LOOKBACK = 4

# -- back-off (backoff.py) ---------------------------------------------------------------------------
# How far after the date the back-off reads its clause for a verb or happening noun.
BACKOFF_REACH = 80

# -- confidence -------------------------------------------------------------------------------------
# A trigger this close to its date makes the reading surer.
CLOSE_TRIGGER = 40
