"""The writer numbers the body terms of every paragraph it has seen once (``stories.vocabulary.TermVocabulary``)
and counts a batch's neighbourhood from the kept numbers instead of reading its paragraphs again (docs/scale.md
section 5, session 15). The counts must be ``BodyTerms.count``'s to the bit (the same terms in the same columns,
so the IDF and every similarity fitted on the neighbourhood stay the same), however the kept vocabulary grew:
after batches, a replacement and a batch that rolled back."""

from __future__ import annotations

import dataclasses

import numpy as np

from cluster.config import Config
from cluster.store.ingestor import Ingestor, IngestSettings
from cluster.stories.terms import BodyTerms
from cluster.stories.vocabulary import GrowingArray, TermVocabulary
from tests.conftest import EDITED, QUOTES, SEEDS
from tests.store_helpers import add_failing


def _articles(folders: list) -> list:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def _same_terms(kept: BodyTerms, fresh: BodyTerms, others: list[str]) -> None:
    """Terms, counts, per-paragraph rows and the column of each term (``others``: terms of other texts, which these
    have not) all equal."""
    assert list(kept.names) == list(fresh.names)
    assert kept.counts.dtype == fresh.counts.dtype and kept.counts.shape == fresh.counts.shape
    for part in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(kept.counts, part), getattr(fresh.counts, part))
    assert np.array_equal(kept.idf, fresh.idf)
    assert kept.paragraphs is not None and fresh.paragraphs is not None
    assert kept.paragraphs.rows == fresh.paragraphs.rows and kept.paragraphs.ends == fresh.paragraphs.ends
    assert (kept.paragraphs.counts != fresh.paragraphs.counts).nnz == 0
    for term in [*fresh.names[::5], *others, "no such term", "gaza ceasefire"]:
        assert kept._column(term) == fresh._column(term)


def _check(vocabulary: TermVocabulary, texts: list[str]) -> None:
    """The kept count of these bodies, of a neighbourhood-like subset in another order, and one article re-read
    without its first paragraph, equal a count afresh."""
    for chosen in (texts, texts[::3][::-1]):
        kept, fresh = vocabulary.count(chosen), BodyTerms.count(chosen)
        _same_terms(kept, fresh, vocabulary.terms[::7])
        less = [chosen[0].split("\n\n")[1:] or chosen[0].split("\n\n")]
        assert np.array_equal(kept.tfidf_of(less).toarray(), fresh.tfidf_of(less).toarray())


def test_neighbourhoods_counted_one_after_another_equal_counts_afresh():
    """Each neighbourhood brings words that sort between those already kept (the ranks are merged, not redone):
    the columns still follow the sorted terms of that neighbourhood alone."""
    vocabulary = TermVocabulary()
    batches = [
        ["Kalin met Hamas leaders in Ankara.\n\nThe talks covered Gaza aid.", "Cairo hosts talks on Gaza aid."],
        ["Aid convoys reach Gaza.\n\nBakery queues in Khan Younis.", "The talks covered Gaza aid.\n\n\n\nZaytoun"],
        ["Cairo hosts talks on Gaza aid.", "Beirut port reopens; aid ships dock at dawn.", "a"],
        ["Ankara says the talks covered Gaza aid and prisoners.\n\nKalin met Hamas leaders in Ankara."],
    ]
    for texts in batches:
        _check(vocabulary, texts)
    counted = len(vocabulary)
    _check(vocabulary, [t for texts in batches for t in texts])
    assert len(vocabulary) == counted, "every paragraph was kept: none is read again"


def test_a_growing_array_holds_what_was_appended():
    rows = GrowingArray(np.float32, 3)
    added = [np.arange(3 * n, dtype=np.float32).reshape(n, 3) + n for n in (1, 20, 0, 40)]
    for block in added:
        rows.extend(block)
    assert np.array_equal(rows.values, np.vstack(added))


def test_the_writers_vocabulary_counts_as_afresh_after_batches_a_replacement_and_a_failed_batch(
        tmp_path, fake_encoder, monkeypatch):
    """Wire-like corpora added in batches (their paragraphs numbered as placement counts them), a replacement
    (the replaced article's text changes) and a batch whose transaction fails (its paragraphs stay numbered:
    keyed by their text, still right): each time, the stored bodies count as they would afresh."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    seeds, quotes, edited = _articles([SEEDS]), _articles([QUOTES]), _articles([EDITED])

    def stored_texts() -> list[str]:
        kept = writer._stored_bodies()
        return [kept.articles[aid][1] for aid in kept.ids]

    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(seeds[:3])
        writer.warm()
        warmed = len(writer.vocabulary)
        assert warmed, "the warm-up numbers the stored paragraphs"
        writer.add(seeds[3:])
        assert len(writer.vocabulary) > warmed, "placement numbered the batch's paragraphs"
        _check(writer.vocabulary, stored_texts())
        writer.add(quotes[:3], groups_due=False)
        _check(writer.vocabulary, stored_texts())
        target = seeds[2]
        writer.add([dataclasses.replace(target, text=target.text.split("\n\n")[0]), *quotes[3:]])
        _check(writer.vocabulary, stored_texts())
        add_failing(writer, edited, monkeypatch)
        _check(writer.vocabulary, stored_texts())
        writer.add(edited)
        _check(writer.vocabulary, stored_texts())
