"""Background jobs for real: `manage.py jobs_worker` processes started here against the test PostgreSQL.

An upload on /editor/import/ becomes a job that a worker runs; the job page (polled by htmx) shows its
progress and per-file report; a failing file fails alone; a killed worker's job is queued again and
finished by another worker; cancel stops a running job before its next file and retry runs the rest.
"""
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from events.models import Article, Job, JobItem
from events.synthetic import ArchiveGenerator
from tests.test_corrections import make_editor
from tests.test_ingest_command import REPO, database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="workers are separate processes on one database"),
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def start_worker(**env):
    environment = dict(os.environ, DATABASE_URL=database_url(), DEBUG="", MONITOR_ALLOW_INSECURE_KEY="1",
                       MONITOR_JOB_STALE_SECONDS="3", **env)
    return subprocess.Popen([sys.executable, str(REPO / "manage.py"), "jobs_worker", "--interval", "0.2",
                             "--no-startup-delay"], cwd=REPO, env=environment, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def workers():
    started = []

    def start(**env):
        process = start_worker(**env)
        started.append(process)
        return process
    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


@pytest.fixture
def queued(settings):
    settings.MONITOR_JOBS = "queue"


@pytest.fixture
def editor(client):
    client.force_login(make_editor())
    return client


@pytest.fixture
def archive(tmp_path):
    ArchiveGenerator(seed=21).generate(tmp_path, [7], 2, limit=8)
    return sorted(tmp_path.rglob("*.txt"))  # 4 files of 2 articles


def upload(editor, files):
    return editor.post(reverse("editor:import"), {"files": [SimpleUploadedFile(n, d, "text/plain") for n, d in files]})


def wait_for(condition, timeout=120, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def status_fragment(editor, job):
    response = editor.get(reverse("editor:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_an_upload_is_run_by_a_worker_and_the_job_page_shows_progress_and_report(editor, queued, workers, archive):
    files = [(archive[0].name, archive[0].read_bytes()), ("picture.png", PNG), (archive[1].name, archive[1].read_bytes())]
    response = upload(editor, files)
    assert response.status_code == 303
    job = Job.objects.get()
    assert response["Location"] == reverse("editor:job", args=[job.pk])
    # Nothing runs in the request: the job waits for a worker.
    assert job.status == "queued" and Article.objects.count() == 0
    page = editor.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in page and "0 of 3 item(s)" in page and 'id="job-cancel"' in page
    workers()
    html = wait_for(lambda: (lambda h: h if 'data-status="done"' in h else None)(status_fragment(editor, job)),
                    what="the job to finish")
    # Finished: no more polling, the counts and each file's outcome; the image failed alone.
    assert "hx-trigger" not in html and "3 of 3 item(s)" in html
    assert "4 new, 0 unchanged, 1 failed" in html
    rows = re.findall(r'<tr class="job-item-(\w+)">\s*<td>\d+</td>\s*<td>([^<]+)</td>', html)
    assert rows == [("new", archive[0].name), ("failed", "picture.png"), ("new", archive[1].name)]
    assert "not text" in html
    assert Article.objects.count() == 4
    # Retry is offered for the failed file; it fails the same way, alone.
    assert 'id="job-retry"' in html


def test_progress_shows_while_the_worker_runs(editor, queued, workers, archive):
    upload(editor, [(p.name, p.read_bytes()) for p in archive])
    job = Job.objects.get()
    workers(MONITOR_JOB_ITEM_DELAY="1")
    html = wait_for(lambda: (lambda h: h if re.search(r"[123] of 4 item\(s\)", h) else None)(status_fragment(editor, job)),
                    what="a partly done job")
    assert 'data-status="running"' in html and 'hx-trigger="every 1s"' in html
    wait_for(lambda: Job.objects.get(pk=job.pk).status == "done", what="the job to finish")


def test_a_killed_workers_job_is_queued_again_and_finished_by_another(editor, queued, workers, archive):
    upload(editor, [(p.name, p.read_bytes()) for p in archive])
    job = Job.objects.get()
    first = workers(MONITOR_JOB_ITEM_DELAY="2")
    wait_for(lambda: JobItem.objects.filter(job=job).exclude(status="pending").exists(), what="a first item done")
    first.send_signal(signal.SIGKILL)
    first.wait()
    job.refresh_from_db()
    assert job.status == "running" and job.attempts == 1  # as the killed worker left it
    done_before = JobItem.objects.filter(job=job).exclude(status="pending").count()
    assert 1 <= done_before < 4
    workers()  # its recovery sees the stale heartbeat (3 s here) and queues the job again
    wait_for(lambda: Job.objects.get(pk=job.pk).status == "done", what="the job to be finished by another worker")
    job.refresh_from_db()
    assert job.attempts == 2
    # Every file stored once: the items done before the kill were not run again.
    assert sorted(JobItem.objects.filter(job=job).values_list("status", flat=True)) == ["new"] * 4
    assert Article.objects.count() == 8


def test_cancel_stops_before_the_next_file_and_retry_runs_the_rest(editor, queued, workers, archive):
    upload(editor, [(p.name, p.read_bytes()) for p in archive])
    job = Job.objects.get()
    workers(MONITOR_JOB_ITEM_DELAY="1.5")
    wait_for(lambda: Job.objects.get(pk=job.pk).status == "running", what="the job to start")
    response = editor.post(reverse("editor:job_cancel", args=[job.pk]))
    assert response.status_code == 303
    wait_for(lambda: Job.objects.get(pk=job.pk).status == "cancelled", what="the job to stop")
    statuses = list(JobItem.objects.filter(job=job).values_list("status", flat=True))
    assert "skipped" in statuses and statuses.count("new") < 4
    html = status_fragment(editor, job)
    assert 'id="job-retry"' in html and "skipped" in html
    editor.post(reverse("editor:job_retry", args=[job.pk]))
    wait_for(lambda: Job.objects.get(pk=job.pk).status == "done", what="the retried job to finish")
    assert sorted(JobItem.objects.filter(job=job).values_list("status", flat=True)) == ["new"] * 4
    assert Article.objects.count() == 8


def test_a_queued_job_is_cancelled_at_once(editor, queued, archive):
    upload(editor, [(archive[0].name, archive[0].read_bytes())])
    job = Job.objects.get()
    editor.post(reverse("editor:job_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "cancelled" and list(job.items.values_list("status", flat=True)) == ["skipped"]


def test_a_stopped_worker_puts_its_job_back_and_another_finishes_it(editor, queued, workers, archive):
    upload(editor, [(p.name, p.read_bytes()) for p in archive])
    job = Job.objects.get()
    first = workers(MONITOR_JOB_ITEM_DELAY="1.5")
    wait_for(lambda: JobItem.objects.filter(job=job).exclude(status="pending").exists(), what="a first item done")
    first.send_signal(signal.SIGTERM)  # as systemd stops a unit
    first.wait(timeout=60)
    job.refresh_from_db()
    # Back in the queue at once (no wait for a stale heartbeat), with the files done so far kept.
    assert job.status == "queued" and "stopped" in job.message
    workers()
    wait_for(lambda: Job.objects.get(pk=job.pk).status == "done", what="another worker to finish it")
    assert sorted(JobItem.objects.filter(job=job).values_list("status", flat=True)) == ["new"] * 4
