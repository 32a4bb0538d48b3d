from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared not present: seed articles and dev sets are only in the development workspace")
    return SHARED


@pytest.fixture
def seed_texts(shared: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((shared / "seeds").glob("*.txt"))}
