"""Issue 11, fifth round (people and places on unseen articles): the gazetteer's coverage of the four roles for
the states Russia dealt with most, people named by a given name and a surname in any Latin spelling, another
bearer of a known surname, a patronymic after a known name, and seats of power, parliaments and demonyms of the
wider world. Every sentence is written for this test."""
import datetime

import pytest

from events.extraction.entities import find_actors, find_entities
from tests.extraction import people_coverage


def people(text, gazetteer, day=datetime.date(2001, 6, 1)):
    return [(m.text, m.ref.name, m.ref.known, m.ref.country) for m in find_actors(text, day, gazetteer)]


# -- the four roles, 1995-2005 ---------------------------------------------------------------------------------
# Gaps left on purpose, each for a reason (no separate office, or not known surely enough to write down). A gap
# not listed here fails (a regression or a new state to cover); one filled and still listed fails too.
FORMER_SOVIET_AND_G8_AND_CHINA = "RU UA BY MD GE AM AZ KZ UZ TM KG TJ EE LV LT US JP DE FR GB IT CA CN".split()
KNOWN_GAPS = {
    ("AZ", "dm"),  # January-February 1995 (Mammadrafi Mammadov's last weeks: dates not sure)
    ("BY", "dm"),  # 1995 (Anatoly Kostenko's last year: dates not sure)
    ("GE", "gov"),  # October-December 1995, between the last prime minister and the first State Minister
    ("KG", "dm"), ("KG", "fm"),  # the months after the March 2005 upheaval
    ("MD", "gov"),  # February-March 1999, between Ciubuc and Sturza
    ("TM", "dm"), ("TM", "fm"),  # Turkmen defence ministers; the foreign minister before July 1995
    ("TM", "gov"),  # the president heads the government
    ("LV", "dm"),  # 1995-1998 (dates of the ministers not sure)
}


def test_the_four_roles_have_no_gaps_but_the_known_ones_for_the_states_met_most():
    found = set(people_coverage.report(codes=FORMER_SOVIET_AND_G8_AND_CHINA))
    assert found - KNOWN_GAPS == set()  # a new gap
    assert KNOWN_GAPS - found == set()  # a gap filled: strike it off the list


def test_the_coverage_of_all_partners_does_not_shrink():
    # 254 state-role pairs had a gap of a month or more before the fifth round, 118 after it, 112 after the sixth
    # (1995-1999 foreign ministers of Macedonia, Albania, Colombia, Algeria, Jordan; Croatia and Qatar; 107 states), 80
    # after the eighth (defence ministers of Ireland, Luxembourg, South Korea, Taiwan; Bosnia, Malta, Switzerland...).
    assert len(people_coverage.report()) <= 80


def test_gaps_are_found_to_the_day():
    actors = [{"name": "A", "roles": [{"title": "Foreign Minister of Ruritania", "country": "XX",
                                       "start": "1990-01-01", "end": "1999-12-31"}]}]
    assert people_coverage.gaps(actors, "XX", "fm") == [(datetime.date(2000, 1, 1), datetime.date(2005, 12, 31))]
    assert people_coverage.gaps(actors, "XX", "dm") == [(datetime.date(1995, 1, 1), datetime.date(2005, 12, 31))]


@pytest.mark.parametrize("text, day, expected", [
    ("Officials said the Austrian chancellor would come.", "1996-05-01", "Franz Vranitzky"),
    ("Officials said the Croatian foreign minister would come.", "1998-05-01", "Mate Granić"),
    ("Officials said the Kazakh defense minister would come.", "2000-05-01", "Sat Tokpakbayev"),
    ("Officials said the Japanese defense minister would come.", "2003-05-01", "Shigeru Ishiba"),
    ("Officials said the Iraqi prime minister would come.", "2000-05-01", "Saddam Hussein"),
    ("Officials said the Armenian prime minister would come.", "1999-02-01", "Armen Darbinyan"),
    ("Officials said the Estonian defense minister would come.", "1997-05-01", "Andrus Öövel"),
    ("Officials said the Georgian defense minister would come.", "2000-05-01", "David Tevzadze"),
    ("Officials said the Moldovan defense minister would come.", "1998-05-01", "Valeriu Pasat"),
    ("Officials said the Polish defense minister would come.", "2003-05-01", "Jerzy Szmajdziński"),
    ("Officials said the Japanese defense minister would come.", "1999-05-01", "Hosei Norota"),
])
def test_office_holders_of_the_filled_gaps(gazetteer, text, day, expected):
    assert [m.ref.name for m in find_actors(text, datetime.date.fromisoformat(day), gazetteer)] == [expected]


def test_an_official_of_the_un_acts_for_no_state(gazetteer):
    # Mary Robinson was Ireland's president until 1997, then the UN's High Commissioner for Human Rights.
    assert people("Mary Robinson opened the session.", gazetteer) == [
        ("Mary Robinson", "Mary Robinson", True, None)]
    assert people("Mary Robinson opened the session.", gazetteer, datetime.date(1996, 6, 1)) == [
        ("Mary Robinson", "Mary Robinson", True, "IE")]


# -- people by a given name and a surname --------------------------------------------------------------------
def test_a_possessive_is_no_part_of_the_name(gazetteer):
    assert people("It was the first such trip since Walter Kessler's in 1988.", gazetteer) == [
        ("Walter Kessler", "Walter Kessler", False, None)]
    assert people("No Kremlin leader had come since Leonid Brezhnev's visit.", gazetteer) == [
        ("Leonid Brezhnev", "Leonid Brezhnev", True, "RU")]


def test_a_name_with_letters_outside_ascii_is_found_whole(gazetteer):
    assert people("The talks were chaired by Jiří Dvořák of the Czech delegation.", gazetteer) == [
        ("Jiří Dvořák", "Jiří Dvořák", False, None)]


def test_another_bearer_of_a_known_surname_is_another_person(gazetteer):
    # The gazetteer's Milosevic is Slobodan; "Dragan Milošević" is someone else, named later by his surname too.
    found = people("Dragan Milošević, a cousin, was recalled. Milošević left on Monday.", gazetteer)
    assert found == [("Dragan Milošević", "Dragan Milošević", False, None),
                     ("Milošević", "Dragan Milošević", False, None)]


def test_a_given_name_spelt_another_way_is_still_the_known_person(gazetteer):
    # The gazetteer lists "Aleksandr Avdeyev"; "Alexander" is the same given name in another spelling.
    assert people("Alexander Avdeyev will go.", gazetteer) == [
        ("Alexander Avdeyev", "Aleksandr Avdeyev", True, "RU")]


def test_a_name_followed_by_a_particle_is_not_cut(gazetteer):
    # "Samir Haddad al-Rashidi": the given-name rule does not take a two-word piece of a longer name.
    assert people("The court sentenced Samir Haddad al-Rashidi on Monday.", gazetteer) == []


def test_a_patronymic_after_a_known_name_is_part_of_it(gazetteer):
    found = people("Crown Prince Abdullah bin Abdul Aziz telephoned on Monday.", gazetteer)
    assert found == [("Crown Prince Abdullah bin Abdul Aziz", "Abdullah bin Abdul Aziz", True, "SA")]


def test_the_turkish_cypriot_leader_is_of_cyprus(gazetteer):
    text = "The Turkish Cypriot leader, Rauf Denktash, met the Greek Cypriot negotiators."
    entities = find_entities(text, datetime.date(2001, 12, 4), gazetteer)
    assert [(m.ref.name, m.ref.country) for m in entities.actors] == [("Rauf Denktaş", "CY")]
    assert [m.code for m in entities.countries] == ["CY", "CY"]


# -- places ---------------------------------------------------------------------------------------------------
def codes(gazetteer, text):
    return [m.code for m in gazetteer.find_countries(text)]


def test_seats_of_power_and_parliaments_of_the_wider_world(gazetteer):
    text = ("The Great Hall of the People, the Storting, the Riksdag, the Lok Sabha, Matignon, the Kantei, "
            "Cotroceni, the Lubyanka and the Oval Office were told; Akmola and Tiflis replied.")
    assert codes(gazetteer, text) == ["CN", "NO", "SE", "IN", "FR", "JP", "RO", "RU", "US", "KZ", "GE"]


def test_santiago_is_chile_unless_it_is_of_cuba(gazetteer):
    assert codes(gazetteer, "The APEC leaders met in Santiago; Santiago de Cuba was quiet.") == ["CL", "CU"]


def test_demonyms_of_people(gazetteer):
    assert codes(gazetteer, "A Spaniard, a Briton, a Dane and two Kazakhstanis") == ["ES", "GB", "DK", "KZ"]
    assert codes(gazetteer, "Czechoslovakia") == []  # two successor states: named, but no state


def test_a_demonym_inside_a_name_is_dropped_and_one_outside_kept(gazetteer):
    # The check that drops "German" inside "German Gref" looks only at the actor mention around it (bisect).
    text = "German Gref met the German ambassador, and Herman Gref met a German delegation."
    entities = find_entities(text, datetime.date(2001, 6, 1), gazetteer)
    assert [(m.text, m.start) for m in entities.countries] == [("German", 20), ("German", 61)]


def test_heads_of_churches_and_the_pope(gazetteer):
    # The Pope acts for the Holy See; "Karekin I" and "Karekin II" share a name key (doubled letters are single
    # in it), so an alias written exactly so is looked up before the key.
    found = people("Pope John Paul II received Karekin II; Patriarch Aleksy II sent a message.", gazetteer)
    assert [(name, country) for _, name, _, country in found] == [
        ("John Paul II", "VA"), ("Karekin II", "AM"), ("Aleksy II", "RU")]
    found = people("Karekin I met Ilia II.", gazetteer, datetime.date(1997, 5, 1))
    assert [(name, country) for _, name, _, country in found] == [("Karekin I", "AM"), ("Ilia II", "GE")]


def test_towns_and_regions_of_the_former_soviet_space(gazetteer):
    text = ("Troops left Khankala for Urus-Martan; the Northern Fleet sailed from Severomorsk; talks in Taraz, "
            "Zhitomir, Pinsk, Kulob and Etchmiadzin; unrest in Adjara, Karakalpakstan and Udmurtia.")
    assert codes(gazetteer, text) == ["RU", "RU", "RU", "KZ", "UA", "BY", "TJ", "AM", "GE", "UZ", "RU"]


def test_the_holders_of_an_office_in_each_state_of_a_list(gazetteer):
    text = ("The prime ministers of Poland and Hungary met the president of Ukraine; "
            "the president of Moscow State University spoke.")
    found = people(text, gazetteer, datetime.date(1999, 3, 1))
    assert [(mention, name) for mention, name, _, _ in found] == [
        ("Poland", "Jerzy Buzek"), ("Hungary", "Viktor Orban"), ("the president of Ukraine", "Leonid Kuchma")]


def test_an_opposition_leader_is_not_the_state_leader(gazetteer):
    # Said Abdullo Nuri led the United Tajik Opposition; "the Tajik leader" of 1998 is President Rakhmonov.
    assert [m.ref.name for m in find_actors("The Tajik leader spoke.", datetime.date(1998, 5, 1), gazetteer)] == [
        "Emomali Rakhmonov"]


def test_the_state_of_an_unknown_person_from_a_place_or_an_of_phrase(gazetteer):
    # A region, a city or a seat of power before the title ("the Chechen field commander", "Kremlin spokesman")
    # gives the person its state; so does a state's adjective right after "of" ("the head of the Ukrainian
    # navy, Admiral X"), not a place further on ("the head of the OSCE mission to Moldova").
    text = ("The Chechen field commander Ruslan Gelayev fled. Kremlin spokesman Pavel Orlov spoke. The head of "
            "the Ukrainian navy, Admiral Petro Koval, and the head of the OSCE mission to Moldova, Hugo Brand, met.")
    found = people(text, gazetteer)
    assert [(name, known, country) for _, name, known, country in found] == [
        ("Ruslan Gelayev", False, "RU"), ("Pavel Orlov", False, "RU"), ("Petro Koval", False, "UA"),
        ("Hugo Brand", False, None)]


def test_the_chechen_president_is_not_russias(gazetteer):
    # An office phrase keeps to states' adjectives: a region's adjective does not make Putin "the Chechen president".
    assert people("The Chechen president met reporters.", gazetteer) == []


def test_a_place_in_a_persons_name_does_not_stand_for_him_alone(gazetteer):
    # "Santiago" of "Santiago Ferrer" is the Chilean capital when it stands alone; his surname follows him.
    text = "Interior Minister Santiago Ferrer flew to Santiago. Ferrer said no."
    entities = find_entities(text, datetime.date(2003, 6, 1), gazetteer)
    assert [(m.text, m.ref.name) for m in entities.actors] == [
        ("Santiago Ferrer", "Santiago Ferrer"), ("Ferrer", "Santiago Ferrer")]
    assert [(m.text, m.code) for m in entities.countries] == [("Santiago", "CL")]


@pytest.mark.parametrize("spelling, name", [
    ("Muammar Qadhafi", "Muammar Qaddafi"), ("Gadhafi", "Muammar Qaddafi"), ("Bashar al-Asad", "Bashar al-Assad"),
    ("Emomali Rahmonov", "Emomali Rakhmonov"), ("Stipe Mesic", "Stjepan Mesic"), ("Alija Izetbegovic", "Alija Izetbegović"),
])
def test_transliteration_variants_the_name_key_does_not_join(gazetteer, spelling, name):
    # dh/d, Asad/Assad, Rahmonov/Rakhmonov, a nickname: listed as aliases (namekey joins only regular variants).
    assert [m.ref.name for m in find_actors(f"Yesterday {spelling} said no.", datetime.date(1996, 6, 1), gazetteer)
            if m.ref.known] == [name]
