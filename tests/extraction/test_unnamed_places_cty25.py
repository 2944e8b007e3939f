"""Countries of four general shapes (cty25, fifteenth round). Sentences are our own.

- A visitor told in a relative clause ("X, who arrived in Moscow on Sunday, ...") keeps that place for a later visit
  of theirs that names none ("X's trip had first been planned for December").
- A time aside right after an opening date ("On Saturday, two days before X arrived, Y held talks") is not the date's
  clause: the date is the main clause's happening, with its states.
- An ambiguous state word ("Korean") names the state the article names far more often; not in "inter-Korean".
- A visit still to come or put off with no place named or implied goes to the home state (Russia); not a journey
  home, not a ceremony.
"""
from events.extraction.entities import default_gazetteer, find_entities
from events.extraction.pipeline import extract_article

GAZETTEER = default_gazetteer()
ANCHOR = "2001-02-27"


def mention(text, date_text):
    found = [m for m in extract_article(text, ANCHOR, GAZETTEER) if m.date_text == date_text]
    assert found, date_text
    return found[0]


def test_a_relative_clause_visitor_keeps_the_place_for_a_later_visit():
    text = ("Chinese Vice Premier Wu Bangguo, who arrived in Moscow on Sunday, met Deputy Prime Minister Ilya "
            "Klebanov yesterday. Wu's trip had first been planned for this past December, but was put off when "
            "the Chinese side asked for more time.")
    assert "RU" in mention(text, "this past December").countries


def test_a_time_aside_after_the_date_is_not_its_clause():
    text = ("The ground had been laid at a lower level. On Saturday, two days before Rushailo arrived, Iran's "
            "deputy foreign minister, Mohsen Aminzadeh, held consultations in Moscow with Deputy Foreign "
            "Minister Aleksandr Losyukov.")
    event = mention(text, "Saturday")
    assert event.event_type == "meeting"
    assert {"IR", "RU"} <= set(event.countries)


def _codes_of(text, word):
    return {m.code for m in find_entities(text, ANCHOR, GAZETTEER).countries if m.text == word}


def test_an_ambiguous_word_names_the_state_the_article_names_most():
    text = ("Seoul wants gas. South Korea's minister flew in from Seoul on Sunday; Seoul's bankers came too. "
            "North Korea was not mentioned. The Russian-Korean business forum opened on Monday.")
    assert _codes_of(text, "Korean") == {"KR"}


def test_an_ambiguous_word_of_both_states_or_none_stays_unresolved():
    text = ("Seoul wants gas. South Korea's minister flew in from Seoul on Sunday; Seoul's bankers came too. "
            "He spoke of the inter-Korean dialogue and of the Korean peninsula.")
    assert _codes_of(text, "Korean") == set()
    even = ("Seoul and Pyongyang spoke. South Korea and North Korea both sent envoys on Sunday. "
            "The Korean envoy spoke on Monday.")
    assert _codes_of(even, "Korean") == set()


def test_a_visit_to_come_with_no_place_goes_to_the_home_state():
    text = ("Moscow is about to receive the other side of the subcontinent. Pakistan's foreign minister, Abdul "
            "Sattar, is expected later this month, the first visit at that level in more than two years.")
    assert set(mention(text, "later this month").countries) == {"PK", "RU"}


def test_a_journey_home_or_a_ceremony_takes_no_home_state():
    home = ("The Armenian president ended his talks in Kiev yesterday. Kocharian, who met Kuchma on Monday, "
            "flies home on Thursday.")
    assert "RU" not in mention(home, "Thursday").countries
    funeral = ("Armenia mourned its dead. The Armenian parliament met on Monday, and Kocharian spoke. The funeral "
               "of the victims is set for Saturday.")
    found = [m for m in extract_article(funeral, ANCHOR, GAZETTEER) if m.date_text == "Saturday"]
    assert all("RU" not in m.countries for m in found)
