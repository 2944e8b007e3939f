"""Reads for international organizations (UN, NATO, OSCE, CIS...): the filter's facet, the index page and
an organization's page. An organization is its own kind, not a country: a happening involves it when one
of its mentions names it (the happening table's org_ids), never because a member state is named."""
from __future__ import annotations

from functools import partial

from ..models import Organization, OrganizationMembership
from . import actors_most_in, array_counts, happenings
from .facets import Facet, _array_facets


def organization_facets(events_without_org_filter):
    """Organizations named by any visible mention, by name, each with its matching happenings (under every
    other active filter): the counts come from the request's summary query or the tallies."""
    facets = [Facet(v["slug"], v["name"], n, partial(Organization, id=pk, **v))
              for pk, v, n in _array_facets(Organization, "org_ids", events_without_org_filter,
                                            fields=("slug", "name"))]
    return sorted(facets, key=lambda f: f.label)


def organization_index():
    """Every organization of the gazetteer with its happenings (0 when none names it) and its member states
    (memberships on record), most happenings first: three queries."""
    from django.db.models import Count

    counts = array_counts(happenings(), "org_ids")
    orgs = list(Organization.objects.annotate(members_n=Count("memberships")).order_by("name"))
    for org in orgs:
        org.n = counts.get(org.pk, 0)
    return sorted(orgs, key=lambda o: (-o.n, o.name))


def organization_members(org):
    """The organization's memberships on record, by country name, with their dates (empty: before or after
    the data's coverage)."""
    return list(OrganizationMembership.objects.filter(organization=org).select_related("country")
                .order_by("country__name"))


def actors_in_organization_events(org, *, limit=10):
    """Actors in the most visible happenings that name `org`: two queries."""
    return actors_most_in(happenings().filter(org_ids__overlaps=[org.pk]), limit=limit)
