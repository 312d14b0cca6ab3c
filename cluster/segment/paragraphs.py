"""Segmentation: paragraphs of each article, classified as body / boilerplate / related, and the
passages (whole paragraphs and sentence windows) that the duplicate stage embeds and matches.

Classification is done per corpus because one good signal of site furniture is a short line that
recurs verbatim in many articles. The per-line rules are in ``cluster.segment.boilerplate``; this module adds
the context rules:

* the first paragraph is the title and is always body;
* a short label (<= 3 words, no sentence punctuation: a byline, a place, a section name) is furniture
  in the page header (before the first story sentence), in the footer (no story sentence after it) or
  next to other furniture; between two story paragraphs it is a crosshead and stays body;
* a short non-sentence line found in ``repeated_line_min_articles`` or more articles is furniture;
  sentences are never counted, because two outlets copying a sentence is what the tool reports;
* after a "read also" marker line, paragraphs are related until one is lexically closer to the host
  story (content words seen only in the host before) than to the related block (words seen only
  there);
* one-line teasers are related too: "Read more: <headline>", and a headline-shaped line that follows
  two or more furniture lines after the story has begun (a teaser card: image caption, section label,
  widget, headline); the next story paragraph returns to the host unless it shares more distinctive
  words with the teaser than with the host.

Furniture stays boilerplate inside related blocks (a caption of a related story is still a caption).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from cluster.documents import Article, Passage, Segment, SegmentKind
from cluster.segment import boilerplate as bp
from cluster.segment.sentences import _count, _trim, sentence_spans, word_windows
from cluster.textnorm import content_words, script_language

# --- Paragraphs ----------------------------------------------------------------------------------

def split_paragraphs(article: Article) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``article.text``, surrounding whitespace excluded.

    Paragraphs are runs of text separated by blank lines. Scraped pages put one element per line
    (a caption, a byline, a button under each other), so inside a run every line is its own
    paragraph too, unless the run is hard-wrapped prose (see ``_is_hard_wrapped``), which is kept
    whole. A text without blank lines is therefore one paragraph per non-empty line.
    """
    text = article.text
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    pos = 0

    def flush() -> None:
        if not block:
            return
        if len(block) > 1 and _is_hard_wrapped([text[s:e] for s, e in block]):
            spans.append((block[0][0], block[-1][1]))
        else:
            spans.extend(block)
        block.clear()

    for line in text.splitlines(keepends=True):
        start, end = _trim(text, pos, pos + len(line))
        pos += len(line)
        if start == end:
            flush()
        else:
            block.append((start, end))
    flush()
    return spans


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width (50 to 100 characters): every line but the last fills the
    width to within a long word, most stop mid-sentence, and the text runs on (a lower-case start
    after a break, or three lines or more). A list of headlines or captions does not look like this."""
    body = lines[:-1]
    width = max(len(x) for x in lines)
    if not 50 <= width <= 100 or any(len(x) < 0.75 * width for x in body):
        return False
    open_ended = [i for i, x in enumerate(body) if not bp.ends_sentence(x) and not x.rstrip().endswith(")")]
    if 2 * len(open_ended) < len(body):
        return False
    return len(lines) >= 3 or any(lines[i + 1][:1].islower() for i in open_ended)


# --- Classification ------------------------------------------------------------------------------

@dataclass
class _Block:
    """An open related block: whether the host story is presumed to come back at the next story
    paragraph (a one-line teaser), and the content words seen in the block so far."""

    host_presumed: bool
    vocab: set[str] = field(default_factory=set)
    items: int = 0


def segment_corpus(
    articles: list[Article], *, repeated_line_min_articles: int = 3, only: Collection[str] | None = None
) -> dict[str, list[Segment]]:
    """Paragraphs of every article (or of those in ``only``: the others are context, read for the lines
    repeated across articles), classified (keyed by article id)."""
    explained = explain_corpus(articles, repeated_line_min_articles=repeated_line_min_articles, only=only)
    return {aid: [seg for seg, _ in rows] for aid, rows in explained.items()}


def explain_corpus(
    articles: list[Article], *, repeated_line_min_articles: int = 3, only: Collection[str] | None = None
) -> dict[str, list[tuple[Segment, str]]]:
    """Like ``segment_corpus`` but each segment comes with the rule that decided it (for reports,
    debugging and tests). An article's segments depend on the others only through the repeated lines."""
    spans = {a.id: split_paragraphs(a) for a in articles}
    paragraphs = {a.id: [a.text[s:e] for s, e in spans[a.id]] for a in articles}
    # Titles are not counted: syndicated copies of one story share them.
    counted = [paragraphs[a.id][int(_first_is_title(a, paragraphs[a.id])):] for a in articles]
    repeated = bp.repeated_lines(counted, repeated_line_min_articles)
    out: dict[str, list[tuple[Segment, str]]] = {}
    for a in articles if only is None else [a for a in articles if a.id in only]:
        texts = paragraphs[a.id]
        decided = _classify(texts, a.lang, repeated, _first_is_title(a, texts))
        out[a.id] = [
            (Segment(a.id, i, kind, texts[i], s, e), why)
            for i, ((s, e), (kind, why)) in enumerate(zip(spans[a.id], decided))
        ]
    return out


def _first_is_title(article: Article, texts: list[str]) -> bool:
    """The first paragraph is the title unless the record has a title that the text does not start
    with (a JSON record whose text begins after the headline)."""
    if not texts or not article.title.strip():
        return bool(texts)
    title, first = bp.line_key(article.title), bp.line_key(texts[0])
    return first.startswith(title) or title.startswith(first)


def _classify(
    texts: list[str], lang: str, repeated: frozenset[str], first_is_title: bool
) -> list[tuple[SegmentKind, str]]:
    """Kind and reason for each paragraph of one article."""
    n, top = len(texts), int(first_is_title)
    if lang in ("", "und"):
        lang = script_language("\n".join(texts), default="und")
    marker = [bp.related_marker(t) if i >= top else None for i, t in enumerate(texts)]
    furniture: list[str | None] = [None] * n
    for i in range(top, n):
        if marker[i] is None:
            furniture[i] = bp.furniture_reason(texts[i])
            if furniture[i] is None and bp.repeat_key(texts[i]) in repeated:
                furniture[i] = "repeated line"
    prose = [i >= top and furniture[i] is None and marker[i] is None and bp.is_sentence_like(t)
             for i, t in enumerate(texts)]
    _resolve_short_labels(texts, lang, marker, furniture, prose, top)

    result: list[tuple[SegmentKind, str]] = [(SegmentKind.BODY, "title")] if top else []
    host: set[str] = set(content_words(texts[0], lang)) if top else set()
    block: _Block | None = None
    story_started = False
    furniture_run = 0
    for i in range(top, n):
        text, words = texts[i], set(content_words(texts[i], lang))
        if marker[i]:
            block = _Block(host_presumed=marker[i] == "marker+headline")
            if block.host_presumed:
                block.vocab, block.items = words, 1
                result.append((SegmentKind.RELATED, "marker with headline"))
            else:
                result.append((SegmentKind.BOILERPLATE, "related marker"))
            furniture_run += 1
            continue
        if reason := furniture[i]:
            result.append((SegmentKind.BOILERPLATE, reason))
            furniture_run += 1
            continue
        run, furniture_run = furniture_run, 0
        if block is not None:
            if not block.items or not (prose[i] and _returns_to_host(words, host, block)):
                block.vocab |= words
                block.items += 1
                why = "first item after marker" if block.items == 1 else "inside related block"
                result.append((SegmentKind.RELATED, why))
                continue
            block = None
            result.append((SegmentKind.BODY, "host story resumes"))
        elif story_started and run >= 2 and bp.is_headline_shaped(text):
            block = _Block(host_presumed=True, vocab=words, items=1)
            result.append((SegmentKind.RELATED, "teaser headline among widgets"))
            continue
        else:
            result.append((SegmentKind.BODY, "story" if prose[i] else "story (non-sentence line)"))
        host |= words
        story_started = story_started or prose[i]
    return result


def _resolve_short_labels(
    texts: list[str], lang: str, marker: list[str | None], furniture: list[str | None],
    prose: list[bool], top: int,
) -> None:
    """Mark short labels as furniture where their position says so (header, footer, among furniture)."""
    n = len(texts)
    first_prose = next((i for i in range(n) if prose[i]), n)
    first_marker = next((i for i in range(n) if marker[i]), n)
    last_host_prose = max((i for i in range(first_marker) if prose[i]), default=-1)
    last_prose = max((i for i in range(n) if prose[i]), default=-1)
    candidates = [i for i in range(top, n) if furniture[i] is None and marker[i] is None
                  and bp.is_short_label(texts[i])]
    for i in candidates:
        line_lang = script_language(texts[i], default=lang)
        if i < first_prose and len(bp.letter_words(texts[i])) <= 2:
            furniture[i] = "short label in header"
        elif i > last_prose or last_host_prose < i < first_marker:
            furniture[i] = "short label in footer"
        elif line_lang != lang and len(bp.letter_words(texts[i])) <= 2:
            furniture[i] = "short foreign-script label"
    changed = True
    while changed:  # labels next to furniture (or to labels found so) are part of that widget cluster
        changed = False
        for i in candidates:
            if furniture[i] is None and any(
                    top <= j < n and (furniture[j] or marker[j]) for j in (i - 1, i + 1)):
                furniture[i] = "short label among furniture"
                changed = True


def _returns_to_host(words: set[str], host: set[str], block: _Block) -> bool:
    """Whether a paragraph inside a related block belongs to the host story again.

    Words shared by host and block (the common topic) prove nothing, so only distinctive overlap is
    counted. After a marker line the block is presumed to go on (a related story follows): the host
    must win by a clear margin. After a one-line teaser (a headline among widgets, "Read more: <headline>")
    the host is presumed to resume: it wins ties.
    """
    host_only = len(words & (host - block.vocab))
    block_only = len(words & (block.vocab - host))
    if block.host_presumed:
        return host_only >= block_only
    return host_only >= 3 and host_only > 2 * block_only


# --- Passages ------------------------------------------------------------------------------------

def passages(
    segments: list[Segment], lang: str, *, max_window_words: int = 60, min_sentence_words: int = 6,
    max_word_chars: int | None = None,
) -> list[Passage]:
    """The units to embed and match for every non-boilerplate segment.

    Each paragraph is a passage; when it holds two or more sentences (after short ones are merged
    into a neighbour) each sentence is a passage too, so that a quote copied out of a long paragraph
    can be matched on its own; a sentence longer than ``max_window_words`` is cut into word windows
    (a run of more than ``max_word_chars`` characters without a space counting as several words).
    """
    out: list[Passage] = []
    for seg in segments:
        if seg.kind is SegmentKind.BOILERPLATE:
            continue
        out.append(_passage(seg, seg.start, seg.end, lang, True))
        units: list[tuple[int, int]] = []
        for s, e in _merge_short(sentence_spans(seg.text), seg.text, min_sentence_words):
            units.extend(word_windows(seg.text, s, e, max_window_words, max_word_chars))
        if len(units) >= 2:
            out.extend(_passage(seg, seg.start + s, seg.start + e, lang, False) for s, e in units)
    return out


def _passage(seg: Segment, start: int, end: int, lang: str, whole: bool) -> Passage:
    text = seg.text[start - seg.start: end - seg.start]
    return Passage(seg.article_id, seg.index, seg.kind, text, start, end,
                   script_language(text, default=lang), whole)


def _merge_short(spans: list[tuple[int, int]], text: str, min_words: int) -> list[tuple[int, int]]:
    """Join sentences shorter than ``min_words`` to the next one (the last one to the previous)."""
    merged: list[tuple[int, int]] = []
    counts: list[int] = []  # words of each merged span, kept as it grows (recounting it is quadratic)
    for s, e in spans:
        if merged and counts[-1] < min_words:
            counts[-1] = _joined_count(text, merged[-1], e, counts[-1])
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
            counts.append(_count(text, s, e))
    if len(merged) > 1 and counts[-1] < min_words:
        last = merged.pop()
        merged[-1] = (merged[-1][0], last[1])
    return merged


def _joined_count(text: str, span: tuple[int, int], end: int, words: int) -> int:
    """Words of ``text[span[0]:end]`` given the ``words`` of ``span``: only the new part is counted,
    unless a token runs across the join (Arabic sentences written without a space), then all of it."""
    mid = span[1]
    if 0 < mid < len(text) and not text[mid - 1].isspace() and not text[mid].isspace():
        return _count(text, span[0], end)
    return words + _count(text, mid, end)
