"""Storing one parsed article (events.services.ingest reads the files and runs the batch): its issue
created or locked, the article inserted after the issue's last one, its extraction (process_article) in
the same transaction; the same text again is UNCHANGED (unique content hash, also when two ingests race),
an edited text of a stored article a new VERSION of it (events.services.versions).

PostgreSQL: two statements in one round trip (_issue_and_article); other databases: the ORM
(_store_article_orm). The articles stored belong to the running Import (set_current_import).
"""
from __future__ import annotations

import hashlib
import json
import threading

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from events.extraction.articles import ParsedArticle
from events.extraction.calendar import provisional_date
from events.models import Article, ArticleVersion, CalendarDay, Issue
from events.services.calendar import evidence_for_text
from events.services.extraction import CAP_WARNING, process_article

NEW = "new"
VERSION = "version"  # a new version of an article already stored (events.services.versions)
UNCHANGED = "unchanged"
SOURCE_NAME_MAX = 255


def content_hash(volume: int, number: int, headline: str, body: str) -> str:
    # Unit separators keep the fields apart, so no two different articles hash the same text.
    joined = "\x1f".join([str(volume), str(number), headline, body])
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _limit_warnings(result, warnings):
    if warnings is not None:
        warnings.extend(w for w in result.warnings if CAP_WARNING in w)


# The Import (events.models.Import) the articles stored now belong to: set by ingest_paths / ingest_text for
# the run (forked --jobs workers inherit it).
_current_import_id = None


def set_current_import(import_id):
    """Articles stored from now on belong to Import `import_id` (None: to none). Returns the previous one."""
    global _current_import_id
    previous, _current_import_id = _current_import_id, import_id
    return previous


# Calendar evidence already computed for a text (by a batch's prefit, events.services.ingest), by content hash:
# store_article takes it from here instead of computing it again (about 1.4 ms an article).
_known_evidence: dict[str, list] = {}


def remember_evidence(digest: str, evidence: list):
    _known_evidence[digest] = evidence


def forget_evidence():
    _known_evidence.clear()


def _evidence(parsed: ParsedArticle, digest: str) -> list:
    known = _known_evidence.pop(digest, None)
    return known if known is not None else evidence_for_text(parsed.volume, parsed.number, parsed.body)


# Set while a one-process batch ingest stores its articles in a transaction of several (ingest._store_batch):
# store_article then opens no transaction (nor savepoint: two round trips an article) of its own, and the
# batch, on any article's failure, rolls back and stores those articles again one transaction each. Per thread,
# as Django's transactions are: another thread of the process (a web upload) keeps its own transaction.
_batch_state = threading.local()


class batched:
    """Within it, store_article joins the caller's transaction (see _batch_state); use inside transaction.atomic().
    The threads' recomputed fields are written with the next article's first round trip (db.deferred_writes); the
    actors found by name are remembered for the next articles (mention_actors.remembering)."""

    def __enter__(self):
        from events.services.db import deferred_writes
        from events.services.mention_actors import remembering

        self.previous, _batch_state.active = in_batch(), True
        self.actors = remembering().__enter__()
        try:
            self.writes = deferred_writes().__enter__()
        except BaseException as error:
            self.actors.__exit__(type(error), error, None)
            _batch_state.active = self.previous
            raise
        return self

    def __exit__(self, *exc):
        try:
            self.writes.__exit__(*exc)
        except BaseException as error:
            exc = (type(error), error, None)
            raise
        finally:
            self.actors.__exit__(*exc)
            _batch_state.active = self.previous
        return False


def in_batch() -> bool:
    return getattr(_batch_state, "active", False)


def store_article(parsed: ParsedArticle, source_name: str, warnings: list | None = None) -> tuple[str, int]:
    """Store one parsed article with its extraction, atomically. Returns (NEW, VERSION or UNCHANGED, article id).
    A changed text of an article already stored is a new VERSION of it (events.services.versions): the same
    article row takes the new text, its editors' corrections carried over. Plausibility warnings of the
    extraction (the events-per-article cap) are added to `warnings`."""
    digest = content_hash(parsed.volume, parsed.number, parsed.headline, parsed.body)
    if connection.vendor != "postgresql":
        return _store_article_orm(parsed, source_name, digest, warnings)
    with transaction.atomic(savepoint=not in_batch()):
        # One round trip (events.services.db.run_statements): (1) an article with this text already
        # stored? If not, create the issue or lock its existing row until the transaction ends (serialises
        # concurrent ingests of one issue, as get_or_create + select_for_update did). (2) Then, with a fresh
        # snapshot taken after that lock (a concurrent ingest of the issue has committed by now), insert the
        # article after the issue's last one, skipping a text stored meanwhile (ON CONFLICT on the unique
        # content_hash).
        existing, issue, created, article = _issue_and_article(parsed, source_name, digest)
        if existing is not None:
            return UNCHANGED, existing
        if article is None:
            existing = _article_with_hash(digest)
            if existing is None:  # pragma: no cover - the conflict was on the hash, so the row exists
                raise IntegrityError(f"article {digest} neither inserted nor found")
            return UNCHANGED, existing
        if not created:
            replaced = _as_new_version(issue, article, parsed, digest, warnings)
            if replaced is not None:
                return VERSION, replaced
        # The issue keeps its provisional date (the stored calendar's) until the run's end, when its volume
        # is fitted again (IngestReport.fit_calendars) and moved dates are re-resolved.
        _limit_warnings(process_article(article, mark_processed=False), warnings)
        article.processed_at = article.ingested_at
    return NEW, article.id


def _as_new_version(issue, article, parsed, digest, warnings):
    """When the just-inserted `article` is an edited text of another article of its issue: that article takes
    the text as a new version and is processed again, the inserted row is dropped. Returns its id, or None."""
    from events.services.versions import make_new_version, previous_version

    previous = previous_version(issue.pk, parsed.headline, parsed.body, exclude_id=article.pk)
    if previous is None:
        return None
    Article.objects.filter(pk=article.pk).delete()  # no events yet: inserted in this transaction
    updated = make_new_version(previous, parsed.headline, parsed.body, digest, article.source_name,
                               _current_import_id)
    updated = Article.objects.select_related("issue").get(pk=updated.pk)
    _limit_warnings(process_article(updated), warnings)
    if warnings is not None:
        warnings.append(f"a new version (version {updated.version}) of article #{updated.pk} "
                        f"({updated.title}) stored in that article")
    return updated.pk


def _article_with_hash(digest: str):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {_ARTICLE} WHERE content_hash = %s UNION ALL SELECT article_id FROM "
                       f"{_VERSION} WHERE content_hash = %s LIMIT 1", [digest, digest])
        row = cursor.fetchone()
    return row[0] if row else None


_ISSUE = Issue._meta.db_table
_ARTICLE = Article._meta.db_table
_VERSION = ArticleVersion._meta.db_table
_ISSUE_HISTORY = Issue.history.model._meta.db_table
_CALENDAR_DAY = CalendarDay._meta.db_table
_ISSUE_COLUMNS = ("id", "volume", "number", "date", "date_method", "date_confidence", "date_note", "created_at")


def _issue_and_article(parsed: ParsedArticle, source_name: str, digest: str):
    """(id of the article already stored with this text or None, Issue or None, issue created?, Article or
    None when not inserted). Two statements in one round trip:

    1. unless the text is stored, INSERT the issue ... ON CONFLICT DO UPDATE, which takes the row lock on an
       existing row (waiting for a concurrent inserter to commit), like select_for_update; `xmax = 0` tells
       a fresh insert, which also gets its history record (as the ORM's save leaves);
    2. INSERT the article numbered after the issue's last one, ON CONFLICT (content_hash) DO NOTHING.
       processed_at is set here: the extraction runs in this same transaction (process_article with
       mark_processed=False), so the row is never visible unprocessed.
    """
    from events.services.db import run_statements

    fields = _provisional_fields(parsed)
    evidence = json.dumps(_evidence(parsed, digest))
    columns = ", ".join(_ISSUE_COLUMNS)
    now = timezone.now()
    # A new issue takes the stored calendar's date for its number when there is one (COALESCE), else the
    # prior calendar's; the volume's fit at the end of the run gives the final date.
    issue_sql = (
        # A text stored as an article, or as an older version of one, is unchanged.
        f"WITH ex AS (SELECT id FROM {_ARTICLE} WHERE content_hash = %s UNION ALL "
        f"SELECT article_id FROM {_VERSION} WHERE content_hash = %s LIMIT 1), "
        f"up AS (INSERT INTO {_ISSUE} (volume, number, date, date_method, date_confidence, date_note, created_at, "
        f"date_evidence, date_warnings) "
        f"SELECT %s, %s, COALESCE((SELECT date FROM {_CALENDAR_DAY} WHERE volume = %s AND number = %s), %s::date), "
        f"%s, %s, %s, %s, '[]'::jsonb, '[]'::jsonb WHERE NOT EXISTS (SELECT 1 FROM ex) ON CONFLICT (volume, number) "
        f"DO UPDATE SET volume = EXCLUDED.volume RETURNING {columns}, (xmax = 0) AS created), "
        f"h AS (INSERT INTO {_ISSUE_HISTORY} ({columns}, history_date, history_change_reason, history_type, "
        f"history_user_id) SELECT {columns}, %s, NULL, '+', NULL FROM up WHERE created) "
        f"SELECT (SELECT id FROM ex), up.* FROM (SELECT 1) AS one LEFT JOIN up ON TRUE")
    issue_params = [digest, digest, parsed.volume, parsed.number, parsed.volume, parsed.number, fields["date"],
                    fields["date_method"], fields["date_confidence"], fields["date_note"], now, now]
    source = source_name[:SOURCE_NAME_MAX]
    article_sql = (
        f"INSERT INTO {_ARTICLE} (issue_id, position, headline, body, source_name, content_hash, ingested_at, "
        f"processed_at, calendar_evidence, version, import_run_id) SELECT i.id, COALESCE((SELECT MAX(a.position) "
        f"FROM {_ARTICLE} a WHERE a.issue_id = i.id), 0) + 1, %s, %s, %s, %s, %s, %s, %s::jsonb, 1, %s FROM {_ISSUE} i "
        f"WHERE i.volume = %s AND i.number = %s AND NOT EXISTS (SELECT 1 FROM {_VERSION} v WHERE v.content_hash = %s) "
        f"ON CONFLICT (content_hash) DO NOTHING RETURNING id, position")
    article_params = [parsed.headline, parsed.body, source, digest, now, now, evidence, _current_import_id,
                      parsed.volume, parsed.number, digest]
    (issue_row,), article_rows = run_statements([(issue_sql, issue_params), (article_sql, article_params)])
    existing, issue_values, created = issue_row[0], issue_row[1:-1], issue_row[-1]
    if existing is not None:
        return existing, None, False, None
    issue = Issue(**dict(zip(_ISSUE_COLUMNS, issue_values)))
    issue._state.adding = False
    issue._state.db = connection.alias
    if not article_rows:
        return None, issue, created, None
    article = Article(id=article_rows[0][0], issue=issue, position=article_rows[0][1], headline=parsed.headline,
                      body=parsed.body, source_name=source, content_hash=digest, ingested_at=now, processed_at=None)
    article._state.adding = False
    article._state.db = connection.alias
    return None, issue, created, article


def _store_article_orm(parsed: ParsedArticle, source_name: str, digest: str, warnings=None) -> tuple[str, int]:
    """The same with the ORM (databases other than PostgreSQL)."""
    with transaction.atomic():
        issue = _locked_issue(parsed)
        # Checked again under the issue's lock: a concurrent ingest of the same issue has committed by now.
        existing = _article_with_hash(digest)
        if existing is not None:
            return UNCHANGED, existing
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    issue=issue, position=_next_position(issue), headline=parsed.headline, body=parsed.body,
                    source_name=source_name[:SOURCE_NAME_MAX], content_hash=digest, import_run_id=_current_import_id,
                    calendar_evidence=_evidence(parsed, digest))
        except IntegrityError:
            existing = Article.objects.filter(content_hash=digest).values_list("id", flat=True).first()
            if existing is None:
                raise
            return UNCHANGED, existing
        replaced = _as_new_version(issue, article, parsed, digest, warnings)
        if replaced is not None:
            return VERSION, replaced
        _limit_warnings(process_article(article), warnings)
    return NEW, article.id


def _locked_issue(parsed: ParsedArticle) -> Issue:
    """The issue row, created if needed, locked until the transaction ends (serialises concurrent ingests)."""
    # get_or_create retries the get after an IntegrityError inside its own savepoint, so two processes
    # creating the same issue at once end up with the one row (PostgreSQL blocks the second insert
    # until the first commits).
    issue, _ = Issue.objects.get_or_create(volume=parsed.volume, number=parsed.number,
                                           defaults=_provisional_fields(parsed, stored=True))
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _next_position(issue: Issue) -> int:
    return (issue.articles.aggregate(last=Max("position"))["last"] or 0) + 1


def _provisional_fields(parsed: ParsedArticle, stored: bool = False) -> dict:
    """Dating fields of a new issue until its volume is fitted at the end of the run."""
    if stored:
        from events.services.calendar import stored_date

        date = stored_date(parsed.volume, parsed.number)
    else:
        date = provisional_date(parsed.volume, parsed.number)
    return {"date": date, "date_method": Issue.DateMethod.CALENDAR, "date_confidence": 0.0,
            "date_note": "provisional (prior calendar): the volume's calendar is fitted when the ingest ends"}
