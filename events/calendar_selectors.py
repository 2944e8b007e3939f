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
    """The page of `volume` (the first volume when None); with only the volumes' list when it has none."""
    volumes = calendar_volumes()
    if volume is None:
        volume = volumes[0] if volumes else None
    page = CalendarPage(volumes, volume)
    if volume not in volumes:
        return page
    days = {d.date: d for d in CalendarDay.objects.filter(volume=volume)}
    issues = {i.number: i for i in Issue.objects.filter(volume=volume)}
    page.year = _year_of(days, issues)
    _add_fit_notes(page, volume)
    page.months = _month_grids(page.year, days, issues)
    page.breaks = [d for d in days.values() if d.kind == CalendarDay.Kind.BREAK]
    page.issues = _issue_rows(volume, issues)
    return page


def _add_fit_notes(page: CalendarPage, volume: int) -> None:
    meta = VolumeCalendar.objects.filter(volume=volume).first()
    if meta is not None:
        page.warnings, page.fitted_at = list(meta.warnings or []), meta.fitted_at


def _year_of(days, issues) -> int | None:
    """The volume's year: its calendar's, else its first issue's."""
    if days:
        return next(iter(days)).year
    return next(iter(issues.values())).date.year if issues else None


def _month_grids(year, days, issues) -> list[MonthGrid]:
    if year is None:
        return []
    by_date = {i.date: i for i in issues.values()}
    return [_month_grid(year, month, days, by_date) for month in range(1, 13)]


def _month_grid(year, month, days, by_date) -> MonthGrid:
    weeks = [[_day_cell(date, month, days.get(date), by_date.get(date)) for date in week]
             for week in _calendar.Calendar().monthdatescalendar(year, month)]
    return MonthGrid(year, month, weeks)


def _day_cell(date, month, day, issue) -> DayCell:
    """One day of a month's grid: the fitted day's kind and source, and the issue dated on it (a day of the
    month only; an issue with no fitted day makes it a publication day)."""
    cell = DayCell(date, date.month == month)
    if day is not None:
        cell.kind, cell.source, cell.number, cell.note = day.kind, day.source, day.number, day.note
    if issue is not None and cell.in_month:
        cell.issue = issue
        cell.number = cell.number or issue.number
        cell.kind = cell.kind or "publication"
    return cell


def _issue_rows(volume, issues) -> list[IssueRow]:
    """Each issue with the calendar evidence of its articles, in number order."""
    rows = {n: IssueRow(i) for n, i in sorted(issues.items())}
    for article in (Article.objects.filter(issue__volume=volume).select_related("issue")
                    .only("id", "headline", "body", "position", "calendar_evidence", "issue__number")):
        rows[article.issue.number].evidence.extend(_evidence_line(item, article)
                                                   for item in article.calendar_evidence or [])
    return list(rows.values())


def _evidence_line(item: dict, article) -> EvidenceLine:
    bound = []
    if item.get("lower"):
        bound.append(f"on or after {item['lower']}")
    if item.get("upper"):
        bound.append(f"on or before {item['upper']}")
    return EvidenceLine(item.get("kind", ""), item.get("text", ""), " and ".join(bound), article.id, article.title)


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
