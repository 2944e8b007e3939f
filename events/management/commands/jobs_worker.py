"""`manage.py jobs_worker`: a background job worker (imports, re-processing, re-dating).

django-tasks' database worker (django_tasks_db's `db_worker`: takes tasks with SELECT ... FOR UPDATE SKIP
LOCKED, so any number of workers on any machines can share the one database), plus a thread that queues
again the jobs of workers that died (events.services.jobs.recover_stalled_jobs). SIGTERM/SIGINT: the running
job goes back to the queue before its next item, then the worker exits (a second signal: at once). Same options as
db_worker (--interval, --queue-name, --max-tasks, --batch ...); never reloads on code changes.
"""
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from events.services import jobs
from events.services.jobs import Recovery


class Worker(db_worker.Worker):
    """db_worker's worker; a stop signal also tells the running job to go back to the queue before its next
    item (events.services.jobs.stopping), so a stop waits for one file at most, not the whole job."""

    def shutdown(self, signum, frame):
        jobs.stopping.set()
        super().shutdown(signum, frame)


class Command(DatabaseWorkerCommand):
    help = "Run a background job worker (several may share the database)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        db_worker.Worker = Worker  # the parent's handle builds its worker from this module name
        recovery = Recovery().start()
        try:
            super().handle(*args, **options)
        finally:
            recovery.stop()
