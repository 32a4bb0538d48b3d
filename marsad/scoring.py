"""Scoring helpers shared by the `marsad eval …` commands."""
from __future__ import annotations


def max_matching(edges: list[list[int]]) -> list[tuple[int, int]]:
    """Maximum bipartite matching (augmenting paths): ``edges[i]`` lists the
    right-hand items left item ``i`` may pair with; returns ``(i, j)`` pairs,
    so one system item never counts for two gold items."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())
