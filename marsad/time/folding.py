"""Folded text with a cheap map back to the original.

:func:`marsad.text.normalize.normalize` folds one character into at most one
(it only replaces or drops: tatweel, vowel marks, invisible format
characters), except in text with Arabic presentation forms, which need
compatibility decomposition.  So outside that case a folded index maps back
by counting the dropped characters before it; a handful of positions is all
the recogniser ever maps, so there is no per-character offset table to build.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..text.normalize import normalize, normalize_with_offsets

_PRESENTATION_FORMS = re.compile("[\ufb50-\ufefc]")
# tatweel and vowel marks that end the last word of an expression (هـ، غداً)
_TRAILING_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]*")


@lru_cache(maxsize=4096)
def _dropped(ch: str) -> bool:
    return normalize(ch) == ""


class Folded:
    """``text`` folded for matching; :meth:`span` maps folded spans back."""

    def __init__(self, original: str):
        self.original = original
        self.text = normalize(original)
        self._offsets: list[int] | None = None  # full table, presentation forms only
        self._shift: list[int] = []  # folded index at which each dropped character was
        if len(self.text) == len(original):
            return
        if _PRESENTATION_FORMS.search(original):
            self.text, self._offsets = normalize_with_offsets(original)
            return
        gone = "".join(ch for ch in set(original) if _dropped(ch))
        positions = [m.start() for m in re.finditer(f"[{re.escape(gone)}]", original)]
        self._shift = [p - j for j, p in enumerate(positions)]

    def index(self, i: int) -> int:
        """Original index of the character at folded index ``i``."""
        if self._offsets is not None:
            return self._offsets[i]
        return i + bisect_right(self._shift, i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded span ``[start, end)``."""
        if start >= end:
            o = self.index(start)
            return o, o
        o_end = self.index(end - 1) + 1
        return self.index(start), _TRAILING_MARKS.match(self.original, o_end).end()
