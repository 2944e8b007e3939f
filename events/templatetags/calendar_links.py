"""`{% issue_date issue "j M Y" %}`: an issue's date, linked to its day in the publication calendar."""
from django import template
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def issue_date(issue, fmt="j M Y"):
    if issue is None or not getattr(issue, "date", None):
        return ""
    url = f"{reverse('events:calendar')}?volume={issue.volume}#issue-{issue.number}"
    return format_html('<a class="issue-date" href="{}" title="How this issue was dated: the publication calendar">'
                       '{}</a>', url, date_filter(issue.date, fmt))


@register.simple_tag
def calendar_url(volume, number=None):
    url = f"{reverse('events:calendar')}?volume={volume}"
    return f"{url}#issue-{number}" if number else url
