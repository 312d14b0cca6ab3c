"""Candidate speakers of a quote and the cues that tell them apart, for the learned chooser (``chooser``).

Why: the hand rules name the speaker from one reading of the sentence; each round of rules fitted the
articles it was read on (dev3 moved thirty points, the blind test split two). The chooser does not
replace that reading: it weighs it against the other people the text puts near the quote, with cues
that do not depend on any one article's wording (how far a name stands from the quote, whether a
reporting verb is next to it, whether the rule read the name in the verb's subject or resolved a
pronoun or a description to it), and it says how sure it is, so that the stage can name no one rather
than a wrong one.

Candidates of a quote: the rule's pick (any kind) and every person the name-run finder sees in the
quote's paragraph, the ``WINDOW_BEFORE`` paragraphs before it and the one after it, each folded into
its fullest mention in the article (``fullnames.full_name``). All per-article work is one pass over
the article's tokens; per quote it reads a bounded window (``MAX_CANDIDATES``), so the cost is linear.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from cluster.documents import Article, Segment, SegmentKind
from cluster.quotes.attribution import is_verb
from cluster.quotes.extract import Quote
from cluster.quotes.fullnames import full_name, introduced
from cluster.quotes.history import History
from cluster.quotes.lexicon import EN_PRONOUNS
from cluster.quotes.names import strip_article
from cluster.quotes.sources import ANONYMOUS, ORGANISATION, PERSON
from cluster.quotes.speakers import same_person
from cluster.segment.paragraphs import sentence_spans
from cluster.textnorm import normalize

WINDOW_BEFORE = 3
"""Paragraphs before a quote's own whose names are candidates (the rules' coreference reach)."""
MAX_CANDIDATES = 8
"""Nearest distinct people kept per quote (news paragraphs name a handful)."""
MAX_WINDOW_MENTIONS = 48
"""Mentions read on each side of a quote: a bound on the work per quote whatever a paragraph's length."""
VERB_REACH = 3
"""Tokens between a name and a reporting verb for the name to count as the verb's neighbour."""
SUBJECT_REACH = 12
"""Tokens from a reporting verb to a name still in its subject ("قال رئيس حركة حماس في غزة خليل الحية")."""
OPENING_WORDS = 6
"""Tokens from a sentence's start within which a name is its subject."""

FEATURES = (
    "rule", "rule_explicit", "rule_resolved", "rule_anonymous", "rule_organisation",
    "log_distance", "same_sentence", "same_paragraph", "paragraphs_back", "after_quote", "inside_quote",
    "verb_next", "log_mentions", "full_name", "arabic", "direct", "headline", "previous_speaker",
    "rule_named_person", "rule_verb_next", "in_rule_subject", "rule_in_text", "introduced", "log_verb_tokens",
    "rule_person_unseen", "rule_source_by_named", "opens_sentence", "after_verb", "rule_surname_mentions",
)
"""Cues of one (quote, candidate) row, in this order (``chooser.ChooserModel`` checks it)."""


@dataclass(frozen=True)
class Mention:
    """One name run of the article: where it stands and whom it names in full."""

    name: str
    start: int
    end: int
    paragraph: int
    verb_next: bool
    verb_tokens: int
    """Tokens to the nearest reporting verb (a speaker stands next to "said" / قال)."""
    introduced: bool
    """Written as a full name after a title or comma (Arabic) or in two words or more (English): how
    a person is brought in, not a verb and its object misread as a name."""
    opens_sentence: bool
    """Among the first words of its sentence: the subject slot of "X said" and of "وقال X"."""
    after_verb: bool
    """A reporting verb stands before it in its sentence, a few words back ("قال رئيس ... X")."""


@dataclass(frozen=True)
class Candidate:
    """A person (or the rule's source) a quote may be given to, with its cues."""

    name: str
    kind: str
    is_rule: bool
    features: np.ndarray


@dataclass
class ArticleIndex:
    """The article's name mentions in text order, found once (linear in the article)."""

    mentions: list[Mention]
    starts: list[int]
    counts: dict[str, int]
    surnames: dict[str, int]
    """Mentions in the whole article per last word: a name the rules read is one the text uses elsewhere
    ("فيدان" five paragraphs after "هاكان فيدان"), or a word it never uses as a name ("وكيل")."""
    paragraph_starts: list[int]
    sentences: list[tuple[int, int]]
    """Article offsets of every sentence of the read paragraphs, in order."""

    @classmethod
    def build(cls, article: Article, segments: list[Segment]) -> ArticleIndex:
        history = History(text=article.text)
        lang = "ar" if article.lang == "ar" else "en"
        tokens, runs = history.tokens, history.runs(lang)
        read = [s for s in segments if s.kind is not SegmentKind.BOILERPLATE]
        starts = [s.start for s in read]
        verbs = [k for k, t in enumerate(tokens) if t.word and is_verb(t, lang)]
        spans = sorted((seg.start + s, seg.start + e) for seg in read for s, e in (sentence_spans(seg.text) or [(0, len(seg.text))]))
        sentences = [s for s, _ in spans]
        token_starts = history.token_starts
        mentions: list[Mention] = []
        fullest: dict[str, str] = {}  # a person is mentioned many times: one full-name lookup per spelling
        for first, end in runs:
            written = " ".join(t.text for t in tokens[first:end] if t.word)
            if not written or written.lower() in EN_PRONOUNS:
                continue
            if written not in fullest:
                fullest[written] = full_name(written, tokens, runs, lang) or written
            name = fullest[written]
            start = tokens[first].start
            gap = _verb_gap(verbs, first, end)
            paragraph = max(bisect_right(starts, start) - 1, 0)
            brought_in = introduced(tokens, first) if lang == "ar" else len(written.split()) >= 2
            opening = bisect_left(token_starts, sentences[max(bisect_right(sentences, start) - 1, 0)] if sentences else 0)
            before = bisect_left(verbs, first) - 1
            after_verb = before >= 0 and max(opening, first - SUBJECT_REACH) <= verbs[before]
            mentions.append(Mention(name, start, tokens[end - 1].end, paragraph, gap <= VERB_REACH, gap, brought_in,
                                    first - opening <= OPENING_WORDS, after_verb))
        counts: dict[str, int] = {}
        surnames: dict[str, int] = {}
        for m in mentions:
            counts[_key(m.name)] = counts.get(_key(m.name), 0) + 1
            surnames[_surname(m.name)] = surnames.get(_surname(m.name), 0) + 1
        return cls(mentions, [m.start for m in mentions], counts, surnames, starts, spans)


def _verb_gap(verbs: list[int], first: int, end: int) -> int:
    """Tokens between a mention (tokens ``first`` to ``end``) and the nearest reporting verb."""
    k = bisect_left(verbs, first)
    gaps = [first - verbs[k - 1]] if k else []
    gaps += [max(verbs[k] - (end - 1), 0)] if k < len(verbs) else []
    return min(gaps, default=1_000)


def _key(name: str) -> str:
    return normalize(name).lower()


def _surname(name: str) -> str:
    words = name.split()
    return strip_article(normalize(words[-1])) if words else ""


def quote_candidates(quote: Quote, index: ArticleIndex, segment: Segment, previous: str | None,
                     rule_only: bool = False) -> list[Candidate]:
    """The quote's candidate speakers, rule's pick first when it has one (only it with ``rule_only``; the
    others still inform its cues)."""
    paragraph = max(bisect_right(index.paragraph_starts, quote.start) - 1, 0)
    low = index.paragraph_starts[max(paragraph - WINDOW_BEFORE, 0)] if index.paragraph_starts else 0
    high_par = paragraph + 2
    high = index.paragraph_starts[high_par] if high_par < len(index.paragraph_starts) else math.inf
    at = bisect_left(index.starts, quote.start)
    first = max(bisect_left(index.starts, low), at - MAX_WINDOW_MENTIONS)
    window = index.mentions[first:min(bisect_left(index.starts, high), at + MAX_WINDOW_MENTIONS)]
    sentence = _sentence_around(index.sentences, segment, quote)
    people: dict[str, list[Mention]] = {}
    for m in sorted(window, key=lambda m: _distance(m, quote)):
        people.setdefault(_key(m.name), []).append(m)
    chosen = list(people.values())[:MAX_CANDIDATES]
    is_rule = [_part_of_rule(quote, g[0].name) for g in chosen]
    rule_mentions = [m for g, rule in zip(chosen, is_rule) if rule for m in g]
    others = [g for g, rule in zip(chosen, is_rule) if not rule]
    context = _Context(index, sentence, paragraph, previous, _named_in_sentence(quote, others, sentence))
    found = []
    if quote.speaker:
        group = rule_mentions if quote.speaker_kind == PERSON else []
        found.append(Candidate(quote.speaker, quote.speaker_kind, True, _features(quote, group, context, True)))
    for group in [] if rule_only else others:
        found.append(Candidate(group[0].name, PERSON, False, _features(quote, group, context, False)))
    return found


@dataclass(frozen=True)
class _Context:
    """What every candidate of one quote is compared with."""

    index: ArticleIndex
    sentence: tuple[int, int]
    paragraph: int
    previous: str | None
    named_in_sentence: bool
    """A person brought in by full name stands in the quote's sentence, outside the quotation."""


def _named_in_sentence(quote: Quote, groups: list[list[Mention]], sentence: tuple[int, int]) -> bool:
    return any(m.introduced and sentence[0] <= m.start < sentence[1] and (m.end <= quote.start or m.start >= quote.end)
               for g in groups for m in g)


def _part_of_rule(quote: Quote, name: str) -> bool:
    """Whether a mention is the rule's own pick: the same person, the surname in a longer run ("ورد
    ويتكوف", the verb read into the name, is ستيف ويتكوف; "جولدسميث صنداي تلغراف" the paper he told), or words of the rule's source phrase
    ("Two Egyptian" in "Two Egyptian security sources")."""
    if not quote.speaker:
        return False
    surname = quote.speaker.split()[-1]
    if quote.speaker_kind == PERSON and (same_person(quote.speaker, name) or any(
            same_person(surname, word) for word in name.split())):
        return True
    rule_words = {strip_article(normalize(w)) for w in quote.speaker.split()}
    return {strip_article(normalize(w)) for w in name.split()} <= rule_words


def _sentence_around(sentences: list[tuple[int, int]], segment: Segment, quote: Quote) -> tuple[int, int]:
    """Article offsets of the sentences the quote starts and ends in (the whole span between), found
    by bisection in the article's sentences (a long paragraph is not split again per quote)."""
    k = max(bisect_right(sentences, (quote.start, math.inf)) - 1, 0)
    start = sentences[k][0] if sentences and sentences[k][0] >= segment.start else segment.start
    j = k
    while j + 1 < len(sentences) and sentences[j][1] < quote.end and sentences[j + 1][0] < segment.end:
        j += 1
    end = sentences[j][1] if sentences else segment.end
    return start, max(min(end, segment.end), start)


def _distance(m: Mention, quote: Quote) -> int:
    if m.end <= quote.start:
        return quote.start - m.end
    if m.start >= quote.end:
        return m.start - quote.end
    return 10_000  # a name inside the quotation is spoken of, not speaking


def _features(quote: Quote, group: list[Mention], context: _Context, is_rule: bool) -> np.ndarray:
    index, sentence, paragraph, previous = context.index, context.sentence, context.paragraph, context.previous
    outside = [m for m in group if m.end <= quote.start or m.start >= quote.end]
    near = min(outside, key=lambda m: _distance(m, quote)) if outside else None
    explicit = is_rule and _written_in_subject(quote)
    name = quote.speaker if is_rule and quote.speaker else (group[0].name if group else "")
    verb_next = any(m.verb_next for m in outside)
    values = {
        "rule": is_rule,
        "rule_explicit": explicit,
        "rule_resolved": is_rule and not explicit,
        "rule_anonymous": is_rule and quote.speaker_kind == ANONYMOUS,
        "rule_organisation": is_rule and quote.speaker_kind == ORGANISATION,
        "log_distance": math.log1p(_distance(near, quote)) if near else math.log1p(10_000),
        "same_sentence": any(sentence[0] <= m.start < sentence[1] for m in outside),
        "same_paragraph": any(m.paragraph == paragraph for m in outside),
        "paragraphs_back": min((max(paragraph - m.paragraph, 0) for m in outside), default=WINDOW_BEFORE + 1),
        "after_quote": near is not None and near.start >= quote.end,
        "inside_quote": len(outside) < len(group),
        "verb_next": verb_next,
        "log_mentions": math.log1p(index.counts.get(_key(group[0].name), 0) if group else 0),
        "full_name": len(name.split()) >= 2,
        "arabic": quote.lang == "ar",
        "direct": quote.kind == "direct",
        "headline": quote.start < (index.paragraph_starts[1] if len(index.paragraph_starts) > 1 else 0),
        "previous_speaker": bool(previous and name and same_person(previous, name)),
        "rule_named_person": is_rule and quote.speaker_kind == PERSON,
        "rule_verb_next": is_rule and verb_next,
        "in_rule_subject": not is_rule and bool(group) and _in_subject(group[0].name, quote.speaker_as_written),
        "rule_in_text": is_rule and bool(group),
        "introduced": any(m.introduced for m in outside),
        "log_verb_tokens": math.log1p(min((m.verb_tokens for m in outside), default=1_000)),
        "rule_person_unseen": is_rule and quote.speaker_kind == PERSON and not group,
        "rule_source_by_named": is_rule and quote.speaker_kind != PERSON and context.named_in_sentence,
        "opens_sentence": any(m.opens_sentence for m in outside),
        "after_verb": any(m.after_verb and sentence[0] <= m.start < sentence[1] for m in outside),
        "rule_surname_mentions": math.log1p(index.surnames.get(_surname(quote.speaker or ""), 0))
        if is_rule and quote.speaker_kind == PERSON else 0.0,
    }
    return np.array([float(values[f]) for f in FEATURES])


def _in_subject(name: str, written: str | None) -> bool:
    """Whether a person's surname stands in the subject the rule read ("رئيس حركة حماس في غزة خليل
    الحية" holds الحية though the rule named "غزة خليل")."""
    if not written:
        return False
    words = {strip_article(normalize(w)) for w in written.split()}
    return strip_article(normalize(name.split()[-1])) in words


def _written_in_subject(quote: Quote) -> bool:
    """Whether the rule read the name in the verb's own subject ("قال ستيف ويتكوف"), not through a
    pronoun, a description or a speaker before ("he said", "الوزير", "وأضاف")."""
    if not quote.speaker or not quote.speaker_as_written:
        return False
    last = normalize(quote.speaker.split()[-1]).lower()
    return last in normalize(quote.speaker_as_written).lower()
