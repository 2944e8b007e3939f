"""Ingest: archive files -> Issue and Article rows, one transaction per article.

Used by `manage.py ingest` and by the staff upload page (`ingest_text`). Each article is stored
atomically together with what `process_article` extracts from it, so a failure leaves no partial rows
for that article and the run goes on. Ingesting the same text again is a no-op reported as
"unchanged" (Article.content_hash is unique), also when two ingests race each other.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

from events.extraction.articles import (
    ArticleFileError, ParsedArticle, display_name, parse_article_bytes, read_article_file,
)
from events.extraction.calendar import provisional_date
from events.models import Article, ArticleVersion, CalendarDay, Import, Issue
from events.services.calendar import CalendarReport, evidence_for_text, refit_volumes
from events.services.extraction import CAP_WARNING, process_article

NEW = "new"
VERSION = "version"  # a new version of an article already stored (events.services.versions)
UNCHANGED = "unchanged"
FAILED = "failed"
SOURCE_NAME_MAX = 255


@dataclass
class FileResult:
    name: str
    new: int = 0
    versions: int = 0  # articles given a new version of their text
    unchanged: int = 0
    failed: int = 0  # articles that could not be stored (1 for a file that could not be read at all)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    volumes: set = field(default_factory=set)  # volumes with new articles: their calendars are fitted again

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    import_id: int | None = None  # the Import that recorded the run (None when it stored nothing)
    stopped: str = ""  # why the run stopped early (the database went away), else ""
    calendar: CalendarReport = field(default_factory=CalendarReport)  # the fit after the new articles

    @property
    def files_read(self) -> int:
        return len(self.files)

    @property
    def files_failed(self) -> int:
        return sum(1 for f in self.files if not f.ok)

    @property
    def articles_new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def articles_versions(self) -> int:
        return sum(f.versions for f in self.files)

    @property
    def articles_unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    @property
    def articles_failed(self) -> int:
        return sum(f.failed for f in self.files)

    @property
    def warnings(self) -> list[str]:
        return [f"{f.name}: {w}" for f in self.files for w in f.warnings]

    @property
    def ok(self) -> bool:
        return self.files_failed == 0 and not self.stopped

    def summary(self) -> str:
        versions = f"new versions: {self.articles_versions}, " if self.articles_versions else ""
        text = (f"files read: {self.files_read}, articles new: {self.articles_new}, {versions}"
                f"unchanged: {self.articles_unchanged}, failed: {self.articles_failed} "
                f"(files failed: {self.files_failed}, warnings: {len(self.warnings)})")
        if self.calendar.volumes:
            text += "\n" + self.calendar.summary()
        return text

    def fit_calendars(self):
        """Fit the calendars of the volumes that received new articles (after every ingest run). A failure
        here is reported, never raised: the articles stay stored with their provisional dates."""
        volumes = sorted(set().union(*(f.volumes for f in self.files))) if self.files else []
        if not volumes:
            return
        try:
            self.calendar = refit_volumes(volumes)
        except Exception as error:  # pragma: no cover - a bug in the fit must not lose the ingest
            self.calendar = CalendarReport(warnings=[f"calendar not fitted: {type(error).__name__}: {error}"])


def collect_files(paths) -> list[Path]:
    """Files as given, and every *.txt (any case: .TXT, .Txt) under the folders given, sorted within each folder."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".txt" and p.is_file()))
        else:
            found.append(path)
    return found


def ingest_paths(paths, progress=True, jobs=1, user=None, record=True) -> IngestReport:
    """Ingest files and folders (recursing for *.txt); a failed file does not stop the others.

    `jobs` > 1: that many worker processes (forked, each with its own database connection) take the files
    one at a time; the report lists the files in the same order as with one process. Concurrent ingests
    are safe (issue row lock, unique text hash, linking lock), so the stored result is the same; thread
    linking follows the order the articles commit in (see docs/ingest.md on ingest order).
    """
    files = collect_files(paths)
    report = IngestReport()
    if record:
        # One Import per run (what it added can be undone: events.services.versions.undo_import).
        with _recording(Import.Kind.COMMAND, user, ", ".join(display_name(p) for p in paths), report):
            return _ingest_files(files, report, progress, jobs)
    return _ingest_files(files, report, progress, jobs)


def _ingest_files(files, report, progress, jobs):
    show = progress and sys.stderr.isatty()
    if len(files) >= PREFIT_MIN_FILES:
        _prefit(files, show)
    if jobs > 1 and len(files) > 1:
        results = _ingest_in_workers(files, min(jobs, len(files)))
    else:
        results = (_ingest_path(path) for path in files)
    try:
        for result in tqdm(results, total=len(files), desc="ingest", unit="file", file=sys.stderr,
                           disable=not show):
            report.files.append(result)
    except DatabaseUnavailable as error:
        # Stored articles stay stored (one transaction each); a re-run skips them as unchanged.
        report.stopped = (f"database unavailable: {error}; stopped after {len(report.files)} of {len(files)} "
                          "files (what was stored is kept: run the same command again to resume)")
        return report
    report.fit_calendars()
    return report


# A batch of this many files or more has its volumes' calendars fitted before it is stored (see _prefit).
PREFIT_MIN_FILES = 2


def _prefit(files, show):
    """Fit the batch's volumes from its dating evidence before storing it (services.calendar.prefit_calendars):
    read once more, a file costs a parse and the evidence regexes (well under a millisecond an article), while
    an issue re-dated by the end-of-run fit costs a second extraction of each of its articles. Files that
    cannot be read are skipped here (the ingest reports them); a failure here only loses the head start."""
    from events.services.calendar import prefit_calendars

    evidence = {}
    for path in tqdm(files, desc="calendar evidence", unit="file", file=sys.stderr, disable=not show):
        try:
            parsed = read_article_file(path)
        except ArticleFileError:
            continue
        for article in parsed.articles:
            evidence.setdefault((article.volume, article.number), []).extend(
                evidence_for_text(article.volume, article.number, article.body))
    try:
        prefit_calendars(evidence)
    except (OperationalError, InterfaceError):
        pass  # the database is down: the ingest itself stops with one message (DatabaseUnavailable)
    except Exception:  # a bug must not stop the ingest: logged, the end-of-run fit dates the issues
        logging.getLogger(__name__).exception("calendar prefit failed; issues keep provisional dates until the fit")


def _ingest_path(path) -> FileResult:
    return _ingest_file(display_name(path), lambda: read_article_file(path))


def _ingest_in_workers(files, jobs):
    import multiprocessing

    from django.db import connections

    # The workers are forked: none may inherit this process's open connection (each opens its own).
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start) as pool:
        yield from pool.imap(_ingest_path, files, chunksize=1)


def _worker_start():
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.connection = None  # inherited from the parent (already closed there): never used here


def ingest_text(name: str, data: bytes, import_run=None) -> IngestReport:
    """Ingest one uploaded file given its name and raw bytes (into `import_run`, else an Import of its own)."""
    name = display_name(name)
    report = IngestReport()
    with _recording(Import.Kind.UPLOAD, None, name, report, import_run):
        report.files.append(_ingest_file(name, lambda: parse_article_bytes(name, data)))
    report.fit_calendars()
    return report


class _recording:
    """Within it, stored articles belong to an Import (created here unless given), whose counts are updated
    at the end; an import that stored nothing is not kept."""

    def __init__(self, kind, user, description, report, import_run=None):
        self.kind, self.user, self.description, self.report = kind, user, description, report
        self.import_run, self.own = import_run, import_run is None

    def __enter__(self):
        global _current_import_id
        from events.services.versions import start_import

        if self.import_run is None:
            try:
                self.import_run = start_import(self.kind, self.user, self.description)
            except (OperationalError, InterfaceError):
                # The database is away: the run itself stops with one message (DatabaseUnavailable).
                self.import_run = None
        self.previous = _current_import_id
        _current_import_id = self.import_run.pk if self.import_run is not None else None
        return self.import_run

    def __exit__(self, *exc):
        global _current_import_id
        from events.services.versions import finish_import

        _current_import_id = self.previous
        if self.import_run is None:
            return False
        try:
            imported = finish_import(self.import_run, self.report)
            if self.own and not (imported.articles_new or imported.versions_new):
                imported.delete()
            else:
                self.report.import_id = imported.pk
        except Exception:  # noqa: BLE001 - the database went away: the run's own error says so
            pass
        return False


def _ingest_file(name, parse) -> FileResult:
    name = display_name(name)
    result = FileResult(name)
    try:
        parsed = parse()
    except ArticleFileError as error:
        result.errors.append(error.reason)
        result.failed = 1
        return result
    result.warnings.extend(parsed.warnings)
    # Each article of a file succeeds or fails on its own: the parser's refusals are this file's failures.
    result.failed += len(parsed.failures)
    result.errors.extend(parsed.failures)
    for parsed_article in parsed.articles:
        try:
            notes = []
            status, article_id = store_article(parsed_article, source_name=Path(name).name, warnings=notes)
        except (OperationalError, InterfaceError) as error:
            if not database_reachable():
                raise DatabaseUnavailable(str(error).strip().splitlines()[0] if str(error).strip() else
                                          type(error).__name__) from error
            result.failed += 1
            result.errors.append(f"line {parsed_article.line} (Vol {parsed_article.volume} No "
                                 f"{parsed_article.number}): not stored: {type(error).__name__}: {error}")
            continue
        except Exception as error:  # one bad article must not stop the file or the run
            result.failed += 1
            result.errors.append(f"line {parsed_article.line} (Vol {parsed_article.volume} No "
                                 f"{parsed_article.number}): not stored: {type(error).__name__}: {error}")
            continue
        result.warnings.extend(f"line {parsed_article.line}: {note}" for note in notes)
        if status == NEW:
            result.new += 1
            result.volumes.add(parsed_article.volume)
        elif status == VERSION:
            result.versions += 1
            result.volumes.add(parsed_article.volume)  # its text changed: the volume's calendar is fitted again
        else:
            result.unchanged += 1
        result.article_ids.append(article_id)
    return result


class DatabaseUnavailable(Exception):
    """The database cannot be reached: the run stops (every further file would fail the same way)."""


def database_reachable() -> bool:
    """After a connection-level error: can a fresh connection run a query?"""
    try:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure here means: not reachable
        return False


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


def store_article(parsed: ParsedArticle, source_name: str, warnings: list | None = None) -> tuple[str, int]:
    """Store one parsed article with its extraction, atomically. Returns (NEW, VERSION or UNCHANGED, article id).
    A changed text of an article already stored is a new VERSION of it (events.services.versions): the same
    article row takes the new text, its editors' corrections carried over. Plausibility warnings of the
    extraction (the events-per-article cap) are added to `warnings`."""
    digest = content_hash(parsed.volume, parsed.number, parsed.headline, parsed.body)
    if connection.vendor != "postgresql":
        return _store_article_orm(parsed, source_name, digest, warnings)
    with transaction.atomic():
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
    evidence = json.dumps(evidence_for_text(parsed.volume, parsed.number, parsed.body))
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
                    calendar_evidence=evidence_for_text(parsed.volume, parsed.number, parsed.body))
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
