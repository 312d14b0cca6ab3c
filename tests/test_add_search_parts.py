"""Parts of an add made cheaper with the same answers (docs/scale-log.md, session 16): the members of a batch's
neighbourhood stories read in one statement, each new article's nearest stored articles without a sort, the shared paragraphs of its links gathered in numpy, and the
alignment's trim asking fewer words. Each must give what the code it replaced gave."""

from __future__ import annotations

import random
from array import array

import numpy as np

from cluster.config import Config
from cluster.duplicates.align import _trim
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.store.stories import nearest
from cluster.stories.sharing import SharedParagraphs, _distinct_rows
from tests.conftest import EDITED, QUOTES, SEEDS


def _articles(folders: list) -> list:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def _shared_one_link_at_a_time(articles: list, links: list) -> SharedParagraphs:
    """``SharedParagraphs.of`` as it was: one link at a time into three arrays."""
    n = len(articles)
    index = {a.id: i for i, a in enumerate(articles)}
    keys, sides, segments = array("q"), array("q"), array("q")
    for (left, left_segment), (right, right_segment) in links:
        a, b = index[left], index[right]
        if a != b:
            key = min(a, b) * n + max(a, b)
            keys.extend((key, key))
            sides.extend((a, b))
            segments.extend((left_segment, right_segment))
    key, side, segment = _distinct_rows(*(np.frombuffer(x, np.int64) for x in (keys, sides, segments)))
    pair_keys, starts = np.unique(key, return_index=True)
    return SharedParagraphs(n, pair_keys, np.append(starts, len(key)), side, segment)


def test_the_stories_members_and_shared_paragraphs_of_a_news_store_read_as_one_at_a_time(tmp_path, fake_encoder):
    """News corpora with wire copies, quotes and edited re-tellings stored in batches: every story's members
    read for all stories at once (``Queries.members_of``) are ``story_members``' of each, in insertion order; the
    paragraphs the stored articles share (their links, plus a link inside one article and a repeated link) give
    the same ``SharedParagraphs`` as the link-by-link loop."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        for batch in (_articles([SEEDS]), _articles([QUOTES]), _articles([EDITED])):
            writer.add(batch)
        store = writer.store
        stories = sorted(set(store.story_of().values()))
        assert len(stories) > 5
        one_by_one = {sid: store.story_members(sid) for sid in stories}
        assert any(len(members) > 1 for members in one_by_one.values()), "some stories have several members"
        assert store.members_of([*stories, "no-such-story"]) == one_by_one
        assert store.members_of(stories[::-1]) == one_by_one and store.members_of([]) == {}

        articles = store.articles()
        links = [(m.left, m.right) for m in store.matches()]
        assert len({(left[0], right[0]) for left, right in links}) > 3, "the corpora share passages"
        links += [links[0], (links[0][0], (links[0][0][0], links[0][0][1] + 1))]
        for given in (links, links[:1], []):
            fresh, before = SharedParagraphs.of(articles, iter(given)), _shared_one_link_at_a_time(articles, given)
            for part in ("keys", "starts", "article", "segment"):
                assert np.array_equal(getattr(fresh, part), getattr(before, part))
                assert getattr(fresh, part).dtype == getattr(before, part).dtype
        assert len(SharedParagraphs.of(articles, links)) > 3


def _trim_every_step(words: tuple[str, ...], lo: int, hi: int, other: set[str]) -> tuple[int, int]:
    """The trim as it was: all three words of each step asked."""
    def anchored(k: int, step: int) -> bool:
        run = [words[t] in other for t in range(k, k + 3 * step, step) if lo <= t < hi]
        return bool(run) and run[0] and sum(run) >= min(2, len(run))

    while lo < hi and not anchored(lo, 1):
        lo += 1
    while hi > lo and not anchored(hi - 1, -1):
        hi -= 1
    return lo, hi


def test_the_alignment_trim_asking_the_first_word_first_trims_as_before():
    """Regions of news sentences trimmed against another's words: the same ends, whatever the region and the
    shared words (short regions, none shared, all shared, ends one word from the edge)."""
    text = ("Turkish intelligence chief Ibrahim Kalin met Hamas leaders in Istanbul on Wednesday to discuss a "
            "ceasefire in Gaza and the release of 24 hostages officials said").lower().split()
    rng = random.Random(4)
    for _ in range(20_000):
        words = tuple(rng.choice(text) for _ in range(rng.randint(0, 14)))
        other = set(rng.sample(text, rng.randint(0, len(text))))
        lo = rng.randint(0, len(words))
        hi = rng.randint(lo, len(words))
        assert _trim(words, lo, hi, other) == _trim_every_step(words, lo, hi, other)


def test_the_nearest_stored_articles_without_a_sort_are_the_sorts():
    """Cosines of new articles to stored bodies where wire copies repeat a body vector (ties, some of them at the
    30th place, where the sort's own order decides which copies are in): the positions ``nearest`` gives are
    those of ``np.argsort(-row)[:k]``, for every k (none, some, all and more than all)."""
    rng = np.random.default_rng(11)
    events = rng.standard_normal((40, 64)).astype(np.float32)
    stored = np.repeat(events, rng.integers(1, 8, size=40), axis=0)  # copies: the same vector
    stored[::3] += 0.2 * rng.standard_normal((len(stored[::3]), 64)).astype(np.float32)  # rewrites: near it
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    batch = stored[rng.choice(len(stored), 12)] + 0.05 * rng.standard_normal((12, 64)).astype(np.float32)
    cut_ties = 0
    for row in [*(batch @ stored.T), *(stored[:5] @ stored.T)]:
        for k in (0, 1, 5, 30, 31, len(row) - 1, len(row), len(row) + 3):
            expected = np.argsort(-row)[:k].tolist()
            assert sorted(nearest(row, k)) == sorted(expected)
            cut_ties += 0 < k < len(row) and row[expected[-1]] == -np.partition(-row, k)[k]
    assert cut_ties, "some rows have copies tied across the k-th place"
