"""The dashboard: static files (HTML, CSS, plain JS modules) served by marsad.api."""
from __future__ import annotations

from pathlib import Path


def static_dir() -> Path:
    return Path(__file__).resolve().parent / "static"
