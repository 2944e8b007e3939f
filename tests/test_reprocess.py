"""reprocess: extraction again over stored articles - idempotent, honours corrections, picks up gazetteer edits."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from events.models import Article, Event, Topic, TopicKeyword
from events.services import extraction as service
from tests.test_extraction_service import corpus  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

D = dt.date


def snapshot():
    return list(Event.objects.order_by("id").values_list("id", "article_id", "extraction_key", "date_start",
                                                           "date_end", "event_type", "status", "thread_id"))


def reprocess(*args):
    out = io.StringIO()
    call_command("reprocess", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_reprocessing_the_corpus_changes_nothing(corpus):
    before = snapshot()
    m2m = sorted(Event.actors.through.objects.values_list("event_id", "actor_id"))
    assert before
    output = reprocess()
    # Same rules, same gazetteer: every event is found again with the same key, so same ids, no duplicates.
    assert output.startswith(f"5 articles reprocessed: events 0 created, 0 updated, {len(before)} unchanged, "
                             "0 deleted, 0 kept"), output
    assert snapshot() == before
    assert sorted(Event.actors.through.objects.values_list("event_id", "actor_id")) == m2m


def test_reprocessing_keeps_editors_corrections(corpus):
    article = corpus[(7, 1)]
    talks = article.events.get(date_text="December 28", event_type="meeting")
    talks.summary = "Sergeev and Shamkhani: 'a new chapter'"
    talks.status = "reported"
    talks.corrected_fields = ["summary"]  # the status change is not recorded as a correction
    talks.save()
    talks.actors.clear()
    talks.corrected_fields = ["summary", "actors"]
    talks.save()
    other = article.events.exclude(pk=talks.pk).first()
    other.hidden = True
    other.corrected_fields = ["hidden"]
    other.save()
    output = reprocess("--article", str(article.pk))
    assert output.startswith("1 articles reprocessed: events 0 created, 1 updated"), output
    talks.refresh_from_db()
    assert talks.summary == "Sergeev and Shamkhani: 'a new chapter'" and talks.actors.count() == 0
    assert talks.status == "occurred", "an uncorrected field follows the extraction again"
    other.refresh_from_db()
    assert other.hidden


def test_gazetteer_edits_take_effect_on_reprocess(corpus):
    # An editor adds a topic whose keyword is the summit's venue. Vol 6 No 129 names Okinawa in the sentence
    # that sets Putin's arrival for July 19, so after reprocessing that event carries the new topic.
    topic = Topic.objects.create(name="G-8 summit", slug="g-8-summit")
    TopicKeyword.objects.create(topic=topic, text="Okinawa")
    july = corpus[(6, 129)].events.get(date_text="July 19")
    assert "Okinawa" in july.sentence and not july.topics.filter(pk=topic.pk).exists()
    reprocess("--article", str(july.article_id))
    assert july.topics.filter(pk=topic.pk).exists()


def test_unknown_article_is_a_usage_error(corpus):
    missing = Article.objects.order_by("-id").first().pk + 100
    with pytest.raises(CommandError, match=f"no article with id {missing}") as excinfo:
        reprocess("--article", str(missing))
    assert excinfo.value.returncode == 2


def test_a_failing_article_is_rolled_back_alone(corpus, monkeypatch):
    broken = corpus[(7, 30)]
    before = snapshot()
    real = service.run_extraction

    def flaky(article, gazetteer=None):
        if article.pk == broken.pk:
            raise RuntimeError("rule crashed")
        return real(article, gazetteer)

    monkeypatch.setattr(service, "run_extraction", flaky)
    report = service.reprocess_articles()
    assert report.articles == 4 and report.failed == [(broken.pk, "RuntimeError: rule crashed")]
    assert snapshot() == before
    with pytest.raises(SystemExit) as excinfo:
        reprocess()
    assert excinfo.value.code == 1
