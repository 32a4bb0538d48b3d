"""Query parameters shared by the event endpoints, validated into an EventFilter.

Closed vocabularies (type, modality) and shaped values (country code, dates)
are checked here and refused with a 422 that names the parameter; free text
(actor, story, document id) is only length-limited, since the store binds
every value as an SQL parameter.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import HTTPException, Query

from ..store import EventFilter

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "reported", "future", "intended", "negated", "hypothetical")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_PAGE = 1000
MAX_OFFSET = 10_000_000


def event_filter(
    type: Annotated[str | None, Query(max_length=20, description="PLOVER type, e.g. CONSULT (case-insensitive).")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor name or Arabic surface words, source or target (substring).")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,5}$", description="Source or target country: ISO alpha-3 or IGO code (KAZ, OTS, UN).")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="Earliest event date, YYYY[-MM[-DD]].")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="Latest event date, YYYY[-MM[-DD]] (inclusive).")] = None,
    modality: Annotated[str | None, Query(max_length=20, description="One of " + ", ".join(MODALITIES) + ".")] = None,
    story: Annotated[str | None, Query(max_length=200, description="Story id.")] = None,
    doc: Annotated[str | None, Query(max_length=500, description="Only the events of this document id.")] = None,
) -> EventFilter:
    if type is not None and type.upper() not in EVENT_TYPES:
        raise HTTPException(422, f"unknown event type {type!r}; use one of {', '.join(EVENT_TYPES)}")
    if modality is not None and modality.lower() not in MODALITIES:
        raise HTTPException(422, f"unknown modality {modality!r}; use one of {', '.join(MODALITIES)}")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"'from' ({date_from}) is after 'to' ({date_to})")
    return EventFilter(type=type.upper() if type else None, actor=actor or None,
                       country=country.upper() if country else None, date_from=date_from, date_to=date_to,
                       modality=modality.lower() if modality else None, story=story or None, doc_id=doc or None)


def page(flt: EventFilter, limit: int, offset: int) -> EventFilter:
    return replace(flt, limit=limit, offset=offset)


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, 1 to {MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
