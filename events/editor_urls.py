from django.urls import path

from events import editor_views

app_name = "editor"
urlpatterns = [
    path("import/", editor_views.import_files, name="import"),
    path("review/", editor_views.review, name="review"),
    path("parse-date/", editor_views.parse_date, name="parse_date"),
]
urlpatterns += [
    path("jobs/", editor_views.jobs, name="jobs"),
    path("jobs/<int:pk>/", editor_views.job_detail, name="job"),
    path("jobs/<int:pk>/cancel/", editor_views.job_action, {"action": "cancel"}, name="job_cancel"),
    path("jobs/<int:pk>/retry/", editor_views.job_action, {"action": "retry"}, name="job_retry"),
]
