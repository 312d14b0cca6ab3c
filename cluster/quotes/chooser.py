"""The learned speaker chooser: a logistic regression over ``speaker_features.FEATURES``, shipped as JSON.

Why learned: the hand rules were right on the articles they were read on and wrong on one name in six
of new prose (docs/quotes.md). Their mistakes have a shape that does not depend on the article: a name
resolved through a pronoun or a description, far from the quote, with no reporting verb beside it.
A few weights over such cues, fitted on the rules' output on splits *they had not yet been read on*
(``cluster.evaluation.speaker_cv``), say how far to trust each reading; below ``threshold`` the rules'
person is withheld (an editor prefers no name to a wrong one), while an unnamed source or organisation
stays (``keep_sources``). The shipped model only vetoes (``switch`` False): picking another person the
text puts by the quote measured no better out of fold (docs/quotes.md). Evaluated in numpy: a dot
product per candidate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import ClassVar

import numpy as np

from cluster.documents import Article, Segment
from cluster.logistic import LogisticModel, checked_weights
from cluster.quotes.echoes import echoed
from cluster.quotes.extract import Quote, article_quotes, headline_segment
from cluster.quotes.nameshape import shaped
from cluster.quotes.sources import PERSON, UNATTRIBUTED
from cluster.quotes.speaker_features import FEATURES, ArticleIndex, Candidate, quote_candidates
from cluster.quotes.subjectname import ArticleNames
from cluster.quotes.withhold import article_surnames, checked

SHIPPED = Path(__file__).with_name("speaker_chooser.json")


@dataclass(frozen=True)
class ChooserModel(LogisticModel):
    """p(this candidate is the speaker) per candidate row."""

    threshold: float
    """Least probability for a name to be given, chosen out of fold for precision."""
    switch: bool = True
    """Whether a candidate other than the rule's pick may be chosen (False: the model only vetoes)."""
    keep_sources: bool = True
    """Below the threshold, a rule's unnamed source or organisation ("مصادر أمنية", "وزارة الصحة") is
    kept rather than dropped: only named people are withheld (a source phrase names no one wrongly)."""
    meta: dict = field(default_factory=dict)
    """How it was fitted and validated (rows, C, out-of-fold figures): read by people, not code."""

    shipped: ClassVar[Path] = SHIPPED

    @classmethod
    def from_dict(cls, data: dict) -> ChooserModel:
        return cls(**checked_weights(data, FEATURES, "speaker chooser"), threshold=float(data["threshold"]),
                   switch=bool(data.get("switch", True)), keep_sources=bool(data.get("keep_sources", True)),
                   meta=dict(data.get("meta", {})))


@lru_cache(maxsize=4)
def load_chooser(path: str | None = None) -> ChooserModel:
    """The chooser at ``path`` (default: the one shipped in the package), read once per process."""
    source = Path(path) if path else SHIPPED
    return ChooserModel.from_dict(json.loads(source.read_text(encoding="utf-8")))


def article_candidates(article: Article, segments: list[Segment], quotes: list[Quote],
                       rule_only: bool = False, index: ArticleIndex | None = None) -> list[list[Candidate]]:
    """Each quote's candidates (``quote_candidates``), the previous quote's rule pick as a cue; with
    ``rule_only``, the rule's pick alone (a model that only vetoes scores nothing else)."""
    index = index or ArticleIndex.build(article, segments)
    by_index = {s.index: s for s in segments}
    found, previous = [], None
    for q in quotes:
        found.append(quote_candidates(q, index, by_index[q.segment_index], previous, rule_only))
        previous = q.speaker or previous
    return found


@dataclass(frozen=True)
class Choice:
    """The model's pick with its probability, and what stands when that is under the threshold."""

    best: Candidate | None
    probability: float
    fallback: Candidate | None
    """The rule's source or organisation with ``keep_sources``, else None (no name)."""

    def at(self, threshold: float) -> Candidate | None:
        return self.best if self.best is not None and self.probability >= threshold else self.fallback


def pick(candidates: list[Candidate], model: ChooserModel) -> Choice:
    """The candidate the model trusts most (the rule's only, unless ``switch``) and its probability."""
    pool = candidates if model.switch else [c for c in candidates if c.is_rule]
    rule = next((c for c in candidates if c.is_rule), None)
    fallback = rule if model.keep_sources and rule is not None and rule.kind != PERSON else None
    if not pool:
        return Choice(None, 0.0, fallback)
    scores = model.probability(np.stack([c.features for c in pool]))
    best = int(np.argmax(scores))
    return Choice(pool[best], float(scores[best]), fallback)


def choose_speakers(article: Article, segments: list[Segment], quotes: list[Quote],
                    model: ChooserModel | None = None) -> list[Quote]:
    """The quotes with the chooser's speakers: a reading its own subject contradicts withheld or given to
    the source it writes (``withhold.checked``), the rule's pick kept when trusted, another person the
    text puts by the quote when the model prefers them, no name below the threshold."""
    model = model or load_chooser()

    @cache
    def index() -> ArticleIndex:  # built once, and only when a check or the model needs it
        return ArticleIndex.build(article, segments)

    surnames = cache(lambda: article_surnames(index(), article.text))
    names = cache(lambda: ArticleNames(article.text, index().mentions))
    quotes = [checked(q, surnames, names=names) for q in quotes]
    if not model.switch and model.keep_sources and not any(q.speaker and q.speaker_kind == PERSON for q in quotes):
        return [shaped(q, article.text) for q in quotes]  # a model that only vetoes withholds people alone
    out = []
    for quote, candidates in zip(quotes, article_candidates(article, segments, quotes, not model.switch, index()),
                                 strict=True):
        out.append(apply_choice(quote, pick(candidates, model).at(model.threshold)))
    return [shaped(q, article.text) for q in _echoes_follow(article.text, segments, quotes, out)]


def _echoes_follow(text: str, segments: list[Segment], quotes: list[Quote], out: list[Quote]) -> list[Quote]:
    """A headline quote that a body quote of the same speaker repeats word for word (``echoes``) takes the
    speaker chosen for that body quote: the model reads the headline quote far from the name it was given."""
    head = segment.index if (segment := headline_segment(segments)) is not None else None
    body = [j for j, q in enumerate(quotes) if q.segment_index != head and q.speaker]
    for i, quote in enumerate(quotes):
        if quote.segment_index != head or not quote.speaker:
            continue
        same = [j for j in body if quote.speaker_kind == quotes[j].speaker_kind and (  # "سيف" is "سيف البدر"
            set(quote.speaker.split()) <= set(quotes[j].speaker.split()))]
        for _, _, k in echoed(text, [(quote.start, quote.end)], [(quotes[j].start, quotes[j].end) for j in same]):
            out[i] = replace(out[i], speaker=out[same[k]].speaker, speaker_kind=out[same[k]].speaker_kind)
    return out


def apply_choice(quote: Quote, chosen: Candidate | None) -> Quote:
    """The quote with the chosen speaker: the rule's reading kept as it is, another person's name, or
    no name."""
    if chosen is None:
        return replace(quote, speaker=None, speaker_kind=UNATTRIBUTED) if quote.speaker else quote
    if chosen.is_rule:
        return quote
    return replace(quote, speaker=chosen.name, speaker_kind=chosen.kind)


def attributed_quotes(articles: Iterable[Article], segments: dict[str, list[Segment]],
                      model: ChooserModel | None = None) -> list[Quote]:
    """Every quote of every article (``extract.article_quotes``), speakers as the chooser decides them:
    what the quote stage and the evaluation report."""
    model = model or load_chooser()
    found: list[Quote] = []
    for article in articles:
        found += choose_speakers(article, segments[article.id], article_quotes(article, segments[article.id]), model)
    return found
