"""The publication calendar in the database: fitting volumes, editors' calendar days.

`refit_volumes(volumes)` fits each volume's calendar (events.extraction.calendar_fit) to the dating
evidence stored on its articles (Article.calendar_evidence, read once from the text), then writes, in one
transaction: the issues whose date, method, confidence, range, evidence or warnings changed, the calendar
days that changed (CalendarDay), and re-resolves the relative dates of every article whose issue date
moved (events.services.extraction.process_article, as an editor's issue-date correction does). An
issue whose date an editor set (date_method "editor") never moves. The next volume is fitted again only
when this one's breaks changed (it is that volume's prior).

Cost: reading and fitting a volume (about 250 issues) and writing only what changed, so ingesting one
more issue into a large archive touches one volume and the issues whose date moved (docs/calendar.md).

`set_calendar_day` / `clear_calendar_day`: an editor says a day had no issue (or had one), or takes that
back; the volume is fitted again in the same transaction.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db import connection, transaction

from events.extraction import calendar_data as kb
from events.extraction.calendar import issue_evidence, provisional_date, year_of_volume
from events.extraction.calendar_evidence import XREF, Evidence
from events.extraction.calendar_fit import (
    BREAK, CalendarDay as FitDay, DayRule, IssueInput, VolumeFit, fit_volume,
)
from events.models import Article, CalendarDay, Issue, VolumeCalendar

ISSUE_FIELDS = ("date", "date_method", "date_confidence", "date_note", "date_earliest", "date_latest",
                "date_evidence", "date_warnings")


@dataclass
class CalendarReport:
    volumes: list[int] = field(default_factory=list)
    issues_redated: int = 0        # issues whose date moved
    issues_updated: int = 0        # issues with any dating field changed
    articles_reprocessed: int = 0
    days_changed: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"calendar: volumes fitted {self.volumes or '-'}, issues re-dated {self.issues_redated}, "
                f"articles re-resolved {self.articles_reprocessed}, calendar days changed {self.days_changed}, "
                f"warnings {len(self.warnings)}")

    def add(self, other: "CalendarReport"):
        self.volumes.extend(other.volumes)
        for name in ("issues_redated", "issues_updated", "articles_reprocessed", "days_changed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.warnings.extend(other.warnings)


def evidence_for_text(volume: int, number: int, body: str) -> list[dict]:
    """The JSON stored in Article.calendar_evidence."""
    return [e.to_json() for e in issue_evidence(volume, number, body)]


def stored_date(volume: int, number: int) -> dt.date:
    """The date to give a new issue before its volume is fitted again: the stored calendar's, else the prior's."""
    date = CalendarDay.objects.filter(volume=volume, number=number).values_list("date", flat=True).first()
    return date or provisional_date(volume, number)


def refit_volumes(volumes, *, reprocess: bool = True, skip_reprocess=frozenset()) -> CalendarReport:
    """Fit the calendars of `volumes` (and following volumes whose prior changed); see the module docstring."""
    report = CalendarReport()
    pending = sorted({v for v in volumes if v})
    done = set()
    with transaction.atomic():
        while pending:
            volume = pending.pop(0)
            if volume in done:
                continue
            done.add(volume)
            changed_breaks = _refit_volume(volume, report, reprocess, skip_reprocess)
            following = volume + 1
            if changed_breaks and following not in done and Issue.objects.filter(volume=following).exists():
                pending.append(following)
                pending.sort()
    return report


def refit_all(reprocess: bool = True) -> CalendarReport:
    return refit_volumes(Issue.objects.values_list("volume", flat=True).distinct(), reprocess=reprocess)


def _neighbour(volume: int) -> VolumeFit | None:
    rows = list(CalendarDay.objects.filter(volume=volume - 1).values_list("date", "kind", "source", "number", "note"))
    if rows:
        return VolumeFit(volume - 1, year_of_volume(volume - 1) if volume > 1 else 0, {},
                         [FitDay(*row) for row in rows])
    if volume > 1 and kb.known_days(year_of_volume(volume - 1)):
        return fit_volume(volume - 1, [])
    return None


def _editor_days(volume: int) -> list[DayRule]:
    rows = CalendarDay.objects.filter(volume=volume, source=CalendarDay.Source.EDITOR)
    return [DayRule(r.date, kb.BREAK if r.kind == CalendarDay.Kind.BREAK else kb.PUBLISHED, "editor", r.note)
            for r in rows]


def _inputs(volume: int, issues: dict[int, dict]) -> list[IssueInput]:
    inputs = {n: IssueInput(n, [], row["date"] if row["date_method"] == Issue.DateMethod.EDITOR else None,
                            row["date_note"]) for n, row in issues.items()}
    rows = list(Article.objects.filter(issue__volume=volume)
                .values_list("id", "issue__number", "position", "calendar_evidence"))
    computed = _compute_missing_evidence(volume, [article_id for article_id, _, _, evidence in rows if evidence is None])
    for article_id, number, _position, evidence in rows:
        data = computed.get(article_id) if evidence is None else evidence
        inputs[number].evidence.extend(_with_article(Evidence.from_json(item), article_id) for item in data or [])
    return list(inputs.values())


def _compute_missing_evidence(volume: int, article_ids: list[int]) -> dict[int, list]:
    """Calendar evidence of articles stored without it, computed now and stored."""
    computed = {}
    if article_ids:
        for article in Article.objects.filter(pk__in=article_ids).select_related("issue"):
            computed[article.pk] = evidence_for_text(volume, article.issue.number, article.body)
            Article.objects.filter(pk=article.pk).update(calendar_evidence=computed[article.pk])
    return computed


def _with_article(ev: Evidence, article_id: int) -> Evidence:
    return ev if ev.article is not None else Evidence(**{**ev.__dict__, "article": article_id})


def _outside_xrefs(volume: int) -> list[Evidence]:
    """Cross-references from the next volume's first weeks to this volume's year."""
    year = year_of_volume(volume)
    rows = Article.objects.filter(issue__volume=volume + 1, issue__number__lte=30).values_list("calendar_evidence",
                                                                                            flat=True)
    out = []
    for evidence in rows:
        for item in evidence or []:
            if item.get("kind") == XREF and str(item.get("date", "")).startswith(str(year)):
                out.append(Evidence.from_json(item))
    return out


_CASTS = {"DateField": "date", "FloatField": "double precision", "TextField": "text", "CharField": "text",
          "JSONField": "jsonb", "PositiveSmallIntegerField": "integer"}


def _bulk_update(model, objects, fields):
    """bulk_update, as one UPDATE ... FROM (VALUES ...) per 500 rows on PostgreSQL (Django's CASE WHEN form
    costs seconds of Python for a volume's 250 issues)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objects, fields, batch_size=500)
        return
    columns = [model._meta.get_field(name) for name in fields]
    casts = [_CASTS.get(f.get_internal_type(), "text") for f in columns]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), 500):
            chunk = objects[start:start + 500]
            params = [value for obj in chunk for value in _row_params(obj, columns, casts)]
            cursor.execute(_update_sql(model._meta.db_table, columns, casts, len(chunk)), params)


def _update_sql(table, columns, casts, rows: int) -> str:
    sets = ", ".join(f'"{f.column}" = v."{f.column}"' for f in columns)
    names = ", ".join(["id"] + [f'"{f.column}"' for f in columns])
    row = "(%s::bigint, " + ", ".join(f"%s::{c}" for c in casts) + ")"
    return f'UPDATE {table} AS t SET {sets} FROM (VALUES {", ".join([row] * rows)}) AS v({names}) WHERE t.id = v.id'


def _row_params(obj, columns, casts) -> list:
    """The id and the column values of one row of the VALUES list (JSON as text for jsonb)."""
    params = [obj.pk]
    for column, cast in zip(columns, casts):
        value = getattr(obj, column.attname)
        params.append(json.dumps(value) if cast == "jsonb" else value)
    return params


def _refit_volume(volume: int, report: CalendarReport, reprocess: bool, skip_reprocess=frozenset()) -> bool:
    """Fit one volume and write what changed. Returns True when its breaks changed."""
    issues = _locked_issues(volume)
    if not issues:
        return False
    existing = _stored_days(volume)
    fit = _fit(volume, _inputs(volume, issues), previous=_previous_fit(volume, existing))
    report.volumes.append(volume)
    moved = _write_issues(volume, issues, fit, report)
    changed_breaks = _write_days(volume, fit, existing, report)
    moved = [pk for pk in moved if pk not in skip_reprocess]
    if reprocess and moved:
        _reprocess_issues(moved, report)
    return changed_breaks


def _locked_issues(volume: int) -> dict[int, dict]:
    """Lock the volume's calendar (one fit of a volume at a time) and read its issues' dating fields."""
    VolumeCalendar.objects.get_or_create(volume=volume, defaults={"year": year_of_volume(volume)})
    VolumeCalendar.objects.select_for_update().get(volume=volume)
    return {row["number"]: row for row in Issue.objects.filter(volume=volume).values("id", "number", *ISSUE_FIELDS)}


def _stored_days(volume: int) -> dict:
    return {row.date: row for row in CalendarDay.objects.filter(volume=volume)}


def _fit(volume: int, inputs: list[IssueInput], previous: VolumeFit | None = None) -> VolumeFit:
    """fit_volume with what the database knows around the volume: its neighbour, editors' days and the
    cross-references other volumes make to its year."""
    return fit_volume(volume, inputs, neighbour=_neighbour(volume), editor_days=_editor_days(volume),
                      outside_xrefs=_outside_xrefs(volume), previous=previous)


def _breaks(days) -> set:
    """The (date, kind) of the days that are not publication days."""
    return {(date, kind) for date, kind in days if kind != CalendarDay.Kind.PUBLICATION}


def _previous_fit(volume: int, existing: dict) -> VolumeFit | None:
    """The last fit, from the stored days: it bounds the search (calendar_fit.fit_volume `previous`), a few
    times faster for the same result."""
    if not existing:
        return None
    return VolumeFit(volume, year_of_volume(volume), {}, [FitDay(r.date, r.kind, r.source, r.number, r.note)
                                                        for r in existing.values()])


def _issue_values(row: dict, result) -> dict:
    """The issue's dating fields from its fit. An editor's date is never moved, never relabelled: only
    the evidence, range and warnings are refreshed."""
    values = {"date": result.date, "date_method": result.method, "date_confidence": result.confidence,
              "date_note": result.note[:2000], "date_earliest": result.earliest, "date_latest": result.latest,
              "date_evidence": result.evidence, "date_warnings": result.warnings}
    if row["date_method"] == Issue.DateMethod.EDITOR:
        values.update(date=row["date"], date_method=row["date_method"], date_confidence=row["date_confidence"],
                      date_note=row["date_note"])
    return values


def _write_issues(volume: int, issues: dict[int, dict], fit, report: CalendarReport) -> list[int]:
    """Write the issues whose dating changed; returns the ids of those whose date moved."""
    changed, moved = [], []
    for number, row in issues.items():
        result = fit.issues[number]
        values = _issue_values(row, result)
        report.warnings.extend(f"Vol {volume} No {number}: {w}" for w in result.warnings)
        if any(row[k] != v for k, v in values.items()):
            changed.append(Issue(id=row["id"], volume=volume, number=number, **values))
            if row["date"] != values["date"]:
                moved.append(row["id"])
    if changed:
        _bulk_update(Issue, changed, list(ISSUE_FIELDS))
    report.issues_updated += len(changed)
    report.issues_redated += len(moved)
    return moved


def _write_days(volume: int, fit: VolumeFit, existing: dict, report: CalendarReport) -> bool:
    """Store the fitted calendar days of `volume` that changed (editors' rows are inputs, never rewritten
    here but for the issue number on them), and the volume's fit notes; True when its breaks changed.
    Machine rewrites of the fitted days keep no history (as machine writes of events); editors' do."""
    old_breaks = _breaks((date, row.kind) for date, row in existing.items())  # before the rows change below
    wanted = {d.date: d for d in fit.days}
    create, update = [], []
    for date, day in wanted.items():
        row = existing.get(date)
        if row is None:
            create.append(CalendarDay(volume=volume, date=date, **_day_values(day)))
        elif _day_changed(row, day):
            update.append(row)
    stale = [row.pk for date, row in existing.items() if date not in wanted and row.source != CalendarDay.Source.EDITOR]
    CalendarDay.objects.bulk_create(create, batch_size=500)
    _bulk_update(CalendarDay, update, ["kind", "source", "number", "note"])
    CalendarDay.objects.filter(pk__in=stale).delete()
    report.days_changed += len(create) + len(update) + len(stale)
    VolumeCalendar.objects.filter(volume=volume).update(last_number=fit.last_number, warnings=fit.warnings[:200],
                                                        year=fit.year)
    return old_breaks != _breaks((day.date, day.kind) for day in fit.days)


def _day_values(day) -> dict:
    return {"kind": day.kind, "source": day.source, "number": day.number, "note": day.note[:2000]}


def _day_changed(row, day) -> bool:
    """Bring a stored day in line with the fit (an editor's day: its issue number only); True if it changed."""
    values = {"number": day.number} if row.source == CalendarDay.Source.EDITOR else _day_values(day)
    if all(getattr(row, k) == v for k, v in values.items()):
        return False
    for k, v in values.items():
        setattr(row, k, v)
    return True


def _reprocess_issues(issue_ids: list[int], report: CalendarReport) -> None:
    """Extract the articles of re-dated issues again (their events' dates are relative to the issue)."""
    from events.services.extraction import process_article

    for article in Article.objects.filter(issue_id__in=issue_ids).select_related("issue").order_by("issue_id", "position"):
        process_article(article)
        report.articles_reprocessed += 1


def prefit_calendars(batch_evidence: dict[tuple[int, int], list[dict]]) -> list[int]:
    """Before a batch ingest: fit the calendars of the batch's volumes from the stored articles' evidence plus
    the batch's evidence for issues not stored yet (`{(volume, number): evidence JSON}`), and store the
    calendar days only. New issues then take their fitted date when they are stored (`stored_date`), so the
    fit at the end of the run moves few issues, and few articles are extracted twice (once against a
    provisional date, again against the fitted one). The end-of-run fit stays the authority. Returns the
    volumes fitted."""
    by_volume: dict[int, dict[int, list[dict]]] = {}
    for (volume, number), items in batch_evidence.items():
        by_volume.setdefault(volume, {}).setdefault(number, []).extend(items)
    with transaction.atomic():
        for volume in sorted(by_volume):
            issues = _locked_issues(volume)
            inputs = {i.number: i for i in _inputs(volume, issues)}
            for number, items in by_volume[volume].items():
                if number not in issues:  # a stored issue's evidence is already in its articles
                    inputs[number] = IssueInput(number, [Evidence.from_json(item) for item in items])
            _write_days(volume, _fit(volume, list(inputs.values())), _stored_days(volume), CalendarReport())
    return sorted(by_volume)


@transaction.atomic
def set_calendar_day(volume: int, date: dt.date, kind: str, *, user=None, reason: str = "") -> CalendarReport:
    """An editor says `date` had no issue (kind "break") or had one ("publication"); re-date the volume."""
    _check_day(volume, date)
    if kind not in (CalendarDay.Kind.BREAK, CalendarDay.Kind.PUBLICATION):
        raise ValueError(f"kind must be 'break' or 'publication', not {kind!r}")
    note = (reason or "").strip() or ("no issue (editor)" if kind == CalendarDay.Kind.BREAK else "an issue appeared (editor)")
    row = CalendarDay.objects.filter(volume=volume, date=date).first() or CalendarDay(volume=volume, date=date)
    row.kind, row.source, row.note = kind, CalendarDay.Source.EDITOR, note
    row._history_user = user
    row._change_reason = note
    row.save()
    return refit_volumes([volume])


@transaction.atomic
def clear_calendar_day(volume: int, date: dt.date, *, user=None, reason: str = "") -> CalendarReport:
    """Take back an editor's statement about `date`: the fit decides that day again."""
    _check_day(volume, date)
    row = CalendarDay.objects.filter(volume=volume, date=date, source=CalendarDay.Source.EDITOR).first()
    if row is not None:
        row._history_user = user
        row._change_reason = (reason or "").strip() or "editor's statement withdrawn"
        row.delete()
    return refit_volumes([volume])


def _check_day(volume: int, date: dt.date):
    year = year_of_volume(volume)
    if date.year != year:
        raise ValueError(f"{date:%d %b %Y} is not in Volume {volume} ({year})")
    if date.weekday() >= 5:
        raise ValueError(f"{date:%a %d %b %Y} is a weekend day: the Monitor never appeared on one")


def fitted_calendar(volume: int) -> list[FitDay]:
    return [FitDay(r.date, r.kind, r.source, r.number, r.note) for r in CalendarDay.objects.filter(volume=volume)]


__all__ = ["refit_volumes", "refit_all", "set_calendar_day", "clear_calendar_day", "CalendarReport",
           "evidence_for_text", "stored_date", "BREAK"]
