"""The story scorer's cue features (names across languages, numbers, weekdays, places, calendar days) are computed
for all candidate pairs at once (``features._agreement``); they must be the floats the per-pair set arithmetic
gives, since the learned scorer's probabilities, and so story placement, read them (docs/scale-log.md,
session 14)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from cluster.documents import Article
from cluster.stories.features import FEATURES, Cues, _agreement, article_cues
from tests.conftest import EDITED, QUOTES, SEEDS


def _reference(a: frozenset, b: frozenset) -> tuple[float, float]:
    """One pair, as sets: the share of the smaller side the other repeats, and 1.0 when both name some and none
    agree; 0, 0 when a side is silent."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b) / min(len(a), len(b))
    return common, float(common == 0.0)


def _cues() -> list[Cues | None]:
    from cluster.ingest.readers import load_corpus

    articles: list[Article] = [a for folder in (SEEDS, QUOTES, EDITED) for a in load_corpus(folder).articles]
    cues: list[Cues | None] = []
    for k, a in enumerate(articles):
        date = a.date or (dt.date(2025, 7, 25) if k % 3 == 0 else None)  # some dated: weekdays narrowed by dates
        cues.append(article_cues(a.text, a.lang, date))
        if k % 7 == 0:
            cues.append(None)  # a row no scored pair reads (``all_cues`` of a subset)
    return cues


def test_cue_agreement_of_all_pairs_at_once_is_the_per_pair_set_arithmetic():
    """Over news articles in two languages (copies, translations, unrelated reports), every pair of articles
    with cues, in both orders: each cue's agree and conflict values equal the per-pair ones to the bit, and some
    pairs agree partly, some conflict, some are silent (the cases the features tell apart)."""
    cues = _cues()
    rows = np.array([k for k, c in enumerate(cues) if c is not None])
    left, right = (m.ravel() for m in np.meshgrid(rows, rows, indexing="ij"))
    for kind in ("names", "numbers", "weekdays", "places", "dates"):
        agree, conflict = _agreement(cues, kind, left, right)
        expected = np.array([_reference(getattr(cues[a], kind), getattr(cues[b], kind)) for a, b in zip(left, right)])
        assert np.array_equal(agree.view(np.uint64), expected[:, 0].view(np.uint64)), kind
        assert np.array_equal(conflict, expected[:, 1]), kind
    numbers, conflicts = _agreement(cues, "numbers", left, right)
    assert ((numbers > 0) & (numbers < 1)).any() and conflicts.any() and (numbers == 0).any()
    assert len(FEATURES) == 18
