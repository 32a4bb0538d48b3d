"""Sentence splitting with offsets.

Paragraphs (lines of the cleaned body) never share a sentence; inside a
paragraph sentencex (Wikimedia's rule-based splitter, which knows Arabic
punctuation ؟ ، ؛ and abbreviations) does the splitting.  Its pieces are
located back in the paragraph so each sentence keeps exact offsets.
"""
from __future__ import annotations

import re

from sentencex import segment

from ..model import Sentence
from .tokens import tokenize

_PARA = re.compile(r"[^\n]+")
# Abbreviations that end with a dot inside Arabic sentences (د. = Dr.).
_ABBREV_TAIL = re.compile(r"(?:^|\s)(?:د|م|أ|ج|ص|ت|ق|ه|هـ)\.\s*$")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for para in _PARA.finditer(text):
        pos = para.start()
        pieces: list[tuple[int, int]] = []
        for piece in segment("ar", para.group()):
            chunk = piece.strip()
            if not chunk:
                continue
            start = text.find(chunk, pos, para.end())
            if start < 0:  # sentencex changed the text: fall back to the paragraph remainder
                start, chunk = pos, text[pos:para.end()].strip()
                start = text.find(chunk, pos, para.end())
            end = start + len(chunk)
            pos = end
            if pieces and _ABBREV_TAIL.search(text[pieces[-1][0]:pieces[-1][1]]):
                pieces[-1] = (pieces[-1][0], end)  # glue "د. أحمد" back together
            else:
                pieces.append((start, end))
            if pos >= para.end():
                break
        for s, e in pieces:
            sentences.append(Sentence(s, e, text[s:e], tokenize(text[s:e], offset=s)))
    return sentences
