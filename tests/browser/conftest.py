"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live_server.

Playwright's sync API runs an event loop in this thread, so Django's async-safety check must be off here.
"""
import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "monitor"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Every page reports Content-Security-Policy violations (issue 14): the DOM event, and Chromium's console line.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP-VIOLATION " + e.violatedDirective + " " + (e.blockedURI || "inline") + " at " +
                e.sourceFile + ":" + e.lineNumber);
});
"""


def watch_csp(context):
    """Collect CSP violations of every page of `context` into the list it returns."""
    violations = []
    context.add_init_script(_CSP_LISTENER)

    def on_console(message):
        text = message.text
        if "CSP-VIOLATION" in text or "Content Security Policy" in text:
            violations.append(text)

    context.on("console", on_console)
    return violations


@pytest.fixture
def page(browser, request):
    # A test that injects its own tooling (axe-core, added as an inline script) runs with the page's CSP
    # bypassed; every other page runs under the site's policy and fails on any violation.
    bypass = "axe_path" in request.fixturenames
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass)
    violations = watch_csp(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    page.csp_violations = violations
    yield page
    context.close()
    assert violations == [], f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def corpus(transactional_db, live_server):
    """The five corpus articles, ingested the way a user would (the ingest command)."""
    from django.core.management import call_command

    assert CORPUS.is_dir(), f"corpus missing: {CORPUS}"
    # Transactional tests flush the tables after each test, taking the gazetteers that migration 0002
    # loaded with them: load them again, as that migration does.
    call_command("load_gazetteers", verbosity=0)
    call_command("ingest", str(CORPUS), verbosity=0)
    return live_server


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name, full_page=True):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
