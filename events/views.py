"""Timeline pages. Each view serves the full page and, for htmx requests, the fragment it swaps in."""
import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, StreamingHttpResponse
from django_htmx.http import push_url
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from . import selectors
from .filters import PRECISIONS, ActorSuggestForm, TimelineFilter, applied_filters, filtered_happenings, input_notes
from .models import MAX_ID, Actor, Country, Event, EventType, Organization, Status
from .selectors import axis as _axis_module  # noqa: F401 - selectors.axis
from .selectors import export as export_rows
from .selectors import organizations as org_selectors
from .selectors import search
from .templatetags.highlight import article_spans, paragraphs
from .templatetags.timeline import FIELD_LABELS, STATUS_WORDS

MAX_PK = MAX_ID  # events.models.MAX_ID, the largest id a column holds
MAX_SHOWN = 500  # the most cards a reload after "load more" shows at once


def _shown(request):
    """The `shown` parameter: how many cards the view showed before this page (0 when absent or bad)."""
    text = request.GET.get("shown", "")
    return min(int(text), 10**6) if text.isdigit() and len(text) < 8 else 0
CONFIDENCE_STEPS = ("0.5", "0.7", "0.9")


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
    params = _with_fixed(request.GET, fixed)
    filterset = TimelineFilter(params, queryset=base_events)
    notes = input_notes(request.GET, filterset)
    happenings = filtered_happenings(filterset)  # every read below is of the happening table
    after = _after_cursor(request, notes)
    cleaned = filterset.form.cleaned_data  # the valid fields only; filterset.qs has cleaned the form
    newest_first = request.GET.get("sort") == "newest"
    page = _timeline_page(request, happenings, after, newest_first)
    query = search.parse(cleaned.get("q") or "")
    if query:
        search.attach_hits(page.items, query)
    if after is not None and _htmx_partial(request):
        # "load more": only the next cards are swapped in, with how many are shown now
        return {"page": page, "after": after, "notes": notes, "total": selectors.timeline_count(happenings),
                "query": query}
    without = _facet_sets(filterset, happenings)
    axis_events = without("date_from", "date_to")  # the axis shows where else there is something to choose
    the_axis = time_axis(axis_events, cleaned, request.GET.get("axis"))
    actors = _actor_context(request, cleaned, without)
    kinds = _type_and_status_context(cleaned, without)
    return {
        "filterset": filterset,
        "cleaned": cleaned,
        "active_filters": [name for name in applied_filters(filterset) if name not in (fixed or {})],
        "notes": notes,
        "page": page,
        "after": after,
        "total": _total(page, after, happenings),
        "axis": the_axis,
        **_lanes_context(request, axis_events, the_axis, cleaned),
        "countries": selectors.country_facets(without("country")),
        "topics": selectors.topic_facets(without("topic")),
        "organizations": org_selectors.organization_facets(without("org")),
        **_selected_places_and_topics(cleaned),
        **actors,
        **kinds,
        "best_matches": search.best_matches(happenings, query) if query and after is None else [],
        "query": query,
        "newest_first": newest_first,
        "precisions": PRECISIONS,
        "confidence_steps": CONFIDENCE_STEPS,
        "export_query": _export_query(params),
    }


def _with_fixed(query, fixed):
    """The query's parameters, with an actor/country page's own filter fixed."""
    params = query.copy()
    for key, value in (fixed or {}).items():
        params.setlist(key, [value])
    return params


def _total(page, after, happenings) -> int:
    """A first page that holds everything is its own count: one window query fewer."""
    if after is None and page.next_cursor is None:
        return len(page.items)
    return selectors.timeline_count(happenings)


def _selected_places_and_topics(cleaned) -> dict:
    return {"selected_countries": {c.code for c in cleaned.get("country") or []},
            "selected_topics": {t.slug for t in cleaned.get("topic") or []},
            "selected_orgs": {o.slug for o in cleaned.get("org") or []}}


def _after_cursor(request, notes):
    """The "load more" cursor (?after=), or None; a malformed one is noted and ignored."""
    if not request.GET.get("after"):
        return None
    try:
        return selectors.Cursor.decode(request.GET["after"])
    except ValueError:
        notes.append("Ignored a malformed “after” value: showing the first page.")
        return None


def _timeline_page(request, happenings, after, newest_first):
    """The cards after the cursor; a reload after "load more" (?shown=N, no cursor) shows the first N cards
    again, at most MAX_SHOWN."""
    shown = _shown(request)
    limit = selectors.PAGE_SIZE if after is not None or not shown else min(max(shown, selectors.PAGE_SIZE), MAX_SHOWN)
    page = selectors.timeline_page(happenings, after=after, limit=limit, newest_first=newest_first)
    page.shown = (shown if after is not None else 0) + len(page.items)
    return page


def _facet_sets(filterset, happenings):
    """without(*names): the happenings under every active filter but `names` (faceted search: each facet
    counts under every OTHER active filter). The same remaining filters give the same queryset, whose
    numbers come from one summary query."""
    active = set(applied_filters(filterset))
    by_filters = {frozenset(active): selectors.shared(happenings, active)}

    def without(*names):
        key = frozenset(active - set(names))
        if key not in by_filters:
            by_filters[key] = selectors.shared(filtered_happenings(filterset, names), key)
        return by_filters[key]
    return without


def _actor_context(request, cleaned, without) -> dict:
    """The chosen actors with their counts, and the actors to choose from (the facets, or the suggestions
    for what was typed in the actor box)."""
    selected_actors = list(cleaned.get("actor") or [])
    suggest = ActorSuggestForm(request.GET)
    actor_q = suggest.cleaned_data["actor_q"] if suggest.is_valid() else ""
    actor_facets = selectors.actor_facets(without("actor"), selected=selected_actors)
    counts = {facet.obj.pk: facet.count for facet in actor_facets}
    for actor in selected_actors:
        actor.n = counts.get(actor.pk, 0)
    if actor_q:
        actor_choices = selectors.actor_suggestions(actor_q, events=without("actor"))
    else:
        actor_choices = [facet.obj for facet in actor_facets]
    return {"selected_actors": selected_actors, "actor_q": actor_q,
            "actor_choices": [a for a in actor_choices if a not in selected_actors]}


def _type_and_status_context(cleaned, without) -> dict:
    if cleaned.get("type") or cleaned.get("status"):
        types = selectors.choice_facets(without("type"), "event_type", EventType.choices)
        statuses = selectors.choice_facets(without("status"), "status", Status.choices)
    else:  # both count under the same filters: one query
        types, statuses = selectors.type_and_status_facets(without(), EventType.choices, Status.choices)
    return {"event_types": types, "selected_types": set(cleaned.get("type") or []),
            "statuses": statuses, "selected_statuses": set(cleaned.get("status") or [])}


def time_axis(events, cleaned, unit):
    """The time axis over the date filter's range (else everything), in the unit asked for (else chosen)."""
    start, end = cleaned.get("date_from"), cleaned.get("date_to")
    window = None
    if start or end:
        extent = selectors.axis.extent(events) if not (start and end) else (start, end)
        window = (start or extent[0], end or extent[1])
        if None in window or window[0] > window[1]:
            window = None
    return selectors.axis.axis(events, window=window, unit=unit)


def _lanes_context(request, axis_events, the_axis, cleaned) -> dict:
    """The axis's lanes when asked for (?lanes=country|actor): the chosen countries or actors, else the top ones."""
    by = request.GET.get("lanes", "")
    choices = {"lane_choices": [("", "none"), ("country", "by country"), ("actor", "by actor")]}
    if by not in selectors.axis.LANE_KINDS:
        return {"lanes": [], "lanes_by": "", **choices}
    return {"lanes": selectors.axis.lanes(axis_events, the_axis, by, selected=list(cleaned.get(by) or [])),
            "lanes_by": by, **choices}


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
    if _htmx_partial(request) and context["after"]:
        # "load more" replaces the address (no new history entry) with one that shows as many cards on reload
        params = request.GET.copy()
        params.pop("after", None)
        params["shown"] = str(context["page"].shown)
        response["HX-Replace-Url"] = f"{request.path}?{params.urlencode()}"
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _redirect_to_clean_url(request):
    """A plain GET form sends every field, empty or not: redirect to the same view without the empty ones."""
    if request.htmx or not any(v == "" for values in request.GET.lists() for v in values[1]):
        return None
    return HttpResponseRedirect(_clean_url(request))


def _export_query(params):
    params = params.copy()
    for key in ("after", "actor_q", "shown"):
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
def actor_index(request):
    return render(request, "events/actor_index.html", {"actors": selectors.actor_index()})


@require_GET
def country_index(request):
    return render(request, "events/country_index.html", {"countries": selectors.country_index()})


@require_GET
def topic_index(request):
    return render(request, "events/topic_index.html", {"topics": selectors.topic_index()})


@require_GET
def organization_index(request):
    return render(request, "events/organization_index.html",
                  {"organizations": org_selectors.organization_index()})


@require_GET
def issue_index(request):
    return render(request, "events/issue_index.html", {"months": selectors.issue_index()})


@require_GET
def about(request):
    import datetime

    return render(request, "events/about.html", {"today": datetime.date.today()})


@require_GET
def actor_suggest(request):
    """The actor type-ahead; it receives the whole filter form, so its counts follow the other filters."""
    form = ActorSuggestForm(request.GET)
    text = form.cleaned_data["actor_q"] if form.is_valid() else ""
    ids = {int(v) for v in request.GET.getlist("actor")[:50] if v.isdigit() and int(v) < MAX_PK}
    selected = list(Actor.objects.filter(pk__in=ids)) if ids else []
    filterset = TimelineFilter(request.GET, queryset=selectors.visible_events())
    others = filtered_happenings(filterset, ("actor",))
    actors = [a for a in selectors.actor_suggestions(text, events=others) if a.pk not in ids]
    return render(request, "partials/actor_suggestions.html",
                  {"selected_actors": selected, "actor_choices": actors, "actor_q": text})


MENTIONS_PER_PAGE = 50


@require_GET
def event_detail(request, pk):
    event = selectors.event_detail(_pk_or_404(pk))
    if event is None:
        raise Http404("No such event.")
    corrected = set(event.corrected_fields or [])
    return render(request, "events/event.html", {
        "event": event,
        "issue": event.article.issue,
        # A happening can be mentioned hundreds of times: its other mentions come a page at a time.
        "mentions": Paginator(selectors.thread_mentions_queryset(event), MENTIONS_PER_PAGE).get_page(
            request.GET.get("mentions")),
        "history": selectors.event_history(event) if corrected else [],
        "permalink": request.build_absolute_uri(event.get_absolute_url()),
        **_corrections_context(event, corrected),
    })


_DATE_FIELDS = {"date_start", "date_end", "granularity"}


def _corrections_context(event, corrected):
    """What an editor corrected on the event, beside the machine's reading of those fields."""
    machine = selectors.machine_reading(event) if corrected else {}
    others = [f for f in Event.CORRECTABLE_FIELDS if f in corrected and f not in _DATE_FIELDS]
    return {
        "date_corrected": bool(corrected & _DATE_FIELDS),
        "machine": machine,
        "other_corrections": [FIELD_LABELS[f] for f in others],
        "machine_other": [(FIELD_LABELS[f], _shown_value(f, machine[f])) for f in others if f in machine],
    }


def _shown_value(field, value):
    if field == "status":
        return STATUS_WORDS.get(value, value)
    if field == "event_type":
        return EventType(value).label if value in EventType.values else value
    if field == "hidden":
        return "hidden (not an event)" if value else "shown"
    return value


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
        "permalink": request.build_absolute_uri(article.get_absolute_url()),
    })


def _entity_page(request, *, entity, kind, fixed, met, template, extra=None):
    context = _timeline_context(request, selectors.visible_events(), fixed=fixed)
    context.update({"entity": entity, "kind": kind, "met": met, "fixed": fixed, **(extra or {})})
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
def organization_detail(request, slug):
    org = get_object_or_404(Organization, slug=slug.lower()[:50])
    context = {"members": org_selectors.organization_members(org)}
    return _entity_page(request, entity=org, kind="org", fixed={"org": org.slug},
                        met=org_selectors.actors_in_organization_events(org), template="events/organization.html",
                        extra=context)


def client_address(request) -> str:
    """The visitor's address: behind the proxy (BEHIND_PROXY) the last one it appended to X-Forwarded-For
    (the ones before it are the client's own claims), else the connection's. Without this every anonymous
    visitor behind nginx shared one export budget (all came from 127.0.0.1)."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def _export_rate_limited(request):
    """A 429 answer when an anonymous address asked for more than EXPORT_ANON_RATE = (exports, seconds)
    in the current window (fixed windows in Django's cache), else None. Staff are not limited."""
    limit, window = getattr(settings, "EXPORT_ANON_RATE", (20, 60))
    if request.user.is_authenticated or not limit:
        return None
    now = int(time.time())
    key = f"export-rate:{client_address(request)}:{now // window}"
    cache.add(key, 0, window + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted in between: count this one
        cache.set(key, 1, window + 1)
        used = 1
    if used <= limit:
        return None
    response = HttpResponse(
        f"Too many exports from this address: at most {limit} every {window} seconds. Try again shortly.\n",
        status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(window - now % window)
    return response


@require_GET
def export(request, fmt):
    """The filtered view as CSV or JSON, streamed: one row per happening, or per mention with ?unit=mentions.

    Formats and the trailer that makes a cut-short download detectable: docs/pages.md, "Exports".
    """
    limited = _export_rate_limited(request)
    if limited is not None:
        return limited
    unit = request.GET.get("unit", "happenings")
    if unit not in ("happenings", "mentions"):
        return HttpResponseBadRequest("unit must be “happenings” or “mentions”.\n", content_type="text/plain")
    filterset = TimelineFilter(request.GET, queryset=selectors.visible_events())
    if filterset.is_bound and not filterset.form.is_valid():
        notes = input_notes(request.GET, filterset)
        return HttpResponseBadRequest("Bad filter parameters:\n" + "\n".join(notes), content_type="text/plain")
    link = request.build_absolute_uri
    happenings = filtered_happenings(filterset)
    if unit == "mentions":
        rows = export_rows.mention_rows(selectors.mentions_of(happenings), link)
        columns = export_rows.MENTION_CSV_COLUMNS
    else:
        rows, columns = export_rows.happening_rows(happenings, link), export_rows.HAPPENING_CSV_COLUMNS
    if fmt == "json":
        body, content_type = export_rows.stream_json(rows, unit), "application/json; charset=utf-8"
    else:
        body, content_type = export_rows.stream_csv(rows, columns), "text/csv; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="monitor-{unit}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
