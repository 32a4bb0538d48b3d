"""CoNLL-style token files: reading gold files and the `marsad tag` stream format."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
_VALID = frozenset(TAGS)
# Where a file carries no blank lines (ANERcorp's own distribution), sentences
# are cut after these tokens.
SENTENCE_END = frozenset({".", "؟", "?", "!"})


def parse_line(line: str) -> tuple[str, str | None]:
    """``(token, tag)`` of a non-blank line; tag is None when the line has one column.

    A line that starts with whitespace and has one column is an empty token
    with a tag (ANERcorp has a few)."""
    parts = line.split()
    if len(parts) == 1:
        return ("", parts[0]) if line[:1].isspace() and parts[0] in _VALID else (parts[0], None)
    tag = parts[-1]
    return parts[0], tag if tag in _VALID else "O"


def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Gold sentences ``[(token, tag), ...]`` from a ``token TAG`` file.

    Blank lines separate sentences; a file without any blank line is cut after
    sentence-final punctuation instead."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    has_blank = any(not ln.strip() for ln in lines)
    sentences: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in lines:
        if not line.strip():
            if sent:
                sentences.append(sent)
            sent = []
            continue
        tok, tag = parse_line(line)
        sent.append((tok, tag or "O"))
        if not has_blank and tok in SENTENCE_END:
            sentences.append(sent)
            sent = []
    if sent:
        sentences.append(sent)
    return sentences


def stream_blocks(lines: Iterable[str]) -> Iterator[list[str]]:
    """Blocks of the tag stream: each block is either the tokens of one sentence
    or an empty list standing for one blank line (blank lines are echoed one
    for one, so the output keeps the input's line structure exactly)."""
    sent: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if sent:
                yield sent
                sent = []
            yield []
            continue
        sent.append(line.split()[0])  # first column; a tag column already there is ignored
    if sent:  # tolerate a missing final blank line
        yield sent
