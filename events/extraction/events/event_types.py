"""What extraction needs to know about event types beyond their triggers (data/event_rules.json)."""

# Happenings whose summary names two parties ("A and B hold talks"); others name the nearest actor.
PARTIES_OF_TWO = frozenset({"meeting", "summit", "agreement", "letter"})
# Happenings a state performs as such ("Moscow announced"), named by the state when it is nearer than any person.
STATE_ACTS = frozenset({"statement", "protest"})
# Types that are a field of cooperation rather than an act: named with a reporting verb when there is one.
FIELDS = frozenset({"nuclear", "military", "economic"})
