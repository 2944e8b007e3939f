"""Round 12 (att19): which people an event takes on fresh text. Sentences written for these tests; the people are
the gazetteer's."""
import datetime

from events.extraction.pipeline import extract_article

DAY = datetime.date(2000, 6, 6)  # a Tuesday


def actors_of(text, date_text, gazetteer, day=DAY):
    [mention] = [m for m in extract_article(text, day, gazetteer) if m.date_text == date_text]
    return sorted(a.name for a in mention.actors)


def test_the_two_presidents_are_the_story_pair_not_a_president_named_in_passing(gazetteer):
    # Kuchma is the last president named, once; Clinton and Putin, named again and again, are the two.
    text = ("Bill Clinton ended his visit to Moscow on Monday. Clinton and Vladimir Putin spent Sunday in talks. "
            "Putin told Clinton that Russia would not accept the shield.\n"
            "In Kiev Leonid Kuchma has promised to close the Chernobyl plant before the visit. "
            "The two presidents will see each other again at the G-8 summit on Okinawa in July.")
    assert actors_of(text, "July", gazetteer) == ["Bill Clinton", "Vladimir Putin"]


def test_both_leaders_are_the_most_named_pair_of_two_states(gazetteer):
    # Written otherwise: a prime minister named once between; the guest and his host are named most.
    text = ("Gerhard Schroeder received Vladimir Putin in Berlin on Thursday. Schroeder and Putin talked for "
            "five hours. Putin also saw Schroeder's predecessor at lunch.\n"
            "In Madrid Jose Maria Aznar called the talks useful. "
            "Both leaders are to meet again in Okinawa in July.")
    assert actors_of(text, "July", gazetteer) == ["Gerhard Schroeder", "Vladimir Putin"]


def test_the_two_presidents_after_since_open_a_clause_of_their_own(gazetteer):
    # "since the two presidents met": a conjunction, not a verb, before the pair; the pair is the sentence's two.
    text = ("Jiang Zemin arrived in Moscow on Sunday. On Monday he and Vladimir Putin signed a treaty, the first "
            "step since the two presidents met in Dushanbe in July.")
    assert actors_of(text, "July", gazetteer, datetime.date(2000, 11, 1)) == ["Jiang Zemin", "Vladimir Putin"]


def test_both_presidents_after_until_are_the_sentences_two(gazetteer):
    text = ("Bill Clinton telephoned Vladimir Putin on Tuesday and they spoke for an hour, but nothing was settled "
            "until both presidents met in Okinawa in July.")
    assert actors_of(text, "July", gazetteer, datetime.date(2000, 8, 1)) == ["Bill Clinton", "Vladimir Putin"]
