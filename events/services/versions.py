"""Article versions, import runs and their undo, and deleting an article (issue 14).

* A re-ingested article whose text changed (one word, a non-breaking space) is a NEW VERSION of the article it
  replaces, not a second article: same issue, and the same headline (non-empty) with a body at least
  VERSION_SIMILAR_WITH_HEADLINE alike, or (both of VERSION_MIN_WORDS words or more) a body at least
  VERSION_SIMILAR alike (difflib ratio over words).
  The old text is kept as an ArticleVersion; the article takes the new text and is processed again. Before
  that, every event of the old text is moved to the offsets of its sentence in the new text (found exactly,
  or with any whitespace between words), so the extraction's upsert matches it and the editors' corrected
  fields are kept; an editor-touched event whose sentence is gone stays, flagged `needs_review`, with a
  note. The timeline has one article, so it never shows both.
* An Import records one ingest run (the command) or one upload (the import page): the articles it added and
  the versions it made. `undo_import` removes what it added in one transaction: its new articles (with their
  events) are deleted, its new versions rolled back to the text before; the Import keeps who undid it, when,
  why and what was removed.
* `delete_article`: an article with its events (threads recomputed, the issue re-dated; an issue left with no
  article is deleted).
"""
from __future__ import annotations

import difflib
import re

from django.db import transaction
from django.utils import timezone

from events.models import Article, ArticleVersion, Event, Import, Issue

VERSION_SIMILAR = 0.9
VERSION_SIMILAR_WITH_HEADLINE = 0.5
# Without the same headline, only texts of some length are compared: two short distinct notes ("Paragraph one
# of story 3." / "... story 4.") can be 80 % alike; an edit of a real article (hundreds of words) is over 95 %.
VERSION_MIN_WORDS = 30
_WORD = re.compile(r"\S+")


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1: difflib's ratio over their words (whitespace differences ignored)."""
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    if not words_a and not words_b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    if matcher.real_quick_ratio() < VERSION_SIMILAR_WITH_HEADLINE:
        return matcher.real_quick_ratio()
    return matcher.ratio()


def previous_version(issue_id: int, headline: str, body: str, exclude_id: int | None = None) -> Article | None:
    """The article of the issue that a text with this headline and body replaces, or None."""
    best, best_score = None, 0.0
    candidates = Article.objects.filter(issue_id=issue_id).only("id", "headline", "body", "version",
                                                                "content_hash", "source_name", "ingested_at",
                                                                "import_run_id", "issue_id", "processed_at")
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    long_enough = len(_WORD.findall(body)) >= VERSION_MIN_WORDS
    for candidate in candidates:
        score = _version_score(candidate, headline, body, long_enough)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _version_score(candidate: Article, headline: str, body: str, long_enough: bool) -> float:
    """How surely the text replaces `candidate`: its similarity, plus 1 with the same headline; 0 when it is
    not a version (see the module doc for the rule)."""
    same_headline = bool(headline) and candidate.headline.strip().lower() == headline.strip().lower()
    if not same_headline and not (long_enough and len(_WORD.findall(candidate.body)) >= VERSION_MIN_WORDS):
        return 0.0
    score = similarity(candidate.body, body)
    if (long_enough and score >= VERSION_SIMILAR) or (same_headline and score >= VERSION_SIMILAR_WITH_HEADLINE):
        return score + (1.0 if same_headline else 0.0)
    return 0.0


def _sentence_in(body: str, sentence: str, near: int) -> int | None:
    """Where `sentence` is in `body` (the occurrence nearest `near`), exactly or with any whitespace between its
    words (a non-breaking space, a re-wrapped line); None when it is not there."""
    hits = []
    start = body.find(sentence)
    while start >= 0:
        hits.append((start, start + len(sentence)))
        start = body.find(sentence, start + 1)
    if not hits:
        words = _WORD.findall(sentence)
        if not words:
            return None
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        hits = [(m.start(), m.end()) for m in pattern.finditer(body)]
    if not hits:
        return None
    return min(hits, key=lambda hit: abs(hit[0] - near))


def carry_events(article: Article, new_body: str, version: int) -> tuple[int, int]:
    """Move the article's events to their sentences in `new_body` (before it is processed). Returns (moved,
    flagged): events whose sentence is gone get a key no new mention can have; editor-touched ones are flagged
    for review (the others are deleted by the processing, as any mention no longer extracted)."""
    moved = flagged = 0
    events = list(Event.objects.filter(article=article).order_by("id"))
    taken = set()
    for event in events:
        place = _new_place(event, new_body)
        if place is not None and place[0] not in taken:
            taken.add(place[0])
            _move_event(event, *place)
            moved += 1
        else:
            flagged += _mark_gone(event, version)
    # Two passes: every key first becomes unique and temporary, so no swap can hit the unique constraint.
    for event in events:
        Event.objects.filter(pk=event.pk).update(extraction_key=f"tmp:{event.pk}")
    if events:
        Event.objects.bulk_update(events, ["extraction_key", "sentence_start", "sentence_end", "sentence",
                                           "date_text_start", "date_text_end", "needs_review", "review_note"])
    return moved, flagged


def _new_place(event: Event, new_body: str):
    """(key, sentence start, end, sentence, date phrase's offset in it) of the event in the new text, or None
    when its sentence or its date phrase is not there."""
    hit = _sentence_in(new_body, event.sentence, event.sentence_start)
    if hit is None:
        return None
    start, end = hit
    sentence = new_body[start:end]
    relative = event.date_text_start - event.sentence_start
    date_at = sentence.find(event.date_text, max(0, relative - 20))
    if date_at < 0:
        date_at = sentence.find(event.date_text)
    if date_at < 0:
        return None
    return f"{start}:{start + date_at}", start, end, sentence, date_at


def _move_event(event: Event, key: str, start: int, end: int, sentence: str, date_at: int) -> None:
    event.sentence_start, event.sentence_end, event.sentence = start, end, sentence
    event.date_text_start = start + date_at
    event.date_text_end = event.date_text_start + len(event.date_text)
    event.extraction_key = key


def _mark_gone(event: Event, version: int) -> int:
    """A key no new mention can have; an editor-touched event is flagged for review (returns 1 then)."""
    event.extraction_key = f"v{version}-gone:{event.pk}"[:100]
    if not (event.corrected_fields or event.hidden):
        return 0
    event.needs_review = True
    event.review_note = (f"Its sentence is not in version {version + 1} of the article; the editor's "
                         f"correction is kept: check it against the new text.")
    return 1


def _evidence(article, body):
    from events.services.calendar import evidence_for_text

    issue = Issue.objects.get(pk=article.issue_id)
    return evidence_for_text(issue.volume, issue.number, body)


def make_new_version(article: Article, headline: str, body: str, digest: str, source_name: str,
                     import_run_id=None) -> Article:
    """Keep the article's current text as a version and give it the new one (inside the caller's transaction;
    the caller processes it again)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    ArticleVersion.objects.create(
        article=article, number=article.version, headline=article.headline, body=article.body,
        content_hash=article.content_hash, source_name=article.source_name, ingested_at=article.ingested_at,
        import_run_id=article.import_run_id, replaced_at=timezone.now())
    carry_events(article, body, article.version)
    article.headline, article.body, article.content_hash = headline, body, digest
    article.source_name, article.version = source_name, article.version + 1
    article.ingested_at = timezone.now()
    article.import_run_id = import_run_id
    article.calendar_evidence = _evidence(article, body)
    article.save(update_fields=["headline", "body", "content_hash", "source_name", "version", "ingested_at",
                                "import_run", "calendar_evidence"])
    return article


def _refit(volumes):
    """Fit the calendars of these volumes again (their articles' texts changed: events.services.calendar)."""
    from events.services.calendar import refit_volumes

    if volumes:
        refit_volumes(sorted(set(volumes)))


def _reprocess(article):
    from events.services.extraction import process_article

    article = Article.objects.select_related("issue").get(pk=article.pk)
    result = process_article(article)
    _refit([article.issue.volume])
    return result


def _delete_articles(articles) -> list[str]:
    from events.services.threads import recompute_threads

    removed = []
    for article in articles:
        thread_ids = set(Event.objects.filter(article=article).exclude(thread=None).values_list("thread_id", flat=True))
        n_events = Event.objects.filter(article=article).count()
        issue_id = article.issue_id
        removed.append(f"article #{article.pk} {article} ({article.issue}, {n_events} event(s))")
        article.delete()
        recompute_threads(thread_ids)
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        volume = issue.volume
        if not issue.articles.exists():
            issue.delete()
        _refit([volume])
    return removed


@transaction.atomic
def delete_article(article: Article, *, user=None, reason: str = "") -> str:
    """Delete an article with its events (each event's deletion is in its history); threads recomputed."""
    [summary] = _delete_articles([Article.objects.select_for_update().get(pk=article.pk)])
    return summary


def start_import(kind: str, user=None, description: str = "") -> Import:
    return Import.objects.create(kind=kind, user=user if getattr(user, "is_authenticated", False) else None,
                                 description=description[:500])


def finish_import(import_run: Import, report) -> Import:
    import_run.articles_new = Article.objects.filter(import_run=import_run, version=1).count()
    import_run.versions_new = Article.objects.filter(import_run=import_run, version__gt=1).count()
    import_run.summary = report.summary()[:2000]
    import_run.save(update_fields=["articles_new", "versions_new", "summary"])
    return import_run


def import_for_job(job) -> Import:
    """The Import of an import-page job (created with its first file)."""
    import_run = Import.objects.filter(job=job).first()
    if import_run is None:
        names = ", ".join(job.items.order_by("position").values_list("name", flat=True)[:20])
        import_run = Import.objects.create(kind=Import.Kind.UPLOAD, user=job.created_by,
                                           description=f"job #{job.pk}: {names}"[:500], job=job)
    return import_run


def tidy_import(import_run: Import) -> None:
    """Update an Import's counts; one that stored nothing (yet) is not kept."""
    import_run.articles_new = Article.objects.filter(import_run=import_run, version=1).count()
    import_run.versions_new = Article.objects.filter(import_run=import_run, version__gt=1).count()
    if not (import_run.articles_new or import_run.versions_new):
        import_run.delete()
    else:
        import_run.save(update_fields=["articles_new", "versions_new"])


class UndoError(Exception):
    pass


@transaction.atomic
def undo_import(import_run: Import, *, user=None, reason: str = "") -> str:
    """Remove what one import added, in one transaction: its new articles (with their events) deleted, its new
    versions rolled back to the text before (corrections carried as for a new version). Returns a summary, also
    kept on the Import with who, when and why."""
    import_run = Import.objects.select_for_update().get(pk=import_run.pk)
    if import_run.undone_at is not None:
        raise UndoError(f"Import #{import_run.pk} was already undone on {import_run.undone_at:%Y-%m-%d %H:%M}.")
    current = list(Article.objects.select_for_update().filter(import_run=import_run).order_by("pk"))
    added = [a for a in current if a.version == 1]
    lines = _delete_articles(added)
    for article in [a for a in current if a.version > 1]:
        before = article.versions.order_by("-number").first()
        carry_events(article, before.body, article.version)
        lines.append(f"article #{article.pk} {article}: back to version {before.number} (from {article.version})")
        article.headline, article.body, article.content_hash = before.headline, before.body, before.content_hash
        article.source_name, article.version, article.ingested_at = before.source_name, before.number, before.ingested_at
        article.import_run_id = before.import_run_id
        article.calendar_evidence = _evidence(article, before.body)
        before.delete()
        article.save(update_fields=["headline", "body", "content_hash", "source_name", "version", "ingested_at",
                                    "import_run", "calendar_evidence"])
        _reprocess(article)
    # Texts this import made into older versions of articles later replaced again are left as they are.
    superseded = ArticleVersion.objects.filter(import_run=import_run).count()
    if superseded:
        lines.append(f"{superseded} version(s) from this import were already replaced by a later import: kept")
    summary = "; ".join(lines) or "nothing to remove"
    import_run.undone_at = timezone.now()
    import_run.undone_by = user if getattr(user, "is_authenticated", False) else None
    import_run.undo_reason = reason
    import_run.undo_summary = summary
    import_run.save(update_fields=["undone_at", "undone_by", "undo_reason", "undo_summary"])
    return summary
