"""Bad input, odd input and large input for the temporal tagger, and its command-line contract."""
import datetime as dt
import json
import os
import re
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from events.extraction.timex import tag

REPO = Path(__file__).resolve().parents[2]
KEYS = {"start", "end", "text", "type", "value", "mod", "earliest", "latest", "role"}


def run_cli(*args, stdin=""):
    """The command line on `stdin` (str, or bytes given as they are); stdout and stderr as str."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-m", "events.extraction.timex", *args],
                         input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
                         capture_output=True, cwd=REPO, env=env, timeout=120)
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode("utf-8"),
                                       out.stderr.decode("utf-8"))


def assert_well_formed(text, records):
    for r in records:
        assert set(r) == KEYS
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["text"]
        assert r["type"] in ("DATE", "TIME", "DURATION", "SET")
        assert r["role"] in ("event", "citation", "crossref")
    starts = [r["start"] for r in records]
    assert starts == sorted(starts)


# ---------------------------------------------------------------- odd text
def test_empty_text_and_text_without_dates():
    assert tag("", "2001-02-13") == []
    assert tag("The cat sat on the mat and nobody said anything.", "2001-02-13") == []


def test_binary_noise_does_not_crash():
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(100_000)).decode("latin-1")
    assert_well_formed(noise, tag(noise, "2001-02-13"))


def test_unbalanced_parentheses_and_lone_numbers():
    text = "(AFP, December 28 ((see the Monitor, (Reuters, 12, 1999 - 2001)) ) 31-32 June 0, May 99"
    assert_well_formed(text, tag(text, "2001-01-02"))


# Each string targets a rule family with optional prefixes or repeated separators; all must stay
# linear. 400 KB each; a backtracking regex would take minutes on any of them.
ADVERSARIAL = {
    "repeated part words": "early late mid the end of the beginning of " * 9_000,
    "repeated relatives": "last " * 80_000 + "July",
    "number words": "a few " * 66_000 + "days",
    "digits and dashes": "1-2-3-" * 66_000,
    "month and comma runs": "April 16, " + "20, " * 100_000,
    "open parentheses": "(AFP, " * 66_000,
    "approximators": "more than about nearly at least " * 12_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_strings_finish_quickly(name):
    text = ADVERSARIAL[name]
    t0 = time.process_time()
    records = tag(text, "2001-02-13")
    elapsed = time.process_time() - t0
    assert_well_formed(text, records)
    assert elapsed < 20, f"{name}: {elapsed:.1f}s of CPU for {len(text)} characters"


def test_five_megabytes_of_prose():
    # News density: a few time expressions in a paragraph of ordinary sentences.
    paragraph = ("Officials met on June 9 and again late last week (Reuters, June 10). The delegations "
                 "discussed trade, energy and the security of the region at some length, and both sides "
                 "described the atmosphere as constructive. Analysts in the capital said the agenda was "
                 "broad, that no agreement was expected, and that the ministers would report to their "
                 "governments before deciding how to proceed with the negotiations.\n\n")
    count = 5_000_000 // len(paragraph) + 1
    text = (paragraph * count)[:5_000_000]
    t0 = time.process_time()
    records = tag(text, "2000-06-13")
    assert time.process_time() - t0 < 120
    # each whole paragraph has June 9, late last week and the citation June 10
    assert len(records) >= 3 * (count - 1)
    assert [r["value"] for r in records[:3]] == ["2000-06-09", "2000-W23", "2000-06-10"]


# ---------------------------------------------------------------- bad arguments
@pytest.mark.parametrize("anchor", ["2001-13-01", "yesterday", "", None, 20010102])
def test_bad_anchor_is_a_clear_value_error(anchor):
    with pytest.raises(ValueError, match="anchor must be a date in the form YYYY-MM-DD"):
        tag("On June 9 they met.", anchor)


# Regression: 9999-12-31 crashed (OverflowError) and 0001-01-01 gave values such as "2" and "0-12".
@pytest.mark.parametrize("anchor", ["9999-12-31", "0001-01-01", "0999-12-31", "9001-01-01",
                                    dt.date(9999, 12, 31), dt.datetime(1, 1, 1)])
def test_anchor_outside_the_supported_range_is_a_value_error_naming_it(anchor):
    with pytest.raises(ValueError, match=re.escape(f"got {anchor!r} (supported: 1000-01-01 to 9000-12-31)")):
        tag("They met next year, in 9,000 years and last December.", anchor)


VALUE_SHAPES = re.compile(r"\d{4}(-.*)?|\d{3}|\d{2}|P.*|[A-Z_]+_REF|XXXX.*")
# Relative expressions of every kind, some of them far out ("in 9,000 years"), after anaphora bases
# at the ends of the recognised years (2099, 1000).
FAR_OUT = ("next year, last December, next winter, the winter, the fourth quarter, a year ago, the "
           "weekend, next weekend, last week, tomorrow, the last decade, the '90s, in 9,000 years, "
           "9,000 years ago, 8,999 years ago, 1,000 centuries ago, in 999,999,999 days, 10,000 weeks "
           "ago, in 5,000 months, 9,999 quarters ago, the following Monday, the previous year")


@pytest.mark.parametrize("anchor", ["1000-01-01", "1000-01-03", "9000-12-31", "9000-12-27", "2001-02-13"])
@pytest.mark.parametrize("before", ["", "On December 31, 2099 it ended. ", "In the fourth quarter of 1000 sales fell; "])
def test_no_expression_near_a_supported_anchor_overflows(anchor, before):
    text = before + "They met " + FAR_OUT + "."
    records = tag(text, anchor)
    assert_well_formed(text, records)
    for r in records:
        assert VALUE_SHAPES.fullmatch(r["value"]), r
        if r["type"] in ("DATE", "TIME") and r["value"][:1].isdigit() and "X" not in r["value"]:
            assert r["earliest"] is not None, r
    assert {r["text"]: r["value"] for r in records}["9,000 years ago"] == "XXXX-XX-XX"  # before year 0001


def test_values_near_the_first_supported_year_have_four_digit_years():
    # Anchor 1000-01-01: last December is 999's ("0999-12", not the decade "999"); the last decade
    # is the 990s ("099"); last year is "0999"; the winter is Dec 999 - Feb 1000 (1000 is a
    # century year not divisible by 400: no 29 February).
    found = {r["text"]: r for r in tag("Last December, last year, the last decade and the winter.", "1000-01-01")}
    assert found["Last December"]["value"] == "0999-12"
    assert found["last year"]["value"] == "0999"
    assert (found["the last decade"]["value"], found["the last decade"]["earliest"]) == ("099", "0990-01-01")
    assert (found["the winter"]["value"], found["the winter"]["latest"]) == ("0999-WI", "1000-02-28")


def test_thousands_separators_make_one_number():
    # "9,000 years ago" was read as "000 years ago" (= this year); "1.5 years" is not "5 years".
    found = tag("It began 1,500 years ago and lasted 1.5 years.", "2001-04-24")
    assert [(r["text"], r["value"]) for r in found] == [("1,500 years ago", "0501")]


def test_a_day_the_calendar_lacks_is_no_date():
    # Regression: "February 29, 2001" (2001 is no leap year) raised ValueError out of tag().
    found = tag("It was signed on February 29, 2001 (AFP, February 29, 2001), not on March 1, 2001.", "2001-04-24")
    assert [(r["text"], r["value"]) for r in found] == [("March 1, 2001", "2001-03-01")]


def test_text_must_be_a_string():
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        tag(b"On June 9 they met.", "2000-06-13")


# ---------------------------------------------------------------- command line
def test_cli_tags_stdin_without_django():
    out = run_cli("--anchor", "2001-01-02", stdin="Talks on December 28 ended (AFP, December 29).")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["text"], r["value"], r["role"]) for r in records] == [
        ("December 28", "2000-12-28", "event"), ("December 29", "2000-12-29", "citation")]


def test_cli_reads_a_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("They met last week.", encoding="utf-8")
    out = run_cli("--anchor", "2001-02-13", str(f))
    assert out.returncode == 0, out.stderr
    # 2001-02-13 is in ISO week 7, so last week is 2001-W06.
    assert json.loads(out.stdout)["value"] == "2001-W06"


@pytest.mark.parametrize("anchor", ["2001-02-30", "9999-12-31", "0001-01-01"])
def test_cli_bad_anchor_exits_2_with_a_message(anchor):
    out = run_cli("--anchor", anchor, stdin="On June 9 and in 9,000 years.")
    assert out.returncode == 2
    assert f"anchor must be a date in the form YYYY-MM-DD, got '{anchor}' (supported: 1000-01-01 to 9000-12-31)" in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_cli_offsets_of_a_crlf_file_index_its_text_as_decoded(tmp_path):
    # Regression: the file was read with newline translation, so every "\r\n" before a date moved
    # its offsets one character off the file's text.
    text = "Line one.\r\nLine two.\r\nThey met on June 9.\r\nAnd again late last week.\r\n"
    f = tmp_path / "crlf.txt"
    f.write_bytes(text.encode("utf-8"))
    out = run_cli("--anchor", "2000-06-13", str(f))
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["text"] for r in records] == ["June 9", "late last week"]
    assert_well_formed(text, records)
    assert records[0]["start"] == text.index("June 9")
    with open(f, encoding="utf-8", newline="") as fh:
        assert fh.read() == text
    # Standard input likewise.
    out = run_cli("--anchor", "2000-06-13", stdin=text.encode("utf-8"))
    assert [json.loads(line) for line in out.stdout.splitlines()] == records


@pytest.mark.parametrize("data,message", [
    ("Caf\xe9 talks on June 9.".encode("latin-1"), "is not UTF-8 text (invalid byte at offset 3)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not UTF-8 text"),
    (b"June 9\x00\x00\x00\x01", "looks binary"),
])
def test_cli_file_that_is_not_utf8_text_exits_2_with_a_message(tmp_path, data, message):
    f = tmp_path / "odd.bin"
    f.write_bytes(data)
    out = run_cli("--anchor", "2000-06-13", str(f))
    assert out.returncode == 2
    assert message in out.stderr and "odd.bin" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_cli_missing_file_exits_2_with_a_message(tmp_path):
    out = run_cli("--anchor", "2001-02-13", str(tmp_path / "nope.txt"))
    assert out.returncode == 2
    assert "cannot read" in out.stderr and "nope.txt" in out.stderr


def test_cli_without_anchor_or_batch_is_a_usage_error():
    out = run_cli(stdin="On June 9.")
    assert out.returncode == 2
    assert "--anchor" in out.stderr


def test_batch_protocol_and_a_bad_line():
    lines = [
        json.dumps({"id": "a", "anchor": "2001-01-02", "text": "On December 28 they met."}),
        "this is not json",
        json.dumps({"id": "c", "anchor": "not a date", "text": "x"}),
        json.dumps({"id": "d", "anchor": "2000-06-13", "text": "Nothing here."}),
    ]
    out = run_cli("--batch", stdin="\n".join(lines) + "\n")
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", None, "c", "d"]
    assert results[0]["timexes"][0]["value"] == "2000-12-28"
    assert results[2]["timexes"] == [] and results[3]["timexes"] == []
    assert "batch line 2" in out.stderr and "batch line 3" in out.stderr and "anchor must be a date" in out.stderr
    # 0: timex_eval throws the whole run away on any other status.
    assert out.returncode == 0


def test_batch_goes_on_after_every_kind_of_bad_line():
    # Regression: an anchor such as 9999-12-31 raised OverflowError and ended the run.
    good = json.dumps({"id": "ok", "anchor": "2001-01-02", "text": "On December 28 they met."}).encode()
    lines = [
        json.dumps({"id": "far", "anchor": "9999-12-31", "text": "next year"}).encode(),
        json.dumps({"id": "early", "anchor": "0001-01-01", "text": "last December"}).encode(),
        b'{"id": "cut", "anchor": "2001-01-02", "te',
        json.dumps({"id": "notext", "anchor": "2001-01-02"}).encode(),
        json.dumps({"anchor": "2001-01-02", "text": "x"}).encode(),
        json.dumps({"id": "num", "anchor": "2001-01-02", "text": 5}).encode(),
        b'{"id": "latin", "anchor": "2001-01-02", "text": "Caf\xe9"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'"just a string"',
    ]
    stdin = b"\n".join(line for bad in lines for line in (bad, good)) + b"\n"
    out = run_cli("--batch", stdin=stdin)
    assert out.returncode == 0
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(results) == 2 * len(lines)
    assert [r["id"] for r in results[::2]] == ["far", "early", None, "notext", None, "num", None, None, None]
    for bad, ok in zip(results[::2], results[1::2]):
        assert bad["timexes"] == [] and bad["error"]
        assert ok == {"id": "ok", "timexes": tag("On December 28 they met.", "2001-01-02")}
    for lineno in range(1, 2 * len(lines), 2):
        assert f"batch line {lineno}: " in out.stderr
    assert "got '9999-12-31'" in out.stderr and "got '0001-01-01'" in out.stderr
    assert "missing field(s) text" in out.stderr and "missing field(s) id" in out.stderr
    assert "text must be a str" in out.stderr and "not UTF-8" in out.stderr
    assert "Traceback" not in out.stderr


def test_batch_answers_a_lone_surrogate_escaped():
    # JSON may spell a lone surrogate ("\ud800"); UTF-8 cannot, so that answer is written escaped.
    stdin = ('{"id": "s\\ud800", "anchor": "2001-01-02", "text": "\\ud800 On December 28 they met."}\n'
             '{"id": "ok", "anchor": "2001-01-02", "text": "x"}\n')
    out = run_cli("--batch", stdin=stdin)
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in results] == ["s\ud800", "ok"]
    assert [(t["start"], t["value"]) for t in results[0]["timexes"]] == [(5, "2000-12-28")]
