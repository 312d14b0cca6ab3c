"""A source's name translated between two copies of a quote: «النيابة العامة» / "Public Prosecution".

A person's name crosses scripts by its sounds (``speakers.same_person`` compares skeletons), but a body's
name or a source's description is *translated*: «شركة النيل للصناعات الغذائية» / "Nile Food Industries",
«شخصين مطلعين» / "Two people". No spelling rule compares those, and the reader often gives the two copies
different kinds (the English "Public Prosecution said" reads as a person, the Arabic as an organisation),
so under the general cut (0.62) such a pair stayed apart even between two reports of one event, where the
companions ask 0.72 of two sources that differ (round wt-tr4's m07q7 at 0.620, m08q8, p06q7). The multilingual encoder that embeds the quotes places a name and
its translation close (0.78-0.89 on those three), and two bodies' own names apart ("Microsoft" /
«نت بلوكس»: 0.46, two sources, round wt-q17): the name's cosine is the evidence, read like one copy's
paragraph naming the other's speaker (``agreement.speakers_excused``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from cluster.embed import EmbeddingCache, Encoder, embed_texts
from cluster.quotes.extract import Quote

NAME_TRANSLATION_COSINE = 0.75
"""Cosine of two speakers' names (the encoder's, as for quotes) from which one reads as the other's
translation. Chosen by leaving one blind snapshot out (docs/quotes-log.md, round wt-tr5): the translated
names of the snapshots' misses sit at 0.78-0.89, two bodies' own names at 0.46 ("Microsoft" / «نت بلوكس»),
a ministry against a consulate at 0.38."""


def kinds_differ(qa: Quote, qb: Quote) -> bool:
    """Two named copies the reader gave different kinds (a person against a body or an unnamed source):
    the case a translated description falls in. Two people's names are transliterated, never translated,
    and two bodies or two unnamed sources already count as one source (``agreement.same_source``)."""
    return bool(qa.speaker) and bool(qb.speaker) and qa.speaker_kind != qb.speaker_kind


class NameVectors:
    """The encoder's unit vectors of speakers' names, embedded once for the pairs that ask."""

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None = None, batch_size: int = 64) -> None:
        self.encoder, self.cache, self.batch_size = encoder, cache, batch_size
        self.known: dict[str, np.ndarray] = {}

    def embed(self, names: Iterable[str]) -> None:
        """Embed, in one batch, the names not embedded yet."""
        missing = sorted({n for n in names if n and n not in self.known})
        if missing:
            vectors = embed_texts(self.encoder, missing, batch_size=self.batch_size, cache=self.cache)
            self.known.update(zip(missing, vectors))

    def translated(self, qa: Quote, qb: Quote) -> bool:
        """Whether the two copies' sources differ in kind only, one name the other's translation."""
        if not kinds_differ(qa, qb) or qa.lang == qb.lang:
            return False
        self.embed((qa.speaker or "", qb.speaker or ""))
        return float(self.known[qa.speaker or ""] @ self.known[qb.speaker or ""]) >= NAME_TRANSLATION_COSINE
