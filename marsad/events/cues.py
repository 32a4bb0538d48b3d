"""Word lists that drive modality, attribution and clause scope.

The lists are data (``resources/events/cues.txt``); this module loads them
into :class:`~marsad.events.lexicon.WordSet` objects so a token is tested
with the same proclitic-aware matching as the trigger lexicon.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..model import Token
from ..text.normalize import normalize
from .lexicon import WordSet, noun_forms, verb_forms

SECTIONS = ("report_verb", "report_noun", "complementizer", "attribution", "negation", "negating_verb",
            "future", "future_after", "intended", "hypothetical", "clause_break", "purpose_adverb", "control_verb",
            "masculine_place")


def _item_forms(item: str) -> tuple[set[str], list[str]]:
    if item.startswith("v:"):
        perf, _, impf = normalize(item[2:]).partition("/")
        return verb_forms(perf, impf or None), []
    if item.startswith("="):
        return {normalize(item[1:])}, []
    if item.endswith("*"):
        return set(), [normalize(item[:-1])]
    return noun_forms(normalize(item)), []


@lru_cache(maxsize=1)
def cue_sets() -> dict[str, WordSet]:
    text = resources.files("marsad.resources").joinpath("events/cues.txt").read_text("utf-8")
    forms: dict[str, set[str]] = {s: set() for s in SECTIONS}
    prefixes: dict[str, list[str]] = {s: [] for s in SECTIONS}
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in forms:
                raise ValueError(f"cues.txt: unknown section {section}")
            continue
        if section is None:
            raise ValueError("cues.txt: item before any [section]")
        f, p = _item_forms(line)
        forms[section] |= f
        prefixes[section] += p
    return {s: WordSet(frozenset(forms[s]), tuple(prefixes[s])) for s in SECTIONS}


_SECTIONS_OF: dict[str, frozenset[str]] = {}


def sections_of(token: Token) -> frozenset[str]:
    """Every cue section the token belongs to (cached by its folded form)."""
    hit = _SECTIONS_OF.get(token.norm)
    if hit is None:
        sets = cue_sets()
        hit = frozenset(s for s in SECTIONS if sets[s].matches(token))
        if len(_SECTIONS_OF) > 200_000:
            _SECTIONS_OF.clear()
        _SECTIONS_OF[token.norm] = hit
    return hit


def is_cue(token: Token, section: str) -> bool:
    return section in sections_of(token)


def exact(token: Token, section: str) -> bool:
    """The token itself (no proclitic stripping) is in the section: used for
    punctuation and short function words where stripping would over-match."""
    return token.norm in cue_sets()[section].forms


def exact_form(norm: str, section: str) -> bool:
    """A folded word or phrase is listed as it is in the section."""
    return norm in cue_sets()[section].forms


def clause_bounds(tokens: list[Token], keep: frozenset[int] = frozenset()) -> list[int]:
    """Clause number of each token: a new clause starts after each break
    (except the break tokens at the indexes in ``keep``)."""
    out: list[int] = []
    n = 0
    for i, t in enumerate(tokens):
        if i not in keep and exact(t, "clause_break"):
            n += 1
            out.append(n)
            n += 1
            continue
        out.append(n)
    return out
