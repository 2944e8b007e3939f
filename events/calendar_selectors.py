"""Reads for the publication calendar page and export (events.services.calendar writes)."""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field

from events.models import Article, CalendarDay, Issue, VolumeCalendar

WEEKDAY_HEADERS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass
class DayCell:
    date: dt.date
    in_month: bool
    kind: str = ""          # publication, break, published-holiday, or "" (weekend, not in the calendar)
    source: str = ""
    number: int | None = None
    note: str = ""
    issue: Issue | None = None

    @property
    def weekend(self) -> bool:
        return self.date.weekday() >= 5

    @property
    def pinned(self) -> bool:
        return self.issue is not None and self.issue.date_method == Issue.DateMethod.EDITOR

    @property
    def confidence_band(self) -> str:
        if self.issue is None:
            return ""
        c = self.issue.date_confidence
        return "high" if c >= 0.9 else "medium" if c >= 0.7 else "low"


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[DayCell]]

    @property
    def name(self) -> str:
        return f"{_calendar.month_name[self.month]} {self.year}"

    @property
    def issues(self) -> int:
        return sum(1 for week in self.weeks for d in week if d.in_month and d.number)


@dataclass
class EvidenceLine:
    kind: str
    text: str
    bound: str
    article_id: int
    article_title: str


@dataclass
class IssueRow:
    issue: Issue
    evidence: list[EvidenceLine] = field(default_factory=list)


@dataclass
class CalendarPage:
    volumes: list[int]
    volume: int | None
    year: int | None = None
    months: list[MonthGrid] = field(default_factory=list)
    issues: list[IssueRow] = field(default_factory=list)
    breaks: list[CalendarDay] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fitted_at: dt.datetime | None = None
    weekday_headers: list[str] = field(default_factory=lambda: WEEKDAY_HEADERS)


def calendar_volumes() -> list[int]:
    return sorted(set(CalendarDay.objects.values_list("volume", flat=True).distinct())
                  | set(Issue.objects.values_list("volume", flat=True).distinct()))


def calendar_page(volume: int | None) -> CalendarPage:
    volumes = calendar_volumes()
    if volume is None and volumes:
        volume = volumes[0]
    page = CalendarPage(volumes, volume)
    if volume is None or volume not in volumes:
        return page
    days = {d.date: d for d in CalendarDay.objects.filter(volume=volume)}
    issues = {i.number: i for i in Issue.objects.filter(volume=volume)}
    year = next(iter(days)).year if days else (next(iter(issues.values())).date.year if issues else None)
    page.year = year
    meta = VolumeCalendar.objects.filter(volume=volume).first()
    if meta is not None:
        page.warnings, page.fitted_at = list(meta.warnings or []), meta.fitted_at
    by_date = {i.date: i for i in issues.values()}
    if year is not None:
        for month in range(1, 13):
            weeks = []
            for week in _calendar.Calendar().monthdatescalendar(year, month):
                row = []
                for date in week:
                    day = days.get(date)
                    cell = DayCell(date, date.month == month)
                    if day is not None:
                        cell.kind, cell.source, cell.number, cell.note = day.kind, day.source, day.number, day.note
                    issue = by_date.get(date)
                    if issue is not None and cell.in_month:
                        cell.issue = issue
                        cell.number = cell.number or issue.number
                        cell.kind = cell.kind or "publication"
                    row.append(cell)
                weeks.append(row)
            page.months.append(MonthGrid(year, month, weeks))
    page.breaks = [d for d in days.values() if d.kind == CalendarDay.Kind.BREAK]
    rows = {n: IssueRow(i) for n, i in sorted(issues.items())}
    for article in (Article.objects.filter(issue__volume=volume).select_related("issue")
                    .only("id", "headline", "body", "position", "calendar_evidence", "issue__number")):
        for item in article.calendar_evidence or []:
            bound = []
            if item.get("lower"):
                bound.append(f"on or after {item['lower']}")
            if item.get("upper"):
                bound.append(f"on or before {item['upper']}")
            rows[article.issue.number].evidence.append(
                EvidenceLine(item.get("kind", ""), item.get("text", ""), " and ".join(bound), article.id, article.title))
    page.issues = list(rows.values())
    return page


def calendar_export_rows(volumes=None):
    metas = {m.volume: m for m in VolumeCalendar.objects.all()}
    wanted = sorted(set(volumes)) if volumes else sorted(set(CalendarDay.objects.values_list("volume", flat=True)))
    for volume in wanted:
        meta = metas.get(volume)
        days = CalendarDay.objects.filter(volume=volume).order_by("date")
        yield {"volume": volume, "year": meta.year if meta else None,
               "fitted_at": meta.fitted_at.isoformat() if meta else None,
               "last_number": meta.last_number if meta else None,
               "warnings": list(meta.warnings or []) if meta else [],
               "days": [{"date": d.date.isoformat(), "kind": d.kind, "source": d.source, "number": d.number,
                         "note": d.note} for d in days]}
