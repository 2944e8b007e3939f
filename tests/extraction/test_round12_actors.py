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


def test_a_predecessor_named_through_his_successor_leaves_the_successor_out(gazetteer):
    # "Kasyanov's predecessor, Stepashin": Kasyanov is named only to say whose predecessor met Clinton.
    text = ("Kasyanov's predecessor, Sergei Stepashin, had met Bill Clinton in Washington in July 1999.")
    assert actors_of(text, "July 1999", gazetteer, datetime.date(2000, 6, 6)) == ["Bill Clinton", "Sergei Stepashin"]


def test_his_predecessor_is_no_mention_of_him(gazetteer):
    text = ("Junichiro Koizumi took office in April. His predecessor, Yoshiro Mori, had met Vladimir Putin at "
            "Irkutsk in March.")
    assert actors_of(text, "March", gazetteer, datetime.date(2001, 7, 10)) == ["Vladimir Putin", "Yoshiro Mori"]


def test_a_chief_of_staff_acts_for_his_president_not_with_him(gazetteer):
    text = ("The German ambassador was received by Putin's chief of staff, Aleksandr Voloshin, on Tuesday.")
    assert actors_of(text, "Tuesday", gazetteer, datetime.date(2000, 10, 27)) == ["Aleksandr Voloshin"]


def test_a_person_named_in_what_a_statement_says_is_not_its_speaker(gazetteer):
    # (the apposition leaves the clause of "said" naming nobody: the sentence's people stood in for its speaker)
    text = ("Not every Czech was convinced. Vaclav Klaus, the former prime minister who now leads the Civic "
            "Democrats, said on Friday that Prague should ask Putin for guarantees.")
    assert actors_of(text, "Friday", gazetteer, datetime.date(2001, 3, 5)) == ["Vaclav Klaus"]


def test_unnamed_speakers_about_a_person_have_no_actors(gazetteer):
    text = ("Gerhard Schroeder flew home to Berlin on Thursday. "
            "The opposition Christian Democrats said on Friday that he had been too soft on Chechnya.")
    assert actors_of(text, "Friday", gazetteer, datetime.date(2001, 3, 5)) == []


def test_the_visitor_a_host_receives_is_the_one_who_arrived_not_his_last_host(gazetteer):
    # Aznar is named last of a state other than Schroeder's, but Putin is the one told as arriving.
    text = ("Vladimir Putin arrived in Berlin on Thursday morning from Madrid, where he had spent two days with "
            "Jose Maria Aznar. Gerhard Schroeder received the visitor at the chancellery at noon.")
    assert actors_of(text, "noon", gazetteer, datetime.date(2000, 6, 17)) == ["Gerhard Schroeder", "Vladimir Putin"]


def test_the_guest_of_a_host_after_an_arrival_from_a_third_capital(gazetteer):
    text = ("Jiang Zemin landed in Moscow on Monday after two days in Kiev with Leonid Kuchma. "
            "On Tuesday Vladimir Putin welcomed the guest in the Kremlin.")
    assert actors_of(text, "Tuesday", gazetteer, datetime.date(2000, 7, 20)) == ["Jiang Zemin", "Vladimir Putin"]


def test_received_in_the_kremlin_by_the_president_is_the_hosts_president(gazetteer):
    # Jiang is the last president named (the guest's own); the Kremlin's president is Russia's.
    text = ("Hu Jintao, China's vice-president, brought a letter from Jiang Zemin. "
            "On Monday the guest was received in the Kremlin by the president for two hours of talks.")
    assert actors_of(text, "Monday", gazetteer, datetime.date(2001, 11, 1)) == ["Hu Jintao", "Vladimir Putin"]



def test_a_later_clause_opening_on_a_named_person_keeps_its_people(gazetteer):
    # Tang's wish is his own clause (", and Tang Jiaxuan hopes ..."): not a party of the two presidents' meeting.
    text = ("Jiang Zemin and Vladimir Putin are to have their first meeting at the APEC summit in Brunei later this "
            "month, and Tang Jiaxuan hopes to see Igor Ivanov in Hanoi on July 25.")
    assert actors_of(text, "later this month", gazetteer, datetime.date(2000, 11, 2)) == ["Jiang Zemin",
                                                                                          "Vladimir Putin"]
