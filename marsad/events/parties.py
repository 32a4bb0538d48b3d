"""The other side of an act, guessed at the article level after merging:
the nearest party of another country in the trigger's sentence, else another
party of the source's own country, else the state the article is most about.
"""
from __future__ import annotations

from ..model import Document, Mention
from ..text.normalize import normalize
from .arguments import names_after_place
from .context import CodedEvent, named_states

_STATE = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})  # one arm of a state rarely acts on another in the news
_NO_OTHER_SIDE = frozenset({"CONCEDE"})  # concessions are mostly domestic (a decision frozen, a government dismissed)


def fill_other_parties(doc: Document, events: list[CodedEvent], mentions: list[Mention]) -> list[CodedEvent]:
    """The other side of an act whose object the syntax did not find, from the
    trigger's sentence: the nearest actor of another country, after the
    trigger first (the object follows the verb and its subject), else before
    it; failing that, the nearest other party of the same country (the
    government an opposition accuses, the police station gunmen attack).  Acts
    nearly always have another side, and in a news sentence it is rarely far
    from the verb.  Done after the article's events are merged, so that a
    guess never keeps two mentions of one action apart; concessions, mostly
    internal decisions, are left as they are.  The confidence stays as it was."""
    # parties of one trigger ("أدانت البرازيل وكولومبيا …") act together: none is the other's side
    main_states = named_states(mentions)
    doers: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for ev in events:
        if ev.source is not None:
            doers.setdefault((ev.sentence, ev.token), set()).add((ev.source.start, ev.source.end))
    for ev in events:
        if ev.target is not None or ev.source is None or ev.type in _NO_OTHER_SIDE or not 0 <= ev.sentence < len(doc.sentences):
            continue
        src = ev.source.actor
        sent = doc.sentences[ev.sentence]
        if src is None or not src.country or not 0 <= ev.token < len(sent.tokens):
            continue
        at = sent.tokens[ev.token].start
        near = [m for m in mentions if sent.start <= m.start and m.end <= sent.end and m.actor and m.actor.country
                and not m.start <= at < m.end and (m.start, m.end) not in doers[(ev.sentence, ev.token)]
                and not _apposed_to(m, ev.source, doc.text) and not _in_a_name(m, doc.text)
                and not _joined_to(m, ev.source, doc.text)]
        foreign = [m for m in near if m.actor.country != src.country]  # type: ignore[union-attr]
        domestic = [m for m in near if m.actor.country == src.country and m.actor.kind != "LOC"  # type: ignore[union-attr]
                    and m.actor.sector != src.sector and not (m.actor.name and m.actor.name == src.name)  # type: ignore[union-attr]
                    and not (src.sector in _STATE and m.actor.sector in _STATE)]  # type: ignore[union-attr]
        for pool in (foreign, domestic):
            after = [m for m in pool if m.start > at]
            pick = min(after, key=lambda m: m.start) if after else max(pool, key=lambda m: m.end, default=None)
            if pick is not None:
                ev.target = pick
                break
        else:
            # nobody else in the sentence: the state the article is most about,
            # when that is not the source's own ("أعرب الأمين العام عن قلقه")
            together = {m.actor.country for m in mentions if (m.start, m.end) in doers[(ev.sentence, ev.token)] and m.actor}
            ev.target = next((st.first for st in main_states[:2] if st.country != src.country and st.country not in together), None) \
                if src.sector in _ABROAD and ev.type not in _ON_THE_GROUND else None
    return events


_ON_THE_GROUND = frozenset({"ASSAULT", "COERCE"})  # force lands on whoever the sentence names, not on the story's other state


_ABROAD = frozenset({"IGO", "GOV", "MIL", "LEG", "JUD", "NGO", "MED"})  # sectors that speak to and act on other states


def _joined_to(m: Mention, src: Mention, text: str) -> bool:
    """"أعلنت مالي وبوركينا فاسو": a party joined to the source by و acts with it."""
    gap = text[src.end:m.start] if m.start >= src.end else text[m.end:src.start]
    word = text[m.start:m.start + 1] if m.start >= src.end else text[src.start:src.start + 1]
    return len(gap) <= 3 and gap.strip(" ،,") == "" and word == "و" or gap.strip() == "و"


def _in_a_name(m: Mention, text: str) -> bool:
    """"اتفاقية فيينا"، "إعلان جدة": a place inside the name of a treaty or a process."""
    before = text[max(0, m.start - 20):m.start].split()
    return m.type == "LOC" and bool(before) and names_after_place(normalize(before[-1]))


def _apposed_to(m: Mention, src: Mention, text: str) -> bool:
    """"المندوب الإماراتي محمد أبو شهاب": an office and its holder's name
    side by side are one party."""
    if m.type != "PERS" and src.type != "PERS":
        return False
    lo, hi = (src.end, m.start) if m.start >= src.end else (m.end, src.start)
    return 0 <= hi - lo <= 1 and not text[lo:hi].strip()
