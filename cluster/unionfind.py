"""Union-find (disjoint sets) with path halving: connected components of verified links.

Quote groups and story components are both "everything connected by a verified link" before any
finer cut, and both need it in near-linear time over many links. The smaller index is kept as the
root, so the components do not depend on the order links arrive in.
"""

from __future__ import annotations


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving: later finds walk half as far
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False when they were already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True
