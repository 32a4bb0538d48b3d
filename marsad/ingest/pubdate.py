"""Publication dates from metadata fields to ISO ``YYYY-MM-DD``."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from ..text.normalize import fold_digits

_YMD = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")  # day first, as Arabic sites write it


def normalize_pub_date(value: object) -> str | None:
    """ISO date of an ISO / RFC 2822 / day-first numeric date, else None.

    The date is the one written in the value's own time zone (a feed's
    "Wed, 05 Jan 2022 23:30:00 +0600" is 2022-01-05), not converted to UTC.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = fold_digits(value)
    for pattern, order in ((_YMD, (1, 2, 3)), (_DMY, (3, 2, 1))):
        m = pattern.match(text)
        if m:
            return _iso(*(int(m.group(i)) for i in order))
    try:
        return parsedate_to_datetime(text.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
