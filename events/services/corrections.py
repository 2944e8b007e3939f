"""Editors' corrections: the only code that writes an editor's change to the database.

Every write here is one django-simple-history record carrying who (``history_user``), when, what
(the record's diff against the previous one) and why (``history_change_reason``). A correctable
Event field an editor sets goes into ``Event.corrected_fields``; extraction never overwrites those.

``parse_date_text``, the parser behind the admin's "date as text" field, is events.services.date_box
(importable from here too).
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from events.models import Actor, ActorAlias, Event, Issue
from events.services.date_box import DateInterval, DateParseError, parse_date_text  # noqa: F401 - also imported from here
from events.services.threads import recompute_threads

__all__ = ["DateInterval", "DateParseError", "parse_date_text", "correct_event", "confirm_event", "set_event_date",
           "mark_not_event", "revert_event", "correct_thread", "correct_issue_date", "merge_actors"]

M2M_FIELDS = ("actors", "countries", "topics")
DATE_FIELDS = ("date_start", "date_end", "granularity")


def _label(user):
    return getattr(user, "get_username", lambda: "")() or "an editor"


def _reason(reason, default):
    reason = (reason or "").strip()
    # history_change_reason is a TextField (SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD): no limit here;
    # the forms cap a reason at REASON_MAX_CHARS.
    return reason or default


def _current(event, field):
    if field in M2M_FIELDS:
        return set(getattr(event, field).values_list("pk", flat=True))
    if field == "thread":
        return event.thread_id
    return getattr(event, field)


def _normalise(field, value):
    if field in M2M_FIELDS:
        return {getattr(v, "pk", v) for v in (value or [])}
    if field == "thread":
        return getattr(value, "pk", value)
    return value


def _save_with_history(obj, user, reason, m2m=None):
    """Set m2m values without intermediate history rows, then save once: one history record."""
    if m2m:
        obj.skip_history_when_saving = True
        try:
            for field, pks in m2m.items():
                getattr(obj, field).set(pks)
        finally:
            del obj.skip_history_when_saving
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    obj._change_reason = reason
    obj.save()


# Corrections to these fields change what a thread derives from its members (interval, title, status).
THREAD_INPUTS = {"thread", "hidden", "event_type", "status", "summary", *DATE_FIELDS}


def _record_machine_version(event):
    """Give an event stored in bulk by extraction (no history yet) a first history record of the
    machine's values, so that the editor's first correction has something to show and revert to."""
    if event.history.exists():
        return
    event._history_user = None  # the machine's version, even inside an editor's request
    event._change_reason = "as extracted"
    # Dated when the machine stored it (the ingest), not when an editor first corrected it (issue 14).
    event._history_date = event.created_at
    try:
        event.save()
    finally:
        del event._history_user, event._change_reason, event._history_date


def _apply(event, values, user, reason, corrected_fields):
    old_thread = event.thread_id
    m2m = {}
    for field, value in values.items():
        if field in M2M_FIELDS:
            m2m[field] = value
        elif field == "thread":
            event.thread_id = value
        else:
            setattr(event, field, value)
    if event.date_end < event.date_start:
        raise ValidationError({"date_end": "The end date is before the start date."})
    event.corrected_fields = [f for f in Event.CORRECTABLE_FIELDS if f in corrected_fields]
    event.needs_review, event.review_note = False, ""  # an editor has looked at it
    _save_with_history(event, user, reason, m2m)
    if THREAD_INPUTS & set(values):
        # The thread(s) the event left or stays in re-derive their fields (editor-set threads are kept).
        recompute_threads({old_thread, event.thread_id})


@transaction.atomic
def correct_event(event: Event, changes: dict, *, user=None, reason: str = "") -> list[str]:
    """Apply an editor's values to correctable fields; returns the fields that really changed.

    `changes` maps field names from Event.CORRECTABLE_FIELDS to new values (m2m: objects or pks;
    thread: a Thread, its pk or None). Values equal to the current ones are not corrections.
    Changing any of date_start/date_end/granularity protects all three: the interval is one unit.
    Nothing is written when nothing changed.
    """
    unknown = set(changes) - set(Event.CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable: {', '.join(sorted(unknown))}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    changed = {}
    for field, value in changes.items():
        value = _normalise(field, value)
        if value != _current(event, field):
            changed[field] = value
    if not changed:
        return []
    protected = set(event.corrected_fields or []) | set(changed)
    if protected & set(DATE_FIELDS):
        protected |= set(DATE_FIELDS)
    _record_machine_version(event)
    _apply(event, changed, user, _reason(reason, f"corrected {', '.join(sorted(changed))}"), protected)
    return sorted(changed)


# What "confirm machine value" confirms: everything the machine decided about the event.
CONFIRMABLE_FIELDS = ("date_start", "date_end", "granularity", "event_type", "status", "summary",
                      "actors", "countries", "topics")


@transaction.atomic
def confirm_event(event: Event, *, user=None, reason: str = "", fields=CONFIRMABLE_FIELDS) -> list[str]:
    """An editor confirms that the machine's values are right: a correction that changes no value. The fields
    join corrected_fields (re-processing keeps them, the review queue drops the event), the review flag is
    cleared, and the history records who, when and why. Returns the fields confirmed."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    fields = [f for f in Event.CORRECTABLE_FIELDS if f in set(fields)]
    _record_machine_version(event)
    protected = set(event.corrected_fields or []) | set(fields)
    text = _reason(reason, "confirmed the machine's values")
    if not text.lower().startswith("confirmed"):
        text = f"confirmed the machine's values: {text}"
    _apply(event, {}, user, text, protected)
    return fields


def set_event_date(event: Event, text: str, *, user=None, reason: str = "") -> DateInterval:
    """Correct an event's date from text parsed relative to its issue date."""
    interval = parse_date_text(text, event.article.issue.date)
    correct_event(event, {"date_start": interval.start, "date_end": interval.end,
                          "granularity": interval.granularity},
                  user=user, reason=reason or f"date set to “{text}”")
    return interval


def mark_not_event(events, *, user=None, reason: str = "", hidden: bool = True) -> int:
    """Mark events as "not an event" (hidden from the timeline), or show them again."""
    count = 0
    with transaction.atomic():
        for event in events:
            default = "marked as not an event" if hidden else "shown again on the timeline"
            if correct_event(event, {"hidden": hidden}, user=user, reason=_reason(reason, default)):
                count += 1
    return count


@transaction.atomic
def revert_event(event: Event, *, user=None, reason: str = "", history_id: int | None = None) -> list[str]:
    """Undo one editor change: by default the newest history record that has an editor as its user.

    The fields that change touched get the values of the record before it, and leave
    corrected_fields unless they were corrected before that change too. The revert is itself a
    history record (with the user and reason). Returns the fields restored.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    record, previous = _change_to_revert(event, history_id)
    fields = _reverted_fields(record, previous)
    values = {field: _value_before(previous, field) for field in fields}
    for field, value in values.items():
        _check_still_exists(field, value)
    was_corrected = set(previous.corrected_fields or [])
    protected = (set(event.corrected_fields or []) - set(fields)) | (set(fields) & was_corrected)
    text = f"revert of change #{record.history_id} ({record.history_date:%Y-%m-%d %H:%M})"
    if reason and reason.strip():
        text += f": {reason.strip()}"
    _apply(event, values, user, _reason(text, text), protected)
    return fields


def _change_to_revert(event, history_id):
    """(the history record to undo, the record before it), or a ValidationError saying why there is none."""
    records = event.history.order_by("-history_date", "-history_id")
    if history_id is not None:
        record = records.filter(history_id=history_id).first()
    else:
        record = records.filter(history_user__isnull=False).first()
    if record is None:
        raise ValidationError("There is no editor change to revert.")
    previous = record.prev_record
    if previous is None:
        raise ValidationError("That is the first version of this event: there is nothing before it.")
    return record, previous


def _reverted_fields(record, previous) -> list[str]:
    """The correctable fields the change touched (all the date fields when it touched one)."""
    delta = record.diff_against(previous, included_fields=list(Event.CORRECTABLE_FIELDS))
    fields = [f for f in Event.CORRECTABLE_FIELDS if f in set(delta.changed_fields)]
    if not fields:
        raise ValidationError("That change did not touch a correctable field.")
    if set(fields) & set(DATE_FIELDS):
        fields = list(dict.fromkeys(fields + list(DATE_FIELDS)))
    return fields


def _value_before(previous, field):
    """A field's value in the history record before the change (a set of ids for a many-to-many field)."""
    if field in M2M_FIELDS:
        column = Event._meta.get_field(field).m2m_reverse_field_name() + "_id"
        return {getattr(row, column) for row in getattr(previous, field).all()}
    if field == "thread":
        return previous.thread_id
    return getattr(previous, field)


def _check_still_exists(field, value):
    """A reverted reference (actors, countries, topics, the thread) must still exist."""
    if not (field in M2M_FIELDS or (field == "thread" and value is not None)):
        return
    model = Event._meta.get_field(field).related_model
    wanted = value if field in M2M_FIELDS else {value}
    gone = set(wanted) - set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if gone:
        raise ValidationError(
            f"Cannot revert {field}: {model._meta.verbose_name} #{', #'.join(map(str, sorted(gone)))} "
            "no longer exists (deleted or merged). Correct the field by hand instead.")


def correct_thread(thread, changes: dict, *, user=None, reason: str = "") -> list[str]:
    """Correct a thread; a changed interval or title marks it set_by_editor (never recomputed)."""
    changed = [f for f, v in changes.items() if getattr(thread, f) != v]
    if not changed:
        return []
    for field in changed:
        setattr(thread, field, changes[field])
    if thread.date_end < thread.date_start:
        raise ValidationError({"date_end": "The end date is before the start date."})
    if set(changed) & {"date_start", "date_end", "granularity", "title", "event_type", "status"}:
        thread.set_by_editor = True
    _save_with_history(thread, user, _reason(reason, f"corrected {', '.join(sorted(changed))}"))
    return sorted(changed)


@transaction.atomic
def correct_issue_date(issue: Issue, new_date: date, user=None, reason: str = "", reprocess: bool = True):
    """Set an issue's date by hand and re-resolve every relative phrase of its articles.

    date_method becomes "editor" and confidence 1.0; every article of the issue is processed
    again (events.services.extraction.process_article), which leaves editors' corrected fields
    alone. All in one transaction: if one article fails, nothing changes. `reprocess=False`: only the
    date; the caller re-processes the articles (the admin: as a background job, events.services.jobs).
    """
    from events.services.extraction import process_article

    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    old = issue.date
    issue.date = new_date
    issue.date_method = Issue.DateMethod.EDITOR
    issue.date_confidence = 1.0
    note = f"Set by {_label(user)} (was {old:%Y-%m-%d})."
    if reason and reason.strip():
        note += f" Reason: {reason.strip()}"
    issue.date_note = note
    _save_with_history(issue, user, _reason(reason, f"date corrected from {old:%Y-%m-%d} to {new_date:%Y-%m-%d}"))
    if reprocess:
        for article in issue.articles.order_by("position", "pk"):
            process_article(article)
    # The pinned date constrains its neighbours: the volume's calendar is fitted again (the pin never moves);
    # the other issues whose date moved are re-processed here (this one by the caller when reprocess=False).
    from events.services.calendar import refit_volumes

    refit_volumes([issue.volume], skip_reprocess=set() if reprocess else {issue.pk})
    issue.refresh_from_db()
    return issue


@transaction.atomic
def merge_actors(target: Actor, others, *, user=None, reason: str = "") -> int:
    """Merge `others` into `target`: events, aliases, roles and any other reference move to the
    target, the others' names become its aliases, then the others are deleted. Each event whose
    actors change gets a history record. Returns the number of events changed."""
    others = [a for a in others if a.pk != target.pk]
    if not others:
        raise ValidationError("Choose at least one other actor to merge into the target.")
    other_pks = [a.pk for a in others]
    text = _reason(reason, f"merged {', '.join(a.name for a in others)} into {target.name}")
    count = _move_actor_events(target, other_pks, user, text)
    _move_aliases(target, others, other_pks)
    for other in others:  # the first of the others with a country gives it to a target without one
        if target.country_id is None and other.country_id:
            target.country_id = other.country_id
    _move_actor_references(target, other_pks)
    _save_with_history(target, user, text)
    _delete_merged(others, user, text)
    return count


def _delete_merged(others, user, text):
    for other in others:
        other._change_reason = text
        if user is not None and getattr(user, "is_authenticated", False):
            other._history_user = user
        other.delete()


def _move_actor_events(target, other_pks, user, text) -> int:
    """The others' events get the target instead (a history record each); returns how many."""
    event_pks = Event.actors.through.objects.filter(actor_id__in=other_pks).values("event_id")
    count = 0
    for event in Event.objects.select_for_update().filter(pk__in=event_pks):
        pks = set(event.actors.values_list("pk", flat=True))
        _save_with_history(event, user, text, {"actors": (pks - set(other_pks)) | {target.pk}})
        count += 1
    return count


def _move_aliases(target, others, other_pks):
    """The others' aliases and names become the target's (a text it has already is dropped)."""
    existing = set(target.aliases.values_list("text", flat=True)) | {target.name}
    for alias in ActorAlias.objects.filter(actor__in=other_pks):
        if alias.text in existing:
            alias.delete()
        else:
            existing.add(alias.text)
            alias.actor = target
            alias.save()
    for other in others:
        if other.name not in existing:
            ActorAlias.objects.create(actor=target, text=other.name)
            existing.add(other.name)


def _history_model(model) -> bool:
    return getattr(model, "_history_excluded", False) or model.__name__.startswith("Historical")


def _move_actor_references(target, other_pks):
    """Every other reference to an actor (roles, and anything added later) moves to the target; history
    tables keep the old ids."""
    for rel in Actor._meta.related_objects:
        if _direct_reference(rel):
            rel.related_model.objects.filter(**{f"{rel.field.name}__in": other_pks}).update(**{rel.field.name: target})
    for rel in Actor._meta.related_objects:
        if rel.many_to_many and rel.related_model is not Event and not rel.related_model.__name__.startswith("Historical"):
            _move_many_to_many(rel, target, other_pks)


def _direct_reference(rel) -> bool:
    """A foreign key or one-to-one to Actor from this app's own models (not aliases, not history)."""
    model = rel.related_model
    if model is ActorAlias or rel.many_to_many or model._meta.app_label != "events" or _history_model(model):
        return False
    return bool(rel.one_to_many or rel.one_to_one)


def _move_many_to_many(rel, target, other_pks):
    for obj in rel.related_model.objects.filter(**{f"{rel.field.name}__in": other_pks}).distinct():
        manager = getattr(obj, rel.field.name)
        manager.remove(*other_pks)
        manager.add(target)
