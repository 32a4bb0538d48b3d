"""The publication date from an article's own text, when metadata lacks it.

News pages print the date in a dateline (القاهرة - 11 يناير 2022 (رويترز))
or a byline (نشر في: 11/01/2022 - 10:35), near the top or, on some sites,
at the bottom.  Only complete dates (day, month and year written out) are
taken, and only where a dateline can be: early in one of the first lines,
anywhere in a short line at the top or bottom, or after a "published" word.
"""
from __future__ import annotations

import re

from ..text.normalize import normalize
from .recognize import find_dates

_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MARKER = re.compile(normalize(r"نشر|تاريخ النشر|آخر تحديث|محدث|بتاريخ"))
_LEAD_CHARS = 80  # a dateline date starts this close to the beginning of its line
_SHORT_LINE = 100
_EDGE_LINES = 4


def _complete_dates(line: str):
    return [d for d in find_dates(line, None) if d.value and _FULL_DAY.match(d.value)]


def find_pub_date(text: str) -> str | None:
    """ISO date of the dateline or byline of ``text``, or None."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    top, bottom = lines[:_EDGE_LINES], lines[-_EDGE_LINES:] if len(lines) > _EDGE_LINES else []
    for line in top:
        for d in _complete_dates(line):
            if d.start < _LEAD_CHARS or len(line) < _SHORT_LINE:
                return d.value
    for line in bottom:
        if len(line) < _SHORT_LINE:
            found = _complete_dates(line)
            if found:
                return found[0].value
    for line in lines:
        marker = _MARKER.search(normalize(line))
        if marker:
            after = [d for d in _complete_dates(line) if d.start >= marker.start()]
            if after:
                return after[0].value
    return None
