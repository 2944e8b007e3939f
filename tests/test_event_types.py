"""The event-type registry on the Django side: the model's choices, linking's families and the pages'
"met most often" all come from events/extraction/data/event_types.json."""
import pytest
from django.core.management import call_command

from events import selectors
from events.extraction.event_types import default_registry
from events.models import EventType
from events.services.threads import families_match, separate_encounters
from tests import factories as f


def test_the_model_choices_are_the_registry():
    default_registry().check_choices(EventType.choices)


@pytest.mark.django_db
def test_the_migrations_have_the_registry_choices():
    """A type added to the registry needs a migration; this fails until it is written."""
    call_command("makemigrations", "events", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("a, b, expected", [
    ("visit", "summit", True),  # one family: encounters
    ("agreement", "nuclear", True),  # cooperation
    ("visit", "agreement", False),
    ("statement", "letter", True),  # communications
    ("postponement", "visit", True),  # a postponement puts off a postponable happening
    ("agreement", "postponement", True),
    ("postponement", "postponement", True),
    ("postponement", "letter", False),  # letters are not put off
    ("postponement", "protest", False),
])
def test_linking_families_come_from_the_registry(a, b, expected):
    assert families_match(a, b) is expected


def test_only_encounters_on_near_days_with_different_counterparts_stay_apart():
    import datetime as dt

    class Mention:
        def __init__(self, event_type):
            self.event_type, self.date_start, self.date_end = event_type, dt.date(2000, 12, 28), dt.date(2000, 12, 28)

    thread = {"date_start": dt.date(2000, 12, 27), "date_end": dt.date(2000, 12, 27), "actors": {1, 2}}
    assert separate_encounters(Mention("meeting"), {1, 3}, thread)
    # An agreement is a joint act, not an encounter: near days with different names may be one deal.
    assert not separate_encounters(Mention("agreement"), {1, 3}, thread)


@pytest.mark.django_db
def test_met_most_often_counts_encounters_and_agreements_not_letters():
    putin, kim, bush, blair = (f.actor(n) for n in ("Vladimir Putin", "Kim Jong Il", "George W. Bush", "Tony Blair"))
    f.event(actors=[putin, kim], event_type="agreement")
    f.event(actors=[putin, bush], event_type="visit")
    f.event(actors=[putin, blair], event_type="letter")
    f.event(actors=[putin, blair], event_type="statement")
    assert [a.name for a in selectors.actors_met_by_actor(putin)] == ["George W. Bush", "Kim Jong Il"]
