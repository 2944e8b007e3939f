from django.urls import path  # noqa: F401  (pages are added by the timeline views)

app_name = "events"
urlpatterns = []
