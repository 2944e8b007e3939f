"""people._given_and_surname (the given-name trie) finds exactly the matches of the plain _GIVEN_AND_SURNAME whose
given name (a hyphenated one's first part) is the gazetteer's: a speed change that must not change which persons are found."""
import pytest

from events.extraction.entities.people import _GIVEN_AND_SURNAME, _given_and_surname

TEXTS = [
    "Vladimir Putin pardoned Edmond Pope on Wednesday, and Frank Judd went home.",
    "Mark Twain Street is long. Ivanov Petrov Sidorov met Boris Yeltsin and Hillary Clinton.",
    "Moscow Vladimir Putin said; Jean-Pierre Dupont and Igor O'Brien-Smith were there; Andrei de Souza too.",
    "Sergei Ivanov's aide, Viktor Komardin, and Borislav Milošević met Igor Ivanov-Petrov in Kiev.",
    "The A.Leonid Kuchma case: Leonid Kuchma, Leonid, Kuchma Leonid Kuchma, Yevgeny Primakov Street.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_trie_finds_the_plain_matches_with_a_known_given_name(gazetteer, text):
    given = gazetteer.given_names()
    plain = [m.span() for m in _GIVEN_AND_SURNAME.finditer(text) if m.group("given").split("-")[0] in given]
    assert [m.span() for m in _given_and_surname(gazetteer).finditer(text)] == plain


def test_the_trie_keeps_names_and_drops_other_capitalized_words(gazetteer):
    found = [m.group() for m in _given_and_surname(gazetteer).finditer(TEXTS[0])]
    assert found == ["Vladimir Putin", "Edmond Pope", "Frank Judd"]
