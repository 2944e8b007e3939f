"""Issue 14, findings 2-4 through the ingest service on PostgreSQL: each article on its own, names kept,
*.TXT found, the events-per-article cap, a stray NUL no longer losing the file."""
import os

import pytest

from events.models import Article, Event, Issue
from events.services import extraction
from events.services.ingest import collect_files, ingest_paths, ingest_text
from tests.adversarial.samples import BODY_A, BODY_B, article_text

pytestmark = pytest.mark.django_db


def test_near_miss_marker_mid_file_gives_two_articles_in_two_issues():
    text = article_text(50, BODY_A) + "\n" + article_text(51, BODY_B, marker="publication: monitor volume: 7 issue: 51")
    report = ingest_text("joined.txt", text.encode())
    assert report.articles_new == 2 and report.ok
    assert sorted(Issue.objects.values_list("number", flat=True)) == [50, 51]
    assert Article.objects.get(issue__number=50).body == BODY_A  # not swallowing the second article
    assert any("line 13: Publication line not exact" in w for w in report.warnings)


def test_one_bad_article_fails_alone_and_its_neighbours_are_stored():
    bad = article_text(3, BODY_B, headline="", marker="Publication: Monitor Volume: 99 Issue: 3")
    text = article_text(50, BODY_A) + "\n" + bad + "\n" + article_text(52, BODY_B, headline="")
    report = ingest_text("mixed.txt", text.encode())
    [result] = report.files
    assert (result.new, result.failed) == (2, 1)
    assert result.errors[0].startswith("line 11: Volume 99 would be published in 2093")
    assert not report.ok  # the command exits 1: some article failed, the rest stored
    assert sorted(Issue.objects.values_list("number", flat=True)) == [50, 52]


def test_body_line_publication_new_york_times_does_not_lose_the_article():
    body = BODY_A + "\n\nPublication: The New York Times, March 3, 2001, had the story first."
    report = ingest_text("nyt.txt", article_text(50, body).encode())
    assert report.articles_new == 1 and report.ok
    assert Article.objects.get().body == body


def test_stray_nul_byte_no_longer_refuses_the_file():
    data = article_text(50, BODY_A).encode().replace(b"Tehran", b"Teh\x00ran")
    report = ingest_text("nul.txt", data)
    assert report.articles_new == 1 and report.ok
    assert "\x00" not in Article.objects.get().body
    assert any("removed 1 control character" in w for w in report.warnings)


def test_utf16_file_is_stored():
    report = ingest_text("wide.txt", "\ufeff".encode("utf-16-le") + article_text(50, BODY_A).encode("utf-16-le"))
    assert report.articles_new == 1 and Article.objects.get().body == BODY_A


def test_non_utf8_file_name_keeps_its_article(tmp_path):
    folder = os.fsencode(tmp_path)
    raw = os.path.join(folder, b"caf\xe9 \xff.txt")
    with open(raw, "wb") as handle:
        handle.write(article_text(50, BODY_A).encode())
    report = ingest_paths([tmp_path], progress=False)
    assert report.articles_new == 1 and report.ok, report.files[0].errors
    assert Article.objects.get().source_name == "caf\\xe9 \\xff.txt"


def test_upper_case_txt_suffix_is_ingested_not_skipped(tmp_path):
    (tmp_path / "A.TXT").write_text(article_text(50, BODY_A))
    (tmp_path / "b.Txt").write_text(article_text(51, BODY_B))
    (tmp_path / "notes.md").write_text("not an archive file")
    assert [p.name for p in collect_files([tmp_path])] == ["A.TXT", "b.Txt"]
    assert ingest_paths([tmp_path], progress=False).articles_new == 2


def test_events_per_article_are_capped_with_a_warning_naming_file_and_line(monkeypatch):
    # BODY_A gives 4 mentions (March 12, March 14, late April, Monday); with a cap of 2 only the first 2 are stored.
    monkeypatch.setattr(extraction, "MAX_EVENTS_PER_ARTICLE", 2)
    report = ingest_text("flood.txt", article_text(50, BODY_A).encode())
    assert Event.objects.count() == 2
    [warning] = [w for w in report.warnings if "cap" in w]
    assert warning.startswith("flood.txt: line 3: 4 event mentions over the cap of 2 per article")
