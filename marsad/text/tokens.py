"""Tokenisation with offsets and proclitic separation for matching.

Arabic attaches conjunctions, prepositions and the article to the next word
(وكازاخستان، بالرئيس، للمنظمة).  Lexicon and gazetteer lookups need the bare
word, so each token carries ``stem`` (its folded form without proclitics) next
to ``norm`` (the folded surface form).  Only the most frequent and safe
proclitics are split, and never when the remainder would be shorter than two
letters: a word such as بلد must not become ب + لد.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Token
from .normalize import normalize

# Words: Arabic letters (with marks), Latin letters, digits; everything else is
# punctuation and becomes a one-character token.
_TOKEN_RE = re.compile(
    r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06D5-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC\u0640\u064B-\u065F\u0670]+"
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"
    r"|\d+(?:[.,/]\d+)*"
    r"|\S"
)

# Article-bearing proclitic sequences (already folded), longest first.  These
# are stripped into ``Token.stem`` because they are unambiguous once at least
# three letters remain.  Bare و/ف/ب/ل/ك are not: وزير, فريق, بلد, لبنان, كازاخستان
# start with them, so they are only offered as lookup variants
# (:func:`word_variants`) and the lexicon decides.
_ARTICLE_PROCLITICS = ("وبال", "وكال", "فبال", "وللل", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_LETTER_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_MIN_STEM = 3


def split_proclitics(norm: str) -> tuple[str, str]:
    """Return ``(prefix, stem)`` for a folded Arabic word, splitting only the
    article and what precedes it (وال، بال، لل …)."""
    for p in _ARTICLE_PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= _MIN_STEM:
            return p, norm[len(p):]
    return "", norm


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` (sentence start)."""
    tokens: list[Token] = []
    append, make, analyse_ = tokens.append, Token, analyse  # hot loop: locals are faster
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        norm, prefix, stem = analyse_(surface)
        if norm:  # a lone diacritic or tatweel folds to nothing
            start = m.start() + offset
            append(make(surface, start, start + len(surface), norm, stem, prefix))
    return tokens


@lru_cache(maxsize=262_144)
def analyse(surface: str) -> tuple[str, str, str]:
    """``(norm, prefix, stem)`` of one word; cached, since news vocabulary is
    Zipfian and the same words come back in every article."""
    norm = normalize(surface)
    if norm and _is_arabic(norm[0]):
        prefix, stem = split_proclitics(norm)
        return norm, prefix, stem
    return norm, "", norm


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


@lru_cache(maxsize=262_144)
def _variants(norm: str) -> tuple[str, ...]:
    return tuple(_word_variants(norm))


def word_variants(norm: str) -> list[str]:
    """Every form under which a folded word may be listed in a lexicon (see
    :func:`_word_variants`)."""
    return list(_variants(norm))


def _word_variants(norm: str) -> list[str]:
    """Every form under which a folded word may be listed in a lexicon:
    itself, without the article and its proclitics, with the article kept,
    and without a bare one-letter proclitic (وزير stays a candidate as is, so
    a lexicon lookup never loses the unsplit reading)."""
    out = [norm]
    prefix, stem = split_proclitics(norm)
    if prefix:
        out += [stem, "ال" + stem]
    for p in _LETTER_PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= _MIN_STEM:
            out.append(norm[len(p):])
    seen: set[str] = set()
    return [w for w in out if not (w in seen or seen.add(w))]
