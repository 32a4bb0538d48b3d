"""Arabic normalisation for matching, with a map back to original offsets.

Matching (search, gazetteers, lexicons) works on a folded form: alef and hamza
seats unified, ى→ي, ة→ه, tatweel, diacritics and invisible format characters
removed, Arabic-Indic and Persian digits turned into ASCII digits.  Every
character of the folded string remembers the index of the original character
it came from, so a match found in folded text maps back exactly.
"""
from __future__ import annotations

import re
import unicodedata

# One original character -> its folded replacement ("" means dropped).
_FOLD: dict[int, str] = {}
for _c in "أإآٱٲٳ":
    _FOLD[ord(_c)] = "ا"
_FOLD[ord("ى")] = "ي"
_FOLD[ord("ی")] = "ي"  # Persian yeh
_FOLD[ord("ک")] = "ك"  # Persian kaf
_FOLD[ord("ة")] = "ه"
_FOLD[ord("ؤ")] = "و"
_FOLD[ord("ئ")] = "ي"
_FOLD[ord("ـ")] = ""  # tatweel
for _cp in list(range(0x064B, 0x0660)) + [0x0670, 0x06D6, 0x06D7, 0x06D8, 0x06D9, 0x06DA, 0x06DB, 0x06DC]:
    _FOLD[_cp] = ""  # harakat, shadda, sukun, superscript alef, Quranic marks
for _i in range(10):
    _FOLD[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _FOLD[0x06F0 + _i] = str(_i)  # Persian digits
# Invisible format characters (bidi controls, zero-width joiners, BOM).
for _cp in [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x2060] + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)):
    _FOLD[_cp] = ""
_TRANS = str.maketrans(_FOLD)


def normalize(text: str) -> str:
    """Fold ``text`` for matching. Idempotent: ``normalize(normalize(x)) == normalize(x)``,
    and the same string :func:`normalize_with_offsets` gives."""
    if _needs_nfkc(text):
        # the presentation forms only, as normalize_with_offsets does: NFKC over the whole
        # string also turned "\xa0" into " " (and "ﬁ" into "fi") when one was present
        text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text.translate(_TRANS)


_PRESENTATION_FORMS = re.compile("[\ufb50-\ufefc]")


def _needs_nfkc(text: str) -> bool:
    # Presentation forms (U+FB50–U+FEFC) appear in text copied from PDFs; only
    # they need compatibility decomposition, the rest of NFKC would change
    # offsets for nothing.
    return _PRESENTATION_FORMS.search(text) is not None


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return ``(folded, offsets)``.

    ``offsets[i]`` is the index in ``text`` of the character that produced
    ``folded[i]``; ``offsets[len(folded)] == len(text)`` so that spans
    ``[i, j)`` in folded text map to ``[offsets[i], offsets[j])``... with the end
    taken as one past the last contributing character (see :func:`map_span`).
    """
    out: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(text):
        rep = ch
        if "\ufb50" <= ch <= "\ufefc":
            rep = unicodedata.normalize("NFKC", ch)
        rep = rep.translate(_TRANS)
        for r in rep:
            out.append(r)
            offs.append(i)
    offs.append(len(text))
    return "".join(out), offs


def map_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span ``[start, end)`` back to the original text."""
    if end <= start:
        o = offsets[start]
        return o, o
    return offsets[start], offsets[end - 1] + 1


_ARABIC_DIGITS = str.maketrans({**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}})


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, one character for one (offsets unchanged)."""
    return text.translate(_ARABIC_DIGITS)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def squeeze_spaces(line: str) -> str:
    return _SPACES.sub(" ", line).strip()
