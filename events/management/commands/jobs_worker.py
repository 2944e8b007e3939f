"""`manage.py jobs_worker`: a background job worker (imports, re-processing, re-dating).

django-tasks' database worker (django_tasks_db's `db_worker`: takes tasks with SELECT ... FOR UPDATE SKIP
LOCKED, so any number of workers on any machines can share the one database), plus a thread that queues
again the jobs of workers that stopped (events.services.jobs.recover_stalled_jobs). Same options as
db_worker (--interval, --queue-name, --max-tasks, --batch ...); never reloads on code changes.
"""
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from events.services.jobs import Recovery


class Command(DatabaseWorkerCommand):
    help = "Run a background job worker (several may share the database)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        recovery = Recovery().start()
        try:
            super().handle(*args, **options)
        finally:
            recovery.stop()
