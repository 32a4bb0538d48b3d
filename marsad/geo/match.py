"""Finding gazetteer names in tokens, and the words around them that help.

A name matches at token ``i`` when its first word is one of the lookup
variants of the token (with or without و/ف/ب/ل/ال) and the following words
match the next tokens' folded forms.  The longest name wins.  Around a match
we read the cues a reader uses: a place noun before it (مدينة، محافظة،
العاصمة …), a preposition, a nisba adjective after it (طرابلس اللبنانية).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Token
from ..text.normalize import normalize_with_offsets
from ..text.tokens import word_variants
from .gazetteer import Gazetteer

# Place nouns before a name, by the kind of place they announce (folded forms).
CUE_KINDS: dict[str, str] = {}
for _w in ("مدينه", "بلده", "قريه", "مدينتي", "مدن", "ضاحيه", "حي", "ميناء", "بلدتي", "قريتي"):
    CUE_KINDS[_w] = "city"
for _w in ("محافظه", "ولايه", "اقليم", "مقاطعه", "منطقه", "معتمديه", "بلديه", "قضاء", "ناحيه", "ريف",
           "محافظتي", "ولايتي", "منطقتي", "مقاطعتي", "اقليمي"):
    CUE_KINDS[_w] = "admin"
for _w in ("العاصمه", "عاصمه", "عاصمتها", "عاصمته"):
    CUE_KINDS[_w] = "capital"
for _w in ("دوله", "جمهوريه", "مملكه", "سلطنه", "بلدان", "دولتي"):
    CUE_KINDS[_w] = "country"
for _w in ("مطار", "مطاري", "مطارات"):
    CUE_KINDS[_w] = "airport"
for _w in ("شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "اطراف", "محيط", "ضواحي",
           "جزيره", "مخيم", "شوارع", "سكان", "اهالي", "حدود", "قرب", "بالقرب", "جنوبا", "شمالا", "شرقا", "غربا"):
    CUE_KINDS[_w] = "near"
# Prepositions that make a following word more likely a place (a weak cue).
WEAK_CUES = frozenset({"في", "الي", "من", "علي", "نحو", "باتجاه", "قرب", "حتي", "عند", "داخل", "عبر", "بين", "لدي",
                       "انطلاقا", "وصولا", "مقر", "زار", "زيارته", "يزور", "غادر", "وصل", "تجاه"})
_MAX_NAME_TOKENS = 8


@dataclass(slots=True)
class NameMatch:
    start: int  # token index of the first token
    end: int  # one past the last token
    key: str
    stripped_proclitic: bool  # the first token carried ب/ل/و/ف (بطرابلس)
    skip: int = 0  # folded characters of proclitics before the name in the first token


@lru_cache(maxsize=200_000)
def variants(norm: str) -> tuple[str, ...]:
    """:func:`word_variants`, cached: every stage asks about the same few thousand words."""
    return tuple(word_variants(norm))


def surface_start(tok: Token, skip: int) -> int:
    """Offset in the text where a name starts inside its first token (after وب/ل … proclitics)."""
    if not skip:
        return tok.start
    _, offsets = normalize_with_offsets(tok.text)
    return tok.start + offsets[skip]


def match_at(tokens: list[Token], i: int, gz: Gazetteer) -> NameMatch | None:
    """The longest gazetteer name starting at token ``i``."""
    tok = tokens[i]
    starts = _name_starts(tok.norm, tok.prefix, gz)
    if not starts:
        return None
    best: NameMatch | None = None
    for first, longest, single, short in starts:
        stripped = first != tok.norm
        skip = len(tok.norm) - len(first) if tok.norm.endswith(first) else 0
        key = first
        if single:  # a short form alone only names a big city or a curated place (وقم: Qom)
            best = _better(best, NameMatch(i, i + 1, key, stripped, skip))
        for j in range(i + 1, min(len(tokens), i + min(longest, _MAX_NAME_TOKENS))):
            key = key + " " + tokens[j].norm
            if key in gz.index:
                best = _better(best, NameMatch(i, j + 1, key, stripped, skip))
    return best


def _name_starts(norm: str, prefix: str, gz: Gazetteer) -> tuple:
    """(first word, longest name in words, whether the word alone is a name, whether it is the
    short form) for each lookup form of a word that begins a name; memoised per word, as most
    words begin none."""
    cache = gz._start_cache
    hit = cache.get((norm, prefix))
    if hit is not None:
        return hit
    fw = gz.first_words
    # Quick refusal: no ending of the word (after at most four proclitic letters) begins a name.
    if not any(norm[i:] in fw or "ال" + norm[i:] in fw for i in range(min(5, len(norm)))):
        if len(cache) > 500_000:
            cache.clear()
        cache[(norm, prefix)] = ()
        return ()
    keys = variants(norm) if norm not in gz.whole_words else (norm,) + (
        (norm[len(prefix):], "ال" + norm[len(prefix):]) if prefix else ())
    # وأم درمان, وقم: a one-letter proclitic before a two-letter word (two-letter names exist
    # only for big cities and curated places)
    short = norm[1:] if norm[:1] in "وفبل" and len(norm) == 3 and norm not in gz.whole_words else None
    if short:
        keys = keys + (short,)
    out = []
    for first in keys:
        if "ال" in prefix and not first.startswith("ال"):
            continue  # الصور is "the pictures": a name without the article does not take one
        longest = gz.first_words.get(first)
        if longest:
            out.append((first, longest, first in gz.index, first == short))
    if len(cache) > 500_000:  # a long-running process meets ever new words
        cache.clear()
    cache[(norm, prefix)] = tuple(out)
    return cache[(norm, prefix)]


def _better(a: NameMatch | None, b: NameMatch) -> NameMatch:
    """More tokens first, then fewer letters stripped off the first token (ولبنان is و + لبنان,
    not ول + بنان)."""
    if a is None or (b.end, -b.skip, not b.stripped_proclitic) > (a.end, -a.skip, not a.stripped_proclitic):
        return b
    return a


def cue_before(tokens: list[Token], start: int, gz: Gazetteer | None = None) -> tuple[str | None, bool]:
    """(kind of the place noun right before ``start`` or None, whether a preposition is there)."""
    if start == 0:
        return None, False
    prev = tokens[start - 1]
    for v in variants(prev.norm):
        if v in CUE_KINDS:
            return CUE_KINDS[v], True
    weak = any(v in WEAK_CUES for v in variants(prev.norm))
    # "في العاصمة الليبية طرابلس": the place noun stands two tokens back, before a nisba.
    if start >= 2 and gz is not None and demonym_at(tokens, start - 1, gz):
        for v in variants(tokens[start - 2].norm):
            if v in CUE_KINDS:
                return CUE_KINDS[v], True
    return None, weak


def demonym_at(tokens: list[Token], j: int, gz: Gazetteer) -> str | None:
    """The country named by a nisba adjective at token ``j`` (اللبنانية -> LBN)."""
    if 0 <= j < len(tokens):
        return gz.demonym_of(tokens[j].norm, variants)
    return None
