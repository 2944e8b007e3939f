"""Gazetteer data and entity finding: countries (metonymy, compounds), actors (variants, coreference,
office holders, unknown persons by title), topics."""
import datetime
import json
from pathlib import Path

import pycountry
import pytest

from events.extraction.citations import find_attributions
from events.extraction.entities import DATA_DIR, Gazetteer, find_actors, find_entities
from events.extraction.sentences import sentence_at, split_sentences
from tests.extraction._monitor_articles import load_article

DAY = datetime.date(2000, 7, 5)


def load(name):
    return json.loads((Path(DATA_DIR) / name).read_text(encoding="utf-8"))


def codes(gazetteer, text):
    return [m.code for m in gazetteer.find_countries(text)]


def actor_names(gazetteer, text, day=DAY):
    return [m.ref.name for m in find_actors(text, day, gazetteer)]


# -- the data files ---------------------------------------------------------------------------
def test_actor_data_shape_dates_and_countries():
    countries = {c["code"] for c in load("countries.json")}
    actors = load("actors.json")
    assert len({a["name"] for a in actors}) == len(actors)
    for actor in actors:
        assert {"name", "aliases", "country", "roles"} <= set(actor) <= {"name", "aliases", "country", "roles",
                                                                         "source", "description"}
        assert actor["country"] is None or actor["country"] in countries
        assert actor["name"] in actor["aliases"] and len(set(actor["aliases"])) == len(actor["aliases"])
        for role in actor["roles"]:
            assert {"title", "country", "start", "end"} <= set(role) <= {"title", "country", "start", "end", "note"}
            assert role["country"] is None or role["country"] in countries
            start = datetime.date.fromisoformat(role["start"]) if role["start"] else None
            end = datetime.date.fromisoformat(role["end"]) if role["end"] else None
            assert not (start and end) or start <= end, (actor["name"], role)


def test_topic_data_shape_and_slugs_unique():
    topics = load("topics.json")
    assert len({t["slug"] for t in topics}) == len(topics)
    assert {"Military cooperation", "Nuclear energy", "Korean peninsula", "Sanctions"} <= {t["name"] for t in topics}
    for topic in topics:
        assert set(topic) == {"name", "slug", "keywords"} and topic["keywords"]
        # TopicKeyword is unique per (topic, text).
        assert len({k.lower() for k in topic["keywords"]}) == len(topic["keywords"])


def test_gazetteer_from_plain_dicts_as_the_django_side_builds_it():
    gazetteer = Gazetteer(
        countries=[{"code": "RU", "name": "Russia", "aliases": [{"text": "Moscow", "kind": "capital"},
                                                                {"text": "Russian", "kind": "adjective"}]}],
        actors=[{"name": "Ivan Testov", "aliases": ["Testov"], "country": "RU",
                 "roles": [{"title": "President of Russia", "country": "RU", "start": "2000-01-01", "end": None}]}],
        topics=[{"name": "Trade", "slug": "trade", "keywords": ["grain"]}],
    )
    entities = find_entities("Moscow said Testov sold grain. The Russian president agreed.", DAY, gazetteer)
    assert [m.code for m in entities.countries] == ["RU", "RU"]
    assert [m.ref.name for m in entities.actors] == ["Ivan Testov", "Ivan Testov"]
    assert entities.actors[0].ref.title == "President of Russia"
    assert [m.name for m in entities.topics] == ["Trade"]


# -- countries ----------------------------------------------------------------------------------
def test_compound_adjectives_yield_both_countries(gazetteer):
    assert codes(gazetteer, "a Russian-U.S. summit") == ["RU", "US"]
    assert codes(gazetteer, "bilateral Russian-North Korean ties") == ["RU", "KP"]


def test_north_korean_is_not_south_korea_and_the_peninsula_is_no_country(gazetteer):
    assert codes(gazetteer, "the North Korean leader") == ["KP"]
    assert codes(gazetteer, "talks on the Korean peninsula") == []
    assert codes(gazetteer, "North and South Korea met") == ["KP", "KR"]


def test_capitals_and_seats_of_power_stand_for_their_state(gazetteer):
    text = ("Moscow announced, the Kremlin agreed, the Pentagon and the State Department objected; "
            "Pyongyang, Seoul, Tehran")
    assert codes(gazetteer, text) == ["RU", "RU", "US", "US", "KP", "KR", "IR"]


def test_newspapers_and_currency_are_not_countries(gazetteer):
    assert codes(gazetteer, "the Washington Times wrote of US$7-8 billion") == []


def test_a_church_named_after_its_rite_is_not_the_rites_country(gazetteer):
    # The Greek Catholic (Uniate) church of western Ukraine has nothing to do with Greece; the state is named by
    # "Ukrainian", and a Greek minister is still Greece's.
    assert codes(gazetteer, "the Ukrainian Greek Catholic church and its Greek-Catholic faithful") == ["UA"]
    assert codes(gazetteer, "Greek Orthodox priests") == []
    assert codes(gazetteer, "the Greek foreign minister") == ["GR"]


def test_soviet_alone_is_not_a_country_but_the_soviet_union_is_russia(gazetteer):
    assert codes(gazetteer, "its Soviet-era ties") == []
    assert codes(gazetteer, "a pact with the Soviet Union") == ["RU"]


# -- actors -------------------------------------------------------------------------------------
def test_spelling_variants_are_one_actor(gazetteer):
    text = "Kim Dae Jung met Kim Dae-jung and Kim Dae-Jung. Marshal Sergeyev met Sergeev."
    assert actor_names(gazetteer, text) == ["Kim Dae-jung"] * 3 + ["Igor Sergeev"] * 2


def test_shared_surname_goes_to_the_most_recently_named_bearer(gazetteer):
    text = ("Foreign Minister Igor Ivanov flew home. Security Council Secretary Sergei Ivanov spoke. "
            "Later Ivanov left.")
    assert actor_names(gazetteer, text) == ["Igor Ivanov", "Sergei Ivanov", "Sergei Ivanov"]


def test_a_bare_shared_surname_with_no_earlier_bearer_is_dropped(gazetteer):
    assert actor_names(gazetteer, "Ivanov said nothing.") == []


def test_bare_kim_is_the_most_recent_kim(gazetteer):
    text = "Kim Jong-il waited. Kim Dae-jung arrived. Kim smiled."
    assert actor_names(gazetteer, text) == ["Kim Jong-il", "Kim Dae-jung", "Kim Dae-jung"]


def test_bare_kim_is_the_bearer_in_play_the_article_mentions_most(gazetteer):
    # Kim Jong-il is named three times (the article's topic); Kim Dae-jung then closes the previous
    # sentence as a side figure. "Kim" alone, with both in play, is the topic's Kim: a writer who
    # names one Kim in full each time and the other by the bare surname means the latter.
    text = ("Kim Jong-il waited. The North Korean leader hesitated. Kim Jong-il delayed the process "
            "launched by Kim Dae-jung. But Kim put off the talks.")
    assert actor_names(gazetteer, text) == ["Kim Jong-il", "Kim Jong-il", "Kim Jong-il", "Kim Dae-jung",
                                            "Kim Jong-il"]
    # Far from any other Kim (beyond the window), the most recently named Kim keeps the bare surname.
    text = "Kim Jong-il waited. " + "Nothing else happened that day in the region. " * 8 + (
        "Kim Dae-jung arrived. Kim smiled.")
    assert actor_names(gazetteer, text) == ["Kim Jong-il", "Kim Dae-jung", "Kim Dae-jung"]


@pytest.mark.parametrize("day, expected", [
    (datetime.date(1999, 6, 1), "Boris Yeltsin"),  # before his resignation on 31 December 1999
    (datetime.date(2000, 3, 1), "Vladimir Putin"),  # acting president from 31 December 1999
    (datetime.date(2001, 2, 13), "Vladimir Putin"),
])
def test_the_russian_president_is_whoever_held_the_office_on_the_issue_date(gazetteer, day, expected):
    assert actor_names(gazetteer, "Officials said the Russian president would travel.", day) == [expected]


def test_the_us_president_changes_on_inauguration_day(gazetteer):
    text = "The talks pleased the American president."
    assert actor_names(gazetteer, text, datetime.date(2001, 1, 10)) == ["Bill Clinton"]
    assert actor_names(gazetteer, text, datetime.date(2001, 2, 1)) == ["George W. Bush"]


def test_a_titled_person_not_in_the_gazetteer_is_an_unknown_actor(gazetteer):
    mentions = find_actors("They met North Korean ambassador Chol Su Ryang in Moscow.", DAY, gazetteer)
    [mention] = mentions
    assert mention.ref.name == "Chol Su Ryang"
    assert (mention.ref.known, mention.ref.country, mention.ref.title) == (False, "KP", "ambassador")


def test_unknown_actor_after_possessive_title_and_comma(gazetteer):
    [mention] = find_actors("He saw Japan\u2019s ambassador to Russia, Taro Yamadaki, on Monday.", DAY, gazetteer)
    assert (mention.ref.name, mention.ref.country, mention.ref.known) == ("Taro Yamadaki", "JP", False)
    assert mention.ref.title == "ambassador to Russia"


def test_unknown_actor_with_title_after_the_name_gets_the_country_inside_the_title(gazetteer):
    [mention] = find_actors("According to Pavel Ostrov, deputy director of the Russian arms agency, talks went well.",
                            DAY, gazetteer)
    assert mention.ref.name == "Pavel Ostrov" and mention.ref.country == "RU"
    assert mention.ref.title.startswith("deputy director of the Russian")


def test_a_known_actor_with_a_title_is_known(gazetteer):
    [mention] = find_actors("Deputy Prime Minister Ilya Klebanov told reporters.", DAY, gazetteer)
    assert mention.ref.known and mention.ref.name == "Ilya Klebanov" and mention.ref.country == "RU"
    assert mention.ref.title == "Deputy Prime Minister of Russia"


def test_a_place_after_a_title_word_is_no_person(gazetteer):
    assert actor_names(gazetteer, "It was the first step toward breaking North Korea\u2019s isolation.") == []


def test_administration_is_not_its_president(gazetteer):
    assert actor_names(gazetteer, "The Bush administration and the Clinton administration disagreed.") == []


# -- topics -------------------------------------------------------------------------------------
def test_topic_keywords_match_case_insensitively_on_word_edges(gazetteer):
    found = [m.name for m in gazetteer.find_topics("ARMS SALES resumed; a Non-Proliferation pact; trademarks")]
    assert found == ["Military cooperation", "Missile defense and arms control"]


# -- the corpus ---------------------------------------------------------------------------------
def article_entities(gazetteer, volume, issue):
    body, anchor = load_article(volume, issue)
    masked = [(a.start, a.end) for a in find_attributions(body)]
    return body, split_sentences(body), find_entities(body, anchor, gazetteer, masked)


def names_in_sentence(body, sentences, entities, phrase):
    sentence = sentence_at(sentences, body.index(phrase))
    return [m.ref.name for m in entities.actors_in(sentence.start, sentence.end)]


def test_corpus_vol7_no1_talks_sentence_actors(gazetteer):
    body, sentences, entities = article_entities(gazetteer, 7, 1)
    # The sentence names Shamkhani (with his rank) and then Sergeev by surname alone: both known. The "his"
    # of "with his Iranian counterpart" before them is Sergeev's (the subject of the sentence before,
    # anaphora), so Sergeev comes first too.
    assert names_in_sentence(body, sentences, entities, "Following talks on December 28") == [
        "Igor Sergeev", "Ali Shamkhani", "Igor Sergeev"]
    # "He said that Moscow and Tehran had agreed ...", the next sentence: the subject before, Sergeev (not
    # Shamkhani, named first but inside "with his Iranian counterpart, ...").
    he = [m for m in entities.actors if m.text == "He" and body[m.start:m.start + 8] == "He said "]
    assert [m.ref.name for m in he][:1] == ["Igor Sergeev"]


def test_corpus_vol7_no30_sergei_ivanov_and_the_russian_leader(gazetteer):
    body, sentences, entities = article_entities(gazetteer, 7, 30)
    # "Security Council Secretary Sergei Ivanov" is Sergei, not the foreign minister Igor Ivanov.
    assert "Sergei Ivanov" in names_in_sentence(body, sentences, entities, "in Munich last week")
    # The last sentence's "the Russian leader" is the president on 13 February 2001: Putin.
    last = sentences[-1]
    offices = [m for m in entities.actors_in(last.start, last.end) if m.text.lower() == "the russian leader"]
    assert [m.ref.name for m in offices] == ["Vladimir Putin"]
    # "Putin and Kim will discuss": the only Kim named before is Kim Jong-il.
    assert names_in_sentence(body, sentences, entities, "Putin and Kim will discuss") == [
        "Vladimir Putin", "Kim Jong-il"]


def test_corpus_vol6_no114_north_korean_ambassador_is_unknown_with_country(gazetteer):
    body, sentences, entities = article_entities(gazetteer, 6, 114)
    unknown = {m.ref for m in entities.actors if not m.ref.known}
    # "North Korean ambassador Pak Ui Chun": not in the gazetteer; country from the adjective.
    assert any(ref.name == "Pak Ui Chun" and ref.country == "KP" and ref.title == "ambassador" for ref in unknown)
    # The later bare "Pak" ("Mamedov and Pak had discussed") is the same person.
    assert "Pak Ui Chun" in names_in_sentence(body, sentences, entities, "Mamedov and Pak had")


def test_corpus_vol6_no129_ambassador_after_comma_and_bare_ivanov(gazetteer):
    body, sentences, entities = article_entities(gazetteer, 6, 129)
    # "South Korea's ambassador to Russia, Jai-chun Lee": unknown, South Korean by the possessive.
    refs = [m.ref for m in entities.actors if m.ref.name == "Jai-chun Lee"]
    assert refs and refs[0].country == "KR" and not refs[0].known
    # "He and Ivanov reportedly discussed": the article named only Foreign Minister Igor Ivanov.
    assert "Igor Ivanov" in names_in_sentence(body, sentences, entities, "He and Ivanov reportedly")
    # No actor or country comes from inside a source attribution such as "(The Korea Herald, July 3; ...)".
    attributions = find_attributions(body)
    for mention in [*entities.actors, *entities.countries]:
        assert not any(a.start <= mention.start < a.end for a in attributions)


def test_organisations_after_a_title_word_are_no_persons(gazetteer):
    assert actor_names(gazetteer, "Shares of General Motors Corp fell.") == []


def test_names_with_inner_capitals_and_dotted_titles(gazetteer):
    [mention] = find_actors("White House spokesman Mike McTavish said so.", DAY, gazetteer)
    assert (mention.ref.name, mention.ref.known) == ("Mike McTavish", False)
    [mention] = find_actors("Said Norman Schwarzkopf, commander of U.S. forces, on Friday.", DAY, gazetteer)
    assert mention.ref.title == "commander of U.S. forces" and mention.ref.country == "US"


def test_corpus_vol6_no114_russian_us_summit_is_two_countries(gazetteer):
    body, sentences, entities = article_entities(gazetteer, 6, 114)
    # A week after "a Russian-U.S. summit" held in Moscow, talks in Pyongyang between the South Korean
    # president and Kim Jong-il: Russia and the United States from the compound,
    # Russia again from Moscow, North Korea from Pyongyang, South Korea from the adjective.
    sentence = sentence_at(sentences, body.index("Russian-U.S. summit meeting"))
    found = [m.code for m in entities.countries_in(sentence.start, sentence.end)]
    assert found == ["RU", "US", "RU", "KP", "KR", "KP"]
