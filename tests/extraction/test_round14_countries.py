"""Issue 11, fourteenth round (cty23): countries of a gathering told by a plural possessive, of "the two countries"
after fewer than two named, and of "the two leaders" opening the stretch of the sentence that holds the event.
Sentences written for this test (none from the corpus or the devset)."""
import datetime

import pytest

from tests.extraction._one_mention import actors_of, countries_of

DAY = datetime.date(2001, 6, 12)
CASPIAN = {"RU", "IR", "KZ", "AZ", "TM"}


# -- a group named with a plural possessive: "the five Caspian states' summit" ------------------------------------
@pytest.mark.parametrize("text, date_text", [
    ("The five Caspian states' summit, which Kazakhstan was to have hosted in Almaty this autumn, has no date yet.",
     "this autumn"),
    ("The five littoral states\u2019 summit opens in Baku on Friday.", "Friday"),
])
def test_a_plural_possessive_names_the_groups_own_gathering(text, date_text, gazetteer):
    assert CASPIAN <= countries_of(text, DAY, date_text, gazetteer)


def test_a_plural_possessive_as_a_venue_still_adds_no_members(gazetteer):
    text = "Ivanov met Kharrazi on the sidelines of the five Caspian states' summit in Baku on Friday."
    assert "TM" not in countries_of(text, DAY, "Friday", gazetteer)


# -- "the two countries" after one of the article's pair named alone: the article's pair --------------------------
PAIR_TEXT = ("China's parliament speaker Li Peng began talks in Moscow on Tuesday. Beijing wants arms and oil.\n\n"
             "Li, who arrived on Monday for a five-day stay, the first by China's speaker since 1997, brought a letter "
             "from President Jiang Zemin about the border treaty which the two countries plan to sign next year.\n\n"
             "Chinese firms want contracts in Siberia.")


def test_the_two_countries_after_one_of_the_pair_are_the_articles_pair(gazetteer):
    assert {"CN", "RU"} <= countries_of(PAIR_TEXT, DAY, "next year", gazetteer)


def test_the_two_countries_after_two_named_are_those_two(gazetteer):
    text = ("Kuchma and Lukashenka met in Minsk on Tuesday and said the two countries would sign a border treaty "
            "next year.")
    assert countries_of(text, DAY, "next year", gazetteer) == {"UA", "BY"}


# -- a combining form hyphened to a state's adjective names both states ("Sino-Russian", "Soviet-Japanese") ---------
@pytest.mark.parametrize("text, date_text, wanted", [
    ("The Sino-Russian treaty of friendship was signed in the Kremlin on July 16.", "July 16", {"CN", "RU"}),
    ("The two leaders will confirm the Soviet-Japanese declaration of 1956.", "1956", {"JP", "RU"}),
    ("The Sino-Soviet alliance broke down in 1960.", "1960", {"CN", "RU"}),
    ("The U.S.-Soviet treaty on intermediate-range missiles was signed in 1987.", "1987", {"US", "RU"}),
    ("An Indo-Pakistani summit is planned for July.", "July", {"IN", "PK"}),
])
def test_a_combining_form_and_an_adjective_name_both_states(text, date_text, wanted, gazetteer):
    assert wanted <= countries_of(text, DAY, date_text, gazetteer)


@pytest.mark.parametrize("text", [
    "Hungary paid off the last of its Soviet-era debt in 1997.",
    "Hungary's post-Soviet government paid off the debt in 1997.",
])
def test_a_bare_combining_form_names_no_state(text, gazetteer):
    assert "RU" not in countries_of(text, DAY, "1997", gazetteer)


def test_the_gazetteer_builds_compounds_only_from_adjectives(gazetteer):
    found = gazetteer.find_countries("Sino-Russian, Franco-German, Soviet-era, Sino-China")
    assert [(m.text, m.code) for m in found] == [("Sino-Russian", "CN"), ("Sino-Russian", "RU"),
                                                  ("Franco-German", "FR"), ("Franco-German", "DE"),
                                                  ("China", "CN")]


# -- "it" taking place stands for the gathering its sentence named before it ---------------------------------------
def test_it_taking_place_is_the_gathering_named_before_it(gazetteer):
    text = ("The summit of the five littoral states, set for Tehran in March, has been put off again, and Russian "
            "diplomats doubt it will take place before the autumn.")
    assert CASPIAN <= countries_of(text, DAY, "the autumn", gazetteer)


def test_it_with_no_gathering_named_before_adds_no_members(gazetteer):
    text = ("Kharrazi spoke of the Caspian states and of the pipeline, and Russian diplomats doubt it will open "
            "before the autumn.")
    assert "TM" not in countries_of(text, DAY, "the autumn", gazetteer)


# -- a put-off gathering of the group's own is its members' whatever verb types the date ---------------------------
def test_a_gathering_put_off_after_a_proposal_keeps_all_its_members(gazetteer):
    text = ("The summit of the five littoral states, which Iran's president had proposed to hold in Tehran this month, "
            "has been put off again.")
    assert CASPIAN <= countries_of(text, DAY, "this month", gazetteer)


def test_a_put_off_trip_to_a_gathering_adds_no_members(gazetteer):
    text = "Kuchma's trip to Minsk for the CIS summit, set for this month, has been put off."
    assert "TM" not in countries_of(text, DAY, "this month", gazetteer)


# -- a main clause before ", and" is no opening phrase: the coordinate clause's state is not its event's -----------
@pytest.mark.parametrize("text, date_text", [
    ("NATO aircraft struck targets across Yugoslavia on Wednesday evening, and Moscow froze its ties with the "
     "alliance.", "Wednesday evening"),
    ("NATO aircraft struck targets across Yugoslavia on Wednesday evening, and within hours Moscow had frozen its "
     "ties with the alliance.", "Wednesday evening"),
])
def test_a_coordinate_clause_after_a_main_clause_keeps_its_state(text, date_text, gazetteer):
    found = countries_of(text, DAY, date_text, gazetteer)
    assert "YU" in found and "RU" not in found


def test_an_opening_phrase_still_runs_on_into_its_main_clause(gazetteer):
    text = "Following talks in Tehran on Monday, a Russian official told reporters that the deal stood."
    assert {"IR", "RU"} <= countries_of(text, DAY, "Monday", gazetteer)


def test_a_statement_after_but_takes_no_state_of_the_clause_before(gazetteer):
    text = ("The State Department's spokesman, Richard Boucher, warned on Sunday of sanctions, but Kharrazi told "
            "reporters on Monday evening that Iran chose its own friends.")
    assert "US" not in countries_of(text, DAY, "Monday evening", gazetteer)
