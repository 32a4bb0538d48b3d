"""Derive ``marsad/resources/events/triggers_up.txt`` from UniversalPetrarch's
Arabic CAMEO verb patterns, constrained.

    python training/events/build_up_lexicon.py [--shared ../shared] [--articles 3000]

UniversalPetrarch (openeventdata/UniversalPetrarch, branch arabic, MIT) codes
with verb synonym sets and patterns such as ``- * مساعدة [070] # قدم,سلم``
(verb, then object, CAMEO code).  The synonym sets were machine-translated and
over-produce (``طلع``/``رأى`` listed as "look"), so the patterns are kept only
as constrained entries:

1. a pattern needs an object word (no bare-verb codes), and the object must
   follow the verb within four tokens;
2. CAMEO codes go to PLOVER through CAMEO2PLOVER-2021.txt; the dropped
   categories (01 statements, 02 appeals) are left out;
3. verbs the hand-written lexicon already covers for that type, multiword
   glosses and one-letter verbs are skipped;
4. every remaining entry is run over news articles (jawhara_fm, the
   political, local and international sections); an entry that fires in more
   than one sentence in 200, or whose sentences the QuadClass model does not
   place in the entry's quad class (mean probability below 0.3), is dropped.

The entries get a low prior weight (0.5): they become events only with a
source and the QuadClass model's agreement.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from marsad.events.classify import load_model  # noqa: E402
from marsad.events.lexicon import Lexicon, default_lexicon  # noqa: E402
from marsad.events.ontology import QUAD, read_cameo2plover  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.sentences import split_sentences  # noqa: E402

_BLOCK = re.compile(r"^---\s+(\S+).*---\s*$")
_PATTERN = re.compile(r"^-\s*(?P<pre>[^*]*)\*(?P<post>[^\[]*)\[(?P<code>[0-9]{2,4})\]\s*(?:#\s*(?P<verbs>.*))?$")
_SYNSET = re.compile(r"^&([A-Z_]+)$")
_NOISE = set("(){}$+-")
MAX_RATE = 1 / 200
MIN_AGREEMENT = 0.3
WINDOW = 4
WEIGHT = 0.5
SECTIONS = {"politic", "localNews", "internationalNews"}


def imperfect_of(perfect: str) -> str:
    """A guess at the 3rd masc. imperfect: أعلن → يعلن, اجتمع → يجتمع, طلب → يطلب."""
    return "ي" + perfect[1:] if perfect[:1] == "ا" else "ي" + perfect


def read_synsets(text: str) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = defaultdict(list)
    name = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("&"):
            name = line[1:].split()[0]
        elif name and line.startswith(("+", "_")):
            word = line.strip("+_").split("_")[0]
            if word:
                sets[name].append(word)
        elif line.startswith("####### VERB"):
            break
    return sets


def object_words(post: str, synsets: dict[str, list[str]]) -> list[str]:
    words: list[str] = []
    for raw in post.split():
        tok = "".join(ch for ch in raw if ch not in _NOISE)
        m = _SYNSET.match(tok)
        if m:
            words += synsets.get(m.group(1), [])
        elif len(tok) > 2 and tok != "هوو" and not tok.startswith("&"):
            words.append(tok)
    return words


def parse_patterns(text: str, table: dict) -> list[tuple[str, str | None, str, str, list[str]]]:
    """``(type, mode, cameo, verb, objects)`` for each usable pattern."""
    synsets = read_synsets(text)
    out = []
    in_verbs = False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("####### VERB"):
            in_verbs = True
            continue
        if not in_verbs or not line.startswith("-"):
            continue
        m = _PATTERN.match(line)
        if not m or m.group("pre").strip():
            continue  # object-before-verb patterns are too loose to constrain
        code = m.group("code")
        if code[:2] in ("01", "02") or code not in table:
            continue
        ptype, mode = table[code]
        objs = object_words(m.group("post"), synsets)
        if not objs:
            continue
        for verb in (m.group("verbs") or "").split(","):
            verb = verb.strip()
            if not verb or "_" in verb or " " in verb:
                continue
            head, *particles = verb.split("+")
            if len(normalize(head)) < 3:
                continue
            out.append((ptype, mode, code, head, [normalize(o) for o in objs] + [normalize(p) for p in particles if len(p) > 2]))
    return out


def entry_lines(patterns, manual: Lexicon) -> list[str]:
    covered: dict[str, set[str]] = defaultdict(set)
    for e in manual.entries:
        if e.pos == "v":
            covered[e.type].add(e.perfect)
    seen = set()
    lines = []
    for ptype, mode, code, verb, objs in patterns:
        perf = normalize(verb)
        if perf in covered[ptype]:
            continue
        objs = sorted(set(o for o in objs if len(o) > 2))[:12]
        key = (ptype, perf, tuple(objs))
        if key in seen or not objs:
            continue
        seen.add(key)
        lines.append(f"{ptype} {(mode or '-').replace(' ', '')} {code} v:{perf}/{imperfect_of(perf)} >{','.join(objs)}/{WINDOW} w={WEIGHT}")
    return lines


def news_sentences(path: Path, limit: int) -> list[str]:
    out = []
    n = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            if art.get("category") not in SECTIONS:
                continue
            out += [s.text for s in split_sentences(art["text"])]
            n += 1
            if n >= limit:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--out", default=str(REPO / "marsad/resources/events/triggers_up.txt"))
    args = ap.parse_args()
    shared = Path(args.shared)
    table = read_cameo2plover(shared / "data/plover/CAMEO2PLOVER-2021.txt")
    text = (shared / "data/dictionaries/universalpetrarch_ar/CAMEO.ar.0.5.txt").read_text("utf-8")
    lines = entry_lines(parse_patterns(text, table), default_lexicon())
    print(f"{len(lines)} candidate entries from UniversalPetrarch patterns")
    candidates = Lexicon.from_text("\n".join(lines), origin="up", start=100000)
    quad = load_model("quadclass")
    sentences = news_sentences(shared / "data/unlabeled/jawhara_fm.jsonl", args.articles)
    print(f"checking them on {len(sentences)} news sentences")
    from marsad.text.tokens import tokenize
    fired: dict[int, list[str]] = defaultdict(list)
    for s in sentences:
        for m in candidates.match(tokenize(s)):
            fired[m.entry.id].append(s)
    kept = []
    dropped_rate = dropped_quad = 0
    for line, e in zip(lines, candidates.entries):
        hits = fired.get(e.id, [])
        if len(hits) > MAX_RATE * len(sentences):
            dropped_rate += 1
            continue
        if hits and quad is not None:
            k = quad.classes.index(QUAD[e.type])
            agreement = sum(quad.proba(s)[k] for s in hits) / len(hits)
            if agreement < MIN_AGREEMENT:
                dropped_quad += 1
                continue
        kept.append(line)
    header = [
        "# Derived from UniversalPetrarch's Arabic verb patterns (openeventdata/UniversalPetrarch, branch arabic,",
        "# MIT licence) by training/events/build_up_lexicon.py; CAMEO codes mapped with the PLOVER project's",
        "# CAMEO2PLOVER-2021.txt (CC BY-SA 4.0).  Constrained: object word within four tokens, low weight,",
        f"# over-producing entries dropped on {len(sentences)} news sentences.  Do not edit by hand.",
    ]
    Path(args.out).write_text("\n".join(header + kept) + "\n", "utf-8")
    print(f"kept {len(kept)}; dropped {dropped_rate} over-producing, {dropped_quad} off-quad")


if __name__ == "__main__":
    main()
