"""Staff pages outside the admin: the import page, background jobs, and the review queue. Thin: the jobs
service (events.services.jobs) writes; the queries here only read."""
from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from events.forms import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, ImportForm
from events.models import Actor, Event, Issue, Job

REVIEW_THRESHOLD = 0.6  # dates with a confidence below this are queued for review
REVIEW_LIMIT = 200  # rows shown per section (the count shows the total)


def _size(n):
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _upload(uploaded) -> tuple:
    """(name, bytes) of an uploaded file, or (name, None, why) when it is over the size limit (unread)."""
    name = uploaded.name or "upload"
    if uploaded.size > MAX_UPLOAD_BYTES:
        return (name, None, f"too large: {_size(uploaded.size)}; the limit is {_size(MAX_UPLOAD_BYTES)} per file")
    return (name, uploaded.read())


def _totals(results):
    if results is None:
        return None
    return {s: sum(1 for r in results if r.status == s) for s in ("new", "unchanged", "failed")}


@staff_member_required
@permission_required("events.add_article", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_files(request):
    """Uploads become an import job (events.services.jobs): queued for the workers, then the job page; run at
    once when jobs are inline (SQLite), then the results here as before."""
    from events.services.jobs import create_import_job

    results = job = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        job = create_import_job([_upload(uploaded) for uploaded in form.cleaned_data["files"]], request.user)
        if not job.finished:
            return HttpResponseRedirect(job.get_absolute_url(), status=303)
        results = list(job.items.order_by("position"))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "editor/import.html", {
        **admin.site.each_context(request),
        "form": form, "results": results, "totals": _totals(results), "title": "Import Monitor files", "job": job,
        "max_upload": _size(MAX_UPLOAD_BYTES), "max_files": MAX_UPLOAD_FILES,
    }, status=status)


def _job_context(job):
    items = list(job.items.order_by("position").defer("data"))
    done = sum(1 for item in items if item.status not in ("pending",))
    totals = {name: sum(getattr(item, name) for item in items) for name in ("new", "unchanged", "failed")}
    return {"job": job, "items": items, "done": done, "total": len(items),
            "percent": round(100 * done / len(items)) if items else 100, "totals": totals,
            "failed_items": sum(1 for item in items if item.status == "failed")}


@staff_member_required
@permission_required("events.view_event", raise_exception=True)
@require_http_methods(["GET"])
def jobs(request):
    return render(request, "editor/jobs.html", {
        **admin.site.each_context(request), "title": "Background jobs",
        "jobs": Job.objects.select_related("created_by")[:100]})


@staff_member_required
@permission_required("events.view_event", raise_exception=True)
@require_http_methods(["GET"])
def job_detail(request, pk):
    """The job page: progress and per-item report; the status part polls itself (htmx) until the job ends."""
    job = get_object_or_404(Job, pk=pk)
    context = _job_context(job)
    if request.htmx:
        return render(request, "editor/_job_status.html", context)
    return render(request, "editor/job.html", {**admin.site.each_context(request), **context,
                                               "title": f"{job.get_kind_display().capitalize()} #{job.pk}"})


@staff_member_required
@permission_required("events.change_event", raise_exception=True)
@require_http_methods(["POST"])
def job_action(request, pk, action):
    from events.services.jobs import cancel_job, retry_job

    job = get_object_or_404(Job, pk=pk)
    try:
        if action == "cancel":
            cancel_job(job)
            messages.info(request, "Cancelled." if job.status == Job.Status.QUEUED else
                          "Asked to stop: it stops before its next item.")
        else:
            retry_job(job)
            messages.info(request, "Queued again: the failed and skipped items run again.")
    except ValueError as error:
        messages.error(request, str(error))
    return HttpResponseRedirect(job.get_absolute_url(), status=303)


class ReviewForm(forms.Form):
    threshold = forms.FloatField(min_value=0.0, max_value=1.0, required=False, initial=REVIEW_THRESHOLD)


def review_queue(threshold=REVIEW_THRESHOLD, limit=REVIEW_LIMIT):
    """What needs an editor's eye, most doubtful first."""
    issues = (Issue.objects.filter(date_confidence__lt=threshold).exclude(date_method=Issue.DateMethod.EDITOR)
              .annotate(n_articles=Count("articles")).order_by("date_confidence", "volume", "number"))
    events = (Event.objects.filter(confidence__lt=threshold, hidden=False)
              .exclude(corrected_fields__icontains="date_start")
              .select_related("article__issue").order_by("confidence", "date_start", "id"))
    actors = Actor.objects.filter(needs_review=True).select_related("country") \
        .annotate(n_events=Count("events")).order_by("-n_events", "name")
    no_country = (Event.objects.filter(hidden=False).filter(~Q(pk__in=Event.countries.through.objects.values("event_id")))
                  .exclude(corrected_fields__icontains="countries")
                  .select_related("article__issue").order_by("date_start", "id"))
    flagged = (Event.objects.filter(needs_review=True).select_related("article__issue")
               .order_by("article__issue__volume", "article__issue__number", "id"))
    return [
        {"key": "issues", "title": "Issues with a doubtful date", "count": issues.count(), "rows": issues[:limit]},
        {"key": "flagged", "title": "Corrected events whose sentence changed in a new version of the article",
         "count": flagged.count(), "rows": flagged[:limit]},
        {"key": "events", "title": "Events with a low-confidence date", "count": events.count(),
         "rows": events[:limit]},
        {"key": "actors", "title": "Actors marked for review", "count": actors.count(), "rows": actors[:limit]},
        {"key": "no_country", "title": "Events without a country", "count": no_country.count(),
         "rows": no_country[:limit]},
    ]


@staff_member_required
@permission_required("events.view_event", raise_exception=True)
@require_http_methods(["GET"])
def review(request):
    form = ReviewForm(request.GET or None)
    threshold = REVIEW_THRESHOLD
    if form.is_bound and form.is_valid() and form.cleaned_data["threshold"] is not None:
        threshold = form.cleaned_data["threshold"]
    return render(request, "editor/review.html", {
        **admin.site.each_context(request),
        "form": form, "threshold": threshold, "sections": review_queue(threshold), "limit": REVIEW_LIMIT,
        "title": "Review queue",
    })


@staff_member_required
@permission_required("events.view_event", raise_exception=True)
@require_http_methods(["GET"])
def parse_date(request):
    """The interval a date text gives for an event (its issue date as the base): the admin form's preview."""
    from events.services.corrections import DateParseError, parse_date_text

    event = get_object_or_404(Event.objects.select_related("article__issue"), pk=request.GET.get("event") or 0) \
        if (request.GET.get("event") or "").isdigit() else None
    if event is None:
        return JsonResponse({"error": "Unknown event."}, status=404)
    try:
        interval = parse_date_text(request.GET.get("text", "")[:200], event.article.issue.date)
    except DateParseError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"interval": str(interval), "start": interval.start.isoformat(),
                         "end": interval.end.isoformat(), "granularity": interval.granularity})
