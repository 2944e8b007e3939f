"""Background tasks (django-tasks; database backend: django_tasks_db). The work is in events.services.jobs."""
from django_tasks import task


@task()
def run_job_task(job_id: int) -> str:
    """Run one job (events.models.Job) in a `manage.py jobs_worker` process."""
    from events.services.jobs import run_job, worker_id

    return run_job(job_id, worker_id())
