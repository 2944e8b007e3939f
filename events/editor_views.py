"""Staff pages outside the admin: the import page and the review queue. Thin: the ingest service
(events.services.ingest.ingest_text) writes; the queries here only read."""
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from events.forms import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, ImportForm
from events.models import Actor, Event, Issue

REVIEW_THRESHOLD = 0.6  # dates with a confidence below this are queued for review
REVIEW_LIMIT = 200  # rows shown per section (the count shows the total)


@dataclass
class UploadResult:
    name: str
    status: str  # "new", "unchanged" or "failed"
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    messages: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _size(n):
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def ingest_upload(uploaded) -> UploadResult:
    """One uploaded file through the same ingest service as `manage.py ingest`."""
    from events.services.ingest import ingest_text

    name = uploaded.name or "upload"
    if uploaded.size > MAX_UPLOAD_BYTES:
        return UploadResult(name, "failed", failed=1, messages=[
            f"too large: {_size(uploaded.size)}; the limit is {_size(MAX_UPLOAD_BYTES)} per file"])
    data = uploaded.read()
    report = ingest_text(name, data)
    result = report.files[0]
    if result.errors:
        status = "failed"
    elif result.new:
        status = "new"
    else:
        status = "unchanged"
    return UploadResult(name, status, new=result.new, unchanged=result.unchanged, failed=result.failed,
                        messages=list(result.errors), warnings=list(result.warnings))


@staff_member_required
@permission_required("events.add_article", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_files(request):
    results = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        results = [ingest_upload(f) for f in form.cleaned_data["files"]]
    status = 400 if form.is_bound and form.errors else 200
    totals = None
    if results is not None:
        totals = {s: sum(1 for r in results if r.status == s) for s in ("new", "unchanged", "failed")}
    return render(request, "editor/import.html", {
        **admin.site.each_context(request),
        "form": form, "results": results, "totals": totals, "title": "Import Monitor files",
        "max_upload": _size(MAX_UPLOAD_BYTES), "max_files": MAX_UPLOAD_FILES,
    }, status=status)


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
    return [
        {"key": "issues", "title": "Issues with a doubtful date", "count": issues.count(), "rows": issues[:limit]},
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
