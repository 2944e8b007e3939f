"""Bad input, odd input and large input for the temporal tagger, and its command-line contract."""
import json
import os
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
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-m", "events.extraction.timex", *args], input=stdin, text=True,
                          capture_output=True, cwd=REPO, env=env, timeout=120)


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


def test_cli_bad_anchor_exits_2_with_a_message():
    out = run_cli("--anchor", "2001-02-30", stdin="On June 9.")
    assert out.returncode == 2
    assert "anchor must be a date in the form YYYY-MM-DD, got '2001-02-30'" in out.stderr
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
    assert out.returncode == 1
