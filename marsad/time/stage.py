"""The dates pipeline stage and event dating.

:data:`date_stage` fills ``doc.dates``; when the document has no publication
date it first looks for one in the dateline.  :func:`governing_date` gives an
event the date of its own sentence, else the nearest date before it in its
paragraph, else the publication date (and says that it fell back).
"""
from __future__ import annotations

import re

from ..model import DateExpr, Document
from .dateline import find_pub_date
from .recognize import find_dates

_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟](?!\d)|\n")
_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def date_stage(doc: Document) -> Document:
    if not doc.pub_date:
        # the cleaner may have lifted a bare date line out of the body as a
        # headline or dropped it as page furniture
        header = [line for line in (doc.title, doc.outlet) if line] + doc.removed_lines
        found = find_pub_date(doc.text or "") or find_pub_date("\n".join(header))
        if found:
            doc.pub_date = found
            doc.meta["pub_date_source"] = "dateline"
        elif doc.meta.get("default_pub_date"):
            # the date the user gave the batch (``marsad run --pub-date``)
            doc.pub_date = doc.meta["default_pub_date"]
            doc.meta["pub_date_source"] = "batch default"
    doc.dates = find_dates(doc.text or "", doc.pub_date)
    return doc


date_stage.name = "dates"  # type: ignore[attr-defined]  # pipeline component name


def event_value(value: str | None) -> str | None:
    """The value an event date can take (``YYYY-MM-DD`` or ``YYYY-MM``): a day
    or a month as is, an interval inside one month as that month; years,
    decades and longer intervals date nothing."""
    if not value:
        return None
    if _DAY_OR_MONTH.match(value):
        return value
    if "/" in value:
        first, last = value.split("/", 1)
        if len(first) == len(last) == 10 and first[:7] == last[:7]:
            return first[:7]
    return None


def _sentence_bounds(doc: Document, pos: int) -> tuple[int, int]:
    for s in doc.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    text = doc.text
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    return start, (m.end() if m else len(text))


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def governing_date(doc: Document, start: int, end: int) -> tuple[str | None, str | None, bool]:
    """``(value, date_text, is_pub_date_fallback)`` for an event whose evidence
    is ``doc.text[start:end]``."""
    dates: list[DateExpr] = doc.dates if doc.dates else find_dates(doc.text, doc.pub_date)
    usable = [(d, event_value(d.value)) for d in dates]
    usable = [(d, v) for d, v in usable if v]
    s_start, s_end = _sentence_bounds(doc, start)
    in_sentence = [(d, v) for d, v in usable if d.start >= s_start and d.end <= max(s_end, end)]
    if in_sentence:
        def distance(item):
            d = item[0]
            gap = d.start - end if d.start >= end else start - d.end if d.end <= start else 0
            return (max(gap, 0), d.start > start)  # ties: the one before the evidence
        d, v = min(in_sentence, key=distance)
        return v, d.text, False
    p_start = _paragraph_start(doc.text, start)
    before = [(d, v) for d, v in usable if p_start <= d.start and d.end <= s_start]
    if before:
        d, v = max(before, key=lambda item: item[0].end)
        return v, d.text, False
    return doc.pub_date, None, True
