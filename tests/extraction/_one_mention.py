"""The one mention of a written sentence whose date phrase is `date_text`, extracted as of DAY (shared by the
open-world tests)."""
import datetime

from events.extraction.pipeline import extract_article

DAY = datetime.date(2001, 6, 12)  # a Tuesday


def one(text, gazetteer, date_text):
    [mention] = [m for m in extract_article(text, DAY, gazetteer) if m.date_text == date_text]
    return mention


def countries_of(text, day, date_text, gazetteer) -> set:
    """The states of the one mention dated by `date_text`, extracted as of `day`."""
    [mention] = [m for m in extract_article(text, day, gazetteer) if m.date_text == date_text]
    return set(mention.countries)


def actors_of(text, day, date_text, gazetteer=None) -> set:
    """The names of the people of the one mention dated by `date_text`, extracted as of `day`."""
    [mention] = [m for m in extract_article(text, day, gazetteer) if m.date_text == date_text]
    return {actor.name for actor in mention.actors}
