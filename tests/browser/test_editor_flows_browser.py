"""Issue 14's editor flows in a real browser (under the Content-Security-Policy, with the page fixture failing on
any violation): log in, correct with a reason, confirm the machine's values, upload an edited article (a new
version that keeps the correction) and undo that import."""
import pytest

from events.models import Article, ArticleVersion, Event, Import
from tests.adversarial.samples import BODY_A, article_text

pytestmark = pytest.mark.browser
PASSWORD = "a-long-browser-passphrase"
EDITED_A = BODY_A.replace("will visit Beijing", "will travel to Beijing")


@pytest.fixture
def stocked(transactional_db, live_server):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from events.services.ingest import ingest_text

    call_command("load_gazetteers", verbosity=0)
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    ingest_text("a.txt", article_text(50, BODY_A).encode())
    return live_server


def log_in(page, server):
    page.goto(server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def event_for(date_text):
    return Event.objects.get(date_text=date_text)


def test_correct_confirm_new_version_and_undo_import(stocked, page, shot, tmp_path):
    log_in(page, stocked)

    # Correct with a reason: without one the form comes back and says so; with one it is saved.
    march = event_for("March 12")
    page.goto(f"{stocked.url}/admin/events/event/{march.pk}/change/")
    page.select_option("#id_status", "planned")
    page.click("input[name=_save]")
    page.get_by_text("Give a reason").wait_for()  # the form is back, with the field's error
    page.select_option("#id_status", "planned")
    page.fill("#id_change_reason", "The ministry only announced the talks; they took place a week later.")
    page.click("input[name=_save]")
    page.locator("ul.messagelist").wait_for()
    assert "Corrected: status" in page.locator("ul.messagelist").inner_text()
    shot(page, "14-01-corrected-with-reason")
    march.refresh_from_db()
    assert march.status == "planned" and "announced" in march.history.latest().history_change_reason

    # Confirm the machine's values of another mention.
    monday = event_for("Monday")
    page.goto(f"{stocked.url}/admin/events/event/{monday.pk}/change/")
    page.check("#id_confirm")
    page.fill("#id_change_reason", "Checked against the article.")
    page.click("input[name=_save]")
    page.locator("ul.messagelist").wait_for()
    assert "confirmed" in page.locator("ul.messagelist").inner_text()
    monday.refresh_from_db()
    assert "date_start" in monday.corrected_fields

    # Upload an edited text of the article: a new version, the correction kept.
    edited = tmp_path / "a-edited.txt"
    edited.write_text(article_text(50, EDITED_A))
    page.goto(stocked.url + "/editor/import/")
    page.set_input_files("input[type=file]", str(edited))
    page.click("input[type=submit]")
    page.locator("#import-totals").wait_for()
    assert "1 new" in page.locator("#import-totals").inner_text()
    assert "a new version (version 2) of article" in page.locator("#import-results").inner_text()
    shot(page, "14-02-import-new-version")
    [article] = Article.objects.all()
    assert article.version == 2 and ArticleVersion.objects.count() == 1
    assert Event.objects.get(pk=march.pk).status == "planned"

    # Undo that import from the imports list: a reason, then the article is back to version 1.
    upload = Import.objects.order_by("-pk").first()  # the page's upload (the fixture's ingest was one too)
    page.goto(stocked.url + "/admin/events/import/")
    page.check(f"input[name=_selected_action][value='{upload.pk}']")
    page.select_option("select[name=action]", "undo_import")
    page.click("button[name=index]")
    page.locator("#id_reason").wait_for()
    shot(page, "14-03-undo-import")
    page.fill("#id_reason", "Uploaded the draft by mistake.")
    page.click("input[value='Undo this import']")
    page.locator("ul.messagelist").wait_for()
    assert "undone" in page.locator("ul.messagelist").inner_text()
    article.refresh_from_db()
    assert article.version == 1 and article.body == BODY_A
    assert Event.objects.get(pk=march.pk).status == "planned"
    assert page.js_errors == []
