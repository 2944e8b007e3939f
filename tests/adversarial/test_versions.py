"""Issue 14, finding 1: an edited article is a new version of the one it replaces (corrections kept where the
sentence still exists, flagged where it does not; the timeline never shows both), "undo this import", deleting
an article with its events, and the event list's filters by article and issue. On PostgreSQL."""
import pytest
from django.urls import reverse

from events.models import Article, ArticleVersion, Event, Import, Issue
from events.services import corrections
from events.services.ingest import ingest_paths, ingest_text
from events.services.versions import UndoError, similarity, undo_import
from tests.adversarial.samples import BODY_A, BODY_B, article_text
from tests.test_corrections import make_editor

pytestmark = pytest.mark.django_db

# BODY_A's three dated mentions (see test_parsing): "March 12" (sentence 1), "late April" and "Monday"
# (sentence 3). The edit changes one word of sentence 3 and puts a non-breaking space into sentence 1.
EDITED_A = (BODY_A.replace("Igor Ivanov arrived", "Igor Ivanov\u00a0arrived")
            .replace("will visit Beijing", "will travel to Beijing"))


def by_date_text(article):
    return {e.date_text: e for e in Event.objects.filter(article=article)}


def test_edited_article_is_a_new_version_and_keeps_corrections_where_the_sentence_exists(tmp_path):
    editor = make_editor()
    (tmp_path / "a.txt").write_text(article_text(50, BODY_A))
    ingest_paths([tmp_path / "a.txt"], progress=False)
    [article] = Article.objects.all()
    events = by_date_text(article)
    assert set(events) == {"March 12", "March 14", "late April", "Monday"}
    corrections.correct_event(events["March 12"], {"status": "planned"}, user=editor, reason="only announced")
    corrections.correct_event(events["late April"], {"summary": "Kuchma to Beijing"}, user=editor,
                              reason="clearer summary")
    visible_before = Event.objects.filter(hidden=False).count()

    (tmp_path / "b.txt").write_text(article_text(50, EDITED_A))
    report = ingest_paths([tmp_path / "b.txt"], progress=False)
    assert (report.articles_new, report.articles_versions) == (0, 1)
    # One article, now version 2; version 1's text kept.
    [article] = Article.objects.all()
    assert article.version == 2 and article.body == EDITED_A
    [old] = ArticleVersion.objects.all()
    assert (old.article_id, old.number, old.body) == (article.pk, 1, BODY_A)
    after = by_date_text(article)
    # Sentence 1 still exists (only a non-breaking space differs): same event, correction kept, not flagged.
    assert after["March 12"].pk == events["March 12"].pk
    assert after["March 12"].status == "planned" and not after["March 12"].needs_review
    assert EDITED_A[after["March 12"].date_text_start:after["March 12"].date_text_end] == "March 12"
    # Sentence 3 changed: the corrected event is kept, flagged for review with a note; the machine's new
    # mentions of the edited sentence are there too (uncorrected ones are simply replaced).
    kept = Event.objects.get(pk=events["late April"].pk)
    assert kept.summary == "Kuchma to Beijing" and kept.needs_review and "not in version 2" in kept.review_note
    from events.editor_views import review_queue
    flagged = {section["key"]: [e.pk for e in section["rows"]] for section in review_queue()}["flagged"]
    assert flagged == [kept.pk]  # the review queue lists it
    # The timeline never shows both texts' events: no mention of version 1 is left twice.
    assert Event.objects.filter(hidden=False, article=article).count() <= visible_before + 1
    assert Event.objects.filter(hidden=False).exclude(article=article).count() == 0
    # Ingesting both files again changes nothing (the old text is a known version).
    again = ingest_paths([tmp_path], progress=False)
    assert (again.articles_new, again.articles_versions, again.articles_unchanged) == (0, 0, 2)
    assert Article.objects.count() == 1 and ArticleVersion.objects.count() == 1


def test_different_article_of_the_same_issue_is_not_a_version():
    ingest_text("a.txt", article_text(50, BODY_A).encode())
    report = ingest_text("b.txt", article_text(50, BODY_B, headline="BORDER TALKS.").encode())
    assert report.articles_new == 1 and Article.objects.count() == 2
    assert similarity(BODY_A, BODY_B) < 0.5 and similarity(BODY_A, EDITED_A) > 0.9


def test_undo_import_removes_what_it_added_in_one_transaction_with_history(tmp_path):
    editor = make_editor()
    first = ingest_text("a.txt", article_text(50, BODY_A).encode())
    corrections.correct_event(by_date_text(Article.objects.get())["March 12"], {"status": "planned"}, user=editor,
                              reason="announced")
    # One upload of two files: a new article in a new issue, and an edited version of the first.
    upload = Import.objects.create(kind=Import.Kind.UPLOAD, user=editor, description="two files")
    ingest_text("b.txt", article_text(51, BODY_B).encode(), import_run=upload)
    ingest_text("a2.txt", article_text(50, EDITED_A).encode(), import_run=upload)
    from events.services.versions import finish_import
    finish_import(upload, first)
    upload.refresh_from_db()
    assert (upload.articles_new, upload.versions_new) == (1, 1)
    assert Issue.objects.count() == 2 and Article.objects.count() == 2

    summary = undo_import(upload, user=editor, reason="wrong files uploaded")
    assert Issue.objects.count() == 1 and list(Article.objects.values_list("body", "version")) == [(BODY_A, 1)]
    assert ArticleVersion.objects.count() == 0
    assert not Event.objects.filter(article__issue__number=51).exists()
    # The first import's correction survived the round trip.
    assert by_date_text(Article.objects.get())["March 12"].status == "planned"
    upload.refresh_from_db()
    assert upload.undone_by == editor and upload.undo_reason == "wrong files uploaded" and upload.undone_at
    assert "back to version 1" in upload.undo_summary and summary == upload.undo_summary
    with pytest.raises(UndoError, match="already undone"):
        undo_import(upload, user=editor)
    assert Import.objects.get(pk=first.import_id).undone_at is None


def test_undo_import_is_one_transaction(monkeypatch):
    first = ingest_text("a.txt", article_text(50, BODY_A).encode())
    ingest_text("b.txt", article_text(51, BODY_B).encode(), import_run=Import.objects.get(pk=first.import_id))
    import events.services.threads as threads

    calls = {"n": 0}
    original = threads.recompute_threads

    def fail_second(ids, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("database hiccup")
        return original(ids, *args, **kwargs)

    monkeypatch.setattr(threads, "recompute_threads", fail_second)
    with pytest.raises(RuntimeError):
        undo_import(Import.objects.get(pk=first.import_id))
    assert Article.objects.count() == 2 and Issue.objects.count() == 2  # nothing half-undone
    assert Import.objects.get(pk=first.import_id).undone_at is None


def test_undo_import_through_the_admin(client):
    editor = make_editor()
    client.force_login(editor)
    report = ingest_text("a.txt", article_text(50, BODY_A).encode())
    url = reverse("admin:events_import_changelist")
    page = client.post(url, {"action": "undo_import", "_selected_action": [report.import_id]})
    assert page.status_code == 200 and b"Undo this import" in page.content
    refused = client.post(url, {"action": "undo_import", "_selected_action": [report.import_id],
                                "undo_confirm": "1", "reason": ""})
    assert refused.status_code == 200 and Article.objects.count() == 1  # a reason is required
    done = client.post(url, {"action": "undo_import", "_selected_action": [report.import_id], "undo_confirm": "1",
                             "reason": "test upload by mistake"}, follow=True)
    assert done.status_code == 200 and Article.objects.count() == 0 and Event.objects.count() == 0
    assert Import.objects.get(pk=report.import_id).undo_reason == "test upload by mistake"


def test_superuser_deletes_an_article_with_its_events_in_the_admin(client):
    client.force_login(make_editor())
    ingest_text("a.txt", article_text(50, BODY_A).encode())
    ingest_text("b.txt", article_text(50, BODY_B, headline="BORDER TALKS.").encode())
    article = Article.objects.get(headline="BORDER TALKS.")
    assert Event.objects.filter(article=article).exists()
    url = reverse("admin:events_article_delete", args=[article.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and b"no permission" not in confirm.content.lower()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Event.objects.filter(article_id=article.pk).exists()
    assert Article.objects.count() == 1  # the other article of the issue stays


def test_staff_without_delete_permission_cannot_delete_an_article(client):
    from django.contrib.auth.models import Permission

    editor = make_editor("plain", superuser=False)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "change_event",
                                                                         "view_event", "delete_article"]))
    client.force_login(editor)
    ingest_text("a.txt", article_text(50, BODY_A).encode())
    article = Article.objects.get()
    assert client.post(reverse("admin:events_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 403
    assert Article.objects.count() == 1


def test_event_list_filters_by_article_and_issue(client):
    client.force_login(make_editor())
    ingest_text("a.txt", article_text(50, BODY_A).encode())
    ingest_text("b.txt", article_text(51, BODY_B).encode())
    a = Article.objects.get(issue__number=50)
    b = Article.objects.get(issue__number=51)
    url = reverse("admin:events_event_changelist")
    by_article = client.get(url, {"article": a.pk})
    assert {e.pk for e in by_article.context["cl"].result_list} == set(a.events.values_list("pk", flat=True))
    by_issue = client.get(url, {"issue": b.issue_id})
    assert {e.pk for e in by_issue.context["cl"].result_list} == set(b.events.values_list("pk", flat=True))
    assert client.get(url, {"article": "abc"}).status_code == 200
    assert client.get(url, {"issue": "99999999999999999999999"}).status_code == 200
