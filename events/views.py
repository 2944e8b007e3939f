"""Timeline pages. Each view serves the full page and, for htmx requests, the fragment it swaps in."""
import csv
import json

from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, StreamingHttpResponse
from django_htmx.http import push_url
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from . import selectors
from .filters import ActorSuggestForm, TimelineFilter, filtered_without, input_notes
from .models import Actor, Country, EventType, Status
from .services.export import CSV_COLUMNS, csv_row
from .templatetags.highlight import article_spans, paragraphs

from .models import MAX_ID as MAX_PK  # noqa: E402 (models.MAX_ID)


def _pk_or_404(pk):
    if pk > MAX_PK:
        raise Http404("No such object.")
    return pk


def _htmx_partial(request):
    """True for htmx requests that swap a fragment (not a history restore, which needs the full page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _import_url(request):
    if not (request.user.is_authenticated and request.user.is_staff):
        return None
    try:
        return reverse("editor:import")
    except NoReverseMatch:
        return None


def _timeline_context(request, base_events, *, fixed=None):
    """Everything the timeline (or an actor/country page's timeline) shows for request.GET."""
    params = request.GET.copy()
    for key, value in (fixed or {}).items():
        params.setlist(key, [value])
    filterset = TimelineFilter(params, queryset=base_events)
    notes = input_notes(request.GET, filterset)
    events = filterset.qs
    after = None
    if request.GET.get("after"):
        try:
            after = selectors.Cursor.decode(request.GET["after"])
        except ValueError:
            notes.append("Ignored a malformed “after” value: showing the first page.")
    cleaned = filterset.form.cleaned_data  # the valid fields only; filterset.qs has cleaned the form
    without_dates = filtered_without(filterset, base_events, ("date_from", "date_to"))
    without_country = filtered_without(filterset, base_events, ("country",))
    page = selectors.timeline_page(events, after=after)
    if after is not None and _htmx_partial(request):
        # "load more": only the next cards are swapped in
        return {"page": page, "after": after, "notes": notes}
    selected_actors = list(cleaned.get("actor") or [])
    suggest = ActorSuggestForm(request.GET)
    actor_q = suggest.cleaned_data["actor_q"] if suggest.is_valid() else ""
    suggestions = selectors.actor_suggestions(actor_q) if actor_q else selectors.top_actors()
    return {
        "filterset": filterset,
        "cleaned": cleaned,
        "notes": notes,
        "page": page,
        "after": after,
        # a first page that holds everything is its own count: one window query fewer
        "total": len(page.items) if after is None and page.next_cursor is None else selectors.timeline_count(events),
        "months": selectors.month_counts(without_dates),
        "countries": selectors.country_facets(without_country),
        "selected_countries": {c.code for c in cleaned.get("country") or []},
        "topics": selectors.topics_in_use(),
        "selected_topics": {t.slug for t in cleaned.get("topic") or []},
        "selected_actors": selected_actors,
        "actor_choices": [a for a in suggestions if a not in selected_actors],
        "actor_q": actor_q,
        "event_types": EventType.choices,
        "selected_types": set(cleaned.get("type") or []),
        "statuses": Status.choices,
        "selected_statuses": set(cleaned.get("status") or []),
        "export_query": _export_query(params),
    }


def _clean_url(request):
    """The request's URL without empty parameters (what a shared link should look like)."""
    params = request.GET.copy()
    for key in list(params):
        values = [v for v in params.getlist(key) if v != ""]
        if not values:
            params.pop(key)
        else:
            params.setlist(key, values)
    encoded = params.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _timeline_response(request, context, full_template):
    if _htmx_partial(request):
        if context["after"]:
            template = "partials/timeline_items.html"
        else:
            template = "partials/timeline_results.html"
    else:
        template = full_template
        context["page"].previous_month = None  # a whole page starts with its year and month headings
    response = render(request, template, context)
    if _htmx_partial(request) and not context["after"] and request.headers.get("HX-Trigger") == "filters":
        push_url(response, _clean_url(request))  # the form sends empty fields: push the tidy URL
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _redirect_to_clean_url(request):
    """A plain GET form sends every field, empty or not: redirect to the same view without the empty ones."""
    if request.htmx or not any(v == "" for values in request.GET.lists() for v in values[1]):
        return None
    return HttpResponseRedirect(_clean_url(request))


def _export_query(params):
    params = params.copy()
    for key in ("after", "actor_q"):
        params.pop(key, None)
    return params.urlencode()


@require_GET
def timeline(request):
    if selectors.database_is_empty():
        return render(request, "events/empty.html", {"import_url": _import_url(request)})
    redirect = _redirect_to_clean_url(request)
    if redirect:
        return redirect
    context = _timeline_context(request, selectors.visible_events())
    return _timeline_response(request, context, "events/timeline.html")


@require_GET
def actor_suggest(request):
    form = ActorSuggestForm(request.GET)
    text = form.cleaned_data["actor_q"] if form.is_valid() else ""
    ids = {int(v) for v in request.GET.getlist("actor")[:50] if v.isdigit() and int(v) < MAX_PK}
    selected = list(Actor.objects.filter(pk__in=ids)) if ids else []
    actors = [a for a in selectors.actor_suggestions(text) if a.pk not in ids]
    return render(request, "partials/actor_suggestions.html",
                  {"selected_actors": selected, "actor_choices": actors, "actor_q": text})


@require_GET
def event_detail(request, pk):
    event = selectors.event_detail(_pk_or_404(pk))
    if event is None:
        raise Http404("No such event.")
    return render(request, "events/event.html", {
        "event": event,
        "issue": event.article.issue,
        "mentions": selectors.thread_mentions(event),
        "history": selectors.event_history(event) if event.corrected_fields else [],
    })


@require_GET
def article_detail(request, pk):
    article = selectors.article_detail(_pk_or_404(pk))
    if article is None:
        raise Http404("No such article.")
    events = selectors.article_events(article)
    actors = {a for e in events for a in e.actors.all()}
    # Every country the gazetteer knows is marked (its names are unambiguous); actors only as the
    # extraction resolved them in this article's events, since a bare surname may name several people.
    countries = selectors.all_countries()
    spans = article_spans(
        article, events, selectors.actor_names(actors), selectors.country_names(countries),
        lambda e: e.get_absolute_url(),
    )
    return render(request, "events/article.html", {
        "article": article, "issue": article.issue, "events": events, "body": paragraphs(article.body, spans),
    })


def _entity_page(request, *, entity, kind, fixed, met, template):
    context = _timeline_context(request, selectors.visible_events(), fixed=fixed)
    context.update({"entity": entity, "kind": kind, "met": met, "fixed": fixed})
    return _timeline_response(request, context, template)


@require_GET
def actor_detail(request, pk):
    actor = get_object_or_404(Actor.objects.select_related("country"), pk=_pk_or_404(pk))
    return _entity_page(request, entity=actor, kind="actor", fixed={"actor": str(actor.pk)},
                        met=selectors.actors_met_by_actor(actor), template="events/actor.html")


@require_GET
def country_detail(request, code):
    country = get_object_or_404(Country, code=code.upper())
    return _entity_page(request, entity=country, kind="country", fixed={"country": country.code},
                        met=selectors.actors_in_country_events(country), template="events/country.html")


@require_GET
def export(request, fmt):
    filterset = TimelineFilter(request.GET, queryset=selectors.visible_events())
    if filterset.is_bound and not filterset.form.is_valid():
        notes = input_notes(request.GET, filterset)
        return HttpResponseBadRequest("Bad filter parameters:\n" + "\n".join(notes), content_type="text/plain")
    rows = selectors.export_rows(filterset.qs)
    if fmt == "json":
        response = HttpResponse(json.dumps(list(rows), ensure_ascii=False, indent=1),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="monitor-events.json"'
        return response
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="monitor-events.csv"'
    return response


class _Echo:
    def write(self, value):
        return value


def _csv_lines(rows):
    writer = csv.DictWriter(_Echo(), fieldnames=CSV_COLUMNS, lineterminator="\n")
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow(csv_row(row))
