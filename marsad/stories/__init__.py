"""Stories across outlets: near-duplicates, story clusters, merged events.

    find_duplicates(docs)        id -> earliest article it copies, or None
    StoryClusterer().add(doc)    online story clustering -> story id
    cluster_jsonl(in, out)       the contract's `marsad cluster`
    merge_events(docs)           one canonical event per real-world event
"""
from __future__ import annotations

from .cluster import StoryClusterer
from .dedup import DuplicateIndex, find_duplicates
from .jsonl import cluster_documents, cluster_jsonl, cluster_records
from .merge import merge_events

__all__ = ["DuplicateIndex", "StoryClusterer", "cluster_documents", "cluster_jsonl", "cluster_records",
           "find_duplicates", "merge_events"]
