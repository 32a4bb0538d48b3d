"""PLOVER modes from cue words around the trigger (``resources/events/modes.txt``)."""
from __future__ import annotations

from functools import lru_cache

from ..model import Token
from .lexicon import WordSet, parse_words, resource_lines


@lru_cache(maxsize=1)
def mode_rules() -> dict[str, list[tuple[str, int | None, WordSet]]]:
    """``{type: [(mode, window or None for a default, words), ...]}`` in file order."""
    rules: dict[str, list[tuple[str, int | None, WordSet]]] = {}
    for line in resource_lines("modes.txt"):
        etype, mode, window, words = line.split(None, 3)
        win = None if window == "*" else int(window)
        rules.setdefault(etype, []).append((mode, win, parse_words(words)))
    return rules


def refine_mode(etype: str, tokens: list[Token], first: int, last: int) -> str | None:
    for mode, window, words in mode_rules().get(etype, ()):
        if window is None:
            return mode
        lo, hi = max(0, first - window), min(len(tokens), last + 1 + window)
        if any(words.matches(tokens[i]) for i in range(lo, hi) if i < first or i > last):
            return mode
    return None
