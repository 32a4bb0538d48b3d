"""Build the IDF prior of the story clusterer from a general news corpus.

Writes two tables under marsad/resources/stories/:

* df_words_ar.tsv: document frequencies of folded words with the article
  proclitics removed; they decide whether a leading و/ف/ب/ل/ك is a proclitic
  (the remainder is the commoner word: وكازاخستان) or part of the word (وزير);
* df_terms_ar.tsv: document frequencies of the clustering terms themselves
  (marsad.stories.features.TokenAnalyser), the IDF prior, so that term
  weights are sensible from the first article of a stream.

Source: the ANT corpus v1.1, Jawhara FM articles (Apache-2.0), as shipped in
../shared/data/unlabeled/jawhara_fm.jsonl.  Only counts of forms seen in at
least MIN_DF articles are kept; no text is stored.

    python training/stories/build_df.py [path/to/jawhara_fm.jsonl]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from marsad.stories import features
from marsad.text.normalize import normalize
from marsad.text.tokens import split_proclitics

MIN_DF = 3
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "unlabeled" / "jawhara_fm.jsonl"
TARGET = ROOT / "marsad" / "resources" / "stories"
HEADER = "# document frequencies; source: ANT corpus v1.1 (Jawhara FM articles), Apache-2.0; built by training/stories/build_df.py\n"


def _write(name: str, df: Counter, n_docs: int) -> int:
    kept = sorted(((w, c) for w, c in df.items() if c >= MIN_DF), key=lambda x: (-x[1], x[0]))
    with (TARGET / name).open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write(f"#docs\t{n_docs}\n")
        for w, c in kept:
            out.write(f"{w}\t{c}\n")
    return len(kept)


def main(source: Path = DEFAULT_SOURCE) -> None:
    texts = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append((rec.get("title") or "") + "\n" + rec.get("text", ""))
    words: Counter = Counter()
    for text in texts:
        forms = set()
        for token in features._WORD_RE.findall(text):
            folded = normalize(token)
            if folded and "\u0600" <= folded[0] <= "\u06ff":
                forms.add(split_proclitics(folded)[1])
        words.update(forms)
    n = _write("df_words_ar.tsv", words, len(texts))
    print(f"{len(texts)} documents; {n} words -> df_words_ar.tsv")

    # Terms depend on the word table (proclitic decisions): reload it first.
    features.prior_word_frequencies.cache_clear()
    analyser = features.TokenAnalyser()
    terms: Counter = Counter()
    for text in texts:
        terms.update(features.text_features(analyser, text).terms.keys())
    n = _write("df_terms_ar.tsv", terms, len(texts))
    print(f"{n} terms -> df_terms_ar.tsv")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
