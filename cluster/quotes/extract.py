"""Quoted and reported speech in Arabic and English articles, and who said it.

Two kinds of quote are found in body and related paragraphs (never in boilerplate):

* ``direct``: text between quote marks (“ ” « » " ‘ ’ and their mixes; a mark left open runs to
  the end of the paragraph, as news sites do for a quote that ends the paragraph), at least
  ``MIN_DIRECT_WORDS`` words (shorter quoted bits are terms or names: ‘حماس’);
* ``indirect``: a clause a reporting verb introduces ("قال ترامب إن ...", "Witkoff said that ...",
  "..., Witkoff said").

Attribution reads the subject of the reporting verb nearest the quote in its sentence. The *name* is
the run of proper-name tokens in that subject (titles and descriptions are dropped: "المبعوث الأميركي
ستيف ويتكوف" -> "ستيف ويتكوف"). A verb without a subject (وأضاف:, مضيفا, "he said") refers to the
speaker last named in the article within a few paragraphs; a definite description (الصحيفة, المصادر,
"the envoy") to the last speaker so described. Anonymous sources ("مصادر أمنية تركية", "officials")
and a quote with no reporting verb near it get ``speaker = None``: the text gives no name, and the
tool does not guess one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace

from cluster.documents import Article, Segment, SegmentKind
from cluster.quotes.attribution import Attribution, History, Token, find_attributions, tokenize
from cluster.quotes.clause_length import min_clause_words
from cluster.quotes.clause_openers import MIN_COORDINATED_WORDS, coordinated_part
from cluster.quotes.clauses import indirect_clauses, sentence_of
from cluster.quotes.echoes import echoed, paraphrased
from cluster.quotes.forms import announced, colon_intro, headline_quotes, set_off, signed_by
from cluster.quotes.lexicon import DOUBLE_MARKS, TOKEN
from cluster.quotes.listeners import named_then_titled
from cluster.quotes.marks import direct_spans, stands_alone, trim_span, word_count
from cluster.quotes.names import name_runs
from cluster.quotes.nesting import outermost
from cluster.quotes.quoted_names import names_not_quotes
from cluster.quotes.sources import PERSON, UNATTRIBUTED
from cluster.segment.paragraphs import sentence_spans
from cluster.textnorm import script_language

MIN_DIRECT_WORDS = 3
MIN_UNATTRIBUTED_WORDS = 6
"""A quotation with no reporting verb in its sentence must be this long to count as speech (shorter
ones are mostly titles and scare quotes)."""


MAX_WORDS_TO_TAIL_VERB = 8
""""...," a Palestinian official familiar with the talks told Reuters: the verb after a quote may follow
a described speaker of this many words."""
MAX_CONTEXT_NAMES = 16
"""Names of a paragraph kept with its quotes (news paragraphs name a handful of people)."""
MAX_PARAGRAPH_CHARS = 2_000
"""Longest stretch of a paragraph read for quotes at once (news paragraphs stay under 1,000 characters;
the dev sets' longest is 761): attribution is quadratic within a stretch, so this bound is what keeps
extraction linear in an article's length (and its constant: ~0.1-0.5 ms per character at worst)."""


@dataclass(frozen=True)
class Quote:
    """One quotation in one article; ``article.text[start:end] == text``."""

    article_id: str
    segment_index: int
    segment_kind: SegmentKind
    lang: str
    text: str
    start: int
    end: int
    kind: str
    """``direct`` (between quote marks) or ``indirect`` (a clause a reporting verb introduces)."""
    speaker: str | None
    """The speaker's name as this article writes it (after resolving pronouns and descriptions);
    None when the text names nobody."""
    speaker_as_written: str | None
    """The subject of the reporting verb as written here ("المصادر", "he", "ستيف ويتكوف")."""
    speaker_kind: str = UNATTRIBUTED
    """``person``, ``organisation``, ``anonymous`` (an unnamed source: "مصادر أمنية", "officials") or
    ``unattributed`` (the text names no one)."""
    context_names: tuple[str, ...] = ()
    """The proper names of the quote's paragraph (at most ``MAX_CONTEXT_NAMES``): whom the writer puts
    next to the quote, which matching reads when two copies' speakers disagree."""

def extract_quotes(articles: Iterable[Article], segments: dict[str, list[Segment]]) -> list[Quote]:
    """Every quote of every article, in article and text order."""
    found: list[Quote] = []
    for article in articles:
        found += article_quotes(article, segments[article.id])
    return found


def article_quotes(article: Article, segments: list[Segment]) -> list[Quote]:
    """The quotes of one article in text order.

    A quotation left open at the end of a paragraph goes on in the next one (English papers open each
    paragraph of a long quote and close only the last); it keeps the speaker of its first part.
    """
    history = History(text=article.text)
    quotes: list[Quote] = []
    carried: _Carry | None = None
    previous: SegmentKind | None = None
    for seg in segments:
        if seg.kind is SegmentKind.BOILERPLATE:
            carried = None
            continue
        lang = script_language(seg.text, article.lang)
        # the article's first line, or the first line of a "read also" block, is a headline
        first = seg.kind is not previous
        headline = headline_quotes(seg, lang, history) if first else []
        previous = seg.kind
        if headline:
            quotes += [_quote(article.id, seg, lang, *found) for found in headline]
            continue
        was_open = carried is not None
        found = []
        for part in _bounded_parts(seg):
            part_found, carried = _paragraph_quotes(article.id, part, lang, history, carried, first)
            found += part_found
        if was_open and found and quotes and _continues(article.text, quotes[-1], found[0]):
            quotes[-1] = _joined(article.text, quotes[-1], found.pop(0))
        quotes += found
    head = headline_segment(segments)
    return _with_echoes(article.text, head, quotes, history) if head is not None else quotes


def headline_segment(segments: list[Segment]) -> Segment | None:
    """The article's headline: its first segment that is not page furniture (None when all are)."""
    return next((s for s in segments if s.kind is not SegmentKind.BOILERPLATE), None)


def _with_echoes(text: str, head: Segment, quotes: list[Quote], history: History) -> list[Quote]:
    """The headline's quotations that repeat a named body quote, with its speaker (``echoes``)."""
    spans = [span for o, c in direct_spans(head.text, headline=True)
             if o >= 0 and (span := trim_span(head.text, o + 1, c))]
    body = [q for q in quotes if q.segment_index != head.index and q.speaker]
    at = [(s + head.start, e + head.start) for s, e in spans]
    for start, end, i in echoed(text, at, [(q.start, q.end) for q in body]):
        over = [q for q in quotes if q.start < end and start < q.end]
        if any(q.speaker and q.speaker_kind == PERSON for q in over):
            continue  # "عيسى: «...»": a headline quote with a named speaker of its own keeps it
        echo = replace(body[i], text=text[start:end], start=start, end=end, segment_index=head.index,
                       segment_kind=head.kind, kind="direct", context_names=())
        quotes = sorted([*(q for q in quotes if q not in over), echo], key=lambda q: q.start)
    labelled = [q for q in quotes if q.segment_index == head.index and q.speaker_kind != PERSON]  # "Health ministry
    for start, end, i in echoed(text, [(q.start, q.end) for q in labelled], [(q.start, q.end) for q in body]):
        label = next(q for q in labelled if (q.start, q.end) == (start, end))  # spokesman: '...'": the body's
        quotes[quotes.index(label)] = replace(body[i], text=label.text, start=start, end=end, segment_index=head.index,
                                              segment_kind=head.kind, kind=label.kind, context_names=())
    return _restated(text, head, quotes, body, history)


def _restated(text: str, head: Segment, quotes: list[Quote], body: list[Quote], history: History) -> list[Quote]:
    """A headline quotation whose speaker the rules left unnamed takes the name that signs it ("'...':
    Witkoff", ``forms.signed_by``), else the speaker of the body quote it restates in other words ("...,
    US envoy says", with no envoy in the body: ``echoes.paraphrased``)."""
    for k, quote in enumerate(quotes):
        if quote.segment_index != head.index or quote.speaker:
            continue
        if (signed := signed_by(head, quote.start - head.start, quote.end - head.start, quote.lang, history)):
            quotes[k] = replace(quote, speaker=signed.name, speaker_as_written=signed.as_written,
                                speaker_kind=signed.kind)
        elif (i := paraphrased(text, (quote.start, quote.end), [(q.start, q.end) for q in body])) is not None:
            quotes[k] = replace(quote, speaker=body[i].speaker, speaker_kind=body[i].speaker_kind)
    return quotes


def _continues(text: str, before: Quote, after: Quote) -> bool:
    """A quotation left open goes on in the next paragraph: only blanks and quote marks between."""
    between = text[before.end:after.start]
    return after.kind == "direct" and not any(ch.isalnum() for ch in between)


def _joined(text: str, first: Quote, rest: Quote) -> Quote:
    """One quotation over paragraphs; a speaker named after its last part ('"...," his mother, Umm
    Mohammed, told AFP') is the speaker of all of it (the first part had only the speaker before it)."""
    joined = replace(first, text=text[first.start:rest.end], end=rest.end)
    if rest.speaker and rest.speaker != first.speaker:
        joined = replace(joined, speaker=rest.speaker, speaker_as_written=rest.speaker_as_written,
                         speaker_kind=rest.speaker_kind)
    return joined


def _bounded_parts(seg: Segment) -> list[Segment]:
    """The paragraph itself, or, past ``MAX_PARAGRAPH_CHARS``, runs of its sentences within that length
    (a sentence longer than that cut at a space): attribution compares every quote with every
    reporting verb and token of its paragraph, so an unbroken wall of text must come in bounded pieces."""
    if len(seg.text) <= MAX_PARAGRAPH_CHARS:
        return [seg]
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(seg.text):
        while e - s > MAX_PARAGRAPH_CHARS:
            cut = seg.text.rfind(" ", s + 1, s + MAX_PARAGRAPH_CHARS)
            cut = cut if cut > s else s + MAX_PARAGRAPH_CHARS
            pieces.append((s, cut))
            s = cut
        if pieces and e - pieces[-1][0] <= MAX_PARAGRAPH_CHARS:
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces.append((s, e))
    return [Segment(seg.article_id, seg.index, seg.kind, seg.text[s:e], seg.start + s, seg.start + e)
            for s, e in pieces]


@dataclass(frozen=True)
class _Carry:
    """A quotation still open at the end of the previous paragraph, and whom it was attributed to."""

    attribution: Attribution | None


def _paragraph_quotes(
    article_id: str, seg: Segment, lang: str, history: History, carried: _Carry | None, headline: bool = False
) -> tuple[list[Quote], _Carry | None]:
    text = seg.text
    tokens = tokenize(text)
    marks = direct_spans(text, continued=carried is not None, headline=headline)
    sentences = sentence_spans(text) or [(0, len(text))]
    introduced = history.colon[1] if history.colon and seg.index - history.colon[0] == 1 else None
    attributions = _unmarked_narration(tokens, marks, lang, seg, history) if carried is not None else None
    if attributions is not None:
        marks, carried = [], None
    else:
        attributions = find_attributions(tokens, marks, lang, seg, history)
    history.colon = colon_intro(tokens, attributions, seg.index, text)
    out: list[Quote] = []
    still_open: _Carry | None = None
    for open_, close in marks:
        inner = trim_span(text, open_ + 1, close)
        if inner is None:
            continue
        start, end = inner
        if names_not_quotes(text[start:end], attributions, tokens, open_):
            continue
        if open_ < 0 and carried is not None:
            attribution = carried.attribution
        else:
            attribution = _direct_attribution(tokens, attributions, sentences, open_, close, lang, marks)
        if attribution is None and introduced is not None and stands_alone(text, sentences, open_, close):
            attribution = introduced
        if attribution is None and stands_alone(text, sentences, open_, close):
            attribution = _reported_before(tokens, attributions, sentences, open_, lang) or history.last_quote(seg.index, seg.kind)
        if close == len(text) and text[-1] not in DOUBLE_MARKS:
            still_open = _Carry(attribution)
        continuation = open_ < 0 and carried is not None  # "I partied." inside a quotation over paragraphs
        if not continuation and word_count(text[start:end]) < (
                MIN_UNATTRIBUTED_WORDS if attribution is None and not announced(text, open_)
                and not (headline and set_off(text, open_, close)) else MIN_DIRECT_WORDS):
            if attribution is not None and attribution.name:
                history.quoted = (seg.index, seg.kind, attribution)  # '"Absolutely not," O'Connor said.'
            continue
        out.append(_quote(article_id, seg, lang, start, end, "direct", attribution))
        history.quoted = (seg.index, seg.kind, attribution)
    direct = [(q.start - seg.start, q.end - seg.start) for q in out]
    for attribution, (start, end) in outermost(tokens, indirect_clauses(tokens, attributions, sentences, lang)):
        if any(s < end and start < e for s, e in direct):
            end = _before_direct(text, start, end, direct)
            if end is None:
                continue
        # one clause read by two verbs ('he said, adding that', 'He said witnesses told police that'): one
        # quote, of the verb nearest it
        out = [q for q in out if not (q.kind == "indirect" and (q.start, q.end) == (seg.start + start, seg.start + end))]
        if word_count(text[start:end]) >= _least_words(text, start, end, seg.start == 0, lang, attribution):
            out.append(_quote(article_id, seg, lang, start, end, "indirect", attribution))
            if attribution.name and all(q.start < out[-1].start for q in out[:-1]):
                # "..., a Defence Ministry statement said." then a paragraph that is only a quotation
                history.quoted = (seg.index, seg.kind, attribution)
    if out:
        named = _paragraph_names(tokens, lang)
        out = [replace(q, context_names=named) for q in out]
    return sorted(out, key=lambda q: q.start), still_open


def _least_words(text: str, start: int, end: int, headline: bool, lang: str, attribution: Attribution) -> int:
    """Words a reported clause needs (``min_clause_words``); one of two clauses joined under one verb is a
    whole statement at ``MIN_COORDINATED_WORDS`` ("إن جميع الحالات مستقرة، وإن ...")."""
    least = min_clause_words(text, start, headline, lang, attribution)
    return min(least, MIN_COORDINATED_WORDS) if coordinated_part(text, start, end, lang) else least


CLAUSE_CONJUNCTIONS = frozenset("but and yet so then while لكن ولكن ثم بل".split())
"""After the comma, these open a second clause: what comes before it is a clause of its own."""


def _before_direct(text: str, start: int, end: int, direct: list[tuple[int, int]]) -> int | None:
    """The reported clause up to the comma before a direct quote that opens later in it ("Hammel said at
    first he thought it was excitement, but then he "realized ..."": the part before is reported speech
    of its own); None when a direct quote covers its start or no comma precedes the quote."""
    inside = [s for s, e in direct if s < end and start < e]
    if min(inside) <= start:
        return None
    cut = max(text.rfind(",", start, min(inside)), text.rfind("،", start, min(inside)))
    following = TOKEN.search(text, cut + 1) if cut > start else None
    return cut if following is not None and following[0].lower() in CLAUSE_CONJUNCTIONS else None


def _unmarked_narration(tokens: list[Token], marks: list[tuple[int, int]], lang: str, seg: Segment,
                        history: History) -> list[Attribution] | None:
    """A paragraph without a quote mark after a quotation left open: the writer's narration, not the
    quotation going on, when someone named reports something in it ("قال حارس الإنقاذ لاري جايلز إن ...":
    the open mark was a stray one). Its attributions then, else None (and the history as it was)."""
    if marks != [(-1, len(seg.text))] or any(ch in DOUBLE_MARKS for ch in seg.text):
        return None
    kept = len(history.entries)
    found = find_attributions(tokens, [], lang, seg, history)
    if any(a.name and a.as_written and a.kind == "person" and tokens[a.verb].word for a in found):
        return found
    del history.entries[kept:], history.offsets[kept:]
    return None


def paragraph_names(text: str, lang: str) -> tuple[str, ...]:
    """The proper names of a paragraph, as a quote of it keeps them (``Quote.context_names``)."""
    return _paragraph_names(tokenize(text), lang)


def _paragraph_names(tokens: list[Token], lang: str) -> tuple[str, ...]:
    runs = name_runs(tokens, lang)[:MAX_CONTEXT_NAMES]
    return tuple(" ".join(t.text for t in tokens[first:end] if t.word) for first, end in runs)


def _quote(article_id: str, seg: Segment, lang: str, start: int, end: int, kind: str,
           attribution: Attribution | None) -> Quote:
    return Quote(
        article_id=article_id,
        segment_index=seg.index,
        segment_kind=seg.kind,
        lang=lang,
        text=seg.text[start:end],
        start=seg.start + start,
        end=seg.start + end,
        kind=kind,
        speaker=attribution.name if attribution else None,
        speaker_as_written=attribution.as_written if attribution else None,
        speaker_kind=attribution.kind if attribution and attribution.name else UNATTRIBUTED,
    )


# --- Which verb a quote belongs to; indirect clauses ---------------------------------------------


def _direct_attribution(tokens: list[Token], attributions: list[Attribution], sentences: list[tuple[int, int]],
                        open_: int, close: int, lang: str, marks: list[tuple[int, int]]) -> Attribution | None:
    """The reporting verb before the quote in its sentence, or (English first) the one right after it."""
    lead_start = sentence_of(sentences, open_)[0]
    tail_end = sentence_of(sentences, max(close - 1, open_))[1]
    next_open = min((o for o, _ in marks if o > close), default=tail_end)
    lead = [a for a in attributions if lead_start <= tokens[a.verb].start < open_]
    tail = [a for a in attributions if close < tokens[a.verb].start < min(tail_end, next_open)
            and (_words_between(tokens, close, tokens[a.verb].start) <= MAX_WORDS_TO_TAIL_VERB
                 or named_then_titled(tokens, bisect_left([t.start for t in tokens], close), a.verb))
            and not _introduces_next(tokens, a.verb, next_open, {b.verb for b in attributions})]
    order = (tail[:1], lead[-1:]) if lang != "ar" else (lead[-1:], tail[:1])
    for choice in order:
        if choice:
            return choice[0]
    return None


def _reported_before(tokens: list[Token], attributions: list[Attribution], sentences: list[tuple[int, int]],
                     open_: int, lang: str) -> Attribution | None:
    """The speaker whose words the paragraph reported just before a quotation that stands alone ("Truck
    driver X said he had left his lorry on the deck. "I don't know if it burnt.""): that person goes on,
    not the one quoted last in an earlier paragraph. Only a verb that reported a clause of speech."""
    before = [a for a in attributions if tokens[a.verb].start < open_]
    if not before or not before[-1].name:
        return None
    return before[-1] if any(a is before[-1] for a, _ in indirect_clauses(tokens, before[-1:], sentences, lang)) else None


def _introduces_next(tokens: list[Token], verb: int, next_open: int, verbs: set[int]) -> bool:
    """'لافتات كُتب عليها: «...»، فيما ردد المحتجون: «...»': a verb whose colon opens the next quotation
    is that quotation's, not a tail verb of the one before it; a colon after another reporting verb is
    that one's ('«...»، يقول الراكب X، مضيفا: «...»': يقول is the first quotation's)."""
    for k in range(verb + 1, len(tokens)):
        if tokens[k].start >= next_open or k in verbs or (not tokens[k].word and tokens[k].text in ".!?؟"):
            return False  # '«...»، تقول أم X. وتتابع: «...»': a colon of the next sentence is not this verb's
        if not tokens[k].word and tokens[k].text == ":":
            return True
    return False


def _words_between(tokens: list[Token], start: int, end: int) -> int:
    return sum(1 for t in tokens if t.word and start <= t.start < end)
