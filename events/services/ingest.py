"""Ingest: archive files -> Issue and Article rows, one transaction per article.

Used by `manage.py ingest` and by the staff upload page (`ingest_text`). Each article is stored
atomically together with what `process_article` extracts from it, so a failure leaves no partial rows
for that article and the run goes on. Ingesting the same text again is a no-op reported as
"unchanged" (Article.content_hash is unique), also when two ingests race each other. Storing one article
(issue, article, versions, extraction) is events.services.article_store; this module reads the files,
runs the batch (in worker processes with --jobs), records the Import and fits the calendars at the end.
"""
from __future__ import annotations

import gc
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.db import InterfaceError, OperationalError, connection
from tqdm import tqdm

from events.extraction.articles import ArticleFileError, display_name, parse_article_bytes, read_article_file
from events.models import Import
from events.services import article_store, dirty_keys
from events.services.article_store import (  # noqa: F401 - re-exported: callers import them from here
    NEW, SOURCE_NAME_MAX, UNCHANGED, VERSION, content_hash, store_article,
)
from events.services.calendar import CalendarReport, evidence_for_text, refit_volumes
from events.services.mention_actors import forget_actors

FAILED = "failed"


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


# A batch's happenings and search documents are recomputed every this many files and at its end
# (dirty_keys.defer: not at each article's commit).
DEFERRED_FLUSH_EVERY = 500


def _ingest_files(files, report, progress, jobs):
    show = progress and sys.stderr.isatty()
    parsed = _ParsedFiles(files)
    try:
        batch = _prefit(parsed, show) if len(files) >= PREFIT_MIN_FILES else None
        return _store_files(files, report, show, jobs, batch, parsed)
    finally:
        article_store.forget_evidence()
        forget_actors()


def _file_results(files, jobs, batch, parsed):
    """(the FileResults of storing `files`, as an iterator; whether the collector was frozen for it)."""
    parsed = parsed if parsed is not None else _ParsedFiles(files)
    if jobs > 1 and len(files) > 1:
        parsed.forget()  # the workers read their files themselves
        return _ingest_in_workers(files, min(jobs, len(files))), False
    if batch and EXTRACT_AHEAD:  # one process: each next article extracted while this one is stored
        return _ingest_extracting_ahead(files, batch, parsed), _freeze_collector()
    return (_ingest_path(path, defer_text=True, parse=lambda index=index: parsed.parsed(index))
            for index, path in enumerate(files)), False


def _store_files(files, report, show, jobs, batch=None, parsed=None):
    results, frozen = _file_results(files, jobs, batch, parsed)
    try:
        for done, result in enumerate(tqdm(results, total=len(files), desc="ingest", unit="file",
                                           file=sys.stderr, disable=not show), 1):
            report.files.append(result)
            if done % DEFERRED_FLUSH_EVERY == 0:
                dirty_keys.flush_deferred()
        _stop_deferring()
        dirty_keys.flush_deferred()
    except DatabaseUnavailable as error:
        _stop_deferring()  # what was stored keeps its marks: the next run's flush recomputes them
        # Stored articles stay stored (one transaction each); a re-run skips them as unchanged.
        report.stopped = (f"database unavailable: {error}; stopped after {len(report.files)} of {len(files)} "
                          "files (what was stored is kept: run the same command again to resume)")
        return report
    finally:
        if frozen:
            gc.unfreeze()
    report.fit_calendars()
    return report


def _freeze_collector() -> bool:
    """The objects alive before a one-process batch (the gazetteer, the modules: ~150,000) are set aside from the
    cyclic garbage collector until the batch ends (_store_files unfreezes them): each full collection during
    the batch (one per ~100-200 articles) scanned them all, ~80 ms each. Returns True."""
    gc.freeze()
    return True


def _stop_deferring():
    try:
        dirty_keys.defer(False)
    except (OperationalError, InterfaceError):
        pass  # a new connection starts without the deferral


# A one-process batch (the prefit ran) extracts each next article while this one is stored (extract_ahead);
# False: one thread (scripts/bench_ingest.py --no-extract-ahead measures the difference).
EXTRACT_AHEAD = True

# How many articles after the one being stored are extracted ahead (events/services/extract_ahead.py). While
# the storing thread waits for PostgreSQL the extraction thread runs; with only the next article queued it went
# idle as soon as that one was done, however long the wait, so the waits were lost whenever an article's storing
# took longer than the next one's extraction. A few queued articles keep it busy through every wait.
AHEAD_DEPTH = 4

# A batch of this many files or more has its volumes' calendars fitted before it is stored (see _prefit).
PREFIT_MIN_FILES = 2


# The files the prefit parsed are kept for storing them (each file parsed once) while their texts total at most
# this many characters; a larger batch parses the rest again when it stores them.
PARSED_KEEP_CHARS = 64_000_000


class _ParsedFiles:
    """The batch's files, each read and parsed once (by the prefit, or when it is stored) and kept until it is
    stored, within PARSED_KEEP_CHARS; a file that cannot be read keeps its ArticleFileError, raised again."""

    def __init__(self, files):
        self.files, self.kept, self.chars = files, {}, 0  # kept: file index -> (ParsedFile or error, size)

    def read(self, index):
        """The ParsedFile of file `index`, or the ArticleFileError reading it raised (kept when there is room)."""
        if index in self.kept:
            return self.kept[index][0]
        try:
            found = read_article_file(self.files[index])
        except ArticleFileError as error:
            found = error
        size = sum(len(a.body) + len(a.headline) for a in getattr(found, "articles", ()))
        if self.chars + size <= PARSED_KEEP_CHARS:
            self.kept[index] = (found, size)
            self.chars += size
        return found

    def parsed(self, index):
        """The ParsedFile of file `index` (its ArticleFileError raised), no longer kept: it is being stored."""
        found = self.read(index)
        self.done(index)
        if isinstance(found, ArticleFileError):
            raise found
        return found

    def done(self, index):
        self.chars -= self.kept.pop(index, (None, 0))[1]

    def forget(self):
        self.kept.clear()
        self.chars = 0


def _prefit(parsed_files, show):
    """Fit the batch's volumes from its dating evidence before storing it (services.calendar.prefit_calendars):
    a file costs the evidence regexes (well under a millisecond an article; its parse is kept for storing it,
    _ParsedFiles), while an issue re-dated by the end-of-run fit costs a second extraction of each of its
    articles. Files that cannot be read are skipped here (the ingest reports them); a failure here only loses
    the head start."""
    from events.services.calendar import prefit_calendars

    evidence, digests = {}, []
    for index in tqdm(range(len(parsed_files.files)), desc="calendar evidence", unit="file", file=sys.stderr,
                      disable=not show):
        parsed = parsed_files.read(index)
        if isinstance(parsed, ArticleFileError):
            continue
        for article in parsed.articles:
            found = evidence_for_text(article.volume, article.number, article.body)
            evidence.setdefault((article.volume, article.number), []).extend(found)
            # kept for storing the article (article_store takes it instead of computing it again)
            digest = content_hash(article.volume, article.number, article.headline, article.body)
            article_store.remember_evidence(digest, found)
            digests.append(digest)
    try:
        prefit_calendars(evidence)
        return _BatchGuess.load({volume for volume, _ in evidence}, digests)
    except (OperationalError, InterfaceError):
        pass  # the database is down: the ingest itself stops with one message (DatabaseUnavailable)
    except Exception:  # a bug must not stop the ingest: logged, the end-of-run fit dates the issues
        logging.getLogger(__name__).exception("calendar prefit failed; issues keep provisional dates until the fit")
    return None


class _BatchGuess:
    """What a batch's articles will be stored with, guessed before the run for extracting them ahead: each
    issue's date (a stored issue's, else the calendar day's the prefit just wrote, else the prior's: as
    article_store gives a new issue) and which texts are stored already (not extracted ahead: they are
    skipped as unchanged). Only a guess: the extraction ahead is used only when the anchor matches."""

    def __init__(self, dates, stored):
        self.dates, self.stored = dates, stored

    @classmethod
    def load(cls, volumes, digests):
        from events.models import Article, ArticleVersion, CalendarDay, Issue

        volumes = sorted(volumes)
        dates = {(v, n): d for v, n, d in CalendarDay.objects.filter(
            volume__in=volumes, number__isnull=False).values_list("volume", "number", "date")}
        dates.update(((v, n), d) for v, n, d in Issue.objects.filter(volume__in=volumes).values_list(
            "volume", "number", "date"))
        stored = set()
        for start in range(0, len(digests), 2000):
            chunk = digests[start:start + 2000]
            stored.update(Article.objects.filter(content_hash__in=chunk).values_list("content_hash", flat=True))
            stored.update(ArticleVersion.objects.filter(content_hash__in=chunk).values_list("content_hash", flat=True))
        return cls(dates, stored)

    def anchor(self, article):
        from events.extraction.calendar import provisional_date

        date = self.dates.get((article.volume, article.number))
        return date if date is not None else provisional_date(article.volume, article.number)

    def worth_extracting(self, article) -> bool:
        return content_hash(article.volume, article.number, article.headline, article.body) not in self.stored


def _ingest_extracting_ahead(files, batch, parsed_files):
    """As (_ingest_path(path) for path in files), with each article's next one (the next file's first after a
    file's last) extracted on a second thread while it is stored (events.services.extract_ahead: a result is
    used only for the article's own text, issue date and gazetteer). Each file is parsed once (_ParsedFiles)."""
    from events.services.extract_ahead import ExtractionAhead

    with ExtractionAhead() as ahead:
        files_ahead = _FilesAhead(files, batch, ahead, parsed_files)
        if connection.vendor == "postgresql" and BATCH_ARTICLES > 1:
            start = 0
            while start < len(files):
                start, results = _store_batch(files, start, files_ahead)
                yield from results
            return
        for index, path in enumerate(files):
            yield _ingest_path(path, defer_text=True, parse=lambda index=index: files_ahead.parsed(index),
                               before_article=lambda position, articles, index=index:
                               files_ahead.before_article(index, position, articles))
            files_ahead.done(index)


# A one-process batch ingest (PostgreSQL) stores its files in transactions of about this many articles (whole
# files) instead of one transaction per article: the BEGIN and COMMIT round trips and the commit's work are paid
# once per batch. Each article stays all-or-nothing: when any article of a batch fails, the batch is rolled back
# and its files are stored again one transaction per article, so the failure is that article's alone.
# 1: one transaction per article throughout.
BATCH_ARTICLES = 20


class _BatchFailed(Exception):
    """An article of a batch transaction failed: the batch is rolled back and stored one article at a time."""


def _store_batch(files, start, files_ahead):
    """Files from `start` stored in one transaction until it holds BATCH_ARTICLES articles (at least one
    file). Returns (the index of the next file, their FileResults), the results only once committed."""
    from django.db import transaction

    from events.services.gazetteer import get_gazetteer_snapshot

    results, index = [], start
    _defer_text()  # outside the transaction: a setting made in one that rolls back is undone
    try:  # built (or checked) outside the transaction: a snapshot built inside one is checked at every
        get_gazetteer_snapshot()  # use until that transaction commits
    except (OperationalError, InterfaceError):
        pass  # the database is down: storing the files says so
    try:
        with transaction.atomic(), article_store.batched():
            while index < len(files) and sum(r.new + r.versions + r.unchanged for r in results) < BATCH_ARTICLES:
                results.append(_ingest_path(
                    files[index], defer_text=False, parse=lambda index=index: files_ahead.parsed(index),
                    before_article=lambda position, articles, index=index:
                    files_ahead.before_article(index, position, articles)))
                index += 1
    except (_BatchFailed, OperationalError, InterfaceError) as error:
        # Rolled back (an article failed, or the transaction could not begin or commit): the files so far, the
        # failing one included, stored again one transaction per article (those committed meanwhile, if the
        # commit's answer was lost, are then unchanged); the database gone stops the run there.
        index += isinstance(error, _BatchFailed)
        results = [_ingest_path(files[i], defer_text=True, parse=lambda i=i: files_ahead.parsed(i))
                   for i in range(start, max(index, start + 1))]
        index = max(index, start + 1)
    finally:
        for i in range(start, index):
            files_ahead.done(i)
    return index, results


class _FilesAhead:
    """The batch's files (parsed once, _ParsedFiles), and the articles to extract ahead of the one being stored."""

    def __init__(self, files, batch, ahead, parsed_files=None):
        self.files, self.batch, self.ahead = files, batch, ahead
        self.parsed_files = parsed_files if parsed_files is not None else _ParsedFiles(files)
        self.current = {}  # file index -> ParsedFile or ArticleFileError: the file being stored and the next one

    def _read(self, index):
        if index not in self.current:
            self.current[index] = self.parsed_files.read(index)
            self.parsed_files.done(index)  # held here until stored
        return self.current[index]

    def parsed(self, index):
        found = self._read(index)
        if isinstance(found, ArticleFileError):
            raise found
        return found

    def done(self, index):
        self.current.pop(index, None)

    def before_article(self, index, position, articles):
        """Before storing articles[position] of file `index`: extract it and the AHEAD_DEPTH next ones ahead
        (across the next files)."""
        from events.services.gazetteer import get_gazetteer_snapshot

        upcoming = self._upcoming(index, position, articles)
        try:
            gazetteer = get_gazetteer_snapshot().gazetteer  # the snapshot process_article will take
        except (OperationalError, InterfaceError):
            return  # the database is down: storing the article says so
        for article in upcoming:
            if self.batch.worth_extracting(article):
                self.ahead.submit(article.body, self.batch.anchor(article), gazetteer)

    def _upcoming(self, index, position, articles) -> list:
        """articles[position] and the AHEAD_DEPTH articles after it, in storing order (the next files' too)."""
        wanted = AHEAD_DEPTH + 1
        upcoming = list(articles[position:position + wanted])
        following = index + 1
        while len(upcoming) < wanted and following < len(self.files):
            found = self._read(following)
            if not isinstance(found, ArticleFileError):
                upcoming += list(found.articles[:wanted - len(upcoming)])
            following += 1
        return upcoming


def _ingest_path(path, defer_text=True, parse=None, before_article=None) -> FileResult:
    if defer_text:  # once per file: the worker's connection may be new (the deferral is per connection)
        _defer_text()
    return _ingest_file(display_name(path), parse or (lambda: read_article_file(path)), before_article)


def _defer_text():
    try:
        dirty_keys.defer(True)
    except (OperationalError, InterfaceError):
        pass  # the database is down: storing the file says so


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
        from events.services.versions import start_import

        if self.import_run is None:
            try:
                self.import_run = start_import(self.kind, self.user, self.description)
            except (OperationalError, InterfaceError):
                # The database is away: the run itself stops with one message (DatabaseUnavailable).
                self.import_run = None
        self.previous = article_store.set_current_import(
            self.import_run.pk if self.import_run is not None else None)
        return self.import_run

    def __exit__(self, *exc):
        from events.services.versions import finish_import

        article_store.set_current_import(self.previous)
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


def _ingest_file(name, parse, before_article=None) -> FileResult:
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
    for position, parsed_article in enumerate(parsed.articles):
        if before_article is not None:  # the batch's extraction ahead (_ingest_extracting_ahead)
            before_article(position, parsed.articles)
        _store_one(parsed_article, name, result)
    return result


def _store_one(parsed_article, name, result) -> None:
    """Store one article of a file, counted in `result` (a failure is this article's alone)."""
    try:
        notes = []
        status, article_id = store_article(parsed_article, source_name=Path(name).name, warnings=notes)
    except Exception as error:
        if article_store.in_batch():  # the batch's transaction is rolled back; its files are stored again alone
            raise _BatchFailed() from error
        _failed(parsed_article, error, result)
        return
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


def _failed(parsed_article, error, result) -> None:
    """Count a failed article in `result` (one bad article must not stop the file or the run); the database
    gone stops the run (DatabaseUnavailable)."""
    if isinstance(error, (OperationalError, InterfaceError)) and not database_reachable():
        raise DatabaseUnavailable(str(error).strip().splitlines()[0] if str(error).strip() else
                                  type(error).__name__) from error
    result.failed += 1
    result.errors.append(f"line {parsed_article.line} (Vol {parsed_article.volume} No "
                         f"{parsed_article.number}): not stored: {type(error).__name__}: {error}")


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
