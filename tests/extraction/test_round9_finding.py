"""Issue 11, ninth round (hap16): happenings found at all on fresh text, by mechanisms that cover a class by
construction. Sentences are our own. DAY is Tuesday, June 12, 2001."""
import pytest

from events.extraction.events.rules import default_rules, irregular_forms
from events.extraction.pipeline import extract_article
from tests.extraction._one_mention import DAY, one


@pytest.mark.parametrize("sentence, date_text", [
    # backoff._any_verb sees an irregular past (event_rules.json backoff.any_verb_irregular) ...
    ("Relations between Russia and Poland took a sharp turn for the worse on Monday.", "Monday"),
    ("Kuchma spent Monday afternoon on the gas debt.", "Monday afternoon"),
    ("Armenian engineers began building the Georgian plant in 1996.", "1996"),
    # ... an irregular -s form, and a light verb of the lexicon with no happening noun
    ("Moldova's chamber of deputies gives its verdict on the Transdniester plan next week.", "next week"),
    ("The Georgian president's term ends next March.", "next March"),
])
def test_an_irregular_or_light_verb_of_a_dated_clause_tells_a_happening(gazetteer, sentence, date_text):
    mention = one(sentence, gazetteer, date_text)
    assert mention.event_type == "statement"


@pytest.mark.parametrize("text", [
    # a verb of state stays out, and so does an -s form that is also a noun ("wins", "cuts")
    "Shevardnadze knew Tbilisi well in 1990.",
    "The Kazakh wins in March over Uzbekistan were narrow.",
    "Georgia's cuts in Russian gas imports in January were deep.",
])
def test_a_state_or_a_noun_like_form_is_still_no_happening(gazetteer, text):
    assert extract_article(text, DAY, gazetteer) == []


def test_irregular_forms_are_the_pasts_and_the_s_form_unless_starred():
    forms = irregular_forms({"take": ["took", "taken"], "cut*": ["cut"], "go": ["went", "gone"]})
    assert forms == ["takes", "took", "taken", "cut", "goes", "went", "gone"]
    assert default_rules().backoff.other_verb.search("the talks began in May").group() == "began"
    assert default_rules().backoff.other_verb.search("the cuts in May") is None


@pytest.mark.parametrize("sentence, date_text", [
    # A party of the back-off clause may be an organization (backoff._party_in) ...
    ("The OSCE on Monday adopted a text on the Aral Sea, which Uzbekistan had asked for.", "Monday"),
    ("The Council of Europe voted late yesterday evening on the report, which Russia had opposed.",
     "yesterday evening"),
    # ... the subject of the reporting verb, before an aside ("X, the host, said on Thursday that ...") ...
    ("Nazarbaev, the host, said on Thursday that the commission would take up the question on June 20.", "June 20"),
    ("Kuchma, whose party lost the vote, said yesterday that the cabinet would take up the bill next week.",
     "next week"),
    # ... "the two men" of a sentence that named them
    ("The pope arrived in Kiev on Saturday; that afternoon the two men talked for an hour.", "that afternoon"),
    # an irregular past after "that" (a relative pronoun, not a determiner) is still a verb
    ("Uzbek police questioned the men who planted the car bombs that shook the center of Tashkent on Tuesday "
     "morning.", "Tuesday morning"),
])
def test_a_dated_clause_with_an_organization_a_reporter_or_a_pair_names_a_party(gazetteer, sentence, date_text):
    assert one(sentence, gazetteer, date_text).status in ("occurred", "planned")


@pytest.mark.parametrize("text, date_text", [
    # "the two cars" are no people; a clause naming nobody in a sentence naming nobody stays out
    ("The pope arrived in Kiev on Saturday; that afternoon the two cars crashed.", "that afternoon"),
    ("The assembly would take up the question on June 20.", "June 20"),
])
def test_a_clause_that_names_no_party_is_still_no_happening(gazetteer, text, date_text):
    assert not [m for m in extract_article(text, DAY, gazetteer) if m.date_text == date_text]


@pytest.mark.parametrize("sentence, date_text, event_type", [
    # Happening nouns by lemma (event_rules.json backoff.noun_lemmas, CAMEO roots), singular or plural by code.
    ("An assault on the school by Russian special forces on Saturday morning was beaten back.", "Saturday morning",
     "military"),
    ("In Ashgabat on Friday the talk was of gas with Putin.", "Friday", "meeting"),
    ("Kudrin said the payments due to Germany in February will be made on time.", "February", "economic"),
])
def test_a_happening_noun_of_the_dated_clause_types_it(gazetteer, sentence, date_text, event_type):
    assert one(sentence, gazetteer, date_text).event_type == event_type


@pytest.mark.parametrize("text, date_text, not_type", [
    # The month is no march; the battle of history is no noun of the lexicon.
    ("Poland joined NATO last March.", "last March", "protest"),
    ("The Serbs celebrated the anniversary of the battle of Kosovo on Thursday.", "Thursday", "military"),
])
def test_a_noun_of_another_sense_does_not_type_the_date(gazetteer, text, date_text, not_type):
    assert one(text, gazetteer, date_text).event_type != not_type


def test_plurals_by_the_spelling_rules():
    from events.extraction.events.rules import plural
    assert [plural(w) for w in ("talk", "clash", "delivery", "air strike", "embargo")] == [
        "talks", "clashes", "deliveries", "air strikes", "embargoes"]


def test_a_date_opening_the_sentence_dates_its_main_clause_over_the_subjects_asides(gazetteer):
    # backoff._clause_of, _to_a_verb: "In Minsk on Friday <subject>, <name>, <verb>": the verb after the aside.
    mention = one("In Minsk on Friday the Russian premier and his Belarusian host, Vladimir Yermoshin, were joined "
                  "by the Kazakh prime minister.", gazetteer, "Friday")
    assert mention.status == "occurred"


@pytest.mark.parametrize("text", [
    # a verb of state after the asides, or a quantity's change in a sentence that is no opening phrase
    "In Minsk on Friday, the Russian premier, a former gas executive, was ill.",
    "Ukrainian gas debts to Russia fell sharply in January.",
])
def test_an_opening_date_with_no_happening_after_it_is_no_event(gazetteer, text):
    assert extract_article(text, DAY, gazetteer) == []


def test_open_fire_is_military_not_a_founding(gazetteer):
    mention = one("On Wednesday afternoon an Armenian gunman walked into the parliament in Yerevan and opened fire.",
                  gazetteer, "Wednesday afternoon")
    assert mention.event_type == "military"


@pytest.mark.parametrize("text, date_text, countries", [
    # A sentence naming no party whose subject is a definite noun phrase goes on with the happening just told:
    # its states (extract._definite_subject_parties), and its clause may be read by the back-off.
    ("Putin signed the budget law in Moscow on Monday. The deputies threw out two of its tax bills on Thursday.",
     "Thursday", ["RU"]),
    ("Akaev thanked Rakhmonov in Bishkek on Monday. The geologists are to fly home on Thursday.", "Thursday",
     ["KG", "TJ"]),
])
def test_a_definite_subject_goes_on_with_the_happening_just_told(gazetteer, text, date_text, countries):
    mention = one(text, gazetteer, date_text)
    assert mention.countries == countries and mention.actors == []


@pytest.mark.parametrize("text", [
    # no happening told before it, or no definite subject
    "The deputies threw out two tax bills on Thursday.",
    "Putin signed the budget law in Moscow on Monday. Deputies threw out two of its tax bills on Thursday.",
])
def test_a_sentence_naming_no_party_without_a_definite_subject_after_a_happening_is_no_event(gazetteer, text):
    assert not [m for m in extract_article(text, DAY, gazetteer) if m.date_text == "Thursday"]
