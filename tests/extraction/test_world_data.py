"""Integrity of the world gazetteer data (events/extraction/data): every sovereign state of 1995-2005
with its news name, demonym and capital; aliases owned by one state unless declared ambiguous."""
import json
from pathlib import Path

import pycountry
import pytest

from events.extraction.entities import DATA_DIR


def load(name):
    return json.loads((Path(DATA_DIR) / name).read_text(encoding="utf-8"))


COUNTRIES = load("countries.json")
PHRASES = load("country_phrases.json")


def iso_code_exists(code):
    # Current codes, or a withdrawn one for the states of the period since dissolved (YU: Yugoslavia).
    return (pycountry.countries.get(alpha_2=code) is not None
            or any(c.alpha_2 == code for c in pycountry.historic_countries))


def test_every_sovereign_state_of_the_period_is_there():
    codes = {c["code"] for c in COUNTRIES}
    # UN members of 1995-2005 by their ISO codes: pycountry's current countries, less territories (not
    # states) and less the three states born after 2005 (Serbia and Montenegro in 2006, South Sudan in
    # 2011), whose land the data gives to Yugoslavia (YU) and Sudan in this period.
    not_states = {"AI", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH", "FK", "FO",
                  "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO", "MP",
                  "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK",
                  "UM", "VG", "VI", "WF", "YT"}
    later = {"ME", "RS", "SS"}
    expected = {c.alpha_2 for c in pycountry.countries} - not_states - later
    assert expected - codes == set()
    assert {"YU", "TW", "VA", "PS"} <= codes  # Yugoslavia; Taiwan, the Holy See, Palestine (as the news names them)
    assert len(codes) == len(COUNTRIES) >= 190


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c["code"])
def test_each_state_has_a_valid_code_a_name_a_demonym_and_a_capital(country):
    assert iso_code_exists(country["code"]), country["code"]
    for key in ("name", "demonym", "capital"):
        assert isinstance(country.get(key), str) and country[key].strip(), (country["code"], key)
    texts = {a["text"]: a["kind"] for a in country["aliases"]}
    ambiguous = PHRASES["ambiguous"]
    # The demonym is matched as this state's adjective, or it is declared ambiguous between this state and
    # another ("Congolese"), or it is the state's own name ("Vatican").
    demonym = country["demonym"]
    assert (texts.get(demonym) == "adjective" or country["code"] in ambiguous.get(demonym, ())
            or country["name"] == demonym or "Papal" in texts), country["code"]
    # The capital is matched as a capital, or is the state's name ("Singapore"), or the note says why not.
    capital = country["capital"]
    assert (texts.get(capital) == "capital" or capital == country["name"]
            or capital.startswith(country["name"]) or "capital not matched" in country.get("note", "")), country


def test_names_are_the_news_names_the_export_contract_uses():
    names = {c["code"]: c["name"] for c in COUNTRIES}
    assert names["RU"] == "Russia" and names["KP"] == "North Korea" and names["KR"] == "South Korea"
    assert names["IR"] == "Iran" and names["US"] == "United States" and names["VN"] == "Vietnam"
    assert names["YU"] == "Yugoslavia" and names["SY"] == "Syria" and names["MD"] == "Moldova"
    assert len(set(names.values())) == len(names)


def test_no_alias_belongs_to_two_states_unless_declared_ambiguous():
    owner = {}
    for country in COUNTRIES:
        for text in [country["name"], *(a["text"] for a in country["aliases"])]:
            assert owner.setdefault(text, country["code"]) == country["code"], (text, owner[text], country["code"])
    kinds = {a["kind"] for c in COUNTRIES for a in c["aliases"]}
    assert kinds <= {"name", "adjective", "capital"}
    for text, codes in PHRASES["ambiguous"].items():
        assert text not in owner, text  # an ambiguous text is no state's alias
        assert len(codes) >= 2 and all(code in {c["code"] for c in COUNTRIES} for code in codes)
    for text, codes in PHRASES["joint"].items():
        assert all(code in {c["code"] for c in COUNTRIES} for code in codes), text


def test_the_first_41_states_keep_their_aliases():
    # The corpus-shaped gazetteer (41 states) is a subset of the world one: no alias was lost.
    by_code = {c["code"]: {a["text"] for a in c["aliases"]} for c in COUNTRIES}
    assert {"Moscow", "Kremlin", "Soviet Union", "USSR", "Russian Federation"} <= by_code["RU"]
    assert {"White House", "State Department", "Pentagon", "U.S.", "Washington"} <= by_code["US"]
    assert {"DPRK", "Pyongyang", "North Korean"} <= by_code["KP"]


def codes(gazetteer, text):
    return [m.code for m in gazetteer.find_countries(text)]


def test_capitals_seats_and_demonyms_of_the_wider_world(gazetteer):
    text = ("Hanoi and Ottawa agreed; Havana objected; the Vietnamese side, Zhongnanhai, the Elysée, "
            "Downing Street and the Blue House were told; Belgrade and Tbilisi replied.")
    assert codes(gazetteer, text) == ["VN", "CA", "CU", "VN", "CN", "FR", "GB", "KR", "YU", "GE"]


def test_ambiguous_names_give_no_state_and_hide_their_parts(gazetteer):
    assert codes(gazetteer, "Congolese rebels and a Dominican envoy") == []
    assert codes(gazetteer, "the Dominican Republic and the Democratic Republic of Congo") == ["DO", "CD"]
    assert codes(gazetteer, "Korean reunification") == []


def test_longer_names_win_over_names_inside_them(gazetteer):
    assert codes(gazetteer, "Papua New Guinea, Guinea-Bissau, Equatorial Guinea and Guinea") == [
        "PG", "GW", "GQ", "GN"]
    assert codes(gazetteer, "the Paris Club and Latin American debtors met in Paris") == ["FR"]
    assert codes(gazetteer, "Bosnian Serb leaders and Serbian police") == ["BA", "YU"]


def test_historical_names_of_the_period(gazetteer):
    assert codes(gazetteer, "Zaire, Burma, Serbia and Montenegro, Swaziland, East Timor") == [
        "CD", "MM", "YU", "SZ", "TL"]


# -- organizations ------------------------------------------------------------------------------
ORGS = load("organizations.json")["organizations"]


def test_organizations_data_integrity():
    codes = {c["code"] for c in COUNTRIES}
    slugs = [o["slug"] for o in ORGS]
    assert len(slugs) == len(set(slugs)) >= 20
    owner = {}
    for org in ORGS:
        assert org["source"] and org["note"] is not None and org["name"]
        for text in [org["name"], *org["aliases"]]:
            assert owner.setdefault(text, org["slug"]) == org["slug"], text  # one organization per alias
        members = [m["country"] for m in org["members"]]
        assert len(members) == len(set(members)), org["slug"]
        for member in org["members"]:
            assert member["country"] in codes, (org["slug"], member)
            if member["start"] and member["end"]:
                assert member["start"] <= member["end"]
    required = {"un", "nato", "eu", "osce", "cis", "sco", "asean", "g8", "g7", "iaea", "opec", "paris-club", "coe",
                "guuam", "csto", "eurasec", "apec", "wto", "imf", "world-bank"}
    assert required <= set(slugs)


def test_organization_mentions_and_the_sentence_organizations(gazetteer):
    text = ("The OSCE Minsk Group met in Vienna. NATO and the European Union disagreed; the Shanghai Five "
            "became the SCO. The Paris Club and the U.N. Security Council agreed.")
    assert [m.slug for m in gazetteer.find_organizations(text)] == [
        "osce", "nato", "eu", "sco", "sco", "paris-club", "un"]
    from events.extraction.pipeline import extract_article

    mentions = extract_article("On Monday, OSCE monitors arrived in Chisinau, the OSCE said. NATO met on Tuesday.",
                               __import__("datetime").date(2001, 3, 1))
    assert [m.organizations for m in mentions] and mentions[0].organizations == ["osce"]
