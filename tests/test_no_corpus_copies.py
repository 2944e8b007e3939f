"""The repository holds what we wrote: no run of the corpus articles' text is copied into it.

Tests read the articles from ../shared/corpus/monitor at run time and find sentences by short
keys; short date phrases ("late last month") are fine, sentences are not. The guard: no run of
RUN_WORDS consecutive words of any corpus article appears in a tracked file of the project.
"""
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "monitor"
RUN_WORDS = 10
WORD = re.compile(r"[A-Za-z0-9$’'-]+")


def words(text):
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def runs(tokens, n):
    return {" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def tracked_files():
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout.split()
    for name in listed:
        path = REPO / name
        if path.suffix in {".py", ".json", ".html", ".md", ".txt", ".csv", ".js", ".css"} and path.is_file():
            yield path


def test_guard_catches_a_copied_sentence(tmp_path):
    # The guard itself: a made-up text shares a 10-word run with another only when copied.
    source = words("one two three four five six seven eight nine ten eleven")
    assert runs(words("x one two three four five six seven eight nine ten y"), RUN_WORDS) & runs(source, RUN_WORDS)
    assert not runs(words("one two three four five six seven eight nine"), RUN_WORDS) & runs(source, RUN_WORDS)


def test_no_corpus_text_in_the_repository():
    articles = sorted(CORPUS.glob("*.txt"))
    assert articles, f"corpus not found at {CORPUS}"
    corpus_runs = set()
    for article in articles:
        corpus_runs |= runs(words(article.read_text(encoding="utf-8")), RUN_WORDS)
    copies = []
    for path in tracked_files():
        found = runs(words(path.read_text(encoding="utf-8", errors="replace")), RUN_WORDS) & corpus_runs
        if found:
            copies.append(f"{path.relative_to(REPO)}: {sorted(found)[0]!r}")
    assert not copies, "corpus text copied into the repository:\n" + "\n".join(copies)


if __name__ == "__main__":  # list every copy: python tests/test_no_corpus_copies.py
    pytest.main([__file__, "-q"])
