import pytest
from django.db import connection

from events.models import Issue


@pytest.mark.django_db
def test_runs_on_the_configured_database():
    import os

    mode = os.environ.get("MONITOR_TEST_DB", "postgres")
    expected = {"postgres": "postgresql", "sqlite": "sqlite"}.get(mode)
    if expected:
        assert connection.vendor == expected
    Issue.objects.create(volume=7, number=1, date="2001-01-02")
    assert Issue.objects.count() == 1
