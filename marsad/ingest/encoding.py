"""Bytes to text, with Arabic legacy encodings handled before generic detection.

charset-normalizer often guesses wrong on short Arabic windows-1256 text, so
the order is: byte-order mark, strict UTF-8, UTF-8 with a few bad bytes,
windows-1256 / ISO-8859-6 when they decode to mostly Arabic letters, a
declared charset, and only then charset-normalizer.
"""
from __future__ import annotations

import codecs
import re

from .base import ReadError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_LEGACY = ("cp1256", "iso8859-6")  # codecs.lookup() names
_MIN_ARABIC_SHARE = 0.8  # of the non-ASCII, non-space characters
_MAX_BAD_UTF8_SHARE = 0.01  # a few damaged bytes in otherwise valid UTF-8
_MAX_CONTROL_SHARE = 0.005  # more control characters than this: binary, not text
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_DECLARED = re.compile(rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB."""
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding_used)``; ReadError when the bytes are empty or not text."""
    if not data.strip():
        raise ReadError("empty file")
    text, encoding = _decode(data, _known_codec(declared))
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise ReadError(f"binary content ({controls} control characters when read as {encoding})")
    return text, encoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {codec} after its byte-order mark ({exc.reason})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd")
    if bad <= max(1, len(repaired) * _MAX_BAD_UTF8_SHARE):
        return repaired, f"utf-8 ({bad} invalid byte sequences replaced)"
    legacy = _arabic_legacy(data, declared)
    if legacy:
        return legacy
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("not text: no encoding fits (not UTF-8, windows-1256, ISO-8859-6 or any charset-normalizer knows)")
    return str(best), best.encoding


def _arabic_legacy(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """The Arabic single-byte codec under which the bytes read as the most Arabic."""
    candidates = [declared] if declared in _ARABIC_LEGACY else []
    candidates += [c for c in _ARABIC_LEGACY if c not in candidates]
    best: tuple[float, str, str] | None = None
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = arabic_share(text)
        if share >= _MIN_ARABIC_SHARE and (best is None or share > best[0]):
            best = (share, text, codec)
    return (best[1], best[2]) if best else None


def arabic_share(text: str) -> float:
    """Share of Arabic letters, harakat and punctuation among the non-ASCII, non-space characters."""
    wide = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not wide:
        return 0.0
    return sum(1 for c in wide if "\u060c" <= c <= "\u0652") / len(wide)


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
