"""State that survives: "load more" in the URL, the phone's results summary, announcements (issue 12)."""
import pytest

from tests import factories as f

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def many(db):
    return f.many_events(130)


def test_load_more_says_how_many_are_shown_and_survives_reload(client, many):
    first = client.get("/").content.decode()
    assert "Showing 50 of 130 events." in first
    start = first.index('hx-get="/?after=') + len('hx-get="')
    next_url = first[start:first.index('"', start)].replace("&amp;", "&")
    assert "shown=50" in next_url
    more = client.get(next_url, **HTMX)
    body = more.content.decode()
    assert "Showing 100 of 130 events." in body
    # announced to screen readers, out of band
    assert '<p id="results-announcer" hx-swap-oob="innerHTML">Showing 100 of 130 events.</p>' in body
    # the address now says how many are shown (replaced, not a new history entry): a reload shows them all
    assert more["HX-Replace-Url"] == "/?shown=100" and "HX-Push-Url" not in more
    reloaded = client.get(more["HX-Replace-Url"]).content.decode()
    assert reloaded.count('class="card ') == 100 and "Showing 100 of 130 events." in reloaded
    last = client.get(next_url.replace("shown=50", "shown=100").replace(next_url.split("after=")[1].split("&")[0],
                                                                          reloaded.split("after=")[1].split("&")[0]),
                      **HTMX).content.decode()
    assert "Showing all 130 events." in last


@pytest.mark.parametrize("shown", ["-1", "abc", "99999999999", "0", "100000"])
def test_bad_shown_values_never_fail(client, many, shown):
    response = client.get("/", {"shown": shown})
    assert response.status_code == 200
    assert response.content.decode().count('class="card ') <= 500


def test_phone_summary_jumps_to_the_results_and_follows_updates(client, many):
    page = client.get("/").content.decode()
    assert '<a href="#results-heading" data-focus-target="results-heading">Show 130 events' in page
    assert '<h2 id="results-heading" class="results-heading" tabindex="-1">' in page
    fragment = client.get("/?type=statement", **HTMX, HTTP_HX_TRIGGER="filters").content.decode()
    assert '<p id="results-jump" class="results-jump" hx-swap-oob="true">' in fragment


def test_templates_have_no_inline_scripts_or_handlers(client, many):
    """A strict Content-Security-Policy (script-src 'self') must hold: no inline script, no on*= or hx-on."""
    import re

    for url in ["/", "/about/", "/?q=meeting", many[0].get_absolute_url(), many[0].article.get_absolute_url()]:
        body = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert not re.search(r"\son[a-z]+=|hx-on", body), url
        assert " style=" not in body, url


def test_newest_first_with_keyset_load_more(client, many):
    import re

    first = client.get("/?sort=newest").content.decode()
    titles = re.findall(r"Synthetic meeting (\d+)<", first)
    assert titles[:3] == ["129", "128", "127"] and len(titles) == 50
    start = first.index('hx-get="/?sort=newest&amp;after=') + len('hx-get="')
    next_url = first[start:first.index('"', start)].replace("&amp;", "&")
    more = client.get(next_url, **HTMX).content.decode()
    assert re.findall(r"Synthetic meeting (\d+)<", more)[:2] == ["79", "78"]
    assert 'value="newest" selected' in first


@pytest.mark.parametrize("query", [
    "axis=decade", "axis=%00", "axis=day&date_from=1000-01-01&date_to=9000-12-31", "precision=minute",
    "min_confidence=2", "min_confidence=abc", "min_confidence=-1", "sort=%00", "sort=newest&after=garbage",
    "date_from=2001-03-01&date_to=2001-01-01&axis=week", "org=no-such", "q=%22%22%22&axis=year",
    "shown=50&after=2001-01-01_1&sort=newest",
])
def test_new_parameters_never_give_500(client, many, query):
    response = client.get("/?" + query, follow=True)
    assert response.status_code == 200, query
    for fmt in ("csv", "json"):
        assert client.get(f"/export.{fmt}?" + query).status_code in (200, 400), (fmt, query)
