"""What the duplicate stage finds, as frozen records: a verified match of two paragraphs, and the groups
of copies a reader is shown (each article's passage, and the evidence for each link)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cluster.documents import Passage, SegmentKind
from cluster.duplicates.lexical import MatchType

MATCH_ORDER = {m: k for k, m in enumerate(MatchType)}
"""Match types in the order reports list them (strongest evidence first)."""


@dataclass(frozen=True, slots=True)
class GroupPassage:
    """One article's copy of a duplicated passage."""

    article_id: str
    segment_index: int
    kind: SegmentKind
    start: int
    end: int
    text: str
    lang: str


@dataclass(frozen=True, slots=True)
class Link:
    """Two members of a group (indices into its list) and their embedding similarity: what every
    verified link shows a reader, whether it joins two passages or two quotes."""

    a: int
    b: int
    similarity: float


@dataclass(frozen=True, slots=True)
class PassagePair(Link):
    """Two passages of a group (indices into ``DuplicateGroup.passages``) and how they relate."""

    lexical_overlap: float
    match_type: MatchType


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """One passage carried by several articles, with the evidence for each link."""

    passages: tuple[GroupPassage, ...]
    pairs: tuple[PassagePair, ...]

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(p.article_id for p in self.passages))

    @property
    def best_similarity(self) -> float:
        return max(p.similarity for p in self.pairs)

    @property
    def match_types(self) -> list[MatchType]:
        return sorted({p.match_type for p in self.pairs}, key=MATCH_ORDER.__getitem__)

    @property
    def languages(self) -> list[str]:
        return sorted({p.lang for p in self.passages})


@dataclass(frozen=True, slots=True)
class ParagraphMatch:
    """A verified match between two paragraphs of two articles (spans grow as sentences join).

    ``vec_left``/``vec_right`` number passages: positions in the passage list of a run, or passage ids in
    the store (``renumbered`` moves a match from one numbering to the other). A run at 300k passages holds
    ~3 million of these through grouping: they keep no more than grouping and the store read.
    """

    left: tuple[str, int]
    right: tuple[str, int]
    span_left: tuple[int, int]
    span_right: tuple[int, int]
    similarity: float
    vec_left: int
    vec_right: int
    match_type: MatchType
    """The type of the best-scoring evidence (kept if the merged spans no longer classify alone)."""
    whole: bool
    """The best evidence spans a whole paragraph on one side at least: its spans stay as they are."""
    aligned: bool = False
    """A reused region found by ``duplicates.align`` (its spans are the region, not paragraphs)."""

    def renumbered(self, number: Mapping[int, int] | Sequence[int]) -> ParagraphMatch:
        """The same match with every passage number ``k`` replaced by ``number[k]``. Built field by field:
        ``dataclasses.replace`` introspects the fields at each call (0.16 s of regrouping an 11,700-match
        component of the store, ``store.duplicates.groups_of_matches``)."""
        return ParagraphMatch(self.left, self.right, self.span_left, self.span_right, self.similarity,
                              number[self.vec_left], number[self.vec_right], self.match_type, self.whole, self.aligned)

    def widened(self, a: Passage, b: Passage) -> ParagraphMatch:
        """The match grown by one more matching pair of sentences of the same two paragraphs."""
        return replace(
            self,
            span_left=(min(self.span_left[0], a.start), max(self.span_left[1], a.end)),
            span_right=(min(self.span_right[0], b.start), max(self.span_right[1], b.end)),
        )
