from django.contrib import admin
from django.urls import include, path

from monitor_site import views as site_views

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("editor/", include("events.editor_urls")),
    path("", include("events.urls")),
]

# 503 with Retry-After instead of 500 when the database is down (monitor_site/views.py).
handler500 = "monitor_site.views.handler500"
