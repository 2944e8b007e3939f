"""Fixtures shared by the extraction tests."""
import pytest

from events.extraction.entities import default_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    """The packaged gazetteer (events/extraction/data), as the pipeline uses it by default."""
    return default_gazetteer()
