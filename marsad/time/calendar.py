"""Calendar arithmetic for resolving expressions against the publication date.

Pure functions on :class:`datetime.date`; the rules are those of the dates
guidelines (``shared/eval/dev/dates_GUIDELINES.md`` §5): which occurrence of a
weekday, a month or a day-and-month a sentence means, given its tense.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hijridate import Gregorian, Hijri

PAST, FUTURE, NEUTRAL = "past", "future", "neutral"
# No past or future cue, but an imperfect verb governs the date (تدخل الضريبة
# حيز التنفيذ في 1 يناير): neutral, except that a year-less day or month is the
# occurrence nearest the publication date, so late in a year it can be next year's.
PRESENT = "present"
# A day-month without a year in a sentence with no clear tense is this year's,
# unless that falls more than about six months after the publication date.
HALF_YEAR_DAYS = 183


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def year_of_month(month: int, shift: int, pub: dt.date) -> int:
    """Year of a named month with الماضي (-1), الجاري (0) or المقبل (+1)."""
    if shift < 0:
        return pub.year if month < pub.month else pub.year - 1
    if shift > 0:
        return pub.year if month > pub.month else pub.year + 1
    return pub.year


def year_of_bare_month(month: int, pub: dt.date, tense: str) -> int:
    if tense == PAST:
        return pub.year if month <= pub.month else pub.year - 1
    if tense == FUTURE:
        return pub.year if month >= pub.month else pub.year + 1
    if tense == PRESENT and pub.month - month > 6:
        return pub.year + 1
    return pub.year - 1 if month - pub.month > 6 else pub.year


def choose_occurrence(make: Callable[[int], dt.date | None], base_year: int, pub: dt.date,
                      tense: str, weekday: int | None = None) -> dt.date | None:
    """Pick the occurrence of a year-less day (``make(year)`` builds it in a
    calendar year around ``base_year``) that the sentence means.

    A weekday named with the day decides between years when the tense rule
    gives a day that does not fall on it."""
    options = [(y, make(y)) for y in (base_year - 1, base_year, base_year + 1)]
    options = [(y, d) for y, d in options if d is not None]
    if not options:
        return None
    if tense == PAST:
        before = [d for _, d in options if d <= pub]
        chosen = max(before) if before else min(d for _, d in options)
    elif tense == FUTURE:
        after = [d for _, d in options if d >= pub]
        chosen = min(after) if after else max(d for _, d in options)
    else:
        this = dict(options).get(base_year)
        if this is not None and (this - pub).days <= HALF_YEAR_DAYS:
            chosen = this
            if tense == PRESENT and (pub - this).days > HALF_YEAR_DAYS:
                chosen = dict(options).get(base_year + 1, this)
        else:
            chosen = dict(options).get(base_year - 1, this)
    if weekday is not None and chosen is not None and chosen.weekday() != weekday:
        fitting = [d for _, d in options if d.weekday() == weekday]
        if fitting:
            chosen = min(fitting, key=lambda d: abs((d - pub).days))
    return chosen


def weekday_date(weekday: int, pub: dt.date, shift: int | None, tense: str) -> dt.date:
    """A weekday named alone or with الماضي (-1) / المقبل (+1)."""
    back = (pub.weekday() - weekday) % 7  # days back to the latest such day on or before P
    if shift is not None and shift < 0:
        return pub - dt.timedelta(days=back or 7)
    if (shift is not None and shift > 0) or tense == FUTURE:
        ahead = (weekday - pub.weekday()) % 7
        return pub + dt.timedelta(days=ahead or 7)
    return pub - dt.timedelta(days=back)


def iso_week(pub: dt.date, shift: int) -> str:
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def ago(pub: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return iso_day(pub - dt.timedelta(days=n))
    if unit == "week":
        return iso_day(pub - dt.timedelta(weeks=n))
    if unit == "month":
        return iso_month(*add_months(pub.year, pub.month, -n))
    return f"{pub.year - n:04d}"


# --- Hijri (Umm al-Qura, as implemented by hijridate) -----------------------

def hijri_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def hijri_month_interval(year: int, month: int) -> str | None:
    try:
        h = Hijri(year, month, 1)
        first = h.to_gregorian()
        last = Hijri(year, month, h.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return f"{first.isoformat()}/{last.isoformat()}"


def hijri_year_interval(year: int) -> str | None:
    first = hijri_month_interval(year, 1)
    last = hijri_month_interval(year, 12)
    if first is None or last is None:
        return None
    return f"{first.split('/')[0]}/{last.split('/')[1]}"


def to_hijri(d: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day
