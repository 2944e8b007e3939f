"""Issue 11, twelfth round (trig19): which happenings are found and their type. Sentences are our own. DAY is
Tuesday, June 12, 2001."""
import pytest

from tests.extraction._one_mention import one


@pytest.mark.parametrize("text, date_text", [
    # a schedule verb names the visit, "there" as well as "in": the tense forms built by construction
    ("Miller accepted an invitation to Moscow and is expected there in the autumn.", "the autumn"),
    ("The Greek premier took up the invitation and is due there early next year.", "early next year"),
    ("The two chancellors were expected there on Friday, but the fog kept them in Bonn.", "Friday"),
])
def test_expected_there_is_a_visit(gazetteer, text, date_text):
    mention = one(text, gazetteer, date_text)
    assert mention.event_type == "visit"


@pytest.mark.parametrize("text, date_text, event_type", [
    # an organization's own meeting of its leaders is a summit, whatever word names it
    ("Putin and Obuchi will see each other again at the APEC leaders' meeting in Auckland in September.",
     "September", "summit"),
    ("Ivanov said the G-8 meeting in Cologne in June would take up the debt.", "June", "summit"),
    ("Moscow is busy with the Shanghai Five, whose leaders meet in Bishkek next week with Kazakhstan's blessing.",
     "next week", "summit"),
    # its ministers or officials meeting stay a meeting
    ("Kasyanov will raise the debt when the finance ministers of the G-8 meet in Rome on Friday.", "Friday",
     "meeting"),
    ("Ivanov will see Albright at the NATO foreign ministers' meeting in Florence on Wednesday.", "Wednesday",
     "meeting"),
])
def test_an_organizations_meeting_of_leaders_is_a_summit(gazetteer, text, date_text, event_type):
    assert one(text, gazetteer, date_text).event_type == event_type


@pytest.mark.parametrize("text, date_text, event_type", [
    # a summit named as the venue of the clause's happening is not what the date dates
    ("Koizumi and Putin met for forty minutes on the sidelines of the APEC summit in Shanghai on Sunday.", "Sunday",
     "meeting"),
    ("Kuchma and Lukashenko will meet on the margins of the CIS summit in Minsk on Friday.", "Friday", "meeting"),
    # a summit told as such is still one
    ("Kuchma and Lukashenko will attend the CIS summit in Minsk on Friday.", "Friday", "summit"),
])
def test_a_summit_named_as_the_venue_does_not_type_the_date(gazetteer, text, date_text, event_type):
    assert one(text, gazetteer, date_text).event_type == event_type


@pytest.mark.parametrize("text, date_text, event_type", [
    # more than two leaders, or an organization's, meeting: a summit (numbers by construction, three and more)
    ("The six presidents agreed to meet again in Dushanbe next year.", "next year", "summit"),
    ("NATO's leaders, meeting in Washington on April 24, admitted no new members.", "April 24", "summit"),
    ("The leaders of the Shanghai Five, meeting in Dushanbe on July 5, condemned separatism.", "July 5", "summit"),
    # two leaders meeting stay a meeting
    ("The two presidents agreed to meet again in Kyiv next year.", "next year", "meeting"),
])
def test_a_meeting_of_a_group_of_leaders_is_a_summit(gazetteer, text, date_text, event_type):
    assert one(text, gazetteer, date_text).event_type == event_type


@pytest.mark.parametrize("text, date_text, event_type", [
    # a reception of a person in the reporting verb's clause is the happening
    ("The same day Kuchma received the Polish guest and told him that Ukraine wanted the pipeline.", "The same day",
     "meeting"),
    ("Putin, who had received Yasser Arafat in early May, urged his guest to talk to the Israelis.", "early May",
     "meeting"),
    ("Karimov arrived late on Sunday and was welcomed the next morning in the Kremlin's Catherine Hall.",
     "the next morning", "meeting"),
    # a statement receiving nothing is still one
    ("The same day Kuchma told reporters that Ukraine had received the first tranche.", "The same day",
     "statement"),
])
def test_a_reception_of_a_person_types_the_date_a_meeting(gazetteer, text, date_text, event_type):
    assert one(text, gazetteer, date_text).event_type == event_type


@pytest.mark.parametrize("text, date_text", [
    # every form of "fly to/home" and "come back" is a journey, by construction
    ("Akayev, who had flown to Yerevan the day before, told reporters that the force was ready.", "the day before"),
    ("Najib came back on Friday from Moscow and told reporters that the Russians had promised a service center.",
     "Friday"),
])
def test_every_form_of_a_journey_verb_is_a_visit(gazetteer, text, date_text):
    assert one(text, gazetteer, date_text).event_type == "visit"
