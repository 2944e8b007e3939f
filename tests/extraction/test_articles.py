"""Reading and splitting archive files, on small files written to tmp_path for each case."""
from pathlib import Path

import pytest

from events.extraction.articles import (
    MAX_FILE_BYTES, ArticleFileError, parse_article_bytes, read_article_file,
)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "monitor"

PUB = "Publication: Monitor Volume: 7 Issue: 3"


def write(tmp_path, content, name="sample.txt"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_headline_publication_and_paragraphs(tmp_path):
    text = f"TWO MINISTERS MEET.\n\n{PUB}\n\nFirst paragraph here.\n\nSecond paragraph there.\n"
    parsed = read_article_file(write(tmp_path, text))
    [article] = parsed.articles
    assert (article.volume, article.number) == (7, 3)
    assert article.headline == "TWO MINISTERS MEET."
    assert article.body == "First paragraph here.\n\nSecond paragraph there."
    assert article.line == 3
    assert parsed.warnings == () and parsed.encoding == "utf-8"


def test_no_headline_and_no_final_newline(tmp_path):
    parsed = read_article_file(write(tmp_path, f"{PUB}\n\nOnly paragraph, no newline at the end."))
    [article] = parsed.articles
    assert article.headline == ""
    assert article.body == "Only paragraph, no newline at the end."


def test_curly_quotes_and_dashes_kept_exactly(tmp_path):
    body = "The minister’s “new chapter”–so he said—began in 2001 – or so."
    [article] = read_article_file(write(tmp_path, f"{PUB}\n\n{body}\n")).articles
    assert article.body == body


def test_body_offset_points_into_the_file_text(tmp_path):
    text = f"A HEADLINE.\n\n{PUB}\n\nOne.\n\nTwo."
    [article] = read_article_file(write(tmp_path, text)).articles
    assert text[article.body_offset:article.body_offset + len(article.body)] == article.body


def test_extra_blank_lines_become_one_paragraph_break_and_trailing_space_is_dropped(tmp_path):
    text = f"{PUB}\n\n\nOne.\n   \n\n\nTwo.   \n\n\n"
    [article] = read_article_file(write(tmp_path, text)).articles
    assert article.body == "One.\n\nTwo."


def test_windows_line_endings_and_bom(tmp_path):
    data = ("\ufeff" + f"{PUB}\r\n\r\nOne.\r\n\r\nTwo.\r\n").encode("utf-8")
    [article] = read_article_file(write(tmp_path, data)).articles
    assert article.body == "One.\n\nTwo."


def test_several_articles_in_one_file_each_with_its_headline(tmp_path):
    text = (f"FIRST STORY.\n\n{PUB}\n\nAlpha one.\n\nAlpha two.\n\n"
            "SECOND STORY’S TITLE.\n\nPublication: Monitor Volume: 7 Issue: 3\n\nBeta one.\n\n"
            "Publication: Monitor Volume: 7 Issue: 4\n\nGamma, with no headline.")
    first, second, third = read_article_file(write(tmp_path, text)).articles
    assert (first.headline, first.body) == ("FIRST STORY.", "Alpha one.\n\nAlpha two.")
    assert (second.headline, second.body, second.number) == ("SECOND STORY’S TITLE.", "Beta one.", 3)
    assert (third.headline, third.body, third.number) == ("", "Gamma, with no headline.", 4)


def test_trailing_headline_without_body_is_reported_not_kept(tmp_path):
    text = f"{PUB}\n\nThe only story.\n\nTHE NEXT STORY STARTS IN ANOTHER FILE."
    parsed = read_article_file(write(tmp_path, text))
    [article] = parsed.articles
    assert article.body == "The only story."
    [warning] = parsed.warnings
    assert "THE NEXT STORY STARTS IN ANOTHER FILE." in warning and "nothing stored" in warning


def test_text_before_the_first_article_is_reported(tmp_path):
    parsed = read_article_file(write(tmp_path, f"stray notes\n\n{PUB}\n\nBody."))
    assert parsed.articles[0].body == "Body."
    assert "ignored text before the first article" in parsed.warnings[0]


def test_cp1252_fallback_with_warning(tmp_path):
    data = f"{PUB}\n\nThe minister\u2019s visit \u2013 a first.".encode("cp1252")
    parsed = read_article_file(write(tmp_path, data))
    assert parsed.articles[0].body == "The minister\u2019s visit \u2013 a first."
    assert parsed.encoding == "cp1252"
    assert "not UTF-8" in parsed.warnings[0] and "Windows-1252" in parsed.warnings[0]


def test_upload_bytes_parse_like_files():
    parsed = parse_article_bytes("upload.txt", f"{PUB}\n\nBody.".encode())
    assert parsed.source == "upload.txt" and parsed.articles[0].body == "Body."


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n\n \n", "empty file"),
    # Three control bytes in 47 (over 5%): binary. One stray NUL in a text is removed (tests/adversarial).
    (b"Publication: Monitor Volume: 7 Issue: 3\n\x00\x01\x02body", "binary file (NUL byte at offset 40, 3 control bytes in 47)"),
    (bytes(range(1, 32)) * 40 + b"Publication: Monitor Volume: 7 Issue: 3\n\nx", "binary file"),
    (b"Publication: Monitor Volume: 7 Issue: 3\n\nbad \x81 byte", "not UTF-8 (byte 0x81 at offset 45) and not Windows-1252"),  # 39 + 2 + 4
    ("Just a story with no header.\n\nMore.".encode(), "no 'Publication: Monitor Volume: V Issue: N' line found"),
    (b"Publication: Monitor Volume: 0 Issue: 3\n\nBody.", "line 1: volume '0' is not a positive whole number"),
    (b"Publication: Monitor Volume: 7 Issue: -2\n\nBody.", "line 1: issue '-2' is not a positive whole number"),
    (b"Publication: Monitor Volume: 7 Issue: 3a\n\nBody.", "line 1: issue '3a' is not a positive whole number"),
    (b"Publication: Monitor Volume: 7 Issue: 1.5\n\nBody.", "line 1: issue '1.5' is not a positive whole number"),
    (b"Publication: Monitor Volume: 7 Issue: 366\n\nBody.", "issue 366 is beyond the 365 days of 2001 (Volume 7)"),
    (b"Publication: Monitor Volume: 700 Issue: 2\n\nBody.", "not a Monitor volume"),
    (b"Publication: Prism Volume: 7 Issue: 2\n\nBody.", "line 1: expected 'Publication: Monitor Volume: V Issue: N'"),
    (b"Body first.\n\nPublication: Monitor Volume: 7 Issue: 2", "line 3: Volume 7 Issue 2 has no article text"),
])
def test_bad_input_is_refused_with_a_clear_reason(tmp_path, content, reason):
    path = write(tmp_path, content, name="bad.txt")
    with pytest.raises(ArticleFileError) as raised:
        read_article_file(path)
    assert reason in str(raised.value)
    assert str(raised.value).startswith(str(path) + ": ")


def test_a_bad_article_fails_alone_and_the_good_one_is_kept(tmp_path):
    text = f"{PUB}\n\nGood.\n\nPublication: Monitor Volume: 7 Issue: x\n\nBad."
    parsed = read_article_file(write(tmp_path, text))
    assert [a.body for a in parsed.articles] == ["Good."]
    assert parsed.failures == ("line 5: issue 'x' is not a positive whole number",)


def test_file_over_5_mb_is_refused_before_reading(tmp_path):
    path = write(tmp_path, f"{PUB}\n\n".encode() + b"a" * MAX_FILE_BYTES)
    with pytest.raises(ArticleFileError, match="over the 5 MB limit"):
        read_article_file(path)
    with pytest.raises(ArticleFileError, match="over the 5 MB limit"):
        parse_article_bytes("upload.txt", path.read_bytes())


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ArticleFileError, match="cannot read the file"):
        read_article_file(tmp_path / "nope.txt")


def test_corpus_files_split_as_a_reader_sees_them():
    # Every corpus file holds one article under one Publication line. Only 004_* has a headline
    # (the capitals line above its Publication line) and ends with the next article's headline,
    # which has no body in the file.
    expected = {"000": (7, 30), "001": (6, 114), "002": (6, 129), "003": (7, 79), "004": (7, 1)}
    for path in sorted(CORPUS.glob("*.txt")):
        parsed = read_article_file(path)
        [article] = parsed.articles
        assert (article.volume, article.number) == expected[path.name[:3]]
        text = path.read_text(encoding="utf-8")
        assert text[article.body_offset:article.body_offset + len(article.body)] == article.body
        assert not article.body.startswith("Publication") and article.body == article.body.strip()
        if path.name.startswith("004"):
            assert article.headline.isupper() and article.headline.endswith(".")
            assert len(parsed.warnings) == 1 and "nothing stored" in parsed.warnings[0]
            assert not article.body.endswith(article.body.split("\n\n")[-1].upper())
        else:
            assert article.headline == "" and parsed.warnings == ()
