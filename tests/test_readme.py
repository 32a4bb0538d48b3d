"""The README's two commands are the project's promise; CI runs the second one verbatim."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_ci_runs_exactly_the_readme_test_command():
    demo, tests = _readme_commands()
    ci_lines = [ln for ln in (REPO / ".ci/run").read_text("utf-8").splitlines() if ln and not ln.startswith(("#", "set ", "cd "))]
    assert ci_lines == [tests]
    assert "pytest" in tests and "marsad run examples/" in demo


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.md").read_text("utf-8")
    first_blocks = text.split("## ", 1)[0]
    assert first_blocks.count("```bash") == 2
