"""A duplicate group's verified pairs as the contract lists them, without one pydantic object per pair.

A group carried by k outlets has up to k(k-1)/2 verified pairs (a wire story in 30 outlets: 435), so a
day of news has hundreds of thousands: one ``PairOut`` each (a model, its field dict and its field set,
about 1.2 KB) held 360 MB of a 30,000-passage run's report, more than the rest of it together. The run's
own pairs are already in memory (``Result.groups``); ``PairRows`` reads them where they are and makes a
``PairOut`` only for the pair being looked at or written, so every view reads ``group.pairs`` as before
(``pair.a``, ``pair.similarity``, ``len``, indexing) and the JSON holds every pair as before.

A match type's name is read as ``_value_`` (the member's own attribute, documented by ``enum``): ``.value``
goes through a Python descriptor, and at 300,000 pairs read twice that cost more than writing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from pydantic import SerializerFunctionWrapHandler


class PairRows(Sequence[Any]):
    """The ``PairOut`` of each of a run's pairs, made when read. ``diffs``: the word diffs the contract
    carries, by pair position (an edited carrier's link to the earliest copy: one per carrier at most)."""

    __slots__ = ("_make", "_pairs", "_passages", "_diffs")

    def __init__(self, pairs: Sequence[Any], passages: Sequence[Any], diffs: dict[int, list[Any]],
                 make: Callable[..., Any]) -> None:
        self._pairs, self._passages, self._diffs, self._make = pairs, passages, diffs, make

    def __len__(self) -> int:
        return len(self._pairs)

    @overload
    def __getitem__(self, k: int) -> Any: ...
    @overload
    def __getitem__(self, k: slice) -> list[Any]: ...
    def __getitem__(self, k: int | slice) -> Any:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        pair = self._pairs[k]
        return self._make(pair, self._passages, self._diffs.get(k))

    def __iter__(self) -> Iterator[Any]:
        make, passages, diffs = self._make, self._passages, self._diffs
        for k, pair in enumerate(self._pairs):
            yield make(pair, passages, diffs.get(k))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PairRows, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by value, as the list it stands for

    def __repr__(self) -> str:
        return f"PairRows({len(self)} pairs)"

    def figures(self) -> Iterator[tuple[Any, ...]]:
        """Each pair's (a, b, article_a, article_b, similarity, lexical_overlap, match_type), read in place."""
        passages = self._passages
        for pair in self._pairs:
            yield (pair.a, pair.b, passages[pair.a].article_id, passages[pair.b].article_id, pair.similarity,
                   pair.lexical_overlap, pair.match_type._value_)

    def as_dicts(self) -> list[dict[str, Any]]:
        """What a ``PairOut`` of each pair dumps to, keys in field order (``diff`` only where there is one),
        made straight from the run's pairs: writing the JSON made a ``PairOut`` per pair only to read it
        back, which tripled the time the JSON took."""
        passages, diffs, out = self._passages, self._diffs, []
        for k, pair in enumerate(self._pairs):
            row = {"a": pair.a, "b": pair.b, "article_a": passages[pair.a].article_id,
                   "article_b": passages[pair.b].article_id, "similarity": pair.similarity,
                   "lexical_overlap": pair.lexical_overlap, "match_type": pair.match_type._value_}
            if k in diffs:
                row["diff"] = [{"op": op.op, "a": op.a, "b": op.b} for op in diffs[k]]
            out.append(row)
        return out


def pairs_as_list(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    """Serialise ``pairs`` as the list of ``PairOut`` it stands for: a run's pairs as plain rows one group at a
    time (held only while that group is written), a loaded report's list as it is."""
    return value.as_dicts() if isinstance(value, PairRows) else handler(value)


def pair_figures(pairs: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    """Each pair's (a, b, article_a, article_b, similarity, lexical_overlap, match_type), for a view that lists
    every pair (the HTML data, the CSV table): a run's pairs read in place, a loaded report's from its models."""
    if isinstance(pairs, PairRows):
        yield from pairs.figures()
        return
    for p in pairs:
        yield p.a, p.b, p.article_a, p.article_b, p.similarity, p.lexical_overlap, p.match_type
