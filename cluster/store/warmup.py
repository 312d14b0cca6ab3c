"""What the writer's first add would otherwise pay once, done at its warm-up (``Ingestor.warm``).

The service says "ready" after the warm-up; whatever the first add still loads or builds on first use lands in the
first POST's answer. Besides the data the warm-up reads into memory, that was (docs/scale-log.md, session 19, cProfile
of a service-like start's first add of 10 against the same batch added later): the libraries the story stage and
the duplicate grouping import, scikit-learn's first input check (it looks up the installed packages' dataframe
plugins: ~35 ms), and the embedding cache's first opening (its directory's library: ~20 ms).
"""

from __future__ import annotations

from collections.abc import Sequence

from cluster.config import Config
from cluster.embed import open_embedding_cache
from cluster.store.blas import find_libraries


def warm_libraries(config: Config, texts: Sequence[str]) -> None:
    """Import and run once, on ``texts`` (a few stored bodies), the library code every add runs: the story
    stage's TF-IDF (``stories.signals``), the duplicate grouping's linkage and the embedding cache's opening; then look up the BLAS libraries they loaded
    (``blas``).
    Nothing is kept: each first use only fills the libraries' own module-level caches."""
    import sklearn.cluster  # noqa: F401 -- duplicate grouping's linkage (the first group refresh paid ~0.5 s)
    from sklearn.feature_extraction.text import TfidfVectorizer  # the story stage's TF-IDF: ~1 s of imports

    sample = [t for t in texts if t.strip()][:2]
    if sample:
        try:
            TfidfVectorizer(sublinear_tf=True).fit_transform(sample)
        except ValueError:  # no token in the sample: the check ran all the same
            pass
    cache = open_embedding_cache(config)
    if cache is not None:
        cache.close()
    find_libraries()  # scipy's BLAS among them, loaded by the imports above
