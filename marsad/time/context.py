"""Sentence context the resolver needs: tense around an expression and the
words next to it.

Tense decides which occurrence a year-less month or a bare weekday means
(guidelines §5): the cue nearest to the expression wins, first looking back
in the sentence, then forward.  Future cues are the prefix سـ on a verb and
the phrases of ``future_cues.txt``; past cues are ``past_cues.txt``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from .calendar import FUTURE, NEUTRAL, PAST, PRESENT
from .lexicon import LEX

_WORD = re.compile(r"\w+")
_FUTURE_SINGLE = frozenset(c for c in LEX.future_cues if " " not in c)
_FUTURE_MULTI = tuple(tuple(c.split()) for c in LEX.future_cues if " " in c)
_PROCLITIC = re.compile(r"^[وف]")


def bare(word: str) -> str:
    """A word without a leading و/ف conjunction (when enough is left)."""
    return word[1:] if len(word) > 3 and _PROCLITIC.match(word) else word


def is_future_verb(word: str) -> bool:
    w = bare(word)
    if len(w) < 4 or w[0] != "س" or w[1] not in "يتن":
        return False
    if w in LEX.future_word_exceptions:
        return False
    return not any(w.startswith(stem) for stem in LEX.future_prefix_exceptions)


_FORWARD_WORDS = 8
WEAK_FUTURE = "weak_future"  # اعتبارا من: the future unless the past comes first
_CLAUSE_PUNCT = re.compile(r"[،,؛;:()\[\]«»\"]")
_CLAUSE_OPENERS = frozenset(("ان", "انه", "انها", "بان", "بانه", "لان", "الذي", "التي", "الذين", "حيث", "كي", "لكي"))
_NOT_VERBS = frozenset(LEX.months) | frozenset(("يوم", "يوما", "تاريخ", "تقرير", "تركيا", "تونس", "تموز", "تشرين"))


def is_present_verb(word: str) -> bool:
    """A word that looks like an imperfect verb (يعقد، تدخل، تستضيف) and not
    like a noun: no known noun, no verbal-noun shape (تطبيق، تعاون) and no
    noun ending (ـة، ـات، ـين، ـون)."""
    w = bare(word)
    if len(w) < 4 or w[0] not in "يت" or w in _NOT_VERBS or w.startswith("تشرين"):
        return False
    if w.endswith(("ه", "ات", "ين", "ون", "يا")):
        return False
    if w[0] == "ت" and len(w) == 5 and (w[3] == "ي" or w[2] == "ا"):
        return False  # تفعيل، تفاعل: verbal nouns
    return True


class Sentence:
    """A folded sentence with its words, for looking around an expression."""

    def __init__(self, folded: str):
        self.folded = folded

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.folded)]

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _, _ in self.words]

    @cached_property
    def _ends(self) -> list[int]:
        return [e for _, e, _ in self.words]

    def word_before(self, pos: int, k: int = 1) -> str:
        i = bisect_right(self._ends, pos) - k  # words ending at or before pos
        return self.words[i][2] if i >= 0 else ""

    def word_after(self, pos: int, k: int = 1) -> str:
        i = bisect_left(self._starts, pos) + k - 1
        return self.words[i][2] if i < len(self.words) else ""

    def clause_words_before(self, pos: int, k: int) -> list[str]:
        """Up to ``k`` words before ``pos``, nearest first, within its clause."""
        out: list[str] = []
        i = bisect_right(self._ends, pos) - 1
        if i >= 0 and _CLAUSE_PUNCT.search(self.folded, self.words[i][1], pos):
            return out
        while i >= 0 and len(out) < k:
            out.append(self.words[i][2])
            if i and self.breaks[i - 1]:
                break
            i -= 1
        return out

    def _cue(self, words: list[str], i: int) -> str | None:
        w = words[i]
        b = bare(w)
        if b == "ان" and 0 < i < len(words) - 1:
            # بعد أن + perfect (بعد أن استخدمت): the past; على أن + imperfect
            # (على أن تصل البعثة): an arrangement for later
            head, verb = bare(words[i - 1]), words[i + 1]
            imperfect = len(verb) >= 3 and verb[0] in "يتن"
            if head == "بعد" and not imperfect:
                return PAST
            if head == "علي" and imperfect:
                return FUTURE
        if b in _FUTURE_SINGLE or w in _FUTURE_SINGLE or is_future_verb(w):
            return FUTURE
        for phrase in _FUTURE_MULTI:
            n = len(phrase)
            if i + 1 >= n and tuple(words[i - n + 1:i + 1]) == phrase:
                return WEAK_FUTURE if " ".join(phrase) in LEX.weak_future_cues else FUTURE
        if b in LEX.past_cues or w in LEX.past_cues:
            if b == "قد" and i + 1 < len(words) and words[i + 1][:1] in "يتن":
                return None  # قد + imperfect is "may", not the past
            return PAST
        return None

    @cached_property
    def breaks(self) -> list[bool]:
        """``breaks[i]``: clause punctuation (، ؛ : brackets) between word i and word i+1."""
        w = self.words
        return [bool(_CLAUSE_PUNCT.search(self.folded, w[i][1], w[i + 1][0])) for i in range(len(w) - 1)] + [True]

    def tense(self, start: int, end: int) -> str:
        """The cue nearest before the expression decides, then the nearest
        after it.  A present-tense verb in between (تدخل حيز التنفيذ في …)
        cuts off past cues further away, and future ones in another clause."""
        words = [w for _, _, w in self.words]
        before = range(bisect_right(self._ends, start))
        present = weak = False
        for i in reversed(before):
            if present and self.breaks[i]:
                return FUTURE if weak else PRESENT
            cue = self._cue(words, i)
            if cue == WEAK_FUTURE:
                weak = True
                continue
            if cue == PAST and weak and bare(words[i]) in LEX.reporting_verbs:
                return FUTURE  # أعلنت الحكومة الحداد اعتبارا من السبت
            if cue == FUTURE or (cue == PAST and not present):
                return cue
            if is_present_verb(words[i]):
                particle = bare(words[i - 1]) if i else ""
                if particle in ("لم", "لما"):
                    return PAST  # لم يظهر: the past, negated
                present = True
        first = bisect_left(self._starts, end)
        if weak:
            return FUTURE
        after = range(first, min(first + _FORWARD_WORDS, len(self.words)))
        for i in after:
            if bare(words[i]) in _CLAUSE_OPENERS:
                break  # قال الجمعة إن الحكومة ستعلن …: the future is the reported clause's
            cue = self._cue(words, i)
            if cue == FUTURE or (cue == PAST and not present):
                return cue
        return PRESENT if present else NEUTRAL
