"""Training material for the NER tagger, read from ../shared (never shipped).

ANERcorp's train file has no sentence or document breaks: sentences are cut
after sentence-final punctuation, and the dev split starts at the first
headline after 5/6 of the file so that no article straddles train and dev.
"""
from __future__ import annotations

import json
from pathlib import Path

from marsad.ner.conll import read_conll

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
ANERCORP_TRAIN = SHARED / "ner" / "anercorp" / "train.conll"
WOJOOD_DIR = SHARED / "ner" / "wojood_sample"
JAWHARA = SHARED / "unlabeled" / "jawhara_fm.jsonl"
CITIES = SHARED / "gazetteer" / "world-cities-ar.csv"
UP_ACTORS = SHARED / "dictionaries" / "universalpetrarch_ar" / "actor_dict_ar_v4.txt"

# Token index (0-based, counted over the file's token lines) where the dev
# split starts: the headline "الهجمات تحصد مزيدا من العراقيين ..." is the
# first article start after 5/6 of the file.
DEV_START_TOKEN = 104321

Sentence = list[tuple[str, str]]


def anercorp_sentences() -> list[Sentence]:
    return read_conll(ANERCORP_TRAIN)


def train_dev_split() -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev) sentences of ANERcorp's train file."""
    train: list[Sentence] = []
    dev: list[Sentence] = []
    seen = 0
    for sent in anercorp_sentences():
        (train if seen < DEV_START_TOKEN else dev).append(sent)
        seen += len(sent)
    return train, dev


# Wojood's outer (first-column) labels mapped to ANERcorp's classes; the rest
# (DATE, OCC, NORP, ...) has no ANERcorp counterpart and becomes O.
WOJOOD_TO_ANER = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "FAC": "LOC", "EVENT": "MISC",
                  "CURR": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC", "WEBSITE": "MISC", "LAW": "MISC"}


def wojood_sentences() -> list[Sentence]:
    """Wojood sample sentences, outer layer only, mapped to ANERcorp's classes."""
    out: list[Sentence] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        sent: Sentence = []
        for line in (WOJOOD_DIR / name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if not parts:
                if sent:
                    out.append(sent)
                sent = []
                continue
            tok, tags = parts[0], parts[1:]
            tag = "O"
            for t in tags:  # pick the first mappable tag among the nested ones
                if t != "O" and t[2:] in WOJOOD_TO_ANER:
                    tag = t[:2] + WOJOOD_TO_ANER[t[2:]]
                    break
            if tok == "$#$":  # Wojood's document separator
                continue
            sent.append((tok, tag))
        if sent:
            out.append(sent)
    return out


def jawhara_texts():
    with open(JAWHARA, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield (rec.get("title") or "") + "\n" + (rec.get("text") or "")
