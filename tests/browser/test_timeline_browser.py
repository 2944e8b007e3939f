"""The timeline in a real browser, on the ingested corpus: filters through htmx, URLs, event page, back."""
import re
from urllib.parse import parse_qs, urlparse

import pytest

from events.models import Actor, Event

pytestmark = pytest.mark.browser


def query(page):
    return parse_qs(urlparse(page.url).query)


def card_count(page):
    return page.locator("#results li.card").count()


def htmx_update(page, action, url_part):
    """Do `action`, wait for the htmx response of the timeline and for the address to contain `url_part`."""
    def is_timeline(response):
        return response.request.headers.get("hx-request") == "true" and "/actors/suggest" not in response.url

    with page.expect_response(is_timeline):
        action()
    page.wait_for_function(
        "part => location.search.includes(part) && !document.querySelector('.htmx-request')", arg=url_part)


def heading(page):
    return page.locator("#results-heading").inner_text().strip()


def test_filter_by_country_and_actor_then_event_page_and_back(corpus, page, shot):
    page.goto(corpus.url + "/")
    assert page.locator("h1").inner_text() == "Timeline of diplomatic events"
    total = card_count(page)
    assert total > 10
    assert page.locator("svg.month-chart a.bar").count() > 3
    assert page.locator("h2.year", has_text="2000").count() == 1
    shot(page, "01-timeline")

    # a country: the list is swapped in place (no reload) and the URL says so
    page.evaluate("window.__same_document = true")
    htmx_update(page, page.get_by_role("checkbox", name=re.compile(r"^Iran\b")).check, "country=IR")
    assert query(page)["country"] == ["IR"]
    assert page.evaluate("window.__same_document") is True, "the page was reloaded"
    iran_cards = card_count(page)
    assert 0 < iran_cards < total
    for card in page.locator("#results li.card").all():
        assert "Iran" in card.locator(".tag-country a").all_inner_texts()
    shot(page, "02-filtered-iran")

    # an actor, found by type-ahead
    sergeev = Actor.objects.get(name="Igor Sergeev")
    with page.expect_response(lambda r: "/actors/suggest?" in r.url and "actor_q=Serge" in r.url):
        page.get_by_label("Find an actor").fill("Serge")
    suggestion = page.locator("#actor-suggestions").get_by_role("checkbox", name=re.compile("Igor Sergeev"))
    suggestion.wait_for()
    assert "Vladimir Putin" not in page.locator("#actor-suggestions").inner_text()
    htmx_update(page, suggestion.check, f"actor={sergeev.pk}")
    assert query(page)["country"] == ["IR"] and query(page)["actor"] == [str(sergeev.pk)]
    assert "actor_q" not in query(page)
    both = card_count(page)
    assert 0 < both <= iran_cards
    expected = Event.objects.filter(hidden=False, countries__code="IR", actors=sergeev).count()
    assert both <= expected
    for card in page.locator("#results li.card").all():
        assert "Igor Sergeev" in card.locator(".tag-actor a").all_inner_texts()
    shot(page, "03-filtered-iran-sergeev")
    filtered_url = page.url

    # a further search keeps the chosen actor checked
    with page.expect_response(lambda r: "/actors/suggest?" in r.url and "actor_q=Khat" in r.url):
        page.get_by_label("Find an actor").fill("Khat")
    # the response has arrived; wait for htmx to swap it in
    page.locator("#actor-suggestions").get_by_role("checkbox", name=re.compile("Mohammad Khatami")).wait_for()
    assert page.locator("#actor-suggestions").get_by_role("checkbox", name=re.compile("Igor Sergeev")).is_checked()
    assert page.locator("#actor-suggestions").get_by_role("checkbox", name=re.compile("Mohammad Khatami")).count() == 1
    assert card_count(page) == both

    # the same URL, loaded afresh, gives the same list (the URL is the state)
    page.goto(filtered_url)
    assert card_count(page) == both
    assert page.get_by_role("checkbox", name=re.compile(r"^Iran\b")).is_checked()

    # an event page
    first = page.locator("#results li.card h4 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/events/\d+/$"))
    assert page.locator("h1").inner_text().strip() != ""
    assert page.locator("blockquote.sentence mark.hl-timex").count() == 1
    assert page.get_by_role("heading", name="How the date was computed").is_visible()
    shot(page, "04-event")

    # back to the filtered timeline
    page.go_back()
    page.wait_for_url(filtered_url)
    assert page.locator("#results li.card h4 a").first.inner_text() == title
    assert card_count(page) == both
    shot(page, "05-back")
    assert page.js_errors == []


def test_month_bar_filters_and_updates_the_form(corpus, page, shot):
    page.goto(corpus.url + "/")
    bar = page.locator("svg.month-chart a.bar").filter(has=page.locator("text.count")).first
    label = bar.get_attribute("aria-label")
    expected = int(label.rsplit(": ", 1)[1].split()[0])
    bar.focus()  # by keyboard: a bar is a link
    htmx_update(page, lambda: page.keyboard.press("Enter"), "date_from=")
    assert page.locator("#results-announcer").inner_text().strip() == heading(page)
    q = query(page)
    assert q["date_from"][0].endswith("-01") and q["date_to"]
    assert card_count(page) == expected
    assert page.locator("#filter-from").input_value() == q["date_from"][0]
    # the browser's back button restores the whole list
    page.go_back()
    page.wait_for_function("() => !location.search")
    page.locator("#results li.card").first.wait_for()
    assert "date_from" not in page.url
    shot(page, "06-month")


def test_works_without_javascript(corpus, browser, shot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(corpus.url + "/")
    page.get_by_role("checkbox", name=re.compile(r"^North Korea\b")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert query(page)["country"] == ["KP"]
    assert page.locator("#results li.card").count() > 0
    for card in page.locator("#results li.card").all():
        assert "North Korea" in card.locator(".tag-country a").all_inner_texts()
    # the actor search works as a plain form too: search, then choose
    page.get_by_label("Find an actor").fill("Sergeev")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    page.locator("#actor-suggestions").get_by_role("checkbox", name=re.compile("Igor Sergeev")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    sergeev = Actor.objects.get(name="Igor Sergeev")
    assert query(page)["actor"] == [str(sergeev.pk)] and query(page)["country"] == ["KP"]
    shot(page, "07-no-js")
    context.close()


def test_phone_width_and_keyboard(corpus, browser, shot):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(corpus.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # keyboard: the skip link is the first stop and shows a visible focus style
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.locator("#filter-panel").get_attribute("open") is None  # folded on phones
    shot(page, "08-phone", full_page=False)
    page.locator("#filter-panel > summary").click()
    assert page.get_by_label("Text").is_visible()
    page.goto(corpus.url + page.locator("#results li.card h4 a").first.get_attribute("href"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "09-phone-event", full_page=False)
    context.close()


def test_article_markup_is_shown_as_text(corpus, page, shot, tmp_path):
    from django.core.management import call_command

    from events.models import Article

    source = tmp_path / "markup.txt"
    source.write_text(
        "Publication: Monitor Volume: 7 Issue: 45\n\n"
        "<script>window.__pwned = 1</script> <b>Bold claim</b>: Russian President Vladimir Putin met "
        "Iranian President Mohammad Khatami in Moscow on March 12 <img src=x onerror=\"window.__pwned=2\">.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(source), verbosity=0)
    article = Article.objects.get(source_name__endswith="markup.txt")
    page.goto(corpus.url + article.get_absolute_url())
    body = page.locator(".article-body").inner_text()
    assert "<script>window.__pwned = 1</script>" in body and "<b>Bold claim</b>" in body
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".article-body b").count() == 0 and page.locator(".article-body img").count() == 0
    assert page.locator(".article-body .hl-actor").count() >= 1
    shot(page, "10-article-markup")
    page.goto(corpus.url + "/?q=Bold+claim")
    assert page.evaluate("window.__pwned") is None


def test_actor_country_and_article_pages(corpus, page, shot):
    putin = Actor.objects.get(name="Vladimir Putin")
    page.goto(corpus.url + putin.get_absolute_url())
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    # who he met most often, counted here the slow way: distinct happenings (threads) among the
    # encounters (meetings, summits, visits, agreements) that name him and the other actor
    happenings = {}
    encounters = Event.objects.filter(hidden=False, actors=putin,
                                      event_type__in=["meeting", "summit", "visit", "agreement"])
    for event in encounters.prefetch_related("actors"):
        for other in event.actors.all():
            if other != putin:
                happenings.setdefault(other.name, set()).add(event.thread_id or -event.id)
    counts = {name: len(ids) for name, ids in happenings.items()}
    top = max(counts.values())
    first = page.locator(".met-list li").first.inner_text()
    assert any(first.startswith(name) for name, n in counts.items() if n == top)
    assert f"{top} event" in first
    assert page.locator(".met-list li").count() == min(len(counts), 10)
    cards = page.locator("#results li.card")
    assert cards.count() >= 5
    for card in cards.all():
        assert "Vladimir Putin" in card.locator(".tag-actor a").all_inner_texts()
    shot(page, "11-actor")

    page.goto(corpus.url + "/countries/KP/")
    assert page.locator("h1").inner_text() == "North Korea"
    assert page.locator("#results li.card").count() >= 5
    shot(page, "12-country")

    first = Event.objects.filter(hidden=False).select_related("article").order_by("id").first()
    page.goto(corpus.url + first.article.get_absolute_url())
    assert page.locator(".article-body .hl-timex").count() >= page.locator(".article-events li.card").count() > 0
    assert page.locator(".article-body a.hl-actor").count() > 0
    assert page.locator(".article-body a.hl-country").count() > 0
    shot(page, "13-article")
    assert page.js_errors == []
