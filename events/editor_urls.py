from django.urls import path

from events import editor_views

app_name = "editor"
urlpatterns = [
    path("import/", editor_views.import_files, name="import"),
    path("review/", editor_views.review, name="review"),
    path("parse-date/", editor_views.parse_date, name="parse_date"),
]
