"""find_attributions: source citations and cross-references in brackets, on sentences written for the test."""
import time
from pathlib import Path

import pytest

from events.extraction.citations import CITATION, CROSSREF, Attribution, CitedDate, find_attributions

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "monitor"


def spans(text):
    return [(a.kind, text[a.start:a.end]) for a in find_attributions(text)]


def days(attribution):
    return [(d.month, d.day, d.day_end, d.year) for d in attribution.dates]


@pytest.mark.parametrize("bracket, expected_sources, expected_days", [
    ("(AFP, Reuters, December 28)", ("AFP", "Reuters"), [(12, 28, None, None)]),
    ("(AFP, December 28-29)", ("AFP",), [(12, 28, 29, None)]),
    ("(Reuters, June 26)", ("Reuters",), [(6, 26, None, None)]),
    ("(ABCnews.com, December 29)", ("ABCnews.com",), [(12, 29, None, None)]),
    ("(Kyodo, April 16, 20)", ("Kyodo",), [(4, 16, None, None), (4, 20, None, None)]),
    ("(Tass, May 3 and 5)", ("Tass",), [(5, 3, None, None), (5, 5, None, None)]),
    ("(Itar-Tass, Dec. 3–4)", ("Itar-Tass",), [(12, 3, 4, None)]),
    ("(Interfax, March 2, 1999)", ("Interfax",), [(3, 2, None, 1999)]),
    ("(UPI, June 30-July 2)", ("UPI",), [(6, 30, None, None), (7, 2, None, None)]),
])
def test_single_source_citations(bracket, expected_sources, expected_days):
    text = f"The minister spoke to the press {bracket}. Then he left."
    [found] = find_attributions(text)
    assert found.kind == CITATION
    assert text[found.start:found.end] == bracket
    assert found.sources == expected_sources
    assert days(found) == expected_days


def test_several_agencies_with_dates_each():
    text = "Talks went well (The Daily Paper, June 30, July 3; UPI, AP, Local agencies, June 28)."
    [found] = find_attributions(text)
    assert found.sources == ("The Daily Paper", "UPI", "AP", "Local agencies")
    assert days(found) == [(6, 30, None, None), (7, 3, None, None), (6, 28, None, None)]


def test_date_offsets_point_at_the_date_text():
    text = "A quiet week (Wire One, April 16, 20; Wire Two, April 17)."
    [found] = find_attributions(text)
    assert [text[d.start:d.end] for d in found.dates] == ["April 16", "20", "April 17"]


def test_crossrefs_with_and_without_year():
    text = "As noted before (see the Monitor, January 25). And earlier still (see the Monitor, August 30, 2000)."
    first, second = find_attributions(text)
    assert (first.kind, days(first)) == (CROSSREF, [(1, 25, None, None)])
    assert (second.kind, days(second)) == (CROSSREF, [(8, 30, None, 2000)])
    assert text[second.start:second.end] == "(see the Monitor, August 30, 2000)"
    assert first.sources == ("see the Monitor",)


def test_mixed_group_splits_into_citation_then_crossref():
    text = "A deal may follow (Reuters, February 11; Local agencies, February 12; see the Monitor, January 2)."
    citation, crossref = find_attributions(text)
    assert citation.kind == CITATION and crossref.kind == CROSSREF
    assert text[citation.start:citation.end] == "(Reuters, February 11; Local agencies, February 12"
    assert text[crossref.start:crossref.end] == "see the Monitor, January 2)"
    assert days(citation) == [(2, 11, None, None), (2, 12, None, None)]
    assert days(crossref) == [(1, 2, None, None)]


@pytest.mark.parametrize("prose", [
    "(a reference, presumably, to the older treaty)",
    "(should they actually come off)",
    "(as well as a second plant in the south)",
    "(albeit without much success)",
    "(the talks were held June 9)",          # a date, but no "SOURCE, DATE" shape
    "(as he said, on June 9)",               # lower-case "source"
    "(Reuters)",                             # a source with no date dates nothing
    "(Reuters, June 31)",                    # no such day
    "(Reuters, June 9; and then some more)",  # every segment must be an attribution
    "(He said so. Reuters, June 9)",         # a sentence is not a source name
])
def test_ordinary_parentheticals_are_not_attributions(prose):
    assert find_attributions(f"The minister spoke {prose} at length.") == []


def test_curly_apostrophe_in_source_and_text_offsets_are_characters():
    text = "“Quoted” words–and more (Kommersant’ Daily, January 5)."
    [found] = find_attributions(text)
    assert text[found.start] == "(" and text[found.end - 1] == ")"
    assert found.sources == ("Kommersant’ Daily",)


def test_result_types_are_frozen():
    [found] = find_attributions("x (AFP, May 1)")
    assert isinstance(found, Attribution) and isinstance(found.dates[0], CitedDate)
    with pytest.raises(AttributeError):
        found.start = 0


def test_pathological_input_stays_fast():
    # Long runs of brackets, commas and digits must not make the patterns backtrack.
    nasty = "(" + "AFP, 1, " * 20000 + "x" + "(" * 50000 + ", 12" * 20000
    began = time.perf_counter()
    find_attributions(nasty)
    assert time.perf_counter() - began < 2.0


def test_corpus_issue_of_january_cites_only_december_dates():
    # 004_*.txt is Vol 7 No 1; a careful reader sees six attributions, all to December 27-29
    # with no year, and no cross-reference; the one prose parenthetical ("a reference, ...") is not one.
    text = (CORPUS / "004_fe5675aafdfdfcf7.txt").read_text(encoding="utf-8")
    found = find_attributions(text)
    assert len(found) == 6
    assert {a.kind for a in found} == {CITATION}
    assert {d.month for a in found for d in a.dates} == {12}
    assert {d.day for a in found for d in a.dates} == {27, 28, 29}
