"""The editors' admin. Every change to an Event, Issue or Thread goes through
events.services.corrections, so it is recorded (who, when, what, why) and protected from
re-processing; the history of every model is browsable (SimpleHistoryAdmin).

One module per model family; importing this package registers them all:

  base        SafeHistoryAdmin (history URLs with a bad id answer 404), EventCountMixin (the "mentions"
              column), _readable (history diffs by name), _errors
  filters     the list filters (yes/no, pick one article or issue, low confidence)
  articles    IssueAdmin, ArticleAdmin, ImportAdmin (undo an import)
  events      EventAdmin (corrections, revert), ThreadAdmin
  gazetteer   ActorAdmin (merge), CountryAdmin, TopicAdmin, OrganizationAdmin and their inlines
  calendar    CalendarDayAdmin, VolumeCalendarAdmin: the publication calendar
"""
from django.contrib import admin

admin.site.site_header = "Monitor Timeline — editors"
admin.site.site_title = "Monitor Timeline editors"
admin.site.index_title = "Corrections and gazetteers"

from events.admin.base import EventCountMixin, SafeHistoryAdmin  # noqa: E402,F401
from events.admin.articles import ArticleAdmin, ImportAdmin, IssueAdmin  # noqa: E402,F401
from events.admin.events import EventAdmin, ThreadAdmin  # noqa: E402,F401
from events.admin.gazetteer import (  # noqa: E402,F401
    ActorAdmin, CountryAdmin, OrganizationAdmin, TopicAdmin,
)
from events.admin import calendar  # noqa: E402,F401  (publication calendar admin)
