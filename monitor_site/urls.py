from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("editor/", include("events.editor_urls")),
    path("", include("events.urls")),
]
