"""The actor gazetteer: tables under marsad/resources/actors/, compiled once.

Four kinds of tab-separated table, told apart by their header line (lines
starting with ``#`` are comments), so a user file of any kind can be passed to
:func:`load_gazetteer` and extends the shipped ones:

- countries (``code name aliases demonyms capital capital_aliases``)
- entities  (``id kind name country sector aliases short needs``):
  organisations, media, armed groups, people, extra country names, blocks
- offices   (``holder office of start end``): who held which office when
- heads     (``id kind value sector bare aliases``): role, institution and
  group words that combine with a country (وزير الخارجية + التركي)

Every alias is compiled into a token trie keyed on folded tokens
(:func:`marsad.text.normalize.normalize`); a row with an id already loaded
adds its aliases to it and replaces its non-empty fields.
"""
from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..text.tokens import tokenize

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "actors"
SHIPPED = ("countries.tsv", "entities.tsv", "offices.tsv", "heads.tsv", "agents_up.tsv", "places_up.tsv")

#: IGO codes of the evaluation contract; entities of kind IGO add their own.
IGO_CODES = frozenset({"OTS", "CSTO", "NATO", "UN", "EU", "ARL", "AU", "GCC", "OIC", "SCO"})
#: Punctuation inside names that matching steps over (quotes, dashes).
SKIP_TOKENS = frozenset('"“”«»‘’\'-–—_')
TERMINAL = ""  # trie key under which a node keeps the entries ending there


@dataclass(slots=True)
class Head:
    id: str
    kind: str  # ROLE, COUNTERPART, INST, GROUP, TITLE
    value: str  # office code, name template or TITLE target
    sector: str | None
    bare: str  # coref, focus, none, drop


@dataclass(slots=True)
class Entry:
    """One thing a phrase can name."""

    id: str
    kind: str  # COUNTRY CAPITAL DEMONYM PLACE IGO ORG MEDIA PERS BLOCK HEAD
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    needs: frozenset[str] = frozenset()  # previous word must be one of these
    head: Head | None = None
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Hit:
    entry: Entry
    definite: bool  # the alias ends with a definite word (heads: decides idafa)


@dataclass(slots=True, frozen=True)
class Term:
    holder: str
    office: str
    of: str
    start: str
    end: str  # "" = open


@dataclass
class Gazetteer:
    countries: dict[str, Entry] = field(default_factory=dict)  # code -> COUNTRY entry
    entries: dict[str, Entry] = field(default_factory=dict)  # id -> entry (all kinds)
    heads: dict[str, Entry] = field(default_factory=dict)
    terms: dict[tuple[str, str], list[Term]] = field(default_factory=dict)  # (office, of) -> terms
    terms_of: dict[str, list[Term]] = field(default_factory=dict)  # holder -> terms
    igo_codes: set[str] = field(default_factory=lambda: set(IGO_CODES))
    trie: dict = field(default_factory=dict)
    short_trie: dict = field(default_factory=dict)

    # ---- offices -------------------------------------------------------
    def holder(self, office: str, of: str, date: str, former: bool = False) -> Entry | None:
        """Who held ``office`` of ``of`` on ``date`` (or, with ``former``, the
        one before); HOS tries president, monarch, supreme leader."""
        offices = ("PRES", "KING", "LEADER") if office == "HOS" else (office,)
        for off in offices:
            terms = self.terms.get((off, of), [])
            if former:
                past = [t for t in terms if t.end and t.end <= date]
                if past:
                    return self.entries.get(max(past, key=lambda t: t.end).holder)
                continue
            current = [t for t in terms if t.start <= date and (not t.end or date < t.end)]
            if current:
                return self.entries.get(max(current, key=lambda t: t.start).holder)
        return None

    def offices_at(self, holder: str, date: str) -> list[Term]:
        return [t for t in self.terms_of.get(holder, []) if t.start <= date and (not t.end or date < t.end)]

    def code_of(self, of: str) -> str:
        """The country/IGO code of an office's ``of`` (EU.COM -> EU)."""
        e = self.entries.get(of)
        return e.country if e is not None and e.country else of

    def is_igo(self, code: str | None) -> bool:
        return code is not None and code in self.igo_codes

    def country_name(self, code: str) -> str:
        e = self.countries.get(code) or self.entries.get(code)
        return e.name if e is not None and e.name else code


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    lines = [ln.rstrip("\r") for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    if not lines:
        return [], []
    header = [h.strip() for h in lines[0].split("\t")]
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return header, rows


def _merge(gz: Gazetteer, entry: Entry) -> Entry:
    old = gz.entries.get(entry.id)
    if old is None:
        gz.entries[entry.id] = entry
        return entry
    for attr in ("name", "country", "sector", "head"):
        if getattr(entry, attr):
            setattr(old, attr, getattr(entry, attr))
    if entry.needs:
        old.needs = entry.needs
    old.aliases += [a for a in entry.aliases if a not in old.aliases]
    old.short += [a for a in entry.short if a not in old.short]
    return old


def _load_countries(gz: Gazetteer, rows: list[dict[str, str]]) -> None:
    for r in rows:
        code = r["code"]
        country = _merge(gz, Entry(code, "COUNTRY", r.get("name") or None, code, "GOV", aliases=_split(r.get("aliases", ""))))
        gz.countries[code] = country
        _merge(gz, Entry(code + ".adj", "DEMONYM", None, code, None, aliases=_split(r.get("demonyms", ""))))
        if r.get("capital_aliases"):
            _merge(gz, Entry(code + ".capital", "CAPITAL", r.get("capital") or None, code, "GOV",
                             aliases=_split(r["capital_aliases"])))


def _load_entities(gz: Gazetteer, rows: list[dict[str, str]]) -> None:
    for r in rows:
        needs: frozenset[str] = frozenset()
        if r.get("needs", "").startswith("prev="):
            needs = frozenset(_fold(w) for w in r["needs"][5:].split(",") if w)
        kind = r["kind"].upper()
        entry = Entry(r["id"], kind, r.get("name") or None, r.get("country") or None, r.get("sector") or None,
                      needs, aliases=_split(r.get("aliases", "")), short=_split(r.get("short", "")))
        if kind == "COUNTRY":  # extra (possibly conditional) names of a country: acts as the state
            entry.sector = "GOV"
        _merge(gz, entry)
        if kind == "IGO" and entry.country:
            gz.igo_codes.add(entry.country)


def _load_offices(gz: Gazetteer, rows: list[dict[str, str]]) -> None:
    for r in rows:
        term = Term(r["holder"], r["office"].upper(), r["of"], r.get("start") or "0000-00-00", r.get("end", ""))
        insort(gz.terms.setdefault((term.office, term.of), []), term, key=lambda t: t.start)
        gz.terms_of.setdefault(term.holder, []).append(term)


def _load_heads(gz: Gazetteer, rows: list[dict[str, str]]) -> None:
    for r in rows:
        head = Head(r["id"], r["kind"].upper(), r.get("value", ""), r.get("sector") or None, r.get("bare") or "drop")
        entry = Entry("head:" + head.id, "HEAD", head=head, sector=head.sector, aliases=_split(r.get("aliases", "")))
        gz.heads[head.id] = _merge(gz, entry)


_LOADERS = {
    frozenset({"code", "name", "aliases", "demonyms"}): _load_countries,
    frozenset({"id", "kind", "name", "country", "sector", "aliases"}): _load_entities,
    frozenset({"holder", "office", "of", "start"}): _load_offices,
    frozenset({"id", "kind", "value", "sector", "bare", "aliases"}): _load_heads,
}


def load_table(gz: Gazetteer, path: Path) -> None:
    """Add one table to ``gz`` (its kind is read from its header)."""
    header, rows = _rows(path)
    for columns, loader in _LOADERS.items():
        if columns <= set(header):
            loader(gz, rows)
            return
    raise ValueError(f"{path}: unknown actor table header {header!r}")


def _fold(word: str) -> str:
    toks = alias_keys(word)
    return toks[0] if toks else ""


def alias_keys(alias: str) -> list[str]:
    """The trie keys of an alias: its folded tokens, quotes and dashes left out
    (Latin keeps its case: UN and RT are not the French "un" or a word "rt")."""
    return [t.norm for t in tokenize(alias) if t.norm not in SKIP_TOKENS]


def _insert(trie: dict, keys: list[str], hit: Hit) -> None:
    node = trie
    for k in keys:
        node = node.setdefault(k, {})
    bucket = node.setdefault(TERMINAL, [])
    if all(h.entry is not hit.entry for h in bucket):
        bucket.append(hit)


def compile_tries(gz: Gazetteer) -> None:
    gz.trie, gz.short_trie = {}, {}
    for entry in gz.entries.values():
        for alias in entry.aliases:
            keys = alias_keys(alias)
            if keys:
                _insert(gz.trie, keys, Hit(entry, keys[-1].startswith("ال")))
        for alias in entry.short:
            keys = alias_keys(alias)
            if keys:
                _insert(gz.short_trie, keys, Hit(entry, False))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Gazetteer:
    gz = Gazetteer()
    for name in SHIPPED:
        path = RESOURCES / name
        if path.exists():
            load_table(gz, path)
    for p in extra:
        load_table(gz, Path(p))
    compile_tries(gz)
    return gz


def load_gazetteer(extra_paths: list[str | Path] | tuple[str | Path, ...] | None = None) -> Gazetteer:
    """The shipped actor gazetteer plus the user's tables in ``extra_paths``
    (compiled once per distinct list and cached)."""
    return _load(tuple(str(Path(p).resolve()) for p in (extra_paths or ())))
