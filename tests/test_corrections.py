"""The corrections service: date parsing, field protection, history with reasons, revert, merge."""
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from events.models import Actor, ActorAlias, ActorRole, Article, Country, Event, Issue, Topic
from events.services import corrections
from events.services.corrections import DateParseError, parse_date_text

ISSUE_DATE = date(2001, 1, 2)  # Volume 7, Issue 1


# ---------------------------------------------------------------------------------------------
# factories shared by the editors' tests
# ---------------------------------------------------------------------------------------------

def make_issue(volume=7, number=1, day=ISSUE_DATE, **kw):
    return Issue.objects.create(volume=volume, number=number, date=day,
                                date_method=kw.pop("date_method", Issue.DateMethod.CALENDAR),
                                date_confidence=kw.pop("date_confidence", 0.8), **kw)


def make_article(issue=None, n=1, body="Sergeev met Shamkhani on December 28."):
    issue = issue or Issue.objects.filter(volume=7, number=1).first() or make_issue()
    return Article.objects.create(issue=issue, position=n, headline=f"Headline {n}", body=body,
                                  source_name=f"test_{n}.txt", content_hash=f"hash-{issue.pk}-{n}")


def make_event(article=None, key="s0", **kw):
    article = article or make_article()
    values = dict(
        extraction_key=key, sentence_start=0, sentence_end=len(article.body), sentence=article.body,
        date_text="December 28", date_text_start=27, date_text_end=38, anchor_date=article.issue.date,
        date_start=date(2000, 12, 28), date_end=date(2000, 12, 28), granularity="day",
        event_type="meeting", status="occurred", confidence=0.9,
    )
    values.update(kw)
    return Event.objects.create(article=article, **values)


def make_editor(username="editor", superuser=True):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "a-long-test-passphrase")
    return User.objects.create_user(username, f"{username}@example.org", "a-long-test-passphrase", is_staff=True)


# ---------------------------------------------------------------------------------------------
# parse_date_text (pure)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end, granularity", [
    ("late January 2001", date(2001, 1, 21), date(2001, 1, 31), "month"),
    ("late January", date(2001, 1, 21), date(2001, 1, 31), "month"),  # nearest to 2 Jan 2001
    ("early December", date(2000, 12, 1), date(2000, 12, 10), "month"),
    ("mid-February 2001", date(2001, 2, 11), date(2001, 2, 20), "month"),
    ("late February 2000", date(2000, 2, 21), date(2000, 2, 29), "month"),  # leap year
    ("28 Dec 2000", date(2000, 12, 28), date(2000, 12, 28), "day"),
    ("December 28", date(2000, 12, 28), date(2000, 12, 28), "day"),  # not December 2001
    ("January 5", date(2001, 1, 5), date(2001, 1, 5), "day"),  # not January 2000
    ("2001-01-28", date(2001, 1, 28), date(2001, 1, 28), "day"),
    ("yesterday", date(2001, 1, 1), date(2001, 1, 1), "day"),
    ("spring 2001", date(2001, 3, 1), date(2001, 5, 31), "season"),
    ("summer 2000", date(2000, 6, 1), date(2000, 8, 31), "season"),
    ("autumn 2000", date(2000, 9, 1), date(2000, 11, 30), "season"),
    ("fall 2000", date(2000, 9, 1), date(2000, 11, 30), "season"),
    ("winter 2000", date(2000, 12, 1), date(2001, 2, 28), "season"),  # starts in December of 2000
    ("this spring", date(2001, 3, 1), date(2001, 5, 31), "season"),
    ("January 2001", date(2001, 1, 1), date(2001, 1, 31), "month"),
    ("2001", date(2001, 1, 1), date(2001, 12, 31), "year"),
    ("12-14 March 2001", date(2001, 3, 12), date(2001, 3, 14), "day"),
    ("March 12-14, 2001", date(2001, 3, 12), date(2001, 3, 14), "day"),
    ("28 December to 3 January 2001", date(2000, 12, 28), date(2001, 1, 3), "day"),
    ("Q1 2001", date(2001, 1, 1), date(2001, 3, 31), "quarter"),
    ("second half of 2000", date(2000, 7, 1), date(2000, 12, 31), "half"),
    ("last month", date(2000, 12, 1), date(2000, 12, 31), "month"),
])
def test_parse_date_text(text, start, end, granularity):
    interval = parse_date_text(text, ISSUE_DATE)
    assert (interval.start, interval.end, interval.granularity) == (start, end, granularity)


def test_a_missing_year_depends_on_the_issue_date():
    assert parse_date_text("December 28", date(2001, 12, 3)).start == date(2001, 12, 28)
    assert parse_date_text("late January", date(2000, 12, 20)).start == date(2001, 1, 21)


@pytest.mark.parametrize("text", ["", "   ", "sometime", "foo bar 12x", "30 February 2001",
                                  "3 Jan 2001 to 28 Dec 2000"])
def test_unparseable_text_is_an_error(text):
    with pytest.raises(DateParseError):
        parse_date_text(text, ISSUE_DATE)


# ---------------------------------------------------------------------------------------------
# correct_event: protection and history
# ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_correction_is_recorded_with_user_reason_and_protected_fields():
    editor = make_editor()
    event = make_event()
    changed = corrections.correct_event(event, {"status": "planned", "summary": "Talks in Tehran",
                                                "event_type": "meeting"},
                                        user=editor, reason="the talks were announced, not held")
    assert changed == ["status", "summary"]  # event_type unchanged: not a correction
    event.refresh_from_db()
    assert event.status == "planned"
    assert event.corrected_fields == ["status", "summary"]
    latest = event.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "the talks were announced, not held"
    assert latest.status == "planned"
    assert event.history.count() == 2  # created + one correction (no extra m2m rows)


@pytest.mark.django_db
def test_correcting_m2m_fields_writes_one_history_record_with_the_new_set():
    editor = make_editor()
    event = make_event()
    russia, iran = Country.objects.get(code="RU"), Country.objects.get(code="IR")
    event.countries.add(russia)
    before = event.history.count()
    corrections.correct_event(event, {"countries": [russia, iran]}, user=editor, reason="Iran too")
    event.refresh_from_db()
    assert set(event.countries.values_list("code", flat=True)) == {"RU", "IR"}
    assert event.history.count() == before + 1
    latest = event.history.latest()
    assert {row.country_id for row in latest.countries.all()} == {russia.pk, iran.pk}
    assert event.corrected_fields == ["countries"]


@pytest.mark.django_db
def test_any_date_field_protects_the_whole_interval_and_nothing_changed_writes_nothing():
    event = make_event()
    assert corrections.correct_event(event, {"date_start": event.date_start}) == []
    assert event.history.count() == 1
    interval = corrections.set_event_date(event, "late December 2000", user=make_editor())
    assert (interval.start, interval.end, interval.granularity) == (date(2000, 12, 21), date(2000, 12, 31), "month")
    event.refresh_from_db()
    assert event.corrected_fields == ["date_start", "date_end", "granularity"]
    assert (event.date_start, event.date_end) == (date(2000, 12, 21), date(2000, 12, 31))


@pytest.mark.django_db
def test_a_reversed_interval_and_an_unknown_field_are_refused():
    event = make_event()
    with pytest.raises(ValidationError):
        corrections.correct_event(event, {"date_end": date(2000, 1, 1)})
    with pytest.raises(ValueError):
        corrections.correct_event(event, {"sentence": "rewritten"})
    event.refresh_from_db()
    assert event.corrected_fields == [] and event.date_end == date(2000, 12, 28)


@pytest.mark.django_db
def test_mark_not_event_hides_and_protects_hidden():
    editor = make_editor()
    event = make_event()
    assert corrections.mark_not_event([event], user=editor, reason="a generic phrase") == 1
    event.refresh_from_db()
    assert event.hidden and event.corrected_fields == ["hidden"]
    assert event.history.latest().history_change_reason == "a generic phrase"


# ---------------------------------------------------------------------------------------------
# revert
# ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_revert_restores_the_previous_values_and_corrected_fields_and_is_recorded():
    editor = make_editor()
    event = make_event()
    corrections.correct_event(event, {"summary": "first"}, user=editor, reason="one")
    corrections.set_event_date(event, "spring 2001", user=editor, reason="two")
    fields = corrections.revert_event(event, user=editor, reason="wrong season")
    assert fields == ["date_start", "date_end", "granularity"]
    event.refresh_from_db()
    assert (event.date_start, event.date_end, event.granularity) == (date(2000, 12, 28), date(2000, 12, 28), "day")
    assert event.summary == "first"
    assert event.corrected_fields == ["summary"]  # the date is machine's again
    latest = event.history.latest()
    assert latest.history_user == editor
    assert "wrong season" in latest.history_change_reason and "revert" in latest.history_change_reason
    # reverting a chosen, older change: the summary
    first = event.history.filter(history_change_reason="one").get()
    assert corrections.revert_event(event, user=editor, history_id=first.history_id) == ["summary"]
    event.refresh_from_db()
    assert event.summary == "" and event.corrected_fields == []


@pytest.mark.django_db
def test_revert_of_m2m_and_hidden():
    editor = make_editor()
    event = make_event()
    topic = Topic.objects.create(name="Arms trade", slug="arms-trade")
    corrections.correct_event(event, {"topics": [topic], "hidden": True}, user=editor, reason="x")
    corrections.revert_event(event, user=editor)
    event.refresh_from_db()
    assert list(event.topics.all()) == [] and event.hidden is False and event.corrected_fields == []


@pytest.mark.django_db
def test_nothing_to_revert():
    event = make_event()
    with pytest.raises(ValidationError):
        corrections.revert_event(event, user=make_editor())


# ---------------------------------------------------------------------------------------------
# merge actors
# ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_merge_actors_moves_every_reference_keeps_history_and_deletes_the_others():
    editor = make_editor()
    keep = Actor.objects.create(name="Test Person Keep")
    dup = Actor.objects.create(name="T. P. Keep", needs_review=True)
    dup2 = Actor.objects.create(name="Keep, Test")
    ActorAlias.objects.create(actor=dup, text="Mr Keep")
    ActorRole.objects.create(actor=dup, title="Minister of Tests", start=date(2000, 5, 7))
    article = make_article()
    e1 = make_event(article, key="a")
    e2 = make_event(article, key="b")
    e1.actors.add(dup)
    e2.actors.add(dup2, keep)
    dup_pk, dup2_pk = dup.pk, dup2.pk
    n = corrections.merge_actors(keep, [dup, dup2], user=editor, reason="same person")
    assert n == 2
    assert not Actor.objects.filter(pk__in=[dup_pk, dup2_pk]).exists()
    assert list(e1.actors.all()) == [keep] and list(e2.actors.all()) == [keep]
    assert set(keep.aliases.values_list("text", flat=True)) == {"Mr Keep", "T. P. Keep", "Keep, Test"}
    assert keep.roles.get().title == "Minister of Tests"
    # the events' history still knows the old actor and records the merge
    latest = e1.history.latest()
    assert latest.history_change_reason == "same person" and latest.history_user == editor
    assert {r.actor_id for r in latest.actors.all()} == {keep.pk}
    prior = latest.prev_record
    assert {r.actor_id for r in prior.actors.all()} == {dup_pk}
    assert Actor.history.filter(id=dup_pk, history_type="-").get().history_change_reason == "same person"


@pytest.mark.django_db
def test_merge_is_one_transaction(monkeypatch):
    keep = Actor.objects.create(name="Keeper")
    dup = Actor.objects.create(name="Duplicate")
    event = make_event()
    event.actors.add(dup)

    def boom(self, *a, **kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Actor, "delete", boom)
    with pytest.raises(RuntimeError):
        corrections.merge_actors(keep, [dup])
    assert list(event.actors.all()) == [dup]
    assert not keep.aliases.exists()


@pytest.mark.django_db
def test_reverting_to_a_deleted_actor_is_a_clear_error():
    editor = make_editor()
    keep, dup = Actor.objects.create(name="Keeper Two"), Actor.objects.create(name="Dup Two")
    event = make_event()
    event.actors.add(dup)
    corrections.merge_actors(keep, [dup], user=editor, reason="same")
    with pytest.raises(ValidationError, match="no longer exists"):
        corrections.revert_event(event, user=editor)
    assert list(event.actors.all()) == [keep]


# ---------------------------------------------------------------------------------------------
# threads follow their members' corrections
# ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_corrected_date_moves_its_machine_thread_but_not_an_editors_thread():
    from events.models import Thread
    from events.services.threads import recompute_threads

    editor = make_editor()
    article = make_article()
    lone = make_event(article, key="a")
    kept = make_event(article, key="b")
    machine = Thread.objects.create(title="", event_type="meeting", status="occurred", granularity="day",
                                    date_start=date(2000, 12, 28), date_end=date(2000, 12, 28))
    fixed = Thread.objects.create(title="Set by hand", event_type="meeting", status="occurred", granularity="day",
                                  date_start=date(2000, 12, 28), date_end=date(2000, 12, 28), set_by_editor=True)
    Event.objects.filter(pk=lone.pk).update(thread=machine)
    Event.objects.filter(pk=kept.pk).update(thread=fixed)
    recompute_threads({machine.pk})

    # The only member of the machine thread now says 26 Dec: the thread's interval must follow it,
    # since a machine thread's date is derived from its members.
    corrections.set_event_date(Event.objects.get(pk=lone.pk), "26 Dec 2000", user=editor)
    machine.refresh_from_db()
    assert (machine.date_start, machine.date_end) == (date(2000, 12, 26), date(2000, 12, 26))

    # An editor's thread keeps the interval the editor gave it, whatever its members say.
    corrections.set_event_date(Event.objects.get(pk=kept.pk), "26 Dec 2000", user=editor)
    fixed.refresh_from_db()
    assert (fixed.date_start, fixed.date_end) == (date(2000, 12, 28), date(2000, 12, 28))
