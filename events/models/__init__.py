"""The data model: issues, articles, gazetteers (countries, actors, topics), threads and event mentions.

Machine output and editors' corrections live side by side: every editable model keeps its history
(django-simple-history), and an Event records in `corrected_fields` which of its fields an editor set,
so that re-processing never overwrites them.

The models live in one module per family; every name is imported here, and `events.models.X` is the path
the rest of the code and the migrations use:

  issues       Issue, CalendarDay, VolumeCalendar: issues and their publication calendar
  articles     Import, Article, ArticleVersion: articles, their earlier texts and the runs that brought them
  gazetteer    Country(Alias), Organization(Alias, Membership), Actor(Alias, Role), Topic(Keyword)
  events       Granularity, EventType, Status, Thread, Event: mentions and the happenings they share
  jobs         Job, JobItem: background jobs
  happenings   Happening, HappeningDirty, HappeningTally, IdArrayField: the timeline's unit, stored
               HappeningText(Dirty), TextDocumentField: its search documents (PostgreSQL)

(The modules are imported in the order the models were declared in the single module they came from, so
the app registry lists them as before.)
"""
# The largest id a BigAutoField holds: a larger number in a URL or a filter is invalid input, never a
# database error (SQLite overflows on it). The one limit for every id the site reads.
MAX_ID = 2**63 - 1

from events.models.issues import CalendarDay, Issue, VolumeCalendar  # noqa: E402
from events.models.articles import Article, ArticleVersion, Import  # noqa: E402
from events.models.gazetteer import (  # noqa: E402
    Actor, ActorAlias, ActorRole, Country, CountryAlias, Organization, OrganizationAlias, OrganizationMembership,
    Topic, TopicKeyword,
)
from events.models.events import Event, EventType, Granularity, Status, Thread  # noqa: E402
from events.models.jobs import Job, JobItem  # noqa: E402
from events.models.happenings import (  # noqa: E402
    Happening, HappeningDirty, HappeningTally, HappeningText, HappeningTextDirty, IdArrayField, IdsOverlap,
    TextDocumentField,
)

__all__ = [
    "MAX_ID",
    "Issue", "CalendarDay", "VolumeCalendar",
    "Import", "Article", "ArticleVersion",
    "Country", "CountryAlias", "Organization", "OrganizationAlias", "OrganizationMembership", "Actor", "ActorAlias",
    "ActorRole", "Topic", "TopicKeyword",
    "Granularity", "EventType", "Status", "Thread", "Event",
    "Job", "JobItem",
    "IdArrayField", "IdsOverlap", "Happening", "HappeningDirty", "HappeningTally", "HappeningText",
    "HappeningTextDirty", "TextDocumentField",
]
