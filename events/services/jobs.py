"""Background jobs: imports of uploaded files, re-processing of articles, re-dating of an issue.

A Job (events.models) has items, the units of progress and of the report: an uploaded file (its bytes kept
in the row, so a worker on another machine can read it) or a batch of article ids. Creating a job writes
the Job, its items and a django-tasks task (`events.tasks.run_job_task`, database backend: a row in the same
transaction), so a job exists only together with its task. `manage.py jobs_worker` processes (any number,
on any machine sharing the database) take tasks with SELECT ... FOR UPDATE SKIP LOCKED and run them:

* run_job claims the job (queued -> running, one UPDATE, so two workers never run one job), then runs its
  pending items in order, each in its own transactions (an article is stored or re-processed atomically,
  as by `manage.py ingest` and `reprocess`), and records each item's outcome; a failing item fails alone;
* while it runs, a heartbeat thread stamps the job every few seconds (heartbeat_seconds); every worker looks for running
  jobs whose stamp is older than STALE_SECONDS (their worker was killed or lost the database) and queues
  them again (a new task), up to MAX_ATTEMPTS; the items already done stay done, so the job resumes;
* a worker asked to stop (SIGTERM, as systemd does) puts its running job back in the queue before the next
  item and exits;
* cancel: a queued job is cancelled at once; a running one stops before its next item (the items done
  stay done); retry: a finished job's failed and skipped items run again.

MONITOR_JOBS=inline (the default on SQLite, where no worker can share the database: scripts/run.sh) runs the
job at once inside the request instead of queueing it; the job page then shows it finished.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Article, Job, JobItem

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
REPROCESS_BATCH = 50  # articles per item of a re-processing job


def stale_seconds() -> float:
    """A running job whose heartbeat is older than this is taken to have lost its worker."""
    return float(os.environ.get("MONITOR_JOB_STALE_SECONDS", "60"))


# Set when the worker process is asked to stop (SIGTERM/SIGINT: jobs_worker): the running job is put back in
# the queue before its next item, for another worker (or this one after a restart) to finish.
stopping = threading.Event()


def heartbeat_seconds() -> float:
    """How often a running job is stamped: well within stale_seconds (at most every 5 s)."""
    return max(0.5, min(5.0, stale_seconds() / 4))


def inline() -> bool:
    return getattr(settings, "MONITOR_JOBS", "inline") == "inline"


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# -- creating ----------------------------------------------------------------------------------------

def create_import_job(files, user=None) -> Job:
    """`files`: [(name, bytes)] or [(name, None, message)] for a file refused before reading (too large)."""
    with transaction.atomic():
        job = Job.objects.create(kind=Job.Kind.IMPORT, created_by=_user(user),
                                 title=f"Import of {len(files)} file(s)")
        items = []
        for position, entry in enumerate(files, start=1):
            name, data = entry[0][:300], entry[1]
            if data is None:
                items.append(JobItem(job=job, position=position, name=name, status=JobItem.Status.FAILED, failed=1,
                                     messages=[entry[2]], finished_at=timezone.now()))
            else:
                items.append(JobItem(job=job, position=position, name=name, data=bytes(data)))
        JobItem.objects.bulk_create(items)
        _enqueue_unless_inline(job)
    return _started(job)


def create_reprocess_job(article_ids, user=None, kind=Job.Kind.REPROCESS, title="") -> Job:
    """Re-process these articles (corrections are kept), in items of REPROCESS_BATCH articles."""
    ids = sorted({int(pk) for pk in article_ids})
    with transaction.atomic():
        job = Job.objects.create(kind=kind, created_by=_user(user),
                                 title=title or f"Process {len(ids)} article(s) again")
        JobItem.objects.bulk_create([
            JobItem(job=job, position=n + 1, name=f"articles {batch[0]}-{batch[-1]} ({len(batch)})", article_ids=batch)
            for n, batch in enumerate(ids[i:i + REPROCESS_BATCH] for i in range(0, len(ids), REPROCESS_BATCH))])
        _enqueue_unless_inline(job)
    return _started(job)


def create_redate_job(issue, user=None) -> Job:
    """Re-process an issue's articles after its date changed (their relative dates resolve anew)."""
    ids = list(issue.articles.order_by("position", "pk").values_list("pk", flat=True))
    return create_reprocess_job(ids, user, kind=Job.Kind.REDATE,
                                title=f"Re-date Vol {issue.volume} No {issue.number} ({issue.date:%Y-%m-%d}): "
                                      f"{len(ids)} article(s)")


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _enqueue_unless_inline(job: Job) -> None:
    """Queue the job's task in the transaction that creates the job (both or neither are stored)."""
    if not inline() and job.items.filter(status=JobItem.Status.PENDING).exists():
        _enqueue(job.pk)


def _started(job: Job) -> Job:
    """After the job is stored: finished at once when nothing is left to run; run now when inline."""
    if not job.items.filter(status=JobItem.Status.PENDING).exists():
        _finish(job.pk, None)
    elif inline():
        run_job(job.pk, "inline")
    job.refresh_from_db()
    return job


def _enqueue(job_id: int) -> None:
    from events.tasks import run_job_task

    run_job_task.enqueue(job_id)


# -- running -----------------------------------------------------------------------------------------

def run_job(job_id: int, worker: str) -> str:
    """Claim and run a queued job (the task's body). Returns its final status, or "not claimed" when another
    worker has it or it is no longer queued (cancelled, finished)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, worker=worker[:200], heartbeat_at=now, started_at=Coalesce(F("started_at"), now),
        attempts=F("attempts") + 1, finished_at=None)
    if not claimed:
        return "not claimed"
    beat = _Heartbeat(job_id, worker) if worker != "inline" else None
    try:
        job = Job.objects.get(pk=job_id)
        delay = float(os.environ.get("MONITOR_JOB_ITEM_DELAY", "0") or 0)  # tests and demos: a slow job
        for item in job.items.filter(status=JobItem.Status.PENDING).order_by("position"):
            if Job.objects.filter(pk=job_id, cancel_requested=True).exists():
                _cancel_rest(job_id)
                return Job.Status.CANCELLED
            if stopping.is_set():
                return _requeue(job_id, worker, "queued again: its worker was stopped")
            if delay:
                time.sleep(delay)
            _run_item(job, item)
            Job.objects.filter(pk=job_id, worker=worker[:200]).update(heartbeat_at=timezone.now())
        return _finish(job_id, worker)
    finally:
        if beat is not None:
            beat.stop()


def _run_item(job: Job, item: JobItem) -> None:
    try:
        if job.kind == Job.Kind.IMPORT:
            _import_item(item)
        else:
            _reprocess_item(item)
    except Exception as error:  # one item must not stop the job: reported on the item
        logger.exception("job %s item %s failed", job.pk, item.position)
        item.status = JobItem.Status.FAILED
        item.failed = max(item.failed, 1)
        item.messages = [*item.messages, f"{type(error).__name__}: {error}"]
    item.finished_at = timezone.now()
    item.save(update_fields=["status", "new", "unchanged", "failed", "messages", "warnings", "finished_at"])


def _import_item(item: JobItem) -> None:
    from events.services.ingest import ingest_text

    from events.services.versions import import_for_job, tidy_import

    # All the files of one upload are one Import ("undo this import", events.services.versions).
    import_run = import_for_job(item.job)
    report = ingest_text(item.name, bytes(item.data), import_run=import_run)
    result = report.files[0]
    tidy_import(import_run)
    # A new version of a stored article counts as new here (its warning says which article it replaced).
    item.new, item.unchanged, item.failed = result.new + result.versions, result.unchanged, result.failed
    # The volume's calendar is fitted after the file: what the fit found (a contradictory cross-reference,
    # a citation after its issue, an impossible number) is the editor's to see on the job page too.
    calendar = [f"calendar: {w}" for w in report.calendar.warnings]
    item.messages, item.warnings = list(result.errors), [*result.warnings, *calendar]
    if result.errors:
        item.status = JobItem.Status.FAILED
    elif result.new or result.versions:
        item.status = JobItem.Status.NEW
    else:
        item.status = JobItem.Status.UNCHANGED


def _reprocess_item(item: JobItem) -> None:
    from events.services.extraction import reprocess_articles

    ids = list(Article.objects.filter(pk__in=item.article_ids).values_list("pk", flat=True))
    gone = sorted(set(item.article_ids) - set(ids))
    report = reprocess_articles(ids) if ids else None
    item.new = 0
    item.unchanged = report.articles if report else 0
    item.failed = len(report.failed) if report else 0
    item.messages = [f"article {pk}: {message}" for pk, message in (report.failed if report else [])]
    item.warnings = [f"article {pk} no longer exists" for pk in gone]
    if report is not None:
        item.warnings.append(report.summary())
    item.status = JobItem.Status.FAILED if item.failed else JobItem.Status.DONE


def _finish(job_id: int, worker: str | None) -> str:
    items = JobItem.objects.filter(job_id=job_id)
    failed = items.filter(status=JobItem.Status.FAILED).count()
    total = items.count()
    message = f"{total - failed} of {total} item(s) done" + (f", {failed} failed" if failed else "")
    query = Job.objects.filter(pk=job_id)
    if worker is not None:
        query = query.filter(worker=worker[:200], status=Job.Status.RUNNING)  # not if recovered meanwhile
    query.update(status=Job.Status.DONE, finished_at=timezone.now(), message=message)
    return Job.Status.DONE


def _requeue(job_id: int, worker: str, message: str) -> str:
    with transaction.atomic():
        if Job.objects.filter(pk=job_id, worker=worker[:200], status=Job.Status.RUNNING).update(
                status=Job.Status.QUEUED, message=message):
            _enqueue(job_id)
    return Job.Status.QUEUED


def _cancel_rest(job_id: int) -> None:
    with transaction.atomic():
        skipped = JobItem.objects.filter(job_id=job_id, status=JobItem.Status.PENDING).update(
            status=JobItem.Status.SKIPPED, finished_at=timezone.now())
        Job.objects.filter(pk=job_id).update(status=Job.Status.CANCELLED, finished_at=timezone.now(),
                                             message=f"cancelled; {skipped} item(s) not run")


class _Heartbeat:
    """Stamps the job's heartbeat_at every heartbeat_seconds() from a thread (own database connection)."""

    def __init__(self, job_id: int, worker: str):
        self.job_id, self.worker = job_id, worker[:200]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"job-{job_id}-heartbeat")
        self._thread.start()

    def _run(self):
        from django.db import connection as thread_connection

        try:
            while not self._stop.wait(heartbeat_seconds()):
                try:
                    Job.objects.filter(pk=self.job_id, worker=self.worker, status=Job.Status.RUNNING).update(
                        heartbeat_at=timezone.now())
                except Exception:  # noqa: BLE001 - the database may be away; the main loop will notice
                    logger.warning("job %s: heartbeat not written", self.job_id, exc_info=True)
        finally:
            thread_connection.close()

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=heartbeat_seconds() + 1)


# -- operator actions --------------------------------------------------------------------------------

def cancel_job(job: Job) -> Job:
    """Cancel a queued job at once; ask a running one to stop before its next item."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status == Job.Status.QUEUED:
            Job.objects.filter(pk=job.pk).update(cancel_requested=True)
            _cancel_rest(job.pk)
        elif job.status == Job.Status.RUNNING:
            Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    job.refresh_from_db()
    return job


def retry_job(job: Job) -> Job:
    """Run a finished job's failed and skipped items again (items done stay done)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not job.finished:
            raise ValueError(f"job {job.pk} is {job.status}: only a finished job can be retried")
        retry = job.items.filter(status__in=[JobItem.Status.FAILED, JobItem.Status.SKIPPED])
        runnable = retry.exclude(data__isnull=True, article_ids=[])
        count = runnable.update(status=JobItem.Status.PENDING, new=0, unchanged=0, failed=0, messages=[],
                                warnings=[], finished_at=None)
        if not count:
            raise ValueError("nothing to retry: no failed or skipped item that can run again")
        Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED, cancel_requested=False, finished_at=None,
                                             message="", attempts=0)
        job.refresh_from_db()
        _enqueue_unless_inline(job)
    return _started(job)


def recover_stalled_jobs(max_age: float | None = None) -> list[int]:
    """Queue again the running jobs whose worker stopped stamping them (killed, or cut off from the
    database); fail those that already had MAX_ATTEMPTS. Returns the ids queued again."""
    max_age = stale_seconds() if max_age is None else max_age
    limit = timezone.now() - timezone.timedelta(seconds=max_age)
    queued = []
    with transaction.atomic():
        stalled = list(Job.objects.select_for_update(skip_locked=True).filter(
            status=Job.Status.RUNNING, heartbeat_at__lt=limit))
        for job in stalled:
            if job.attempts >= MAX_ATTEMPTS:
                Job.objects.filter(pk=job.pk).update(
                    status=Job.Status.FAILED, finished_at=timezone.now(),
                    message=f"its worker stopped {job.attempts} times (last: {job.worker}); retry to run the rest")
                JobItem.objects.filter(job=job, status=JobItem.Status.PENDING).update(status=JobItem.Status.SKIPPED)
                continue
            Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED,
                                                 message=f"queued again: worker {job.worker} stopped")
            _enqueue(job.pk)
            queued.append(job.pk)
    for pk in queued:
        logger.warning("job %s: its worker stopped; queued again", pk)
    return queued


class Recovery:
    """In each worker process: recover_stalled_jobs every few seconds, from a thread."""

    def __init__(self, every: float | None = None):
        self.every = every if every is not None else max(1.0, min(10.0, stale_seconds() / 3))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="job-recovery")

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        while True:
            try:
                close_old_connections()
                recover_stalled_jobs()
            except Exception:  # noqa: BLE001 - e.g. the database is away: try again later
                logger.warning("job recovery failed", exc_info=True)
            if self._stop.wait(self.every):
                break
        connection.close()

    def stop(self):
        self._stop.set()
