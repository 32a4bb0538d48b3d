"""PLOVER event types, their QuadClass, and the CAMEO→PLOVER table reader."""
from __future__ import annotations

import re
from pathlib import Path

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# QuadClass of each type (PLOVER manual, "Quad category"): 1 verbal cooperation,
# 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
QUAD_NAMES = {0: "none", 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

# quadclass_ar (keep_it_local) numbers the quads the other way round for the
# extremes: its label 1 holds the attacks, arrests and protests and its label 4
# the meetings, statements of support and appeals (checked with the trigger
# lexicon over its 4,774 training sentences: ASSAULT 470 of 698 in label 1,
# CONSULT 162 of 330 in label 4).  PLOVER quad -> quadclass_ar label:
QUADCLASS_AR_LABEL = {1: 4, 2: 2, 3: 3, 4: 1}
QUADCLASS_AR_NAMES = {0: "none", 1: "material conflict", 2: "material cooperation", 3: "verbal conflict",
                      4: "verbal cooperation"}

# Modes the manual defines per type (tables in PLOVER_MANUAL.tex).
MODES = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber", "ban"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}

# The CAMEO code of a type's mode when the trigger only gave the type's root
# code (CAMEO2PLOVER-2021.txt read the other way round).
MODE_CAMEO = {
    ("CONSULT", "phone"): "041", ("CONSULT", "visit"): "042", ("CONSULT", "third-party"): "044",
    ("REQUEST", "assist"): "103", ("REQUEST", "change"): "104", ("REQUEST", "yield"): "105", ("REQUEST", "meet"): "106",
    ("REJECT", "assist"): "121", ("REJECT", "change"): "123", ("REJECT", "yield"): "124", ("REJECT", "meet"): "125",
    ("PROTEST", "demo"): "141", ("PROTEST", "hunger"): "142", ("PROTEST", "strike"): "143",
    ("PROTEST", "boycott"): "143", ("PROTEST", "obstruct"): "144", ("PROTEST", "riot"): "145",
    ("MOBILIZE", "police"): "153", ("MOBILIZE", "troops"): "154",
    ("THREATEN", "violence"): "138", ("THREATEN", "restrict"): "1312", ("THREATEN", "relations"): "1313",
    ("THREATEN", "arrest"): "1321", ("THREATEN", "expel"): "136", ("THREATEN", "territory"): "1382",
    ("ASSAULT", "abduct"): "181", ("ASSAULT", "beat"): "182", ("ASSAULT", "torture"): "1822",
    ("ASSAULT", "explosives"): "183", ("ASSAULT", "suicide-attack"): "1831", ("ASSAULT", "targeted"): "186",
    ("ASSAULT", "firearms"): "193", ("ASSAULT", "heavy-weapons"): "194", ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195", ("ASSAULT", "crowd-control"): "175",
}

_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*(?:,\s*([^#]*?))?\s*(?:#.*)?$")


def read_cameo2plover(path: str | Path) -> dict[str, tuple[str, str | None]]:
    """``{cameo_code: (plover_type, mode or None)}`` from CAMEO2PLOVER-2021.txt."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in Path(path).read_text("utf-8").splitlines():
        m = _ROW.match(line.strip())
        if not m or len(m.group(1)) < 3:
            continue
        mode = m.group(3).strip() or None
        table.setdefault(m.group(1), (m.group(2), mode))
    return table


def cameo_root(code: str | None) -> str | None:
    """The two-digit CAMEO cue category of a code (``"0841"`` → ``"08"``)."""
    return code[:2] if code else None
