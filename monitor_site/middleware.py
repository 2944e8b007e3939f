"""Request guards that run before any view or form reads the request (issue 14).

* RequestGuardMiddleware (after AuthenticationMiddleware, before anything reads the body):
  - a request body over the limit is refused with 413 from its Content-Length alone, before a byte of it is
    read: anonymous users get ANONYMOUS_MAX_BODY_BYTES (enough for the login form), staff
    STAFF_MAX_BODY_BYTES (the import page's 100 files of 1 MB); an anonymous POST to the staff pages
    (/editor/) is sent to the login page the same way, so a 300 MB upload is never written to disk;
  - a NUL byte (or another C0 control character than tab/newline) in the path, or in the query string of a
    staff page (the admin's list filters and search), is a 400: PostgreSQL cannot store or compare such text.
    The public pages read their own parameters and answer such values themselves (issue 12).
"""
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.http import HttpResponse, HttpResponseBadRequest

_CONTROL_BYTES = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"") + b"\x7f"


def _has_control(raw: str) -> bool:
    data = unquote_to_bytes(raw.replace("+", " "))
    return any(byte in data for byte in _CONTROL_BYTES)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.META.get("PATH_INFO", "") or ""
        query = request.META.get("QUERY_STRING", "") or ""
        if "\x00" in path or any(ch in path for ch in "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x7f") \
                or (query and path.startswith(settings.MONITOR_STAFF_PREFIXES) and _has_control(query)):
            return HttpResponseBadRequest("Bad request: control characters in the address.",
                                          content_type="text/plain; charset=utf-8")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Bad request: invalid Content-Length.", content_type="text/plain")
        user = getattr(request, "user", None)
        staff = bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)
        if not staff and request.method not in ("GET", "HEAD", "OPTIONS") \
                and path.startswith(settings.MONITOR_STAFF_ONLY_PREFIXES):
            # What staff_member_required answers, but before the body is read (or written to disk).
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        limit = settings.MONITOR_STAFF_MAX_BODY_BYTES if staff else settings.MONITOR_ANONYMOUS_MAX_BODY_BYTES
        if length > limit:
            return HttpResponse(f"Request body of {length:,} bytes is over the {limit:,}-byte limit.", status=413,
                                content_type="text/plain; charset=utf-8")
        return self.get_response(request)
