from django.urls import path

from . import calendar_views, views

app_name = "events"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("about/", views.about, name="about"),
    path("actors/", views.actor_index, name="actors"),
    path("countries/", views.country_index, name="countries"),
    path("topics/", views.topic_index, name="topics"),
    path("organizations/", views.organization_index, name="organizations"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("issues/", views.issue_index, name="issues"),
    path("actors/suggest", views.actor_suggest, name="actor_suggest"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("actors/<int:pk>/", views.actor_detail, name="actor"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("calendar/", calendar_views.publication_calendar, name="calendar"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("export.json", views.export, {"fmt": "json"}, name="export_json"),
]
