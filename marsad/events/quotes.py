"""Reported speech: direct quotes, indirect quotes and attribution frames.

A *frame* is a span of a sentence that someone is reported to have said:

* ``قال X إن …`` / ``أعلنت X أن …`` / ``وتابع قائلا: …`` (a reporting verb and
  its complement, up to the end of the sentence);
* ``إعلان الرئيس …`` (a reporting noun with its speaker as genitive);
* a direct quote «…» / “…” / "…" (its speaker found through the reporting
  verb before it, or ``قال X`` right after it);
* ``وفق وكالة …`` / ``بحسب الكاتب`` (the whole sentence is relayed).

Frames give events their modality (reported) and their speaker, and the
direct quotes and indirect complements become :class:`~marsad.model.Quote`
objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Mention, Token
from ..text.normalize import normalize
from .arguments import MentionSpan, in_relative, is_actor, is_feminine, subject_of, verb_gender
from .cues import is_cue, sections_of

_FRAME_SECTIONS = frozenset({"attribution", "report_verb", "report_noun"})
_OPENERS = "«“„"
_CLOSERS = "»"
_MIN_QUOTE_WORDS = 4
_MAX_QUOTE_CHARS = 1200
_LOOKBACK = 10  # tokens between a reporting verb and the quote it introduces
_CONTENT_REACH = 20  # tokens between a reporting verb and its complementizer (قال الوزير في كلمة له خلال …: إنه)
# عبّر/أعرب report only with عن (عبر تقنية الفيديو is a preposition)
_NEEDS_AN = frozenset(normalize(w) for w in ("عبر", "يعبر", "عبرت", "تعبر", "أعرب", "يعرب", "أعربت", "تعرب", "معربا", "معربة"))
_PRO_DROP_SKIP = frozenset(normalize(w) for w in ("إلى", "الى", "ل", "أيضا", "أيضاً", "كذلك", "في", "هذا", "السياق", "ذلك", "بدوره", "بدورها", "من", "جهته", "جهتها", "قائلا", "قائلة"))


@dataclass(slots=True)
class Frame:
    kind: str  # indirect | direct | noun | attribution
    first: int  # content token range in the sentence, inclusive
    last: int
    speaker: Mention | None
    cue: int  # token index of the reporting word
    relay: list[Mention] = field(default_factory=list)


def direct_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages (without the marks), paired within
    a paragraph.  ” opens a quote when none is open (some sites use it both
    ways) and ASCII " toggles."""
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        open_at: int | None = None
        open_ch = ""
        for i, ch in enumerate(para):
            if ch in _OPENERS or (ch == "”" and open_at is None and i + 1 < len(para) and para[i + 1].isalpha()):
                if open_at is None:
                    open_at, open_ch = i, ch
            elif ch in _CLOSERS or ch == "”" or (ch == '"' and open_at is not None and open_ch == '"'):
                if open_at is not None and (ch != "»" or open_ch == "«"):
                    out.append((pos + open_at + 1, pos + i))
                    open_at = None
            elif ch == '"' and open_at is None:
                open_at, open_ch = i, ch
        pos += len(para) + 1
    return [(s, e) for s, e in out if e - s <= _MAX_QUOTE_CHARS and len(text[s:e].split()) >= 1]


def sentence_frames(tokens: list[Token], spans: list[MentionSpan], clause: list[int],
                    quote_spans: list[tuple[int, int]], last_speaker: Mention | None) -> list[Frame]:
    """Reporting frames of one sentence (content ranges in token indexes)."""
    frames: list[Frame] = []
    n = len(tokens)
    relay: list[Mention] = []
    secs = [sections_of(t) for t in tokens]
    if not any(x & _FRAME_SECTIONS for x in secs):
        return frames
    for i, t in enumerate(tokens):
        if "attribution" in secs[i]:
            nxt = next((s for s in spans if i < s.first <= i + 4), None)
            if nxt is not None:
                relay.append(nxt.mention)
    for i, t in enumerate(tokens):
        if "report_verb" in secs[i]:
            if t.norm.lstrip("و") in _NEEDS_AN and not any(x.norm == "عن" for x in tokens[i + 1:i + 4]):
                continue
            content = None
            for j in range(i + 1, min(n, i + 1 + _CONTENT_REACH)):
                tj = tokens[j]
                if tj.norm in ("،", ",") and j + 1 < n and ("attribution" in secs[j + 1] or "complementizer" in secs[j + 1]):
                    continue  # "قال X، وفق وكالة …، إن"، "ذكرت الرئاسة في بيان، أن": the comma does not end it
                if "report_verb" in secs[j] or ("clause_break" in secs[j] and tj.norm not in (":", "«", "“", '"', "”")) \
                        and not _in_relay(tokens, j):
                    break
                if "complementizer" in secs[j] and len(tj.norm) <= 5:
                    content = j + 1
                    break
                if tj.norm == ":" or tj.text in "«“\"”" or any(qs == tj.start for qs, _ in quote_spans):
                    content = j + (0 if tj.text not in ":«“\"”" else 1)
                    break
            if content is None or content >= n:
                continue
            participle = t.norm.lstrip("و").startswith(("قايل", "مضيف", "موكد", "مشير", "موضح", "لافت", "معتبر", "معرب"))
            if participle:
                # "…، مؤكدة أن": the subject of the sentence's main verb, or of the
                # clause the participle hangs on ("أن أردوغان أعرب …، مؤكدا")
                subj = participle_subject(tokens, i, spans)
                if subj is None and frames and frames[-1].speaker is not None:
                    frames.append(Frame("indirect", content, n - 1, frames[-1].speaker, i, list(relay)))
                    continue
            else:
                subj = subject_of(tokens, i, i, spans, clause, verb=True)
            if subj is None:
                # "وقال الوزير في كلمة له …: إنه" — subject a few words after the verb
                subj = next((s for s in spans if i < s.first < content and s.prep is None and is_actor(s)), None)
            if subj is None and not participle:
                # "تشاووش أوغلو، عندما صرح بأن": the actor just named
                g = verb_gender(t)
                subj = next((s for s in reversed(spans) if s.last < i and i - s.last <= 4 and s.prep is None
                             and is_actor(s) and s.mention.source != "events" and not in_relative(tokens, s)
                             and (g is None or (g == "f") == is_feminine(s, tokens))), None)
            if subj is not None:
                speaker = subj.mention
            else:
                # pro-drop (وأضاف أن، وأشار إلى أن) continues the running speaker;
                # an unnamed subject (وذكرت المصادر أن) is nobody we know
                between_words = [x for x in tokens[i + 1:content - 1] if x.norm not in _PRO_DROP_SKIP and x.norm.isalpha()]
                speaker = last_speaker if not between_words else None
            frames.append(Frame("indirect", content, n - 1, speaker, i, list(relay)))
        elif "report_noun" in secs[i]:
            gen = next((s for s in spans if s.first == i + 1 and s.prep is None and is_actor(s)), None)
            if gen is not None and gen.last + 1 < n:
                end = max((k for k in range(gen.last + 1, n) if clause[k] == clause[gen.last + 1]), default=gen.last + 1)
                frames.append(Frame("noun", gen.last + 1, end, gen.mention, i, list(relay)))
    # a frame's content ends where the next reporting verb of the sentence begins
    frames.sort(key=lambda f: f.cue)
    for a, b in zip(frames, frames[1:]):
        if a.first <= b.cue <= a.last and b.kind == "indirect":
            a.last = max(a.first, b.cue - 1)
    if relay and not frames:
        frames.append(Frame("attribution", 0, n - 1, relay[0], -1, relay[1:]))
    return frames


def participle_subject(tokens: list[Token], i: int, spans: list[MentionSpan]) -> MentionSpan | None:
    """The subject a circumstantial participle (مؤكدا، مشيدا، داعيا) shares:
    the sentence-initial subject, else the last named actor before it outside a
    prepositional phrase or relative clause."""
    lead = next((s for s in spans if s.first <= 4 and s.first < i and s.prep is None and is_actor(s)
                 and s.mention.source != "events"), None)
    if lead is not None:
        return lead
    return next((s for s in reversed(spans) if s.last < i and s.prep is None and is_actor(s)
                 and s.mention.source != "events" and not in_relative(tokens, s)), None)


def _in_relay(tokens: list[Token], j: int) -> bool:
    """Token ``j`` closes a parenthetical relay "، وفق وكالة …،"."""
    for k in range(j - 1, max(-1, j - 6), -1):
        if is_cue(tokens[k], "attribution"):
            return k > 0 and tokens[k - 1].norm in ("،", ",")
    return False


def quote_speaker(tokens: list[Token], q_start: int, q_end: int, frames: list[Frame],
                  spans: list[MentionSpan], clause: list[int], last_speaker: Mention | None) -> Mention | None:
    """Speaker of a direct quote: the frame whose reporting word comes just
    before it, else "… قال X" right after it, else the running speaker."""
    before = [f for f in frames if f.cue >= 0 and tokens[f.cue].end <= q_start]
    if before:
        f = before[-1]
        gap = sum(1 for t in tokens if tokens[f.cue].end <= t.start < q_start)
        if gap <= _LOOKBACK:
            return f.speaker
    for i, t in enumerate(tokens):
        if t.start >= q_end and is_cue(t, "report_verb") and t.start - q_end <= 6:
            subj = subject_of(tokens, i, i, spans, clause, verb=True)
            if subj is not None:
                return subj.mention
    return last_speaker
