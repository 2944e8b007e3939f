"""One normalized key per personal name, so that spelling and transliteration variants meet.

    name_key("Gerhard Schröder") == name_key("Gerhard Schroeder") == "gerhardschroder"
    name_key("Kim Jong Il") == name_key("Kim Jong-il") == name_key("KIM JONG-IL") == "kimjongil"
    name_key("Sergeyev") == name_key("Sergeev") == "sergev"
    name_key("Yeltsin") == name_key("El'tsin") == name_key("Ельцин") == "eltsin"

Pure Python, no Django. Used by
  * extraction (events.extraction.entities): gazetteer aliases are indexed by this key, so a variant
    the gazetteer does not list ("Nazarbaev" for "Nazarbayev", "Schröder" for "Schroeder") still finds
    the actor, and unknown persons found by title are merged by the key of their surname;
  * the database: Actor.name_key (indexed) holds name_key(Actor.name), ActorAlias.name_key the key of
    each alias, written whenever the row is saved (Actor.save / ActorAlias.save, the gazetteer sync and the
    extraction service's bulk inserts). The timeline's text search and the actor filter can compare
    `name_key(query)` with `name_key__contains` (the key has no spaces, so a surname's key is a substring
    of the full name's key: "Schroeder" finds "Gerhard Schröder").

The key, step by step (each step one line below):
  1. Cyrillic letters are transliterated (a small Russian/Ukrainian/Belarusian table);
  2. letters lose their diacritics (NFKD, combining marks dropped), and the letters NFKD leaves alone
     are spelled out: ß -> ss, æ -> ae, œ -> oe, ø -> o, ł -> l, đ/ð -> d, þ -> th, ı -> i;
  3. lower case; everything that is not a letter a-z goes (spaces, hyphens, apostrophes, soft signs,
     dots), so "Kim Jong Il", "Kim Jong-il" and "Kim Jongil" meet;
  4. German umlauts spelled with e meet the plain vowel: oe -> o, ue -> u ("Schroeder" = "Schröder" =
     "Schroder"); not ae, which Korean romanisation needs ("Paek" is not "Pak");
  5. x -> ks ("Aleksei" = "Alexei");
  6. Russian transliteration of е/ё/я/ю/й: a y between two vowels goes ("Sergeyev" = "Sergeev",
     "Nazarbayev" = "Nazarbaev", "Aliyev" = "Aliev"); a y between a consonant and a vowel is i
     ("Kocharyan" = "Kocharian", "Kasyanov" = "Kasianov"); a word-initial "ye" is "e" ("Yevgeny" =
     "Evgeny", "Yeltsin" = "Eltsin"); a "yo" after a consonant is ё, written "e" as often ("Seleznyov" =
     "Seleznev", "Fyodor" = "Fedor", "Pyotr" = "Petr"); a final "y" or "iy" of a name part is "i" ("Georgiy" =
     "Georgy" = "Georgi", "Sergey" = "Sergei");
  7. doubled letters are single ("Tallinn" = "Tallin", "Massoud" stays "masoud").
It is a matching key, not a display form: show Actor.name, search by the key.
It does not join variants that differ in more than these spellings ("Lukashenka"/"Lukashenko",
"Qaddafi"/"Gaddafi", "Alexander"/"Aleksandr", "Glafcos"/"Glafkos": a c as k would join Milan Kucan and Eduard
Kukan): list those as gazetteer aliases.
Runs in time linear in the length of the text (regex substitutions without backtracking).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "name_parts"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}
_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
            "ŀ": "l", "ħ": "h"}
_TABLE = str.maketrans({**_CYRILLIC, **{k.upper(): v for k, v in _CYRILLIC.items()}, **_SPECIAL,
                        **{k.upper(): v for k, v in _SPECIAL.items() if len(k.upper()) == 1 and k != "ı"}})

_NOT_LETTER = re.compile(r"[^a-z]+")
_UMLAUT_E = re.compile(r"([ou])e")
_Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
_Y_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-z])y(?=[aeiou])")
_YO_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-z])yo")
_INITIAL_YE = re.compile(r"^ye")
_FINAL_IY = re.compile(r"i?y$")
_DOUBLE = re.compile(r"([a-z])\1+")


def _word_key(word: str) -> str:
    """Steps 4-7 on one lower-case, a-z name part."""
    word = word.replace("x", "ks")
    word = _INITIAL_YE.sub("e", word)
    word = _Y_BETWEEN_VOWELS.sub("", word)
    word = _YO_AFTER_CONSONANT.sub("e", word)
    word = _Y_AFTER_CONSONANT.sub("i", word)
    word = _FINAL_IY.sub("i", word)
    word = _UMLAUT_E.sub(r"\1", word)
    return _DOUBLE.sub(r"\1", word)


def name_parts(text: str) -> list[str]:
    """The keys of the name's parts (words; hyphenated parts stay one word): "Kim Jong-il" ->
    ["kim", "jongil"]. The last one is the surname's key for most Western and Slavic names."""
    text = unicodedata.normalize("NFKD", str(text).translate(_TABLE))
    text = "".join(char for char in text if not unicodedata.combining(char)).translate(_TABLE).lower()
    words = []
    for word in re.split(r"[\s/]+", text):
        word = _NOT_LETTER.sub("", word)
        if word:
            words.append(_word_key(word))
    return words


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """The matching key of a personal name (see the module doc); "" when it has no Latin or Cyrillic
    letter (then it matches nothing)."""
    # Doubled letters once more across the parts: "Jong Gil" = "Jong-gil".
    return _DOUBLE.sub(r"\1", "".join(name_parts(text)))
