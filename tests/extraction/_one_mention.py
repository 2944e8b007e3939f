"""The one mention of a written sentence whose date phrase is `date_text`, extracted as of DAY (shared by the
open-world tests)."""
import datetime

from events.extraction.pipeline import extract_article

DAY = datetime.date(2001, 6, 12)  # a Tuesday


def one(text, gazetteer, date_text):
    [mention] = [m for m in extract_article(text, DAY, gazetteer) if m.date_text == date_text]
    return mention
