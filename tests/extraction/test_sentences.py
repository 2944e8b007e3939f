"""Sentence splitting: offsets exact, abbreviations, initials, quotes, dashes, citations."""
from events.extraction.sentences import sentence_at, split_sentences
from tests.extraction._monitor_articles import all_articles, load_article


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_offsets_give_back_the_sentence_text():
    text = "  First one here.  Second one (Reuters, May 3).\n\nThird.  "
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
    assert texts(text) == ["First one here.", "Second one (Reuters, May 3).", "Third."]


def test_us_abbreviation_followed_by_capital_does_not_split():
    assert texts("The U.S. Navy sailed. Then it stopped.") == ["The U.S. Navy sailed.", "Then it stopped."]


def test_initials_and_titles_do_not_split():
    assert texts("Gen. Smith met George W. Bush in Ohio. They talked.") == [
        "Gen. Smith met George W. Bush in Ohio.", "They talked."]


def test_hyphenated_title_and_currency_range_stay_whole():
    text = "Rear-Admiral Jones priced the deal at US$7-8 billion. It was large."
    assert texts(text) == ["Rear-Admiral Jones priced the deal at US$7-8 billion.", "It was large."]


def test_citation_before_final_stop_belongs_to_the_sentence():
    text = "The two ministers met (AFP, December 28-29). Nothing followed."
    assert texts(text) == ["The two ministers met (AFP, December 28-29).", "Nothing followed."]


def test_dashes_join_clauses():
    text = "The envoy\u2013a veteran of the talks\u2014left early. Others stayed."
    assert texts(text)[0] == "The envoy\u2013a veteran of the talks\u2014left early."


def test_curly_quotation_of_several_sentences_stays_in_one_sentence():
    text = "He said: \u201cWe agree. The rest can wait\u201d (Reuters, May 2). Next came lunch."
    assert texts(text) == ["He said: \u201cWe agree. The rest can wait\u201d (Reuters, May 2).", "Next came lunch."]


def test_stop_inside_closing_quote_ends_the_sentence():
    text = "He urged them \u201cto stop.\u201d They refused."
    assert texts(text) == ["He urged them \u201cto stop.\u201d", "They refused."]


def test_ellipsis_inside_quotation_does_not_split():
    text = "He said \u201cno supplies\u2026 What matters is trade\u201d today. Fine."
    assert len(texts(text)) == 2


def test_parenthesised_sentence_is_its_own_sentence():
    text = "They built it. (He said so in May.) Then they left."
    assert texts(text) == ["They built it.", "(He said so in May.)", "Then they left."]


def test_line_breaks_end_sentences():
    assert texts("A HEADLINE IN CAPITALS.\n\nBody text here") == ["A HEADLINE IN CAPITALS.", "Body text here"]


def test_sentence_at_finds_the_containing_sentence():
    sentences = split_sentences("One. Two.")
    assert sentence_at(sentences, 6).text == "Two."
    assert sentence_at(sentences, 4) is None  # the space between sentences


def test_corpus_offsets_are_exact_and_sentences_start_cleanly():
    for body, _ in all_articles():
        sentences = split_sentences(body)
        assert len(sentences) > 20
        for sentence in sentences:
            assert body[sentence.start:sentence.end] == sentence.text
            # Every sentence opens with a capital, a digit, or an opening quote or bracket.
            assert sentence.text[0].isupper() or sentence.text[0] in "\u201c(\"", sentence.text[:40]


def test_corpus_vol7_no1_talks_sentence_keeps_rear_admiral_and_citation():
    body, _ = load_article(7, 1)
    sentences = split_sentences(body)
    # The talks sentence starts at "Following talks" and runs past the rank "Rear-Admiral" to the
    # quoted phrase that ends it; the next sentence starts with "He said".
    talks = sentence_at(sentences, body.index("Following talks on December 28"))
    assert talks.text.startswith("Following talks on December 28")
    assert "Rear-Admiral Ali Shamkhani, Sergeev announced" in talks.text
    assert talks.text.endswith("in their relations.")
    # The Khatami sentence ends with a parenthesised citation before its final stop: the citation
    # is inside it, and the sentence ends with ")." .
    khatami = sentence_at(sentences, body.index("A day earlier"))
    assert khatami.text.endswith("December 28-29).")
    # "US$7-8 billion" in the last paragraph must not cut the sentence at the hyphen or dollar sign.
    last = sentence_at(sentences, body.index("US$7-8 billion"))
    assert last.text.startswith("They point both") and last.text.endswith("coming years.")


def test_corpus_vol6_no114_us_and_quotes():
    body, _ = load_article(6, 114)
    sentences = split_sentences(body)
    # "U.S. Defense Department spokesman" opens a sentence: the "U.S." is not a separate sentence,
    # and the sentence goes on to name the defence secretary.
    bacon = sentence_at(sentences, body.index("U.S. Defense Department spokesman"))
    assert bacon.text.startswith("U.S. Defense Department spokesman") and "William Cohen." in bacon.text
    # The quoted remark that ends with a full stop inside the closing quote ends that sentence.
    urged = sentence_at(sentences, body.index("He urged Putin"))
    assert urged.text.endswith("people.\u201d")


def test_corpus_vol7_no30_quoted_remark_stays_with_its_speaker():
    body, _ = load_article(7, 30)
    sentences = split_sentences(body)
    # The Munich remark quotes two sentences; both stay in the sentence that names the speaker,
    # which ends with the citation "(... February 6)."
    remark = sentence_at(sentences, body.index("a year ago seemed"))
    assert "Sergei Ivanov in Munich" in remark.text
    assert remark.text.endswith("February 6).")


def test_a_word_ending_in_a_non_ascii_letter_then_a_full_stop_ends_the_sentence():
    # "Elysée." once read as the acronym "e." (the ASCII tail of the word): no split, two sentences in one.
    text = "Putin spent yesterday at the Elysée. At the summit on Monday, the leaders signed."
    assert [s.text for s in split_sentences(text)] == ["Putin spent yesterday at the Elysée.",
                                                       "At the summit on Monday, the leaders signed."]
    # Initials and acronyms still do not split.
    assert len(split_sentences("George W. Bush met the U.S. Defense Secretary.")) == 1
