"""The filter form's facet lists, built in Python: `{% facet_checks name facets selected empty %}` (the
checkboxes with their counts) and `{% facet_counts_oob name facets %}` (the counts alone, swapped in out of
band after an htmx filter change).

A million-event archive has about 200 countries in the form: as template loops they cost about 4 ms a
page (lookups and escaping per value); this writes the same elements with one escape per text.
"""
from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _e(value) -> str:
    return escape(str(value), quote=True)


@register.simple_tag
def facet_checks(name, facets, selected, empty=""):
    """<li> checkboxes of one facet (name = the filter's parameter), each with its count; `empty` when none."""
    if not facets:
        return mark_safe(f"<li>{_e(empty)}</li>" if empty else "")
    n = _e(name)
    rows = []
    for facet in facets:
        value = _e(facet.value)
        checked = " checked" if facet.value in selected else ""
        rows.append(f'<li><label><input type="checkbox" name="{n}" value="{value}"{checked}> {_e(facet.label)} '
                    f'<span class="facet-count" id="count-{n}-{value}">{_e(facet.count)}</span></label></li>')
    return mark_safe("\n".join(rows))


@register.simple_tag
def facet_counts_oob(name, facets):
    """Each facet's count as an out-of-band swap of its element (id count-NAME-VALUE)."""
    n = _e(name)
    return mark_safe("".join(f'<span class="facet-count" id="count-{n}-{_e(f.value)}" hx-swap-oob="true">'
                             f"{_e(f.count)}</span>" for f in facets))
